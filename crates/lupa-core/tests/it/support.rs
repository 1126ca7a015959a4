//! Shared set-up: a workbench on a temporary data directory with the embedded sandbox, and a
//! sandbox import driven to its end.

use std::sync::Arc;
use std::time::{Duration, Instant};

use lupa_core::keychain::Keychain;
use lupa_core::workbench::{EventSink, ImportPhase, ImportStatus, Workbench, WorkbenchOptions};

/// Ignores import events.
pub struct Quiet;

impl EventSink for Quiet {
    fn import_changed(&self, _status: &ImportStatus) {}
}

/// A started workbench in `dir` whose keychain entries are private to `test`.
pub async fn workbench(dir: &std::path::Path, test: &str) -> Workbench {
    let options = WorkbenchOptions {
        data_dir: dir.to_path_buf(),
        keychain: Keychain::new(format!("lupa-test-{test}-{}", std::process::id())),
        poll_interval: Duration::from_secs(2),
        sandbox_poll_interval: Duration::from_millis(50),
        launched_at: std::time::SystemTime::now(),
    };
    let workbench = Workbench::open(options, Arc::new(Quiet)).unwrap();
    workbench.start().await.unwrap();
    workbench
}

/// Waits (at most 60 s) until the import's published status satisfies `done`.
pub async fn wait_for(
    workbench: &Workbench,
    import_id: i64,
    done: impl Fn(&ImportStatus) -> bool,
) -> ImportStatus {
    let start = Instant::now();
    loop {
        let statuses = workbench.list_imports().await.unwrap();
        if let Some(status) = statuses.iter().find(|s| s.import_id == import_id)
            && done(status)
        {
            return status.clone();
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "import {import_id} did not get there: {statuses:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Signs in to the sandbox as `login` and imports until the import is saved.
pub async fn import(workbench: &Workbench, login: &str) -> ImportStatus {
    let link = workbench.sandbox_session(login, false).await.unwrap();
    let started = workbench.start_import(link).await.unwrap();
    let status = wait_for(workbench, started.import_id, |status| {
        !matches!(
            status.phase,
            ImportPhase::Setup | ImportPhase::InProgress | ImportPhase::Saving
        )
    })
    .await;
    assert_eq!(status.phase, ImportPhase::Saved, "{status:?}");
    status
}
