//! `multi-currency` (`fx`): Tomasz Kamiński at Millennium, paid in EUR by a German employer:
//! PLN, EUR and USD accounts, a monthly EUR→PLN exchange between his own accounts, freelance USD
//! income exchanged quarterly, rent and everyday spending in PLN, some card payments abroad.

use chrono::{Datelike, Days, NaiveDate};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, account, days, nrb, owner, period, score_model,
};
use super::iban;
use super::ledger::{Ledger, Tx};
use super::merchants::{GROCERIES, LIFESTYLE, ORANGE, Party, party};
use super::spending::{Bill, Habits, Pay, atm, bills, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "multi-currency";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["multi-currency", "fx"],
    display_name: "Tomasz Kamiński",
    summary: "Remote worker at Millennium paid in EUR by a German employer: PLN, EUR and USD \
              accounts, monthly EUR→PLN exchanges, freelance USD income, card payments abroad.",
    facts: &[
        "Owner: Tomasz Kamiński (OWNER, address ul. Świdnicka 8/15, 50-068 Wrocław), sole owner of three accounts: Millennium 360° (friendlyName Konto PLN, PLN), Konto walutowe EUR (EUR) and Konto walutowe USD (USD).",
        "EUR salary: 36 credits of 3 900.00 EUR titled \"Gehalt MM/YYYY Tomasz Kaminski\" from Müller Logistik GmbH (IBAN DE09200400000612345678) on the 25th of each month into Konto walutowe EUR, labels monthly, compensation, regular wage, salary; no PLN salary.",
        "EUR→PLN exchanges: 36 debits of 3 000.00 EUR titled \"Wymiana walut EUR/PLN kurs R\" on the 26th of each month from Konto walutowe EUR, each matched by a credit of 3 000.00 × R PLN (R between 4.2000 and 4.4000, written with a decimal comma) on Millennium 360° the same or the next day; unlabelled.",
        "USD: freelance credits of 400.00–1 500.00 USD titled \"Upwork Escrow Inc. payment …\" into Konto walutowe USD, and on the 5th of January, April, July and October everything above 300.00 USD (if any) exchanged to PLN on Millennium 360° (\"Wymiana walut USD/PLN kurs R\", R between 3.7000 and 4.1000).",
        "Rent: 36 standing orders of 3 200.00 PLN titled \"Czynsz najmu ul. Świdnicka 8/15 …\" to Joanna Wilczek on the 1st of each month, labels rent, monthly.",
        "Investments: 36 standing orders of 4 000.00 PLN titled \"Zakup jednostek Millennium Obligacji Skarbowych, zlecenie MM/YYYY\" to Millennium TFI S.A. on the 28th of each month from Millennium 360°; unlabelled.",
        "Balance: every end-of-day balance of the three accounts is positive.",
        "Score: common-2026-03-02 score 0.7420, percentile 0.7015, tier B.",
    ],
    target: "MillenniumApi",
    institution: "Millennium",
    official_name: "Millennium",
    history: "36 months",
};

const MONTHS: u32 = 36;
const HOLDER: &str = "Tomasz Kamiński ul. Świdnicka 8/15, 50-068 Wrocław";
const EMPLOYER_TEXT: &str = "Müller Logistik GmbH Hafenstraße 12, 20457 Hamburg, DE";
const LANDLORD: Party = party(
    "Joanna Wilczek ul. Oławska 2/9, 50-123 Wrocław",
    "1090",
    "241",
    "0000000130571886",
);
const FUND: Party = party(
    "Millennium TFI S.A. ul. Stanisława Żaryna 2b, 02-593 Warszawa",
    "1160",
    "220",
    "0000000109876543",
);
const UPWORK: &str = "Upwork Escrow Inc. 530 Lytton Ave, Palo Alto, CA 94301, US";

#[rustfmt::skip]
const BILLS: [Bill; 2] = [
    Bill { party: Some(&ORANGE), title: "Orange Światłowód 1 Gb/s, faktura", day: 12, every: 1, min: 7_999, max: 9_999, pay: Pay::DirectDebit, labels: &["monthly"] },
    Bill { party: None, title: "NETFLIX.COM AMSTERDAM", day: 3, every: 1, min: 6_000, max: 6_000, pay: Pay::Card, labels: &["leisure", "monthly"] },
];

#[rustfmt::skip]
const ABROAD_EUR: [(&str, i64, i64); 4] = [
    ("LIDL DIENSTLEISTUNG BERLIN DE", 1_200, 9_500),
    ("BOOKING.COM AMSTERDAM NL", 8_000, 45_000),
    ("DB VERTRIEB GMBH FRANKFURT DE", 2_990, 12_990),
    ("RYANAIR DUBLIN IE", 2_999, 19_999),
];
#[rustfmt::skip]
const ABROAD_USD: [(&str, i64, i64); 3] = [
    ("STEAM PURCHASE BELLEVUE US", 499, 5_999),
    ("AMAZON.COM SEATTLE US", 1_299, 8_999),
    ("GITHUB, INC. SAN FRANCISCO US", 400, 2_100),
];

/// An exchange rate in ten-thousandths, written the Polish way (`4,3125`).
fn rate_text(rate: i64) -> String {
    format!("{},{:04}", rate / 10_000, rate % 10_000)
}

/// Tomasz Kamiński's three years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let pln_iban = nrb("1160", "220", "0000000504412871");
    let eur_iban = nrb("1160", "220", "0000000504412898");
    let usd_iban = nrb("1160", "220", "0000000504412905");
    let employer = iban::iban("DE", "200400000612345678");
    let (landlord, fund) = (LANDLORD.iban(), FUND.iban());
    let habits = Habits {
        style: &GENERIC,
        city: "WROCLAW",
        shops: &[&GROCERIES, &LIFESTYLE],
        per_day: 1.5,
        amount_pct: 110,
        reserve: 450_000,
    };

    let mut pln = Ledger::with_capacity(900_000, today, 3_500);
    let mut eur = Ledger::with_capacity(250_000, today, 500);
    let mut usd = Ledger::with_capacity(60_000, today, 300);
    for day in days(start, today) {
        pln.begin_day(day);
        match day.day() {
            1 => pln.push(
                Tx::new(
                    day,
                    -320_000,
                    format!("Czynsz najmu ul. Świdnicka 8/15 za {}", period(day)),
                )
                .party(LANDLORD.text)
                .iban(&landlord)
                .kind(GENERIC.standing_order)
                .labels(&["rent", "monthly"]),
            ),
            5 if day.month() % 3 == 1 => {
                let rate = ctx.amount(37_000, 41_000);
                let usd_out = usd.balance() - 30_000;
                if usd_out > 0 {
                    exchange(Exchange {
                        day,
                        lag: 0,
                        foreign: &mut usd,
                        pln: &mut pln,
                        minor: usd_out,
                        rate,
                        pair: "USD/PLN",
                        holder: HOLDER,
                        foreign_iban: &usd_iban,
                        pln_iban: &pln_iban,
                    });
                }
            }
            28 => pln.push(
                Tx::new(
                    day,
                    -400_000,
                    format!(
                        "Zakup jednostek Millennium Obligacji Skarbowych, zlecenie {}",
                        period(day)
                    ),
                )
                .party(FUND.text)
                .iban(&fund)
                .kind(GENERIC.standing_order),
            ),
            25 => eur.push(
                Tx::new(
                    day,
                    390_000,
                    format!("Gehalt {} Tomasz Kaminski", period(day)),
                )
                .party(EMPLOYER_TEXT)
                .iban(&employer)
                .kind(GENERIC.transfer_in)
                .labels(&["monthly", "compensation", "regular wage", "salary"]),
            ),
            26 => {
                let rate = ctx.amount(42_000, 44_000);
                let lag = u64::from(ctx.chance(0.5));
                exchange(Exchange {
                    day,
                    lag,
                    foreign: &mut eur,
                    pln: &mut pln,
                    minor: 300_000,
                    rate,
                    pair: "EUR/PLN",
                    holder: HOLDER,
                    foreign_iban: &eur_iban,
                    pln_iban: &pln_iban,
                });
            }
            _ => {}
        }
        if ctx.chance(0.033) {
            let minor = ctx.amount(400, 1_500) * 100;
            let reference = ctx.int(10_000_000, 99_999_999);
            usd.push(
                Tx::new(
                    day,
                    minor,
                    format!("Upwork Escrow Inc. payment {reference}"),
                )
                .party(UPWORK)
                .kind(GENERIC.transfer_in),
            );
        }
        for (foreign, list, chance, reserve) in [
            (&mut eur, &ABROAD_EUR[..], 0.05, 50_000),
            (&mut usd, &ABROAD_USD[..], 0.04, 5_000),
        ] {
            if ctx.chance(chance) {
                let (descriptor, min, max) = *ctx.pick(list);
                let minor = ctx.amount(min, max);
                if foreign.balance() - minor >= reserve {
                    let labels: &'static [&'static str] = if descriptor.starts_with("STEAM") {
                        &["leisure"]
                    } else {
                        &[]
                    };
                    foreign.push(
                        Tx::new(day, -minor, descriptor)
                            .kind(GENERIC.card_foreign)
                            .labels(labels)
                            .booked_after(2),
                    );
                }
            }
        }
        bills(ctx, &mut pln, day, &GENERIC, &BILLS);
        purchases(ctx, &mut pln, day, &habits);
        atm(ctx, &mut pln, day, &habits, 0.03);
    }

    let tomasz = owner(
        "Tomasz Kamiński",
        Some("ul. Świdnicka 8/15, 50-068 Wrocław"),
        "OWNER",
    );
    let opened = start - Days::new(250);
    let spec = |name, friendly_name, iban, currency| AccountSpec {
        name,
        friendly_name,
        iban,
        currency,
        active_since: opened,
        direct_debit: currency == "PLN",
        overdraft_minor: 0,
        owners: vec![tomasz.clone()],
    };
    let accounts = vec![
        account(
            spec("Millennium 360°", Some("Konto PLN"), &pln_iban, "PLN"),
            pln.finish(),
        ),
        account(
            spec("Konto walutowe EUR", None, &eur_iban, "EUR"),
            eur.finish(),
        ),
        account(
            spec("Konto walutowe USD", None, &usd_iban, "USD"),
            usd.finish(),
        ),
    ];
    Generated {
        owners: vec![tomasz],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.7420", "0.7015", "B")]),
    }
}

struct Exchange<'a> {
    day: NaiveDate,
    lag: u64,
    foreign: &'a mut Ledger,
    pln: &'a mut Ledger,
    minor: i64,
    rate: i64,
    pair: &'static str,
    holder: &'a str,
    foreign_iban: &'a str,
    pln_iban: &'a str,
}

/// Sells `minor` of a foreign currency for PLN at `rate`/10 000; PLN arrives `lag` days later.
fn exchange(deal: Exchange<'_>) {
    let title = format!("Wymiana walut {} kurs {}", deal.pair, rate_text(deal.rate));
    let pln_minor = (deal.minor * deal.rate + 5_000) / 10_000;
    deal.foreign.push(
        Tx::new(deal.day, -deal.minor, title.clone())
            .party(deal.holder.to_owned())
            .iban(deal.pln_iban)
            .kind(GENERIC.fx),
    );
    let credit = Tx::new(deal.day, pln_minor, title)
        .party(deal.holder.to_owned())
        .iban(deal.foreign_iban)
        .kind(GENERIC.fx);
    let arrival = deal.day + Days::new(deal.lag);
    if deal.lag == 0 || arrival > deal.pln.today() {
        deal.pln.push(credit);
    } else {
        deal.pln.defer(credit.on_day(arrival));
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use rust_decimal::Decimal;

    use super::super::testkit::*;

    fn rate_of(title: &str) -> Decimal {
        dec(&title.rsplit(' ').next().unwrap().replace(',', "."))
    }

    #[test]
    fn currencies_salary_and_exchanges() {
        for_all("multi-currency", |generated, _| {
            let currencies: Vec<&str> = generated
                .accounts
                .iter()
                .map(|a| a.currency_name.as_deref().unwrap())
                .collect();
            assert_eq!(currencies, ["PLN", "EUR", "USD"]);
            let pln = account(generated, "Millennium 360°");
            let eur = account(generated, "Konto walutowe EUR");
            let usd = account(generated, "Konto walutowe USD");

            let salary = titled(eur, "Gehalt ");
            assert_eq!(salary.len(), 36);
            assert!(all_amounts(&salary, "3900.00") && all_on_day(&salary, 25));
            assert!(
                salary
                    .iter()
                    .all(|tx| tx.party_iban.as_deref() == Some("DE09200400000612345678"))
            );
            assert!(txs(pln).iter().all(|tx| !labels(tx).contains(&"salary")));

            let sold = titled(eur, "Wymiana walut EUR/PLN kurs ");
            let bought = titled(pln, "Wymiana walut EUR/PLN kurs ");
            assert_eq!((sold.len(), bought.len()), (36, 36));
            assert!(all_amounts(&sold, "-3000.00") && all_on_day(&sold, 26));
            for (out, into) in sold.iter().zip(&bought) {
                let rate = rate_of(title(out));
                assert!(rate >= dec("4.2000") && rate <= dec("4.4000"));
                assert_eq!(title(out), title(into));
                assert_eq!(into.currency_amount, (dec("3000.00") * rate).round_dp(2));
                assert!(
                    (into.transaction_on - out.transaction_on).num_days() <= 1
                        && into.transaction_on >= out.transaction_on
                );
            }

            let upwork = titled(usd, "Upwork Escrow Inc. payment");
            assert!(
                upwork.iter().all(|tx| tx.currency_amount >= dec("400.00")
                    && tx.currency_amount <= dec("1500.00"))
            );
            let usd_sold = titled(usd, "Wymiana walut USD/PLN kurs ");
            assert!(
                usd_sold
                    .iter()
                    .all(|tx| tx.transaction_on.day() == 5 && tx.transaction_on.month() % 3 == 1)
            );
            assert!(
                usd_sold
                    .iter()
                    .all(|tx| tx.currency_balance == Some(dec("300.00")))
            );

            let fund = titled(pln, "Zakup jednostek Millennium Obligacji Skarbowych");
            assert_eq!(fund.len(), 36);
            assert!(
                all_amounts(&fund, "-4000.00")
                    && all_on_day(&fund, 28)
                    && fund.iter().all(|tx| tx.labels.is_none())
            );
            let rent = titled(pln, "Czynsz najmu");
            assert_eq!(rent.len(), 36);
            assert!(all_amounts(&rent, "-3200.00") && all_on_day(&rent, 1));
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
