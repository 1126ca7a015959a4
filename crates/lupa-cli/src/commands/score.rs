//! `score CASE`: Kontomatik Score on request (F-SCO-1, F-SCO-2). Warnings (a repeat request, a
//! passed retention window) stop the request unless `--yes`; every request goes into the ledger.

use std::path::Path;

use anyhow::Result;
use chrono::Utc;
use lupa_core::score::{ensure_confirmed, fetch_score, record_score, score_status};
use lupa_store::{ScoreOutcome, ScoreRequestRow};

use crate::cli::{ScoreArgs, Target};
use crate::context::{client, open_store, resolve_case};

fn print_row(row: &ScoreRequestRow) {
    println!(
        "{}  {:<13} {:<10} {}",
        row.requested_at.format("%Y-%m-%d %H:%M"),
        row.outcome.as_str(),
        row.environment.as_str(),
        row.analyst
    );
    for model in &row.models {
        println!(
            "    model {}  score {}  percentile {}  tier {}",
            model.model_id,
            model.score.map_or("—".into(), |v| v.to_string()),
            model.percentile.map_or("—".into(), |v| v.to_string()),
            model.tier.as_deref().unwrap_or("—")
        );
    }
    if let Some(message) = &row.error_message {
        println!("    {message}");
    }
}

/// Prints the ledger, or requests a score and prints what came back.
pub async fn run(args: &ScoreArgs, db: Option<&Path>) -> Result<()> {
    let mut store = open_store(db)?;
    let case_id = resolve_case(&store, &args.case)?;
    let status = score_status(&store, case_id, Utc::now(), args.retention_hours)?;
    if args.status {
        if args.json {
            println!("{}", serde_json::to_string_pretty(&status)?);
            return Ok(());
        }
        for warning in &status.warnings {
            eprintln!("warning: {}", warning.sentence());
        }
        for row in &status.ledger {
            print_row(row);
        }
        return Ok(());
    }
    for warning in &status.warnings {
        eprintln!("warning: {}", warning.sentence());
    }
    ensure_confirmed(&status, args.yes)?;
    let analyst = args.analyst.clone().unwrap_or_default();
    let target = Target {
        env: status.environment,
        base_url: args.base_url.clone(),
        proxy: args.proxy.clone(),
        timeout: 60,
        max_reply_mb: lupa_kontomatik::client::DEFAULT_MAX_REPLY_BYTES / (1024 * 1024),
    };
    let client = client(&target)?;
    eprintln!(
        "Requesting a Kontomatik Score for {} ({})…",
        status.owner_external_id,
        status.environment.as_str()
    );
    let attempt = fetch_score(&client, &status.owner_external_id).await;
    let row = record_score(&mut store, case_id, &analyst, &attempt)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&row)?);
    } else {
        print_row(&row);
    }
    if row.outcome != ScoreOutcome::Scored {
        eprintln!("No score: the request is recorded in the ledger.");
    }
    Ok(())
}
