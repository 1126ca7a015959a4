//! Building blocks shared by the personas: the seeded random source, calendar arithmetic, and
//! constructors for owners, accounts, own transfers and score models.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use lupa_kontomatik::model::{Account, Owner, ScoreModel};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

use super::iban;
use super::ledger::{Booked, Ledger, Tx};

/// The generation context: the seeded random source and the history's last day.
#[derive(Clone)]
pub struct Ctx {
    rng: ChaCha8Rng,
    /// The last day of the history (the sandbox clock's date).
    pub today: NaiveDate,
}

impl Ctx {
    /// A context for one persona: the seed is mixed with a stable hash of the persona id so
    /// personas sharing a seed still differ.
    pub fn new(persona_id: &str, seed: u64, today: NaiveDate) -> Self {
        Ctx {
            rng: ChaCha8Rng::seed_from_u64(seed ^ fnv1a(persona_id)),
            today,
        }
    }

    /// An independent stream derived from this one, for choices that must not shift the main
    /// stream (e.g. filler transactions whose number is planned separately).
    pub fn fork(&mut self, salt: u64) -> Ctx {
        let seed: u64 = self.rng.random();
        Ctx {
            rng: ChaCha8Rng::seed_from_u64(seed ^ salt),
            today: self.today,
        }
    }

    /// A uniformly random amount in `min..=max` minor units.
    pub fn amount(&mut self, min: i64, max: i64) -> i64 {
        self.rng.random_range(min..=max)
    }

    /// A random whole number in `min..=max`.
    pub fn int(&mut self, min: u32, max: u32) -> u32 {
        self.rng.random_range(min..=max)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    /// One item of a non-empty slice, uniformly.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }

    /// The first day of a history of `months` calendar months ending on `today`.
    pub fn months_back(&self, months: u32) -> NaiveDate {
        months_back(self.today, months)
    }

    /// `today` minus `days`.
    pub fn days_ago(&self, days: u64) -> NaiveDate {
        self.today - Days::new(days)
    }
}

/// FNV-1a, 64 bit: a hash that never changes between Rust versions or platforms.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The day after `today` minus `months`: the window `(today − months, today]` holds each day of
/// the month (1–28) exactly `months` times.
pub fn months_back(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .expect("date in range")
        + Days::new(1)
}

/// Every day from `start` to `end`, both included.
pub fn days(start: NaiveDate, end: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    start.iter_days().take_while(move |day| *day <= end)
}

/// `MM/YYYY` of a date, as Polish titles write periods.
pub fn period(day: NaiveDate) -> String {
    format!("{:02}/{}", day.month(), day.year())
}

/// `MM/YYYY` of the month before `day`'s month.
pub fn previous_period(day: NaiveDate) -> String {
    period(day.with_day(1).expect("first of month") - Days::new(1))
}

/// A Polish IBAN from a 4-digit bank id, 3-digit branch and 16-digit account number; the sort
/// code's check digit and the IBAN check digits are computed.
pub fn nrb(bank4: &str, branch3: &str, account16: &str) -> String {
    iban::polish_iban(&iban::sort_code(bank4, branch3), account16)
}

/// An owner entry.
pub fn owner(name: &str, address: Option<&str>, kind: &str) -> Owner {
    Owner {
        name: name.to_owned(),
        address: address.map(str::to_owned),
        kind: Some(kind.to_owned()),
        ..Owner::default()
    }
}

/// The static description of an account; the balance and transactions come from its ledger.
pub struct AccountSpec<'a> {
    /// `name`.
    pub name: &'a str,
    /// `friendlyName`.
    pub friendly_name: Option<&'a str>,
    /// `iban`.
    pub iban: &'a str,
    /// `currencyName`.
    pub currency: &'a str,
    /// `activeSinceAtLeast`.
    pub active_since: NaiveDate,
    /// `directDebit/@available`.
    pub direct_debit: bool,
    /// Overdraft limit in minor units, added to the available funds.
    pub overdraft_minor: i64,
    /// `owners/owner`.
    pub owners: Vec<Owner>,
}

/// An account from its description and finished ledger.
pub fn account(spec: AccountSpec<'_>, booked: Booked) -> Account {
    Account {
        partial_due_to_timeout: None,
        name: Some(spec.name.to_owned()),
        friendly_name: spec.friendly_name.map(str::to_owned),
        iban: spec.iban.to_owned(),
        currency_balance: Some(booked.balance),
        currency_funds_available: Some(booked.balance + Decimal::new(spec.overdraft_minor, 2)),
        currency_name: Some(spec.currency.to_owned()),
        owner: None,
        active_since_at_least: Some(spec.active_since),
        direct_debit: Some(spec.direct_debit),
        money_transactions: Some(booked.transactions),
        owners: Some(spec.owners),
    }
}

/// One side of an own transfer: the account's ledger, IBAN and the holder's `party` text.
pub struct Side<'a> {
    /// The account's ledger.
    pub ledger: &'a mut Ledger,
    /// The account's IBAN.
    pub iban: &'a str,
    /// The holder as the other side shows them (name and address).
    pub holder: &'a str,
}

/// A transfer between the applicant's own accounts: the same amount leaves `from` on `day` and
/// arrives on `to` `lag_days` later (the same day when that would pass the history's end).
pub fn own_transfer(
    from: Side<'_>,
    to: Side<'_>,
    day: NaiveDate,
    lag_days: u64,
    minor: i64,
    title: &str,
    kind: &'static str,
) {
    from.ledger.push(
        Tx::new(day, -minor, title.to_owned())
            .party(to.holder.to_owned())
            .iban(to.iban)
            .kind(kind),
    );
    let arrival = Tx::new(day, minor, title.to_owned())
        .party(from.holder.to_owned())
        .iban(from.iban)
        .kind(kind);
    let arrival_day = day + Days::new(lag_days);
    let last_day = to.ledger_today();
    if lag_days == 0 || arrival_day > last_day {
        to.ledger.push(arrival);
    } else {
        to.ledger.defer(arrival.on_day(arrival_day));
    }
}

impl Side<'_> {
    fn ledger_today(&self) -> NaiveDate {
        self.ledger.today()
    }
}

/// A Kontomatik Score model with fixed retraining instants per model id.
pub fn score_model(id: &str, score: &str, percentile: &str, tier: &str) -> ScoreModel {
    let retrained_at: DateTime<Utc> = match id {
        "common-2026-03-02" => Utc.with_ymd_and_hms(2026, 3, 9, 6, 12, 41),
        _ => Utc.with_ymd_and_hms(2026, 5, 18, 13, 40, 5),
    }
    .single()
    .expect("valid instant");
    ScoreModel {
        id: id.to_owned(),
        retrained_at: Some(retrained_at),
        score: Some(score.parse().expect("score literal")),
        score_percentile: Some(percentile.parse().expect("percentile literal")),
        score_tier: Some(tier.to_owned()),
    }
}

/// The id of the common Kontomatik model every persona with data is scored by.
pub const COMMON_MODEL: &str = "common-2026-03-02";
