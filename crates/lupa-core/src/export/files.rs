//! Writing an export to a file: the format, the file name (ids and time only: no personal data
//! in file names), an atomic write (a temporary file, then a rename) and the audit line.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use lupa_charts::{ChartOptions, Locale, Theme};
use lupa_store::Store;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::memo::{MemoChart, render_memo};
use super::{case_document, csv::write_csv, redactor};
use crate::case_charts::{ChartKind, case_chart_in};
use crate::error::{Error, Result};
use crate::review::{CaseModel, TxFilter};

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "export.ts")]
pub enum ExportFormat {
    /// The PDF credit memo.
    Pdf,
    /// The transactions of a view, as CSV.
    Csv,
    /// The whole case as JSON (`docs/case-export.schema.json`).
    Json,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Pdf => "pdf",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// An export request.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "export.ts", rename_all = "camelCase")]
pub struct ExportRequest {
    /// PDF, CSV or JSON.
    pub format: ExportFormat,
    /// The CSV's view (ignored by the others); none: every transaction.
    #[serde(default)]
    pub filter: Option<TxFilter>,
    /// Mask names, IBANs and identifiers (F-EXP-3).
    #[serde(default)]
    pub redact: bool,
    /// `pl` or `en` (the memo's language).
    #[serde(default)]
    pub locale: String,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "export.ts", rename_all = "camelCase")]
pub struct ExportSummary {
    /// The file.
    pub path: String,
    /// Its size.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Its SHA-256 (lower-case hex).
    pub sha256: String,
    /// Transactions in it (CSV and JSON).
    pub transactions: u32,
}

/// `lupa-case-7-memo-20261125-140312.pdf`.
pub fn file_name(case_id: i64, format: ExportFormat, now: DateTime<Utc>) -> String {
    let what = match format {
        ExportFormat::Pdf => "memo",
        ExportFormat::Csv => "transactions",
        ExportFormat::Json => "case",
    };
    format!(
        "lupa-case-{case_id}-{what}-{}.{}",
        now.format("%Y%m%d-%H%M%S"),
        format.extension()
    )
}

/// `dir/name`, or `dir/stem-2.ext`, `-3`, … when that file exists (two exports in one second
/// never overwrite each other).
pub fn unique_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}.{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

/// The four charts of the memo, drawn light for paper.
pub fn memo_charts(
    model: &CaseModel,
    locale: Locale,
    redact: &super::redact::Redactor,
) -> Vec<MemoChart> {
    let Some(currency) = model.analysis.currencies.first() else {
        return Vec::new();
    };
    let redacted;
    let input = if redact.is_on() {
        let mut copy = model.input.clone();
        for account in &mut copy.accounts {
            account.iban = redact.iban(&account.iban);
            account.name = redact.text_opt(account.name.take());
        }
        redacted = copy;
        &redacted
    } else {
        &model.input
    };
    let options = ChartOptions {
        locale,
        width: 900,
        height: 380,
        theme: Theme::Light,
        currency: currency.currency.clone(),
    };
    let pl = locale == Locale::Pl;
    [
        (ChartKind::Balance, "Saldo dzienne", "Daily balance"),
        (
            ChartKind::Cashflow,
            "Wpływy i wydatki miesięcznie",
            "Monthly inflow and outflow",
        ),
        (
            ChartKind::Categories,
            "Kategorie (90 dni)",
            "Categories (90 days)",
        ),
        (
            ChartKind::Income,
            "Dochód według źródła",
            "Income by source",
        ),
    ]
    .into_iter()
    .map(|(kind, title_pl, title_en)| MemoChart {
        title: if pl { title_pl } else { title_en }.to_owned(),
        svg: case_chart_in(input, &model.analysis, kind, &options, None),
    })
    .collect()
}

/// The export's bytes and its transaction count.
pub fn export_bytes(
    store: &Store,
    model: &CaseModel,
    request: &ExportRequest,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, u32)> {
    let locale = if request.locale == "en" {
        Locale::En
    } else {
        Locale::Pl
    };
    match request.format {
        ExportFormat::Csv => {
            let mut bytes = Vec::new();
            let filter = request.filter.clone().unwrap_or_default();
            let redact = redactor(store, model.case_id, request.redact)?;
            let rows = write_csv(model, &filter, &redact, &mut bytes)?;
            Ok((bytes, rows as u32))
        }
        ExportFormat::Json => {
            let document = case_document(store, model, now, request.redact)?;
            let mut bytes = serde_json::to_vec_pretty(&document).expect("a document serialises");
            bytes.push(b'\n');
            Ok((bytes, document.transactions.len() as u32))
        }
        ExportFormat::Pdf => {
            let document = case_document(store, model, now, request.redact)?;
            let redact = redactor(store, model.case_id, request.redact)?;
            let charts = memo_charts(model, locale, &redact);
            let bytes = render_memo(&document, &charts, locale)?;
            Ok((bytes, document.transactions.len() as u32))
        }
    }
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let file_error = |error: std::io::Error| Error::File {
        path: path.display().to_string(),
        message: error.to_string(),
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(file_error)?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".part");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary).map_err(file_error)?;
    file.write_all(bytes).map_err(file_error)?;
    file.sync_all().map_err(file_error)?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        file_error(error)
    })
}

/// Writes the export to `path` and records it in the audit log.
pub fn export_case(
    store: &mut Store,
    model: &CaseModel,
    request: &ExportRequest,
    path: &Path,
    now: DateTime<Utc>,
) -> Result<ExportSummary> {
    let (bytes, transactions) = export_bytes(store, model, request, now)?;
    write_atomically(path, &bytes)?;
    store.record_export(model.case_id)?;
    Ok(ExportSummary {
        path: path.display().to_string(),
        bytes: bytes.len() as u64,
        sha256: hex::encode(Sha256::digest(&bytes)),
        transactions,
    })
}
