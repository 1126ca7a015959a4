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

/// Signs in to the sandbox as `login` and imports until the import is saved.
pub async fn import(workbench: &Workbench, login: &str) -> ImportStatus {
    let link = workbench.sandbox_session(login, false).await.unwrap();
    let started = workbench.start_import(link).await.unwrap();
    let start = Instant::now();
    loop {
        let statuses = workbench.list_imports().await.unwrap();
        let status = statuses
            .iter()
            .find(|s| s.import_id == started.import_id)
            .unwrap();
        if !matches!(
            status.phase,
            ImportPhase::Setup | ImportPhase::InProgress | ImportPhase::Saving
        ) {
            assert_eq!(status.phase, ImportPhase::Saved, "{status:?}");
            return status.clone();
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{status:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
