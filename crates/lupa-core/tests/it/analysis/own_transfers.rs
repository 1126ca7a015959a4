//! Own-account transfers (F-ANA-3): by the counterparty IBAN or by a same-amount pair within
//! 0–3 days; excluded from income and expenses.

use lupa_core::analysis::{AnalysisInput, AnalysisOptions, Category, analyze};

use super::support::*;

const A: &str = "PL61109010140000071219812874";
const B: &str = "PL27114020040000300201355387";

fn case(transactions: Vec<lupa_core::analysis::TxInput>) -> lupa_core::analysis::Analysis {
    let input = AnalysisInput {
        accounts: vec![account(1, A), account(2, B)],
        transactions,
        ..AnalysisInput::default()
    };
    analyze(&input, &AnalysisOptions::new(date(2026, 11, 20)))
}

#[test]
fn same_amount_on_two_case_accounts_within_three_days_is_an_own_transfer() {
    let analysis = case(vec![
        tx(1, 1, date(2026, 11, 2), "-1234.56", "Przelew"),
        tx(2, 2, date(2026, 11, 5), "1234.56", "Przelew"),
    ]);
    assert_eq!(analysis.transactions[0].category, Category::OutOwnTransfer);
    assert_eq!(analysis.transactions[1].category, Category::IncOwnTransfer);
    assert_eq!(analysis.transactions[0].own_transfer_counterpart, Some(2));
    assert_eq!(analysis.transactions[1].own_transfer_counterpart, Some(1));
    let pln = analysis.currency("PLN").unwrap();
    assert_eq!(amount(pln, "income_m0"), dec("0.00"));
    assert_eq!(amount(pln, "net_cash_flow"), dec("0.00"));
}

#[test]
fn four_days_apart_the_same_account_or_an_outside_iban_are_not() {
    let mut outside = tx(5, 1, date(2026, 11, 2), "-300.00", "Przelew");
    outside.party_iban = Some("PL83130000002076700146310001".into());
    let analysis = case(vec![
        tx(1, 1, date(2026, 11, 1), "-700.00", "Przelew"),
        tx(2, 2, date(2026, 11, 5), "700.00", "Przelew"),
        tx(3, 1, date(2026, 11, 10), "-50.00", "Przelew"),
        tx(4, 1, date(2026, 11, 10), "50.00", "Przelew"),
        outside,
        tx(6, 2, date(2026, 11, 2), "300.00", "Przelew"),
    ]);
    for result in &analysis.transactions {
        assert!(!result.category.is_own_transfer(), "{result:?}");
    }
}

#[test]
fn a_party_iban_of_a_case_account_is_an_own_transfer_whatever_the_amount() {
    let mut exchange_out = tx(1, 1, date(2026, 11, 26 - 10), "-3000.00", "Wymiana walut");
    exchange_out.party_iban = Some(format!(" {} ", B.to_lowercase()));
    let mut exchange_in = tx(2, 2, date(2026, 11, 17), "12750.00", "Wymiana walut");
    exchange_in.party_iban = Some(A.into());
    let analysis = case(vec![exchange_out, exchange_in]);
    assert_eq!(analysis.transactions[0].category, Category::OutOwnTransfer);
    assert_eq!(analysis.transactions[1].category, Category::IncOwnTransfer);
    assert_eq!(&*analysis.transactions[0].local_rule, "own_transfer_iban");
}

#[test]
fn card_payments_are_never_paired() {
    let mut card = tx(1, 1, date(2026, 11, 2), "-89.99", "ZABKA Z1 WARSZAWA");
    card.kind = Some("ZAPŁATA KARTĄ".into());
    let analysis = case(vec![card, tx(2, 2, date(2026, 11, 2), "89.99", "Zwrot")]);
    assert_eq!(analysis.transactions[0].category, Category::ExpGroceries);
    assert!(!analysis.transactions[1].category.is_own_transfer());
}
