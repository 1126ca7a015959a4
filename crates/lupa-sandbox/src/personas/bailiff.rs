//! `bailiff` (`komornik`): Sebastian Lewandowski at Santander: a salary, ten monthly bailiff
//! seizures executed by the bank down to the free amount, voluntary payments to a second bailiff,
//! and repayments to five debt-collection companies.

use chrono::{Datelike, Days, NaiveDate};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, account, days, months_back, nrb, owner, period, score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{FUEL, GROCERIES, LIFESTYLE, ORANGE, PGE, Party, party};
use super::risky::{BEST, EOS, INTRUM, KOMORNIK_KIELCE, KOMORNIK_OSTROWIEC, KRUK, ULTIMO};
use super::spending::{Bill, Habits, Pay, atm, bills, friends, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "bailiff";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["bailiff", "komornik"],
    display_name: "Sebastian Lewandowski",
    summary: "Builder at Santander: salary, monthly bailiff seizures down to the free amount, \
              voluntary payments to another bailiff, repayments to five debt collectors.",
    facts: &[
        "Owner: Sebastian Lewandowski (OWNER, address ul. Paderewskiego 40/12, 25-502 Kielce), sole owner of Konto Santander (friendlyName Konto osobiste, PLN).",
        "Salary: 36 credits of 5 200.00 PLN titled \"Wynagrodzenie za MM/YYYY\" from PRZEDSIĘBIORSTWO BUDOWLANE KIELBUD SP. Z O.O. on the 10th of each month, labels monthly, compensation, regular wage, salary.",
        "Seizures: 10 debits titled \"ZAJĘCIE WIERZYTELNOŚCI Z RACHUNKU BANKOWEGO KOMORNIK SĄDOWY PRZY SĄDZIE REJONOWYM W KIELCACH ANNA WILK SYGN. KM 1234/25\" (kind ZAJĘCIE KOMORNICZE) to Komornik Sądowy przy Sądzie Rejonowym w Kielcach Anna Wilk on the 11th of each of the last 10 months, each leaving exactly the free amount in the account (3 225.00 PLN in 2024 and before, 3 499.50 in 2025, 3 604.50 from 2026); unlabelled.",
        "Voluntary bailiff payments: 18 transfers of 300.00 PLN titled \"Wpłata dobrowolna KM 877/24 …\" to Komornik Sądowy przy Sądzie Rejonowym w Ostrowcu Świętokrzyskim Tomasz Gajewski on the 15th of each of the last 18 months; unlabelled.",
        "Debt collectors: KRUK S.A. 24 × 200.00 PLN on the 20th of each of the last 24 months; Intrum 3 × 450.00 (300, 270 and 240 days before the last day); BEST S.A. 1 × 1 000.00 (400 days before); Ultimo 6 × 120.00 on the 5th of each of the last 6 months; EOS KSI 2 × 250.00 (180 and 150 days before); 36 payments totalling 8 370.00 PLN; unlabelled.",
        "Balance: every end-of-day balance is positive; no gambling or payday lenders.",
        "Score: common-2026-03-02 score 0.3561, percentile 0.1525, tier D.",
    ],
    target: "SantanderApi",
    institution: "Bzwbk",
    official_name: "Santander",
    history: "36 months",
};

const MONTHS: u32 = 36;
const SEIZURE: &str = "ZAJĘCIE WIERZYTELNOŚCI Z RACHUNKU BANKOWEGO KOMORNIK SĄDOWY PRZY SĄDZIE REJONOWYM W KIELCACH ANNA WILK SYGN. KM 1234/25";

const EMPLOYER: Party = party(
    "PRZEDSIĘBIORSTWO BUDOWLANE KIELBUD SP. Z O.O. ul. Zagnańska 84, 25-558 Kielce",
    "1090",
    "262",
    "0000000141178290",
);

#[rustfmt::skip]
const BILLS: [Bill; 2] = [
    Bill { party: Some(&PGE), title: "Energia elektryczna, nr klienta 4410022871, okres", day: 23, every: 2, min: 9_000, max: 21_000, pay: Pay::Transfer, labels: &["utilities"] },
    Bill { party: Some(&ORANGE), title: "Orange Flex abonament, faktura", day: 17, every: 1, min: 4_500, max: 6_999, pay: Pay::Card, labels: &["monthly"] },
];

/// The amount a bailiff may not seize from an account in a month, in grosze (75 % of the minimum wage).
pub fn free_amount_minor(year: i32) -> i64 {
    match year {
        ..=2024 => 322_500,
        2025 => 349_950,
        _ => 360_450,
    }
}

/// Payments to debt collectors: `(party, title, amount in grosze, due)`.
fn collections(ctx: &Ctx, day: NaiveDate) -> Vec<(&'static Party, &'static str, i64)> {
    let ago = |days: u64| ctx.days_ago(days);
    let mut due = Vec::new();
    if day.day() == 20 && day >= months_back(ctx.today, 24) {
        due.push((&KRUK, "Spłata zadłużenia nr sprawy 88123456", 20_000));
    }
    if [300, 270, 240].map(ago).contains(&day) {
        due.push((&INTRUM, "Ugoda nr INT/2024/55317 rata", 45_000));
    }
    if ago(400) == day {
        due.push((
            &BEST,
            "Spłata zadłużenia BEST S.A. sygn. 7712/B/23",
            100_000,
        ));
    }
    if day.day() == 5 && day >= months_back(ctx.today, 6) {
        due.push((&ULTIMO, "Ultimo spłata sprawy 4417720", 12_000));
    }
    if [180, 150].map(ago).contains(&day) {
        due.push((&EOS, "EOS KSI Polska wpłata nr sprawy 3390012", 25_000));
    }
    due
}

/// Sebastian Lewandowski's three years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let seizures_from = ctx.months_back(10);
    let voluntary_from = ctx.months_back(18);
    let iban = nrb("1090", "262", "0000000142203318");
    let (employer, kielce, ostrowiec) = (
        EMPLOYER.iban(),
        KOMORNIK_KIELCE.iban(),
        KOMORNIK_OSTROWIEC.iban(),
    );
    let habits = Habits {
        style: &GENERIC,
        city: "KIELCE",
        shops: &[&GROCERIES, &FUEL, &LIFESTYLE],
        per_day: 1.1,
        amount_pct: 90,
        reserve: 180_000,
    };

    let mut ledger = Ledger::with_capacity(260_000, today, 3_000);
    for day in days(start, today) {
        match day.day() {
            10 => ledger.push(
                Tx::new(day, 520_000, format!("Wynagrodzenie za {}", period(day)))
                    .party(EMPLOYER.text)
                    .iban(&employer)
                    .kind(GENERIC.transfer_in)
                    .labels(&["monthly", "compensation", "regular wage", "salary"]),
            ),
            11 if day >= seizures_from => {
                let seized = ledger.balance() - free_amount_minor(day.year());
                ledger.push(
                    Tx::new(day, -seized, SEIZURE)
                        .party(KOMORNIK_KIELCE.text)
                        .iban(&kielce)
                        .kind(GENERIC.seizure),
                );
            }
            15 if day >= voluntary_from => ledger.push(
                Tx::new(
                    day,
                    -30_000,
                    format!(
                        "Wpłata dobrowolna KM 877/24 Sebastian Lewandowski rata {}",
                        period(day)
                    ),
                )
                .party(KOMORNIK_OSTROWIEC.text)
                .iban(&ostrowiec)
                .kind(GENERIC.transfer_out),
            ),
            _ => {}
        }
        for (collector, title, minor) in collections(ctx, day) {
            ledger.push(
                Tx::new(day, -minor, title)
                    .party(collector.text)
                    .iban(&collector.iban())
                    .kind(GENERIC.transfer_out),
            );
        }
        bills(ctx, &mut ledger, day, &GENERIC, &BILLS);
        purchases(ctx, &mut ledger, day, &habits);
        friends(ctx, &mut ledger, day, &GENERIC, 0.03, habits.reserve);
        atm(ctx, &mut ledger, day, &habits, 0.05);
    }

    let sebastian = owner(
        "Sebastian Lewandowski",
        Some("ul. Paderewskiego 40/12, 25-502 Kielce"),
        "OWNER",
    );
    let accounts = vec![account(
        AccountSpec {
            name: "Konto Santander",
            friendly_name: Some("Konto osobiste"),
            iban: &iban,
            currency: "PLN",
            active_since: start - Days::new(900),
            direct_debit: true,
            overdraft_minor: 0,
            owners: vec![sebastian.clone()],
        },
        ledger.finish(),
    )];
    Generated {
        owners: vec![sebastian],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.3561", "0.1525", "D")]),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use rust_decimal::Decimal;

    use super::super::testkit::*;
    use super::{SEIZURE, free_amount_minor};

    #[test]
    fn salary_seizures_and_voluntary_payments() {
        for_all("bailiff", |generated, _| {
            let account = &generated.accounts[0];
            let salary = titled(account, "Wynagrodzenie za ");
            assert_eq!(salary.len(), 36);
            assert!(all_amounts(&salary, "5200.00") && all_on_day(&salary, 10));

            let seizures = titled(account, SEIZURE);
            assert_eq!(seizures.len(), 10);
            assert!(all_on_day(&seizures, 11));
            assert!(
                seizures
                    .iter()
                    .all(|tx| tx.kind.as_deref() == Some("ZAJĘCIE KOMORNICZE")
                        && tx.labels.is_none())
            );
            assert!(seizures.iter().all(|tx| tx.currency_amount < Decimal::ZERO
                && tx.currency_balance
                    == Some(Decimal::new(free_amount_minor(tx.transaction_on.year()), 2))));

            let voluntary = titled(account, "Wpłata dobrowolna KM 877/24");
            assert_eq!(voluntary.len(), 18);
            assert!(all_amounts(&voluntary, "-300.00") && all_on_day(&voluntary, 15));
            assert!(
                voluntary
                    .iter()
                    .all(|tx| tx.party.as_deref().unwrap().contains("Tomasz Gajewski"))
            );
            assert!(
                end_of_day_balances(account)
                    .iter()
                    .all(|(_, b)| *b > Decimal::ZERO)
            );
        });
    }

    #[test]
    fn debt_collectors() {
        for_all("bailiff", |generated, _| {
            let account = &generated.accounts[0];
            let count_sum = |party: &str| {
                let list = with_party(account, party);
                assert!(list.iter().all(|tx| tx.labels.is_none()));
                (
                    list.len(),
                    list.iter().map(|tx| tx.currency_amount).sum::<Decimal>(),
                )
            };
            assert_eq!(count_sum("KRUK S.A."), (24, dec("-4800.00")));
            assert_eq!(count_sum("Intrum Sp. z o.o."), (3, dec("-1350.00")));
            assert_eq!(count_sum("BEST S.A."), (1, dec("-1000.00")));
            assert_eq!(count_sum("Ultimo Sp. z o.o."), (6, dec("-720.00")));
            assert_eq!(count_sum("EOS KSI"), (2, dec("-500.00")));
            assert!(all_on_day(&with_party(account, "KRUK S.A."), 20));
            assert!(all_on_day(&with_party(account, "Ultimo Sp. z o.o."), 5));
        });
    }
}
