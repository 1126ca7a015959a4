//! Re-importing an applicant (F-STO-4): one case, one copy of each transaction, and the
//! differences between imports.

use chrono::Days;
use lupa_kontomatik::model::{CommandResult, MoneyTransaction};
use lupa_store::TxQuery;

use crate::support::{
    TestStore, count, day, import_result, persona, persona_result, snapshot, through_xml,
};

fn account_transactions(result: &mut CommandResult, index: usize) -> &mut Vec<MoneyTransaction> {
    result.accounts.as_mut().unwrap()[index]
        .money_transactions
        .as_mut()
        .unwrap()
}

#[test]
fn two_imports_of_one_persona_share_one_case_and_one_copy_of_each_transaction() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("salaried")));
    let total: usize = result
        .accounts
        .iter()
        .flatten()
        .map(|a| a.money_transactions.as_ref().map_or(0, Vec::len))
        .sum();
    let (case_1, import_1, first) = import_result(&mut t.store, "owner-1", "s1", result.clone());
    let (case_2, import_2, second) = import_result(&mut t.store, "owner-1", "s2", result.clone());
    assert_eq!(case_1, case_2, "same owner id and environment: same case");
    assert_eq!((first.new_transactions, first.transactions), (total, total));
    assert_eq!(
        (
            second.new_transactions,
            second.matched,
            second.pending_matched
        ),
        (0, total, 0)
    );
    assert_eq!(
        count(&t.store, "transactions"),
        total as i64,
        "no duplicates"
    );
    let sightings: i64 = t
        .store
        .connection()
        .query_row(
            "SELECT sum(transaction_count) FROM sighting_lists",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(sightings, 2 * total as i64);
    assert_eq!(
        count(&t.store, "accounts"),
        result.accounts.as_ref().unwrap().len() as i64
    );

    let diff = t.store.diff_imports(import_1, import_2).unwrap();
    assert_eq!(
        diff,
        Default::default(),
        "identical imports differ in nothing"
    );
    assert_eq!(t.store.import_result(import_2).unwrap(), result);
    assert!(t.store.check_integrity().unwrap().is_empty());
}

#[test]
fn the_diff_shows_pending_to_booked_vanished_new_and_changed() {
    let mut t = TestStore::new();
    let mut first = through_xml(persona_result(&persona("salaried")));
    // Real banks often send pending transactions without a balance: the fingerprint then
    // differs after booking, and the pending rule must match them.
    let pending: Vec<usize> = account_transactions(&mut first, 0)
        .iter()
        .enumerate()
        .filter(|(_, tx)| tx.status.as_deref() == Some("PENDING"))
        .map(|(index, _)| index)
        .collect();
    assert!(
        !pending.is_empty(),
        "the salaried persona has pending transactions"
    );
    let mut booked_balances = Vec::new();
    for &index in &pending {
        let tx = &mut account_transactions(&mut first, 0)[index];
        booked_balances.push(tx.currency_balance.take());
    }

    let mut second = first.clone();
    let list = account_transactions(&mut second, 0);
    for (&index, balance) in pending.iter().zip(&booked_balances) {
        let tx = &mut list[index];
        tx.status = Some("DONE".into());
        tx.booked_on = Some(tx.transaction_on + Days::new(1));
        tx.currency_balance = *balance;
    }
    let vanished = list.remove(40);
    list[50].party = Some("Nowy Kontrahent Sp. z o.o.".into());
    let changed_title = list[50].title.clone();
    let new = MoneyTransaction {
        transaction_on: day(2026, 11, 21),
        booked_on: Some(day(2026, 11, 21)),
        currency_amount: "-12.34".parse().unwrap(),
        currency_balance: None,
        title: Some("Nowa transakcja".into()),
        status: Some("DONE".into()),
        ..MoneyTransaction::default()
    };
    list.insert(0, new.clone());
    let second = through_xml(second);

    let (case_id, import_1, _) = import_result(&mut t.store, "owner-1", "s1", first.clone());
    let pending_ids: Vec<_> = t
        .store
        .transactions(&TxQuery {
            status: Some(lupa_store::TxStatus::Pending),
            ..TxQuery::for_case(case_id)
        })
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect();
    let before = count(&t.store, "transactions");
    let (_, import_2, report) = import_result(&mut t.store, "owner-1", "s2", second.clone());
    assert_eq!(report.new_transactions, 1);
    assert_eq!(
        report.pending_matched,
        pending.len(),
        "matched by the pending rule"
    );
    assert_eq!(report.pending_to_booked, pending.len());
    assert_eq!(
        count(&t.store, "transactions"),
        before + 1,
        "booking updates rows in place"
    );

    let diff = t.store.diff_imports(import_1, import_2).unwrap();
    assert_eq!(diff.new.len(), 1);
    assert_eq!(diff.new[0].to_model(), new);
    assert_eq!(diff.vanished.len(), 1);
    assert_eq!(
        diff.vanished[0].to_model(),
        vanished,
        "a vanished row keeps its values"
    );
    assert_eq!(diff.pending_to_booked.len(), pending.len());
    let mut booked_ids: Vec<_> = diff
        .pending_to_booked
        .iter()
        .map(|c| c.transaction.id)
        .collect();
    booked_ids.sort();
    let mut pending_ids = pending_ids;
    pending_ids.sort();
    assert_eq!(
        booked_ids, pending_ids,
        "the pending rows themselves were booked"
    );
    for change in &diff.pending_to_booked {
        assert!(change.before.pending && !change.after.pending);
        assert!(change.before.booked_on.is_none() && change.after.booked_on.is_some());
        assert!(!change.transaction.pending);
        assert_eq!(change.transaction.status.as_deref(), Some("DONE"));
        assert!(change.transaction.balance_after.is_some());
    }
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].transaction.title, changed_title);
    assert_eq!(
        diff.changed[0].transaction.party.as_deref(),
        Some("Nowy Kontrahent Sp. z o.o.")
    );

    // Each import still reads back as it was received, and re-deriving changes nothing.
    assert_eq!(t.store.import_result(import_2).unwrap(), second);
    let before = snapshot(&t.store, case_id);
    t.store.reingest(import_1).unwrap();
    t.store.reingest(import_2).unwrap();
    t.store.reingest(import_1).unwrap();
    assert_eq!(
        snapshot(&t.store, case_id),
        before,
        "reingest is idempotent in any order"
    );
    assert!(t.store.check_integrity().unwrap().is_empty());
}

#[test]
fn identical_transactions_within_one_import_stay_apart() {
    let mut t = TestStore::new();
    let mut result = through_xml(persona_result(&persona("thin")));
    let list = account_transactions(&mut result, 0);
    let twin = MoneyTransaction {
        transaction_on: day(2026, 11, 10),
        booked_on: Some(day(2026, 11, 10)),
        currency_amount: "-4.50".parse().unwrap(),
        title: Some("Parking".into()),
        status: Some("DONE".into()),
        ..MoneyTransaction::default()
    };
    list.insert(0, twin.clone());
    list.insert(0, twin.clone());
    let total = list.len();
    let (case_id, _, first) = import_result(&mut t.store, "owner-1", "s1", result.clone());
    assert_eq!(first.new_transactions, total);
    let (_, _, second) = import_result(&mut t.store, "owner-1", "s2", result);
    assert_eq!((second.new_transactions, second.matched), (0, total));
    let parking = t
        .store
        .transactions(&TxQuery {
            text: Some("parking".into()),
            ..TxQuery::for_case(case_id)
        })
        .unwrap();
    assert_eq!(
        parking.len(),
        2,
        "two identical payments are two transactions"
    );
}

#[test]
fn different_applicants_and_environments_never_share_rows() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("thin")));
    let (case_1, _, a) = import_result(&mut t.store, "owner-1", "s1", result.clone());
    let (case_2, _, b) = import_result(&mut t.store, "owner-2", "s2", result);
    assert_ne!(case_1, case_2);
    assert_eq!(
        a.new_transactions, b.new_transactions,
        "another applicant's copy is separate"
    );
}

#[test]
fn credit_cards_and_joint_accounts_are_stored_exactly() {
    let mut t = TestStore::new();
    for (index, id) in ["cards", "joint", "multi-currency"].into_iter().enumerate() {
        let spec = lupa_sandbox::personas::find(id).unwrap();
        let generated = lupa_sandbox::personas::generate(spec, 7, day(2026, 11, 20));
        let result = through_xml(persona_result(&generated));
        let owner = format!("owner-{index}");
        let (case_id, import_id, _) =
            import_result(&mut t.store, &owner, &format!("a{index}"), result.clone());
        assert_eq!(t.store.import_result(import_id).unwrap(), result, "{id}");
        let (_, again, report) =
            import_result(&mut t.store, &owner, &format!("b{index}"), result.clone());
        assert_eq!(report.new_transactions, 0, "{id}");
        assert_eq!(t.store.import_result(again).unwrap(), result, "{id}");
        let overview = t.store.case_overview(case_id).unwrap();
        assert_eq!(
            overview.credit_cards.len(),
            generated.credit_cards.len(),
            "{id}"
        );
        assert_eq!(overview.accounts.len(), generated.accounts.len(), "{id}");
    }
    assert!(t.store.check_integrity().unwrap().is_empty());
}
