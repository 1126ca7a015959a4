//! An import's bookkeeping: single-use sessions (F-IMP-2), resuming after a restart (F-IMP-6),
//! failures, and the rules that keep half-done imports out of the data.

use lupa_kontomatik::Environment;
use lupa_kontomatik::model::MoneyTransaction;
use lupa_store::{AuditAction, Error, Flow, ImportState, NewImport};

use crate::support::{
    TestStore, command_reply, count, import_result, new_import, now, persona, persona_result, raw,
    through_xml,
};

#[test]
fn a_session_is_used_once_and_a_refused_import_creates_nothing() {
    let mut t = TestStore::new();
    let (_, first) = t
        .store
        .create_case_and_import(&new_import("owner-1", "session-1"))
        .unwrap();
    let (cases, imports) = (count(&t.store, "cases"), count(&t.store, "imports"));

    let error = t
        .store
        .create_case_and_import(&new_import("owner-2", "session-1"))
        .unwrap_err();
    match error {
        Error::SessionAlreadyUsed { used_at, import_id } => {
            assert_eq!(used_at, now());
            assert_eq!(import_id, Some(first));
        }
        other => panic!("expected SessionAlreadyUsed, got {other}"),
    }
    assert!(error_text_mentions_new_login(&t.store, "session-1"));
    assert_eq!(
        count(&t.store, "cases"),
        cases,
        "no case for the refused import"
    );
    assert_eq!(count(&t.store, "imports"), imports, "no import either");

    // Claiming again for the same import is harmless; for another import it is refused.
    t.store
        .claim_session(Environment::Sandbox, "session-1", first)
        .unwrap();
    let (_, second) = t
        .store
        .create_case_and_import(&new_import("owner-1", "session-2"))
        .unwrap();
    assert!(matches!(
        t.store
            .claim_session(Environment::Sandbox, "session-1", second),
        Err(Error::SessionAlreadyUsed { .. })
    ));
    // Sessions are per environment; files use none.
    t.store
        .claim_session(Environment::Test, "session-1", second)
        .unwrap();
    let file = NewImport {
        flow: Flow::File,
        ..new_import("owner-1", "session-1")
    };
    t.store
        .create_case_and_import(&file)
        .expect("a file never claims a session");
    assert_eq!(count(&t.store, "used_sessions"), 3);
}

fn error_text_mentions_new_login(store: &lupa_store::Store, session: &str) -> bool {
    let used = store
        .used_session(Environment::Sandbox, session)
        .unwrap()
        .unwrap();
    let error = Error::SessionAlreadyUsed {
        used_at: used.used_at,
        import_id: used.import_id,
    };
    error.to_string().contains("new bank login")
}

#[test]
fn running_imports_survive_a_restart_and_resume() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("thin")));
    let (case_id, polling) = t
        .store
        .create_case_and_import(&new_import("owner-1", "s1"))
        .unwrap();
    t.store.record_command_started(polling, "111").unwrap();
    let (_, interrupted) = t
        .store
        .create_case_and_import(&new_import("owner-1", "s2"))
        .unwrap();
    t.store.record_command_started(interrupted, "222").unwrap();
    // The result arrived and was stored, then the app died before ingesting it.
    t.store
        .save_raw_reply(
            interrupted,
            &raw("222", command_reply("222", result.clone())),
        )
        .unwrap();
    let (_, unknown_start) = t
        .store
        .create_case_and_import(&new_import("owner-1", "s3"))
        .unwrap();

    let mut t = t.reopen();
    let running = t.store.running_imports().unwrap();
    let ids: Vec<_> = running.iter().map(|import| import.id).collect();
    assert_eq!(ids, [polling, interrupted, unknown_start], "oldest first");
    assert_eq!(
        running[0].command_id.as_deref(),
        Some("111"),
        "polling can resume"
    );
    assert_eq!(
        running[2].command_id, None,
        "the start's outcome is unknown"
    );
    assert!(
        t.store.check_integrity().unwrap().is_empty(),
        "a running import is not a problem"
    );

    let report = t
        .store
        .reingest(interrupted)
        .expect("resume from the stored reply");
    assert_eq!(report.case_id, case_id);
    assert_eq!(
        t.store.import(interrupted).unwrap().state,
        ImportState::Saved
    );
    assert_eq!(t.store.import_result(interrupted).unwrap(), result);

    t.store
        .finish_import_failed(
            unknown_start,
            "retry_later",
            Some("IO"),
            Some("Bank timeout"),
        )
        .unwrap();
    let failed = t.store.import(unknown_start).unwrap();
    assert_eq!(failed.state, ImportState::Failed);
    assert_eq!(failed.finished_at, Some(now()));
    assert_eq!(
        (
            failed.error_code.as_deref(),
            failed.error_name.as_deref(),
            failed.error_message.as_deref()
        ),
        (Some("retry_later"), Some("IO"), Some("Bank timeout"))
    );
    assert!(matches!(
        t.store
            .finish_import_failed(unknown_start, "again", None, None),
        Err(Error::ImportState {
            state: ImportState::Failed,
            ..
        })
    ));
    assert!(matches!(
        t.store.record_command_started(unknown_start, "333"),
        Err(Error::ImportState { .. })
    ));
    let running: Vec<_> = t
        .store
        .running_imports()
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(running, [polling]);
    assert!(matches!(t.store.reingest(polling), Err(Error::NoResult(id)) if id == polling));

    let actions: Vec<AuditAction> = t
        .store
        .audit_log(100)
        .unwrap()
        .iter()
        .rev()
        .map(|l| l.action)
        .collect();
    assert_eq!(actions[0], AuditAction::CaseCreated);
    assert!(actions.contains(&AuditAction::CommandStarted));
    assert!(actions.contains(&AuditAction::ImportSaved));
    assert!(actions.contains(&AuditAction::ImportFailed));
}

#[test]
fn ingest_needs_a_stored_raw_reply_and_a_running_import() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("thin")));
    let (_, import_id) = t
        .store
        .create_case_and_import(&new_import("owner-1", "s1"))
        .unwrap();
    assert!(matches!(
        t.store.ingest_import(import_id, &result),
        Err(Error::NoRawReply(id)) if id == import_id
    ));
    assert_eq!(count(&t.store, "transactions"), 0);
    t.store
        .save_raw_reply(import_id, &raw("1", command_reply("1", result.clone())))
        .unwrap();
    t.store.ingest_import(import_id, &result).unwrap();
    assert!(matches!(
        t.store.ingest_import(import_id, &result),
        Err(Error::ImportState {
            state: ImportState::Saved,
            ..
        })
    ));
    assert!(matches!(
        t.store.import(lupa_store::ImportId(999)),
        Err(Error::NotFound {
            what: "import",
            id: 999
        })
    ));
}

#[test]
fn an_amount_with_fractions_of_a_cent_is_an_error_and_saves_nothing() {
    let mut t = TestStore::new();
    let mut result = persona_result(&persona("thin"));
    result.accounts.as_mut().unwrap()[0]
        .money_transactions
        .as_mut()
        .unwrap()
        .push(MoneyTransaction {
            currency_amount: "1.005".parse().unwrap(),
            ..MoneyTransaction::default()
        });
    let (_, import_id) = t
        .store
        .create_case_and_import(&new_import("owner-1", "s1"))
        .unwrap();
    t.store
        .save_raw_reply(import_id, &raw("1", b"<reply/>".to_vec()))
        .unwrap();
    let error = t.store.ingest_import(import_id, &result).unwrap_err();
    assert!(
        matches!(
            error,
            Error::Amount {
                field: "moneyTransaction/currencyAmount",
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(
        count(&t.store, "transactions"),
        0,
        "the whole ingest rolled back"
    );
    assert_eq!(count(&t.store, "accounts"), 0);
    assert_eq!(
        t.store.import(import_id).unwrap().state,
        ImportState::Running
    );
}

#[test]
fn new_imports_extend_the_retention_of_their_case() {
    let mut t = TestStore::new();
    t.store.set_retention_days(30);
    let (case_id, _, _) = import_result(
        &mut t.store,
        "owner-1",
        "s1",
        persona_result(&persona("thin")),
    );
    let case = t.store.case(case_id).unwrap();
    assert_eq!(
        case.delete_after,
        now().date_naive() + chrono::Days::new(30)
    );
    t.store
        .set_delete_after(case_id, crate::support::day(2027, 6, 1))
        .unwrap();
    t.store
        .create_case_and_import(&new_import("owner-1", "s2"))
        .unwrap();
    assert_eq!(
        t.store.case(case_id).unwrap().delete_after,
        crate::support::day(2027, 6, 1),
        "a later date chosen by the analyst is kept"
    );
}
