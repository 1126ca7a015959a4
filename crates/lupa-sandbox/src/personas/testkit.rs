//! Test helpers: generate personas at fixed dates and query their histories the way the facts
//! are phrased (by title, party, day of month, end-of-day balance).

use chrono::{Datelike, NaiveDate};
use lupa_kontomatik::model::{Account, MoneyTransaction};
use rust_decimal::Decimal;

use super::{Generated, find, generate};

/// The end date most tests use.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// End dates that stress the calendar: month ends, a leap day, the 10th itself, New Year.
pub fn awkward_days() -> [NaiveDate; 5] {
    [
        NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 8, 10).unwrap(),
        NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
    ]
}

/// Seeds the fact tests run with.
pub const SEEDS: [u64; 3] = [0, 42, 0xDEAD_BEEF];

/// A persona's data.
pub fn persona(id: &str, seed: u64, today: NaiveDate) -> Generated {
    generate(
        find(id).unwrap_or_else(|| panic!("persona {id}")),
        seed,
        today,
    )
}

/// Runs `check` for every seed in [`SEEDS`] at [`today`] and at every awkward day.
pub fn for_all(id: &str, check: impl Fn(&Generated, NaiveDate)) {
    for seed in SEEDS {
        check(&persona(id, seed, today()), today());
    }
    for day in awkward_days() {
        check(&persona(id, 7, day), day);
    }
}

/// The account named `name`.
pub fn account<'a>(generated: &'a Generated, name: &str) -> &'a Account {
    generated
        .accounts
        .iter()
        .find(|account| account.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no account {name}"))
}

/// An account's transactions, newest first.
pub fn txs(account: &Account) -> &[MoneyTransaction] {
    account.money_transactions.as_deref().unwrap_or_default()
}

/// Transactions whose title starts with `prefix`.
pub fn titled<'a>(account: &'a Account, prefix: &str) -> Vec<&'a MoneyTransaction> {
    txs(account)
        .iter()
        .filter(|tx| title(tx).starts_with(prefix))
        .collect()
}

/// Transactions whose party contains `needle`.
pub fn with_party<'a>(account: &'a Account, needle: &str) -> Vec<&'a MoneyTransaction> {
    txs(account)
        .iter()
        .filter(|tx| tx.party.as_deref().unwrap_or("").contains(needle))
        .collect()
}

/// The title, or an empty string.
pub fn title(tx: &MoneyTransaction) -> &str {
    tx.title.as_deref().unwrap_or("")
}

/// The labels, or an empty list.
pub fn labels(tx: &MoneyTransaction) -> Vec<&str> {
    tx.labels.iter().flatten().map(String::as_str).collect()
}

/// A decimal literal.
pub fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// True when every transaction in `list` has amount `amount`.
pub fn all_amounts(list: &[&MoneyTransaction], amount: &str) -> bool {
    list.iter().all(|tx| tx.currency_amount == dec(amount))
}

/// True when every transaction in `list` is dated on day `day` of its month.
pub fn all_on_day(list: &[&MoneyTransaction], day: u32) -> bool {
    list.iter().all(|tx| tx.transaction_on.day() == day)
}

/// The balance before the oldest transaction.
pub fn opening_balance(account: &Account) -> Decimal {
    match txs(account).last() {
        Some(oldest) => oldest.currency_balance.unwrap() - oldest.currency_amount,
        None => account.currency_balance.unwrap(),
    }
}

/// `(day, balance at the end of that day)` for every day with transactions, oldest first.
pub fn end_of_day_balances(account: &Account) -> Vec<(NaiveDate, Decimal)> {
    let mut days: Vec<(NaiveDate, Decimal)> = Vec::new();
    for tx in txs(account) {
        if days.last().is_none_or(|(day, _)| *day != tx.transaction_on) {
            days.push((tx.transaction_on, tx.currency_balance.unwrap()));
        }
    }
    days.reverse();
    days
}

/// Number of calendar days (with or without transactions) from the first to `today` whose
/// end-of-day balance is below zero.
pub fn negative_days(account: &Account, today: NaiveDate) -> usize {
    let balances = end_of_day_balances(account);
    let Some((first, _)) = balances.first() else {
        return 0;
    };
    let mut count = 0;
    let mut current = opening_balance(account);
    let mut index = 0;
    for day in first.iter_days().take_while(|day| *day <= today) {
        if index < balances.len() && balances[index].0 == day {
            current = balances[index].1;
            index += 1;
        }
        if current < Decimal::ZERO {
            count += 1;
        }
    }
    count
}
