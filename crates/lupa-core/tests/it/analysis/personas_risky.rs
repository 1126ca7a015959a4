//! The documented facts of the `gambler`, `bailiff`, `self-employed`, `pensioner` and `large`
//! personas, found by the analysis. Expected numbers come from docs/personas.md.

use std::collections::BTreeSet;

use chrono::Datelike;
use lupa_core::analysis::Category;
use lupa_core::analysis::checklist::Outcome;
use rust_decimal::Decimal;

use super::support::*;

/// The first day of the 90-day window ending on [`today`].
fn window_start() -> chrono::NaiveDate {
    date(2026, 8, 23)
}

#[test]
fn gambler_stakes_payday_loans_returned_payments_and_overdraft() {
    let case = Case::of("gambler");
    let pln = case.pln();
    const OPERATORS: [&str; 5] = [
        "STS.PL",
        "eFortuna.pl",
        "Przelewy24 Betclic",
        "PayU Superbet",
        "Total Casino",
    ];
    let stakes: Vec<_> = case
        .all()
        .filter(|(tx, _)| {
            let title = tx.title.as_deref().unwrap_or("");
            OPERATORS.iter().any(|operator| title.starts_with(operator))
        })
        .collect();
    assert!(!stakes.is_empty());
    for (tx, result) in &stakes {
        assert_eq!(result.category, Category::RiskGambling, "{tx:?}");
    }
    let months: BTreeSet<(i32, u32)> = stakes
        .iter()
        .map(|(tx, _)| (tx.transaction_on.year(), tx.transaction_on.month()))
        .collect();
    assert_eq!(months.len(), 14);
    assert_eq!(count(pln, "gambling_months"), 14);
    let stakes_90d: Decimal = stakes
        .iter()
        .filter(|(tx, _)| tx.transaction_on >= window_start())
        .map(|(tx, _)| -tx.amount)
        .sum();
    assert_eq!(amount(pln, "gambling_out_sum_90d"), stakes_90d);
    let payouts = case.titled("Wypłata wygranej");
    assert!(
        payouts
            .iter()
            .all(|(_, r)| r.category == Category::IncGamblingPayout)
    );
    let payouts_90d: Decimal = payouts
        .iter()
        .filter(|(tx, _)| tx.transaction_on >= window_start())
        .map(|(tx, _)| tx.amount)
        .sum();
    assert_eq!(amount(pln, "gambling_net"), payouts_90d - stakes_90d);
    assert_eq!(
        ratio(pln, "gambling_to_income"),
        ratio4(stakes_90d, dec("4850.00") * Decimal::from(3)),
        "salary on 28 August, September and October"
    );

    let disbursed = case.titled("Wypłata pożyczki");
    assert_eq!(disbursed.len(), 7);
    assert_eq!(sum(&disbursed), dec("15300.00"));
    assert!(
        disbursed
            .iter()
            .all(|(_, r)| r.category == Category::IncLoanProceeds)
    );
    let repaid = case.titled("Spłata ");
    assert_eq!(repaid.len(), 22);
    assert_eq!(sum(&repaid), dec("-12151.50"));
    assert!(
        repaid
            .iter()
            .all(|(_, r)| r.category == Category::DebtNonbank)
    );
    let proceeds = events(pln, "loan_proceeds_90d");
    assert_eq!(
        (proceeds.count, proceeds.sum, proceeds.days_since_last),
        (2, dec("3500.00"), Some(40)),
        "Provident 2 500.00 at 60 days, Vivus 1 000.00 at 40 days"
    );
    assert_eq!(days(pln, "days_since_last_loan_proceeds"), 40);
    assert_eq!(
        count(pln, "nonbank_lenders_count"),
        4,
        "Filarum, Smartney, Provident and Vivus within 90 days"
    );

    let returned = case.titled("ZWROT POLECENIA ZAPŁATY – BRAK ŚRODKÓW");
    assert!(
        returned
            .iter()
            .all(|(_, r)| r.category == Category::RiskReturnedPayment)
    );
    assert_eq!(count(pln, "returned_payments_count"), 4);
    assert_eq!(count(pln, "penalty_fees_count"), 4);

    assert!(
        count(pln, "negative_balance_days") >= 3,
        "the 26th of August, September and October"
    );
    let depth = amount(pln, "overdraft_max_depth");
    assert!(depth < Decimal::ZERO && depth >= dec("-3000.00"), "{depth}");
    assert_eq!(count(pln, "salary_months"), 36);
    let outcome = |id: &str| {
        pln.checklist
            .iter()
            .find(|check| check.rule_id == id)
            .unwrap()
            .outcome
    };
    assert_eq!(outcome("no_payday_lenders"), Outcome::Fail);
    assert_eq!(outcome("no_new_loans"), Outcome::Fail);
    assert_eq!(outcome("returned_payments"), Outcome::Fail);
    assert_eq!(outcome("no_bailiff"), Outcome::Pass);
}

#[test]
fn bailiff_seizures_voluntary_payments_and_debt_collectors() {
    let case = Case::of("bailiff");
    let pln = case.pln();
    let seizures = case.titled("ZAJĘCIE WIERZYTELNOŚCI Z RACHUNKU BANKOWEGO KOMORNIK SĄDOWY");
    assert_eq!(seizures.len(), 10);
    let voluntary = case.titled("Wpłata dobrowolna KM 877/24");
    assert_eq!(voluntary.len(), 18);
    assert!(
        seizures
            .iter()
            .chain(&voluntary)
            .all(|(_, r)| r.category == Category::RiskBailiff)
    );
    let bailiff = events(pln, "bailiff_events");
    assert_eq!(bailiff.count, 28, "10 seizures and 18 voluntary payments");
    assert_eq!(bailiff.sum, -sum(&seizures) + dec("5400.00"));
    assert_eq!(
        bailiff.days_since_last,
        Some(5),
        "voluntary payment on 15 November"
    );

    let collection = events(pln, "debt_collection_events");
    assert_eq!(
        (collection.count, collection.sum),
        (36, dec("8370.00")),
        "KRUK, Intrum, BEST, Ultimo and EOS KSI"
    );
    assert_eq!(collection.days_since_last, Some(0), "KRUK on the 20th");
    assert_eq!(count(pln, "salary_months"), 36);
    assert_eq!(amount(pln, "income_m1"), dec("5200.00"));
    assert_eq!(count(pln, "negative_balance_days"), 0);
    assert_eq!(amount(pln, "gambling_out_sum_90d"), Decimal::ZERO);
    assert_eq!(count(pln, "nonbank_lenders_count"), 0);
    let outcome = |id: &str| {
        pln.checklist
            .iter()
            .find(|check| check.rule_id == id)
            .unwrap()
            .outcome
    };
    assert_eq!(outcome("no_bailiff"), Outcome::Fail);
    assert_eq!(outcome("no_debt_collection"), Outcome::Fail);
}

#[test]
fn self_employed_invoices_zus_taxes_and_owners_draw() {
    let case = Case::of("self-employed");
    let pln = case.pln();
    assert!(flag(pln, "self_employed_indicator"));
    let invoices = case.titled("Zapłata za FV/");
    assert!(!invoices.is_empty());
    assert!(
        invoices
            .iter()
            .all(|(_, r)| r.category == Category::IncBusiness)
    );
    assert!(
        case.all().all(|(_, r)| r.category != Category::IncSalary),
        "no salary"
    );
    let october: Decimal = invoices
        .iter()
        .filter(|(tx, _)| tx.transaction_on.year() == 2026 && tx.transaction_on.month() == 10)
        .map(|(tx, _)| tx.amount)
        .sum();
    assert_eq!(
        amount(pln, "income_m1"),
        october,
        "October's invoice receipts"
    );

    let zus = case.titled("Składki ZUS za ");
    assert_eq!(zus.len(), 48);
    let taxes: Vec<_> = case
        .all()
        .filter(|(tx, _)| {
            tx.title
                .as_deref()
                .unwrap_or("")
                .starts_with("/TI/N6762471839/")
        })
        .collect();
    assert_eq!(taxes.len(), 96, "48 PIT-28 and 48 VAT-7");
    assert!(
        zus.iter()
            .chain(&taxes)
            .all(|(_, r)| r.category == Category::ExpTaxSocial)
    );
    let draws = case.titled("Przelew własny - wypłata z firmy");
    assert_eq!(draws.len(), 96);
    let surplus = case.titled("Przelew własny - nadwyżka");
    assert!(
        draws
            .iter()
            .chain(&surplus)
            .all(|(_, r)| r.category.is_own_transfer())
    );
    let broker = case.titled("Przelew na rachunek maklerski");
    assert!(
        broker
            .iter()
            .all(|(_, r)| r.category == Category::OutSavingsInvest)
    );
    let mortgage = case.titled("Spłata raty kredytu hipotecznego");
    assert_eq!(mortgage.len(), 48);
    assert!(
        mortgage
            .iter()
            .all(|(_, r)| r.category == Category::DebtMortgage)
    );
    assert_eq!(amount(pln, "debt_service_avg"), dec("3214.55"));
    assert_eq!(count(pln, "negative_balance_days"), 0);
    assert_eq!(events(pln, "bailiff_events").count, 0);
    assert_eq!(count(pln, "nonbank_lenders_count"), 0);
}

#[test]
fn pensioner_pension_benefit_rent_and_cash() {
    let case = Case::of("pensioner");
    let pln = case.pln();
    let pension = case.titled("ŚWIADCZENIE EMERYTALNE");
    assert_eq!(pension.len(), 48);
    let thirteenth = case.titled("TRZYNASTE ŚWIADCZENIE EMERYTALNE");
    assert!(
        pension
            .iter()
            .chain(&thirteenth)
            .all(|(_, r)| r.category == Category::IncPension)
    );
    let benefit = case.titled("DODATEK MIESZKANIOWY ZA ");
    assert_eq!(benefit.len(), 48);
    assert!(
        benefit
            .iter()
            .all(|(_, r)| r.category == Category::IncBenefits)
    );
    // October 2026: pension 3 477.55 (6th) and housing benefit 212.40 (27th).
    assert_eq!(amount(pln, "income_m1"), dec("3689.95"));
    assert_eq!(amount(pln, "income_m0"), dec("3477.55"));
    assert_eq!(amount(pln, "income_90d_avg"), dec("3689.95"));
    assert_eq!(
        amount(pln, "income_by_category_INC_PENSION"),
        dec("3477.55")
    );
    assert_eq!(
        ratio(pln, "income_cv"),
        Decimal::ZERO,
        "May to October alike"
    );
    assert_eq!(
        ratio(pln, "cash_withdrawal_to_income"),
        ratio4(dec("600.00"), dec("3689.95")),
        "600.00 after each pension"
    );
    assert_eq!(count(pln, "salary_months"), 0);
    assert_eq!(count(pln, "employers_count"), 0);
    assert!(
        pln.value("balance_before_payday_avg").is_some(),
        "pension days"
    );
    assert_eq!(ratio(pln, "dsti"), Decimal::ZERO, "no loans");
    let rent = case.with_party("Radomska Spółdzielnia Mieszkaniowa");
    assert_eq!(rent.len(), 48);
    assert!(
        rent.iter()
            .all(|(_, r)| r.category == Category::ExpHousingRent)
    );
    assert_eq!(count(pln, "negative_balance_days"), 0);
    assert_eq!(events(pln, "bailiff_events").count, 0);
    assert_eq!(amount(pln, "gambling_out_sum_90d"), Decimal::ZERO);
}

#[test]
fn large_shop_history_is_analysed() {
    let case = Case::of("large");
    assert_eq!(case.input.transactions.len(), 100_000);
    let pln = case.pln();
    assert_eq!(count(pln, "accounts_count"), 3);
    assert!(flag(pln, "self_employed_indicator"));
    let receipts = case.titled("PayU wypłata zamówienia nr ");
    assert!(receipts.len() > 50_000);
    assert!(
        receipts
            .iter()
            .all(|(_, r)| r.category == Category::IncBusiness)
    );
    assert_eq!(case.titled("Składki ZUS za ").len(), 60);
    assert!(
        case.titled("Składki ZUS za ")
            .iter()
            .all(|(_, r)| r.category == Category::ExpTaxSocial)
    );
    let vat = case.titled("Przeksięgowanie na rachunek VAT");
    assert_eq!(vat.len(), 120);
    assert!(vat.iter().all(|(_, r)| r.category.is_own_transfer()));
    let draws = case.titled("Przelew własny - wypłata z firmy");
    assert_eq!(draws.len(), 120);
    assert!(draws.iter().all(|(_, r)| r.category.is_own_transfer()));
    let mortgage = case.titled("Rata kredytu hipotecznego nr 41/2020/H");
    assert_eq!(mortgage.len(), 60);
    assert!(
        mortgage
            .iter()
            .all(|(_, r)| r.category == Category::DebtMortgage)
    );
    assert_eq!(amount(pln, "debt_service_avg"), dec("3850.00"));
    assert_eq!(count(pln, "negative_balance_days"), 0);
    assert!(case.analysis.continuity.iter().all(|c| c.is_continuous()));
}
