//! Every sandbox fault through `lupa-cli import` over loopback HTTP, then the database itself:
//! the import's final state and error code, the words on stderr, the raw replies kept, no data
//! from a failed import, the session spent. And a full disk: the ingest fails with the advice to
//! free disk space, the raw reply stays, `reingest` completes the import once there is room.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::Environment;
use lupa_sandbox::{Fault, RunningSandbox, SandboxConfig};
use lupa_store::table::imports::ImportRow;
use lupa_store::table::raw_replies::RawReplyRow;
use lupa_store::{DbKey, ImportState, Store};

use crate::support::{lupa_cli, run, texts};

const KEY: &str = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf";

/// A sandbox with the short fault timings: slow polls of 30 ms, a 2 s hang (the CLI waits 1 s),
/// and a 2 MiB oversized reply (the CLI reads 1 MB).
async fn sandbox() -> RunningSandbox {
    lupa_sandbox::start(SandboxConfig {
        today: Some(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()),
        slow_poll_delay: Duration::from_millis(30),
        hang: Duration::from_secs(2),
        oversized_reply_bytes: 2 * 1024 * 1024,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox on loopback")
}

/// A session for `login` with `fault`, filed under its own owner id; (link, session id, owner).
fn session(
    sandbox: &RunningSandbox,
    login: &str,
    fault: Option<Fault>,
) -> (String, String, String) {
    let owner = format!("wniosek-{login}-{}", fault.map_or("none", Fault::as_str));
    let minted = sandbox
        .mint_session(login, Some(&owner), fault)
        .expect("session");
    let link = format!(
        "lupa://import?target={}&sessionId={}&sessionIdSignature={}&ownerExternalId={owner}",
        minted.session.target.unwrap_or_default(),
        minted.session.id,
        minted.session.signature
    );
    (link, minted.session.id, owner)
}

/// `lupa-cli import` into `db` with quick polls, a 1 s timeout and a 1 MB reply limit.
async fn import(db: &Path, sandbox: &RunningSandbox, link: &str, env: &[(&str, &str)]) -> Output {
    let url = sandbox.url().to_string();
    let db = db.to_str().unwrap();
    let mut command = lupa_cli(&[
        "--db",
        db,
        "import",
        "--base-url",
        &url,
        "--session",
        link,
        "--since",
        "2025-01-01",
        "--poll-interval",
        "0.01",
        "--timeout",
        "1",
        "--max-reply-mb",
        "1",
        "--json",
    ]);
    command.env("LUPA_DB_KEY", KEY);
    for (name, value) in env {
        command.env(name, value);
    }
    run(command, None).await
}

fn open(db: &Path) -> Store {
    Store::open(db, &DbKey::from_hex(KEY).unwrap()).expect("the database opens")
}

fn transactions(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM transactions", [], |row| row.get(0))
        .unwrap()
}

/// The one import of `owner`'s case, its raw replies and the case's transaction count.
fn inspect(store: &Store, owner: &str) -> (ImportRow, Vec<RawReplyRow>, i64) {
    let case = store
        .find_case(Environment::Sandbox, owner)
        .unwrap()
        .unwrap_or_else(|| panic!("no case for {owner}"));
    let overview = store.case_overview(case.id).unwrap();
    assert_eq!(overview.imports.len(), 1, "{owner}");
    let import = overview.imports[0].clone();
    let raw = store.import_raw_replies(import.id).unwrap();
    (import, raw, overview.transactions)
}

/// `(call kind, HTTP status)` of each raw reply kept: `start` or `poll`.
type Kept = Vec<(&'static str, u16)>;

/// The [`Kept`] of raw replies.
fn calls(raw: &[RawReplyRow]) -> Kept {
    raw.iter()
        .map(|row| {
            let kind = if row.call.starts_with("POST") {
                "start"
            } else {
                "poll"
            };
            (kind, row.http_status)
        })
        .collect()
}

#[tokio::test]
async fn faults_that_end_an_import_leave_no_data_keep_the_replies_and_spend_the_session() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let start = ("start", 202);
    let poll = ("poll", 200);
    // Fault, error code, words on stderr, raw replies kept.
    let cases: [(Fault, &str, &str, Kept); 9] = [
        (
            Fault::ExpiredSession,
            "session_invalid_or_expired",
            "sign in to the bank again",
            vec![("start", 404)],
        ),
        (
            Fault::CommandError,
            "needs_new_login",
            "sign in to the bank again",
            vec![start, poll, poll],
        ),
        (
            Fault::BankUnavailable,
            "retry_later",
            "try again later",
            vec![start, poll, poll],
        ),
        (
            Fault::CommandFatal,
            "fatal",
            "Copy the diagnostic",
            vec![start, poll, poll],
        ),
        (
            Fault::MalformedXml,
            "protocol",
            "could not be read",
            vec![start, poll, poll],
        ),
        (
            Fault::TruncatedXml,
            "protocol",
            "could not be read",
            vec![start, poll, poll],
        ),
        (
            Fault::Unauthorized,
            "unauthorized",
            "IP address is not whitelisted",
            vec![start, poll, ("poll", 401)],
        ),
        // Every poll is reset mid-reply: 8 retries, then the network is blamed; no reply came.
        (
            Fault::ConnectionReset,
            "transport",
            "Check the network connection",
            vec![start],
        ),
        // The 2 MiB reply is refused unread; the replies before it are kept.
        (
            Fault::OversizedReply,
            "protocol",
            "larger than 1 MB (it announced 2 MB)",
            vec![start, poll],
        ),
    ];
    for (fault, code, words, raw_calls) in cases {
        let (link, session_id, owner) = session(&sandbox, "pensioner", Some(fault));
        let output = import(&db, &sandbox, &link, &[]).await;
        let (stdout, stderr) = texts(&output);
        assert!(!output.status.success(), "{fault} must fail: {stdout}");
        assert!(stdout.is_empty(), "{fault}: no summary for a failure");
        assert!(
            stderr.contains(&format!("error [{code}]")),
            "{fault}: {stderr}"
        );
        assert!(stderr.contains(words), "{fault}: {stderr}");
        assert!(stderr.contains("what to do:"), "{fault}: {stderr}");

        let store = open(&db);
        let (row, raw, case_transactions) = inspect(&store, &owner);
        assert_eq!(row.state, ImportState::Failed, "{fault}");
        assert_eq!(row.error_code.as_deref(), Some(code), "{fault}");
        assert_eq!(calls(&raw), raw_calls, "{fault}: raw replies kept");
        assert_eq!(case_transactions, 0, "{fault}: nothing half-written");
        assert_eq!(transactions(&store), 0, "{fault}");
        assert!(
            store
                .used_session(Environment::Sandbox, &session_id)
                .unwrap()
                .is_some(),
            "{fault}: the session is spent"
        );
        assert!(store.check_integrity().unwrap().is_empty(), "{fault}");
    }
}

#[tokio::test]
async fn faults_the_cli_rides_out_end_saved_with_every_reply_kept() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let (start, poll) = (("start", 202), ("poll", 200));
    // Fault, words in the progress on stderr, raw replies kept.
    let cases: [(Fault, &str, Kept); 3] = [
        (
            Fault::SlowPolls,
            "poll 6: successful",
            vec![start, poll, poll, poll, poll, poll, poll],
        ),
        (
            Fault::ServerErrors,
            "poll failed (Kontomatik or the bank is temporarily unavailable (HTTP 503)",
            vec![
                start,
                ("poll", 503),
                ("poll", 503),
                ("poll", 503),
                poll,
                poll,
            ],
        ),
        // The first poll hangs 2 s; the CLI gives up after 1 s and polls again.
        (
            Fault::Timeout,
            "poll failed (Could not reach Kontomatik (timeout)",
            vec![start, poll],
        ),
    ];
    for (fault, words, raw_calls) in cases {
        let (link, session_id, owner) = session(&sandbox, "pensioner", Some(fault));
        let output = import(&db, &sandbox, &link, &[]).await;
        let (stdout, stderr) = texts(&output);
        assert!(output.status.success(), "{fault}: {stderr}");
        assert!(stderr.contains(words), "{fault}: {stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON summary");

        let store = open(&db);
        let (row, raw, case_transactions) = inspect(&store, &owner);
        assert_eq!(row.state, ImportState::Saved, "{fault}");
        assert_eq!(calls(&raw), raw_calls, "{fault}: every reply kept");
        assert_eq!(
            report["summary"]["transactions"].as_i64(),
            Some(case_transactions),
            "{fault}"
        );
        assert!(case_transactions > 0, "{fault}");
        assert!(
            store
                .used_session(Environment::Sandbox, &session_id)
                .unwrap()
                .is_some()
        );
    }
}

#[tokio::test]
async fn a_full_disk_fails_the_ingest_keeps_the_reply_and_reingest_completes_it() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    // A first import fills the database with something to keep.
    let (link, _, _) = session(&sandbox, "thin", None);
    let output = import(&db, &sandbox, &link, &[]).await;
    assert!(output.status.success(), "{}", texts(&output).1);
    let (size, before) = {
        let store = open(&db);
        (store.size_bytes().unwrap(), transactions(&store))
    };

    // Six spare pages: room for the raw replies (the final one is about 20 KB compressed), not
    // for the 943 transactions (about 17 pages).
    let limit_mb = format!("{:.6}", (size + 6 * 16 * 1024) as f64 / (1024.0 * 1024.0));
    let (link, session_id, owner) = session(&sandbox, "gambler", None);
    let output = import(&db, &sandbox, &link, &[("LUPA_DB_MAX_MB", &limit_mb)]).await;
    let (_, stderr) = texts(&output);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("error [disk_full]"), "{stderr}");
    assert!(stderr.contains("the disk is full"), "{stderr}");
    assert!(stderr.contains("Free disk space"), "{stderr}");
    assert!(stderr.contains("reingest"), "{stderr}");

    let store = open(&db);
    let (row, raw, case_transactions) = inspect(&store, &owner);
    assert_eq!(row.state, ImportState::Failed);
    assert_eq!(row.error_code.as_deref(), Some("disk_full"));
    assert_eq!(calls(&raw), [("start", 202), ("poll", 200), ("poll", 200)]);
    assert_eq!(case_transactions, 0, "nothing half-written");
    assert_eq!(transactions(&store), before);
    assert!(
        store
            .used_session(Environment::Sandbox, &session_id)
            .unwrap()
            .is_some()
    );
    drop(store);

    // Space is back: the kept reply completes the import, with no network call.
    let mut reingest = lupa_cli(&[
        "--db",
        db.to_str().unwrap(),
        "reingest",
        &row.id.0.to_string(),
    ]);
    reingest.env("LUPA_DB_KEY", KEY);
    let output = run(reingest, None).await;
    assert!(output.status.success(), "{}", texts(&output).1);
    let store = open(&db);
    let (row, _, case_transactions) = inspect(&store, &owner);
    assert_eq!(row.state, ImportState::Saved);
    assert!(case_transactions > 0);
    assert_eq!(transactions(&store), before + case_transactions);
    assert!(store.check_integrity().unwrap().is_empty());
}
