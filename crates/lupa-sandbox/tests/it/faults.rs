//! Every injected fault, driven by Lupa's real client and import driver over HTTP, ends in the
//! error kind (or recovery) it stands for (F-SBX-4).

use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::client::{ClientConfig, SessionCredentials};
use lupa_kontomatik::import::{self, ImportConfig};
use lupa_kontomatik::{ApiKey, Client};
use lupa_sandbox::{Fault, RunningSandbox, SandboxConfig};

use crate::support::sandbox_with;

async fn faulty_sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig {
        slow_poll_delay: Duration::from_millis(30),
        hang: Duration::from_secs(3),
        ..SandboxConfig::default()
    })
    .await
}

fn client(sandbox: &RunningSandbox) -> Client {
    let mut config = ClientConfig::new(sandbox.url().clone())
        .with_api_key(ApiKey::new(sandbox.api_key().to_owned()));
    config.use_system_proxy = false;
    config.request_timeout = Duration::from_millis(800);
    Client::new(config).expect("client builds")
}

/// Runs a default import with `fault`; `Ok(polls)` or `Err(error code)`.
async fn import_with(sandbox: &RunningSandbox, fault: Fault) -> Result<u32, &'static str> {
    let minted = sandbox
        .mint_session("pensioner", None, Some(fault))
        .expect("session");
    let credentials = SessionCredentials::new(minted.session.id, minted.session.signature);
    let config = ImportConfig {
        poll_interval: Duration::from_millis(20),
        deadline: Duration::from_secs(20),
        ..ImportConfig::default()
    };
    let (events, _receiver) = tokio::sync::mpsc::unbounded_channel();
    let since = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    import::run(&client(sandbox), &credentials, since, &config, &events)
        .await
        .map(|outcome| outcome.polls)
        .map_err(|failure| failure.error.code())
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
