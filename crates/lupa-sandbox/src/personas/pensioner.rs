//! `pensioner`: Halina Wróblewska at PKO BP: a ZUS old-age pension on a fixed day, indexed every
//! March, the thirteenth pension each April, a municipal housing benefit, and low, steady spending.

use chrono::{Datelike, Days, NaiveDate};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, account, days, nrb, owner, period, score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{NEIGHBOURHOOD, ORANGE, PGE, PHARMACY, Party, ZUS_PAYER};
use super::spending::{Bill, Habits, Pay, bills, purchases};
use super::style::PKO;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "pensioner";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["pensioner", "emeryt"],
    display_name: "Halina Wróblewska",
    summary: "Pensioner at PKO BP: ZUS pension on the 6th indexed every March, thirteenth pension, \
              a housing benefit, rent, pharmacy and small grocery payments.",
    facts: &[
        "Owner: Halina Wróblewska (OWNER, address ul. Żeromskiego 51/8, 26-600 Radom), sole owner of one account, PKO Konto dla Seniora (friendlyName Emerytura, PLN).",
        "Pension: 48 credits titled \"ŚWIADCZENIE EMERYTALNE …\" from ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH on the 6th of each month, label monthly, indexed every March: 2 468.55 PLN until February 2023, 2 833.90 from March 2023, 3 177.13 from March 2024, 3 351.87 from March 2025, 3 477.55 from March 2026.",
        "Thirteenth pension: one credit titled \"TRZYNASTE ŚWIADCZENIE EMERYTALNE …\" from ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH on 6 April of each year in the history: 1 217.98 PLN in 2023 and before, 1 489.48 in 2024, 1 586.96 in 2025, 1 657.33 from 2026; unlabelled.",
        "Benefit: 48 credits of 212.40 PLN titled \"DODATEK MIESZKANIOWY ZA MM/YYYY\" from Miejski Ośrodek Pomocy Społecznej w Radomiu on the 27th of each month, labels welfare, monthly.",
        "Rent: 48 standing orders of 612.30 PLN to Radomska Spółdzielnia Mieszkaniowa on the 10th of each month, labels rent, monthly.",
        "Cash: 48 ATM withdrawals of 600.00 PLN on the 6th of each month, right after the pension, label cash withdrawal.",
        "Spending: card payments only at neighbourhood shops and pharmacies (pharmacies mostly labelled healthcare), plus electricity, a landline and a monthly 50.00 PLN parish donation; no salary, no loans, no gambling, bailiff or debt collection; every end-of-day balance positive.",
        "Score: common-2026-03-02 score 0.8233, percentile 0.8650, tier A.",
    ],
    target: "PkoApi",
    institution: "Pko",
    official_name: "PKO BP",
    history: "48 months",
};

const MONTHS: u32 = 48;

const MOPS: Party = Party {
    text: "Miejski Ośrodek Pomocy Społecznej w Radomiu ul. Kelles-Krauza 16, 26-600 Radom",
    bank: "1020",
    branch: "423",
    account: "0000250201187654",
};
const COOPERATIVE: Party = Party {
    text: "Radomska Spółdzielnia Mieszkaniowa ul. Struga 30, 26-600 Radom",
    bank: "1240",
    branch: "323",
    account: "1111000041286630",
};
const PARISH: Party = Party {
    text: "Parafia Rzymskokatolicka pw. Św. Stanisława ul. Ks. Popiełuszki 1, 26-600 Radom",
    bank: "1020",
    branch: "423",
    account: "0000230200998811",
};

#[rustfmt::skip]
const BILLS: [Bill; 3] = [
    Bill { party: Some(&PGE), title: "Energia elektryczna, nr klienta 1200044711, okres", day: 19, every: 2, min: 9_000, max: 17_000, pay: Pay::Transfer, labels: &["utilities"] },
    Bill { party: Some(&ORANGE), title: "Telefon stacjonarny Orange, faktura", day: 21, every: 1, min: 5_500, max: 5_500, pay: Pay::DirectDebit, labels: &["monthly"] },
    Bill { party: Some(&PARISH), title: "Ofiara na cele kultu religijnego", day: 1, every: 1, min: 5_000, max: 5_000, pay: Pay::StandingOrder, labels: &[] },
];

/// The monthly pension paid on `day`, in grosze (indexed each March).
pub fn pension_minor(day: NaiveDate) -> i64 {
    let indexation_year = if day.month() >= 3 {
        day.year()
    } else {
        day.year() - 1
    };
    match indexation_year {
        ..=2022 => 246_855,
        2023 => 283_390,
        2024 => 317_713,
        2025 => 335_187,
        _ => 347_755,
    }
}

/// The thirteenth pension paid in April of `year`, in grosze.
pub fn thirteenth_minor(year: i32) -> i64 {
    match year {
        ..=2023 => 121_798,
        2024 => 148_948,
        2025 => 158_696,
        _ => 165_733,
    }
}

/// Halina Wróblewska's four years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let iban = nrb("1020", "267", "0000210203344556");
    let (zus, mops, cooperative) = (ZUS_PAYER.iban(), MOPS.iban(), COOPERATIVE.iban());
    let habits = Habits {
        style: &PKO,
        city: "RADOM",
        shops: &[&NEIGHBOURHOOD, &PHARMACY],
        per_day: 0.9,
        amount_pct: 100,
        reserve: 200_000,
    };

    let mut ledger = Ledger::with_capacity(420_000, today, 2_500);
    for day in days(start, today) {
        match day.day() {
            6 => {
                ledger.push(
                    Tx::new(
                        day,
                        pension_minor(day),
                        format!(
                            "ŚWIADCZENIE EMERYTALNE ZA {} NR ŚWIADCZENIA 0711 KZ 2233445",
                            period(day)
                        ),
                    )
                    .party(ZUS_PAYER.text)
                    .iban(&zus)
                    .kind(PKO.transfer_in)
                    .labels(&["monthly"]),
                );
                if day.month() == 4 {
                    ledger.push(
                        Tx::new(day, thirteenth_minor(day.year()), format!("TRZYNASTE ŚWIADCZENIE EMERYTALNE {} NR ŚWIADCZENIA 0711 KZ 2233445", day.year()))
                            .party(ZUS_PAYER.text)
                            .iban(&zus)
                            .kind(PKO.transfer_in),
                    );
                }
                ledger.push(
                    Tx::new(
                        day,
                        -60_000,
                        "WYPŁATA Z BANKOMATU PKO BP RADOM UL. ŻEROMSKIEGO 53",
                    )
                    .kind(PKO.atm)
                    .labels(&["cash withdrawal"])
                    .booked_after(1),
                );
            }
            10 => ledger.push(
                Tx::new(
                    day,
                    -61_230,
                    format!("Opłaty za lokal Żeromskiego 51/8 za {}", period(day)),
                )
                .party(COOPERATIVE.text)
                .iban(&cooperative)
                .kind(PKO.standing_order)
                .labels(&["rent", "monthly"]),
            ),
            27 => ledger.push(
                Tx::new(
                    day,
                    21_240,
                    format!("DODATEK MIESZKANIOWY ZA {}", period(day)),
                )
                .party(MOPS.text)
                .iban(&mops)
                .kind(PKO.transfer_in)
                .labels(&["welfare", "monthly"]),
            ),
            _ => {}
        }
        bills(ctx, &mut ledger, day, &PKO, &BILLS);
        purchases(ctx, &mut ledger, day, &habits);
    }

    let halina = owner(
        "Halina Wróblewska",
        Some("ul. Żeromskiego 51/8, 26-600 Radom"),
        "OWNER",
    );
    let accounts = vec![account(
        AccountSpec {
            name: "PKO Konto dla Seniora",
            friendly_name: Some("Emerytura"),
            iban: &iban,
            currency: "PLN",
            active_since: start - Days::new(3_000),
            direct_debit: true,
            overdraft_minor: 0,
            owners: vec![halina.clone()],
        },
        ledger.finish(),
    )];
    Generated {
        owners: vec![halina],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.8233", "0.8650", "A")]),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use rust_decimal::Decimal;

    use super::super::testkit::*;
    use super::{pension_minor, thirteenth_minor};

    #[test]
    fn pension_benefit_rent_and_cash() {
        for_all("pensioner", |generated, today| {
            let account = &generated.accounts[0];
            let pension = titled(account, "ŚWIADCZENIE EMERYTALNE");
            assert_eq!(pension.len(), 48);
            assert!(all_on_day(&pension, 6));
            assert!(
                pension
                    .iter()
                    .all(|tx| tx.currency_amount
                        == Decimal::new(pension_minor(tx.transaction_on), 2))
            );
            assert!(pension.iter().all(|tx| {
                labels(tx) == ["monthly"]
                    && tx
                        .party
                        .as_deref()
                        .unwrap()
                        .starts_with("ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH")
            }));

            let thirteenth = titled(account, "TRZYNASTE ŚWIADCZENIE EMERYTALNE");
            let aprils = (today.year() - 5..=today.year())
                .filter_map(|year| chrono::NaiveDate::from_ymd_opt(year, 4, 6))
                .filter(|day| *day <= today && *day >= super::super::common::months_back(today, 48))
                .count();
            assert_eq!(thirteenth.len(), aprils);
            assert!(thirteenth.iter().all(|tx| tx.transaction_on.month() == 4
                && tx.transaction_on.day() == 6
                && tx.labels.is_none()));
            assert!(thirteenth.iter().all(|tx| tx.currency_amount
                == Decimal::new(thirteenth_minor(tx.transaction_on.year()), 2)));

            let benefit = titled(account, "DODATEK MIESZKANIOWY ZA ");
            assert_eq!(benefit.len(), 48);
            assert!(all_amounts(&benefit, "212.40") && all_on_day(&benefit, 27));
            assert!(
                benefit
                    .iter()
                    .all(|tx| labels(tx) == ["welfare", "monthly"])
            );

            let rent = with_party(account, "Radomska Spółdzielnia Mieszkaniowa");
            assert_eq!(rent.len(), 48);
            assert!(all_amounts(&rent, "-612.30") && all_on_day(&rent, 10));

            let cash: Vec<_> = txs(account)
                .iter()
                .filter(|tx| labels(tx).contains(&"cash withdrawal"))
                .collect();
            assert_eq!(cash.len(), 48);
            assert!(all_amounts(&cash, "-600.00") && all_on_day(&cash, 6));

            assert!(
                txs(account)
                    .iter()
                    .all(|tx| !labels(tx).iter().any(|l| ["salary", "loan"].contains(l)))
            );
            assert!(
                end_of_day_balances(account)
                    .iter()
                    .all(|(_, b)| *b > Decimal::ZERO)
            );
        });
    }

    #[test]
    fn indexation_boundaries() {
        let day = |y, m| chrono::NaiveDate::from_ymd_opt(y, m, 6).unwrap();
        assert_eq!(pension_minor(day(2023, 2)), 246_855);
        assert_eq!(pension_minor(day(2023, 3)), 283_390);
        assert_eq!(pension_minor(day(2026, 11)), 347_755);
        assert_eq!(thirteenth_minor(2022), 121_798);
    }
}
