//! `import-pdf CASE FILE.pdf`: an applicant's PDF statement through Kontomatik's PDF Parsing API
//! into the case (F-IMP-11); `statement-pdf PERSONA`: a sandbox persona's statement to try it with.

use std::path::Path;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use lupa_core::statement::{
    StatementOptions, StatementOutcome, StatementVerdict, import_statement,
};
use lupa_sandbox::statement::{StatementSpec, Variant, render};
use lupa_store::CheckOutcome;

use crate::cli::{ImportPdfArgs, StatementPdfArgs, Target};
use crate::context::{client, open_store, resolve_case};

fn print_outcome(outcome: &StatementOutcome) {
    let upload = &outcome.upload;
    println!(
        "import {}  {}  {} ({} bytes, SHA-256 {})",
        upload.import_id,
        match outcome.verdict {
            StatementVerdict::Imported => "imported",
            StatementVerdict::Refused => "REFUSED",
        },
        upload.file_name,
        upload.size,
        upload.sha256
    );
    if let Some(id) = &upload.statement_id {
        let consistency = match upload.is_consistent {
            Some(false) => "inconsistent (accepted)",
            Some(true) => "consistent",
            None => "consistency not stated",
        };
        println!("    statement {id}, {consistency}");
    }
    if let (Some(from), Some(to)) = (upload.period_from, upload.period_to) {
        println!("    transactions from {from} to {to}");
    }
    for check in &upload.failed_verifications {
        println!(
            "    failed verification {}{}",
            check.name,
            check
                .message
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default()
        );
    }
    for check in &upload.checks {
        let mark = match check.outcome {
            CheckOutcome::Pass => "ok  ",
            CheckOutcome::Warn => "WARN",
            CheckOutcome::Fail => "FAIL",
            CheckOutcome::Unknown => "?   ",
        };
        println!("    {mark} {:<10} {}", check.check, check.detail);
    }
    println!("{}", outcome.message);
}

/// Sends the file and stores the outcome; a refusal is recorded and ends with a failure status.
pub async fn import_pdf(args: &ImportPdfArgs, db: Option<&Path>) -> Result<()> {
    let pdf = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let mut store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let case = store.case(case_id)?;
    let target = Target {
        env: case.environment,
        base_url: args.base_url.clone(),
        proxy: args.proxy.clone(),
        timeout: lupa_kontomatik::protocol::STATEMENT_TIMEOUT.as_secs(),
        max_reply_mb: lupa_kontomatik::client::DEFAULT_MAX_REPLY_BYTES / (1024 * 1024),
    };
    let client = client(&target)?;
    let options = StatementOptions {
        accept_inconsistent: args.accept_inconsistent,
        expected_period: args.from.zip(args.to),
        max_bytes: args.max_mb.max(1).saturating_mul(1024 * 1024),
    };
    let file_name = args
        .file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    eprintln!(
        "Sending {} to Kontomatik's PDF Parsing API ({}); parsing can take a minute…",
        file_name,
        case.environment.as_str()
    );
    let outcome =
        import_statement(&mut store, &client, case_id, &file_name, &pdf, &options).await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&outcome)?);
    } else {
        print_outcome(&outcome);
    }
    if outcome.verdict == StatementVerdict::Refused {
        if outcome.refusal.as_deref() == Some("inconsistent") {
            bail!(
                "refused; run again with --accept-inconsistent to import it marked as inconsistent"
            );
        }
        bail!("the statement was refused (recorded with the case)");
    }
    Ok(())
}

/// Writes a persona's statement PDF.
pub fn statement_pdf(args: &StatementPdfArgs) -> Result<()> {
    let Some(persona) = lupa_sandbox::personas::find(&args.persona) else {
        let known: Vec<&str> = lupa_sandbox::personas::catalog()
            .iter()
            .map(|spec| spec.id)
            .collect();
        bail!("no persona {:?}; known: {}", args.persona, known.join(", "));
    };
    let Some(variant) = Variant::from_query(&args.variant) else {
        let known: Vec<&str> = Variant::ALL.iter().map(Variant::as_str).collect();
        bail!("no variant {:?}; known: {}", args.variant, known.join(", "));
    };
    let today = args.today.unwrap_or_else(|| Utc::now().date_naive());
    let spec = StatementSpec {
        variant,
        ..StatementSpec::default_for(persona, today)
    };
    let bytes = render(&spec, args.seed, today);
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "Wrote {} ({} bytes): {} {}, {} to {}.",
        args.out.display(),
        bytes.len(),
        persona.id,
        variant.as_str(),
        spec.from,
        spec.to
    );
    Ok(())
}
