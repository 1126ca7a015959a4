//! Load (issue 8): twenty imports started at once against the embedded sandbox all finish, each
//! with exactly the data the same persona gives alone, in one database, while the window's
//! queries keep answering.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use lupa_core::review::TxFilter;
use lupa_core::workbench::ImportPhase;
use rust_decimal::Decimal;

use crate::support::{import, workbench};

const LOGINS: [&str; 9] = [
    "test",
    "gambler",
    "pensioner",
    "thin",
    "joint",
    "bailiff",
    "cards",
    "self-employed",
    "multi-currency",
];

/// (transactions, sum of amounts) of a stored case.
async fn fingerprint(workbench: &lupa_core::workbench::Workbench, case_id: i64) -> (u32, Decimal) {
    let page = workbench
        .review_transactions(case_id, TxFilter::default(), 0, 100_000)
        .await
        .unwrap();
    (page.total, page.rows.iter().map(|row| row.amount).sum())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_imports_all_finish_with_correct_data() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = workbench(dir.path(), "load").await;

    // Each persona alone first: the reference.
    let mut reference = HashMap::new();
    for login in LOGINS {
        let saved = import(&workbench, login).await;
        reference.insert(login, fingerprint(&workbench, saved.case_id).await);
    }

    // Twenty at once, each a new applicant (its own owner id and case).
    let mut started = Vec::new();
    for n in 0..20 {
        let login = LOGINS[n % LOGINS.len()];
        let link = workbench.sandbox_session(login, false).await.unwrap();
        started.push((login, workbench.start_import(link).await.unwrap()));
    }
    let start = Instant::now();
    let mut slowest_query = Duration::ZERO;
    loop {
        let asked = Instant::now();
        let statuses = workbench.list_imports().await.unwrap();
        workbench.list_cases(Default::default()).await.unwrap();
        slowest_query = slowest_query.max(asked.elapsed());
        let ours: Vec<_> = started
            .iter()
            .map(|(_, status)| {
                statuses
                    .iter()
                    .find(|s| s.import_id == status.import_id)
                    .unwrap()
            })
            .collect();
        if ours.iter().all(|status| {
            !matches!(
                status.phase,
                ImportPhase::Setup | ImportPhase::InProgress | ImportPhase::Saving
            )
        }) {
            for status in &ours {
                assert_eq!(status.phase, ImportPhase::Saved, "{status:?}");
            }
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "not all imports finished"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "20 concurrent imports in {:?}; slowest list_imports + list_cases meanwhile {:?}",
        start.elapsed(),
        slowest_query
    );

    let mut cases = std::collections::HashSet::new();
    for (login, status) in &started {
        assert!(cases.insert(status.case_id), "each import has its own case");
        assert_eq!(
            fingerprint(&workbench, status.case_id).await,
            reference[login],
            "{login}: the same data as alone"
        );
    }
    // A generous guard only (figures are in the log): the window's queries never waited for the
    // imports' writes for long.
    assert!(slowest_query < Duration::from_secs(5), "{slowest_query:?}");
    workbench.shutdown().await;
}
