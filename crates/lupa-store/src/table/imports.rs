//! `imports`: one default import, advanced import or file, with its lifecycle state.

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::Environment;
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{
    date_text, get_bool_opt, get_date_opt, get_environment, get_instant, get_instant_opt,
    instant_text,
};
use crate::error::Result;
use crate::ids::{CaseId, ImportId};
use crate::types::{Flow, ImportState};
use ts_rs::TS;

/// An import row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct ImportRow {
    /// Id.
    pub id: ImportId,
    /// Its case.
    pub case_id: CaseId,
    /// Environment it ran in.
    pub environment: Environment,
    /// Default, advanced or file.
    pub flow: Flow,
    /// Kontomatik target (bank), e.g. `KontoBank`; `unknown` for a file that names none.
    pub target: String,
    /// The target's institution, once a reply named it.
    pub institution: Option<String>,
    /// The bank session's id (live imports).
    pub session_id: Option<String>,
    /// Kontomatik's command id, once the start was accepted (F-IMP-6).
    pub command_id: Option<String>,
    /// `since` asked for.
    pub since: Option<NaiveDate>,
    /// Running, saved or failed.
    pub state: ImportState,
    /// When it was created.
    pub started_at: DateTime<Utc>,
    /// When it was saved or failed.
    pub finished_at: Option<DateTime<Utc>>,
    /// Lupa's classification of a failure, e.g. `needs_new_login`.
    pub error_code: Option<String>,
    /// Kontomatik's exception name, e.g. `InvalidSessionId`.
    pub error_name: Option<String>,
    /// Kontomatik's technical message.
    pub error_message: Option<String>,
    /// For a `data.xml` file: the index of the `<target>` this import holds.
    pub file_target_index: Option<i64>,
    /// Saved: whether the result had `<owners>`, `<accounts>`, `<creditCards>` elements.
    pub has_owners: Option<bool>,
    /// See `has_owners`.
    pub has_accounts: Option<bool>,
    /// See `has_owners`.
    pub has_credit_cards: Option<bool>,
    /// Saved: transactions in the result (accounts and cards).
    pub transaction_count: Option<i64>,
    /// Saved: items the parser skipped.
    pub skipped_count: Option<i64>,
}

/// Columns of [`from_row`], prefixed `i.`.
const SELECT: &str = "SELECT i.id, i.case_id, i.environment, i.flow, i.target, i.institution, \
     i.session_id, i.command_id, i.since, i.state, i.started_at, i.finished_at, i.error_code, \
     i.error_name, i.error_message, i.file_target_index, i.has_owners, i.has_accounts, \
     i.has_credit_cards, i.transaction_count, i.skipped_count FROM imports i";
const INSERT: &str = "INSERT INTO imports (case_id, environment, flow, target, session_id, since, \
     started_at, file_target_index) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const SET_COMMAND_ID: &str = "UPDATE imports SET command_id = ?2 WHERE id = ?1";
const MARK_SAVED: &str = "UPDATE imports SET state = 'saved', finished_at = coalesce(?2, finished_at), \
     institution = coalesce(?3, institution), has_owners = ?4, has_accounts = ?5, \
     has_credit_cards = ?6, transaction_count = ?7, skipped_count = ?8, error_code = NULL, \
     error_name = NULL, error_message = NULL WHERE id = ?1";
const MARK_FAILED: &str = "UPDATE imports SET state = 'failed', finished_at = ?2, error_code = ?3, \
     error_name = ?4, error_message = ?5 WHERE id = ?1";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<ImportRow> {
    Ok(ImportRow {
        id: row.get(0)?,
        case_id: row.get(1)?,
        environment: get_environment(row, 2)?,
        flow: row.get(3)?,
        target: row.get(4)?,
        institution: row.get(5)?,
        session_id: row.get(6)?,
        command_id: row.get(7)?,
        since: get_date_opt(row, 8)?,
        state: row.get(9)?,
        started_at: get_instant(row, 10)?,
        finished_at: get_instant_opt(row, 11)?,
        error_code: row.get(12)?,
        error_name: row.get(13)?,
        error_message: row.get(14)?,
        file_target_index: row.get(15)?,
        has_owners: get_bool_opt(row, 16)?,
        has_accounts: get_bool_opt(row, 17)?,
        has_credit_cards: get_bool_opt(row, 18)?,
        transaction_count: row.get(19)?,
        skipped_count: row.get(20)?,
    })
}

/// One import.
pub fn get(conn: &Connection, id: ImportId) -> Result<ImportRow> {
    let sql = format!("{SELECT} WHERE i.id = ?1");
    super::found(
        conn.prepare_cached(&sql)?.query_row([id], from_row),
        "import",
        id.0,
    )
}

/// A case's imports, oldest first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<ImportRow>> {
    let sql = format!("{SELECT} WHERE i.case_id = ?1 ORDER BY i.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([case_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Imports still running (to resume after a restart), oldest first.
pub fn running(conn: &Connection) -> Result<Vec<ImportRow>> {
    let sql = format!("{SELECT} WHERE i.state = 'running' ORDER BY i.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// What a new import row holds.
pub(crate) struct NewImportRow<'a> {
    pub case_id: CaseId,
    pub environment: Environment,
    pub flow: Flow,
    pub target: &'a str,
    pub session_id: Option<&'a str>,
    pub since: Option<NaiveDate>,
    pub started_at: DateTime<Utc>,
    pub file_target_index: Option<i64>,
}

/// Creates an import in state `running`.
pub(crate) fn insert(tx: &Transaction<'_>, new: &NewImportRow<'_>) -> Result<ImportId> {
    tx.prepare_cached(INSERT)?.execute(params![
        new.case_id,
        new.environment.as_str(),
        new.flow,
        new.target,
        new.session_id,
        new.since.map(date_text),
        instant_text(new.started_at),
        new.file_target_index,
    ])?;
    Ok(ImportId(tx.last_insert_rowid()))
}

/// Stores Kontomatik's command id.
pub(crate) fn set_command_id(tx: &Transaction<'_>, id: ImportId, command_id: &str) -> Result<()> {
    tx.prepare_cached(SET_COMMAND_ID)?
        .execute(params![id, command_id])?;
    Ok(())
}

/// What saving an import records.
pub(crate) struct Saved<'a> {
    /// `None` keeps the first save's time (a re-ingest).
    pub finished_at: Option<DateTime<Utc>>,
    pub institution: Option<&'a str>,
    pub has_owners: bool,
    pub has_accounts: bool,
    pub has_credit_cards: bool,
    pub transaction_count: i64,
    pub skipped_count: i64,
}

/// Marks an import saved.
pub(crate) fn mark_saved(tx: &Transaction<'_>, id: ImportId, saved: &Saved<'_>) -> Result<()> {
    tx.prepare_cached(MARK_SAVED)?.execute(params![
        id,
        saved.finished_at.map(instant_text),
        saved.institution,
        saved.has_owners,
        saved.has_accounts,
        saved.has_credit_cards,
        saved.transaction_count,
        saved.skipped_count,
    ])?;
    Ok(())
}

/// Marks an import failed.
pub(crate) fn mark_failed(
    tx: &Transaction<'_>,
    id: ImportId,
    at: DateTime<Utc>,
    code: &str,
    name: Option<&str>,
    message: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(MARK_FAILED)?
        .execute(params![id, instant_text(at), code, name, message])?;
    Ok(())
}
