//! `lupa-cli import`: the default import with live progress on stderr and a summary on stdout.

use std::io::Read;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use lupa_core::import::{FailedImport, ImportReport, default_since, import_default};
use lupa_core::session_input::{SessionInput, parse_session_input};
use lupa_kontomatik::import::{ImportConfig, ImportEvent};
use lupa_kontomatik::{Client, Environment};
use lupa_store::Store;
use tokio::sync::mpsc;

use crate::cli::ImportArgs;
use crate::context;

/// Runs `import`.
pub async fn run(args: &ImportArgs, db: Option<&std::path::Path>) -> Result<()> {
    let text = if args.session == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the session from stdin")?;
        text
    } else {
        args.session.clone()
    };
    let input = parse_session_input(&text).context("the session data is not usable")?;
    if !(args.poll_interval.is_finite() && args.poll_interval > 0.0) {
        bail!("--poll-interval must be a positive number of seconds");
    }
    let mut config = ImportConfig {
        poll_interval: Duration::from_secs_f64(args.poll_interval),
        deadline: Duration::from_secs(args.deadline_minutes.max(1) * 60),
        ..ImportConfig::default()
    };
    if args.target.env == Environment::Production {
        config = config.production_checked();
    }
    let client = context::client(&args.target)?;
    let mut store = context::open_store(db)?;
    let since = args
        .since
        .unwrap_or_else(|| default_since(Utc::now().date_naive()));
    eprintln!(
        "Importing from {} ({}) into owner {}, transactions since {since}.",
        input.target.as_deref().unwrap_or("the session's bank"),
        args.target.env,
        input
            .owner_external_id
            .as_deref()
            .unwrap_or("(set by Kontomatik)"),
    );
    let report =
        run_with_progress(&mut store, &client, args.target.env, &input, since, &config).await?;
    if let Some(path) = &args.save_reply {
        std::fs::write(path, &report.outcome.raw.body)
            .with_context(|| format!("cannot write the reply to {}", path.display()))?;
    }
    print_report(&report, args.json)
}

/// Runs and stores the import, printing each event on stderr as it happens; Ctrl-C stops polling
/// (the import stays resumable with `lupa-cli resume`).
pub async fn run_with_progress(
    store: &mut Store,
    client: &Client,
    environment: Environment,
    input: &SessionInput,
    since: chrono::NaiveDate,
    config: &ImportConfig,
) -> Result<ImportReport> {
    let (sender, receiver) = mpsc::unbounded_channel();
    let printer = print_events(receiver);
    let cancel = config.cancel.clone();
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            cancel.cancel();
        }
    });
    let result = import_default(store, client, environment, input, since, config, &sender).await;
    drop(sender);
    interrupt.abort();
    let _ = printer.await;
    result.map_err(failed)
}

/// Says which import and command failed, then hands the error on.
pub fn failed(failure: FailedImport) -> anyhow::Error {
    if let Some(id) = failure.import_id {
        eprintln!("Import {} (in the database).", id.0);
    }
    if let Some(id) = &failure.command_id {
        eprintln!("Kontomatik command {id}.");
    }
    anyhow::Error::new(failure.error)
}

/// Prints driver events on stderr until the sender is dropped.
pub fn print_events(
    mut receiver: mpsc::UnboundedReceiver<ImportEvent>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while let Some(event) = receiver.recv().await {
            if let Some(line) = progress_line(&event) {
                eprintln!("{line}");
            }
        }
    })
}

fn progress_line(event: &ImportEvent) -> Option<String> {
    Some(match event {
        ImportEvent::RawReply(_) => return None,
        ImportEvent::Started {
            command_id, state, ..
        } => {
            format!("[  0.0s] started command {command_id} ({})", state.as_str())
        }
        ImportEvent::Resumed { command_id } => format!("[  0.0s] resuming command {command_id}"),
        ImportEvent::Polled {
            poll,
            state,
            elapsed,
            next_poll_in,
            ..
        } => {
            let next = next_poll_in.map_or(String::new(), |d| {
                format!(", next poll in {:.1}s", d.as_secs_f64())
            });
            format!(
                "[{:>5.1}s] poll {poll}: {}{next}",
                elapsed.as_secs_f64(),
                state.as_str()
            )
        }
        ImportEvent::StateChanged { .. } => return None,
        ImportEvent::TransientFailure {
            attempt,
            message,
            retry_in,
            ..
        } => format!(
            "         poll failed ({message}); retry {attempt} in {:.1}s",
            retry_in.as_secs_f64()
        ),
        ImportEvent::Finished {
            state,
            elapsed,
            polls,
            ..
        } => format!(
            "[{:>5.1}s] finished after {polls} polls: {}",
            elapsed.as_secs_f64(),
            state.as_ref().map_or("no state", |s| s.as_str())
        ),
    })
}

/// Prints the summary as a table or JSON.
pub fn print_report(report: &ImportReport, json: bool) -> Result<()> {
    let summary = &report.summary;
    if json {
        let value = serde_json::json!({
            "importId": report.import_id.0,
            "caseId": report.stored.case_id.0,
            "commandId": report.outcome.command_id,
            "ownerExternalId": report.outcome.owner_external_id,
            "target": report.outcome.command.target,
            "polls": report.outcome.polls,
            "summary": summary,
            "stored": {
                "newTransactions": report.stored.new_transactions,
                "matched": report.stored.matched,
                "pendingToBooked": report.stored.pending_to_booked,
            },
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(());
    }
    println!(
        "Import {} (case {}) from {} saved: {} transactions, {} new.",
        report.import_id.0,
        report.stored.case_id.0,
        report.outcome.command.target.as_deref().unwrap_or("?"),
        summary.transactions,
        report.stored.new_transactions
    );
    println!("Owners: {}", summary.owners.join(", "));
    for account in &summary.accounts {
        println!(
            "  {}  {:<24} {:>14} {:<3}  {:>6} tx  {} … {}",
            account.iban,
            account.name.as_deref().unwrap_or(""),
            account.balance.map_or(String::new(), |b| b.to_string()),
            account.currency.as_deref().unwrap_or(""),
            account.transactions,
            account.first_day.map_or("-".into(), |d| d.to_string()),
            account.last_day.map_or("-".into(), |d| d.to_string()),
        );
    }
    if summary.credit_cards > 0 {
        println!("Credit cards: {}", summary.credit_cards);
    }
    if summary.skipped > 0 {
        println!(
            "Warning: {} items could not be read and were kept raw.",
            summary.skipped
        );
    }
    Ok(())
}
