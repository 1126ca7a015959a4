//! Storing the real captures keeps exactly every value (F-STO-2, F-IMP-9).

use lupa_kontomatik::Environment;
use lupa_kontomatik::model::{CommandResult, MoneyTransaction, Payload};
use lupa_kontomatik::xml::parse_reply;
use lupa_store::{CaseQuery, Error, Flow, ImportState, TxQuery};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::support::{DATA, DEFAULT_IMPORT_RESULT, TestStore, fixture, new_import, raw};

const CAPTURE_OWNER: &str = "kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27";

fn parsed_result(body: &[u8]) -> CommandResult {
    match parse_reply(body).unwrap().payload {
        Payload::Command(command) => command.result.unwrap(),
        other => panic!("not a command: {other:?}"),
    }
}

fn sorted_debug(transactions: &[MoneyTransaction]) -> Vec<String> {
    let mut lines: Vec<String> = transactions.iter().map(|tx| format!("{tx:?}")).collect();
    lines.sort();
    lines
}

#[test]
fn capture_default_import_is_stored_with_every_value() {
    let mut t = TestStore::new();
    let body = fixture(DEFAULT_IMPORT_RESULT);
    let parsed = parsed_result(&body);
    let (case_id, import_id) = t
        .store
        .create_case_and_import(&new_import(CAPTURE_OWNER, "session-1"))
        .unwrap();
    t.store
        .record_command_started(import_id, "455026009")
        .unwrap();
    let report = t
        .store
        .ingest_raw_reply(import_id, &raw("455026009", body.clone()))
        .unwrap();
    assert_eq!(
        (
            report.owners,
            report.accounts,
            report.transactions,
            report.new_transactions
        ),
        (2, 1, 72, 72)
    );

    // Read back after closing and reopening the file: every field of every owner, account and
    // transaction equals the parsed model.
    let t = t.reopen();
    let stored = t.store.import_result(import_id).unwrap();
    assert_eq!(stored, parsed, "the import reads back exactly as parsed");

    let account = &parsed.accounts.as_ref().unwrap()[0];
    let wire = account.money_transactions.as_ref().unwrap();
    let mut query = TxQuery::for_case(case_id);
    query.limit = 1000;
    let rows = t.store.transactions(&query).unwrap();
    assert_eq!(rows.len(), 72);
    let models: Vec<MoneyTransaction> = rows.iter().map(|row| row.to_model()).collect();
    assert_eq!(
        sorted_debug(&models),
        sorted_debug(wire),
        "the table holds the same 72"
    );
    assert!(
        rows.iter()
            .any(|row| row.title.as_deref().is_some_and(|t| t.contains("  "))),
        "double spaces inside titles are kept"
    );
    assert!(
        rows.iter()
            .any(|row| row.labels.as_ref().is_some_and(|l| l.len() == 2))
    );
    let cents: Decimal = rows.iter().map(|row| row.amount).sum();
    let wire_cents: Decimal = wire.iter().map(|tx| tx.currency_amount).sum();
    assert_eq!(cents, wire_cents, "amounts to the cent");

    let overview = t.store.case_overview(case_id).unwrap();
    assert_eq!(
        overview.case.display_name.as_deref(),
        Some("Maria Sochacka"),
        "kind OWNER wins"
    );
    assert_eq!(overview.owners.len(), 2);
    assert_eq!(overview.accounts.len(), 1);
    assert_eq!(
        overview.accounts[0].account.balance,
        Some("259402.51".parse().unwrap())
    );
    assert_eq!(overview.accounts[0].transactions, 72);
    assert_eq!(
        overview.imports[0].institution.as_deref(),
        Some("KontoBank")
    );
    assert_eq!(overview.imports[0].state, ImportState::Saved);

    // The evidence: the raw reply byte for byte, with the file's SHA-256.
    let replies = t.store.import_raw_replies(import_id).unwrap();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].sha256, hex::encode(Sha256::digest(&body)));
    assert_eq!(replies[0].call, "GET /v1/command/455026009.xml");
    assert!(
        replies[0].stored_length < replies[0].body_length,
        "compressed"
    );
    assert_eq!(t.store.raw_reply_body(replies[0].id).unwrap(), body);
    assert!(t.store.check_integrity().unwrap().is_empty());
}

#[test]
fn data_xml_file_is_stored_like_a_live_import() {
    let mut t = TestStore::new();
    let body = fixture(DATA);
    let imported = t.store.ingest_file(Environment::Test, &body, None).unwrap();
    assert_eq!(imported.sha256, hex::encode(Sha256::digest(&body)));
    assert_eq!(imported.reports.len(), 1, "one import per target");
    let report = &imported.reports[0];
    assert_eq!(
        (report.owners, report.accounts, report.transactions),
        (2, 1, 72)
    );

    let case = t.store.case(report.case_id).unwrap();
    assert_eq!(
        case.owner_external_id, CAPTURE_OWNER,
        "the file's owner selects the case"
    );
    assert_eq!(case.environment, Environment::Test);
    let import = t.store.import(report.import_id).unwrap();
    assert_eq!(import.flow, Flow::File);
    assert_eq!(
        (import.target.as_str(), import.institution.as_deref()),
        ("KontoBank", Some("KontoBank"))
    );
    assert_eq!(import.session_id, None);

    let Payload::Data(owner) = parse_reply(&body).unwrap().payload else {
        panic!("data.xml is an owner");
    };
    let target = &owner.targets[0];
    let stored = t.store.import_result(report.import_id).unwrap();
    assert_eq!(stored.owners, target.owners);
    assert_eq!(
        stored.accounts, target.accounts,
        "every account and transaction field"
    );
    assert_eq!(stored.credit_cards, target.credit_cards);

    let replies = t.store.import_raw_replies(report.import_id).unwrap();
    assert_eq!(
        (replies[0].call.as_str(), replies[0].http_status),
        ("FILE", 0)
    );
    assert_eq!(t.store.raw_reply_body(replies[0].id).unwrap(), body);
    assert!(t.store.check_integrity().unwrap().is_empty());
}

#[test]
fn the_two_captures_of_one_owner_share_one_copy_of_each_transaction() {
    // data.xml is the same owner's data, re-indented: whitespace inside some titles and a party
    // changed. Matching ignores title whitespace, so nothing is duplicated, and the diff shows
    // the re-indented rows as changed.
    let mut t = TestStore::new();
    let first = t
        .store
        .ingest_file(
            Environment::Test,
            &fixture(DEFAULT_IMPORT_RESULT),
            Some(CAPTURE_OWNER),
        )
        .unwrap();
    let second = t
        .store
        .ingest_file(Environment::Test, &fixture(DATA), None)
        .unwrap();
    let (a, b) = (&first.reports[0], &second.reports[0]);
    assert_eq!(
        a.case_id, b.case_id,
        "same owner id and environment: same case"
    );
    assert_eq!((b.new_transactions, b.matched), (0, 72));
    let cases = t.store.list_cases(&CaseQuery::default()).unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].imports, 2);

    let diff = t.store.diff_imports(a.import_id, b.import_id).unwrap();
    assert!(diff.new.is_empty() && diff.vanished.is_empty() && diff.pending_to_booked.is_empty());
    assert!(!diff.changed.is_empty(), "re-indented texts are changes");
    assert!(
        diff.changed
            .iter()
            .all(|c| c.before.details_hash != c.after.details_hash)
    );
    assert!(
        diff.changed
            .iter()
            .any(|c| c.transaction.party.as_deref() == Some("LPP CROPP GORNI PL")),
        "the newest import's text is the row's text"
    );
}

#[test]
fn files_that_hold_no_import_create_nothing() {
    let mut t = TestStore::new();
    let error = t
        .store
        .ingest_file(
            Environment::Test,
            &fixture("v1.command-reply.exception.xml"),
            None,
        )
        .unwrap_err();
    assert!(matches!(error, Error::NotImportable(_)), "{error}");
    let error = t
        .store
        .ingest_file(
            Environment::Test,
            &fixture("v1.owner-scores-reply.xml"),
            None,
        )
        .unwrap_err();
    assert!(matches!(error, Error::NotImportable(_)), "{error}");
    let error = t
        .store
        .ingest_file(Environment::Test, b"<html>502</html>", None)
        .unwrap_err();
    assert!(matches!(error, Error::Parse(_)), "{error}");
    assert!(
        t.store
            .list_cases(&CaseQuery::default())
            .unwrap()
            .is_empty()
    );
}
