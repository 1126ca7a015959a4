//! Risk flags: gambling, bailiff, debt collection, returned payments, penalty fees, cash
//! intensity, unexplained inflows, salary pass-through, round tripping, self-employment.
//!
//! Gambling amounts use the 90-day window (`gambling_months` the whole history); the hard events
//! (bailiff, collection, returned payments, penalty fees) count over the whole history, with the
//! days since the last one, because one seizure two years ago still matters.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::debt::events;
use super::income::share_of_income;
use super::{Events, Metric, MetricValue, Scope, metric, money};
use crate::analysis::category::Category;
use crate::analysis::category::is_credit;

/// A salary counts as passed through when at least this share leaves within a day.
const PASSTHROUGH_SHARE: Decimal = Decimal::from_parts(8, 0, 0, false, 1);
/// A credit is large when above this multiple of the window's average credit.
const LARGE_INFLOW_FACTOR: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

pub(super) fn push(scope: &Scope<'_>, metrics: &mut Vec<Metric>) {
    let all_window = scope.in_window(&scope.all);
    let flow_window = scope.in_window(&scope.flow);
    let (income, _) = scope.window_income();
    let minus = Decimal::NEGATIVE_ONE;
    let is = |category: Category| move |index: usize| scope.category(index) == category;

    let (stakes, stake_ids) = scope.total(all_window, minus, is(Category::RiskGambling));
    metrics.push(metric(
        "gambling_out_sum_90d",
        Some(MetricValue::Amount(money(stakes))),
        stake_ids.clone(),
    ));
    metrics.push(metric(
        "gambling_to_income",
        share_of_income(stakes, income),
        stake_ids.clone(),
    ));
    let gambling: Vec<usize> = scope
        .all
        .iter()
        .copied()
        .filter(|index| is(Category::RiskGambling)(*index))
        .collect();
    let gambling_months: BTreeSet<i32> = gambling.iter().map(|i| scope.facts[*i].month).collect();
    metrics.push(metric(
        "gambling_months",
        Some(MetricValue::Count(gambling_months.len() as u64)),
        gambling.iter().map(|index| scope.id(*index)).collect(),
    ));
    let (payouts, mut net_ids) =
        scope.total(all_window, Decimal::ONE, is(Category::IncGamblingPayout));
    net_ids.extend(stake_ids);
    metrics.push(metric(
        "gambling_net",
        Some(MetricValue::Amount(money(payouts - stakes))),
        net_ids,
    ));

    metrics.push(events(
        scope,
        "bailiff_events",
        &scope.all,
        minus,
        is(Category::RiskBailiff),
    ));
    metrics.push(events(
        scope,
        "debt_collection_events",
        &scope.all,
        minus,
        is(Category::RiskDebtCollection),
    ));
    for (name, category) in [
        ("returned_payments_count", Category::RiskReturnedPayment),
        ("penalty_fees_count", Category::RiskPenaltyFees),
    ] {
        let ids: Vec<i64> = scope
            .all
            .iter()
            .filter(|index| is(category)(**index))
            .map(|index| scope.id(*index))
            .collect();
        metrics.push(metric(
            name,
            Some(MetricValue::Count(ids.len() as u64)),
            ids,
        ));
    }
    let (cash, cash_ids) = scope.total(flow_window, minus, is(Category::OutCashWithdrawal));
    metrics.push(metric(
        "cash_withdrawal_to_income",
        share_of_income(cash, income),
        cash_ids,
    ));
    metrics.push(large_unexplained_inflows(scope, flow_window));
    metrics.push(salary_passthrough(scope, flow_window));
    metrics.push(round_tripping(scope, all_window));

    let self_employed: Vec<i64> = scope
        .all
        .iter()
        .filter(|index| {
            let category = scope.category(**index);
            category == Category::IncBusiness
                || (category == Category::ExpTaxSocial
                    && (scope.facts[**index].social_insurance
                        || scope.tx(**index).labels.iter().any(|label| label == "zus")))
        })
        .map(|index| scope.id(*index))
        .collect();
    metrics.push(metric(
        "self_employed_indicator",
        Some(MetricValue::Flag(!self_employed.is_empty())),
        self_employed,
    ));
}

/// Credits above 1.5× the window's average credit that are not income, loans or own transfers.
fn large_unexplained_inflows(scope: &Scope<'_>, window: &[usize]) -> Metric {
    let credits: Vec<usize> = window
        .iter()
        .copied()
        .filter(|index| {
            is_credit(scope.amount(*index)) && !scope.category(*index).is_own_transfer()
        })
        .collect();
    let total: Decimal = credits.iter().map(|index| scope.amount(*index)).sum();
    let threshold = if credits.is_empty() {
        Decimal::MAX
    } else {
        total / Decimal::from(credits.len()) * LARGE_INFLOW_FACTOR
    };
    events(
        scope,
        "large_unexplained_inflows",
        &credits,
        Decimal::ONE,
        |index| {
            scope.amount(index) > threshold
                && !scope.is_income(index)
                && scope.category(index) != Category::IncLoanProceeds
        },
    )
}

/// Whether most salaries leave within a day (same or next day) to own or other people's accounts
/// or investments.
fn salary_passthrough(scope: &Scope<'_>, window: &[usize]) -> Metric {
    let mut salaries = 0_u32;
    let mut passed = 0_u32;
    let mut ids = Vec::new();
    for (position, &index) in window.iter().enumerate() {
        if scope.category(index) != Category::IncSalary {
            continue;
        }
        salaries += 1;
        let salary = scope.tx(index);
        let day = scope.facts[index].day;
        let account = scope.facts[index].account;
        let start = window[..position].partition_point(|other| scope.facts[*other].day < day);
        let moved: Vec<usize> = window[start..]
            .iter()
            .copied()
            .take_while(|other| scope.facts[*other].day <= day + 1)
            .filter(|other| {
                scope.facts[*other].account == account
                    && matches!(
                        scope.category(*other),
                        Category::OutOwnTransfer | Category::OutP2p | Category::OutSavingsInvest
                    )
            })
            .collect();
        let out: Decimal = moved.iter().map(|other| -scope.amount(*other)).sum();
        if out >= salary.amount * PASSTHROUGH_SHARE {
            passed += 1;
            ids.push(scope.id(index));
            ids.extend(moved.iter().map(|other| scope.id(*other)));
        }
    }
    metric(
        "salary_passthrough",
        Some(MetricValue::Flag(salaries > 0 && passed * 2 >= salaries)),
        ids,
    )
}

/// Pairs of a credit and a debit of the same amount with the same counterparty within 3 days.
fn round_tripping(scope: &Scope<'_>, window: &[usize]) -> Metric {
    let mut entries: Vec<(u32, Decimal, i32, bool, usize)> = window
        .iter()
        .copied()
        .filter(|index| {
            !matches!(
                scope.category(*index),
                Category::IncOwnTransfer
                    | Category::OutOwnTransfer
                    | Category::RiskReturnedPayment
                    | Category::IncRefund
            )
        })
        .map(|index| {
            let tx = scope.tx(index);
            (
                scope.facts[index].counterparty,
                tx.amount.abs(),
                scope.facts[index].day,
                is_credit(tx.amount),
                index,
            )
        })
        .collect();
    entries.sort_unstable();
    let mut used = vec![false; entries.len()];
    let mut count = 0_u64;
    let mut sum = Decimal::ZERO;
    let mut last_day = None;
    let mut ids = Vec::new();
    for first in 0..entries.len() {
        if used[first] {
            continue;
        }
        let (party, amount, day, credit, index) = entries[first];
        for second in first + 1..entries.len() {
            let other = entries[second];
            if other.0 != party || other.1 != amount || other.2 > day + 3 {
                break;
            }
            if !used[second] && other.3 != credit {
                used[first] = true;
                used[second] = true;
                count += 1;
                sum += amount;
                last_day = Some(last_day.map_or(other.2, |known: i32| known.max(other.2)));
                ids.extend([scope.id(index), scope.id(other.4)]);
                break;
            }
        }
    }
    metric(
        "round_tripping",
        Some(MetricValue::Events(Events {
            count,
            sum: money(sum),
            days_since_last: last_day.map(|day| scope.days_since(day)),
        })),
        ids,
    )
}
