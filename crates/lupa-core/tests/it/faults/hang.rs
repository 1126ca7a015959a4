//! A poll that hangs (the first poll of `+timeout` hangs 30 s; the app waits up to 60 s): the
//! app's other calls answer at once, quitting is prompt and leaves the import interrupted, and
//! the next start resumes it; a killed app (its runtime dropped mid-poll, no destructor run)
//! loses nothing and resumes too.

use std::time::{Duration, Instant};

use lupa_core::workbench::{ImportPhase, Workbench};
use lupa_store::{CaseId, CaseQuery, ImportId, ImportState};

use super::{calls, open, store, wait_for};

/// Each call completes within 2 s (they take milliseconds) while an import hangs.
async fn assert_responsive(workbench: &Workbench, other_case: i64, link: &str) {
    let limit = Duration::from_secs(2);
    macro_rules! timed {
        ($name:literal, $call:expr) => {{
            let began = Instant::now();
            let result = tokio::time::timeout(limit, $call)
                .await
                .unwrap_or_else(|_| panic!("{} did not answer within {limit:?}", $name));
            result.unwrap_or_else(|error| panic!("{}: {error}", $name));
            assert!(
                began.elapsed() < limit,
                "{} took {:?}",
                $name,
                began.elapsed()
            );
        }};
    }
    timed!("app_info", workbench.app_info());
    timed!("list_cases", workbench.list_cases(CaseQuery::default()));
    timed!("list_imports", workbench.list_imports());
    timed!("case_overview", workbench.case_overview(other_case));
    timed!(
        "review_overview",
        workbench.review_overview(other_case, None, None)
    );
    timed!(
        "preview_session",
        workbench.preview_session(link.to_owned())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_poll_leaves_the_app_responsive_quits_at_once_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let import_id;
    {
        let workbench = open(dir.path(), "hang").await;
        let other = crate::support::import(&workbench, "test").await;
        // The first poll hangs 30 s (the app waits up to 60 s for a reply).
        let link = workbench
            .sandbox_session("gambler+timeout", false)
            .await
            .unwrap();
        let started = workbench.start_import(link).await.unwrap();
        import_id = started.import_id;
        wait_for(&workbench, import_id, |s| s.command_id.is_some()).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let next = workbench.sandbox_session("thin", false).await.unwrap();
        for _ in 0..3 {
            assert_responsive(&workbench, other.case_id, &next).await;
        }
        let hanging = wait_for(&workbench, import_id, |_| true).await;
        assert_eq!(hanging.phase, ImportPhase::InProgress, "{hanging:?}");
        assert_eq!(hanging.polls, 0, "the first poll is still out");

        let quitting = Instant::now();
        workbench.shutdown().await;
        assert!(
            quitting.elapsed() < Duration::from_secs(3),
            "quitting took {:?}",
            quitting.elapsed()
        );
        let interrupted = wait_for(&workbench, import_id, |s| {
            s.phase != ImportPhase::InProgress
        })
        .await;
        assert_eq!(
            interrupted.phase,
            ImportPhase::Interrupted,
            "{interrupted:?}"
        );
        assert!(interrupted.finished_at.is_none());
    }
    let workbench = open(dir.path(), "hang").await;
    let saved = wait_for(&workbench, import_id, |s| s.finished_at.is_some()).await;
    assert!(saved.resumed);
    assert_eq!(saved.phase, ImportPhase::Saved, "{saved:?}");
    let store = store(dir.path(), "hang");
    // The hung poll never answered; the resumed one did.
    assert_eq!(calls(&store, import_id), [("start", 202), ("poll", 200)]);
    assert!(
        store
            .case_overview(CaseId(saved.case_id))
            .unwrap()
            .transactions
            > 0
    );
    workbench.shutdown().await;
}

#[test]
fn a_killed_app_loses_nothing_and_resumes_its_import_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = || {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    };
    let first = runtime();
    let (workbench, import_id) = first.block_on(async {
        let workbench = open(dir.path(), "kill").await;
        let link = workbench
            .sandbox_session("gambler+timeout", false)
            .await
            .unwrap();
        let started = workbench.start_import(link).await.unwrap();
        wait_for(&workbench, started.import_id, |s| s.command_id.is_some()).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        (workbench, started.import_id)
    });
    // The kill: every task stops where it is and no destructor of the app runs (the embedded
    // sandbox, standing in for Kontomatik, keeps its own records in its state file).
    drop(first);
    std::mem::forget(workbench);

    runtime().block_on(async {
        let store = store(dir.path(), "kill");
        let row = store.import(ImportId(import_id)).unwrap();
        assert_eq!(row.state, ImportState::Running, "{row:?}");
        assert!(row.command_id.is_some(), "the command id was stored first");
        assert!(store.check_integrity().unwrap().is_empty());

        let workbench = open(dir.path(), "kill").await;
        let saved = wait_for(&workbench, import_id, |s| s.finished_at.is_some()).await;
        assert!(saved.resumed);
        assert_eq!(saved.phase, ImportPhase::Saved, "{saved:?}");
        assert_eq!(calls(&store, import_id), [("start", 202), ("poll", 200)]);
        assert!(
            store
                .case_overview(CaseId(saved.case_id))
                .unwrap()
                .transactions
                > 0
        );
        workbench.shutdown().await;
    });
}
