//! What changed between two imports of a case (F-STO-4): new, vanished, pending → booked and
//! otherwise changed transactions, from the two imports' sightings.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use crate::codec::id_array;
use crate::error::{Error, Result};
use crate::ids::{ImportId, TransactionId};
use crate::store::Store;
use crate::table::imports;
use crate::table::transaction_sightings::{self, SightingRow};
use crate::table::transactions::{self, COLUMNS, TransactionRow};

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
        let before = seen_by(&self.conn, earlier)?;
        let mut after = seen_by(&self.conn, later)?;
        let mut diff = ImportDiff::default();
        let mut changed = Vec::new();
        let mut vanished = Vec::new();
        for (id, seen_before) in before {
            match after.remove(&id) {
                None => vanished.push(id),
                Some(seen_after) if differs(&seen_before, &seen_after) => {
                    changed.push((id, seen_before, seen_after));
                }
                Some(_) => {}
            }
        }
        let new: Vec<TransactionId> = after.into_keys().collect();
        diff.new = rows_newest_first(&self.conn, new.iter().copied())?;
        diff.vanished = rows_newest_first(&self.conn, vanished.iter().copied())?;
        let mut pairs: HashMap<TransactionId, (SightingRow, SightingRow)> = changed
            .into_iter()
            .map(|(id, before, after)| (id, (before, after)))
            .collect();
        let ids: Vec<TransactionId> = pairs.keys().copied().collect();
        for transaction in rows_newest_first(&self.conn, ids)? {
            let (before, after) = pairs
                .remove(&transaction.id)
                .expect("every row was asked for by id");
            let entry = ChangedTransaction {
                transaction,
                before,
                after,
            };
            if entry.before.pending && !entry.after.pending {
                diff.pending_to_booked.push(entry);
            } else {
                diff.changed.push(entry);
            }
        }
        Ok(diff)
    }
}

/// An import's sightings by transaction.
fn seen_by(conn: &Connection, import_id: ImportId) -> Result<HashMap<TransactionId, SightingRow>> {
    Ok(transaction_sightings::for_import(conn, import_id)?
        .into_iter()
        .flat_map(|source| source.seen)
        .map(|seen| (seen.transaction_id, seen))
        .collect())
}

/// A different status, booking date, balance or descriptive field.
fn differs(before: &SightingRow, after: &SightingRow) -> bool {
    before.status != after.status
        || before.pending != after.pending
        || before.booked_on != after.booked_on
        || before.balance_after != after.balance_after
        || before.details_hash != after.details_hash
}

/// The rows with these ids, newest first.
fn rows_newest_first(
    conn: &Connection,
    ids: impl IntoIterator<Item = TransactionId>,
) -> Result<Vec<TransactionRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM transactions t WHERE t.id IN rarray(?1) \
         ORDER BY t.transaction_on DESC, t.id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            [id_array(ids.into_iter().map(|id| id.0))],
            transactions::from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
