//! The ledger builder: a persona pushes dated credits and debits in chronological order and gets
//! back Kontomatik transactions, newest first, each with the balance after it.
//!
//! Amounts are kept in minor units (grosze, cents) so every amount and balance comes out with
//! scale exactly 2. A transaction is pending (`status` `PENDING`, no `bookedOn`) when the bank would
//! book it after the history's last day; everything else is `DONE`.

use std::borrow::Cow;

use chrono::{Days, NaiveDate};
use lupa_kontomatik::model::MoneyTransaction;
use lupa_kontomatik::protocol::{STATUS_DONE, STATUS_PENDING};
use rust_decimal::Decimal;

/// One transaction before it is booked into a ledger.
#[derive(Debug, Clone)]
pub struct Tx {
    on: NaiveDate,
    booking_delay: u8,
    minor: i64,
    title: Option<Cow<'static, str>>,
    party: Option<Cow<'static, str>>,
    party_iban: Option<String>,
    kind: Option<&'static str>,
    labels: &'static [&'static str],
}

impl Tx {
    /// A transaction of `minor` units (negative for debits) on `on`, booked the same day.
    pub fn new(on: NaiveDate, minor: i64, title: impl Into<Cow<'static, str>>) -> Self {
        Tx {
            on,
            booking_delay: 0,
            minor,
            title: Some(title.into()),
            party: None,
            party_iban: None,
            kind: None,
            labels: &[],
        }
    }

    /// The counterparty as the bank shows it (name and address for transfers).
    pub fn party(mut self, party: impl Into<Cow<'static, str>>) -> Self {
        self.party = Some(party.into());
        self
    }

    /// The counterparty's account.
    pub fn iban(mut self, iban: &str) -> Self {
        self.party_iban = Some(iban.to_owned());
        self
    }

    /// The bank's transaction type text.
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Kontomatik labels, verbatim; an empty list means no `<labels>` element.
    pub fn labels(mut self, labels: &'static [&'static str]) -> Self {
        self.labels = labels;
        self
    }

    /// Booked `days` after the transaction date (card payments: 1–2).
    pub fn booked_after(mut self, days: u8) -> Self {
        self.booking_delay = days;
        self
    }

    /// The same transaction moved to another date.
    pub fn on_day(mut self, day: NaiveDate) -> Self {
        self.on = day;
        self
    }
}

/// One account's transactions under construction, oldest first, with the running balance.
#[derive(Debug, Clone)]
pub struct Ledger {
    today: NaiveDate,
    balance: i64,
    entries: Vec<(Tx, i64)>,
    deferred: Vec<Tx>,
}

/// A finished ledger.
#[derive(Debug, Clone)]
pub struct Booked {
    /// Newest first, as Kontomatik sends them.
    pub transactions: Vec<MoneyTransaction>,
    /// The balance after the newest transaction (the opening balance when there is none).
    pub balance: Decimal,
}

impl Ledger {
    /// An empty ledger whose balance before its first transaction is `opening_minor`; no
    /// transaction may be dated after `today`.
    pub fn new(opening_minor: i64, today: NaiveDate) -> Self {
        Ledger {
            today,
            balance: opening_minor,
            entries: Vec::new(),
            deferred: Vec::new(),
        }
    }

    /// An empty ledger with room for `capacity` transactions.
    pub fn with_capacity(opening_minor: i64, today: NaiveDate, capacity: usize) -> Self {
        Ledger {
            entries: Vec::with_capacity(capacity),
            ..Ledger::new(opening_minor, today)
        }
    }

    /// The last day transactions may have.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The balance after everything pushed so far (deferred transactions not included).
    pub fn balance(&self) -> i64 {
        self.balance
    }

    /// How many transactions have been pushed (deferred ones not included).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Books deferred transactions dated on or before `day`; call it when a new day starts.
    pub fn begin_day(&mut self, day: NaiveDate) {
        if self.deferred.iter().any(|tx| tx.on <= day) {
            let (due, later): (Vec<Tx>, Vec<Tx>) = std::mem::take(&mut self.deferred)
                .into_iter()
                .partition(|tx| tx.on <= day);
            self.deferred = later;
            for tx in due {
                self.append(tx);
            }
        }
    }

    /// Appends a transaction dated no earlier than the last one and no later than `today`.
    ///
    /// # Panics
    /// When the date goes backwards or past `today`: personas generate day by day, so this is a bug.
    pub fn push(&mut self, tx: Tx) {
        self.begin_day(tx.on);
        self.append(tx);
    }

    /// Keeps a transaction dated later than the current day (e.g. the receiving side of a
    /// transfer that arrives the next day) until that day begins.
    pub fn defer(&mut self, tx: Tx) {
        assert!(
            tx.on <= self.today,
            "deferred transaction {} after the last day",
            tx.on
        );
        self.deferred.push(tx);
    }

    fn append(&mut self, tx: Tx) {
        assert!(
            tx.on <= self.today,
            "transaction on {} after the last day {}",
            tx.on,
            self.today
        );
        if let Some((last, _)) = self.entries.last() {
            assert!(
                last.on <= tx.on,
                "transaction on {} pushed after one on {}",
                tx.on,
                last.on
            );
        }
        self.balance += tx.minor;
        self.entries.push((tx, self.balance));
    }

    /// Books everything still deferred and returns the transactions newest first.
    pub fn finish(mut self) -> Booked {
        self.begin_day(self.today);
        let today = self.today;
        let balance = Decimal::new(self.balance, 2);
        let transactions = self
            .entries
            .into_iter()
            .rev()
            .map(|(tx, balance_after)| {
                let booked_on = tx.on + Days::new(u64::from(tx.booking_delay));
                let pending = booked_on > today;
                MoneyTransaction {
                    transaction_on: tx.on,
                    booked_on: (!pending).then_some(booked_on),
                    currency_amount: Decimal::new(tx.minor, 2),
                    currency_balance: Some(Decimal::new(balance_after, 2)),
                    title: tx.title.map(Cow::into_owned),
                    party: tx.party.map(Cow::into_owned),
                    party_iban: tx.party_iban,
                    kind: tx.kind.map(str::to_owned),
                    status: Some(if pending { STATUS_PENDING } else { STATUS_DONE }.to_owned()),
                    variable_symbol: None,
                    constant_symbol: None,
                    labels: (!tx.labels.is_empty())
                        .then(|| tx.labels.iter().map(|label| (*label).to_owned()).collect()),
                }
            })
            .collect();
        Booked {
            transactions,
            balance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap()
    }

    #[test]
    fn newest_first_with_balance_after_each() {
        let mut ledger = Ledger::new(10_000, date(20));
        ledger.push(Tx::new(date(1), 645_000, "Wynagrodzenie").labels(&["salary"]));
        ledger.push(Tx::new(date(1), -1_999, "Biedronka").booked_after(1));
        ledger.push(Tx::new(date(3), -1, "Oplata weryfikacyjna"));
        let booked = ledger.finish();
        let amounts: Vec<String> = booked
            .transactions
            .iter()
            .map(|tx| tx.currency_amount.to_string())
            .collect();
        assert_eq!(amounts, ["-0.01", "-19.99", "6450.00"]);
        let balances: Vec<String> = booked
            .transactions
            .iter()
            .map(|tx| tx.currency_balance.unwrap().to_string())
            .collect();
        assert_eq!(balances, ["6530.00", "6530.01", "6550.00"]);
        assert_eq!(booked.balance.to_string(), "6530.00");
        assert_eq!(booked.transactions[1].booked_on, Some(date(2)));
        assert_eq!(
            booked.transactions[2].labels,
            Some(vec!["salary".to_owned()])
        );
        assert_eq!(booked.transactions[1].labels, None);
    }

    #[test]
    fn bookings_after_the_last_day_are_pending() {
        let mut ledger = Ledger::new(0, date(20));
        ledger.push(Tx::new(date(19), -500, "Żabka").booked_after(2));
        ledger.push(Tx::new(date(20), -700, "Lidl").booked_after(1));
        ledger.push(Tx::new(date(20), 100, "Zwrot"));
        let booked = ledger.finish();
        let statuses: Vec<&str> = booked
            .transactions
            .iter()
            .map(|tx| tx.status.as_deref().unwrap())
            .collect();
        assert_eq!(statuses, [STATUS_DONE, STATUS_PENDING, STATUS_PENDING]);
        assert_eq!(booked.transactions[1].booked_on, None);
        assert_eq!(booked.transactions[0].booked_on, Some(date(20)));
    }

    #[test]
    fn deferred_transactions_land_on_their_day() {
        let mut ledger = Ledger::new(0, date(20));
        ledger.defer(Tx::new(date(5), 1_000, "Przelew własny"));
        ledger.push(Tx::new(date(4), 200, "A"));
        ledger.push(Tx::new(date(9), 300, "B"));
        ledger.defer(Tx::new(date(20), 50, "C"));
        let booked = ledger.finish();
        let titles: Vec<&str> = booked
            .transactions
            .iter()
            .map(|tx| tx.title.as_deref().unwrap())
            .collect();
        assert_eq!(titles, ["C", "B", "Przelew własny", "A"]);
        assert_eq!(booked.balance.to_string(), "15.50");
    }

    #[test]
    #[should_panic(expected = "pushed after")]
    fn going_back_in_time_is_a_bug() {
        let mut ledger = Ledger::new(0, date(20));
        ledger.push(Tx::new(date(5), 1, "A"));
        ledger.push(Tx::new(date(4), 1, "B"));
    }
}
