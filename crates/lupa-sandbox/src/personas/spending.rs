//! Everyday money movements shared by the personas: shop payments, bills, transfers to and from
//! friends, ATM withdrawals. Amounts are random; discretionary spending never takes the balance
//! below the persona's reserve, so facts about balances hold for every seed.

use chrono::{Datelike, NaiveDate};

use super::common::{Ctx, period};
use super::ledger::{Ledger, Tx};
use super::merchants::{Channel, PEOPLE, Party, Shop};
use super::style::BankStyle;

/// How a persona shops.
pub struct Habits<'a> {
    /// The bank's transaction type texts.
    pub style: &'static BankStyle,
    /// The city in card descriptors, upper case.
    pub city: &'static str,
    /// The shops the persona uses.
    pub shops: &'a [&'static [Shop]],
    /// Average number of shop payments a day.
    pub per_day: f64,
    /// Amount scale in percent of the shops' ranges.
    pub amount_pct: i64,
    /// Discretionary payments never take the balance below this (minor units).
    pub reserve: i64,
}

impl Habits<'_> {
    fn total_weight(&self) -> u32 {
        self.shops
            .iter()
            .flat_map(|group| group.iter())
            .map(|shop| shop.weight)
            .sum()
    }

    fn shop(&self, mut ticket: u32) -> &'static Shop {
        for shop in self.shops.iter().flat_map(|group| group.iter()) {
            if ticket < shop.weight {
                return shop;
            }
            ticket -= shop.weight;
        }
        unreachable!("ticket below the total weight")
    }
}

/// The day's shop payments.
pub fn purchases(ctx: &mut Ctx, ledger: &mut Ledger, day: NaiveDate, habits: &Habits<'_>) {
    let whole = habits.per_day.floor();
    let count = whole as u32 + u32::from(ctx.chance(habits.per_day - whole));
    let total = habits.total_weight();
    for _ in 0..count {
        let shop = habits.shop(ctx.int(0, total - 1));
        let minor = ctx.amount(shop.min, shop.max) * habits.amount_pct / 100;
        if ledger.balance() - minor < habits.reserve {
            continue;
        }
        let reference = ctx.int(10_000, 99_999);
        ledger.push(shop_payment(
            day,
            minor,
            shop,
            habits,
            reference,
            ctx.chance(0.3),
        ));
    }
}

/// One payment at `shop` of `minor` units; `late` books a card payment two days later instead of one.
pub fn shop_payment(
    day: NaiveDate,
    minor: i64,
    shop: &Shop,
    habits: &Habits<'_>,
    reference: u32,
    late: bool,
) -> Tx {
    let descriptor = shop.descriptor.replace("{city}", habits.city);
    let tx = match shop.channel {
        Channel::Card => Tx::new(day, -minor, descriptor)
            .kind(habits.style.card)
            .booked_after(if late { 2 } else { 1 }),
        Channel::CardUntyped => Tx::new(day, -minor, "Płatność kartą")
            .party(descriptor)
            .booked_after(1),
        Channel::Blik => Tx::new(
            day,
            -minor,
            format!("{descriptor} BLIK nr ref. {reference}"),
        )
        .kind(habits.style.blik),
        Channel::PayByLink(processor) => Tx::new(
            day,
            -minor,
            format!("{descriptor} {reference}-{}", day.ordinal()),
        )
        .party(processor.text)
        .iban(&processor.iban())
        .kind(habits.style.pay_by_link),
    };
    tx.labels(shop.labels)
}

/// How a bill is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pay {
    /// Direct debit collected by the creditor.
    DirectDebit,
    /// Standing order set up by the applicant.
    StandingOrder,
    /// Ordinary transfer.
    Transfer,
    /// Recurring card payment (subscriptions): the title is the descriptor, booked a day later.
    Card,
}

/// A recurring bill.
pub struct Bill {
    /// The creditor; `None` for card subscriptions.
    pub party: Option<&'static Party>,
    /// The title; for transfers the period `MM/YYYY` is appended.
    pub title: &'static str,
    /// Day of the month.
    pub day: u32,
    /// Every how many months (1 = monthly); due in months divisible by it.
    pub every: u32,
    /// Smallest amount in minor units.
    pub min: i64,
    /// Largest amount in minor units.
    pub max: i64,
    /// How it is paid.
    pub pay: Pay,
    /// Kontomatik labels.
    pub labels: &'static [&'static str],
}

/// Pays the bills due on `day`.
pub fn bills(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    day: NaiveDate,
    style: &BankStyle,
    bills: &[Bill],
) {
    for bill in bills {
        if day.day() != bill.day || !day.month().is_multiple_of(bill.every) {
            continue;
        }
        let minor = ctx.amount(bill.min, bill.max);
        let tx = match bill.pay {
            Pay::Card => Tx::new(day, -minor, bill.title)
                .kind(style.card)
                .booked_after(1),
            pay => {
                let kind = match pay {
                    Pay::DirectDebit => style.direct_debit,
                    Pay::StandingOrder => style.standing_order,
                    _ => style.transfer_out,
                };
                let mut tx =
                    Tx::new(day, -minor, format!("{} {}", bill.title, period(day))).kind(kind);
                if let Some(party) = bill.party {
                    tx = tx.party(party.text).iban(&party.iban());
                }
                tx
            }
        };
        ledger.push(tx.labels(bill.labels));
    }
}

const P2P_OUT: [&str; 6] = [
    "Zwrot za Sylwestra",
    "Za obiad",
    "Na prezent dla Ani",
    "Bilety do kina",
    "Zrzutka na urodziny",
    "Za zakupy",
];
const P2P_IN: [&str; 4] = [
    "Zwrot za zakupy",
    "Oddaję za bilety",
    "Za paliwo",
    "Zwrot pożyczki",
];

/// Occasional transfers to and from friends and family: never labelled, as in the capture.
pub fn friends(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    day: NaiveDate,
    style: &BankStyle,
    chance: f64,
    reserve: i64,
) {
    if ctx.chance(chance) {
        let person = *ctx.pick(&PEOPLE);
        let minor = ctx.amount(2, 30) * 1_000;
        let title = *ctx.pick(&P2P_OUT);
        if ledger.balance() - minor >= reserve {
            ledger.push(
                Tx::new(day, -minor, title)
                    .party(person.text)
                    .iban(&person.iban())
                    .kind(style.transfer_out)
                    .booked_after(1),
            );
        }
    }
    if ctx.chance(chance / 3.0) {
        let person = *ctx.pick(&PEOPLE);
        let minor = ctx.amount(1, 25) * 1_000;
        let title = *ctx.pick(&P2P_IN);
        ledger.push(
            Tx::new(day, minor, title)
                .party(person.text)
                .iban(&person.iban())
                .kind(style.transfer_in),
        );
    }
}

/// An occasional ATM withdrawal of a round amount, labelled `cash withdrawal` (BLIK ones also
/// `payment processor`, as in the capture).
pub fn atm(ctx: &mut Ctx, ledger: &mut Ledger, day: NaiveDate, habits: &Habits<'_>, chance: f64) {
    if !ctx.chance(chance) {
        return;
    }
    let minor = ctx.amount(1, 8) * 5_000;
    if ledger.balance() - minor < habits.reserve {
        return;
    }
    let tx = if ctx.chance(0.4) {
        Tx::new(day, -minor, "BLIK WYPŁATA ATM KRAJOWY")
            .labels(&["payment processor", "cash withdrawal"])
    } else {
        Tx::new(
            day,
            -minor,
            format!(
                "WYPŁATA Z BANKOMATU EURONET 1{} {}",
                ctx.int(100, 999),
                habits.city
            ),
        )
        .labels(&["cash withdrawal"])
    };
    ledger.push(tx.kind(habits.style.atm).booked_after(1));
}
