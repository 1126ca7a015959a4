//! Balance continuity (F-ANA-4): breaks, same-day order, closing balance and gaps.

use lupa_core::analysis::continuity::check;
use lupa_core::analysis::{AnalysisInput, TxInput};

use super::support::*;

fn with_balance(mut tx: TxInput, balance: &str) -> TxInput {
    tx.balance_after = Some(dec(balance));
    tx
}

fn input(transactions: Vec<TxInput>, balance: Option<&str>) -> AnalysisInput {
    let mut account = account(1, "PL61109010140000071219812874");
    account.balance = balance.map(dec);
    AnalysisInput {
        accounts: vec![account],
        transactions,
        ..AnalysisInput::default()
    }
}

#[test]
fn a_continuous_chain_in_the_banks_newest_first_order() {
    // Ids in wire order (newest first), two transactions on one day.
    let data = input(
        vec![
            with_balance(tx(1, 1, date(2026, 3, 2), "-15.00", "B"), "985.00"),
            with_balance(tx(2, 1, date(2026, 3, 2), "500.00", "A"), "1000.00"),
            with_balance(tx(3, 1, date(2026, 3, 1), "500.00", "start"), "500.00"),
        ],
        Some("985.00"),
    );
    let result = &check(&data, date(2026, 3, 2), 14)[0];
    assert!(result.is_continuous(), "{result:?}");
    assert_eq!((result.checked, result.breaks.len()), (2, 0));
    // The same data with ids in the opposite order is still continuous.
    let mut reversed = data.clone();
    for tx in &mut reversed.transactions {
        tx.id = 10 - tx.id;
    }
    assert!(check(&reversed, date(2026, 3, 2), 14)[0].is_continuous());
}

#[test]
fn a_missing_transaction_is_a_break_with_its_difference() {
    let data = input(
        vec![
            with_balance(tx(1, 1, date(2026, 3, 9), "-100.00", "C"), "650.00"),
            with_balance(tx(2, 1, date(2026, 3, 5), "-50.00", "B"), "950.00"),
            with_balance(tx(3, 1, date(2026, 3, 1), "1000.00", "A"), "1000.00"),
        ],
        Some("600.00"),
    );
    let result = &check(&data, date(2026, 3, 9), 14)[0];
    assert_eq!(result.breaks.len(), 1);
    let found = &result.breaks[0];
    assert_eq!(
        (found.transaction_id, found.previous_transaction_id),
        (1, 2)
    );
    assert_eq!(found.expected, dec("850.00"));
    assert_eq!(
        found.difference,
        dec("-200.00"),
        "200.00 left without a transaction"
    );
    assert_eq!(result.closing, Some((dec("600.00"), dec("650.00"))));
    assert!(!result.is_continuous());
}

#[test]
fn gaps_longer_than_the_threshold_are_listed() {
    let data = input(
        vec![
            tx(1, 1, date(2026, 6, 30), "-10.00", "late"),
            tx(2, 1, date(2026, 3, 1), "-10.00", "early"),
        ],
        None,
    );
    let result = &check(&data, date(2026, 7, 31), 14)[0];
    assert_eq!(result.gaps.len(), 2, "{:?}", result.gaps);
    assert_eq!(result.gaps[0].days, 120, "2 March to 29 June");
    assert_eq!(result.gaps[1].days, 31, "to the as-of date");
    assert_eq!(result.missing_balances, 2);
}

#[test]
fn every_persona_chain_is_continuous() {
    for id in ["salaried", "gambler", "multi-currency", "cards"] {
        let case = Case::of(id);
        for account in &case.analysis.continuity {
            assert!(account.is_continuous(), "{id}: {account:?}");
            assert!(account.checked + 1 >= account.transactions);
        }
    }
}
