//! The desktop app's use-cases end to end, without a window: a real encrypted database file, the
//! real OS keychain (gnome-keyring in CI), the embedded sandbox over loopback HTTP.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::wait_for;
use lupa_core::keychain::Keychain;
use lupa_core::workbench::{
    EventSink, ImportPhase, ImportStatus, IpcCode, IpcError, Workbench, WorkbenchOptions,
};
use lupa_kontomatik::Environment;
use lupa_store::CaseQuery;

#[derive(Default)]
struct Recorder(Mutex<Vec<ImportStatus>>);

impl EventSink for Recorder {
    fn import_changed(&self, status: &ImportStatus) {
        self.0.lock().unwrap().push(status.clone());
    }
}

impl Recorder {
    fn phases(&self, import_id: i64) -> Vec<ImportPhase> {
        let mut phases: Vec<ImportPhase> = Vec::new();
        for status in self.0.lock().unwrap().iter() {
            if status.import_id == import_id && phases.last() != Some(&status.phase) {
                phases.push(status.phase);
            }
        }
        phases
    }
}

fn options(dir: &std::path::Path, test: &str) -> WorkbenchOptions {
    WorkbenchOptions {
        data_dir: dir.to_path_buf(),
        keychain: Keychain::new(format!("lupa-test-workbench-{test}-{}", std::process::id())),
        poll_interval: Duration::from_secs(2),
        sandbox_poll_interval: Duration::from_millis(50),
        launched_at: std::time::SystemTime::now(),
    }
}

async fn open(dir: &std::path::Path, test: &str) -> (Workbench, Arc<Recorder>) {
    let recorder = Arc::new(Recorder::default());
    let workbench = Workbench::open(options(dir, test), recorder.clone()).expect("opens");
    workbench.start().await.expect("starts");
    (workbench, recorder)
}

fn ipc(error: lupa_core::Error) -> IpcError {
    IpcError::from(&error)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_sandbox_session_imports_into_a_case_and_cannot_be_used_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (workbench, recorder) = open(dir.path(), "paste").await;
    let info = workbench.app_info().await.unwrap();
    assert_eq!(info.environment, Environment::Sandbox);
    assert!(info.widget_url.unwrap().starts_with("http://127.0.0.1:"));

    let link = workbench.sandbox_session("test", false).await.unwrap();
    let preview = workbench.preview_session(link.clone()).await.unwrap();
    assert_eq!(preview.target.as_deref(), Some("KontoBank"));
    assert_eq!(preview.environment, Environment::Sandbox);
    assert!(preview.already_used_at.is_none());
    assert_eq!(
        preview.session_id_tail.len(),
        6.min(preview.session_id_tail.len())
    );

    let started = workbench.start_import(link.clone()).await.unwrap();
    // The reply is the import's status when the call returns: the poll task may already have
    // moved it on (a race the assertion must not lose), but never to a failure.
    assert!(
        matches!(
            started.phase,
            ImportPhase::Setup | ImportPhase::InProgress | ImportPhase::Saving | ImportPhase::Saved
        ),
        "{:?}",
        started.phase
    );
    let saved = wait_for(&workbench, started.import_id, |s| {
        !matches!(
            s.phase,
            ImportPhase::Setup | ImportPhase::InProgress | ImportPhase::Saving
        )
    })
    .await;
    assert_eq!(saved.phase, ImportPhase::Saved, "{saved:?}");
    let stored = saved.stored.clone().unwrap();
    assert!(stored.transactions > 0 && stored.accounts > 0, "{stored:?}");
    assert!(saved.command_id.is_some());
    assert!(saved.polls >= 1);
    // Honest phases, in order, ending saved.
    let phases = recorder.phases(started.import_id);
    assert_eq!(phases.first(), Some(&ImportPhase::Setup), "{phases:?}");
    assert!(phases.contains(&ImportPhase::InProgress), "{phases:?}");
    assert_eq!(phases.last(), Some(&ImportPhase::Saved), "{phases:?}");
    let revisions: Vec<u64> = recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.import_id == started.import_id)
        .map(|s| s.revision)
        .collect();
    assert!(revisions.windows(2).all(|w| w[0] < w[1]), "{revisions:?}");
    assert_eq!(saved.revision, *revisions.last().unwrap());

    // The case list finds the applicant by name; the case opens with its headline metrics.
    let cases = workbench
        .list_cases(CaseQuery {
            search: Some("sochack".into()),
            ..CaseQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(cases.len(), 1, "{cases:?}");
    let view = workbench.case_overview(cases[0].case.id.0).await.unwrap();
    assert!(!view.overview.accounts.is_empty());
    assert!(view.overview.transactions as u32 >= stored.transactions);
    assert!(
        view.headline.iter().any(|m| m.name == "income_90d_avg"),
        "{:?}",
        view.headline
    );
    assert!(!view.checklist.is_empty());

    // The same session again: refused before any network call, with the right code.
    let again = workbench.preview_session(link.clone()).await.unwrap();
    assert!(again.already_used_at.is_some());
    let refused = ipc(workbench.start_import(link).await.unwrap_err());
    assert_eq!(refused.code, IpcCode::SessionAlreadyUsed, "{refused:?}");
    assert!(refused.message.contains("sign in"), "{}", refused.message);

    // Then a session that fails at once still gets its final status (the app's order of events).
    let expired = workbench
        .sandbox_session("test+expired", false)
        .await
        .unwrap();
    let started = workbench.start_import(expired).await.unwrap();
    let ended = wait_for(&workbench, started.import_id, |s| s.finished_at.is_some()).await;
    assert_eq!(ended.phase, ImportPhase::NeedsNewLogin, "{ended:?}");
    workbench.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_ends_in_needs_new_login_and_bad_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (workbench, _) = open(dir.path(), "expired").await;
    let link = workbench
        .sandbox_session("test+expired", false)
        .await
        .unwrap();
    let started = workbench.start_import(link).await.unwrap();
    let ended = wait_for(&workbench, started.import_id, |s| s.finished_at.is_some()).await;
    assert_eq!(ended.phase, ImportPhase::NeedsNewLogin, "{ended:?}");
    let error = ended.error.unwrap();
    assert_eq!(error.code, IpcCode::SessionExpired, "{error:?}");

    let garbage = ipc(workbench
        .preview_session("lupa://import?sessionId=1".into())
        .await
        .unwrap_err());
    assert_eq!(garbage.code, IpcCode::InvalidSessionInput);
    assert!(
        garbage.message.contains("sessionIdSignature"),
        "{}",
        garbage.message
    );
    workbench.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_interrupted_by_quitting_finishes_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let import_id;
    {
        let (workbench, _) = open(dir.path(), "restart").await;
        let link = workbench.sandbox_session("test+slow", false).await.unwrap();
        let started = workbench.start_import(link).await.unwrap();
        import_id = started.import_id;
        wait_for(&workbench, import_id, |s| {
            s.phase == ImportPhase::InProgress && s.command_id.is_some()
        })
        .await;
        workbench.shutdown().await;
        let interrupted = wait_for(&workbench, import_id, |s| {
            s.phase != ImportPhase::InProgress
        })
        .await;
        assert_eq!(
            interrupted.phase,
            ImportPhase::Interrupted,
            "{interrupted:?}"
        );
    }
    let (workbench, _) = open(dir.path(), "restart").await;
    let resumed = workbench.list_imports().await.unwrap();
    assert!(
        resumed
            .iter()
            .any(|s| s.import_id == import_id && s.resumed),
        "{resumed:?}"
    );
    let saved = wait_for(&workbench, import_id, |s| s.finished_at.is_some()).await;
    assert_eq!(saved.phase, ImportPhase::Saved, "{saved:?}");
    assert!(saved.stored.unwrap().transactions > 0);
    workbench.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_live_in_the_keychain_and_a_wrong_one_gets_the_401_diagnosis() {
    let dir = tempfile::tempdir().unwrap();
    let (workbench, _) = open(dir.path(), "keys").await;
    let status = workbench.key_status().await.unwrap();
    let sandbox = status
        .iter()
        .find(|s| s.environment == Environment::Sandbox)
        .unwrap();
    assert!(sandbox.uses_builtin && !sandbox.stored);

    // The built-in key works.
    let check = workbench.check_api_key(Environment::Sandbox).await.unwrap();
    assert!(check.targets > 0);

    let saved = workbench
        .set_api_key(Environment::Sandbox, "wrong-key-123456".into())
        .await
        .unwrap();
    assert!(saved.stored);
    let masked = saved.masked.unwrap();
    assert!(
        !masked.contains("wrong-key-123456") && masked.contains("16 chars"),
        "{masked}"
    );
    let refused = ipc(workbench
        .check_api_key(Environment::Sandbox)
        .await
        .unwrap_err());
    assert_eq!(refused.code, IpcCode::Unauthorized);
    assert!(refused.message.contains("IP"), "{}", refused.message);
    assert!(!refused.message.contains("wrong-key-123456"));

    workbench
        .set_api_key(Environment::Sandbox, lupa_sandbox::DEFAULT_API_KEY.into())
        .await
        .unwrap();
    workbench.check_api_key(Environment::Sandbox).await.unwrap();
    let deleted = workbench
        .delete_api_key(Environment::Sandbox)
        .await
        .unwrap();
    assert!(!deleted.stored && deleted.uses_builtin);

    // Test has no key: the import is refused before the session is spent.
    let link = workbench.sandbox_session("test", false).await.unwrap();
    workbench.set_environment(Environment::Test).await.unwrap();
    let missing = ipc(workbench.start_import(link.clone()).await.unwrap_err());
    assert_eq!(missing.code, IpcCode::MissingApiKey, "{missing:?}");
    assert!(
        workbench
            .preview_session(link)
            .await
            .unwrap()
            .already_used_at
            .is_none()
    );
    // The choice of environment is saved.
    workbench.shutdown().await;
    drop(workbench);
    let reopened =
        Workbench::open(options(dir.path(), "keys"), Arc::new(Recorder::default())).unwrap();
    assert_eq!(reopened.environment(), Environment::Test);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_consent_is_kept_and_refreshes_the_case_until_revoked() {
    let dir = tempfile::tempdir().unwrap();
    let (workbench, _) = open(dir.path(), "consent").await;
    let link = workbench.sandbox_session("pensioner", true).await.unwrap();
    assert!(
        workbench
            .preview_session(link.clone())
            .await
            .unwrap()
            .multiple_access
    );
    let first = workbench.start_import(link).await.unwrap();
    let first = wait_for(&workbench, first.import_id, |s| s.finished_at.is_some()).await;
    assert_eq!(first.phase, ImportPhase::Saved, "{first:?}");

    let view = workbench.case_overview(first.case_id).await.unwrap();
    let consent = view.multiple_access.expect("the consent is kept");
    assert_eq!(consent.refreshes, 0);
    assert_eq!(consent.refreshes_left, 4);
    assert_eq!((consent.expires_at - consent.granted_at).num_days(), 180);

    let refresh = workbench.refresh_import(first.case_id).await.unwrap();
    assert_eq!(refresh.case_id, first.case_id);
    assert_ne!(refresh.import_id, first.import_id);
    let refresh = wait_for(&workbench, refresh.import_id, |s| s.finished_at.is_some()).await;
    assert_eq!(refresh.phase, ImportPhase::Saved, "{refresh:?}");
    // A refresh re-reads the same history: nothing is duplicated.
    assert_eq!(refresh.stored.unwrap().new_transactions, 0);
    let view = workbench.case_overview(first.case_id).await.unwrap();
    let consent = view.multiple_access.unwrap();
    assert_eq!((consent.refreshes, consent.refreshes_left), (1, 3));

    workbench
        .revoke_multiple_access(first.case_id)
        .await
        .unwrap();
    let view = workbench.case_overview(first.case_id).await.unwrap();
    assert!(view.multiple_access.unwrap().revoked_at.is_some());
    let refused = ipc(workbench.refresh_import(first.case_id).await.unwrap_err());
    assert_eq!(refused.code, IpcCode::InvalidInput);
    assert!(refused.message.contains("revoked"), "{}", refused.message);
    workbench.shutdown().await;
}
