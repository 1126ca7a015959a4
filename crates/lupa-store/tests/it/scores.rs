//! The Kontomatik Score ledger: every request with its outcome, models and raw reply (checked
//! against its SHA-256), newest first; a decided case refuses; each request is audited by ids.

use chrono::{TimeZone, Utc};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use lupa_store::table::audit_log;
use lupa_store::{AuditAction, Decision, Error, NewScoreRequest, ScoreModelRow, ScoreOutcome};

use crate::support::{TestStore, import_result, persona, persona_result, through_xml};

#[test]
fn the_ledger_keeps_every_request_with_its_reply() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("salaried")));
    let (case_id, _, _) = import_result(&mut t.store, "owner-score", "s1", result);
    let body = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../lupa-kontomatik/tests/fixtures/v1.owner-scores-reply.xml"),
    )
    .expect("the real capture");
    let raw = RawReply {
        call: "GET /v1/owner-scores.xml".into(),
        http_status: 200,
        body: body.clone(),
        received_at: Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap(),
    };
    let models = vec![
        ScoreModelRow {
            model_id: "common-2023-03-07".into(),
            retrained_at: Some(Utc.with_ymd_and_hms(2023, 3, 16, 7, 11, 33).unwrap()),
            score: Some("0.7204348357228043".parse().unwrap()),
            percentile: Some("0.8085198489453809".parse().unwrap()),
            tier: Some("C".into()),
        },
        ScoreModelRow {
            model_id: "custom-1".into(),
            retrained_at: None,
            score: None,
            percentile: None,
            tier: Some("B".into()),
        },
    ];
    let scored = t
        .store
        .record_score_request(&NewScoreRequest {
            case_id,
            owner_external_id: "owner-score",
            environment: Environment::Sandbox,
            analyst: "Ewa",
            requested_at: raw.received_at,
            outcome: ScoreOutcome::Scored,
            error_name: None,
            error_message: None,
            raw: Some(&raw),
            models: &models,
        })
        .unwrap();
    let failed = t
        .store
        .record_score_request(&NewScoreRequest {
            case_id,
            owner_external_id: "owner-score",
            environment: Environment::Sandbox,
            analyst: "Ewa",
            requested_at: raw.received_at,
            outcome: ScoreOutcome::RetryLater,
            error_name: Some("transport"),
            error_message: Some("Could not reach Kontomatik."),
            raw: None,
            models: &[],
        })
        .unwrap();

    let ledger = t.store.score_requests(case_id).unwrap();
    assert_eq!(
        ledger.iter().map(|row| row.id).collect::<Vec<_>>(),
        [failed, scored]
    );
    assert_eq!(ledger[1].models, models, "decimals and order kept exactly");
    assert_eq!(ledger[1].http_status, Some(200));
    assert!(ledger[0].models.is_empty() && ledger[0].sha256.is_none());
    assert_eq!(t.store.score_reply(scored).unwrap(), Some(body));
    assert_eq!(t.store.score_reply(failed).unwrap(), None);
    let audited = audit_log::recent(t.store.connection(), 10)
        .unwrap()
        .into_iter()
        .filter(|row| row.action == AuditAction::ScoreRequested)
        .count();
    assert_eq!(audited, 2);

    t.store
        .record_decision(case_id, Decision::Approve, "ok", "Ewa")
        .unwrap();
    let refused = t.store.record_score_request(&NewScoreRequest {
        case_id,
        owner_external_id: "owner-score",
        environment: Environment::Sandbox,
        analyst: "Ewa",
        requested_at: raw.received_at,
        outcome: ScoreOutcome::NoData,
        error_name: None,
        error_message: None,
        raw: None,
        models: &[],
    });
    assert!(matches!(refused, Err(Error::CaseDecided(_))), "{refused:?}");
    assert_eq!(t.store.score_requests(case_id).unwrap().len(), 2);
}
