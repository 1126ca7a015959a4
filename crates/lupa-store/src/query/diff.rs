//! What changed between two imports of a case (F-STO-4): new, vanished, pending → booked and
//! otherwise changed transactions, from the two imports' sightings.

use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::ImportId;
use crate::store::Store;
use crate::table::imports;
use crate::table::transaction_sightings::{self, SightingRow};
use crate::table::transactions::{self, COLUMN_COUNT, COLUMNS, TransactionRow};

/// A transaction both imports saw, with what each saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedTransaction {
    /// The transaction with its newest values.
    pub transaction: TransactionRow,
    /// What the earlier import saw.
    pub before: SightingRow,
    /// What the later import saw.
    pub after: SightingRow,
}

/// The differences between two imports of one case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImportDiff {
    /// Seen by the later import only.
    pub new: Vec<TransactionRow>,
    /// Seen by the earlier import only.
    pub vanished: Vec<TransactionRow>,
    /// Pending in the earlier import, booked in the later.
    pub pending_to_booked: Vec<ChangedTransaction>,
    /// Seen by both with a different status, booking date, balance or descriptive field.
    pub changed: Vec<ChangedTransaction>,
}

impl Store {
    /// Compares two imports of the same case; transactions come newest first.
    pub fn diff_imports(&self, earlier: ImportId, later: ImportId) -> Result<ImportDiff> {
        let first = imports::get(&self.conn, earlier)?;
        let second = imports::get(&self.conn, later)?;
        if first.case_id != second.case_id {
            return Err(Error::DifferentCases(earlier, later));
        }
        let only = |this: ImportId, other: ImportId| -> Result<Vec<TransactionRow>> {
            let sql = format!(
                "SELECT {COLUMNS} FROM transaction_sightings s \
                 JOIN transactions t ON t.id = s.transaction_id \
                 WHERE s.import_id = ?1 AND NOT EXISTS (SELECT 1 FROM transaction_sightings o \
                     WHERE o.import_id = ?2 AND o.transaction_id = s.transaction_id) \
                 ORDER BY t.transaction_on DESC, t.id DESC"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt
                .query_map(params![this, other], transactions::from_row)?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        };
        let mut diff = ImportDiff {
            new: only(later, earlier)?,
            vanished: only(earlier, later)?,
            ..ImportDiff::default()
        };
        let sql = format!(
            "SELECT {COLUMNS}, {before}, {after} FROM transaction_sightings s \
             JOIN transaction_sightings a ON a.import_id = ?2 AND a.transaction_id = s.transaction_id \
             JOIN transactions t ON t.id = s.transaction_id \
             WHERE s.import_id = ?1 \
               AND (s.status IS NOT a.status OR s.pending <> a.pending \
                    OR s.booked_on IS NOT a.booked_on \
                    OR s.balance_after_minor IS NOT a.balance_after_minor \
                    OR s.details_hash <> a.details_hash) \
             ORDER BY t.transaction_on DESC, t.id DESC",
            before = transaction_sightings::COLUMNS,
            after = transaction_sightings::COLUMNS.replace("s.", "a."),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let changed = stmt.query_map(params![earlier, later], |row| {
            Ok(ChangedTransaction {
                transaction: transactions::from_row(row)?,
                before: transaction_sightings::from_row_at(row, COLUMN_COUNT)?,
                after: transaction_sightings::from_row_at(row, COLUMN_COUNT + 8)?,
            })
        })?;
        for entry in changed {
            let entry = entry?;
            if entry.before.pending && !entry.after.pending {
                diff.pending_to_booked.push(entry);
            } else {
                diff.changed.push(entry);
            }
        }
        Ok(diff)
    }
}
