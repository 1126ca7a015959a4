//! `self-employed` (`jdg`): Krzysztof Zieliński, a sole trader (IT services, lump-sum tax) at mBank
//! with a business and a private account: invoice receipts from several clients, private ZUS
//! contributions, PIT and VAT to the tax micro-account, a monthly owner's draw and a mortgage.

use chrono::{Datelike, Days, NaiveDate};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, Side, account, days, nrb, own_transfer, previous_period,
    score_model,
};
use super::ledger::{Ledger, Tx};
use super::merchants::{Channel, ENEA, FUEL, GROCERIES, LIFESTYLE, PGNIG, PLAY, Party, Shop, shop};
use super::spending::{Bill, Habits, Pay, atm, bills, friends, purchases};
use super::style::MBANK;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "self-employed";

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["self-employed", "jdg"],
    display_name: "Krzysztof Zieliński",
    summary: "Sole trader at mBank: irregular invoice receipts, private ZUS, PIT and VAT to the tax \
              micro-account, business and private accounts with an owner's draw, a mortgage.",
    facts: &[
        "Owner: Krzysztof Zieliński (OWNER, NIP 6762471839, address ul. Zabłocie 12/4, 30-701 Kraków) on the import and on both accounts.",
        "Accounts: mBiznes konto (friendlyName Firma, PLN) and eKonto osobiste (no friendlyName, PLN).",
        "Invoices: 2–4 invoices a month to 4 clients (SOFTPOL SP. Z O.O., NORDIC DATA SYSTEMS SP. Z O.O., APTEKI SŁONECZNE S.A., BIURO PROJEKTOWE ARKADA JAN MAZUR), each 8 000.00–24 600.00 PLN gross, paid into mBiznes konto 7–30 days after issue, titled \"Zapłata za FV/YYYY/MM/NNN\"; irregular monthly totals; unlabelled; no salary anywhere.",
        "ZUS: 48 transfers from mBiznes konto on the 20th of each month to the individual ZUS account PL83600000020260676247183900, titled \"Składki ZUS za MM/YYYY\" (previous month), 1 766.90 PLN in 2022 and before, 2 011.47 in 2023, 2 263.03 in 2024, 2 605.45 in 2025, 2 872.12 from 2026, labels zus, tax.",
        "Taxes: 48 PIT-28 (lump sum, 12 % of the previous month's net invoiced) on the 20th and 48 VAT-7 on the 25th of each month to the tax micro-account PL64101000712221085042312345, whole złoty, titled \"/TI/N6762471839/OKR/…\", label tax.",
        "Owner's draw: 48 own transfers of 8 000.00 PLN from mBiznes konto to eKonto osobiste on the 2nd of each month, arriving the same day (PRZELEW WEWNĘTRZNY), unlabelled.",
        "Surplus: on the last day of any month on which mBiznes konto holds more than 60 000.00 PLN, the excess above 40 000.00 PLN goes to eKonto osobiste titled \"Przelew własny - nadwyżka\" (same day, PRZELEW WEWNĘTRZNY), leaving exactly 40 000.00 PLN; on the 1st of any month on which eKonto osobiste holds more than 30 000.00 PLN, the excess above 15 000.00 PLN goes to the brokerage account at mBank S.A. eMakler titled \"Przelew na rachunek maklerski\", leaving exactly 15 000.00 PLN; unlabelled.",
        "Mortgage: 48 instalments of 3 214.55 PLN titled \"Spłata raty kredytu hipotecznego …\" to mBank S.A. on the 5th of each month from eKonto osobiste, labels loan, monthly.",
        "Accounting office: 48 payments of 430.50 PLN to Biuro Rachunkowe BILANS s.c. on the 12th of each month from mBiznes konto.",
        "Balance: every end-of-day balance of both accounts is positive; no gambling, payday lenders, bailiff or debt collection.",
        "Score: common-2026-03-02 score 0.7741, percentile 0.7310, tier B.",
    ],
    target: "MBankApi",
    institution: "MBank",
    official_name: "mBank",
    history: "48 months",
};

const MONTHS: u32 = 48;
const NIP: &str = "6762471839";
const HOLDER: &str = "Krzysztof Zieliński ul. Zabłocie 12/4, 30-701 Kraków";
const ZUS_IBAN: &str = "PL83600000020260676247183900";
const TAX_IBAN: &str = "PL64101000712221085042312345";

#[rustfmt::skip]
const CLIENTS: [Party; 4] = [
    Party { text: "SOFTPOL SP. Z O.O. ul. Zabłocie 43, 30-701 Kraków", bank: "1050", branch: "151", account: "1000009032174410" },
    Party { text: "NORDIC DATA SYSTEMS SP. Z O.O. ul. Prosta 68, 00-838 Warszawa", bank: "1140", branch: "101", account: "0000471120001001" },
    Party { text: "APTEKI SŁONECZNE S.A. ul. Wielicka 28, 30-552 Kraków", bank: "1240", branch: "472", account: "1111000049961202" },
    Party { text: "BIURO PROJEKTOWE ARKADA JAN MAZUR ul. Długa 12, 31-147 Kraków", bank: "1020", branch: "290", account: "0000620203118877" },
];
const ZUS: &str = "ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH ul. Szamocka 3, 5, 01-748 Warszawa";
const TAX_OFFICE: &str = "Urząd Skarbowy Kraków-Podgórze ul. Wadowicka 10, 30-415 Kraków";
const ACCOUNTANT: Party = Party {
    text: "Biuro Rachunkowe BILANS s.c. ul. Kalwaryjska 9, 30-504 Kraków",
    bank: "1090",
    branch: "202",
    account: "0000000147213319",
};
const MBANK_LOAN: Party = Party {
    text: "mBank S.A. ul. Prosta 18, 00-850 Warszawa",
    bank: "1140",
    branch: "000",
    account: "0000100200300400",
};

const BROKER: Party = Party {
    text: "mBank S.A. eMakler rachunek maklerski ul. Prosta 18, 00-850 Warszawa",
    bank: "1140",
    branch: "200",
    account: "0000190233445566",
};

#[rustfmt::skip]
const BUSINESS_SHOPS: [Shop; 3] = [
    shop("OVH SP. Z O.O. WROCLAW", Channel::Card, &[], 4_900, 36_900, 2),
    shop("x-kom.pl zamówienie", Channel::Blik, &[], 7_900, 249_900, 1),
    shop("KSIEGARNIA PWN {city}", Channel::Card, &["press"], 3_900, 15_900, 1),
];
#[rustfmt::skip]
const PRIVATE_BILLS: [Bill; 3] = [
    Bill { party: Some(&ENEA), title: "Energia elektryczna, umowa 55/2019/ENE, okres", day: 16, every: 2, min: 16_000, max: 38_000, pay: Pay::DirectDebit, labels: &["utilities"] },
    Bill { party: Some(&PGNIG), title: "Paliwo gazowe, nr klienta 5590217, okres", day: 24, every: 1, min: 7_000, max: 26_000, pay: Pay::DirectDebit, labels: &["utilities", "monthly"] },
    Bill { party: Some(&PLAY), title: "Play abonament, faktura", day: 14, every: 1, min: 5_999, max: 7_999, pay: Pay::DirectDebit, labels: &["monthly"] },
];

/// The monthly ZUS transfer in a given year, in grosze.
pub fn zus_minor(year: i32) -> i64 {
    match year {
        ..=2022 => 176_690,
        2023 => 201_147,
        2024 => 226_303,
        2025 => 260_545,
        _ => 287_212,
    }
}

struct Invoice {
    number: String,
    client: &'static Party,
    gross: i64,
    paid_on: NaiveDate,
}

/// Invoices issued from the month before `start` to `today`, and the net amount invoiced per month.
fn invoices(ctx: &mut Ctx, start: NaiveDate) -> (Vec<Invoice>, Vec<(i32, u32, i64)>) {
    let mut issued = Vec::new();
    let mut net_per_month = Vec::new();
    let mut month = start.with_day(1).expect("first") - Days::new(1);
    month = month.with_day(1).expect("first");
    while month <= ctx.today {
        let mut net = 0;
        for number in 1..=ctx.int(2, 4) {
            let issue = month + Days::new(u64::from(ctx.int(0, 24)));
            let gross = ctx.amount(8_000, 24_600) * 100;
            net += gross * 100 / 123;
            let client = ctx.pick(&CLIENTS);
            let paid_on = issue + Days::new(u64::from(ctx.int(7, 30)));
            let number = format!("FV/{}/{:02}/{number:03}", month.year(), month.month());
            issued.push(Invoice {
                number,
                client,
                gross,
                paid_on,
            });
        }
        net_per_month.push((month.year(), month.month(), net));
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("in range");
    }
    issued.sort_by_key(|invoice| invoice.paid_on);
    (issued, net_per_month)
}

fn whole_zloty(minor: i64) -> i64 {
    (minor + 50) / 100 * 100
}

/// Krzysztof Zieliński's four years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let business_iban = nrb("1140", "200", "0000320247195533");
    let private_iban = nrb("1140", "200", "0000350247195540");
    let (accountant, mortgage_iban, broker) = (ACCOUNTANT.iban(), MBANK_LOAN.iban(), BROKER.iban());
    let (invoices, net_per_month) = invoices(ctx, start);
    let mut due = invoices
        .iter()
        .filter(|invoice| invoice.paid_on >= start)
        .peekable();
    let business_habits = Habits {
        style: &MBANK,
        city: "KRAKOW",
        shops: &[&BUSINESS_SHOPS, &FUEL],
        per_day: 0.25,
        amount_pct: 100,
        reserve: 1_500_000,
    };
    let private_habits = Habits {
        style: &MBANK,
        city: "KRAKOW",
        shops: &[&GROCERIES, &LIFESTYLE],
        per_day: 1.4,
        amount_pct: 110,
        reserve: 450_000,
    };

    let mut business = Ledger::with_capacity(3_000_000, today, 2_000);
    let mut private = Ledger::with_capacity(600_000, today, 4_000);
    for day in days(start, today) {
        business.begin_day(day);
        private.begin_day(day);
        while let Some(invoice) = due.next_if(|invoice| invoice.paid_on <= day) {
            business.push(
                Tx::new(
                    invoice.paid_on.max(day),
                    invoice.gross,
                    format!("Zapłata za {}", invoice.number),
                )
                .party(invoice.client.text)
                .iban(&invoice.client.iban())
                .kind(MBANK.transfer_in),
            );
        }
        let previous_net = || {
            let previous = day.with_day(1).expect("first") - Days::new(1);
            net_per_month
                .iter()
                .find(|(year, month, _)| *year == previous.year() && *month == previous.month())
                .map_or(0, |(_, _, net)| *net)
        };
        let okres = {
            let previous = day.with_day(1).expect("first") - Days::new(1);
            format!("{:02}M{:02}", previous.year() % 100, previous.month())
        };
        match day.day() {
            2 => own_transfer(
                Side {
                    ledger: &mut business,
                    iban: &business_iban,
                    holder: HOLDER,
                },
                Side {
                    ledger: &mut private,
                    iban: &private_iban,
                    holder: HOLDER,
                },
                day,
                0,
                800_000,
                "Przelew własny - wypłata z firmy",
                MBANK.internal,
            ),
            5 => private.push(
                Tx::new(
                    day,
                    -321_455,
                    format!(
                        "Spłata raty kredytu hipotecznego 08/2019/MH {}",
                        previous_period(day)
                    ),
                )
                .party(MBANK_LOAN.text)
                .iban(&mortgage_iban)
                .kind(MBANK.standing_order)
                .labels(&["loan", "monthly"]),
            ),
            12 => business.push(
                Tx::new(
                    day,
                    -43_050,
                    format!("Usługi księgowe FV {}", previous_period(day)),
                )
                .party(ACCOUNTANT.text)
                .iban(&accountant)
                .kind(MBANK.transfer_out),
            ),
            20 => {
                business.push(
                    Tx::new(
                        day,
                        -zus_minor(day.year()),
                        format!("Składki ZUS za {}", previous_period(day)),
                    )
                    .party(ZUS)
                    .iban(ZUS_IBAN)
                    .kind(MBANK.zus)
                    .labels(&["zus", "tax"]),
                );
                let pit = whole_zloty(previous_net() * 12 / 100);
                business.push(
                    Tx::new(
                        day,
                        -pit,
                        format!("/TI/N{NIP}/OKR/{okres}/SFP/PIT28/TXT/ryczałt"),
                    )
                    .party(TAX_OFFICE)
                    .iban(TAX_IBAN)
                    .kind(MBANK.tax)
                    .labels(&["tax"]),
                );
            }
            25 => {
                let vat = whole_zloty(previous_net() * 23 / 100 * 85 / 100);
                business.push(
                    Tx::new(
                        day,
                        -vat,
                        format!("/TI/N{NIP}/OKR/{okres}/SFP/VAT7/TXT/VAT-7"),
                    )
                    .party(TAX_OFFICE)
                    .iban(TAX_IBAN)
                    .kind(MBANK.tax)
                    .labels(&["tax"]),
                );
            }
            _ => {}
        }
        purchases(ctx, &mut business, day, &business_habits);
        bills(ctx, &mut private, day, &MBANK, &PRIVATE_BILLS);
        purchases(ctx, &mut private, day, &private_habits);
        friends(ctx, &mut private, day, &MBANK, 0.03, private_habits.reserve);
        atm(ctx, &mut private, day, &private_habits, 0.03);
        if day.day() == 1 && private.balance() > 3_000_000 {
            let excess = private.balance() - 1_500_000;
            private.push(
                Tx::new(day, -excess, "Przelew na rachunek maklerski")
                    .party(BROKER.text)
                    .iban(&broker)
                    .kind(MBANK.internal),
            );
        }
        if (day + Days::new(1)).day() == 1 && business.balance() > 6_000_000 {
            let excess = business.balance() - 4_000_000;
            own_transfer(
                Side {
                    ledger: &mut business,
                    iban: &business_iban,
                    holder: HOLDER,
                },
                Side {
                    ledger: &mut private,
                    iban: &private_iban,
                    holder: HOLDER,
                },
                day,
                0,
                excess,
                "Przelew własny - nadwyżka",
                MBANK.internal,
            );
        }
    }

    let mut krzysztof = super::common::owner(
        "Krzysztof Zieliński",
        Some("ul. Zabłocie 12/4, 30-701 Kraków"),
        "OWNER",
    );
    krzysztof.polish_nip = Some(NIP.to_owned());
    let opened = start - Days::new(400);
    let spec = |name, friendly_name, iban| AccountSpec {
        name,
        friendly_name,
        iban,
        currency: "PLN",
        active_since: opened,
        direct_debit: true,
        overdraft_minor: 0,
        owners: vec![krzysztof.clone()],
    };
    let accounts = vec![
        account(
            spec("mBiznes konto", Some("Firma"), &business_iban),
            business.finish(),
        ),
        account(
            spec("eKonto osobiste", None, &private_iban),
            private.finish(),
        ),
    ];
    Generated {
        owners: vec![krzysztof],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.7741", "0.7310", "B")]),
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use rust_decimal::Decimal;

    use super::super::iban::polish_iban;
    use super::super::testkit::*;
    use super::{SPEC, TAX_IBAN, ZUS_IBAN, zus_minor};

    #[test]
    fn fact_ibans_are_the_real_ones() {
        assert_eq!(polish_iban("60000002", "0260676247183900"), ZUS_IBAN);
        assert_eq!(polish_iban("10100071", "2221085042312345"), TAX_IBAN);
        assert!(SPEC.facts.iter().any(|fact| fact.contains(ZUS_IBAN)));
        assert!(SPEC.facts.iter().any(|fact| fact.contains(TAX_IBAN)));
    }

    #[test]
    fn invoices_zus_taxes_draw_mortgage_and_accountant() {
        for_all("self-employed", |generated, _| {
            let business = account(generated, "mBiznes konto");
            let private = account(generated, "eKonto osobiste");
            let invoices = titled(business, "Zapłata za FV/");
            assert!(
                invoices
                    .iter()
                    .all(|tx| tx.currency_amount >= dec("8000.00")
                        && tx.currency_amount <= dec("24600.00")
                        && tx.labels.is_none())
            );
            let clients: std::collections::BTreeSet<&str> = invoices
                .iter()
                .map(|tx| tx.party.as_deref().unwrap())
                .collect();
            assert_eq!(clients.len(), 4, "four clients pay");
            assert!(
                generated
                    .accounts
                    .iter()
                    .flat_map(txs)
                    .all(|tx| !labels(tx).contains(&"salary"))
            );

            let zus = titled(business, "Składki ZUS za ");
            assert_eq!(zus.len(), 48);
            assert!(all_on_day(&zus, 20));
            assert!(zus.iter().all(
                |tx| tx.party_iban.as_deref() == Some(ZUS_IBAN) && labels(tx) == ["zus", "tax"]
            ));
            assert!(
                zus.iter().all(|tx| tx.currency_amount
                    == -Decimal::new(zus_minor(tx.transaction_on.year()), 2))
            );

            let pit: Vec<_> = txs(business)
                .iter()
                .filter(|tx| title(tx).contains("/SFP/PIT28/"))
                .collect();
            let vat: Vec<_> = txs(business)
                .iter()
                .filter(|tx| title(tx).contains("/SFP/VAT7/"))
                .collect();
            assert_eq!((pit.len(), vat.len()), (48, 48));
            assert!(all_on_day(&pit, 20) && all_on_day(&vat, 25));
            assert!(
                pit.iter()
                    .chain(&vat)
                    .all(|tx| tx.party_iban.as_deref() == Some(TAX_IBAN)
                        && labels(tx) == ["tax"]
                        && tx.currency_amount.fract().is_zero()
                        && tx.currency_amount < Decimal::ZERO)
            );

            let draw_out = titled(business, "Przelew własny - wypłata z firmy");
            let draw_in = titled(private, "Przelew własny - wypłata z firmy");
            assert_eq!((draw_out.len(), draw_in.len()), (48, 48));
            assert!(
                all_amounts(&draw_out, "-8000.00")
                    && all_amounts(&draw_in, "8000.00")
                    && all_on_day(&draw_in, 2)
            );

            let surplus_out = titled(business, "Przelew własny - nadwyżka");
            let surplus_in = titled(private, "Przelew własny - nadwyżka");
            assert_eq!(surplus_out.len(), surplus_in.len());
            assert!(
                surplus_out
                    .iter()
                    .all(|tx| tx.currency_balance == Some(dec("40000.00")))
            );
            assert!(
                surplus_out
                    .iter()
                    .all(|tx| (tx.transaction_on + chrono::Days::new(1)).day() == 1)
            );
            let invested = titled(private, "Przelew na rachunek maklerski");
            assert!(
                invested
                    .iter()
                    .all(|tx| tx.currency_balance == Some(dec("15000.00"))
                        && tx.transaction_on.day() == 1)
            );

            let mortgage = titled(private, "Spłata raty kredytu hipotecznego");
            assert_eq!(mortgage.len(), 48);
            assert!(all_amounts(&mortgage, "-3214.55") && all_on_day(&mortgage, 5));
            assert!(mortgage.iter().all(|tx| labels(tx) == ["loan", "monthly"]));

            let accountant = with_party(business, "Biuro Rachunkowe BILANS s.c.");
            assert_eq!(accountant.len(), 48);
            assert!(all_amounts(&accountant, "-430.50") && all_on_day(&accountant, 12));

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

    #[test]
    fn invoice_counts_per_issue_month_are_two_to_four() {
        let generated = persona("self-employed", 3, today());
        let mut per_month = std::collections::BTreeMap::new();
        for tx in titled(account(&generated, "mBiznes konto"), "Zapłata za FV/") {
            let number = &title(tx)["Zapłata za FV/".len()..];
            *per_month.entry(number[..7].to_owned()).or_insert(0) += 1;
        }
        let inner: Vec<i32> = per_month.values().copied().skip(2).collect();
        assert!(
            inner[..inner.len() - 2].iter().all(|n| (2..=4).contains(n)),
            "{per_month:?}"
        );
    }
}
