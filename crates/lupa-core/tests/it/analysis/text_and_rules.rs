//! Folding, keyword rules and recurrence on small inputs.

use lupa_core::analysis::recurrence::monthly_recurring;
use lupa_core::analysis::rules::RuleSet;
use lupa_core::analysis::text::fold;
use lupa_core::analysis::{AnalysisInput, AnalysisOptions, Category, CategorySource, analyze};

use super::support::*;

#[test]
fn diacritics_and_case_fold_away() {
    assert_eq!(fold("ZAJĘCIE KOMORNICZE"), "zajecie komornicze");
    assert_eq!(fold("Spłata  POŻYCZKI\u{a0}ŁÓDŹ"), "splata pozyczki lodz");
    let rules = RuleSet::builtin();
    for title in [
        "ZAJĘCIE KOMORNICZE",
        "zajecie komornicze",
        "Zajęcie Komornicze nr 1",
    ] {
        let (category, rule) = rules.classify(&tx(1, 1, date(2026, 1, 1), "-100.00", title));
        assert_eq!(
            (category, rule.as_str()),
            (Category::RiskBailiff, "bailiff"),
            "{title}"
        );
    }
}

#[test]
fn rules_respect_words_signs_and_priorities() {
    let rules = RuleSet::builtin();
    let classify =
        |amount: &str, title: &str| rules.classify(&tx(1, 1, date(2026, 1, 1), amount, title)).0;
    assert_eq!(
        classify("-50.00", "STS.PL ZAKLADY BUKMACHERSKIE"),
        Category::RiskGambling
    );
    assert_eq!(
        classify("500.00", "Wypłata wygranej STS"),
        Category::IncGamblingPayout
    );
    assert_eq!(
        classify("-50.00", "POSTS STUDIO"),
        Category::Other,
        "sts inside a word"
    );
    assert_eq!(
        classify("-200.00", "Spłata zadłużenia KRUK S.A."),
        Category::RiskDebtCollection
    );
    assert_eq!(
        classify("-10.00", "OPŁATA ZA ODMOWĘ REALIZACJI POLECENIA ZAPŁATY"),
        Category::RiskPenaltyFees
    );
    assert_eq!(
        classify("-1766.90", "Składki ZUS za 01/2026"),
        Category::ExpTaxSocial
    );
    assert_eq!(
        classify("2468.55", "ŚWIADCZENIE EMERYTALNE ZA 01/2026"),
        Category::IncPension
    );
    assert_eq!(
        classify("800.00", "Świadczenie wychowawcze 800+"),
        Category::IncBenefits
    );
    assert_eq!(
        classify("4300.00", "Wynagrodzenie - umowa zlecenie"),
        Category::IncOtherWork
    );
    assert_eq!(classify("-1000.00", "Przelew"), Category::Other);
    assert_eq!(classify("1000.00", "Przelew"), Category::IncOther);
    let mut tax = tx(1, 1, date(2026, 1, 1), "-812.00", "Przelew");
    tax.party_iban = Some("PL64101000712221085042312345".into());
    assert_eq!(
        rules.classify(&tax).0,
        Category::ExpTaxSocial,
        "tax micro-account"
    );
}

#[test]
fn monthly_series_recur_and_irregular_ones_do_not() {
    let monthly = [
        (date(2026, 1, 10), dec("6450.00")),
        (date(2026, 2, 10), dec("6450.00")),
        (date(2026, 3, 10), dec("6700.00")),
        (date(2026, 4, 9), dec("6450.00")),
    ];
    assert_eq!(monthly_recurring(&monthly), [true; 4]);
    let two = &monthly[..2];
    assert_eq!(
        monthly_recurring(two),
        [false; 2],
        "two payments are not a series"
    );
    let irregular = [
        (date(2026, 1, 10), dec("100.00")),
        (date(2026, 1, 30), dec("100.00")),
        (date(2026, 4, 2), dec("100.00")),
        (date(2026, 5, 2), dec("900.00")),
    ];
    assert_eq!(monthly_recurring(&irregular), [false; 4]);
}

#[test]
fn monthly_pay_from_one_employer_becomes_salary() {
    let mut transactions = Vec::new();
    for (id, month) in (1..=4).zip(7..=10) {
        let mut pay = tx(
            id,
            1,
            date(2026, month, 25),
            "5100.00",
            "Wynagrodzenie za pracę",
        );
        pay.party = Some("HURTOWNIA ABC SP. Z O.O.".into());
        pay.party_iban = Some("PL27114020040000300201355387".into());
        transactions.push(pay);
    }
    let mut bonus = tx(
        9,
        1,
        date(2026, 10, 30),
        "900.00",
        "Wynagrodzenie - premia roczna",
    );
    bonus.party = Some("INNA FIRMA S.A.".into());
    transactions.push(bonus);
    let input = AnalysisInput {
        accounts: vec![account(1, "PL61109010140000071219812874")],
        transactions,
        ..AnalysisInput::default()
    };
    let analysis = analyze(&input, &AnalysisOptions::new(date(2026, 11, 20)));
    for result in &analysis.transactions[..4] {
        assert_eq!(result.category, Category::IncSalary);
        assert_eq!(
            result.source,
            CategorySource::Rule("salary_recurrence".into())
        );
        assert!(result.flags.recurring);
    }
    assert_eq!(analysis.transactions[4].category, Category::IncOtherWork);
    let pln = analysis.currency("PLN").unwrap();
    assert_eq!(count(pln, "salary_months"), 4);
    assert_eq!(
        amount(pln, "income_m1"),
        dec("6000.00"),
        "salary and bonus in October"
    );
}
