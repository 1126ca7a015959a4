//! Every injected fault, driven by Lupa's real client and import driver over HTTP, ends in the
//! error kind (or recovery) it stands for (F-SBX-4); a stopping sandbox does not wait for its own
//! injected hang.

use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::client::{ClientConfig, SessionCredentials};
use lupa_kontomatik::import::{self, ImportConfig};
use lupa_kontomatik::{ApiKey, Client};
use lupa_sandbox::{Fault, RunningSandbox, SandboxConfig};

use crate::support::sandbox_with;

const MIB: u64 = 1024 * 1024;

async fn faulty_sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig {
        slow_poll_delay: Duration::from_millis(30),
        hang: Duration::from_secs(3),
        oversized_reply_bytes: 2 * MIB,
        ..SandboxConfig::default()
    })
    .await
}

/// A client with a short timeout that reads replies up to `max_reply_bytes`.
fn client_reading(sandbox: &RunningSandbox, max_reply_bytes: u64) -> Client {
    let mut config = ClientConfig::new(sandbox.url().clone())
        .with_api_key(ApiKey::new(sandbox.api_key().to_owned()));
    config.use_system_proxy = false;
    config.request_timeout = Duration::from_millis(800);
    config.max_reply_bytes = max_reply_bytes;
    Client::new(config).expect("client builds")
}

fn client(sandbox: &RunningSandbox) -> Client {
    client_reading(sandbox, MIB)
}

/// Runs a default import with `fault`; `Ok(polls)` or `Err(error code)`.
async fn import_with(sandbox: &RunningSandbox, fault: Fault) -> Result<u32, &'static str> {
    import_through(&client(sandbox), sandbox, fault)
        .await
        .map_err(|error| error.code())
}

/// Runs a default import with `fault` through `client`, retrying a failed poll at most 3 times.
async fn import_through(
    client: &Client,
    sandbox: &RunningSandbox,
    fault: Fault,
) -> Result<u32, lupa_kontomatik::Error> {
    let minted = sandbox
        .mint_session("pensioner", None, Some(fault))
        .expect("session");
    let credentials = SessionCredentials::new(minted.session.id, minted.session.signature);
    let config = ImportConfig {
        poll_interval: Duration::from_millis(20),
        backoff_max: Duration::from_millis(80),
        max_transient_failures: 3,
        deadline: Duration::from_secs(20),
        ..ImportConfig::default()
    };
    let (events, _receiver) = tokio::sync::mpsc::unbounded_channel();
    let since = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    import::run(client, &credentials, since, &config, &events)
        .await
        .map(|outcome| outcome.polls)
        .map_err(|failure| *failure.error)
}

#[tokio::test]
async fn faults_that_end_the_import_give_their_error_kind() {
    let sandbox = faulty_sandbox().await;
    let cases = [
        (Fault::Unauthorized, "unauthorized"),
        (Fault::ExpiredSession, "session_invalid_or_expired"),
        (Fault::CommandError, "needs_new_login"),
        (Fault::BankUnavailable, "retry_later"),
        (Fault::CommandFatal, "fatal"),
        (Fault::MalformedXml, "protocol"),
        (Fault::TruncatedXml, "protocol"),
        (Fault::OversizedReply, "protocol"),
        (Fault::ConnectionReset, "transport"),
    ];
    for (fault, code) in cases {
        assert_eq!(
            import_with(&sandbox, fault).await,
            Err(code),
            "fault {fault}"
        );
    }
}

#[tokio::test]
async fn faults_the_driver_rides_out_still_end_in_success() {
    let sandbox = faulty_sandbox().await;
    let slow = import_with(&sandbox, Fault::SlowPolls)
        .await
        .expect("slow polls finish");
    assert!(slow >= 6, "a slow import takes 6 polls, took {slow}");
    let bursts = import_with(&sandbox, Fault::ServerErrors)
        .await
        .expect("5xx bursts are retried");
    assert!(
        bursts >= 5,
        "3 failed polls are retried before success, took {bursts}"
    );
    let hung = import_with(&sandbox, Fault::Timeout)
        .await
        .expect("a timed-out poll is retried");
    assert_eq!(hung, 2, "the hung poll timed out, was retried and counted");
}

#[tokio::test]
async fn a_used_session_is_refused_before_anything_is_imported_twice() {
    let sandbox = faulty_sandbox().await;
    let minted = sandbox.mint_session("thin", None, None).expect("session");
    let credentials = SessionCredentials::new(minted.session.id, minted.session.signature);
    let client = client(&sandbox);
    let since = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    client
        .start_default_import(&credentials, since)
        .await
        .expect("first start is accepted");
    let second = client
        .start_default_import(&credentials, since)
        .await
        .expect_err("one per session");
    assert_eq!(second.code(), "session_already_used");
}

#[tokio::test]
async fn resets_are_retried_as_transport_failures_until_the_budget_is_spent() {
    let sandbox = faulty_sandbox().await;
    let error = import_through(&client(&sandbox), &sandbox, Fault::ConnectionReset)
        .await
        .expect_err("every poll resets");
    let lupa_kontomatik::Error::Transport { kind, message } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, lupa_kontomatik::error::TransportKind::Other);
    assert!(message.contains("GET /v1/command/"), "{message}");
    assert!(error.is_transient(), "a reset is worth retrying");
    assert!(error.advice().contains("network"), "{}", error.advice());
}

#[tokio::test]
async fn the_oversized_reply_is_refused_by_the_limit_and_is_otherwise_valid() {
    let sandbox = faulty_sandbox().await;
    let error = import_through(&client(&sandbox), &sandbox, Fault::OversizedReply)
        .await
        .expect_err("2 MiB over a 1 MiB limit");
    assert!(
        error
            .to_string()
            .contains("larger than 1 MB (it announced 2 MB)"),
        "{error}"
    );
    // The padding is trailing whitespace: with room for it, the same reply imports.
    let polls = import_through(
        &client_reading(&sandbox, 4 * MIB),
        &sandbox,
        Fault::OversizedReply,
    )
    .await
    .expect("within the limit");
    assert_eq!(polls, 2);
}

#[tokio::test]
async fn stopping_the_sandbox_does_not_wait_for_a_hung_poll() {
    let sandbox = sandbox_with(SandboxConfig {
        hang: Duration::from_secs(60),
        ..SandboxConfig::default()
    })
    .await;
    let mut config = ClientConfig::new(sandbox.url().clone())
        .with_api_key(ApiKey::new(sandbox.api_key().to_owned()));
    config.use_system_proxy = false;
    let client = Client::new(config).unwrap();
    let minted = sandbox
        .mint_session("thin", None, Some(Fault::Timeout))
        .unwrap();
    let credentials = SessionCredentials::new(minted.session.id, minted.session.signature);
    let since = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let started = client
        .start_default_import(&credentials, since)
        .await
        .unwrap();
    let command_id = started.value.command.id;
    let poll = tokio::spawn(async move { client.get_command(&command_id).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let stopping = std::time::Instant::now();
    sandbox.stop().await;
    assert!(
        stopping.elapsed() < Duration::from_secs(5),
        "stop waited {:?} for the hang",
        stopping.elapsed()
    );
    let _ = poll.await;
}
