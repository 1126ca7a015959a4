//! `lupa-cli import` against the sandbox over HTTP: counts match the persona, failures are explained.

use chrono::NaiveDate;
use lupa_sandbox::{Fault, RunningSandbox, SandboxConfig, personas};

use crate::support::{lupa_cli, run, texts};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

async fn sandbox() -> RunningSandbox {
    lupa_sandbox::start(SandboxConfig {
        today: Some(today()),
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox on loopback")
}

fn link(sandbox: &RunningSandbox, login: &str, fault: Option<Fault>) -> String {
    let minted = sandbox
        .mint_session(login, Some("wniosek-7"), fault)
        .expect("session");
    format!(
        "lupa://import?target={}&sessionId={}&sessionIdSignature={}&ownerExternalId=wniosek-7",
        minted.session.target.unwrap_or_default(),
        minted.session.id,
        minted.session.signature
    )
}

fn import_args<'a>(sandbox_url: &'a str, session: &'a str, since: &'a str) -> Vec<&'a str> {
    vec![
        "import",
        "--env",
        "sandbox",
        "--base-url",
        sandbox_url,
        "--session",
        session,
        "--since",
        since,
        "--poll-interval",
        "0.05",
        "--json",
    ]
}

#[tokio::test]
async fn imports_a_persona_and_reports_its_accounts_and_transactions() {
    let sandbox = sandbox().await;
    let url = sandbox.url().to_string();
    let session = link(&sandbox, "gambler", None);
    let output = run(lupa_cli(&import_args(&url, &session, "2025-06-01")), None).await;
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "stderr: {stderr}");
    assert!(
        stderr.contains("poll 1: in_progress") && stderr.contains("successful"),
        "live progress: {stderr}"
    );

    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON summary");
    let spec = personas::find("gambler").unwrap();
    let generated = personas::generate(spec, 2026, today());
    let since = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let accounts = report["summary"]["accounts"].as_array().expect("accounts");
    assert_eq!(accounts.len(), generated.accounts.len());
    let mut total = 0;
    for (reported, account) in accounts.iter().zip(&generated.accounts) {
        let expected = account
            .money_transactions
            .iter()
            .flatten()
            .filter(|tx| tx.transaction_on >= since)
            .count();
        assert_eq!(reported["iban"], account.iban.as_str());
        assert_eq!(
            reported["transactions"], expected,
            "account {}",
            account.iban
        );
        assert!(reported["first_day"].as_str().unwrap() >= "2025-06-01");
        total += expected;
    }
    assert_eq!(report["summary"]["transactions"], total);
    assert_eq!(report["ownerExternalId"], "wniosek-7");
    let owners: Vec<String> = generated.owners.iter().map(|o| o.name.clone()).collect();
    for owner in owners {
        assert!(stdout.contains(&owner), "owner {owner} in the summary");
    }
}

#[tokio::test]
async fn each_failure_says_what_happened_and_what_to_do() {
    let sandbox = sandbox().await;
    let url = sandbox.url().to_string();
    let cases = [
        (Fault::ExpiredSession, "session_invalid_or_expired"),
        (Fault::CommandError, "needs_new_login"),
        (Fault::BankUnavailable, "retry_later"),
        (Fault::CommandFatal, "fatal"),
        (Fault::TruncatedXml, "protocol"),
    ];
    for (fault, code) in cases {
        let session = link(&sandbox, "pensioner", Some(fault));
        let output = run(lupa_cli(&import_args(&url, &session, "2026-01-01")), None).await;
        let (_, stderr) = texts(&output);
        assert!(!output.status.success(), "{fault} must fail");
        assert!(
            stderr.contains(&format!("error [{code}]")),
            "{fault}: {stderr}"
        );
        assert!(stderr.contains("what to do:"), "{fault}: {stderr}");
    }

    let session = link(&sandbox, "pensioner", None);
    let mut wrong_key = lupa_cli(&import_args(&url, &session, "2026-01-01"));
    wrong_key.env("LUPA_API_KEY", "f7-not-the-key-1f");
    let output = run(wrong_key, None).await;
    let (_, stderr) = texts(&output);
    assert!(stderr.contains("error [unauthorized]"), "{stderr}");
    assert!(stderr.contains("IP"), "names the IP whitelist: {stderr}");
    assert!(
        !stderr.contains("f7-not-the-key-1f"),
        "never prints the key: {stderr}"
    );

    let garbage = run(
        lupa_cli(&import_args(&url, "sessionId=1", "2026-01-01")),
        None,
    )
    .await;
    let (_, stderr) = texts(&garbage);
    assert!(!garbage.status.success());
    assert!(stderr.contains("sessionIdSignature is missing"), "{stderr}");
}

#[tokio::test]
async fn the_demo_runs_without_a_keychain_or_a_database() {
    let mut command = lupa_cli(&["demo", "--persona", "thin", "--json"]);
    command
        .env_remove("LUPA_DB")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    let output = run(command, None).await;
    let (stdout, stderr) = texts(&output);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("in memory"), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON summary");
    assert!(report["summary"]["transactions"].as_u64().unwrap() > 0);
}
