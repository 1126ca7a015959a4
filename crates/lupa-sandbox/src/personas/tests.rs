//! Invariants every persona must keep: determinism, newest-first order, balance chains, scale 2,
//! valid IBANs, booking rules, known labels only, and the catalog's logins.

use std::collections::BTreeSet;

use chrono::Days;
use lupa_kontomatik::model::MoneyTransaction;
use lupa_kontomatik::protocol::{STATUS_DONE, STATUS_PENDING};
use rust_decimal::Decimal;

use super::testkit::{awkward_days, persona, today};
use super::{DEFAULT_PERSONA, Generated, ScoreOutcome, catalog, default_persona, find, iban};

/// Every label string known from real Kontomatik replies, plus the documented-but-unverified ones.
const KNOWN_LABELS: [&str; 23] = [
    "salary",
    "regular wage",
    "compensation",
    "monthly",
    "verification",
    "cash deposit",
    "cash withdrawal",
    "payment processor",
    "fee",
    "zus",
    "tax",
    "healthcare",
    "grocery",
    "public transport",
    "leisure",
    "press",
    "apparel",
    "nightlife",
    "food with delivery",
    "loan",
    "welfare",
    "rent",
    "utilities",
];

/// Words in titles or parties of transactions Kontomatik has no label for.
const NEVER_LABELLED: [&str; 21] = [
    "STS",
    "Fortuna",
    "Betclic",
    "Superbet",
    "Total Casino",
    "TOTALIZATOR",
    "Vivus",
    "Provident",
    "Wonga",
    "Kuki",
    "KUKI",
    "Filarum",
    "Smartney",
    "Komornik",
    "KOMORNIK",
    "KRUK",
    "Intrum",
    "BEST S.A.",
    "Ultimo",
    "EOS KSI",
    "ZAJĘCIE",
];

/// Each money list of a persona (accounts and cards) with its balance and name.
fn lists(generated: &Generated) -> Vec<(String, Decimal, &[MoneyTransaction])> {
    let accounts = generated.accounts.iter().map(|a| {
        (
            a.iban.clone(),
            a.currency_balance.unwrap(),
            a.money_transactions.as_deref().unwrap(),
        )
    });
    let cards = generated.credit_cards.iter().map(|c| {
        (
            c.name.clone().unwrap(),
            c.currency_balance.unwrap(),
            c.money_transactions.as_deref().unwrap(),
        )
    });
    accounts.chain(cards).collect()
}

fn every_persona_at(seed: u64, day: chrono::NaiveDate) -> Vec<(&'static str, Generated)> {
    catalog()
        .iter()
        .map(|spec| (spec.id, persona(spec.id, seed, day)))
        .collect()
}

#[test]
fn catalog_ids_and_logins_are_unique_and_found_case_insensitively() {
    let mut logins = BTreeSet::new();
    for spec in catalog() {
        assert_eq!(spec.logins[0], spec.id, "the id is the first login");
        for login in spec.logins {
            assert!(
                logins.insert(login.to_ascii_lowercase()),
                "login {login} used twice"
            );
            assert_eq!(find(login).map(|found| found.id), Some(spec.id));
            assert_eq!(
                find(&login.to_ascii_uppercase()).map(|found| found.id),
                Some(spec.id)
            );
        }
        assert!(
            !spec.facts.is_empty() && !spec.summary.is_empty(),
            "{} documented",
            spec.id
        );
    }
    assert_eq!(catalog().len(), 10);
    assert_eq!(find("test").map(|spec| spec.id), Some(DEFAULT_PERSONA));
    assert_eq!(default_persona().id, "salaried");
    assert!(find("nobody").is_none());
}

#[test]
fn same_seed_same_data_and_other_seed_other_amounts() {
    for spec in catalog() {
        let first = persona(spec.id, 7, today());
        assert_eq!(
            first,
            persona(spec.id, 7, today()),
            "{} is deterministic",
            spec.id
        );
        let other = persona(spec.id, 8, today());
        assert_ne!(
            first.accounts, other.accounts,
            "{} depends on the seed",
            spec.id
        );
        assert_eq!(
            first.owners, other.owners,
            "{} owners do not depend on the seed",
            spec.id
        );
        assert_eq!(
            first.score, other.score,
            "{} score does not depend on the seed",
            spec.id
        );
    }
}

#[test]
fn newest_first_balance_chains_scale_and_dates() {
    for day in [today()].into_iter().chain(awkward_days()) {
        for (id, generated) in every_persona_at(11, day) {
            for (name, balance, list) in lists(&generated) {
                let context = format!("{id} {name} ending {day}");
                assert!(!list.is_empty(), "{context}: has transactions");
                assert_eq!(
                    list[0].currency_balance,
                    Some(balance),
                    "{context}: account balance"
                );
                for pair in list.windows(2) {
                    assert!(
                        pair[0].transaction_on >= pair[1].transaction_on,
                        "{context}: newest first"
                    );
                    assert_eq!(
                        pair[1].currency_balance.unwrap(),
                        pair[0].currency_balance.unwrap() - pair[0].currency_amount,
                        "{context}: chain at {:?}",
                        pair[0]
                    );
                }
                for tx in list {
                    assert_eq!(tx.currency_amount.scale(), 2, "{context}: {tx:?}");
                    assert_eq!(tx.currency_balance.unwrap().scale(), 2, "{context}: {tx:?}");
                    assert!(
                        tx.currency_amount != Decimal::ZERO,
                        "{context}: zero amount {tx:?}"
                    );
                    assert!(tx.transaction_on <= day, "{context}: future {tx:?}");
                    assert!(
                        tx.transaction_on > day - Days::new(5 * 366 + 1),
                        "{context}: too old"
                    );
                    match tx.status.as_deref() {
                        Some(STATUS_DONE) => {
                            let booked = tx.booked_on.expect("booked");
                            assert!(
                                booked >= tx.transaction_on
                                    && booked <= tx.transaction_on + Days::new(2)
                            );
                            assert!(booked <= day, "{context}: booked in the future {tx:?}");
                        }
                        Some(STATUS_PENDING) => {
                            assert!(tx.booked_on.is_none(), "{context}: {tx:?}");
                            assert!(
                                tx.transaction_on + Days::new(1) >= day,
                                "{context}: old pending"
                            );
                        }
                        other => panic!("{context}: status {other:?}"),
                    }
                    assert!(
                        tx.title.as_deref().is_some_and(|t| !t.is_empty()),
                        "{context}: title"
                    );
                }
            }
        }
    }
}

#[test]
fn account_shapes_match_the_capture() {
    for (id, generated) in every_persona_at(3, today()) {
        assert!(!generated.owners.is_empty(), "{id}");
        assert!(
            generated
                .owners
                .iter()
                .any(|o| o.kind.as_deref() == Some("OWNER") && o.address.is_some()),
            "{id}: the main owner has an address"
        );
        for account in &generated.accounts {
            assert!(
                account.partial_due_to_timeout.is_none() && account.owner.is_none(),
                "{id}"
            );
            assert!(
                account.name.is_some() && account.currency_name.is_some(),
                "{id}"
            );
            assert!(
                account.direct_debit.is_some() && account.active_since_at_least.is_some(),
                "{id}"
            );
            assert!(
                account
                    .owners
                    .as_ref()
                    .is_some_and(|owners| !owners.is_empty()),
                "{id}"
            );
            let funds = account.currency_funds_available.unwrap();
            assert!(
                funds >= account.currency_balance.unwrap() && funds.scale() == 2,
                "{id}"
            );
            let oldest = account.money_transactions.as_ref().unwrap().last().unwrap();
            assert!(
                account.active_since_at_least.unwrap() <= oldest.transaction_on,
                "{id}"
            );
        }
    }
}

#[test]
fn every_iban_is_valid() {
    for (id, generated) in every_persona_at(5, today()) {
        let accounts = generated.accounts.iter().map(|a| a.iban.clone());
        let cards = generated
            .credit_cards
            .iter()
            .map(|c| c.iban.clone().expect("card IBAN"));
        let parties = lists(&generated)
            .into_iter()
            .flat_map(|(_, _, list)| list.iter().filter_map(|tx| tx.party_iban.clone()))
            .collect::<BTreeSet<_>>();
        for number in accounts.chain(cards).chain(parties) {
            assert!(iban::is_valid(&number), "{id}: {number}");
            if number.starts_with("PL") {
                assert!(
                    iban::has_valid_sort_code(&number),
                    "{id}: {number} sort code"
                );
            }
        }
    }
}

#[test]
fn labels_are_known_cover_most_transactions_and_skip_risky_ones() {
    for (id, generated) in every_persona_at(9, today()) {
        let all: Vec<&MoneyTransaction> = lists(&generated)
            .into_iter()
            .flat_map(|(_, _, list)| list.iter())
            .collect();
        for tx in &all {
            for label in tx.labels.iter().flatten() {
                assert!(
                    KNOWN_LABELS.contains(&label.as_str()),
                    "{id}: unknown label {label}"
                );
            }
            assert!(
                tx.labels.as_ref().is_none_or(|labels| !labels.is_empty()),
                "{id}: empty labels"
            );
            let text = format!(
                "{} {}",
                tx.title.as_deref().unwrap_or(""),
                tx.party.as_deref().unwrap_or("")
            );
            if NEVER_LABELLED.iter().any(|word| text.contains(word)) {
                assert!(
                    tx.labels.is_none(),
                    "{id}: risky transaction labelled {tx:?}"
                );
            }
        }
        let labelled = all.iter().filter(|tx| tx.labels.is_some()).count();
        let share = labelled as f64 / all.len() as f64;
        assert!(
            (0.45..=0.92).contains(&share),
            "{id}: label coverage {share:.2}"
        );
    }
}

#[test]
fn scores_fit_the_persona() {
    for (id, generated) in every_persona_at(1, today()) {
        match (&generated.score, id) {
            (ScoreOutcome::NoData, "thin") => {}
            (ScoreOutcome::Models(models), _) if id != "thin" => {
                assert_eq!(models[0].id, "common-2026-03-02", "{id}");
                assert_eq!(
                    models.len() > 1,
                    id == "salaried",
                    "{id}: only salaried has two models"
                );
                for model in models {
                    let score = model.score.unwrap();
                    assert!(score > Decimal::ZERO && score < Decimal::ONE, "{id}");
                    assert!(
                        model.retrained_at.is_some() && model.score_tier.is_some(),
                        "{id}"
                    );
                }
            }
            (other, _) => panic!("{id}: unexpected score {other:?}"),
        }
    }
}

/// `docs/personas.md`, rendered from the catalog so the facts there are the facts here, verbatim.
fn render_docs() -> String {
    let mut doc = String::from(
        "# Sandbox personas\n\n\
         The sandbox (F-SBX-3) serves ten deterministic Polish applicants.\n\
         Each history is generated from the sandbox seed and ends on the sandbox clock's date: the same seed and date give the same data, byte for byte.\n\
         A different seed changes amounts and which days have shop payments, never the facts below.\n\
         Log in with any of a persona's logins in the widget stand-in or `POST /v1/mock-session.xml`; `test` (Kontomatik's KontoBank test login) selects the default persona, `salaried`.\n\n\
         This file is generated from `crates/lupa-sandbox/src/personas/` by the test `personas::tests::docs_match_the_catalog`; run it with `LUPA_BLESS=1` after changing a persona.\n\n\
         ## Conventions\n\n\
         - Amounts have exactly two decimals; debits are negative; `currencyBalance` is the balance after each transaction and every chain ends at the account's balance.\n\
         - Transactions are newest first; card payments are booked one or two days later, and those not yet booked on the last day are `PENDING` without `bookedOn`.\n\
         - Labels are only the strings seen in real Kontomatik replies plus `loan`, `welfare`, `rent` and `utilities`; gambling, payday lenders, bailiffs and debt collectors are never labelled.\n\
         - Every IBAN passes the mod-97 check, and Polish ones carry a real sort code with a valid check digit.\n\
         - Transfers between an applicant's own accounts show the same amount on both accounts, the same or the next day.\n\
         - \"N months\" of history means the window from the day after the last day minus N months to the last day, so each day of the month (1–28) occurs exactly N times.\n\n\
         ## Catalog\n\n\
         | id | logins | applicant | bank (target) | history | exercises |\n\
         |---|---|---|---|---|---|\n",
    );
    for spec in catalog() {
        let logins: Vec<String> = spec
            .logins
            .iter()
            .map(|login| format!("`{login}`"))
            .collect();
        doc.push_str(&format!(
            "| `{}` | {} | {} | {} (`{}`) | {} | {} |\n",
            spec.id,
            logins.join(", "),
            spec.display_name,
            spec.official_name,
            spec.target,
            spec.history,
            spec.summary
        ));
    }
    for spec in catalog() {
        doc.push_str(&format!(
            "\n## `{}`: {}\n\n{}\n\nBank: {} (target `{}`, institution `{}`). History: {}.\n\n",
            spec.id,
            spec.display_name,
            spec.summary,
            spec.official_name,
            spec.target,
            spec.institution,
            spec.history
        ));
        for fact in spec.facts {
            doc.push_str(&format!("- {fact}\n"));
        }
    }
    doc
}

#[test]
fn docs_match_the_catalog() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/personas.md");
    let rendered = render_docs();
    if std::env::var_os("LUPA_BLESS").is_some() {
        std::fs::write(&path, &rendered).expect("write docs/personas.md");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == rendered,
        "docs/personas.md is stale: rerun this test with LUPA_BLESS=1"
    );
    for spec in catalog() {
        for fact in spec.facts {
            assert!(
                current.contains(fact),
                "{}: fact missing from the docs",
                spec.id
            );
        }
    }
}
