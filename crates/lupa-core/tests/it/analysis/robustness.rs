//! `analyze` never panics, whatever small input it gets.

use chrono::{Days, NaiveDate};
use lupa_core::analysis::{
    AccountInput, AnalysisInput, AnalysisOptions, Category, Override, TxInput, analyze,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

const TITLES: [&str; 8] = [
    "Wynagrodzenie za pracę",
    "ZAJĘCIE KOMORNICZE",
    "Przelew własny",
    "STS.PL",
    "",
    "Oplata weryfikacyjna",
    "Spłata Vivus",
    "ŻÓŁĆ ąę 800+ /TI/ sts",
];
const LABELS: [&str; 6] = [
    "salary",
    "loan",
    "monthly",
    "verification",
    "grocery",
    "nieznana",
];

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

fn transaction() -> impl Strategy<Value = TxInput> {
    (
        (1_i64..40, 0_i64..4, 0_u64..900, -500_000_i64..500_000),
        (
            proptest::option::of(-1_000_000_i64..1_000_000),
            0_usize..8,
            0_usize..8,
        ),
        (
            proptest::collection::vec(0_usize..6, 0..3),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((id, account, day, minor), (balance, title, party), (labels, iban, pending))| {
                TxInput {
                    id,
                    account_id: account,
                    transaction_on: base() + Days::new(day),
                    booked_on: (!pending).then(|| base() + Days::new(day)),
                    amount: Decimal::new(minor, 2),
                    balance_after: balance.map(|minor| Decimal::new(minor, 2)),
                    title: Some(TITLES[title].to_owned()),
                    party: (party < 4).then(|| format!("Jan {} Kowalski", TITLES[party])),
                    party_iban: iban.then(|| format!("PL6110901014000007121981287{}", account)),
                    kind: (party % 3 == 0).then(|| "ZAPŁATA KARTĄ".to_owned()),
                    status: Some(if pending { "PENDING" } else { "DONE" }.to_owned()),
                    labels: labels
                        .into_iter()
                        .map(|index| LABELS[index].to_owned())
                        .collect(),
                }
            },
        )
}

fn account(id: i64, card: bool, currency: usize) -> AccountInput {
    AccountInput {
        id,
        iban: format!("PL6110901014000007121981287{id}"),
        name: None,
        currency: ["PLN", "EUR", ""][currency].to_owned(),
        balance: (id % 2 == 0).then(|| Decimal::new(12_345, 2)),
        co_owned: card,
        is_card: card,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn analyze_never_panics(
        accounts in proptest::collection::vec((any::<bool>(), 0_usize..3), 0..4),
        transactions in proptest::collection::vec(transaction(), 0..30),
        overrides in proptest::collection::vec((1_i64..40, proptest::option::of(0_usize..46), proptest::option::of(any::<bool>())), 0..4),
        as_of_day in 0_u64..1_200,
        instalment in proptest::option::of(0_i64..500_000),
    ) {
        let input = AnalysisInput {
            accounts: accounts
                .iter()
                .enumerate()
                .map(|(index, (card, currency))| account(index as i64 + 1, *card, *currency))
                .collect(),
            transactions,
            overrides: overrides
                .into_iter()
                .map(|(id, category, include)| Override {
                    transaction_id: id,
                    category: category.map(|index| Category::ALL[index]),
                    include_in_income: include,
                })
                .collect(),
            scores: Vec::new(),
        };
        let mut options = AnalysisOptions::new(base() + Days::new(as_of_day));
        options.proposed_instalment = instalment.map(|minor| Decimal::new(minor, 2));
        let analysis = analyze(&input, &options);
        prop_assert_eq!(analysis.transactions.len(), input.transactions.len());
        prop_assert_eq!(analysis.continuity.len(), input.accounts.len());
    }
}
