//! Housekeeping: retention purge, resuming interrupted imports, re-deriving an import.

use std::path::Path;
use std::time::Duration;

use anyhow::{Result, bail};
use chrono::Utc;
use lupa_core::import::resume_import;
use lupa_kontomatik::import::ImportConfig;
use lupa_store::ImportId;
use tokio::sync::mpsc;

use crate::cli::ResumeArgs;
use crate::commands::import::{failed, print_events};
use crate::context::{client, open_store};

/// `purge`: deletes cases past their delete-after date (F-STO-5).
pub fn purge(db: Option<&Path>) -> Result<()> {
    let mut store = open_store(db)?;
    let report = store
        .purge_expired(Utc::now().date_naive())
        .map_err(lupa_core::Error::from)?;
    println!(
        "Purged {} cases ({} imports, {} transactions, {} raw replies).",
        report.cases.len(),
        report.imports,
        report.transactions,
        report.raw_replies
    );
    Ok(())
}

/// `reingest IMPORT`: re-derives an import from its stored raw reply.
pub fn reingest(import_id: i64, db: Option<&Path>) -> Result<()> {
    let mut store = open_store(db)?;
    let report = store
        .reingest(ImportId(import_id))
        .map_err(lupa_core::Error::from)?;
    println!(
        "Import {} re-derived: {} accounts, {} transactions.",
        report.import_id.0, report.accounts, report.transactions
    );
    Ok(())
}

/// `resume`: polls every running import that has a command id, and stores what finishes.
pub async fn resume(args: &ResumeArgs, db: Option<&Path>) -> Result<()> {
    if !(args.poll_interval.is_finite() && args.poll_interval > 0.0) {
        bail!("--poll-interval must be a positive number of seconds");
    }
    let mut store = open_store(db)?;
    let running = store.running_imports().map_err(lupa_core::Error::from)?;
    if running.is_empty() {
        println!("No import is running.");
        return Ok(());
    }
    let client = client(&args.target)?;
    let config = ImportConfig {
        poll_interval: Duration::from_secs_f64(args.poll_interval),
        ..ImportConfig::default()
    };
    let mut failures = 0;
    for import in running {
        let Some(command_id) = import.command_id.clone() else {
            println!(
                "Import {}: Kontomatik never confirmed the start; its session is spent. Ask the applicant for a new bank login.",
                import.id.0
            );
            continue;
        };
        if import.environment != args.target.env {
            println!(
                "Import {} ran in {}; run resume with --env {}.",
                import.id.0, import.environment, import.environment
            );
            continue;
        }
        eprintln!("Resuming import {} (command {command_id}).", import.id.0);
        let (sender, receiver) = mpsc::unbounded_channel();
        let printer = print_events(receiver);
        let result = resume_import(
            &mut store,
            &client,
            import.id,
            &command_id,
            &config,
            &sender,
        )
        .await;
        drop(sender);
        let _ = printer.await;
        match result {
            Ok(report) => println!(
                "Import {} saved: {} transactions, {} new.",
                report.import_id.0, report.summary.transactions, report.stored.new_transactions
            ),
            Err(failure) => {
                failures += 1;
                eprintln!("{}", crate::describe(&failed(failure)));
            }
        }
    }
    if failures > 0 {
        bail!("{failures} imports could not be finished");
    }
    Ok(())
}
