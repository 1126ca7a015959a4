//! `transaction_notes`: the analyst's star and comment per transaction (F-REV-5).

use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use crate::codec::instant_text;
use crate::error::Result;
use crate::ids::{CaseId, TransactionId};

/// A transaction's star and comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteRow {
    /// The transaction.
    pub transaction_id: TransactionId,
    /// Starred by the analyst.
    pub starred: bool,
    /// The analyst's comment.
    pub comment: Option<String>,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<NoteRow> {
    Ok(NoteRow {
        transaction_id: row.get(0)?,
        starred: row.get::<_, i64>(1)? != 0,
        comment: row.get(2)?,
    })
}

/// The case's notes, by transaction id.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<NoteRow>> {
    let mut statement = conn.prepare_cached(
        "SELECT transaction_id, starred, comment FROM transaction_notes \
         WHERE case_id = ?1 ORDER BY transaction_id",
    )?;
    let rows = statement.query_map(params![case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets a note, or removes it when it is neither starred nor commented.
pub(crate) fn put(
    tx: &Transaction<'_>,
    at: chrono::DateTime<chrono::Utc>,
    case_id: CaseId,
    note: &NoteRow,
) -> Result<()> {
    if !note.starred && note.comment.is_none() {
        tx.prepare_cached("DELETE FROM transaction_notes WHERE transaction_id = ?1")?
            .execute(params![note.transaction_id])?;
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO transaction_notes (transaction_id, case_id, starred, comment, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (transaction_id) DO UPDATE SET starred = excluded.starred,
             comment = excluded.comment, set_at = excluded.set_at",
    )?
    .execute(params![
        note.transaction_id,
        case_id,
        i64::from(note.starred),
        note.comment,
        instant_text(at)
    ])?;
    Ok(())
}
