//! Monthly recurrence: the same counterparty, a similar amount, about a month apart, at least three
//! times in a row.
//!
//! It sets the `recurring` flag and turns regular monthly pay from one employer into `INC_SALARY`.
//! Two payments are linked when the later one falls 26–35 days after the earlier one and their
//! amounts differ by at most 20 % of the larger (a yearly indexation of a pension keeps the chain).
//! A transaction is recurring when it sits on a chain of at least three linked payments.
//! Counterparties paid more than four times a month on average (shops, payment processors) are not
//! series of monthly payments and are skipped, which also keeps the search linear.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// Shortest gap between two links of a monthly chain, in days.
pub const MIN_GAP_DAYS: i32 = 26;
/// Longest gap between two links of a monthly chain, in days.
pub const MAX_GAP_DAYS: i32 = 35;
/// Shortest chain that counts as recurring.
pub const MIN_CHAIN: usize = 3;

/// One payment of a counterparty series.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// Counterparty and sign.
    pub group: u64,
    /// Days since the common era.
    pub day: i32,
    /// Absolute amount.
    pub amount: Decimal,
    /// Index of the transaction.
    pub index: usize,
}

/// Marks `recurring[item.index]` for every item on a monthly chain; `items` is reordered.
pub(crate) fn mark(items: &mut Vec<Item>, recurring: &mut [bool]) {
    // Groups paid more often than four times a month over the whole span cannot be a monthly
    // series; dropping them before sorting keeps shop and payment-processor floods cheap.
    if let (Some(first), Some(last)) = (
        items.iter().map(|item| item.day).min(),
        items.iter().map(|item| item.day).max(),
    ) {
        let limit = 4 * ((last - first) / 30 + 1) as usize;
        // Group ids are small and dense (interned counterparty × 2 + sign).
        let groups = items.iter().map(|item| item.group).max().unwrap_or(0) as usize + 1;
        let mut sizes = vec![0_usize; groups];
        for item in items.iter() {
            sizes[item.group as usize] += 1;
        }
        items.retain(|item| sizes[item.group as usize] <= limit);
    }
    items.sort_unstable_by_key(|item| (item.group, item.day, item.index));
    let mut start = 0;
    while start < items.len() {
        let group = items[start].group;
        let end = start + items[start..].partition_point(|item| item.group == group);
        for (position, on_chain) in chains(&items[start..end]).into_iter().enumerate() {
            if on_chain {
                recurring[items[start + position].index] = true;
            }
        }
        start = end;
    }
}

/// For one counterparty's payments sorted by day: which are on a monthly chain.
fn chains(series: &[Item]) -> Vec<bool> {
    let count = series.len();
    let mut on_chain = vec![false; count];
    if count < MIN_CHAIN {
        return on_chain;
    }
    let span_days = series[count - 1].day - series[0].day + 1;
    let months = (span_days / 30 + 1) as usize;
    if count > 4 * months {
        return on_chain;
    }
    let mut next: Vec<Option<usize>> = vec![None; count];
    for position in 0..count {
        let current = &series[position];
        let first = position
            + series[position..].partition_point(|item| item.day < current.day + MIN_GAP_DAYS);
        next[position] = series[first..]
            .iter()
            .take_while(|item| item.day <= current.day + MAX_GAP_DAYS)
            .take(24)
            .position(|item| similar(item.amount, current.amount))
            .map(|offset| first + offset);
    }
    let mut backward = vec![1_usize; count];
    for position in 0..count {
        if let Some(later) = next[position] {
            backward[later] = backward[later].max(backward[position] + 1);
        }
    }
    let mut forward = vec![1_usize; count];
    for position in (0..count).rev() {
        if let Some(later) = next[position] {
            forward[position] = forward[later] + 1;
        }
    }
    for position in 0..count {
        on_chain[position] = backward[position] + forward[position] > MIN_CHAIN;
    }
    on_chain
}

fn similar(left: Decimal, right: Decimal) -> bool {
    let larger = left.abs().max(right.abs());
    (left.abs() - right.abs()).abs() * Decimal::from(5) <= larger
}

/// Which payments of one counterparty series recur monthly (same order as `series`).
pub fn monthly_recurring(series: &[(NaiveDate, Decimal)]) -> Vec<bool> {
    let mut items: Vec<Item> = series
        .iter()
        .enumerate()
        .map(|(index, (day, amount))| Item {
            group: 0,
            day: day.num_days_from_ce(),
            amount: amount.abs(),
            index,
        })
        .collect();
    let mut recurring = vec![false; series.len()];
    mark(&mut items, &mut recurring);
    recurring
}
