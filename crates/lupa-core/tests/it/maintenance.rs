//! The app's housekeeping: the retention purge runs at start (and daily) without being asked,
//! deletes only expired cases, and leaves an audit line of ids; the audit log reads per case.

use std::time::{Duration, Instant};

use chrono::{Days, Utc};
use lupa_core::keychain::Keychain;
use lupa_store::{AuditAction, CaseId};

use crate::support::{import, workbench};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_cases_are_purged_at_start_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (expired, kept) = {
        let first = workbench(dir.path(), "maintenance").await;
        let expired = import(&first, "thin").await.case_id;
        let kept = import(&first, "pensioner").await.case_id;
        first.shutdown().await;
        (expired, kept)
    };
    {
        // Another process (the CLI, an older run) set the first case's date in the past.
        let keychain = Keychain::new(format!("lupa-test-maintenance-{}", std::process::id()));
        let (mut store, _, _) =
            lupa_core::database::open_database_with_key(&dir.path().join("lupa.db"), &keychain)
                .unwrap();
        let yesterday = Utc::now()
            .date_naive()
            .checked_sub_days(Days::new(1))
            .unwrap();
        store.set_delete_after(CaseId(expired), yesterday).unwrap();
    }

    let second = workbench(dir.path(), "maintenance").await;
    let start = Instant::now();
    loop {
        let cases = second.list_cases(Default::default()).await.unwrap();
        let ids: Vec<i64> = cases.iter().map(|summary| summary.case.id.0).collect();
        if !ids.contains(&expired) {
            assert!(ids.contains(&kept), "only the expired case goes: {ids:?}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the purge did not run at start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let lines = second.audit_log(Some(expired), 50).await.unwrap();
    assert_eq!(lines[0].action, AuditAction::CasePurged);
    assert!(
        lines
            .iter()
            .all(|line| line.case_id == Some(CaseId(expired)))
    );
    let all = second.audit_log(None, 10_000).await.unwrap();
    assert!(all.iter().any(|line| line.case_id == Some(CaseId(kept))));
    assert!(
        all.windows(2).all(|pair| pair[0].id > pair[1].id),
        "newest first"
    );

    // Asked again, nothing is left to purge.
    let report = second.purge_expired().await.unwrap();
    assert!(report.cases.is_empty());
    second.shutdown().await;
}
