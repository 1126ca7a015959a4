//! `transaction_sightings`: what each import saw of each transaction (status, booking date,
//! balance, descriptive-field hash), so diffs compare any two imports and an import's reply can
//! be re-derived with its own values.

use chrono::NaiveDate;
use rusqlite::{Row, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::codec::{from_minor, get_date_opt};
use crate::error::Result;
use crate::ids::{ImportId, TransactionId};

/// A sighting row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SightingRow {
    /// The import.
    pub import_id: ImportId,
    /// The transaction it saw.
    pub transaction_id: TransactionId,
    /// Index in its account's or card's transaction list in the reply.
    pub position: i64,
    /// `status` as that import saw it.
    pub status: Option<String>,
    /// Pending in that import.
    pub pending: bool,
    /// `bookedOn` as that import saw it.
    pub booked_on: Option<NaiveDate>,
    /// `currencyBalance` as that import saw it.
    pub balance_after: Option<Decimal>,
    /// 64 bits of SHA-256 over the descriptive fields that import saw.
    pub details_hash: i64,
}

/// Columns of [`from_row_at`], prefixed `s.`.
pub const COLUMNS: &str = "s.import_id, s.transaction_id, s.position, s.status, s.pending, \
     s.booked_on, s.balance_after_minor, s.details_hash";
pub(crate) const INSERT: &str = "INSERT INTO transaction_sightings (import_id, transaction_id, \
     position, status, pending, booked_on, balance_after_minor, details_hash) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const DELETE_FOR_IMPORT: &str = "DELETE FROM transaction_sightings WHERE import_id = ?1";

/// Reads the columns of [`COLUMNS`] starting at `base`.
pub fn from_row_at(row: &Row<'_>, base: usize) -> rusqlite::Result<SightingRow> {
    Ok(SightingRow {
        import_id: row.get(base)?,
        transaction_id: row.get(base + 1)?,
        position: row.get(base + 2)?,
        status: row.get(base + 3)?,
        pending: row.get(base + 4)?,
        booked_on: get_date_opt(row, base + 5)?,
        balance_after: row.get::<_, Option<i64>>(base + 6)?.map(from_minor),
        details_hash: row.get(base + 7)?,
    })
}

/// Reads a row whose first columns are [`COLUMNS`].
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<SightingRow> {
    from_row_at(row, 0)
}

/// Deletes an import's sightings (re-ingest).
pub(crate) fn delete_for_import(tx: &Transaction<'_>, import_id: ImportId) -> Result<()> {
    tx.prepare_cached(DELETE_FOR_IMPORT)?.execute([import_id])?;
    Ok(())
}
