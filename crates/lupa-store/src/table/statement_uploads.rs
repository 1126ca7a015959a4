//! `statement_uploads`: the evidence of a PDF statement sent to Kontomatik's PDF Parsing API
//! (F-IMP-11), one row per import: the file's facts, what the reply said, Lupa's checks.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::codec::{date_text, decode_error, get_date_opt, get_instant, instant_text};
use crate::error::Result;
use crate::ids::{CaseId, ImportId};

/// One verification Kontomatik reported as failed, as it named it (the vocabulary is unverified).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "store.ts")]
pub struct FailedCheck {
    /// Kontomatik's name for the check, e.g. `AMOUNT_CONSISTENCY`.
    pub name: String,
    /// Its explanation, when one came.
    pub message: Option<String>,
}

/// How one of Lupa's own checks of a parsed statement came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "store.ts")]
pub enum CheckOutcome {
    /// It agrees.
    Pass,
    /// It differs in a way the analyst should look at.
    Warn,
    /// It contradicts the case.
    Fail,
    /// Nothing to compare with.
    Unknown,
}

impl CheckOutcome {
    /// The value as serialised (`pass`, `warn`, `fail`, `unknown`).
    pub fn as_str(self) -> &'static str {
        match self {
            CheckOutcome::Pass => "pass",
            CheckOutcome::Warn => "warn",
            CheckOutcome::Fail => "fail",
            CheckOutcome::Unknown => "unknown",
        }
    }
}

/// One of Lupa's checks of a parsed statement against the case (owner name, IBAN, period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "store.ts")]
pub struct StatementCheck {
    /// Which check: `owner_name`, `iban` or `period`.
    pub check: String,
    /// How it came out.
    pub outcome: CheckOutcome,
    /// What was compared, in words (may name the applicant: it stays in the encrypted database).
    pub detail: String,
}

/// The upload's facts, known before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatementUpload<'a> {
    /// SHA-256 of the PDF, lower-case hex.
    pub sha256: &'a str,
    /// The file's name as the analyst chose it (no directory).
    pub file_name: &'a str,
    /// Its size in bytes.
    pub size: u64,
    /// When it was sent.
    pub uploaded_at: DateTime<Utc>,
    /// The adapter, e.g. `xml-v1`.
    pub api: &'a str,
    /// `standard` or `trusted`.
    pub mode: &'a str,
    /// Whether an inconsistent document (an account history) was accepted.
    pub accept_inconsistent: bool,
}

/// What the reply said and what Lupa checked, written after the raw reply is stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatementFindings {
    /// `statement@id`.
    pub statement_id: Option<String>,
    /// `statement@isConsistent`.
    pub is_consistent: Option<bool>,
    /// The period the statement covers.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Verifications Kontomatik reported as failed.
    pub failed_verifications: Vec<FailedCheck>,
    /// Lupa's checks.
    pub checks: Vec<StatementCheck>,
    /// The refusal's code (e.g. `tampered`), when refused.
    pub refusal: Option<String>,
}

/// A stored row: the evidence of one uploaded statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct StatementUploadRow {
    /// The import it belongs to.
    #[ts(type = "number")]
    pub import_id: ImportId,
    /// SHA-256 of the PDF.
    pub sha256: String,
    /// The file's name.
    pub file_name: String,
    /// Its size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// When it was sent.
    pub uploaded_at: DateTime<Utc>,
    /// The adapter, e.g. `xml-v1`.
    pub api: String,
    /// `standard` or `trusted`.
    pub mode: String,
    /// Whether an inconsistent document was accepted.
    pub accept_inconsistent: bool,
    /// `statement@id`.
    pub statement_id: Option<String>,
    /// `statement@isConsistent`.
    pub is_consistent: Option<bool>,
    /// First day of the statement's period.
    pub period_from: Option<NaiveDate>,
    /// Last day of the statement's period.
    pub period_to: Option<NaiveDate>,
    /// Verifications Kontomatik reported as failed.
    pub failed_verifications: Vec<FailedCheck>,
    /// Lupa's checks.
    pub checks: Vec<StatementCheck>,
    /// The refusal's code, when refused.
    pub refusal: Option<String>,
}

const COLUMNS: &str = "s.import_id, s.sha256, s.file_name, s.size, s.uploaded_at, s.api, s.mode, \
     s.accept_inconsistent, s.statement_id, s.is_consistent, s.period_from, s.period_to, \
     s.failed_verifications, s.checks, s.refusal";
const INSERT: &str = "INSERT INTO statement_uploads (import_id, sha256, file_name, size, \
     uploaded_at, api, mode, accept_inconsistent) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
const SET_FINDINGS: &str = "UPDATE statement_uploads SET statement_id = ?2, is_consistent = ?3, \
     period_from = ?4, period_to = ?5, failed_verifications = ?6, checks = ?7, refusal = ?8 \
     WHERE import_id = ?1";

pub(crate) fn insert(
    tx: &Transaction<'_>,
    import_id: ImportId,
    new: &NewStatementUpload<'_>,
) -> Result<()> {
    tx.prepare_cached(INSERT)?.execute(params![
        import_id,
        new.sha256,
        new.file_name,
        i64::try_from(new.size).unwrap_or(i64::MAX),
        instant_text(new.uploaded_at),
        new.api,
        new.mode,
        new.accept_inconsistent,
    ])?;
    Ok(())
}

pub(crate) fn set_findings(
    tx: &Transaction<'_>,
    import_id: ImportId,
    findings: &StatementFindings,
) -> Result<()> {
    let failed =
        serde_json::to_string(&findings.failed_verifications).expect("plain structs serialise");
    let checks = serde_json::to_string(&findings.checks).expect("plain structs serialise");
    tx.prepare_cached(SET_FINDINGS)?.execute(params![
        import_id,
        findings.statement_id,
        findings.is_consistent,
        findings.period.map(|(from, _)| date_text(from)),
        findings.period.map(|(_, to)| date_text(to)),
        failed,
        checks,
        findings.refusal,
    ])?;
    Ok(())
}

/// The evidence of one import, if it is a statement.
pub fn get(conn: &Connection, import_id: ImportId) -> Result<Option<StatementUploadRow>> {
    let sql = format!("SELECT {COLUMNS} FROM statement_uploads s WHERE s.import_id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![import_id], from_row)
        .optional()?)
}

/// Every statement uploaded to a case, oldest first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<StatementUploadRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM statement_uploads s JOIN imports i ON i.id = s.import_id \
         WHERE i.case_id = ?1 ORDER BY s.import_id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<StatementUploadRow> {
    let size: i64 = row.get(3)?;
    let failed: String = row.get(12)?;
    let checks: String = row.get(13)?;
    Ok(StatementUploadRow {
        import_id: row.get(0)?,
        sha256: row.get(1)?,
        file_name: row.get(2)?,
        size: u64::try_from(size).unwrap_or(0),
        uploaded_at: get_instant(row, 4)?,
        api: row.get(5)?,
        mode: row.get(6)?,
        accept_inconsistent: row.get(7)?,
        statement_id: row.get(8)?,
        is_consistent: row.get(9)?,
        period_from: get_date_opt(row, 10)?,
        period_to: get_date_opt(row, 11)?,
        failed_verifications: serde_json::from_str(&failed)
            .map_err(|_| decode_error(12, &failed))?,
        checks: serde_json::from_str(&checks).map_err(|_| decode_error(13, &checks))?,
        refusal: row.get(14)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_outcomes_read_as_they_serialise() {
        for outcome in [
            CheckOutcome::Pass,
            CheckOutcome::Warn,
            CheckOutcome::Fail,
            CheckOutcome::Unknown,
        ] {
            assert_eq!(
                serde_json::to_value(outcome).unwrap(),
                serde_json::Value::from(outcome.as_str())
            );
        }
    }
}
