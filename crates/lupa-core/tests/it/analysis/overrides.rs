//! Analyst edits (F-REV-5) win over labels and rules, and the metrics follow them.

use lupa_core::analysis::{AnalysisOptions, Category, CategorySource, Override, analyze};
use rust_decimal::Decimal;

use super::support::*;

#[test]
fn overrides_win_and_metrics_recompute() {
    let case = Case::of("salaried");
    let october_salary = case
        .titled("Wynagrodzenie za pracę")
        .into_iter()
        .find(|(tx, _)| tx.transaction_on == date(2026, 10, 10))
        .map(|(tx, _)| tx.id)
        .unwrap();
    let cash_deposit = case
        .all()
        .find(|(tx, r)| {
            r.category == Category::IncCashDeposit
                && tx.transaction_on >= date(2026, 8, 23)
                && tx.transaction_on <= today()
        })
        .map(|(tx, _)| (tx.id, tx.amount, tx.transaction_on));
    let rent = case
        .with_party("Spółdzielnia Mieszkaniowa")
        .into_iter()
        .find(|(tx, _)| tx.transaction_on == date(2026, 10, 12))
        .map(|(tx, _)| tx.id)
        .unwrap();

    let mut input = case.input.clone();
    input.overrides.push(Override {
        transaction_id: october_salary,
        category: None,
        include_in_income: Some(false),
    });
    input.overrides.push(Override {
        transaction_id: rent,
        category: Some(Category::DebtMortgage),
        include_in_income: None,
    });
    if let Some((id, _, _)) = cash_deposit {
        input.overrides.push(Override {
            transaction_id: id,
            category: None,
            include_in_income: Some(true),
        });
    }
    let analysis = analyze(&input, &AnalysisOptions::new(today()));
    let salary = analysis.transaction(october_salary).unwrap();
    assert_eq!(salary.category, Category::IncSalary, "still salary");
    assert!(!salary.include_in_income);
    let edited = analysis.transaction(rent).unwrap();
    assert_eq!(
        (edited.category, &edited.source),
        (Category::DebtMortgage, &CategorySource::Analyst)
    );
    assert_eq!(
        edited.label_category,
        Some(Category::ExpHousingRent),
        "the label is kept"
    );

    let pln = analysis.currency("PLN").unwrap();
    let deposit = cash_deposit.map_or(Decimal::ZERO, |(_, amount, _)| amount);
    let october_deposit = match cash_deposit {
        Some((_, amount, on)) if on >= date(2026, 10, 1) && on <= date(2026, 10, 31) => amount,
        _ => Decimal::ZERO,
    };
    assert_eq!(
        amount(pln, "income_m1"),
        october_deposit,
        "October's salary excluded, the deposit included"
    );
    assert_eq!(
        amount(pln, "income_90d_avg"),
        ((dec("12900.00") + deposit) / Decimal::from(3)).round_dp(2)
    );
    assert_eq!(
        amount(pln, "debt_service_avg"),
        ((dec("842.17") * Decimal::from(3) + dec("1180.00")) / Decimal::from(3)).round_dp(2),
        "the recategorised rent is debt service now"
    );
}
