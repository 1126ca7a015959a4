//! `lupa-cli demo`: the whole flow against a fresh in-process sandbox over real HTTP: sign in as a
//! persona through `mock-session.xml`, run the default import, print the summary.

use std::time::Duration;

use anyhow::{Context, Result};
use chrono::Utc;
use lupa_core::import::default_since;
use lupa_core::session_input::SessionInput;
use lupa_kontomatik::client::ClientConfig;
use lupa_kontomatik::import::ImportConfig;
use lupa_kontomatik::{ApiKey, Client, Sensitive};
use lupa_sandbox::SandboxConfig;

use crate::cli::DemoArgs;
use crate::commands::import::{print_report, run_with_progress};

/// Runs the demo.
pub async fn run(args: &DemoArgs, db: Option<&std::path::Path>) -> Result<()> {
    // The demo needs no keychain: without --db (or LUPA_DB) it keeps its data in an encrypted
    // in-memory database that ends with the run, so it works on a fresh headless machine too.
    let mut store = match db {
        Some(path) => crate::context::open_store(Some(path))?,
        None => {
            eprintln!(
                "Demo database: encrypted, in memory, gone after this run (pass --db PATH to keep it)."
            );
            lupa_store::Store::open_in_memory(&lupa_store::DbKey::generate()?)?
        }
    };
    let sandbox = lupa_sandbox::start(SandboxConfig {
        fault: args.fault,
        ..SandboxConfig::default()
    })
    .await
    .context("cannot start the sandbox on 127.0.0.1")?;
    eprintln!(
        "Sandbox running at {} (widget stand-in at that address).",
        sandbox.url()
    );
    let mut config = ClientConfig::new(sandbox.url().clone())
        .with_api_key(ApiKey::new(sandbox.api_key().to_owned()));
    config.use_system_proxy = false;
    let client = Client::new(config)?;
    let exchange = client.mock_session(&args.persona, None, false).await?;
    let owner = crate::owner_of(&exchange.raw.body);
    let session = exchange.value;
    let input = SessionInput {
        target: session.target.clone(),
        session_id: session.id.clone(),
        session_id_signature: Sensitive::new(session.signature.clone()),
        owner_external_id: owner,
        multiple_access_id: session.multiple_access_id.clone(),
    };
    eprintln!(
        "Signed in as {:?} at {}; session data for Lupa: lupa://import?target={}&sessionId={}&…",
        args.persona,
        input.target.as_deref().unwrap_or("?"),
        input.target.as_deref().unwrap_or("?"),
        input.session_id
    );
    let config = ImportConfig {
        poll_interval: Duration::from_millis(500),
        ..ImportConfig::default()
    };
    let since = default_since(Utc::now().date_naive());
    let report = run_with_progress(
        &mut store,
        &client,
        lupa_kontomatik::Environment::Sandbox,
        &input,
        since,
        &config,
    )
    .await;
    sandbox.stop().await;
    print_report(&report?, args.json)
}
