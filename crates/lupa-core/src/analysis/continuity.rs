//! Balance continuity (F-ANA-4): each transaction's reported balance should be the previous one
//! plus its amount, and the newest one the account's balance; long stretches without any
//! transaction are listed as gaps.
//!
//! Transactions are put in booking order by date, then by id (the bank's newest-first order gives
//! the newer of two same-day transactions the smaller id); when that order does not chain within a
//! day, the other id order is tried, then the day is re-ordered greedily by the balances
//! themselves, so only real breaks are reported.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::input::AnalysisInput;

/// A place where the balance chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BalanceBreak {
    /// The transaction whose reported balance does not follow.
    pub transaction_id: i64,
    /// The transaction before it.
    pub previous_transaction_id: i64,
    /// The previous balance plus this amount.
    pub expected: Decimal,
    /// The balance the bank reported.
    pub reported: Decimal,
    /// `reported - expected`: money that appeared (positive) or vanished without a transaction.
    pub difference: Decimal,
}

/// A stretch of days without any transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The last day with a transaction before the gap.
    pub after: NaiveDate,
    /// The next day with a transaction (or the as-of date for a gap at the end).
    pub until: NaiveDate,
    /// Days strictly between them without a transaction.
    pub days: i64,
}

/// The continuity check of one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountContinuity {
    /// The account.
    pub account_id: i64,
    /// Its transactions.
    pub transactions: usize,
    /// Consecutive pairs whose balances could be compared.
    pub checked: usize,
    /// Transactions without a reported balance.
    pub missing_balances: usize,
    /// Where the chain breaks.
    pub breaks: Vec<BalanceBreak>,
    /// The newest transaction's balance against the account's reported balance, when both exist:
    /// `(reported account balance, newest transaction's balance)`.
    pub closing: Option<(Decimal, Decimal)>,
    /// Gaps longer than the threshold.
    pub gaps: Vec<Gap>,
}

impl AccountContinuity {
    /// True when nothing breaks the chain and the closing balance agrees.
    pub fn is_continuous(&self) -> bool {
        self.breaks.is_empty()
            && self
                .closing
                .is_none_or(|(reported, newest)| reported == newest)
    }
}

/// Checks every account; gaps are runs of more than `gap_threshold_days` days without a
/// transaction, up to `as_of`.
pub fn check(
    input: &AnalysisInput,
    as_of: NaiveDate,
    gap_threshold_days: i64,
) -> Vec<AccountContinuity> {
    check_in_order(input, &booking_orders(input), as_of, gap_threshold_days)
}

/// Each account's transactions (indices into `input.transactions`) in booking order, in the
/// order of `input.accounts`.
pub(crate) fn booking_orders(input: &AnalysisInput) -> Vec<Vec<usize>> {
    // One sort by (account, day, newest id first); each account's slice is then booking order
    // except where a day's ids do not chain, which `repair_days` fixes.
    let mut keyed: Vec<(i64, i32, std::cmp::Reverse<i64>, usize)> = input
        .transactions
        .iter()
        .enumerate()
        .map(|(index, tx)| {
            (
                tx.account_id,
                tx.transaction_on.num_days_from_ce(),
                std::cmp::Reverse(tx.id),
                index,
            )
        })
        .collect();
    // Banks list each account newest first: reversing each account's run usually leaves nothing
    // to sort, which the stable sort notices in one pass.
    let mut start = 0;
    while start < keyed.len() {
        let account = keyed[start].0;
        let end = start
            + keyed[start..]
                .iter()
                .position(|entry| entry.0 != account)
                .unwrap_or(keyed.len() - start);
        keyed[start..end].reverse();
        start = end;
    }
    keyed.sort();
    input
        .accounts
        .iter()
        .map(|account| {
            let first = keyed.partition_point(|entry| entry.0 < account.id);
            let mut list: Vec<usize> = keyed[first..]
                .iter()
                .take_while(|entry| entry.0 == account.id)
                .map(|entry| entry.3)
                .collect();
            repair_days(input, &mut list);
            list
        })
        .collect()
}

/// [`check`] with the booking orders already known.
pub(crate) fn check_in_order(
    input: &AnalysisInput,
    orders: &[Vec<usize>],
    as_of: NaiveDate,
    gap_threshold_days: i64,
) -> Vec<AccountContinuity> {
    input
        .accounts
        .iter()
        .zip(orders)
        .map(|(account, list)| {
            let mut result = AccountContinuity {
                account_id: account.id,
                transactions: list.len(),
                checked: 0,
                missing_balances: 0,
                breaks: Vec::new(),
                closing: None,
                gaps: Vec::new(),
            };
            let mut previous: Option<(i64, Decimal)> = None;
            for &index in list {
                let tx = &input.transactions[index];
                match (tx.balance_after, previous) {
                    (Some(reported), Some((previous_id, balance))) => {
                        result.checked += 1;
                        let expected = balance + tx.amount;
                        if expected != reported {
                            result.breaks.push(BalanceBreak {
                                transaction_id: tx.id,
                                previous_transaction_id: previous_id,
                                expected,
                                reported,
                                difference: reported - expected,
                            });
                        }
                    }
                    (None, _) => result.missing_balances += 1,
                    _ => {}
                }
                previous = match (tx.balance_after, previous) {
                    (Some(reported), _) => Some((tx.id, reported)),
                    (None, Some((_, balance))) => Some((tx.id, balance + tx.amount)),
                    (None, None) => None,
                };
            }
            if let (Some(reported), Some(&newest)) = (account.balance, list.last())
                && let Some(newest_balance) = input.transactions[newest].balance_after
            {
                result.closing = Some((reported, newest_balance));
            }
            let days: Vec<NaiveDate> = list
                .iter()
                .map(|index| input.transactions[*index].transaction_on)
                .collect();
            for pair in days.windows(2) {
                push_gap(&mut result.gaps, pair[0], pair[1], gap_threshold_days);
            }
            if let Some(&last) = days.last()
                && last < as_of
            {
                let gap = (as_of - last).num_days();
                if gap > gap_threshold_days {
                    result.gaps.push(Gap {
                        after: last,
                        until: as_of,
                        days: gap,
                    });
                }
            }
            result
        })
        .collect()
}

fn push_gap(gaps: &mut Vec<Gap>, after: NaiveDate, until: NaiveDate, threshold: i64) {
    let days = (until - after).num_days() - 1;
    if days > threshold {
        gaps.push(Gap { after, until, days });
    }
}

/// Within each day of a date-sorted list, finds the order in which the balances chain.
fn repair_days(input: &AnalysisInput, list: &mut [usize]) {
    let txs = &input.transactions;
    let mut start = 0;
    let mut previous: Option<Decimal> = None;
    while start < list.len() {
        let day = txs[list[start]].transaction_on;
        let end = start + list[start..].partition_point(|index| txs[*index].transaction_on == day);
        if end - start > 1 && !chains(input, previous, &list[start..end]) {
            list[start..end].reverse();
            if !chains(input, previous, &list[start..end]) {
                list[start..end].reverse();
                reorder_greedily(input, previous, &mut list[start..end]);
            }
        }
        for &index in &list[start..end] {
            previous = match (txs[index].balance_after, previous) {
                (Some(reported), _) => Some(reported),
                (None, Some(balance)) => Some(balance + txs[index].amount),
                (None, None) => None,
            };
        }
        start = end;
    }
}

fn chains(input: &AnalysisInput, mut previous: Option<Decimal>, day: &[usize]) -> bool {
    for &index in day {
        let tx = &input.transactions[index];
        if let (Some(balance), Some(reported)) = (previous, tx.balance_after)
            && balance + tx.amount != reported
        {
            return false;
        }
        previous = tx
            .balance_after
            .or(previous.map(|balance| balance + tx.amount));
    }
    true
}

fn reorder_greedily(input: &AnalysisInput, mut previous: Option<Decimal>, day: &mut [usize]) {
    for position in 0..day.len() {
        let fits = previous.and_then(|balance| {
            day[position..].iter().position(|index| {
                let tx = &input.transactions[*index];
                tx.balance_after == Some(balance + tx.amount)
            })
        });
        if let Some(offset) = fits {
            day[position..=position + offset].rotate_right(1);
        }
        let tx = &input.transactions[day[position]];
        previous = tx
            .balance_after
            .or(previous.map(|balance| balance + tx.amount));
    }
}

/// The balance after each transaction of `list` (in booking order): the reported one, else
/// derived from the next known balance (or the account's balance) by walking back.
pub(crate) fn balances_after(
    input: &AnalysisInput,
    list: &[usize],
    account_balance: Option<Decimal>,
) -> Vec<Option<Decimal>> {
    let mut result = vec![None; list.len()];
    let mut after_next: Option<Decimal> = account_balance;
    for (position, &index) in list.iter().enumerate().rev() {
        let tx = &input.transactions[index];
        let after = tx.balance_after.or(after_next);
        result[position] = after;
        after_next = after.map(|balance| balance - tx.amount);
    }
    result
}
