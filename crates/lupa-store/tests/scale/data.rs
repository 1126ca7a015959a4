//! A synthetic portfolio for scale checks (issue 8): `cases` applicants with Polish names, one
//! account each, `per_case` transactions over two years, stored through the real ingest path
//! (case, import, raw reply, one ingest transaction each). Shared by the `scale` test and bench.

use chrono::{Days, NaiveDate, Utc};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use lupa_kontomatik::model::{Account, CommandResult, MoneyTransaction, Owner};
use lupa_store::{Flow, NewImport, Store};
use rust_decimal::Decimal;

const FIRST: [&str; 12] = [
    "Anna",
    "Piotr",
    "Katarzyna",
    "Tomasz",
    "Małgorzata",
    "Paweł",
    "Agnieszka",
    "Michał",
    "Joanna",
    "Łukasz",
    "Ewa",
    "Grzegorz",
];
const LAST: [&str; 14] = [
    "Nowak",
    "Kowalska",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamińska",
    "Lewandowski",
    "Zielińska",
    "Szymański",
    "Woźniak",
    "Dąbrowska",
    "Kozłowski",
    "Jankowska",
    "Mazur",
];
const TITLES: [&str; 8] = [
    "Biedronka Kraków",
    "Wynagrodzenie za pracę",
    "Czynsz za mieszkanie",
    "Orange rachunek",
    "Allegro zakupy",
    "Przelew od rodziny",
    "Spłata kredytu",
    "Lidl Warszawa",
];

/// The owner id of case `n`.
pub fn owner(n: usize) -> String {
    format!("scale-{n:05}")
}

/// The applicant's name of case `n` (names repeat across the portfolio, as they do).
pub fn name(n: usize) -> String {
    format!(
        "{} {}",
        FIRST[n % FIRST.len()],
        LAST[(n / FIRST.len()) % LAST.len()]
    )
}

/// The account IBAN of case `n`: 26 digits after `PL`, unique per case.
pub fn iban(n: usize) -> String {
    format!("PL{:02}1020{:020}", n % 97, 1_000_000 + n)
}

fn result(n: usize, per_case: usize, last_day: NaiveDate) -> CommandResult {
    let mut balance = Decimal::new(500_000, 2);
    let mut transactions = Vec::with_capacity(per_case);
    for k in 0..per_case {
        // Oldest first while computing balances; the wire order (newest first) is restored below.
        let day = last_day - Days::new(((per_case - k) * 730 / per_case.max(1)) as u64);
        let title = TITLES[(n + k) % TITLES.len()];
        let amount = if title.starts_with("Wynagrodzenie") {
            Decimal::new(650_000 + (n % 50) as i64 * 1000, 2)
        } else {
            -Decimal::new(1_000 + ((n * 31 + k * 17) % 40_000) as i64, 2)
        };
        balance += amount;
        transactions.push(MoneyTransaction {
            transaction_on: day,
            booked_on: Some(day),
            currency_amount: amount,
            currency_balance: Some(balance),
            title: Some(format!("{title} {k}")),
            party: Some(title.split(' ').next().unwrap_or(title).to_owned()),
            party_iban: None,
            kind: Some("PRZELEW".to_owned()),
            status: None,
            variable_symbol: None,
            constant_symbol: None,
            labels: None,
        });
    }
    transactions.reverse();
    CommandResult {
        owners: Some(vec![Owner {
            name: name(n),
            kind: Some("OWNER".to_owned()),
            ..Owner::default()
        }]),
        accounts: Some(vec![Account {
            name: Some("Konto osobiste".to_owned()),
            iban: iban(n),
            currency_balance: Some(balance),
            currency_name: Some("PLN".to_owned()),
            money_transactions: Some(transactions),
            ..Account::default()
        }]),
        ..CommandResult::default()
    }
}

/// Stores the portfolio; returns the last case's id.
pub fn build(store: &mut Store, cases: usize, per_case: usize) -> lupa_store::CaseId {
    let last_day = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let mut last = None;
    for n in 0..cases {
        let owner = owner(n);
        let (case_id, import_id) = store
            .create_case_and_import(&NewImport {
                environment: Environment::Sandbox,
                owner_external_id: &owner,
                target: "KontoBank",
                session_id: None,
                since: None,
                flow: Flow::File,
            })
            .expect("case and import");
        store
            .save_raw_reply(
                import_id,
                &RawReply {
                    call: "FILE".to_owned(),
                    http_status: 0,
                    body: format!("scale fixture {owner}").into_bytes(),
                    received_at: Utc::now(),
                },
            )
            .expect("raw reply");
        store
            .ingest_import(import_id, &result(n, per_case, last_day))
            .expect("ingest");
        last = Some(case_id);
    }
    last.expect("at least one case")
}
