//! The documented facts of the employed personas (`salaried`, `joint`, `multi-currency`, `cards`,
//! `thin`), found by the analysis. Expected numbers come from docs/personas.md.

use lupa_core::analysis::checklist::Outcome;
use lupa_core::analysis::{Category, CategorySource};
use rust_decimal::Decimal;

use super::support::*;

#[test]
fn salaried_income_loan_savings_and_no_risk() {
    let case = Case::of("salaried");
    let pln = case.pln();

    let salary = case.titled("Wynagrodzenie za pracę");
    assert_eq!(salary.len(), 60, "60 salary credits");
    for (tx, result) in &salary {
        assert_eq!(tx.amount, dec("6450.00"));
        assert_eq!(result.category, Category::IncSalary);
        assert_eq!(
            result.source,
            CategorySource::KontomatikLabel("salary".into())
        );
    }
    assert_eq!(count(pln, "salary_months"), 60);
    assert_eq!(
        amount(pln, "income_m0"),
        dec("6450.00"),
        "paid on 10 November"
    );
    assert_eq!(amount(pln, "income_m1"), dec("6450.00"));
    assert_eq!(amount(pln, "income_m2"), dec("6450.00"));
    assert_eq!(amount(pln, "income_90d_avg"), dec("6450.00"));
    assert_eq!(amount(pln, "income_by_category_INC_SALARY"), dec("6450.00"));
    assert_eq!(count(pln, "employers_count"), 1);
    assert!(text(pln, "main_employer").starts_with("ZAKŁADY MECHANICZNE JAWORZNO S.A."));
    assert_eq!(
        ratio(pln, "income_cv"),
        Decimal::ZERO,
        "the same pay every month"
    );
    assert_eq!(ratio(pln, "income_trend"), Decimal::ZERO);
    assert_eq!(days(pln, "days_since_last_income"), 10);

    let rent = case.with_party("Spółdzielnia Mieszkaniowa „Podłęże”");
    assert_eq!(rent.len(), 60);
    assert!(
        rent.iter()
            .all(|(_, r)| r.category == Category::ExpHousingRent)
    );
    let loan = case.titled("Rata kredytu nr 20-1020-2244-0187");
    assert_eq!(loan.len(), 36);
    assert!(
        loan.iter()
            .all(|(_, r)| r.category == Category::DebtBankLoan)
    );
    assert_eq!(amount(pln, "debt_service_avg"), dec("842.17"));
    assert_eq!(
        ratio(pln, "dsti"),
        ratio4(dec("842.17"), dec("6450.00")),
        "842.17 / 6450.00"
    );
    assert_eq!(ratio(pln, "dsti_with_new_loan"), ratio(pln, "dsti"));

    let savings = case.titled("Przelew własny - oszczędności");
    assert_eq!(savings.len(), 120, "60 transfers, both sides");
    for (tx, result) in &savings {
        let expected = if tx.amount > Decimal::ZERO {
            Category::IncOwnTransfer
        } else {
            Category::OutOwnTransfer
        };
        assert_eq!(result.category, expected);
        assert!(result.own_transfer_counterpart.is_some(), "paired");
    }

    let verification = case.titled("5QATW54J1O Oplata weryfikacyjna");
    assert_eq!(verification.len(), 3);
    assert!(
        verification
            .iter()
            .all(|(_, r)| r.flags.verification_microtransfer && r.flags.recurring)
    );
    assert!(
        case.all().any(|(_, r)| r.flags.pending),
        "a pending Żabka payment"
    );

    assert_eq!(events(pln, "bailiff_events").count, 0);
    assert_eq!(events(pln, "debt_collection_events").count, 0);
    assert_eq!(amount(pln, "gambling_out_sum_90d"), Decimal::ZERO);
    assert_eq!(count(pln, "gambling_months"), 0);
    assert_eq!(count(pln, "nonbank_lenders_count"), 0);
    assert_eq!(count(pln, "returned_payments_count"), 0);
    assert_eq!(count(pln, "penalty_fees_count"), 0);
    assert_eq!(events(pln, "loan_proceeds_90d").count, 0);
    assert!(!flag(pln, "self_employed_indicator"));
    assert!(!flag(pln, "salary_passthrough"));
    assert_eq!(count(pln, "negative_balance_days"), 0, "always positive");
    assert_eq!(amount(pln, "overdraft_max_depth"), Decimal::ZERO);
    assert!(amount(pln, "min_balance") > Decimal::ZERO);

    assert_eq!(count(pln, "accounts_count"), 2);
    assert_eq!(count(pln, "co_owned_accounts"), 1, "Konto 0 has a co-owner");
    let history = days(pln, "history_days");
    assert!(
        (1800..=1826).contains(&history),
        "about 60 months: {history}"
    );
    assert_eq!(
        count(pln, "full_months"),
        59,
        "December 2021 to October 2026"
    );
    for check in &pln.checklist {
        assert_eq!(check.outcome, Outcome::Pass, "{check:?}");
    }
    assert!(case.analysis.continuity.iter().all(|c| c.is_continuous()));
}

#[test]
fn joint_own_transfers_are_excluded_and_the_co_owned_account_counted() {
    let case = Case::of("joint");
    let pln = case.pln();
    assert_eq!(count(pln, "accounts_count"), 2);
    assert_eq!(count(pln, "co_owned_accounts"), 1);

    let transfers = case.titled("Przelew na wspólne konto");
    assert_eq!(transfers.len(), 96, "48 transfers, both sides");
    let ids: Vec<i64> = transfers.iter().map(|(tx, _)| tx.id).collect();
    for (tx, result) in &transfers {
        assert!(result.category.is_own_transfer(), "{tx:?}");
        assert!(!result.include_in_income);
        let other = result.own_transfer_counterpart.expect("paired");
        assert!(ids.contains(&other));
    }
    for name in [
        "income_90d_avg",
        "total_inflow_avg",
        "essential_exp_avg",
        "net_cash_flow",
    ] {
        let evidence = &pln.metric(name).unwrap().transaction_ids;
        assert!(
            ids.iter().all(|id| !evidence.contains(id)),
            "{name} leaves own transfers out"
        );
    }

    // October: Anna 7 200.00 (27th), Marek 5 900.00 (10th), child benefit 800.00 (20th).
    assert_eq!(amount(pln, "income_m1"), dec("13900.00"));
    assert_eq!(
        amount(pln, "income_by_category_INC_SALARY"),
        dec("13100.00")
    );
    assert_eq!(
        amount(pln, "income_by_category_INC_BENEFITS"),
        dec("800.00")
    );
    assert_eq!(count(pln, "employers_count"), 2);
    // Anna's 27th runs November 2022 – October 2026, Marek's 10th December 2022 – November 2026.
    assert_eq!(count(pln, "salary_months"), 49);

    let mortgage = case.titled("Rata kredytu hipotecznego");
    assert_eq!(mortgage.len(), 48);
    for (_, result) in &mortgage {
        assert_eq!(
            result.category,
            Category::DebtMortgage,
            "loan label refined"
        );
        assert_eq!(result.label_category, Some(Category::DebtBankLoan));
    }
    assert_eq!(amount(pln, "debt_service_avg"), dec("2870.40"));
    assert_eq!(ratio(pln, "dsti"), ratio4(dec("2870.40"), dec("13900.00")));
    let nursery = case.titled("Czesne za ");
    assert_eq!(nursery.len(), 48);
    assert!(
        nursery
            .iter()
            .all(|(_, r)| r.category == Category::ExpEduChild)
    );
    let benefit = case.titled("ŚWIADCZENIE WYCHOWAWCZE");
    assert!(
        benefit
            .iter()
            .all(|(_, r)| r.category == Category::IncBenefits)
    );
    assert_eq!(count(pln, "negative_balance_days"), 0);
    assert_eq!(events(pln, "bailiff_events").count, 0);
    assert_eq!(count(pln, "nonbank_lenders_count"), 0);
}

#[test]
fn multi_currency_metrics_are_per_currency() {
    let case = Case::of("multi-currency");
    let codes: Vec<&str> = case
        .analysis
        .currencies
        .iter()
        .map(|c| c.currency.as_str())
        .collect();
    assert_eq!(codes, ["PLN", "EUR", "USD"]);
    let (pln, eur) = (case.pln(), case.currency("EUR"));

    assert_eq!(amount(eur, "income_m1"), dec("3900.00"));
    assert_eq!(amount(eur, "income_90d_avg"), dec("3900.00"));
    assert_eq!(count(eur, "salary_months"), 36);
    assert!(text(eur, "main_employer").starts_with("Müller Logistik GmbH"));
    assert_eq!(ratio(eur, "dsti"), Decimal::ZERO);
    assert_eq!(count(pln, "salary_months"), 0, "no PLN salary");
    assert_eq!(amount(pln, "income_m1"), Decimal::ZERO);

    for (tx, result) in case.titled("Wymiana walut EUR/PLN kurs ") {
        assert!(result.category.is_own_transfer(), "{tx:?}");
        assert!(result.flags.fx);
    }
    assert_eq!(case.titled("Wymiana walut EUR/PLN kurs ").len(), 72);
    let upwork = case.titled("Upwork Escrow Inc. payment");
    assert!(
        upwork
            .iter()
            .all(|(_, r)| r.category == Category::IncOtherWork)
    );
    let fund = case.titled("Zakup jednostek Millennium Obligacji Skarbowych");
    assert_eq!(fund.len(), 36);
    assert!(
        fund.iter()
            .all(|(_, r)| r.category == Category::OutSavingsInvest)
    );
    let rent = case.titled("Czynsz najmu");
    assert!(
        rent.iter()
            .all(|(_, r)| r.category == Category::ExpHousingRent)
    );
    for results in &case.analysis.currencies {
        assert_eq!(
            count(results, "negative_balance_days"),
            0,
            "{}",
            results.currency
        );
        assert_eq!(count(results, "accounts_count"), 1);
    }
}

#[test]
fn cards_repayments_are_debt_service_and_cards_stay_out_of_balance_health() {
    let case = Case::of("cards");
    let pln = case.pln();
    let current = case.on_account("Konto dla Ciebie");
    let repayments: Vec<_> = current
        .iter()
        .filter(|(tx, _)| {
            tx.title
                .as_deref()
                .unwrap_or("")
                .starts_with("SPŁATA KARTY KREDYTOWEJ")
        })
        .collect();
    let mastercard = repayments
        .iter()
        .filter(|(tx, _)| tx.title.as_deref().unwrap().ends_with("9032"))
        .count();
    assert_eq!(mastercard, 24, "24 fixed repayments");
    assert!(repayments.len() > 24, "and the Visa repaid in full");
    for (tx, result) in &repayments {
        assert_eq!(result.category, Category::DebtCardRepayment, "{tx:?}");
    }
    for card in [
        "Karta kredytowa Visa Classic",
        "Karta kredytowa Mastercard Gold",
    ] {
        for (tx, result) in case.on_account(card) {
            if tx
                .title
                .as_deref()
                .unwrap_or("")
                .starts_with("SPŁATA KARTY KREDYTOWEJ")
            {
                assert_eq!(result.category, Category::IncOwnTransfer, "{tx:?}");
            }
        }
    }
    let window_start = date(2026, 8, 23);
    let in_window: Decimal = repayments
        .iter()
        .filter(|(tx, _)| tx.transaction_on >= window_start)
        .map(|(tx, _)| -tx.amount)
        .sum();
    assert_eq!(
        amount(pln, "debt_service_avg"),
        (in_window / Decimal::from(3)).round_dp(2)
    );
    assert!(pln.value("card_repayment_trend").is_some());
    assert_eq!(count(pln, "accounts_count"), 3, "one account, two cards");
    assert_eq!(
        count(pln, "negative_balance_days"),
        0,
        "card debt is not an overdraft"
    );
    assert_eq!(count(pln, "salary_months"), 24);
    assert_eq!(amount(pln, "income_m1"), dec("6100.00"));
    assert_eq!(events(pln, "bailiff_events").count, 0);
    assert_eq!(count(pln, "nonbank_lenders_count"), 0);
}

#[test]
fn thin_file_has_thirty_days_and_no_stability_yet() {
    let case = Case::of("thin");
    let pln = case.pln();
    assert_eq!(days(pln, "history_days"), 30);
    assert_eq!(count(pln, "full_months"), 0);
    let start = case.titled("Na start");
    assert_eq!(start.len(), 1);
    assert_eq!(start[0].1.category, Category::IncP2p);
    let pay = case.titled("Wynagrodzenie - umowa zlecenie");
    assert_eq!(pay.len(), 1);
    assert_eq!(
        pay[0].1.category,
        Category::IncOtherWork,
        "compensation only"
    );
    assert_eq!(
        pay[0].1.source,
        CategorySource::KontomatikLabel("compensation".into())
    );
    assert_eq!(amount(pln, "income_m0"), dec("4300.00"));
    assert_eq!(count(pln, "salary_months"), 0);
    assert_eq!(pln.value("income_cv"), None, "no full month yet");
    assert_eq!(count(pln, "negative_balance_days"), 0);
    let outcome = |id: &str| {
        pln.checklist
            .iter()
            .find(|check| check.rule_id == id)
            .unwrap()
            .outcome
    };
    assert_eq!(outcome("history"), Outcome::Fail);
    assert_eq!(outcome("income_stability"), Outcome::NeedsReview);
}
