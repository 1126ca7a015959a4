//! PDF bank statements (F-IMP-11): Lupa's pre-flight checks, the upload through the client's one
//! statement adapter, and the result stored as an import of the case with its evidence.
//!
//! Three steps, so the desktop app holds the database only for the short ones:
//! [`prepare_statement`] (checks the file, creates the import with the upload's facts),
//! [`send_statement`] (the network; no database), [`finish_statement`] (stores the raw reply
//! first, then the data, or the refusal in words). A file Lupa refuses before sending changes
//! nothing. Kontomatik's refusals (a tampered or inconsistent statement, …) are outcomes, not
//! errors: they are recorded as failed imports with the reason, because an analyst wants to know
//! that a tampered statement was submitted.

mod checks;
mod preflight;

use chrono::{NaiveDate, Utc};
use lupa_kontomatik::client::{Exchange, StatementUpload};
use lupa_kontomatik::model::Statement;
use lupa_kontomatik::protocol::StatementRefusal;
use lupa_kontomatik::{Client, Environment};
use lupa_store::{
    CaseId, FailedCheck, ImportId, IngestReport, NewStatementUpload, StatementFindings,
    StatementUploadRow, Store,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use checks::{CaseFacts, default_period, statement_period};
pub use preflight::{DEFAULT_MAX_PDF_BYTES, PdfProblem, PdfRejected, preflight};

/// The adapter's name recorded with each upload (see `lupa_kontomatik::client::StatementApi`).
pub const API_XML_V1: &str = "xml-v1";
/// The mode: the XML API knows only the standard one (parsing stops at any tampering indicator).
pub const MODE_STANDARD: &str = "standard";

/// What the analyst chose for an upload.
#[derive(Debug, Clone)]
pub struct StatementOptions {
    /// Let an inconsistent document (an account history without balances) through; it is then
    /// marked as such.
    pub accept_inconsistent: bool,
    /// The period the statement should cover; by default the three whole months before this one.
    pub expected_period: Option<(NaiveDate, NaiveDate)>,
    /// Lupa's size cap ([`DEFAULT_MAX_PDF_BYTES`]).
    pub max_bytes: u64,
}

impl Default for StatementOptions {
    fn default() -> Self {
        StatementOptions {
            accept_inconsistent: false,
            expected_period: None,
            max_bytes: DEFAULT_MAX_PDF_BYTES,
        }
    }
}

/// An upload ready to send: its import exists, with the file's facts.
#[derive(Debug, Clone)]
pub struct PreparedStatement {
    /// The case.
    pub case_id: CaseId,
    /// The import created for it.
    pub import_id: ImportId,
    /// The owner id sent with the statement (the case's, so Kontomatik aggregates it with the
    /// bank imports and scores them together: kontomatik-pdf.md §7.2).
    pub owner_external_id: String,
    /// Where it goes.
    pub environment: Environment,
    /// Whether an inconsistent document is accepted.
    pub accept_inconsistent: bool,
}

/// How an upload ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "statement.ts")]
pub enum StatementVerdict {
    /// Parsed, verified and stored.
    Imported,
    /// Kontomatik refused it (tampered, inconsistent, unsupported, …); recorded with the reason.
    Refused,
}

/// What an upload did, for the CLI and the window.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "statement.ts", rename_all = "camelCase")]
pub struct StatementOutcome {
    /// Imported or refused.
    pub verdict: StatementVerdict,
    /// The refusal's code (`tampered`, `inconsistent`, `unsupported_layout`,
    /// `corporate_account`, `unsupported_language`, `encrypted`, `not_a_pdf`), when refused.
    pub refusal: Option<String>,
    /// The verdict in plain words.
    pub message: String,
    /// The evidence stored with the import.
    pub upload: StatementUploadRow,
    /// What storing the data did (imported only).
    #[ts(type = "{ transactions: number, newTransactions: number, matched: number } | null")]
    pub report: Option<StatementCounts>,
}

/// Transaction counts of an imported statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementCounts {
    /// Transactions in the statement.
    pub transactions: usize,
    /// Of these, not seen by another import of the case.
    pub new_transactions: usize,
    /// Matched to a transaction of another import (deduplicated).
    pub matched: usize,
}

impl From<&IngestReport> for StatementCounts {
    fn from(report: &IngestReport) -> Self {
        StatementCounts {
            transactions: report.transactions,
            new_transactions: report.new_transactions,
            matched: report.matched + report.pending_matched,
        }
    }
}

/// The file's name without any directory, bounded.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if base.is_empty() {
        "statement.pdf".to_owned()
    } else {
        base
    }
}

/// Step 1: checks the file and creates the import with the upload's facts. A file refused here
/// ([`Error::BadPdf`]) changes nothing; so does a decided case.
pub fn prepare_statement(
    store: &mut Store,
    case_id: CaseId,
    file_name: &str,
    pdf: &[u8],
    options: &StatementOptions,
) -> Result<PreparedStatement> {
    preflight(pdf, options.max_bytes)?;
    let case = store.case(case_id)?;
    if case.decision.is_some() {
        return Err(lupa_store::Error::CaseDecided(case_id).into());
    }
    let sha256 = hex::encode(Sha256::digest(pdf));
    let file_name = clean_file_name(file_name);
    let upload = NewStatementUpload {
        sha256: &sha256,
        file_name: &file_name,
        size: pdf.len() as u64,
        uploaded_at: Utc::now(),
        api: API_XML_V1,
        mode: MODE_STANDARD,
        accept_inconsistent: options.accept_inconsistent,
    };
    let (case_id, import_id) =
        store.create_statement_import(case.environment, &case.owner_external_id, &upload)?;
    Ok(PreparedStatement {
        case_id,
        import_id,
        owner_external_id: case.owner_external_id,
        environment: case.environment,
        accept_inconsistent: options.accept_inconsistent,
    })
}

/// Step 2: sends the statement. Never retried: parsing is billed per upload.
pub async fn send_statement(
    client: &Client,
    prepared: &PreparedStatement,
    pdf: &[u8],
) -> std::result::Result<Exchange<Statement>, lupa_kontomatik::Error> {
    client
        .parse_statement(&StatementUpload {
            pdf,
            owner_external_id: Some(&prepared.owner_external_id),
            accept_inconsistent: prepared.accept_inconsistent,
        })
        .await
}

/// Step 3: stores the raw reply, then the data (with Lupa's checks) or the refusal. An error
/// that is not a refusal (a wrong key, a dead network) fails the import and is returned.
pub fn finish_statement(
    store: &mut Store,
    prepared: &PreparedStatement,
    sent: std::result::Result<Exchange<Statement>, lupa_kontomatik::Error>,
    options: &StatementOptions,
) -> Result<StatementOutcome> {
    let import_id = prepared.import_id;
    match sent {
        Ok(exchange) => {
            store.save_raw_reply(import_id, &exchange.raw)?;
            let statement = exchange.value;
            let facts = case_facts(store, prepared.case_id)?;
            let expected = options
                .expected_period
                .unwrap_or_else(|| default_period(store.today()));
            let findings = StatementFindings {
                statement_id: Some(statement.id.clone()).filter(|id| !id.is_empty()),
                is_consistent: statement.is_consistent,
                period: statement_period(&statement),
                failed_verifications: failed_checks(&statement.failed_verifications),
                checks: checks::run(&statement, &facts, expected),
                refusal: None,
            };
            let report = store.ingest_statement(import_id, &statement, &findings)?;
            let upload = evidence(store, import_id)?;
            Ok(StatementOutcome {
                verdict: StatementVerdict::Imported,
                refusal: None,
                message: imported_sentence(&upload, &report),
                upload,
                report: Some(StatementCounts::from(&report)),
            })
        }
        Err(error) => {
            let refusal = error
                .exception()
                .and_then(|exception| StatementRefusal::from_exception(&exception.name));
            if let Some(raw) = error.raw() {
                store.save_raw_reply(import_id, raw)?;
            }
            let Some(refusal) = refusal else {
                let message = format!("{} {}", error.to_string().trim_end(), error.advice());
                store.finish_import_failed(
                    import_id,
                    error.code(),
                    error.exception().map(|exception| exception.name.as_str()),
                    Some(&message),
                )?;
                return Err(error.into());
            };
            let exception = error.exception();
            let failed = exception
                .map(|exception| failed_checks(&exception.failed_verifications))
                .unwrap_or_default();
            let message = refusal_sentence(
                refusal,
                exception.and_then(|exception| exception.message.as_deref()),
                &failed,
            );
            let findings = StatementFindings {
                failed_verifications: failed,
                refusal: Some(refusal.code().to_owned()),
                ..StatementFindings::default()
            };
            store.refuse_statement(
                import_id,
                &findings,
                refusal.code(),
                exception.map(|exception| exception.name.as_str()),
                &message,
            )?;
            Ok(StatementOutcome {
                verdict: StatementVerdict::Refused,
                refusal: Some(refusal.code().to_owned()),
                message,
                upload: evidence(store, import_id)?,
                report: None,
            })
        }
    }
}

/// The three steps in one call, for the CLI and tests.
pub async fn import_statement(
    store: &mut Store,
    client: &Client,
    case_id: CaseId,
    file_name: &str,
    pdf: &[u8],
    options: &StatementOptions,
) -> Result<StatementOutcome> {
    let prepared = prepare_statement(store, case_id, file_name, pdf, options)?;
    let sent = send_statement(client, &prepared, pdf).await;
    finish_statement(store, &prepared, sent, options)
}

fn evidence(store: &Store, import_id: ImportId) -> Result<StatementUploadRow> {
    store
        .statement_upload(import_id)?
        .ok_or_else(|| Error::NotFound(format!("the statement of import {import_id}")))
}

fn failed_checks(items: &[lupa_kontomatik::model::FailedVerification]) -> Vec<FailedCheck> {
    items
        .iter()
        .map(|item| FailedCheck {
            name: item.name.clone(),
            message: item.message.clone(),
        })
        .collect()
}

/// The applicant's names and the case's account IBANs, before the statement is stored.
fn case_facts(store: &Store, case_id: CaseId) -> Result<CaseFacts> {
    let overview = store.case_overview(case_id)?;
    let mut names: Vec<String> = overview.case.display_name.into_iter().collect();
    names.extend(overview.owners.into_iter().map(|owner| owner.owner.name));
    names.sort();
    names.dedup();
    let ibans = overview
        .accounts
        .into_iter()
        .map(|account| account.account.iban)
        .collect();
    Ok(CaseFacts { names, ibans })
}

fn imported_sentence(upload: &StatementUploadRow, report: &IngestReport) -> String {
    let consistency = if upload.is_consistent == Some(false) {
        " It is an inconsistent document (an account history: no balances, possibly filtered), \
         accepted by the analyst and marked as such."
    } else {
        ""
    };
    format!(
        "Kontomatik parsed and verified the statement: {} transactions, {} new, {} already known \
         from other imports.{consistency}",
        report.transactions,
        report.new_transactions,
        report.matched + report.pending_matched
    )
}

/// A refusal in plain words.
pub fn refusal_sentence(
    refusal: StatementRefusal,
    kontomatik_message: Option<&str>,
    failed: &[FailedCheck],
) -> String {
    let words = match refusal {
        StatementRefusal::Tampered => {
            "Kontomatik refused the statement: its anti-tampering checks found signs that the PDF \
             was altered after the bank produced it. Do not rely on it; ask the applicant for the \
             original, or import their bank data directly."
        }
        StatementRefusal::Inconsistent => {
            "Kontomatik refused the statement as inconsistent: it is an account history (no \
             balances after each transaction, possibly filtered), so its amounts cannot be \
             cross-checked. Accept it only knowingly: it will be marked as inconsistent."
        }
        StatementRefusal::UnsupportedLayout => {
            "Kontomatik does not recognise this statement's layout (an unsupported bank or \
             document, or a scan). Ask for a statement downloaded from online banking."
        }
        StatementRefusal::CorporateAccount => {
            "Kontomatik refused the statement: it is of a company account; only personal accounts \
             and sole proprietors' accounts are parsed."
        }
        StatementRefusal::UnsupportedLanguage => {
            "Kontomatik refused the statement: only statements in Polish are parsed. Ask for the \
             Polish version."
        }
        StatementRefusal::Encrypted => {
            "Kontomatik refused the statement: it is password-protected. Ask for an unprotected \
             copy."
        }
        StatementRefusal::NotAPdf => "Kontomatik could not read the file as a PDF.",
    };
    let mut sentence = words.to_owned();
    if !failed.is_empty() {
        let list: Vec<String> = failed
            .iter()
            .map(|check| match &check.message {
                Some(message) => format!("{} ({message})", check.name),
                None => check.name.clone(),
            })
            .collect();
        sentence.push_str(&format!(" Failed checks: {}.", list.join("; ")));
    } else if let Some(message) = kontomatik_message.filter(|m| !m.trim().is_empty()) {
        sentence.push_str(&format!(" Kontomatik: {}", message.trim()));
    }
    sentence
}
