//! `export CASE --pdf FILE | --csv FILE | --json FILE` (F-EXP-1..3): the same documents the app
//! writes, through `lupa_core::export`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, Utc};
use lupa_core::export::{ExportFormat, ExportRequest, export_case};
use lupa_core::review::{CaseModel, TxFilter};

use crate::cli::ExportArgs;
use crate::context::{open_store, resolve_case};

/// Writes each requested file.
pub fn run(args: &ExportArgs, db: Option<&Path>) -> Result<()> {
    let targets: Vec<(ExportFormat, &Path)> = [
        (ExportFormat::Pdf, args.pdf.as_deref()),
        (ExportFormat::Csv, args.csv.as_deref()),
        (ExportFormat::Json, args.json.as_deref()),
    ]
    .into_iter()
    .filter_map(|(format, path)| path.map(|path| (format, path)))
    .collect();
    if targets.is_empty() {
        bail!("say where to write: --pdf FILE, --csv FILE and/or --json FILE");
    }
    let filter: Option<TxFilter> = args
        .filter
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .context("--filter is not a transactions filter (JSON)")?;
    let mut store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let today: NaiveDate = Utc::now().date_naive();
    let model = CaseModel::load(&store, case_id, today)?;
    if args.redact {
        eprintln!("Redaction is on: names, IBANs and personal identifiers are masked.");
    }
    for (format, path) in targets {
        let request = ExportRequest {
            format,
            filter: filter.clone(),
            redact: args.redact,
            locale: args.lang.clone(),
        };
        let summary = export_case(&mut store, &model, &request, path, Utc::now())?;
        eprintln!(
            "Wrote {} ({} bytes, SHA-256 {}){}.",
            summary.path,
            summary.bytes,
            summary.sha256,
            match format {
                ExportFormat::Pdf => String::new(),
                _ => format!(", {} transactions", summary.transactions),
            }
        );
    }
    Ok(())
}
