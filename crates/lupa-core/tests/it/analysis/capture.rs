//! The real captured default-import reply: Kontomatik labels win where they map, and the 0.01
//! verification transfers are flagged.

use lupa_core::analysis::{AnalysisInput, AnalysisOptions, Category, CategorySource, analyze};
use lupa_kontomatik::model::Payload;
use lupa_kontomatik::xml::parse_reply;
use rust_decimal::Decimal;

use super::support::{date, dec};

const CAPTURE: &[u8] = include_bytes!(
    "../../../../lupa-kontomatik/tests/fixtures/v1.command-reply.default-import.xml"
);

/// §5.1's "K:" lists, written out independently of the rule file.
fn mapped(label: &str, credit: bool) -> Option<Category> {
    let category = match (label, credit) {
        ("salary" | "regular wage", true) => Category::IncSalary,
        ("compensation", true) => Category::IncOtherWork,
        ("welfare", true) => Category::IncBenefits,
        ("cash deposit", true) => Category::IncCashDeposit,
        ("loan", true) => Category::IncLoanProceeds,
        ("loan", false) => Category::DebtBankLoan,
        ("rent", false) => Category::ExpHousingRent,
        ("utilities", false) => Category::ExpUtilities,
        ("grocery", false) => Category::ExpGroceries,
        ("healthcare", false) => Category::ExpHealth,
        ("public transport", false) => Category::ExpTransport,
        ("zus" | "tax", false) => Category::ExpTaxSocial,
        ("apparel", false) => Category::DiscShopping,
        ("food with delivery", false) => Category::DiscDining,
        ("leisure" | "nightlife" | "press", false) => Category::DiscLeisure,
        ("cash withdrawal", false) => Category::OutCashWithdrawal,
        ("fee", false) => Category::FeeBank,
        _ => return None,
    };
    Some(category)
}

fn capture_input() -> AnalysisInput {
    let reply = parse_reply(CAPTURE).expect("the capture parses");
    let Payload::Command(command) = reply.payload else {
        panic!("a command reply")
    };
    AnalysisInput::from_command_result(&command.result.expect("a result"))
}

#[test]
fn labels_that_map_decide_the_category_and_are_the_source() {
    let input = capture_input();
    assert_eq!(input.transactions.len(), 72);
    let analysis = analyze(&input, &AnalysisOptions::new(date(2023, 5, 22)));
    let mut checked = 0;
    for (tx, result) in input.transactions.iter().zip(&analysis.transactions) {
        let credit = tx.amount > Decimal::ZERO;
        let expected: Vec<Category> = tx
            .labels
            .iter()
            .filter_map(|label| mapped(label, credit))
            .collect();
        if expected.is_empty() {
            continue;
        }
        checked += 1;
        assert!(
            expected.contains(&result.category),
            "{:?} {:?} → {:?}",
            tx.title,
            tx.labels,
            result.category
        );
        match &result.source {
            CategorySource::KontomatikLabel(label) => assert!(tx.labels.contains(label)),
            other => panic!("{:?}: source {other}", tx.title),
        }
        assert_eq!(
            *result.flags.kontomatik_labels,
            tx.labels[..],
            "kept verbatim"
        );
    }
    assert!(checked > 50, "most of the capture is labelled: {checked}");
    // "compensation" without "salary" is other work.
    let jeronimo: Vec<_> = input
        .transactions
        .iter()
        .zip(&analysis.transactions)
        .filter(|(tx, _)| tx.title.as_deref() == Some("Wynagrodz. za pracę"))
        .collect();
    assert_eq!(jeronimo.len(), 2);
    assert!(
        jeronimo
            .iter()
            .all(|(_, r)| r.category == Category::IncOtherWork)
    );
}

#[test]
fn verification_transfers_are_flagged_and_excluded() {
    let input = capture_input();
    let analysis = analyze(&input, &AnalysisOptions::new(date(2023, 5, 22)));
    let mut flagged = Vec::new();
    for (tx, result) in input.transactions.iter().zip(&analysis.transactions) {
        let is_verification = tx.amount == dec("-0.01")
            && tx.title.as_deref().unwrap_or("").contains("weryfikacyjna");
        assert_eq!(
            result.flags.verification_microtransfer, is_verification,
            "{:?}",
            tx.title
        );
        if is_verification {
            flagged.push(tx.id);
        }
    }
    assert_eq!(
        flagged.len(),
        6,
        "22 May, 23 and 1 April, 28 March, 12 February, 30 November"
    );
    let pln = analysis.currency("PLN").unwrap();
    for metric in &pln.metrics.metrics {
        assert!(
            flagged
                .iter()
                .all(|id| !metric.transaction_ids.contains(id)),
            "{} uses a verification transfer",
            metric.name
        );
    }
    let label_coverage = pln.value("label_coverage").and_then(|v| v.as_decimal());
    assert!(label_coverage.unwrap() > dec("0.8"));
    assert!(
        analysis.continuity[0].is_continuous(),
        "{:?}",
        analysis.continuity[0]
    );
}
