//! Coverage and data quality: `history_days`, `full_months`, `accounts_count`,
//! `co_owned_accounts`, `uncategorised_share`, `gap_days_max`.

use chrono::{Days, Months};
use rust_decimal::Decimal;

use super::{Metric, MetricValue, Scope, metric, month_index, month_start, ratio};

pub(super) fn push(scope: &Scope<'_>, metrics: &mut Vec<Metric>) {
    let first = scope.all.first().copied();
    let last = scope.all.last().copied();
    let ends: Vec<i64> = first
        .into_iter()
        .chain(last)
        .map(|index| scope.id(index))
        .collect();
    let span = first.zip(last).map(|(first, last)| {
        (
            scope.tx(first).transaction_on,
            scope.tx(last).transaction_on,
        )
    });
    metrics.push(metric(
        "history_days",
        span.map(|(first, last)| MetricValue::Days((last - first).num_days() + 1)),
        ends.clone(),
    ));
    let full_months = span.map(|(first, last)| {
        let mut count = 0_u64;
        let mut month = month_index(first);
        while let Some(start) = month_start(month) {
            let Some(end) = start
                .checked_add_months(Months::new(1))
                .and_then(|next| next.checked_sub_days(Days::new(1)))
            else {
                break;
            };
            if end > last {
                break;
            }
            if start >= first {
                count += 1;
            }
            month += 1;
        }
        MetricValue::Count(count)
    });
    metrics.push(metric("full_months", full_months, ends));
    metrics.push(metric(
        "accounts_count",
        Some(MetricValue::Count(scope.accounts.len() as u64)),
        Vec::new(),
    ));
    let co_owned = scope
        .accounts
        .iter()
        .filter(|index| scope.input.accounts[**index].co_owned)
        .count();
    metrics.push(metric(
        "co_owned_accounts",
        Some(MetricValue::Count(co_owned as u64)),
        Vec::new(),
    ));

    let mut total = Decimal::ZERO;
    let mut unknown = Decimal::ZERO;
    let mut unknown_ids = Vec::new();
    for &index in &scope.all {
        let category = scope.category(index);
        if category.is_own_transfer() {
            continue;
        }
        let amount = scope.amount(index).abs();
        total += amount;
        if category.is_uncategorised() {
            unknown += amount;
            unknown_ids.push(scope.id(index));
        }
    }
    metrics.push(metric(
        "uncategorised_share",
        if total.is_zero() {
            None
        } else {
            ratio(unknown, total).map(MetricValue::Ratio)
        },
        unknown_ids,
    ));
    metrics.push(gap_days_max(scope));
}

/// The longest run of days without a transaction on one account (up to the as-of date).
fn gap_days_max(scope: &Scope<'_>) -> Metric {
    // (days, transaction before the gap, transaction after it)
    let mut best: Option<(i64, usize, Option<usize>)> = None;
    let mut consider = |days: i64, before: usize, after: Option<usize>| {
        if best.is_none_or(|(known, ..)| days > known) {
            best = Some((days, before, after));
        }
    };
    // The last transaction seen on each account, by account index.
    let mut last: Vec<Option<usize>> = vec![None; scope.input.accounts.len()];
    for &index in &scope.all {
        let Some(account) = scope.facts[index].account else {
            continue;
        };
        if let Some(previous) = last[account] {
            let gap = i64::from(scope.facts[index].day - scope.facts[previous].day) - 1;
            consider(gap.max(0), previous, Some(index));
        }
        last[account] = Some(index);
    }
    for previous in last.into_iter().flatten() {
        consider(
            i64::from(scope.as_of - scope.facts[previous].day),
            previous,
            None,
        );
    }
    match best {
        Some((days, before, after)) => metric(
            "gap_days_max",
            Some(MetricValue::Days(days)),
            std::iter::once(before)
                .chain(after)
                .map(|index| scope.id(index))
                .collect(),
        ),
        None => metric("gap_days_max", None, Vec::new()),
    }
}
