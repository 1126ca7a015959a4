//! `joint`: Anna Dąbrowska at Pekao with her husband Marek as co-owner of the household account,
//! plus her own individual account: two salaries, a mortgage, the child benefit and nursery fees,
//! and Anna's monthly transfer into the joint account.

use chrono::{Datelike, Days};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, Side, account, days, nrb, own_transfer, owner, period,
    score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{
    FUEL, GROCERIES, LIFESTYLE, NEIGHBOURHOOD, PGNIG, PLAY, Party, TAURON, ZUS_PAYER, party,
};
use super::spending::{Bill, Habits, Pay, atm, bills, friends, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "joint";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["joint", "wspolne"],
    display_name: "Anna Dąbrowska",
    summary: "Married couple at Pekao: a joint account with the husband as co-owner plus the \
              applicant's own account, two salaries, a mortgage, child benefit, own transfers.",
    facts: &[
        "Owners: Anna Dąbrowska (OWNER, address ul. Chlebnicka 14/6, 80-830 Gdańsk) and Marek Dąbrowski (CO_OWNER, same address) on the import.",
        "Accounts: Konto Przekorzystne (friendlyName Wspólne, PLN) owned by Anna Dąbrowska (OWNER) and Marek Dąbrowski (CO_OWNER); Konto osobiste (no friendlyName, PLN) owned by Anna Dąbrowska alone.",
        "Salaries: Anna 48 credits of 7 200.00 PLN titled \"Wynagrodzenie za MM/YYYY\" from AMBER SOFT SP. Z O.O. on the 27th into Konto osobiste; Marek 48 credits of 5 900.00 PLN titled \"Wynagrodzenie za MM/YYYY\" from PORT GDAŃSK EKSPLOATACJA S.A. on the 10th into Konto Przekorzystne; both labelled monthly, compensation, regular wage, salary.",
        "Own transfers: 48 transfers of 3 500.00 PLN titled \"Przelew na wspólne konto\" from Konto osobiste to Konto Przekorzystne on the 28th of each month, arriving the same day (PRZELEW WEWNĘTRZNY), unlabelled.",
        "Mortgage: 48 instalments of 2 870.40 PLN titled \"Rata kredytu hipotecznego …\" to Bank Pekao S.A. on the 15th of each month from Konto Przekorzystne, labels loan, monthly.",
        "Child benefit: 48 credits titled \"ŚWIADCZENIE WYCHOWAWCZE …\" from ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH on the 20th into Konto Przekorzystne, 500.00 PLN until December 2023 and 800.00 PLN from January 2024, labels welfare, monthly.",
        "Nursery: 48 transfers of 950.00 PLN titled \"Czesne za MM/YYYY - Zosia Dąbrowska\" to Przedszkole Niepubliczne „Bajka” on the 5th of each month from Konto Przekorzystne, unlabelled.",
        "Balance: every end-of-day balance of both accounts is positive; no gambling, payday lenders, bailiff or debt collection.",
        "Score: common-2026-03-02 score 0.8120, percentile 0.8833, tier A.",
    ],
    target: "PekaoApi",
    institution: "Pekao",
    official_name: "Pekao SA",
    history: "48 months",
};

const MONTHS: u32 = 48;
const ADDRESS: &str = "ul. Chlebnicka 14/6, 80-830 Gdańsk";
const ANNA: &str = "Anna Dąbrowska ul. Chlebnicka 14/6, 80-830 Gdańsk";
const BOTH: &str = "Anna Dąbrowska, Marek Dąbrowski ul. Chlebnicka 14/6, 80-830 Gdańsk";

const ANNA_EMPLOYER: Party = party(
    "AMBER SOFT SP. Z O.O. al. Grunwaldzka 472, 80-309 Gdańsk",
    "1140",
    "200",
    "0000411720008812",
);
const MAREK_EMPLOYER: Party = party(
    "PORT GDAŃSK EKSPLOATACJA S.A. ul. Roberta de Plelo 11, 80-548 Gdańsk",
    "1240",
    "127",
    "1111000045226671",
);
const PEKAO_LOAN: Party = party(
    "Bank Pekao S.A. ul. Grzybowska 53/57, 00-844 Warszawa",
    "1240",
    "000",
    "0000220019934410",
);
const NURSERY: Party = party(
    "Przedszkole Niepubliczne „Bajka” ul. Kartuska 86, 80-136 Gdańsk",
    "1020",
    "181",
    "0000650202219954",
);

#[rustfmt::skip]
const BILLS: [Bill; 4] = [
    Bill { party: Some(&TAURON), title: "Energia elektryczna, nr klienta 6601223419, okres", day: 22, every: 2, min: 19_000, max: 42_000, pay: Pay::DirectDebit, labels: &["utilities"] },
    Bill { party: Some(&PGNIG), title: "Paliwo gazowe, nr klienta 8823311, okres", day: 24, every: 1, min: 9_000, max: 32_000, pay: Pay::DirectDebit, labels: &["utilities", "monthly"] },
    Bill { party: Some(&PLAY), title: "Play rodzina 3 numery, faktura", day: 16, every: 1, min: 12_999, max: 15_999, pay: Pay::DirectDebit, labels: &["monthly"] },
    Bill { party: None, title: "SPOTIFY P2F9A1C3 STOCKHOLM", day: 8, every: 1, min: 3_699, max: 3_699, pay: Pay::Card, labels: &["leisure", "monthly"] },
];

/// The monthly child benefit (one child) paid in `year`, in grosze.
pub fn child_benefit_minor(year: i32) -> i64 {
    if year <= 2023 { 50_000 } else { 80_000 }
}

/// The Dąbrowskis' four years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let joint_iban = nrb("1240", "127", "1111001092837465");
    let own_iban = nrb("1240", "127", "1111001092837521");
    let (anna_employer, marek_employer, loan, nursery, zus) = (
        ANNA_EMPLOYER.iban(),
        MAREK_EMPLOYER.iban(),
        PEKAO_LOAN.iban(),
        NURSERY.iban(),
        ZUS_PAYER.iban(),
    );
    let household = Habits {
        style: &GENERIC,
        city: "GDANSK",
        shops: &[&GROCERIES, &FUEL, &NEIGHBOURHOOD],
        per_day: 1.5,
        amount_pct: 120,
        reserve: 500_000,
    };
    let anna_habits = Habits {
        style: &GENERIC,
        city: "GDANSK",
        shops: &[&LIFESTYLE],
        per_day: 0.7,
        amount_pct: 100,
        reserve: 150_000,
    };
    let salary_labels: &'static [&'static str] =
        &["monthly", "compensation", "regular wage", "salary"];

    let mut joint = Ledger::with_capacity(850_000, today, 4_000);
    let mut own = Ledger::with_capacity(1_400_000, today, 2_000);
    for day in days(start, today) {
        joint.begin_day(day);
        own.begin_day(day);
        match day.day() {
            5 => joint.push(
                Tx::new(
                    day,
                    -95_000,
                    format!("Czesne za {} - Zosia Dąbrowska", period(day)),
                )
                .party(NURSERY.text)
                .iban(&nursery)
                .kind(GENERIC.transfer_out),
            ),
            10 => joint.push(
                Tx::new(day, 590_000, format!("Wynagrodzenie za {}", period(day)))
                    .party(MAREK_EMPLOYER.text)
                    .iban(&marek_employer)
                    .kind(GENERIC.transfer_in)
                    .labels(salary_labels),
            ),
            15 => joint.push(
                Tx::new(
                    day,
                    -287_040,
                    format!("Rata kredytu hipotecznego nr 77/2021/HIP {}", period(day)),
                )
                .party(PEKAO_LOAN.text)
                .iban(&loan)
                .kind(GENERIC.standing_order)
                .labels(&["loan", "monthly"]),
            ),
            20 => joint.push(
                Tx::new(
                    day,
                    child_benefit_minor(day.year()),
                    format!("ŚWIADCZENIE WYCHOWAWCZE ZA {} ZOFIA DĄBROWSKA", period(day)),
                )
                .party(ZUS_PAYER.text)
                .iban(&zus)
                .kind(GENERIC.transfer_in)
                .labels(&["welfare", "monthly"]),
            ),
            27 => own.push(
                Tx::new(day, 720_000, format!("Wynagrodzenie za {}", period(day)))
                    .party(ANNA_EMPLOYER.text)
                    .iban(&anna_employer)
                    .kind(GENERIC.transfer_in)
                    .labels(salary_labels),
            ),
            28 => own_transfer(
                Side {
                    ledger: &mut own,
                    iban: &own_iban,
                    holder: ANNA,
                },
                Side {
                    ledger: &mut joint,
                    iban: &joint_iban,
                    holder: BOTH,
                },
                day,
                0,
                350_000,
                "Przelew na wspólne konto",
                GENERIC.internal,
            ),
            _ => {}
        }
        bills(ctx, &mut joint, day, &GENERIC, &BILLS);
        purchases(ctx, &mut joint, day, &household);
        atm(ctx, &mut joint, day, &household, 0.03);
        purchases(ctx, &mut own, day, &anna_habits);
        friends(ctx, &mut own, day, &GENERIC, 0.05, anna_habits.reserve);
    }

    let anna = owner("Anna Dąbrowska", Some(ADDRESS), "OWNER");
    let marek = owner("Marek Dąbrowski", Some(ADDRESS), "CO_OWNER");
    let opened = start - Days::new(1_200);
    let accounts = vec![
        account(
            AccountSpec {
                name: "Konto Przekorzystne",
                friendly_name: Some("Wspólne"),
                iban: &joint_iban,
                currency: "PLN",
                active_since: opened,
                direct_debit: true,
                overdraft_minor: 0,
                owners: vec![anna.clone(), marek.clone()],
            },
            joint.finish(),
        ),
        account(
            AccountSpec {
                name: "Konto osobiste",
                friendly_name: None,
                iban: &own_iban,
                currency: "PLN",
                active_since: opened,
                direct_debit: false,
                overdraft_minor: 0,
                owners: vec![anna.clone()],
            },
            own.finish(),
        ),
    ];
    Generated {
        owners: vec![anna, marek],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.8120", "0.8833", "A")]),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use rust_decimal::Decimal;

    use super::super::testkit::*;
    use super::child_benefit_minor;

    #[test]
    fn owners_salaries_transfers_and_household() {
        for_all("joint", |generated, _| {
            let kinds: Vec<&str> = generated
                .owners
                .iter()
                .map(|o| o.kind.as_deref().unwrap())
                .collect();
            assert_eq!(kinds, ["OWNER", "CO_OWNER"]);
            let joint = account(generated, "Konto Przekorzystne");
            let own = account(generated, "Konto osobiste");
            assert_eq!(joint.owners.as_ref().unwrap().len(), 2);
            assert_eq!(own.owners.as_ref().unwrap().len(), 1);

            let anna = titled(own, "Wynagrodzenie za ");
            let marek = titled(joint, "Wynagrodzenie za ");
            assert_eq!((anna.len(), marek.len()), (48, 48));
            assert!(all_amounts(&anna, "7200.00") && all_on_day(&anna, 27));
            assert!(all_amounts(&marek, "5900.00") && all_on_day(&marek, 10));
            assert!(
                anna.iter()
                    .chain(&marek)
                    .all(|tx| labels(tx).contains(&"salary"))
            );

            let out = titled(own, "Przelew na wspólne konto");
            let into = titled(joint, "Przelew na wspólne konto");
            assert_eq!((out.len(), into.len()), (48, 48));
            assert!(
                all_amounts(&out, "-3500.00")
                    && all_amounts(&into, "3500.00")
                    && all_on_day(&into, 28)
            );

            let mortgage = titled(joint, "Rata kredytu hipotecznego");
            assert_eq!(mortgage.len(), 48);
            assert!(all_amounts(&mortgage, "-2870.40") && all_on_day(&mortgage, 15));

            let benefit = titled(joint, "ŚWIADCZENIE WYCHOWAWCZE");
            assert_eq!(benefit.len(), 48);
            assert!(benefit.iter().all(|tx| tx.currency_amount
                == Decimal::new(child_benefit_minor(tx.transaction_on.year()), 2)));
            assert!(
                benefit
                    .iter()
                    .all(|tx| labels(tx) == ["welfare", "monthly"])
                    && all_on_day(&benefit, 20)
            );

            let nursery = titled(joint, "Czesne za ");
            assert_eq!(nursery.len(), 48);
            assert!(
                all_amounts(&nursery, "-950.00")
                    && all_on_day(&nursery, 5)
                    && nursery.iter().all(|tx| tx.labels.is_none())
            );

            for account in &generated.accounts {
                assert!(
                    end_of_day_balances(account)
                        .iter()
                        .all(|(_, b)| *b > Decimal::ZERO),
                    "{:?}",
                    account.name
                );
            }
        });
    }
}
