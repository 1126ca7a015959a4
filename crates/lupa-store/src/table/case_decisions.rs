//! `case_decisions`: every decision on a case and every reopening, with rationale, analyst and
//! time (F-REV-7). The current decision is also on `cases`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use crate::codec::{get_instant, instant_text};
use crate::error::Result;
use crate::ids::CaseId;

/// One line of a case's decision history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct DecisionRow {
    /// Id (increasing).
    pub id: i64,
    /// `approve`, `decline`, `refer` or `reopen`.
    pub action: String,
    /// The rationale, or the reason for reopening.
    pub rationale: String,
    /// Who.
    pub analyst: String,
    /// When.
    pub at: DateTime<Utc>,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<DecisionRow> {
    Ok(DecisionRow {
        id: row.get(0)?,
        action: row.get(1)?,
        rationale: row.get(2)?,
        analyst: row.get(3)?,
        at: get_instant(row, 4)?,
    })
}

/// The case's history, oldest first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<DecisionRow>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, action, rationale, analyst, at FROM case_decisions WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map(params![case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Appends a line.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    case_id: CaseId,
    action: &str,
    rationale: &str,
    analyst: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO case_decisions (case_id, action, rationale, analyst, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![case_id, action, rationale, analyst, instant_text(at)])?;
    Ok(())
}
