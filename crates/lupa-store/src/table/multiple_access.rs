//! `multiple_access` and `multiple_access_refreshes`: an applicant's consent to refresh their bank
//! data later (F-IMP-7) and the refreshes made with it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use crate::codec::{get_instant, get_instant_opt, instant_text};
use crate::error::Result;
use crate::ids::{CaseId, ImportId};

/// A consent with its refreshes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct MultipleAccessRow {
    /// Row id.
    #[ts(type = "number")]
    pub id: i64,
    /// The case.
    pub case_id: CaseId,
    /// Kontomatik's `multipleAccessId`.
    pub multiple_access_id: String,
    /// The bank target it opens.
    pub target: String,
    /// When the applicant granted it (the import that brought it started).
    pub granted_at: DateTime<Utc>,
    /// When the analyst revoked it.
    pub revoked_at: Option<DateTime<Utc>>,
    /// When each refresh was made, oldest first.
    pub refreshes: Vec<DateTime<Utc>>,
}

/// Records a consent (once per case and id).
pub(crate) fn insert(
    tx: &Transaction<'_>,
    case_id: CaseId,
    import_id: ImportId,
    multiple_access_id: &str,
    target: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO multiple_access (case_id, multiple_access_id, target, granted_import_id, granted_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (case_id, multiple_access_id) DO NOTHING",
    )?
    .execute(params![case_id, multiple_access_id, target, import_id, instant_text(at)])?;
    Ok(())
}

/// Records a refresh made with consent `id`.
pub(crate) fn insert_refresh(
    tx: &Transaction<'_>,
    id: i64,
    import_id: ImportId,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO multiple_access_refreshes (multiple_access, import_id, refreshed_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![id, import_id, instant_text(at)])?;
    Ok(())
}

/// Marks consent `id` revoked.
pub(crate) fn revoke(tx: &Transaction<'_>, id: i64, at: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "UPDATE multiple_access SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
    )?
    .execute(params![id, instant_text(at)])?;
    Ok(())
}

/// The case's newest consent, with its refreshes.
pub fn newest_for_case(conn: &Connection, case_id: CaseId) -> Result<Option<MultipleAccessRow>> {
    let row = conn
        .prepare_cached(
            "SELECT id, case_id, multiple_access_id, target, granted_at, revoked_at
             FROM multiple_access WHERE case_id = ?1 ORDER BY granted_at DESC, id DESC LIMIT 1",
        )?
        .query_row(params![case_id], |row| {
            Ok(MultipleAccessRow {
                id: row.get(0)?,
                case_id: row.get(1)?,
                multiple_access_id: row.get(2)?,
                target: row.get(3)?,
                granted_at: get_instant(row, 4)?,
                revoked_at: get_instant_opt(row, 5)?,
                refreshes: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut row) = row else {
        return Ok(None);
    };
    let mut statement = conn.prepare_cached(
        "SELECT refreshed_at FROM multiple_access_refreshes WHERE multiple_access = ?1 ORDER BY refreshed_at",
    )?;
    row.refreshes = statement
        .query_map(params![row.id], |r| get_instant(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(row))
}
