//! `gambler`: Damian Kowalczyk at ING: a regular salary, then 14 months of betting and casino
//! deposits (card, BLIK, payment processors, transfers), occasional payouts, seven payday loans,
//! returned direct debits with fees, and an overdraft driven below zero before every payday.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, account, days, nrb, owner, period, score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{GROCERIES, LIFESTYLE, PAYU, PLAY, PRZELEWY24, Party, party};
use super::risky::{FILARUM, FORTUNA, KUKI, PROVIDENT, SMARTNEY, STS, TOTALIZATOR, VIVUS, WONGA};
use super::spending::{Habits, atm, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "gambler";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["gambler", "hazard"],
    display_name: "Damian Kowalczyk",
    summary: "Warehouse worker at ING: salary, 14 months of betting and casino deposits, payouts, \
              seven payday loans, returned direct debits with fees, overdraft before every payday.",
    facts: &[
        "Owner: Damian Kowalczyk (OWNER, address ul. Piotrkowska 210/14, 90-369 Łódź), sole owner of Konto Direct (friendlyName Moje konto, PLN) with an overdraft limit of 3 000.00 PLN (funds available = balance + 3 000.00).",
        "Salary: 36 credits of 4 850.00 PLN titled \"Wynagrodzenie za MM/YYYY\" from MAGAZYNY CENTRALNE LOGISTYKA SP. Z O.O. on the 28th of each month, labels monthly, compensation, regular wage, salary.",
        "Rent: 36 standing orders of 1 300.00 PLN titled \"Najem pokoju …\" to Marek Sadowski on the 1st of each month, labels rent, monthly.",
        "Gambling: stakes to STS (card), Fortuna (BLIK), Betclic (Przelewy24), Superbet (PayU) and Total Casino (transfer to Totalizator Sportowy) in each of the last 14 calendar months (at least one on the 1st of each) and never before; each 20.00–400.00 PLN except an all-in Total Casino deposit on the 26th of each of those months; unlabelled.",
        "Payouts: occasional credits titled \"Wypłata wygranej …\" from STS S.A. or Fortuna, only in the 14 gambling months, unlabelled.",
        "Payday loans: 7 disbursements titled \"Wypłata pożyczki …\" totalling 15 300.00 PLN (Vivus 1 000.00 330 days and 1 000.00 40 days before the last day, Wonga 2 000.00 at 270, Filarum 3 000.00 at 200, Kuki 800.00 at 150, Smartney 5 000.00 at 95, Provident 2 500.00 at 60) and 22 repayments titled \"Spłata …\" totalling 12 151.50 PLN; unlabelled.",
        "Returned payments: 4 direct debits of 59.99 PLN to P4 (Play) returned the same day (\"ZWROT POLECENIA ZAPŁATY – BRAK ŚRODKÓW\", +59.99), each followed by a 10.00 PLN fee (\"OPŁATA ZA ODMOWĘ REALIZACJI POLECENIA ZAPŁATY\"); unlabelled.",
        "Overdraft: the end-of-day balance is below zero on the 26th of each of the 14 gambling months the history reaches, and never below -3 000.00 PLN.",
        "Score: common-2026-03-02 score 0.2814, percentile 0.0912, tier E.",
    ],
    target: "IngApi",
    institution: "Ing",
    official_name: "ING Bank Śląski",
    history: "36 months",
};

const MONTHS: u32 = 36;
const GAMBLING_MONTHS: u32 = 14;
const LIMIT: i64 = 300_000;
const PLAY_DD: i64 = 5_999;
const RETURNED: [usize; 4] = [1, 3, 6, 9];

const EMPLOYER: Party = party(
    "MAGAZYNY CENTRALNE LOGISTYKA SP. Z O.O. ul. Rokicińska 164, 92-412 Łódź",
    "1050",
    "146",
    "1000009024518832",
);
const LANDLORD: Party = party(
    "Marek Sadowski ul. Gdańska 91/3, 90-508 Łódź",
    "1140",
    "200",
    "0000386512004417",
);

/// `(lender, days before the last day, amount in grosze)`: positive disbursements, negative repayments.
#[rustfmt::skip]
const LOANS: [(&Party, u64, i64, &str); 29] = [
    (&VIVUS, 330, 100_000, "V/2025/118273"),
    (&VIVUS, 300, -100_000, "V/2025/118273"),
    (&WONGA, 270, 200_000, "WNG-7731902"),
    (&WONGA, 240, -119_000, "WNG-7731902 rata 1/2"),
    (&WONGA, 210, -119_000, "WNG-7731902 rata 2/2"),
    (&FILARUM, 200, 300_000, "FIL/55120/2025"),
    (&FILARUM, 170, -61_240, "FIL/55120/2025 rata 1/6"),
    (&FILARUM, 140, -61_240, "FIL/55120/2025 rata 2/6"),
    (&FILARUM, 110, -61_240, "FIL/55120/2025 rata 3/6"),
    (&FILARUM, 80, -61_240, "FIL/55120/2025 rata 4/6"),
    (&FILARUM, 50, -61_240, "FIL/55120/2025 rata 5/6"),
    (&FILARUM, 20, -61_240, "FIL/55120/2025 rata 6/6"),
    (&KUKI, 150, 80_000, "KUKI 2025/09/4412"),
    (&KUKI, 120, -96_800, "KUKI 2025/09/4412"),
    (&SMARTNEY, 95, 500_000, "SMT/000981234"),
    (&SMARTNEY, 65, -49_870, "SMT/000981234 rata 1"),
    (&SMARTNEY, 35, -49_870, "SMT/000981234 rata 2"),
    (&SMARTNEY, 5, -49_870, "SMT/000981234 rata 3"),
    (&PROVIDENT, 60, 250_000, "PRV 55/8812"),
    (&PROVIDENT, 53, -18_750, "PRV 55/8812 tydz. 1"),
    (&PROVIDENT, 46, -18_750, "PRV 55/8812 tydz. 2"),
    (&PROVIDENT, 39, -18_750, "PRV 55/8812 tydz. 3"),
    (&PROVIDENT, 32, -18_750, "PRV 55/8812 tydz. 4"),
    (&PROVIDENT, 25, -18_750, "PRV 55/8812 tydz. 5"),
    (&PROVIDENT, 18, -18_750, "PRV 55/8812 tydz. 6"),
    (&PROVIDENT, 11, -18_750, "PRV 55/8812 tydz. 7"),
    (&PROVIDENT, 4, -18_750, "PRV 55/8812 tydz. 8"),
    (&VIVUS, 40, 100_000, "V/2026/201977"),
    (&VIVUS, 10, -113_300, "V/2026/201977"),
];

/// A stake at one of the five operators.
fn stake(ctx: &mut Ctx, day: NaiveDate, minor: i64, operator: u32) -> Tx {
    let reference = ctx.int(100_000, 999_999);
    match operator {
        0 => Tx::new(day, -minor, "STS.PL ZAKLADY BUKMACHERSKIE KATOWICE")
            .kind(GENERIC.card)
            .booked_after(1),
        1 => Tx::new(
            day,
            -minor,
            format!("eFortuna.pl wpłata BLIK nr ref. {reference}"),
        )
        .kind(GENERIC.blik),
        2 => Tx::new(
            day,
            -minor,
            format!("Przelewy24 Betclic wpłata {reference}"),
        )
        .party(PRZELEWY24.text)
        .iban(&PRZELEWY24.iban())
        .kind(GENERIC.pay_by_link),
        3 => Tx::new(day, -minor, format!("PayU Superbet depozyt {reference}"))
            .party(PAYU.text)
            .iban(&PAYU.iban())
            .kind(GENERIC.pay_by_link),
        _ => total_casino(day, minor, reference),
    }
}

fn total_casino(day: NaiveDate, minor: i64, reference: u32) -> Tx {
    Tx::new(
        day,
        -minor,
        format!("Total Casino wpłata na konto gracza {reference}"),
    )
    .party(TOTALIZATOR.text)
    .iban(&TOTALIZATOR.iban())
    .kind(GENERIC.transfer_out)
}

/// Damian Kowalczyk's three years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let gambling_start = today.with_day(1).expect("first") - Months::new(GAMBLING_MONTHS - 1);
    let iban = nrb("1050", "146", "1000009077315294");
    let (employer, landlord, play) = (EMPLOYER.iban(), LANDLORD.iban(), PLAY.iban());

    let play_days: Vec<NaiveDate> = days(start, today).filter(|day| day.day() == 14).collect();
    let returned: Vec<NaiveDate> = RETURNED
        .iter()
        .filter_map(|index| play_days.iter().rev().nth(*index).copied())
        .collect();
    // Outflows that happen whatever the balance.
    let mut forced: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for day in days(start, today + Days::new(31)) {
        let due = match day.day() {
            1 => 130_000,
            14 => PLAY_DD + if returned.contains(&day) { 1_000 } else { 0 },
            _ => 0,
        };
        *forced.entry(day).or_default() += due;
    }
    for (_, days_ago, minor, _) in LOANS.iter().filter(|loan| loan.2 < 0) {
        *forced.entry(ctx.days_ago(*days_ago)).or_default() -= minor;
    }
    let reserve = |day: NaiveDate| -> i64 {
        forced
            .range(day + Days::new(1)..=day + Days::new(31))
            .map(|(_, v)| v)
            .sum()
    };

    let mut ledger = Ledger::with_capacity(180_000, today, 3_500);
    for day in days(start, today) {
        if day.day() == 28 {
            ledger.push(
                Tx::new(day, 485_000, format!("Wynagrodzenie za {}", period(day)))
                    .party(EMPLOYER.text)
                    .iban(&employer)
                    .kind(GENERIC.transfer_in)
                    .labels(&["monthly", "compensation", "regular wage", "salary"]),
            );
        }
        if day.day() == 1 {
            ledger.push(
                Tx::new(
                    day,
                    -130_000,
                    format!("Najem pokoju ul. Gdańska 91 za {}", period(day)),
                )
                .party(LANDLORD.text)
                .iban(&landlord)
                .kind(GENERIC.standing_order)
                .labels(&["rent", "monthly"]),
            );
        }
        for (lender, days_ago, minor, reference) in LOANS {
            if ctx.days_ago(days_ago) == day && day >= start {
                let title = if minor > 0 {
                    format!("Wypłata pożyczki {reference}")
                } else {
                    format!("Spłata {reference}")
                };
                let kind = if minor > 0 {
                    GENERIC.transfer_in
                } else {
                    GENERIC.transfer_out
                };
                ledger.push(
                    Tx::new(day, minor, title)
                        .party(lender.text)
                        .iban(&lender.iban())
                        .kind(kind),
                );
            }
        }
        if day.day() == 14 {
            let title = format!("Play abonament nr konta 3301882 faktura {}", period(day));
            ledger.push(
                Tx::new(day, -PLAY_DD, title)
                    .party(PLAY.text)
                    .iban(&play)
                    .kind(GENERIC.direct_debit),
            );
            if returned.contains(&day) {
                ledger.push(
                    Tx::new(day, PLAY_DD, "ZWROT POLECENIA ZAPŁATY – BRAK ŚRODKÓW")
                        .party(PLAY.text)
                        .iban(&play)
                        .kind(GENERIC.direct_debit),
                );
                ledger.push(
                    Tx::new(day, -1_000, "OPŁATA ZA ODMOWĘ REALIZACJI POLECENIA ZAPŁATY")
                        .kind(GENERIC.fee),
                );
            }
        }
        // Stakes may use the overdraft as long as the next 31 days' fixed outflows still fit in it.
        let floor = reserve(day) - LIMIT + 100_000;
        let habits = Habits {
            style: &GENERIC,
            city: "LODZ",
            shops: &[&GROCERIES, &LIFESTYLE],
            per_day: 1.2,
            amount_pct: 80,
            reserve: floor,
        };
        purchases(ctx, &mut ledger, day, &habits);
        atm(ctx, &mut ledger, day, &habits, 0.06);
        if day >= gambling_start {
            if day.day() == 1 {
                let minor = ctx.amount(2, 5) * 1_000;
                let operator = ctx.int(0, 4);
                ledger.push(stake(ctx, day, minor, operator));
            }
            for _ in 0..ctx.int(0, 2) {
                let minor = ctx.amount(2, 40) * 1_000;
                let operator = ctx.int(0, 4);
                if ledger.balance() - minor >= floor {
                    ledger.push(stake(ctx, day, minor, operator));
                }
            }
            if !matches!(day.day(), 26 | 27) && ctx.chance(0.04) {
                let (operator, title) = if ctx.chance(0.6) {
                    (&STS, "Wypłata wygranej STS nr kuponu")
                } else {
                    (&FORTUNA, "Wypłata wygranej Fortuna nr kuponu")
                };
                let minor = ctx.amount(15, 250) * 1_000;
                let title = format!("{title} {}", ctx.int(1_000_000, 9_999_999));
                ledger.push(
                    Tx::new(day, minor, title)
                        .party(operator.text)
                        .iban(&operator.iban())
                        .kind(GENERIC.transfer_in),
                );
            }
            if day.day() == 26 {
                let until_payday: i64 = forced
                    .range(day + Days::new(1)..=day + Days::new(2))
                    .map(|(_, v)| v)
                    .sum();
                let dip = ctx.amount(200, 1_200) * 100;
                let dip = dip.min(LIMIT - until_payday - 10_000);
                let minor = (ledger.balance() + dip).max(5_000);
                let reference = ctx.int(100_000, 999_999);
                ledger.push(total_casino(day, minor, reference));
            }
        }
    }

    let damian = owner(
        "Damian Kowalczyk",
        Some("ul. Piotrkowska 210/14, 90-369 Łódź"),
        "OWNER",
    );
    let accounts = vec![account(
        AccountSpec {
            name: "Konto Direct",
            friendly_name: Some("Moje konto"),
            iban: &iban,
            currency: "PLN",
            active_since: start - Days::new(500),
            direct_debit: true,
            overdraft_minor: LIMIT,
            owners: vec![damian.clone()],
        },
        ledger.finish(),
    )];
    Generated {
        owners: vec![damian],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.2814", "0.0912", "E")]),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use chrono::{Datelike, Months};
    use rust_decimal::Decimal;

    use super::super::testkit::*;
    use super::GAMBLING_MONTHS;

    const OPERATORS: [&str; 5] = [
        "STS.PL",
        "eFortuna.pl",
        "Przelewy24 Betclic",
        "PayU Superbet",
        "Total Casino",
    ];

    #[test]
    fn salary_rent_gambling_and_payouts() {
        for_all("gambler", |generated, today| {
            let account = &generated.accounts[0];
            assert_eq!(
                account.currency_funds_available.unwrap() - account.currency_balance.unwrap(),
                dec("3000.00")
            );
            let salary = titled(account, "Wynagrodzenie za ");
            assert_eq!(salary.len(), 36);
            assert!(all_amounts(&salary, "4850.00") && all_on_day(&salary, 28));
            let rent = titled(account, "Najem pokoju");
            assert_eq!(rent.len(), 36);
            assert!(all_amounts(&rent, "-1300.00") && all_on_day(&rent, 1));

            let first_gambling = today.with_day(1).unwrap() - Months::new(GAMBLING_MONTHS - 1);
            let stakes: Vec<_> = txs(account)
                .iter()
                .filter(|tx| OPERATORS.iter().any(|op| title(tx).starts_with(op)))
                .collect();
            assert!(stakes.iter().all(|tx| tx.transaction_on >= first_gambling
                && tx.labels.is_none()
                && tx.currency_amount < Decimal::ZERO));
            let months: BTreeSet<(i32, u32)> = stakes
                .iter()
                .map(|tx| (tx.transaction_on.year(), tx.transaction_on.month()))
                .collect();
            assert_eq!(months.len(), 14, "stakes in each of 14 months");
            for tx in &stakes {
                let all_in = tx.transaction_on.day() == 26 && title(tx).starts_with("Total Casino");
                assert!(
                    all_in
                        || (tx.currency_amount >= dec("-400.00")
                            && tx.currency_amount <= dec("-20.00")),
                    "{tx:?}"
                );
            }
            for op in OPERATORS {
                assert!(
                    stakes.iter().any(|tx| title(tx).starts_with(op)),
                    "{op} used"
                );
            }
            let payouts = titled(account, "Wypłata wygranej");
            assert!(
                payouts
                    .iter()
                    .all(|tx| tx.transaction_on >= first_gambling && tx.labels.is_none())
            );
        });
    }

    #[test]
    fn payday_loans_returned_debits_and_overdraft() {
        for_all("gambler", |generated, today| {
            let account = &generated.accounts[0];
            let disbursed = titled(account, "Wypłata pożyczki");
            let repaid = titled(account, "Spłata ");
            assert_eq!((disbursed.len(), repaid.len()), (7, 22));
            let sum = |list: &[&lupa_kontomatik::model::MoneyTransaction]| {
                list.iter().map(|tx| tx.currency_amount).sum::<Decimal>()
            };
            assert_eq!(sum(&disbursed), dec("15300.00"));
            assert_eq!(sum(&repaid), dec("-12151.50"));
            assert!(
                disbursed
                    .iter()
                    .chain(&repaid)
                    .all(|tx| tx.labels.is_none())
            );
            let lenders: BTreeSet<&str> = disbursed
                .iter()
                .map(|tx| tx.party.as_deref().unwrap().split(' ').next().unwrap())
                .collect();
            assert_eq!(lenders.len(), 6, "{lenders:?}");
            assert_eq!(
                (today - disbursed.last().unwrap().transaction_on).num_days(),
                330
            );

            let returned = titled(account, "ZWROT POLECENIA ZAPŁATY – BRAK ŚRODKÓW");
            let fees = titled(account, "OPŁATA ZA ODMOWĘ REALIZACJI POLECENIA ZAPŁATY");
            assert_eq!((returned.len(), fees.len()), (4, 4));
            assert!(all_amounts(&returned, "59.99") && all_amounts(&fees, "-10.00"));
            assert!(
                returned
                    .iter()
                    .zip(&fees)
                    .all(|(r, f)| r.transaction_on == f.transaction_on && f.labels.is_none())
            );

            let first_gambling = today.with_day(1).unwrap() - Months::new(GAMBLING_MONTHS - 1);
            let balances = end_of_day_balances(account);
            let on_26th: Vec<_> = balances
                .iter()
                .filter(|(day, _)| day.day() == 26 && *day >= first_gambling)
                .collect();
            let expected = (0..GAMBLING_MONTHS)
                .filter(|m| first_gambling + Months::new(*m) + chrono::Days::new(25) <= today)
                .count();
            assert_eq!(on_26th.len(), expected);
            assert!(
                on_26th.iter().all(|(_, b)| *b < Decimal::ZERO),
                "{on_26th:?}"
            );
            let all_in = txs(account).iter().filter(|tx| {
                tx.transaction_on.day() == 26
                    && title(tx).starts_with("Total Casino")
                    && tx.transaction_on >= first_gambling
            });
            let all_in_days: BTreeSet<_> = all_in.map(|tx| tx.transaction_on).collect();
            assert_eq!(
                all_in_days.len(),
                expected,
                "an all-in deposit on every 26th"
            );
            assert!(negative_days(account, today) >= expected);
            assert!(
                txs(account)
                    .iter()
                    .all(|tx| tx.currency_balance.unwrap() >= dec("-3000.00"))
            );
        });
    }
}
