//! `large` (`100k`): Grażyna Pawlak's online herbal shop at Alior Bank: exactly 100 000
//! transactions over five years across a business, a split-payment VAT and a private account,
//! mostly single-order PayU payouts and small shipping and advertising costs. For performance tests.
//!
//! The exact total is planned: the fixed and private transactions are counted in a dry run with a
//! clone of the random stream, and the remainder is spread evenly over the days as shop filler
//! drawn from a separate stream, so the dry run and the real run make the same choices.

use chrono::{Datelike, Days};

use super::common::{
    AccountSpec, COMMON_MODEL, Ctx, Side, account, days, nrb, own_transfer, owner, period,
    previous_period, score_model,
};
use super::iban::polish_iban;
use super::ledger::{Ledger, Tx};
use super::merchants::{GROCERIES, LIFESTYLE, ORANGE, PAYU, PGNIG, Party, party};
use super::self_employed::zus_minor;
use super::spending::{Bill, Habits, Pay, atm, bills, purchases};
use super::style::GENERIC;
use super::{Generated, PersonaSpec, ScoreOutcome};

/// The persona id.
pub const ID: &str = "large";

/// The number of transactions the persona has, across its accounts.
pub const TOTAL: usize = 100_000;

/// The persona.
pub const SPEC: PersonaSpec = PersonaSpec {
    id: ID,
    logins: &["large", "100k"],
    display_name: "Grażyna Pawlak",
    summary: "Online herbal shop at Alior Bank: exactly 100 000 transactions in five years across \
              business, VAT and private accounts, mostly small PayU order payouts; for performance.",
    facts: &[
        "Owner: Grażyna Pawlak (OWNER, NIP 7792211834, address ul. Głogowska 148/2, 60-243 Poznań) on the import and on all three accounts: Konto Firmowe (friendlyName Sklep Ekozdrowie, PLN), Rachunek VAT (PLN) and Konto Osobiste (PLN).",
        "Size: exactly 100 000 transactions across the three accounts, over 60 months.",
        "Shop receipts: most transactions are credits of 19.99–249.00 PLN titled \"PayU wypłata zamówienia nr …\" from PayU S.A. into Konto Firmowe, label payment processor, on every day.",
        "Small costs: debits of 5.00–50.00 PLN to InPost, Facebook Ads, Poczta Polska and Allegro Ads from Konto Firmowe, unlabelled.",
        "Suppliers: 180 transfers titled \"Zapłata za FV …\" to HURTOWNIA ZIELARSKA FLOS SP. Z O.O., BIOVITA S.A. and PAKMAR OPAKOWANIA SP.J. on the 7th, 14th and 21st of each month, unlabelled.",
        "ZUS: 60 transfers on the 20th of each month from Konto Firmowe titled \"Składki ZUS za MM/YYYY\", same yearly amounts as self-employed, labels zus, tax; PIT: 60 transfers on the 20th titled \"/TI/N7792211834/OKR/…/SFP/PPE/…\", label tax.",
        "VAT: 60 own transfers from Konto Firmowe to Rachunek VAT on the 10th titled \"Przeksięgowanie na rachunek VAT …\" (mirrored the same day) and 60 VAT-7 payments from Rachunek VAT on the 25th, each leaving it at exactly 0.00 PLN; label tax on the payments.",
        "Owner's draw: 60 own transfers of 8 000.00 PLN titled \"Przelew własny - wypłata z firmy\" from Konto Firmowe to Konto Osobiste on the 2nd of each month, arriving the same day.",
        "Mortgage: 60 instalments of 3 850.00 PLN titled \"Rata kredytu hipotecznego nr 41/2020/H …\" to Alior Bank S.A. on the 5th of each month from Konto Osobiste, labels loan, monthly.",
        "Balance: no end-of-day balance of any account is below 0.00 PLN.",
        "Score: common-2026-03-02 score 0.6930, percentile 0.6420, tier C.",
    ],
    target: "AliorApi",
    institution: "Alior",
    official_name: "Alior Bank",
    history: "60 months",
};

const MONTHS: u32 = 60;
const NIP: &str = "7792211834";
const HOLDER: &str = "Grażyna Pawlak ul. Głogowska 148/2, 60-243 Poznań";
const FIRM: &str = "EKOZDROWIE GRAŻYNA PAWLAK ul. Głogowska 148/2, 60-243 Poznań";
#[rustfmt::skip]
const SUPPLIERS: [Party; 3] = [
    party("HURTOWNIA ZIELARSKA FLOS SP. Z O.O. ul. Mogileńska 42, 61-044 Poznań", "1090", "135", "0000000144827710"),
    party("BIOVITA S.A. ul. Przemysłowa 12, 62-080 Tarnowo Podgórne", "1240", "655", "1111000039915536"),
    party("PAKMAR OPAKOWANIA SP.J. ul. Składowa 4, 61-897 Poznań", "1020", "405", "0000920203340071"),
];
const ALLEGRO: Party = party(
    "Allegro.pl sp. z o.o. ul. Grunwaldzka 182, 60-166 Poznań",
    "1140",
    "101",
    "0000552410001101",
);
const ALIOR_LOAN: Party = party(
    "Alior Bank S.A. ul. Łopuszańska 38D, 02-232 Warszawa",
    "2490",
    "000",
    "5000400012345678",
);
const ZUS: &str = "ZAKŁAD UBEZPIECZEŃ SPOŁECZNYCH ul. Szamocka 3, 5, 01-748 Warszawa";
const TAX_OFFICE: &str = "Drugi Urząd Skarbowy Poznań-Wilda ul. Wierzbięcice 53, 61-569 Poznań";
#[rustfmt::skip]
const COSTS: [(&str, i64, i64); 4] = [
    ("InPost Sp. z o.o. nadanie paczki", 999, 2_499),
    ("FACEBK *ADS 8842 fb.me/ads IE", 1_000, 5_000),
    ("POCZTA POLSKA UP POZNAN 12", 500, 2_200),
    ("Allegro Ads kampania", 800, 3_000),
];
#[rustfmt::skip]
const BILLS: [Bill; 2] = [
    Bill { party: Some(&PGNIG), title: "Paliwo gazowe, nr klienta 9917733, okres", day: 24, every: 1, min: 8_000, max: 22_000, pay: Pay::DirectDebit, labels: &["utilities", "monthly"] },
    Bill { party: Some(&ORANGE), title: "Orange Światłowód, faktura", day: 12, every: 1, min: 6_999, max: 8_999, pay: Pay::DirectDebit, labels: &["monthly"] },
];

struct Books {
    business: Ledger,
    vat: Ledger,
    private: Ledger,
}

impl Books {
    fn len(&self) -> usize {
        self.business.len() + self.vat.len() + self.private.len()
    }
}

struct Ibans {
    business: String,
    vat: String,
    private: String,
    zus: String,
    tax: String,
    payu: String,
    allegro: String,
    mortgage: String,
    suppliers: Vec<String>,
}

/// One pass over five years; `filler` adds the planned number of shop transactions per day.
fn simulate(ctx: &mut Ctx, ibans: &Ibans, mut filler: Option<(&mut Ctx, &[usize])>) -> Books {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let capacity = if filler.is_some() { TOTAL } else { 0 };
    let mut books = Books {
        business: Ledger::with_capacity(6_000_000, today, capacity),
        vat: Ledger::new(341_200, today),
        private: Ledger::with_capacity(800_000, today, 4_000),
    };
    let habits = Habits {
        style: &GENERIC,
        city: "POZNAN",
        shops: &[&GROCERIES, &LIFESTYLE],
        per_day: 1.3,
        amount_pct: 100,
        reserve: 450_000,
    };
    let (mut receipts_this_month, mut receipts_last_month) = (0_i64, 15_000_000_i64);
    let mut order = 1_048_576_u32;
    for (index, day) in days(start, today).enumerate() {
        if day.day() == 1 {
            receipts_last_month = receipts_this_month.max(1_000_000);
            receipts_this_month = 0;
        }
        let share = |percent: i64| (receipts_last_month * percent / 100).max(10_000);
        let Books {
            business,
            vat,
            private,
        } = &mut books;
        match day.day() {
            1 => {
                business.push(
                    Tx::new(day, -3_900, "Opłata za prowadzenie rachunku firmowego")
                        .kind(GENERIC.fee)
                        .labels(&["fee"]),
                );
                private.push(
                    Tx::new(day, -700, "Opłata za kartę")
                        .kind(GENERIC.fee)
                        .labels(&["fee"]),
                );
            }
            2 => own_transfer(
                Side {
                    ledger: business,
                    iban: &ibans.business,
                    holder: FIRM,
                },
                Side {
                    ledger: private,
                    iban: &ibans.private,
                    holder: HOLDER,
                },
                day,
                0,
                800_000,
                "Przelew własny - wypłata z firmy",
                GENERIC.internal,
            ),
            3 => business.push(
                Tx::new(
                    day,
                    -share(4),
                    format!("Allegro prowizje i opłaty za {}", previous_period(day)),
                )
                .party(ALLEGRO.text)
                .iban(&ibans.allegro)
                .kind(GENERIC.direct_debit),
            ),
            5 => private.push(
                Tx::new(
                    day,
                    -385_000,
                    format!("Rata kredytu hipotecznego nr 41/2020/H {}", period(day)),
                )
                .party(ALIOR_LOAN.text)
                .iban(&ibans.mortgage)
                .kind(GENERIC.standing_order)
                .labels(&["loan", "monthly"]),
            ),
            7 | 14 | 21 => {
                let supplier = (day.day() / 7 - 1) as usize;
                let minor = share(25) * ctx.amount(90, 110) / 100;
                let number = ctx.int(100, 999);
                business.push(
                    Tx::new(
                        day,
                        -minor,
                        format!("Zapłata za FV {number}/{}", period(day)),
                    )
                    .party(SUPPLIERS[supplier].text)
                    .iban(&ibans.suppliers[supplier])
                    .kind(GENERIC.transfer_out),
                );
            }
            10 => own_transfer(
                Side {
                    ledger: business,
                    iban: &ibans.business,
                    holder: FIRM,
                },
                Side {
                    ledger: vat,
                    iban: &ibans.vat,
                    holder: FIRM,
                },
                day,
                0,
                share(5),
                &format!("Przeksięgowanie na rachunek VAT {}", previous_period(day)),
                GENERIC.internal,
            ),
            20 => {
                business.push(
                    Tx::new(
                        day,
                        -zus_minor(day.year()),
                        format!("Składki ZUS za {}", previous_period(day)),
                    )
                    .party(ZUS)
                    .iban(&ibans.zus)
                    .kind(GENERIC.zus)
                    .labels(&["zus", "tax"]),
                );
                let okres = previous_period(day);
                business.push(
                    Tx::new(
                        day,
                        -(share(3) / 100 * 100),
                        format!(
                            "/TI/N{NIP}/OKR/{}M{}/SFP/PPE/TXT/ryczałt",
                            &okres[5..],
                            &okres[..2]
                        ),
                    )
                    .party(TAX_OFFICE)
                    .iban(&ibans.tax)
                    .kind(GENERIC.tax)
                    .labels(&["tax"]),
                );
            }
            25 => {
                let okres = previous_period(day);
                let due = vat.balance();
                vat.push(
                    Tx::new(
                        day,
                        -due,
                        format!(
                            "/TI/N{NIP}/OKR/{}M{}/SFP/VAT7/TXT/VAT-7",
                            &okres[5..],
                            &okres[..2]
                        ),
                    )
                    .party(TAX_OFFICE)
                    .iban(&ibans.tax)
                    .kind(GENERIC.tax)
                    .labels(&["tax"]),
                );
            }
            _ => {}
        }
        bills(ctx, private, day, &GENERIC, &BILLS);
        purchases(ctx, private, day, &habits);
        atm(ctx, private, day, &habits, 0.04);
        if let Some((shop, plan)) = filler.as_mut() {
            for _ in 0..plan[index] {
                if shop.chance(0.8) {
                    let minor = shop.amount(1_999, 24_900);
                    order += 1;
                    receipts_this_month += minor;
                    business.push(
                        Tx::new(day, minor, format!("PayU wypłata zamówienia nr {order}"))
                            .party(PAYU.text)
                            .iban(&ibans.payu)
                            .kind(GENERIC.transfer_in)
                            .labels(&["payment processor"]),
                    );
                } else {
                    let (title, min, max) = *shop.pick(&COSTS);
                    let kind = if title.starts_with("FACEBK") {
                        GENERIC.card_foreign
                    } else {
                        GENERIC.blik
                    };
                    let delay = u8::from(kind == GENERIC.card_foreign) * 2;
                    business.push(
                        Tx::new(day, -shop.amount(min, max), title)
                            .kind(kind)
                            .booked_after(delay),
                    );
                }
            }
        }
    }
    books
}

/// Grażyna Pawlak's five busy years.
pub fn generate(ctx: &mut Ctx) -> Generated {
    let today = ctx.today;
    let start = ctx.months_back(MONTHS);
    let ibans = Ibans {
        business: nrb("2490", "000", "5000400031178843"),
        vat: nrb("2490", "000", "5000400031178907"),
        private: nrb("2490", "000", "5000400031179012"),
        zus: polish_iban("60000002", "0260779221183400"),
        tax: polish_iban("10100071", "2221072061507284"),
        payu: PAYU.iban(),
        allegro: ALLEGRO.iban(),
        mortgage: ALIOR_LOAN.iban(),
        suppliers: SUPPLIERS.iter().map(Party::iban).collect(),
    };
    let mut shop = ctx.fork(0x5E11_5E11);
    let fixed = simulate(&mut ctx.clone(), &ibans, None).len();
    let day_count = days(start, today).count();
    let remainder = TOTAL - fixed;
    let plan: Vec<usize> = (0..day_count)
        .map(|i| remainder * (i + 1) / day_count - remainder * i / day_count)
        .collect();
    let books = simulate(ctx, &ibans, Some((&mut shop, &plan)));
    debug_assert_eq!(books.len(), TOTAL);

    let mut grazyna = owner(
        "Grażyna Pawlak",
        Some("ul. Głogowska 148/2, 60-243 Poznań"),
        "OWNER",
    );
    grazyna.polish_nip = Some(NIP.to_owned());
    let opened = start - Days::new(365);
    let spec = |name, friendly_name, iban| AccountSpec {
        name,
        friendly_name,
        iban,
        currency: "PLN",
        active_since: opened,
        direct_debit: true,
        overdraft_minor: 0,
        owners: vec![grazyna.clone()],
    };
    let accounts = vec![
        account(
            spec("Konto Firmowe", Some("Sklep Ekozdrowie"), &ibans.business),
            books.business.finish(),
        ),
        account(spec("Rachunek VAT", None, &ibans.vat), books.vat.finish()),
        account(
            spec("Konto Osobiste", None, &ibans.private),
            books.private.finish(),
        ),
    ];
    Generated {
        owners: vec![grazyna],
        accounts,
        credit_cards: Vec::new(),
        score: ScoreOutcome::Models(vec![score_model(COMMON_MODEL, "0.6930", "0.6420", "C")]),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use rust_decimal::Decimal;

    use super::super::testkit::*;
    use super::TOTAL;

    #[test]
    fn exactly_one_hundred_thousand_transactions() {
        for seed in [0, 1, 2] {
            let started = Instant::now();
            let generated = persona("large", seed, today());
            let elapsed = started.elapsed();
            let total: usize = generated.accounts.iter().map(|a| txs(a).len()).sum();
            assert_eq!(total, TOTAL);
            assert!(elapsed.as_secs() < 20, "generation took {elapsed:?}");
            println!("large persona: {total} transactions in {elapsed:?}");
        }
        for day in awkward_days() {
            let generated = persona("large", 5, day);
            assert_eq!(
                generated
                    .accounts
                    .iter()
                    .map(|a| txs(a).len())
                    .sum::<usize>(),
                TOTAL,
                "ending {day}"
            );
        }
    }

    #[test]
    fn shop_vat_suppliers_and_draws() {
        let generated = persona("large", 4, today());
        let business = account(&generated, "Konto Firmowe");
        let vat = account(&generated, "Rachunek VAT");
        let private = account(&generated, "Konto Osobiste");
        let receipts = titled(business, "PayU wypłata zamówienia nr ");
        assert!(receipts.len() > TOTAL / 2);
        assert!(receipts.iter().all(|tx| tx.currency_amount >= dec("19.99")
            && tx.currency_amount <= dec("249.00")
            && labels(tx) == ["payment processor"]));
        assert_eq!(titled(business, "Zapłata za FV ").len(), 180);
        assert_eq!(titled(business, "Składki ZUS za ").len(), 60);
        assert_eq!(
            txs(business)
                .iter()
                .filter(|tx| title(tx).contains("/SFP/PPE/"))
                .count(),
            60
        );
        let to_vat = titled(vat, "Przeksięgowanie na rachunek VAT");
        let vat7: Vec<_> = txs(vat)
            .iter()
            .filter(|tx| title(tx).contains("/SFP/VAT7/"))
            .collect();
        assert_eq!((to_vat.len(), vat7.len()), (60, 60));
        assert!(
            vat7.iter()
                .all(|tx| tx.currency_balance == Some(Decimal::ZERO)
                    && tx.currency_amount < Decimal::ZERO)
        );
        let draws = titled(private, "Przelew własny - wypłata z firmy");
        assert_eq!(draws.len(), 60);
        assert!(all_amounts(&draws, "8000.00") && all_on_day(&draws, 2));
        let mortgage = titled(private, "Rata kredytu hipotecznego nr 41/2020/H");
        assert_eq!(mortgage.len(), 60);
        assert!(all_amounts(&mortgage, "-3850.00") && all_on_day(&mortgage, 5));
        for account in &generated.accounts {
            assert!(
                end_of_day_balances(account)
                    .iter()
                    .all(|(_, b)| *b >= Decimal::ZERO),
                "{:?}",
                account.name
            );
        }
    }
}
