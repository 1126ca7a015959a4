//! Kontomatik Score on request (F-SCO-1, F-SCO-2) against the embedded sandbox over loopback:
//! every outcome recorded in the ledger with its raw reply, the warnings before a repeat or after
//! the retention window, and the scores feeding the overview's score section.

use chrono::{Duration, Utc};
use lupa_core::analysis::MetricValue;
use lupa_core::score::{ScoreWarning, fetch_score, score_status};
use lupa_core::workbench::{IpcCode, IpcError};
use lupa_kontomatik::client::ClientConfig;
use lupa_kontomatik::{ApiKey, Client};
use lupa_store::{CaseId, ScoreOutcome};

use crate::support::{import, workbench};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_outcome_is_recorded_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = workbench(dir.path(), "score").await;

    // The salaried persona: two models, both kept, the first one in the overview.
    let salaried = import(&workbench, "test").await;
    let status = workbench.score_status(salaried.case_id).await.unwrap();
    assert!(status.ledger.is_empty() && status.latest.is_none());
    assert!(status.warnings.is_empty(), "{:?}", status.warnings);
    let empty_name = workbench
        .request_score(salaried.case_id, "  ".into(), false)
        .await
        .unwrap_err();
    assert_eq!(IpcError::from(&empty_name).code, IpcCode::InvalidInput);
    let status = workbench
        .request_score(salaried.case_id, "Ewa Analityk".into(), false)
        .await
        .unwrap();
    let latest = status.latest.clone().expect("scored");
    assert_eq!(latest.outcome, ScoreOutcome::Scored);
    assert_eq!(latest.models.len(), 2, "{latest:?}");
    assert_eq!(latest.analyst, "Ewa Analityk");
    assert_eq!(latest.http_status, Some(200));
    assert_eq!(latest.sha256.as_ref().map(String::len), Some(64));
    let first = &latest.models[0];
    assert!(first.score.is_some() && first.percentile.is_some() && first.tier.is_some());
    let state = workbench
        .review_overview(salaried.case_id, None, None)
        .await
        .unwrap();
    let tier = state
        .overview
        .score
        .metrics
        .iter()
        .find(|metric| metric.name == "kontomatik_tier")
        .and_then(|metric| metric.value.clone());
    assert_eq!(tier, first.tier.clone().map(MetricValue::Text));

    // A repeat needs confirmation, and is then recorded as a second line.
    let warned = workbench.score_status(salaried.case_id).await.unwrap();
    assert!(matches!(
        warned.warnings.as_slice(),
        [ScoreWarning::Repeat {
            last_outcome: ScoreOutcome::Scored,
            ..
        }]
    ));
    let refused = workbench
        .request_score(salaried.case_id, "Ewa Analityk".into(), false)
        .await
        .unwrap_err();
    let refused = IpcError::from(&refused);
    assert_eq!(refused.code, IpcCode::NeedsConfirmation);
    assert!(
        refused.message.contains("already requested"),
        "{}",
        refused.message
    );
    assert_eq!(
        workbench
            .score_status(salaried.case_id)
            .await
            .unwrap()
            .ledger
            .len(),
        1,
        "a refused request sends nothing and records nothing"
    );
    let again = workbench
        .request_score(salaried.case_id, "Ewa Analityk".into(), true)
        .await
        .unwrap();
    assert_eq!(again.ledger.len(), 2);

    // The thin persona: NoDataToCalculateScore, in words.
    let thin = import(&workbench, "thin").await;
    let status = workbench
        .request_score(thin.case_id, "Ewa Analityk".into(), false)
        .await
        .unwrap();
    let row = &status.ledger[0];
    assert_eq!(row.outcome, ScoreOutcome::NoData);
    assert_eq!(row.error_name.as_deref(), Some("NoDataToCalculateScore"));
    assert!(
        row.error_message
            .as_deref()
            .unwrap()
            .contains("too little data"),
        "{row:?}"
    );
    assert!(row.sha256.is_some(), "the exception reply is kept");
    assert!(status.latest.is_none());

    // Kontomatik busy: retry later.
    let busy = import(&workbench, "gambler+score-busy").await;
    let status = workbench
        .request_score(busy.case_id, "Ewa Analityk".into(), false)
        .await
        .unwrap();
    assert_eq!(status.ledger[0].outcome, ScoreOutcome::RetryLater);
    assert_eq!(status.ledger[0].http_status, Some(503));

    // The retention window: a day later the next request is warned about.
    let store_status = {
        let db = dir.path().join("lupa.db");
        let key = lupa_core::database::open_database_with_key(
            &db,
            &lupa_core::keychain::Keychain::new(format!("lupa-test-score-{}", std::process::id())),
        )
        .unwrap();
        score_status(
            &key.0,
            CaseId(thin.case_id),
            Utc::now() + Duration::hours(25),
            24,
        )
        .unwrap()
    };
    assert!(
        store_status
            .warnings
            .iter()
            .any(|w| matches!(w, ScoreWarning::RetentionPassed { hours: 24, .. })),
        "{:?}",
        store_status.warnings
    );

    // A decided case refuses before anything is sent.
    workbench
        .record_decision(
            thin.case_id,
            lupa_store::Decision::Decline,
            "Za krótka historia".into(),
            "Ewa".into(),
        )
        .await
        .unwrap();
    let decided = workbench
        .request_score(thin.case_id, "Ewa Analityk".into(), true)
        .await
        .unwrap_err();
    assert_eq!(IpcError::from(&decided).code, IpcCode::CaseDecided);
    assert_eq!(
        workbench
            .score_status(thin.case_id)
            .await
            .unwrap()
            .ledger
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_and_an_unknown_owner_are_classified() {
    let sandbox = lupa_sandbox::start(lupa_sandbox::SandboxConfig::default())
        .await
        .unwrap();
    let wrong = Client::new(
        ClientConfig::new(sandbox.url().clone()).with_api_key(ApiKey::new("not-the-key".into())),
    )
    .unwrap();
    let attempt = fetch_score(&wrong, "wniosek-1").await;
    assert_eq!(attempt.outcome, ScoreOutcome::Unauthorized);
    assert!(
        !attempt
            .error_message
            .as_deref()
            .unwrap()
            .contains("not-the-key"),
        "the key never reaches a message"
    );
    let right = Client::new(
        ClientConfig::new(sandbox.url().clone())
            .with_api_key(ApiKey::new(lupa_sandbox::DEFAULT_API_KEY.into())),
    )
    .unwrap();
    let attempt = fetch_score(&right, "nobody-here").await;
    assert_eq!(attempt.outcome, ScoreOutcome::UnknownOwner);
    assert_eq!(
        attempt.error_name.as_deref(),
        Some("InvalidOwnerExternalId")
    );
    assert!(attempt.raw.is_some());
    sandbox.stop().await;
}
