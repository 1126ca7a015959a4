//! The review use-cases end to end without a window (F-REV-2..7): the gambler persona imported
//! from the embedded sandbox into a real encrypted database, then reviewed, edited, undone,
//! decided and reopened.

use lupa_core::analysis::MetricValue;
use lupa_core::review::{Edit, Evidence, SortKey, TxFilter, TxFlag};
use lupa_core::workbench::{ChartRequest, IpcCode, IpcError};
use lupa_store::Decision;

use crate::support::{import, workbench};

fn gambling_sum(state: &lupa_core::workbench::ReviewState) -> (MetricValue, u32) {
    let metric = state.overview.currencies[0]
        .sections
        .iter()
        .find(|section| section.id == "risk")
        .unwrap()
        .metrics
        .iter()
        .find(|metric| metric.name == "gambling_out_sum_90d")
        .unwrap();
    assert!(metric.flagged, "the gambler's gambling is a risk flag");
    (metric.value.clone().unwrap(), metric.transactions)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gamblers_case_drills_down_edits_undoes_and_is_decided() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = workbench(dir.path(), "review").await;
    let saved = import(&workbench, "gambler").await;
    let case_id = saved.case_id;

    // The overview, in F-REV-2's order.
    let state = workbench
        .review_overview(case_id, None, None)
        .await
        .unwrap();
    let sections: Vec<&str> = state.overview.currencies[0]
        .sections
        .iter()
        .map(|section| section.id.as_str())
        .collect();
    assert_eq!(
        sections,
        ["income", "obligations", "balance", "risk", "quality"]
    );
    assert_eq!(state.overview.score.id, "score");
    let (before, count) = gambling_sum(&state);
    assert!(count > 0);
    assert!(!state.can_undo && !state.can_redo);

    // Drill-down: exactly the transactions behind the figure, all of them gambling.
    let evidence = TxFilter {
        evidence: Some(Evidence::Metric {
            currency: "PLN".into(),
            name: "gambling_out_sum_90d".into(),
        }),
        ..TxFilter::default()
    };
    let page = workbench
        .review_transactions(case_id, evidence.clone(), 0, 1000)
        .await
        .unwrap();
    assert_eq!(page.total, count);
    assert!(
        page.rows.iter().all(|row| row.category == "RISK_GAMBLING"),
        "{:?}",
        page.rows
    );
    let sum: rust_decimal::Decimal = page.rows.iter().map(|row| -row.amount).sum();
    assert_eq!(MetricValue::Amount(sum), before);

    // Recategorise one: the metric changes at once; undo restores it; redo re-applies.
    let first = page.rows[0].clone();
    let outcome = workbench
        .edit_transactions(
            case_id,
            vec![first.id],
            Edit::Category {
                category: Some("disc_leisure".into()),
            },
        )
        .await
        .unwrap();
    assert!(outcome.can_undo && !outcome.can_redo && outcome.changed == 1);
    let edited = workbench
        .review_overview(case_id, None, None)
        .await
        .unwrap();
    let (after, after_count) = gambling_sum(&edited);
    assert_eq!(after_count, count - 1);
    assert_eq!(
        after,
        MetricValue::Amount(sum + first.amount),
        "the recategorised payment left the gambling sum"
    );
    let edited_rows = workbench
        .review_transactions(
            case_id,
            TxFilter {
                flag: Some(TxFlag::Edited),
                ..TxFilter::default()
            },
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(edited_rows.total, 1);
    assert_eq!(edited_rows.rows[0].category, "DISC_LEISURE");
    assert_eq!(edited_rows.rows[0].category_source, "analyst");

    let undone = workbench.undo_edit(case_id).await.unwrap();
    assert!(!undone.can_undo && undone.can_redo);
    let state = workbench
        .review_overview(case_id, None, None)
        .await
        .unwrap();
    assert_eq!(gambling_sum(&state), (before.clone(), count));
    workbench.redo_edit(case_id).await.unwrap();
    let state = workbench
        .review_overview(case_id, None, None)
        .await
        .unwrap();
    assert_eq!(gambling_sum(&state).1, count - 1);
    workbench.undo_edit(case_id).await.unwrap();
    let nothing = workbench.redo_edit(case_id).await.map(|_| ());
    assert!(nothing.is_ok(), "redo after undo works");
    workbench.undo_edit(case_id).await.unwrap();

    // Star and comment, filtered by flag.
    workbench
        .edit_transactions(case_id, vec![first.id], Edit::Star { starred: true })
        .await
        .unwrap();
    workbench
        .edit_transactions(
            case_id,
            vec![first.id],
            Edit::Comment {
                comment: Some("  Zapytać klienta  ".into()),
            },
        )
        .await
        .unwrap();
    let starred = workbench
        .review_transactions(
            case_id,
            TxFilter {
                flag: Some(TxFlag::Starred),
                ..TxFilter::default()
            },
            0,
            10,
        )
        .await
        .unwrap();
    assert_eq!(starred.total, 1);
    assert_eq!(starred.rows[0].comment.as_deref(), Some("Zapytać klienta"));

    // A bad category is refused in words.
    let bad = workbench
        .edit_transactions(
            case_id,
            vec![first.id],
            Edit::Category {
                category: Some("NOPE".into()),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(IpcError::from(&bad).code, IpcCode::InvalidInput);

    // The decision makes the case read-only until reopened with a reason.
    let missing = workbench
        .record_decision(case_id, Decision::Decline, " ".into(), "Anna".into())
        .await
        .unwrap_err();
    assert_eq!(IpcError::from(&missing).code, IpcCode::InvalidInput);
    workbench
        .record_decision(
            case_id,
            Decision::Decline,
            "Hazard".into(),
            "Anna Nowak".into(),
        )
        .await
        .unwrap();
    let refused = workbench
        .edit_transactions(case_id, vec![first.id], Edit::Star { starred: false })
        .await
        .unwrap_err();
    assert_eq!(IpcError::from(&refused).code, IpcCode::CaseDecided);
    let refused_undo = workbench.undo_edit(case_id).await.unwrap_err();
    assert_eq!(IpcError::from(&refused_undo).code, IpcCode::CaseDecided);
    workbench
        .reopen_case(case_id, "Nowe wyciągi".into(), "Anna Nowak".into())
        .await
        .unwrap();
    let undone = workbench.undo_edit(case_id).await.unwrap();
    assert!(undone.can_undo, "the refused undo kept its step");
    let state = workbench
        .review_overview(case_id, None, None)
        .await
        .unwrap();
    let actions: Vec<&str> = state.decisions.iter().map(|d| d.action.as_str()).collect();
    assert_eq!(actions, ["decline", "reopen"]);

    // The what-if.
    let what_if = workbench
        .review_overview(case_id, Some("1 200,50".into()), Some("PLN".into()))
        .await
        .unwrap();
    let affordability = what_if.overview.currencies[0]
        .affordability
        .clone()
        .unwrap();
    assert_eq!(affordability.instalment.to_string(), "1200.50");
    assert!(affordability.dsti_after > affordability.dsti_before);
    assert!(
        workbench
            .review_overview(case_id, Some("abc".into()), None)
            .await
            .is_err()
    );

    // Charts come with hover targets; a period narrows them.
    let chart = workbench
        .case_chart(
            case_id,
            ChartRequest {
                kind: "balance".into(),
                currency: "PLN".into(),
                from: None,
                to: None,
                locale: "pl".into(),
                theme: "dark".into(),
                width: 800,
                height: 300,
            },
        )
        .await
        .unwrap();
    assert!(chart.contains("lupa-hover") && chart.contains("data-chart=\"balance\""));

    // Sorting and text search.
    let by_amount = workbench
        .review_transactions(
            case_id,
            TxFilter {
                sort: SortKey::Amount,
                descending: false,
                ..TxFilter::default()
            },
            0,
            50,
        )
        .await
        .unwrap();
    assert!(
        by_amount
            .rows
            .windows(2)
            .all(|w| w[0].amount <= w[1].amount)
    );
    let total = by_amount.total;
    let searched = workbench
        .review_transactions(
            case_id,
            TxFilter {
                text: Some(first.title.clone().unwrap_or_default()),
                ..TxFilter::default()
            },
            0,
            1000,
        )
        .await
        .unwrap();
    assert!(searched.total >= 1 && searched.total < total);
    assert!(searched.rows.iter().any(|row| row.id == first.id));

    // Saved views round-trip the filter.
    let id = workbench
        .save_view("Hazard".into(), evidence.clone())
        .await
        .unwrap();
    let views = workbench.saved_views().await.unwrap();
    assert_eq!(views.len(), 1);
    let restored: TxFilter = serde_json::from_str(&views[0].filter).unwrap();
    assert_eq!(restored, evidence);
    workbench.delete_view(id).await.unwrap();
    workbench.shutdown().await;
}
