//! `cases`: one applicant (owner external id) per environment, with its delete-after date.

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::Environment;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{
    date_text, get_date, get_environment, get_instant, get_instant_opt, instant_text,
};
use crate::error::Result;
use crate::ids::CaseId;
use crate::types::Decision;
use ts_rs::TS;

/// A case row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct CaseRow {
    /// Id.
    pub id: CaseId,
    /// Environment of every import of the case.
    pub environment: Environment,
    /// Kontomatik's `ownerExternalId` (or a file's derived id).
    pub owner_external_id: String,
    /// The applicant's name from the newest saved import, once one is saved.
    pub display_name: Option<String>,
    /// When the case was created.
    pub created_at: DateTime<Utc>,
    /// When an import of it last started or was saved.
    pub updated_at: DateTime<Utc>,
    /// The case is purged on the first day after this date.
    pub delete_after: NaiveDate,
    /// The analyst's decision, if any.
    pub decision: Option<Decision>,
    /// Why.
    pub decision_rationale: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
}

/// Columns of [`from_row`], prefixed `c.`.
pub const COLUMNS: &str = "c.id, c.environment, c.owner_external_id, c.display_name, c.created_at, \
     c.updated_at, c.delete_after, c.decision, c.decision_rationale, c.decided_by, c.decided_at";
const SELECT: &str = "SELECT c.id, c.environment, c.owner_external_id, c.display_name, \
     c.created_at, c.updated_at, c.delete_after, c.decision, c.decision_rationale, c.decided_by, \
     c.decided_at FROM cases c";
const INSERT: &str = "INSERT INTO cases (environment, owner_external_id, search_text, created_at, \
     updated_at, delete_after) VALUES (?1, ?2, ?3, ?4, ?4, ?5)";
const TOUCH: &str = "UPDATE cases SET updated_at = max(updated_at, ?2), \
     delete_after = max(delete_after, ?3) WHERE id = ?1";
const SET_DISPLAY_NAME: &str = "UPDATE cases SET display_name = ?2 WHERE id = ?1";
const SET_SEARCH_TEXT: &str = "UPDATE cases SET search_text = ?2 WHERE id = ?1";
const IBANS: &str = "SELECT iban FROM accounts WHERE case_id = ?1 ORDER BY id";
const SET_DELETE_AFTER: &str = "UPDATE cases SET delete_after = ?2 WHERE id = ?1";
const EXPIRED: &str = "SELECT id FROM cases WHERE delete_after < ?1 ORDER BY id";
const DELETE: &str = "DELETE FROM cases WHERE id = ?1";

/// Reads the columns of [`COLUMNS`] starting at `base`.
pub fn from_row_at(row: &Row<'_>, base: usize) -> rusqlite::Result<CaseRow> {
    Ok(CaseRow {
        id: row.get(base)?,
        environment: get_environment(row, base + 1)?,
        owner_external_id: row.get(base + 2)?,
        display_name: row.get(base + 3)?,
        created_at: get_instant(row, base + 4)?,
        updated_at: get_instant(row, base + 5)?,
        delete_after: get_date(row, base + 6)?,
        decision: row.get(base + 7)?,
        decision_rationale: row.get(base + 8)?,
        decided_by: row.get(base + 9)?,
        decided_at: get_instant_opt(row, base + 10)?,
    })
}

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<CaseRow> {
    from_row_at(row, 0)
}

/// The text the case list searches: the display name, the owner id and the accounts' IBANs,
/// lower-cased (Unicode), one per line.
pub(crate) fn search_text(
    display_name: Option<&str>,
    owner_external_id: &str,
    ibans: &[String],
) -> String {
    let mut lines = vec![
        display_name.unwrap_or("").to_lowercase(),
        owner_external_id.to_lowercase(),
    ];
    lines.extend(ibans.iter().map(|iban| iban.to_lowercase()));
    lines.join("\n")
}

/// One case.
pub fn get(conn: &Connection, id: CaseId) -> Result<CaseRow> {
    let sql = format!("{SELECT} WHERE c.id = ?1");
    super::found(
        conn.prepare_cached(&sql)?.query_row([id], from_row),
        "case",
        id.0,
    )
}

/// The case of an applicant in an environment.
pub fn find(
    conn: &Connection,
    environment: Environment,
    owner_external_id: &str,
) -> Result<Option<CaseRow>> {
    let sql = format!("{SELECT} WHERE c.environment = ?1 AND c.owner_external_id = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![environment.as_str(), owner_external_id], from_row)
        .optional()?)
}

/// Creates a case.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    environment: Environment,
    owner_external_id: &str,
    now: DateTime<Utc>,
    delete_after: NaiveDate,
) -> Result<CaseId> {
    tx.prepare_cached(INSERT)?.execute(params![
        environment.as_str(),
        owner_external_id,
        search_text(None, owner_external_id, &[]),
        instant_text(now),
        date_text(delete_after),
    ])?;
    Ok(CaseId(tx.last_insert_rowid()))
}

/// Marks activity: `updated_at` moves forward, `delete_after` never moves back.
pub(crate) fn touch(
    tx: &Transaction<'_>,
    id: CaseId,
    now: DateTime<Utc>,
    keep_until_at_least: NaiveDate,
) -> Result<()> {
    tx.prepare_cached(TOUCH)?.execute(params![
        id,
        instant_text(now),
        date_text(keep_until_at_least)
    ])?;
    Ok(())
}

/// Sets the display name; [`refresh_search_text`] must follow.
pub(crate) fn set_display_name(tx: &Transaction<'_>, id: CaseId, display_name: &str) -> Result<()> {
    tx.prepare_cached(SET_DISPLAY_NAME)?
        .execute(params![id, display_name])?;
    Ok(())
}

/// Recomputes the search text from the case's name, owner id and account IBANs.
const WIDEN_TRANSACTION_RANGE: &str = "UPDATE cases SET \
     first_transaction_id = min(coalesce(first_transaction_id, ?2), ?2), \
     last_transaction_id = max(coalesce(last_transaction_id, ?3), ?3) WHERE id = ?1";

/// Widens the case's transaction id range (migration 8) to include `first..=last`.
pub(crate) fn widen_transaction_range(
    tx: &Transaction<'_>,
    id: CaseId,
    first: i64,
    last: i64,
) -> Result<()> {
    tx.prepare_cached(WIDEN_TRANSACTION_RANGE)?
        .execute(rusqlite::params![id, first, last])?;
    Ok(())
}

pub(crate) fn refresh_search_text(tx: &Transaction<'_>, id: CaseId) -> Result<()> {
    let case = get(tx, id)?;
    let ibans: Vec<String> = tx
        .prepare_cached(IBANS)?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let text = search_text(
        case.display_name.as_deref(),
        &case.owner_external_id,
        &ibans,
    );
    tx.prepare_cached(SET_SEARCH_TEXT)?
        .execute(params![id, text])?;
    Ok(())
}

/// Sets the delete-after date, earlier or later.
pub(crate) fn set_delete_after(tx: &Transaction<'_>, id: CaseId, date: NaiveDate) -> Result<usize> {
    Ok(tx
        .prepare_cached(SET_DELETE_AFTER)?
        .execute(params![id, date_text(date)])?)
}

/// Cases whose delete-after date is before `today`.
pub fn expired(conn: &Connection, today: NaiveDate) -> Result<Vec<CaseId>> {
    let mut stmt = conn.prepare_cached(EXPIRED)?;
    let ids = stmt
        .query_map([date_text(today)], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Deletes a case and, by cascade, everything under it.
pub(crate) fn delete(tx: &Transaction<'_>, id: CaseId) -> Result<usize> {
    Ok(tx.prepare_cached(DELETE)?.execute([id])?)
}
