//! The analyst's review: edits as whole states (undoable), decisions that make a case read-only,
//! reopening with a reason, saved views; every change audited by ids only.

use lupa_store::table::audit_log;
use lupa_store::{AuditAction, Decision, Error, TransactionId, TxEditState, TxQuery};

use crate::support::{TestStore, count, import_result, persona, persona_result, through_xml};

fn case_with_transactions(t: &mut TestStore) -> (lupa_store::CaseId, Vec<TransactionId>) {
    let result = through_xml(persona_result(&persona("salaried")));
    let (case_id, _, _) = import_result(&mut t.store, "owner-review", "s1", result);
    let mut query = TxQuery::for_case(case_id);
    query.limit = 3;
    let ids = t
        .store
        .transactions(&query)
        .unwrap()
        .into_iter()
        .map(|tx| tx.id)
        .collect();
    (case_id, ids)
}

#[test]
fn an_edit_and_its_undo_are_states_written_atomically_and_audited() {
    let mut t = TestStore::new();
    let (case_id, ids) = case_with_transactions(&mut t);
    let before = t.store.edit_states(case_id, &ids).unwrap();
    assert!(
        before
            .iter()
            .all(|state| state.category.is_none() && !state.starred)
    );

    let after: Vec<TxEditState> = before
        .iter()
        .map(|state| TxEditState {
            category: Some("RISK_GAMBLING".into()),
            starred: true,
            comment: Some("sprawdzić".into()),
            ..state.clone()
        })
        .collect();
    t.store
        .apply_edit_states(case_id, &after, AuditAction::TransactionsEdited)
        .unwrap();
    assert_eq!(t.store.edit_states(case_id, &ids).unwrap(), after);
    assert_eq!(t.store.overrides(case_id).unwrap().len(), 3);
    assert_eq!(t.store.notes(case_id).unwrap().len(), 3);

    t.store
        .apply_edit_states(case_id, &before, AuditAction::EditUndone)
        .unwrap();
    assert_eq!(t.store.edit_states(case_id, &ids).unwrap(), before);
    assert_eq!(
        count(&t.store, "category_overrides"),
        0,
        "undo removes the override rows"
    );
    assert_eq!(count(&t.store, "transaction_notes"), 0, "and the notes");

    let actions: Vec<AuditAction> = audit_log::recent(t.store.connection(), 2)
        .unwrap()
        .into_iter()
        .map(|row| row.action)
        .collect();
    assert_eq!(
        actions,
        [AuditAction::EditUndone, AuditAction::TransactionsEdited]
    );
}

#[test]
fn a_transaction_of_another_case_is_refused_and_nothing_changes() {
    let mut t = TestStore::new();
    let (case_id, ids) = case_with_transactions(&mut t);
    let other = through_xml(persona_result(&persona("thin")));
    let (other_case, _, _) = import_result(&mut t.store, "owner-other", "s2", other);
    let mut states = t.store.edit_states(case_id, &ids).unwrap();
    for state in &mut states {
        state.starred = true;
    }
    let error = t
        .store
        .apply_edit_states(other_case, &states, AuditAction::TransactionsEdited);
    assert!(matches!(error, Err(Error::NotInCase { .. })), "{error:?}");
    assert!(matches!(
        t.store.edit_states(other_case, &ids),
        Err(Error::NotInCase { .. })
    ));
    assert_eq!(count(&t.store, "transaction_notes"), 0);
}

#[test]
fn a_decided_case_is_read_only_until_reopened_and_keeps_its_history() {
    let mut t = TestStore::new();
    let (case_id, ids) = case_with_transactions(&mut t);
    t.store
        .record_decision(
            case_id,
            Decision::Decline,
            "Hazard: 40% wpływów",
            "Anna Nowak",
        )
        .unwrap();
    let case = t.store.case_overview(case_id).unwrap().case;
    assert_eq!(case.decision, Some(Decision::Decline));
    assert_eq!(case.decided_by.as_deref(), Some("Anna Nowak"));

    let mut states = t.store.edit_states(case_id, &ids).unwrap();
    states[0].starred = true;
    let refused = t
        .store
        .apply_edit_states(case_id, &states, AuditAction::TransactionsEdited);
    assert!(
        matches!(refused, Err(Error::CaseDecided(id)) if id == case_id),
        "{refused:?}"
    );
    let twice = t
        .store
        .record_decision(case_id, Decision::Approve, "x", "y");
    assert!(matches!(twice, Err(Error::CaseDecided(_))));
    assert_eq!(count(&t.store, "transaction_notes"), 0);

    t.store
        .reopen_case(case_id, "Nowe dokumenty", "Anna Nowak")
        .unwrap();
    assert_eq!(t.store.case_overview(case_id).unwrap().case.decision, None);
    assert!(matches!(
        t.store.reopen_case(case_id, "again", "Anna Nowak"),
        Err(Error::CaseNotDecided(_))
    ));
    t.store
        .apply_edit_states(case_id, &states, AuditAction::TransactionsEdited)
        .unwrap();

    let history: Vec<(String, String)> = t
        .store
        .decision_history(case_id)
        .unwrap()
        .into_iter()
        .map(|row| (row.action, row.rationale))
        .collect();
    assert_eq!(
        history,
        [
            ("decline".to_owned(), "Hazard: 40% wpływów".to_owned()),
            ("reopen".to_owned(), "Nowe dokumenty".to_owned())
        ]
    );
}

#[test]
fn saved_views_are_replaced_by_name_and_deleted() {
    let mut t = TestStore::new();
    let first = t.store.save_view("Ryzyko", r#"{"flag":"risk"}"#).unwrap();
    let again = t
        .store
        .save_view("Ryzyko", r#"{"flag":"risk","account":1}"#)
        .unwrap();
    assert_eq!(first, again);
    t.store.save_view("Dochód", r#"{"flag":"income"}"#).unwrap();
    let views = t.store.saved_views().unwrap();
    assert_eq!(views.len(), 2);
    assert_eq!(views[1].filter, r#"{"flag":"risk","account":1}"#);
    assert!(t.store.delete_view(first).unwrap());
    assert!(!t.store.delete_view(first).unwrap());
    assert_eq!(t.store.saved_views().unwrap().len(), 1);
}
