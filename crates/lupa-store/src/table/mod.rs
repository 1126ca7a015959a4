//! One module per table: its row struct, its SQL as plain strings and one `from_row`.
//! Reads take a `&Connection`, writes a `&Transaction`.

pub mod account_snapshots;
pub mod accounts;
pub mod audit_log;
pub mod card_snapshots;
pub mod case_decisions;
pub mod cases;
pub mod category_overrides;
pub mod credit_cards;
pub mod imports;
pub mod multiple_access;
pub mod owners;
pub mod raw_replies;
pub mod saved_views;
pub mod score_requests;
pub mod statement_uploads;
pub mod transaction_notes;
pub mod transaction_sightings;
pub mod transactions;
pub mod used_sessions;

/// Maps "no rows" to [`crate::Error::NotFound`].
pub(crate) fn found<T>(
    result: rusqlite::Result<T>,
    what: &'static str,
    id: i64,
) -> crate::Result<T> {
    match result {
        Ok(value) => Ok(value),
        Err(rusqlite::Error::QueryReturnedNoRows) => Err(crate::Error::NotFound { what, id }),
        Err(error) => Err(error.into()),
    }
}
