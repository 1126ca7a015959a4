//! Balance health from end-of-day balances: `avg_daily_balance`, `min_balance`,
//! `min_balance_date`, `negative_balance_days`, `overdraft_max_depth`,
//! `balance_before_payday_avg`, `end_balance`.
//!
//! Each deposit account's end-of-day balance is the balance after its last transaction of the day
//! (reported, or walked back from the account's balance when missing), carried over days without
//! transactions; before its first transaction an account holds its opening balance. The
//! currency's balance is the sum over its deposit accounts; negative days and the overdraft depth
//! look at each account on its own, so one overdrawn account is not hidden by another's savings.

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use super::{Metric, MetricValue, MonthRow, Scope, metric, money, month_index};
use crate::analysis::category::Category;
use crate::analysis::category::is_debit;
use crate::analysis::continuity::balances_after;

/// Daily series are at most this long (a guard against absurd dates).
const MAX_DAYS: i32 = 366 * 20;

/// End-of-day balances of a currency's deposit accounts.
pub(super) struct Balances {
    /// Day (since the common era) of the first entry.
    start: i32,
    /// Per account: end-of-day balance and the transaction that set it, for each day to as-of.
    accounts: Vec<Vec<(Decimal, Option<i64>)>>,
}

impl Balances {
    pub fn build(scope: &Scope<'_>) -> Self {
        let input = scope.input;
        let mut per_account: Vec<&[usize]> = Vec::new();
        let mut starts = Vec::new();
        for &account in &scope.accounts {
            if input.accounts[account].is_card {
                continue;
            }
            let list = scope.orders[account].as_slice();
            if let Some(&first) = list.first() {
                starts.push(scope.facts[first].day);
            }
            per_account.push(list);
        }
        let start = starts
            .iter()
            .copied()
            .min()
            .unwrap_or(scope.as_of + 1)
            .max(scope.as_of - MAX_DAYS);
        let length = (scope.as_of - start + 1).max(0) as usize;
        let mut accounts = Vec::with_capacity(per_account.len());
        let deposit = scope
            .accounts
            .iter()
            .filter(|index| !input.accounts[**index].is_card);
        for (list, &account) in per_account.iter().zip(deposit) {
            let after = balances_after(input, list, input.accounts[account].balance);
            let opening = list
                .first()
                .zip(after.first().copied().flatten())
                .map_or(Decimal::ZERO, |(first, balance)| {
                    balance - input.transactions[*first].amount
                });
            let mut series = vec![(opening, None); length];
            let mut current = (opening, None);
            let mut cursor = 0;
            for (offset, slot) in series.iter_mut().enumerate() {
                let day = start + offset as i32;
                while cursor < list.len() && scope.facts[list[cursor]].day <= day {
                    let tx = &input.transactions[list[cursor]];
                    let balance = after[cursor].unwrap_or(current.0 + tx.amount);
                    // Verification transfers move the balance but are never evidence.
                    let setter = if scope.facts[list[cursor]].excluded {
                        current.1
                    } else {
                        Some(tx.id)
                    };
                    current = (balance, setter);
                    cursor += 1;
                }
                *slot = current;
            }
            accounts.push(series);
        }
        Balances { start, accounts }
    }

    fn len(&self) -> usize {
        self.accounts.first().map_or(0, Vec::len)
    }

    fn combined(&self, offset: usize) -> Decimal {
        self.accounts.iter().map(|series| series[offset].0).sum()
    }

    fn date(&self, offset: usize) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.start + offset as i32)
    }

    /// Offsets of the 90-day window inside the series.
    fn window(&self, scope: &Scope<'_>) -> std::ops::Range<usize> {
        let first = (scope.window_start - self.start).max(0) as usize;
        first.min(self.len())..self.len()
    }

    /// Fills each month's negative-day count.
    pub fn fill_months(&self, months: &mut [MonthRow]) {
        for offset in 0..self.len() {
            if !self
                .accounts
                .iter()
                .any(|series| is_debit(series[offset].0))
            {
                continue;
            }
            let Some(date) = self.date(offset) else {
                continue;
            };
            let month = month_index(date);
            if let Some(row) = months.iter_mut().find(|row| row.index == month) {
                row.negative_balance_days += 1;
            }
        }
    }

    pub fn push(&self, scope: &Scope<'_>, metrics: &mut Vec<Metric>) {
        let window = self.window(scope);
        let amount = |value| Some(MetricValue::Amount(value));
        if window.is_empty() {
            for name in [
                "avg_daily_balance",
                "min_balance",
                "min_balance_date",
                "negative_balance_days",
                "overdraft_max_depth",
                "balance_before_payday_avg",
                "end_balance",
            ] {
                metrics.push(metric(name, None, Vec::new()));
            }
            return;
        }
        let days = Decimal::from(window.len());
        let total: Decimal = window.clone().map(|offset| self.combined(offset)).sum();
        metrics.push(metric(
            "avg_daily_balance",
            amount(money(total / days)),
            Vec::new(),
        ));

        let (min_offset, min_value) = window
            .clone()
            .map(|offset| (offset, self.combined(offset)))
            .min_by(|left, right| left.1.cmp(&right.1).then(left.0.cmp(&right.0)))
            .expect("non-empty window");
        let min_ids = self.setters(min_offset);
        metrics.push(metric(
            "min_balance",
            amount(money(min_value)),
            min_ids.clone(),
        ));
        metrics.push(metric(
            "min_balance_date",
            self.date(min_offset).map(MetricValue::Date),
            min_ids,
        ));

        let mut negative_days = 0_u64;
        let mut negative_ids = Vec::new();
        let mut depth = Decimal::ZERO;
        let mut depth_ids = Vec::new();
        for offset in window.clone() {
            let mut negative = false;
            for series in &self.accounts {
                let (balance, setter) = series[offset];
                if is_debit(balance) {
                    negative = true;
                    if let Some(id) = setter
                        && !negative_ids.contains(&id)
                    {
                        negative_ids.push(id);
                    }
                    if balance < depth {
                        depth = balance;
                        depth_ids = setter.into_iter().collect();
                    }
                }
            }
            negative_days += u64::from(negative);
        }
        metrics.push(metric(
            "negative_balance_days",
            Some(MetricValue::Count(negative_days)),
            negative_ids,
        ));
        metrics.push(metric(
            "overdraft_max_depth",
            amount(money(depth)),
            depth_ids,
        ));
        metrics.push(self.before_payday(scope));
        metrics.push(metric(
            "end_balance",
            amount(money(self.combined(self.len() - 1))),
            self.setters(self.len() - 1),
        ));
    }

    /// The transactions that set each account's balance on a day.
    fn setters(&self, offset: usize) -> Vec<i64> {
        self.accounts
            .iter()
            .filter_map(|series| series[offset].1)
            .collect()
    }

    /// The average balance on the day before each salary (or, without salary, pension) credit in
    /// the 90-day window.
    fn before_payday(&self, scope: &Scope<'_>) -> Metric {
        let window = scope.in_window(&scope.flow);
        let paydays = |category: Category| -> Vec<usize> {
            window
                .iter()
                .copied()
                .filter(|index| scope.category(*index) == category)
                .collect()
        };
        let mut credits = paydays(Category::IncSalary);
        if credits.is_empty() {
            credits = paydays(Category::IncPension);
        }
        let mut sum = Decimal::ZERO;
        let mut count = 0_u32;
        for &index in &credits {
            let Some(before) = scope
                .tx(index)
                .transaction_on
                .checked_sub_days(Days::new(1))
            else {
                continue;
            };
            let offset = before.num_days_from_ce() - self.start;
            if offset >= 0 && (offset as usize) < self.len() {
                sum += self.combined(offset as usize);
                count += 1;
            }
        }
        metric(
            "balance_before_payday_avg",
            (count > 0).then(|| MetricValue::Amount(money(sum / Decimal::from(count)))),
            credits.iter().map(|index| scope.id(*index)).collect(),
        )
    }
}
