//! `salaried` (login `test`, the default): Maria Sochacka at KontoBank, shaped like the real capture
//! (co-owner without address, `Konto 0` with friendly name, labels, transactions with and without
//! party, IBAN, kind and labels) and stretched to five years of a stable employee's life.

use chrono::{Datelike, Days};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, Side, account, days, nrb, own_transfer, owner, period,
    score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{
    DOTPAY, FUEL, GROCERIES, LIFESTYLE, MEDICOVER, ORANGE, PGNIG, PZU, Party, TAURON, WODOCIAGI,
};
use super::spending::{Bill, Habits, Pay, atm, bills, friends, purchases};
use super::style::KONTOBANK;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "salaried";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["salaried", "test"],
    display_name: "Maria Sochacka",
    summary: "Stable employee at KontoBank: salary on the 10th, rent, bills, a bank loan and monthly \
              savings; a co-owner on the account, as in the real capture.",
    facts: &[
        "Owners: Tadeusz Krajowy (CO_OWNER, no address) then Maria Sochacka (OWNER, address Stolarska 15/2 33-543 Jaworzno), on the import and on Konto 0.",
        "Accounts: Konto 0 (friendlyName Konto, IBAN PL69137013140000049678278112, PLN, direct debit available) and Konto oszczędnościowe (no friendlyName, PLN, owner Maria Sochacka only).",
        "Salary: 60 credits of 6 450.00 PLN titled \"Wynagrodzenie za pracę\" from ZAKŁADY MECHANICZNE JAWORZNO S.A., on the 10th of each month, labels monthly, compensation, regular wage, salary; no other employer.",
        "Rent: 60 standing orders (ZLECENIE STAŁE) of 1 180.00 PLN to Spółdzielnia Mieszkaniowa „Podłęże” on the 12th of each month, labels rent, monthly.",
        "Bank loan: 36 instalments of 842.17 PLN titled \"Rata kredytu nr 20-1020-2244-0187 …\" to PKO Bank Polski S.A. on the 15th of each of the last 36 months, labels loan, monthly.",
        "Savings: 60 own transfers of 500.00 PLN from Konto 0 to Konto oszczędnościowe on the 11th of each month, mirrored the same day (PRZELEW WEWNĘTRZNY), unlabelled.",
        "Verification: 3 transfers of -0.01 PLN titled \"5QATW54J1O Oplata weryfikacyjna\", 62, 31 and 1 days before the last day, labels monthly, verification.",
        "Balance: every end-of-day balance of both accounts is positive.",
        "Risk: no gambling, payday lenders, bailiff, debt collection or returned payments.",
        "Pending: at least one PENDING transaction (a Żabka card payment on the last day); pending transactions only on the last two days.",
        "Score: two models, common-2026-03-02 (score 0.8612, percentile 0.9104, tier A) and custom-lender-2026-05 (score 0.7935, percentile 0.8421, tier B).",
    ],
    target: "KontoBank",
    institution: "KontoBank",
    official_name: "KontoBank",
    history: "60 months",
};

const MONTHS: u32 = 60;
const LOAN_MONTHS: u32 = 36;
const MAIN_IBAN: &str = "PL69137013140000049678278112";
const HOLDER: &str = "Maria Sochacka Stolarska 15/2 33-543 Jaworzno";
const VERIFIER_IBAN: &str = "PL16156000132367053266830002";

const EMPLOYER: Party = Party {
    text: "ZAKŁADY MECHANICZNE JAWORZNO S.A. ul. Grunwaldzka 267, 43-600 Jaworzno",
    bank: "1240",
    branch: "414",
    account: "1111000045913347",
};
const COOPERATIVE: Party = Party {
    text: "Spółdzielnia Mieszkaniowa „Podłęże” ul. Krakowska 4, 43-600 Jaworzno",
    bank: "1020",
    branch: "244",
    account: "0000290200876315",
};
const LENDER: Party = Party {
    text: "PKO Bank Polski S.A. ul. Puławska 15, 02-515 Warszawa",
    bank: "1020",
    branch: "102",
    account: "2244018700000001",
};

#[rustfmt::skip]
const BILLS: [Bill; 7] = [
    Bill { party: Some(&TAURON), title: "Energia elektryczna, nr klienta 3019224410, okres", day: 22, every: 2, min: 14_000, max: 32_000, pay: Pay::DirectDebit, labels: &["utilities"] },
    Bill { party: Some(&PGNIG), title: "Paliwo gazowe, nr klienta 7712904, okres", day: 24, every: 1, min: 6_000, max: 21_000, pay: Pay::DirectDebit, labels: &["utilities", "monthly"] },
    Bill { party: Some(&WODOCIAGI), title: "Woda i ścieki Stolarska 15/2, okres", day: 18, every: 3, min: 9_000, max: 19_000, pay: Pay::Transfer, labels: &["utilities"] },
    Bill { party: Some(&ORANGE), title: "Orange Światłowód + abonament, faktura", day: 20, every: 1, min: 8_999, max: 10_499, pay: Pay::DirectDebit, labels: &["monthly"] },
    Bill { party: None, title: "NETFLIX.COM AMSTERDAM", day: 5, every: 1, min: 4_900, max: 4_900, pay: Pay::Card, labels: &["leisure", "monthly"] },
    Bill { party: Some(&MEDICOVER), title: "Usługi medyczne za okres", day: 6, every: 1, min: 12_732, max: 12_732, pay: Pay::Transfer, labels: &["healthcare", "monthly"] },
    Bill { party: Some(&PZU), title: "Polisa OC/AC nr 1029384756, składka roczna", day: 3, every: 12, min: 89_000, max: 124_000, pay: Pay::Transfer, labels: &[] },
];

/// Maria Sochacka's five years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let loan_start = ctx.months_back(LOAN_MONTHS);
    let verification_days = [62, 31, 1].map(|days| ctx.days_ago(days));
    let savings_iban = nrb("1370", "131", "0000049678278139");
    let (employer, cooperative, lender) = (EMPLOYER.iban(), COOPERATIVE.iban(), LENDER.iban());
    let habits = Habits {
        style: &KONTOBANK,
        city: "JAWORZNO",
        shops: &[&GROCERIES, &FUEL, &LIFESTYLE],
        per_day: 1.6,
        amount_pct: 100,
        reserve: 550_000,
    };

    let mut main = Ledger::with_capacity(980_000, today, 4_000);
    let mut savings = Ledger::new(1_200_000, today);
    for day in days(start, today) {
        main.begin_day(day);
        match day.day() {
            1 => main.push(
                Tx::new(day, -500, "Opłata za kartę")
                    .kind(KONTOBANK.fee)
                    .labels(&["fee"]),
            ),
            10 => main.push(
                Tx::new(day, 645_000, "Wynagrodzenie za pracę")
                    .party(EMPLOYER.text)
                    .iban(&employer)
                    .kind(KONTOBANK.transfer_in)
                    .labels(&["monthly", "compensation", "regular wage", "salary"]),
            ),
            11 => own_transfer(
                Side {
                    ledger: &mut main,
                    iban: MAIN_IBAN,
                    holder: HOLDER,
                },
                Side {
                    ledger: &mut savings,
                    iban: &savings_iban,
                    holder: HOLDER,
                },
                day,
                0,
                50_000,
                "Przelew własny - oszczędności",
                KONTOBANK.internal,
            ),
            12 => main.push(
                Tx::new(
                    day,
                    -118_000,
                    format!("Opłata za lokal Stolarska 15/2 - czynsz {}", period(day)),
                )
                .party(COOPERATIVE.text)
                .iban(&cooperative)
                .kind(KONTOBANK.standing_order)
                .labels(&["rent", "monthly"]),
            ),
            15 if day >= loan_start => main.push(
                Tx::new(
                    day,
                    -84_217,
                    format!("Rata kredytu nr 20-1020-2244-0187 {}", period(day)),
                )
                .party(LENDER.text)
                .iban(&lender)
                .kind(KONTOBANK.transfer_out)
                .labels(&["loan", "monthly"]),
            ),
            _ => {}
        }
        bills(ctx, &mut main, day, &KONTOBANK, &BILLS);
        if verification_days.contains(&day) {
            main.push(
                Tx::new(day, -1, "5QATW54J1O Oplata weryfikacyjna")
                    .iban(VERIFIER_IBAN)
                    .kind(KONTOBANK.transfer_out)
                    .labels(&["monthly", "verification"])
                    .booked_after(1),
            );
        }
        if ctx.chance(0.03) {
            main.push(
                Tx::new(day, 35_000, "WPLATA")
                    .kind(KONTOBANK.cash_deposit)
                    .labels(&["cash deposit"])
                    .booked_after(1),
            );
        }
        if ctx.chance(0.02) {
            let minor = ctx.amount(2_500, 9_500);
            let reference = ctx.int(10_000, 99_999);
            if main.balance() - minor >= habits.reserve {
                let title = format!(
                    "WPŁATA DLA SERWISU DOTPAY M3931-3131 PIZZAPORTAL {reference} PIZZAPORTAL.PL"
                );
                main.push(
                    Tx::new(day, -minor, title)
                        .party(DOTPAY.text)
                        .kind(KONTOBANK.pay_by_link)
                        .labels(&["payment processor", "food with delivery"])
                        .booked_after(1),
                );
            }
        }
        purchases(ctx, &mut main, day, &habits);
        friends(ctx, &mut main, day, &KONTOBANK, 0.04, habits.reserve);
        atm(ctx, &mut main, day, &habits, 0.05);
        if day == today {
            let minor = ctx.amount(650, 4_500);
            main.push(
                Tx::new(day, -minor, "ZABKA Z5532 K.1 JAWORZNO")
                    .kind(KONTOBANK.card)
                    .labels(&["grocery"])
                    .booked_after(1),
            );
        }
        if (day + Days::new(1)).day() == 1 {
            let interest = savings.balance() * 150 / 10_000 / 12 * 81 / 100;
            savings.push(
                Tx::new(day, interest, "Kapitalizacja odsetek").kind("KAPITALIZACJA ODSETEK"),
            );
        }
    }

    let owners = vec![
        owner("Tadeusz Krajowy", None, "CO_OWNER"),
        owner(
            "Maria Sochacka",
            Some("Stolarska 15/2 33-543 Jaworzno"),
            "OWNER",
        ),
    ];
    let opened = start - Days::new(731);
    let accounts = vec![
        account(
            AccountSpec {
                name: "Konto 0",
                friendly_name: Some("Konto"),
                iban: MAIN_IBAN,
                currency: "PLN",
                active_since: opened,
                direct_debit: true,
                overdraft_minor: 0,
                owners: owners.clone(),
            },
            main.finish(),
        ),
        account(
            AccountSpec {
                name: "Konto oszczędnościowe",
                friendly_name: None,
                iban: &savings_iban,
                currency: "PLN",
                active_since: opened,
                direct_debit: false,
                overdraft_minor: 0,
                owners: vec![owners[1].clone()],
            },
            savings.finish(),
        ),
    ];
    Generated {
        owners,
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![
            score_model(COMMON_MODEL, "0.8612", "0.9104", "A"),
            score_model("custom-lender-2026-05", "0.7935", "0.8421", "B"),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use lupa_kontomatik::protocol::STATUS_PENDING;
    use rust_decimal::Decimal;

    use super::super::ScoreOutcome;
    use super::super::testkit::*;

    #[test]
    fn owners_and_accounts_match_the_capture() {
        let generated = persona("salaried", 1, today());
        let names: Vec<(&str, Option<&str>, &str)> = generated
            .owners
            .iter()
            .map(|o| {
                (
                    o.name.as_str(),
                    o.address.as_deref(),
                    o.kind.as_deref().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Tadeusz Krajowy", None, "CO_OWNER"),
                (
                    "Maria Sochacka",
                    Some("Stolarska 15/2 33-543 Jaworzno"),
                    "OWNER"
                )
            ]
        );
        let main = account(&generated, "Konto 0");
        assert_eq!(main.friendly_name.as_deref(), Some("Konto"));
        assert_eq!(main.iban, "PL69137013140000049678278112");
        assert_eq!(main.direct_debit, Some(true));
        assert_eq!(main.owners.as_ref(), Some(&generated.owners));
        let savings = account(&generated, "Konto oszczędnościowe");
        assert_eq!(savings.friendly_name, None);
        assert_eq!(savings.owners.as_ref().unwrap().len(), 1);
        assert_eq!(savings.owners.as_ref().unwrap()[0].name, "Maria Sochacka");
    }

    #[test]
    fn transactions_have_every_optional_shape_of_the_capture() {
        let generated = persona("salaried", 1, today());
        let all = txs(account(&generated, "Konto 0"));
        assert!(
            all.iter().any(|tx| tx.party.is_none()),
            "some without party"
        );
        assert!(
            all.iter()
                .any(|tx| tx.party.is_some() && tx.party_iban.is_none()),
            "party, no IBAN"
        );
        assert!(
            all.iter()
                .any(|tx| tx.party.is_none() && tx.party_iban.is_some()),
            "IBAN, no party"
        );
        assert!(all.iter().any(|tx| tx.kind.is_none()), "some without kind");
        assert!(
            all.iter().any(|tx| tx.labels.is_none()),
            "some without labels"
        );
        assert!(
            all.iter().any(|tx| labels(tx).len() >= 2),
            "some with several labels"
        );
    }

    #[test]
    fn salary_rent_loan_savings_and_verification_facts() {
        for_all("salaried", |generated, _| {
            let main = account(generated, "Konto 0");
            let salary = titled(main, "Wynagrodzenie za pracę");
            assert_eq!(salary.len(), 60);
            assert!(all_amounts(&salary, "6450.00") && all_on_day(&salary, 10));
            assert!(
                salary
                    .iter()
                    .all(|tx| labels(tx) == ["monthly", "compensation", "regular wage", "salary"])
            );
            assert!(salary.iter().all(|tx| {
                tx.party
                    .as_deref()
                    .unwrap()
                    .starts_with("ZAKŁADY MECHANICZNE JAWORZNO S.A.")
            }));
            assert!(
                txs(main)
                    .iter()
                    .filter(|tx| labels(tx).contains(&"salary"))
                    .count()
                    == 60
            );

            let rent = with_party(main, "Spółdzielnia Mieszkaniowa „Podłęże”");
            assert_eq!(rent.len(), 60);
            assert!(all_amounts(&rent, "-1180.00") && all_on_day(&rent, 12));
            assert!(
                rent.iter()
                    .all(|tx| tx.kind.as_deref() == Some("ZLECENIE STAŁE")
                        && labels(tx) == ["rent", "monthly"])
            );

            let loan = titled(main, "Rata kredytu nr 20-1020-2244-0187");
            assert_eq!(loan.len(), 36);
            assert!(all_amounts(&loan, "-842.17") && all_on_day(&loan, 15));
            assert!(loan.iter().all(|tx| labels(tx) == ["loan", "monthly"]));

            let out = titled(main, "Przelew własny - oszczędności");
            let savings = account(generated, "Konto oszczędnościowe");
            let into = titled(savings, "Przelew własny - oszczędności");
            assert_eq!((out.len(), into.len()), (60, 60));
            assert!(
                all_amounts(&out, "-500.00")
                    && all_amounts(&into, "500.00")
                    && all_on_day(&out, 11)
            );
            assert!(
                out.iter()
                    .zip(&into)
                    .all(|(a, b)| a.transaction_on == b.transaction_on && a.labels.is_none())
            );

            let verification = titled(main, "5QATW54J1O Oplata weryfikacyjna");
            assert_eq!(verification.len(), 3);
            assert!(all_amounts(&verification, "-0.01"));
            assert!(
                verification
                    .iter()
                    .all(|tx| labels(tx) == ["monthly", "verification"])
            );
        });
    }

    #[test]
    fn balance_stays_positive_and_the_last_day_has_a_pending_payment() {
        for_all("salaried", |generated, today| {
            for account in &generated.accounts {
                let minimum = end_of_day_balances(account)
                    .into_iter()
                    .map(|(_, b)| b)
                    .min()
                    .unwrap();
                assert!(
                    minimum > Decimal::ZERO,
                    "{:?} dips to {minimum}",
                    account.name
                );
            }
            let main = txs(account(generated, "Konto 0"));
            let pending: Vec<_> = main
                .iter()
                .filter(|tx| tx.status.as_deref() == Some(STATUS_PENDING))
                .collect();
            assert!(
                pending
                    .iter()
                    .any(|tx| tx.transaction_on == today && title(tx).starts_with("ZABKA"))
            );
            assert!(
                pending
                    .iter()
                    .all(|tx| (today - tx.transaction_on).num_days() <= 1)
            );
            assert!(
                main.iter()
                    .all(|tx| tx.transaction_on.year() >= today.year() - 5)
            );
        });
    }

    #[test]
    fn two_score_models() {
        let ScoreOutcome::Models(models) = persona("salaried", 1, today()).score else {
            panic!("models")
        };
        let ids: Vec<&str> = models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["common-2026-03-02", "custom-lender-2026-05"]);
        assert_eq!(models[0].score, Some(dec("0.8612")));
        assert_eq!(models[0].score_percentile, Some(dec("0.9104")));
        assert_eq!(models[0].score_tier.as_deref(), Some("A"));
        assert_eq!(models[1].score_tier.as_deref(), Some("B"));
    }
}
