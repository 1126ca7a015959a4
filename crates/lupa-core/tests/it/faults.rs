//! Every sandbox fault through the app's use-cases (the embedded sandbox, `start_import`, then
//! `list_imports`), checked in the database too: the final phase, the error code and its words,
//! the raw replies kept, no data from a failed import, the session spent. A full disk fails the
//! ingest with the advice to free disk space, and the kept reply completes it later; a wrong
//! database key changes nothing. [`hang`]: a hanging poll, quitting and a killed app.

mod hang;

use std::sync::Arc;
use std::time::Duration;

pub(super) use crate::support::wait_for;
use lupa_core::keychain::Keychain;
use lupa_core::workbench::{
    EventSink, ImportPhase, ImportStatus, IpcCode, Workbench, WorkbenchOptions,
};
use lupa_store::{ImportId, ImportState, Store};

struct Quiet;

impl EventSink for Quiet {
    fn import_changed(&self, _status: &ImportStatus) {}
}

pub(super) fn options(dir: &std::path::Path, test: &str) -> WorkbenchOptions {
    WorkbenchOptions {
        data_dir: dir.to_path_buf(),
        keychain: keychain(test),
        poll_interval: Duration::from_secs(2),
        sandbox_poll_interval: Duration::from_millis(10),
        launched_at: std::time::SystemTime::now(),
    }
}

pub(super) fn keychain(test: &str) -> Keychain {
    Keychain::new(format!("lupa-test-faults-{test}-{}", std::process::id()))
}

pub(super) async fn open(dir: &std::path::Path, test: &str) -> Workbench {
    let workbench = Workbench::open(options(dir, test), Arc::new(Quiet)).expect("opens");
    workbench.start().await.expect("starts");
    workbench
}

/// A connection of the test's own to the workbench's database.
pub(super) fn store(dir: &std::path::Path, test: &str) -> Store {
    lupa_core::database::open_database(&dir.join("lupa.db"), &keychain(test))
        .expect("the database opens")
        .0
}

/// `(call kind, HTTP status)` of each raw reply the import kept: `start` or `poll`.
pub(super) fn calls(store: &Store, import_id: i64) -> Vec<(&'static str, u16)> {
    store
        .import_raw_replies(ImportId(import_id))
        .unwrap()
        .iter()
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

pub(super) fn transactions(store: &Store) -> i64 {
    store
        .connection()
        .query_row("SELECT count(*) FROM transactions", [], |row| row.get(0))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_that_end_an_import_leave_no_data_keep_the_replies_and_spend_the_session() {
    use ImportPhase::{Failed, NeedsNewLogin, RetryLater};
    let dir = tempfile::tempdir().unwrap();
    let workbench = open(dir.path(), "end").await;
    let (start, poll) = (("start", 202), ("poll", 200));
    // Fault, phase, IPC code, detail, words in the message, raw replies kept.
    let cases = [
        (
            "expired",
            NeedsNewLogin,
            IpcCode::SessionExpired,
            "session_invalid_or_expired",
            "sign in to the bank again",
            vec![("start", 404)],
        ),
        (
            "error",
            NeedsNewLogin,
            IpcCode::NeedsNewLogin,
            "needs_new_login",
            "sign in to the bank again",
            vec![start, poll, poll],
        ),
        (
            "bank-down",
            RetryLater,
            IpcCode::RetryLater,
            "retry_later",
            "try again later",
            vec![start, poll, poll],
        ),
        (
            "fatal",
            Failed,
            IpcCode::Failed,
            "fatal",
            "Copy the diagnostic",
            vec![start, poll, poll],
        ),
        (
            "malformed",
            Failed,
            IpcCode::Failed,
            "protocol",
            "could not be read",
            vec![start, poll, poll],
        ),
        (
            "truncated",
            Failed,
            IpcCode::Failed,
            "protocol",
            "could not be read",
            vec![start, poll, poll],
        ),
        (
            "unauthorized",
            Failed,
            IpcCode::Unauthorized,
            "unauthorized",
            "IP address is not whitelisted",
            vec![start, poll, ("poll", 401)],
        ),
        // Every poll reset mid-reply: retried 8 times (backoff from 10 ms), then the network.
        (
            "reset",
            RetryLater,
            IpcCode::RetryLater,
            "transport",
            "Check the network connection",
            vec![start],
        ),
        // 513 MB announced against the app's 512 MB: refused unread, the earlier replies kept.
        (
            "oversized",
            Failed,
            IpcCode::Failed,
            "protocol",
            "larger than 512 MB (it announced 513 MB)",
            vec![start, poll],
        ),
    ];
    // All at once: the app runs imports side by side.
    let mut started = Vec::new();
    for (fault, ..) in &cases {
        let link = workbench
            .sandbox_session(&format!("pensioner+{fault}"), false)
            .await
            .unwrap();
        let status = workbench.start_import(link.clone()).await.unwrap();
        started.push((status.import_id, link));
    }
    let store = store(dir.path(), "end");
    for ((fault, phase, code, detail, words, raw), (import_id, link)) in cases.iter().zip(started) {
        let ended = wait_for(&workbench, import_id, |s| s.finished_at.is_some()).await;
        assert_eq!(ended.phase, *phase, "{fault}: {ended:?}");
        let error = ended.error.clone().expect("a failed import says why");
        assert_eq!(error.code, *code, "{fault}: {error:?}");
        assert_eq!(error.detail, *detail, "{fault}");
        assert!(error.message.contains(words), "{fault}: {}", error.message);
        assert!(ended.stored.is_none(), "{fault}");

        let row = store.import(ImportId(import_id)).unwrap();
        assert_eq!(row.state, ImportState::Failed, "{fault}");
        assert_eq!(row.error_code.as_deref(), Some(*detail), "{fault}");
        assert_eq!(&calls(&store, import_id), raw, "{fault}: raw replies kept");
        let case = store.case_overview(row.case_id).unwrap();
        assert_eq!(case.transactions, 0, "{fault}: nothing half-written");
        assert!(case.accounts.is_empty(), "{fault}");
        let preview = workbench.preview_session(link).await.unwrap();
        assert!(
            preview.already_used_at.is_some(),
            "{fault}: the session is spent"
        );
    }
    assert_eq!(transactions(&store), 0);
    assert!(store.check_integrity().unwrap().is_empty());
    workbench.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_5xx_is_ridden_out_with_an_honest_status_and_every_reply_kept() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = open(dir.path(), "burst").await;
    let link = workbench
        .sandbox_session("pensioner+server-error", false)
        .await
        .unwrap();
    let started = workbench.start_import(link).await.unwrap();
    let retrying = wait_for(&workbench, started.import_id, |s| {
        s.transient_failures > 0 || s.finished_at.is_some()
    })
    .await;
    assert_eq!(retrying.phase, ImportPhase::InProgress, "{retrying:?}");
    let problem = retrying.problem.expect("the status names the problem");
    assert!(
        problem.contains("temporarily unavailable (HTTP 503)"),
        "{problem}"
    );
    let saved = wait_for(&workbench, started.import_id, |s| s.finished_at.is_some()).await;
    assert_eq!(saved.phase, ImportPhase::Saved, "{saved:?}");
    assert_eq!(saved.transient_failures, 0);
    let stored = saved.stored.unwrap();

    let store = store(dir.path(), "burst");
    let (start, poll, proxy) = (("start", 202), ("poll", 200), ("poll", 503));
    assert_eq!(
        calls(&store, started.import_id),
        [start, proxy, proxy, proxy, poll, poll],
        "the proxy's HTML pages are kept too"
    );
    assert_eq!(
        store
            .case_overview(lupa_store::CaseId(saved.case_id))
            .unwrap()
            .transactions,
        i64::from(stored.transactions)
    );
    workbench.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_fails_the_ingest_keeps_the_reply_and_reingest_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = open(dir.path(), "full").await;
    crate::support::import(&workbench, "thin").await;
    let mut store = store(dir.path(), "full");
    let before = transactions(&store);

    // Six spare pages for every connection opened from now on (the import opens its own): room
    // for the raw replies, not for the gambler's three years of transactions.
    let path = dir.path().join("lupa.db");
    let size = store.size_bytes().unwrap();
    lupa_store::set_size_limit(&path, Some(size + 6 * 16 * 1024));
    let link = workbench.sandbox_session("gambler", false).await.unwrap();
    let started = workbench.start_import(link.clone()).await.unwrap();
    let failed = wait_for(&workbench, started.import_id, |s| s.finished_at.is_some()).await;
    lupa_store::set_size_limit(&path, None);
    assert_eq!(failed.phase, ImportPhase::Failed, "{failed:?}");
    let error = failed.error.unwrap();
    assert_eq!(error.detail, "disk_full");
    assert!(
        error.message.contains("the disk is full"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("Free disk space"),
        "{}",
        error.message
    );

    let row = store.import(ImportId(started.import_id)).unwrap();
    assert_eq!(row.state, ImportState::Failed);
    assert_eq!(row.error_code.as_deref(), Some("disk_full"));
    assert_eq!(
        calls(&store, started.import_id),
        [("start", 202), ("poll", 200), ("poll", 200)],
        "the final reply was kept before the ingest"
    );
    assert_eq!(store.case_overview(row.case_id).unwrap().transactions, 0);
    assert_eq!(transactions(&store), before, "nothing half-written");
    assert!(
        workbench
            .preview_session(link)
            .await
            .unwrap()
            .already_used_at
            .is_some()
    );

    // Space is back: the kept reply completes the import (as `lupa-cli reingest` does).
    let report = store.reingest(ImportId(started.import_id)).unwrap();
    assert!(report.transactions > 0);
    assert_eq!(
        store.import(ImportId(started.import_id)).unwrap().state,
        ImportState::Saved
    );
    let view = workbench.case_overview(row.case_id.0).await.unwrap();
    assert_eq!(view.overview.transactions, report.new_transactions as i64);
    assert!(store.check_integrity().unwrap().is_empty());
    workbench.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_database_key_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = open(dir.path(), "key").await;
    crate::support::import(&workbench, "thin").await;
    workbench.shutdown().await;
    drop(workbench);
    // Let the app's background checkpoint end, then move everything into the file.
    tokio::time::sleep(Duration::from_millis(300)).await;
    store(dir.path(), "key").checkpoint().unwrap();
    let path = dir.path().join("lupa.db");
    let before = std::fs::read(&path).unwrap();

    // Another key in the keychain (a restored profile, say): the app refuses to open the file.
    keychain("key")
        .set_database_key(&lupa_kontomatik::Sensitive::new("ab".repeat(32)))
        .unwrap();
    let error = Workbench::open(options(dir.path(), "key"), Arc::new(Quiet))
        .err()
        .expect("the wrong key is refused");
    let error = lupa_core::workbench::IpcError::from(&error);
    assert_eq!(error.code, IpcCode::WrongDatabaseKey, "{error:?}");
    assert!(
        error.message.contains("nothing was changed"),
        "{}",
        error.message
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is untouched"
    );
}
