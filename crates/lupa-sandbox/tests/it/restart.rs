//! A sandbox with a state file survives a restart of the process embedding it: a command started
//! before is polled to the end by a new sandbox (F-IMP-6), a used session stays used, and a file
//! that cannot be used starts the sandbox empty.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::client::{ClientConfig, SessionCredentials};
use lupa_kontomatik::import::{self, ImportConfig, ImportOutcome};
use lupa_kontomatik::model::CommandState;
use lupa_kontomatik::{ApiKey, Client, Error};
use lupa_sandbox::{RunningSandbox, SandboxConfig};

use crate::support::sandbox_with;

/// Not the default key, so the test can check that it never reaches the file.
const API_KEY: &str = "restart-test-key-5f1c9a";

fn since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

fn config(state_path: Option<PathBuf>) -> SandboxConfig {
    SandboxConfig {
        api_keys: vec![API_KEY.to_owned()],
        state_path,
        ..SandboxConfig::default()
    }
}

fn client(sandbox: &RunningSandbox) -> Client {
    let mut config = ClientConfig::new(sandbox.url().clone())
        .with_api_key(ApiKey::new(sandbox.api_key().to_owned()));
    config.use_system_proxy = false;
    config.request_timeout = Duration::from_secs(10);
    Client::new(config).expect("client builds")
}

fn import_config() -> ImportConfig {
    ImportConfig {
        poll_interval: Duration::from_millis(20),
        deadline: Duration::from_secs(20),
        ..ImportConfig::default()
    }
}

async fn resume(sandbox: &RunningSandbox, command_id: &str) -> ImportOutcome {
    let (events, _receiver) = tokio::sync::mpsc::unbounded_channel();
    import::resume(&client(sandbox), command_id, &import_config(), &events)
        .await
        .unwrap_or_else(|failure| panic!("resumed import fails: {failure}"))
}

/// The same import, never interrupted, on an in-memory sandbox.
async fn uninterrupted(login: &str) -> ImportOutcome {
    let sandbox = sandbox_with(config(None)).await;
    let minted = sandbox.mint_session(login, None, None).expect("session");
    let credentials = SessionCredentials::new(minted.session.id, minted.session.signature);
    let (events, _receiver) = tokio::sync::mpsc::unbounded_channel();
    let outcome = import::run(
        &client(&sandbox),
        &credentials,
        since(),
        &import_config(),
        &events,
    )
    .await
    .unwrap_or_else(|failure| panic!("uninterrupted import fails: {failure}"));
    sandbox.stop().await;
    outcome
}

fn exception_name(error: &Error) -> Option<&str> {
    error.exception().map(|exception| exception.name.as_str())
}

/// Starts a default import for `login` and polls it once, then stops the sandbox.
async fn start_then_stop(state_path: &Path, login: &str) -> (SessionCredentials, String, String) {
    let sandbox = sandbox_with(config(Some(state_path.to_owned()))).await;
    let client = client(&sandbox);
    let session = client
        .mock_session(login, None, false)
        .await
        .expect("session")
        .value;
    let credentials = SessionCredentials::new(session.id, session.signature);
    let started = client
        .start_default_import(&credentials, since())
        .await
        .expect("import starts")
        .value;
    let owner = started.owner_external_id.expect("owner on the reply");
    let command_id = started.command.id;
    let first = client.get_command(&command_id).await.expect("first poll");
    assert_eq!(first.value.state, CommandState::InProgress);
    sandbox.stop().await;
    (credentials, command_id, owner)
}

#[tokio::test]
async fn a_started_import_finishes_after_a_restart() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state_path = dir.path().join("sandbox-state.json");
    let (credentials, command_id, owner) = start_then_stop(&state_path, "test").await;

    let file = std::fs::read_to_string(&state_path).expect("the state file was written");
    assert!(file.contains(&command_id), "the command is kept: {file}");
    assert!(!file.contains(API_KEY), "no API key in the state file");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["sandbox-state.json"], "no temporary file left");

    let restarted = sandbox_with(config(Some(state_path.clone()))).await;
    let resumed = resume(&restarted, &command_id).await;
    assert_eq!(resumed.command.state, CommandState::Successful);
    assert_eq!(resumed.command.id, command_id);
    assert_eq!(
        resumed.polls, 1,
        "the poll before the restart counts (polls_to_finish = 2)"
    );
    let reference = uninterrupted("test").await;
    assert_eq!(reference.command.state, CommandState::Successful);
    assert_eq!(resumed.command.target, reference.command.target);
    assert_eq!(resumed.command.institution, reference.command.institution);
    assert_eq!(
        resumed.command.result, reference.command.result,
        "the same data as an uninterrupted import"
    );
    assert!(resumed.command.result.is_some());

    // The session was used before the restart; its signature is still valid (same seed), so the
    // refusal is Kontomatik's one-import-per-session exception, not a signature error.
    let again = client(&restarted)
        .start_default_import(&credentials, since())
        .await
        .expect_err("a second default import is refused");
    assert!(
        matches!(again, Error::SessionAlreadyUsed { .. }),
        "{again:?}"
    );
    assert_eq!(exception_name(&again), Some("DefaultImportAlreadyExecuted"));
    assert_eq!(again.http_status(), Some(400));

    // The owner recorded before the restart still has its data.
    let data = client(&restarted).data(&owner).await.expect("owner data");
    assert_eq!(data.value.external_id, owner);
    restarted.stop().await;

    // A third start keeps counting ids after the kept ones.
    let third = sandbox_with(config(Some(state_path.clone()))).await;
    let fresh = third.mint_session("test", None, None).expect("session");
    assert!(
        fresh.session.id.parse::<u64>().unwrap() > command_id.parse::<u64>().unwrap(),
        "ids keep growing across restarts"
    );
    third.stop().await;
}

#[tokio::test]
async fn a_corrupt_state_file_starts_empty() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state_path = dir.path().join("state.json");
    std::fs::write(&state_path, b"{\"version\": 1, \"seed\": 20").unwrap();

    let sandbox = sandbox_with(config(Some(state_path.clone()))).await;
    let client = client(&sandbox);
    let unknown = client
        .get_command("455026014")
        .await
        .expect_err("nothing was loaded");
    assert_eq!(exception_name(&unknown), Some("InvalidCommandId"));
    // The sandbox works and replaces the corrupt file on the first change.
    let session = client
        .mock_session("pensioner", None, false)
        .await
        .expect("session")
        .value;
    sandbox.stop().await;
    let file = std::fs::read_to_string(&state_path).unwrap();
    assert!(file.contains(&session.id), "the file was replaced: {file}");
}

#[tokio::test]
async fn a_file_naming_an_unknown_persona_or_another_seed_starts_empty() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let state_path = dir.path().join("state.json");
    let (_, command_id, _) = start_then_stop(&state_path, "gambler").await;
    let kept = std::fs::read_to_string(&state_path).unwrap();
    assert!(kept.contains("\"gambler\""), "personas are kept by id");

    std::fs::write(&state_path, kept.replace("\"gambler\"", "\"nobody\"")).unwrap();
    let sandbox = sandbox_with(config(Some(state_path.clone()))).await;
    let error = client(&sandbox)
        .get_command(&command_id)
        .await
        .expect_err("the unknown persona's file is not loaded");
    assert_eq!(exception_name(&error), Some("InvalidCommandId"));
    sandbox.stop().await;

    std::fs::write(&state_path, &kept).unwrap();
    let other_seed = sandbox_with(SandboxConfig {
        seed: 7,
        ..config(Some(state_path.clone()))
    })
    .await;
    let error = client(&other_seed)
        .get_command(&command_id)
        .await
        .expect_err("another seed's file is not loaded");
    assert_eq!(exception_name(&error), Some("InvalidCommandId"));
    other_seed.stop().await;
}
