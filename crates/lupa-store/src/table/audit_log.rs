//! `audit_log`: what happened to which case and import, by ids and action codes only
//! (F-STO-5: a purge leaves a line that keeps no personal data).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{get_instant, instant_text};
use crate::error::Result;
use crate::ids::{CaseId, ImportId};
use crate::types::AuditAction;

/// An audit line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "store.ts", rename_all = "camelCase")]
pub struct AuditRow {
    /// Id (increasing).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub action: AuditAction,
    /// Which case.
    #[ts(type = "number | null")]
    pub case_id: Option<CaseId>,
    /// Which import.
    #[ts(type = "number | null")]
    pub import_id: Option<ImportId>,
}

const SELECT: &str = "SELECT id, at, action, case_id, import_id FROM audit_log";
const INSERT: &str =
    "INSERT INTO audit_log (at, action, case_id, import_id) VALUES (?1, ?2, ?3, ?4)";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: row.get(0)?,
        at: get_instant(row, 1)?,
        action: row.get(2)?,
        case_id: row.get(3)?,
        import_id: row.get(4)?,
    })
}

/// Appends a line.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    at: DateTime<Utc>,
    action: AuditAction,
    case_id: Option<CaseId>,
    import_id: Option<ImportId>,
) -> Result<()> {
    tx.prepare_cached(INSERT)?
        .execute(params![instant_text(at), action, case_id, import_id])?;
    Ok(())
}

/// The newest `limit` lines about one case, newest first.
pub fn recent_for_case(conn: &Connection, case_id: CaseId, limit: u32) -> Result<Vec<AuditRow>> {
    let sql = format!("{SELECT} WHERE case_id = ?1 ORDER BY id DESC LIMIT ?2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(params![case_id, limit], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The newest `limit` lines, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditRow>> {
    let sql = format!("{SELECT} ORDER BY id DESC LIMIT ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([limit], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
