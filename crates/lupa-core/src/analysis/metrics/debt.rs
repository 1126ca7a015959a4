//! Debt behaviour: new loans (`loan_proceeds_90d`, `days_since_last_loan_proceeds`), loan stacking
//! (`nonbank_lenders_count`, `nonbank_repayment_share`) and revolving debt
//! (`card_repayment_trend`).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::income::STABILITY_MONTHS;
use super::{
    Events, Metric, MetricValue, MonthRow, Scope, last_full_months, metric, money, ratio, stability,
};
use crate::analysis::category::Category;
use crate::analysis::category::is_credit;

pub(super) fn push(scope: &Scope<'_>, months: &[MonthRow], metrics: &mut Vec<Metric>) {
    let window = scope.in_window(&scope.flow);
    let is_proceeds = |index: usize| {
        scope.category(index) == Category::IncLoanProceeds && is_credit(scope.amount(index))
    };
    metrics.push(events(
        scope,
        "loan_proceeds_90d",
        window,
        Decimal::ONE,
        is_proceeds,
    ));
    let last = scope
        .flow
        .iter()
        .rev()
        .find(|index| is_proceeds(**index))
        .copied();
    metrics.push(metric(
        "days_since_last_loan_proceeds",
        last.map(|index| MetricValue::Days(scope.days_since(scope.facts[index].day))),
        last.map(|index| scope.id(index)).into_iter().collect(),
    ));

    let is_nonbank = |index: usize| {
        let category = scope.category(index);
        category == Category::DebtNonbank
            || (scope.facts[index].nonbank_lender && category == Category::IncLoanProceeds)
    };
    let mut lenders = BTreeSet::new();
    let mut lender_ids = Vec::new();
    for &index in scope.in_window(&scope.all) {
        if is_nonbank(index) {
            lenders.insert(scope.facts[index].counterparty);
            lender_ids.push(scope.id(index));
        }
    }
    metrics.push(metric(
        "nonbank_lenders_count",
        Some(MetricValue::Count(lenders.len() as u64)),
        lender_ids,
    ));
    let minus = Decimal::NEGATIVE_ONE;
    let (nonbank, nonbank_ids) = scope.total(window, minus, |index| {
        scope.category(index) == Category::DebtNonbank
    });
    let (debt, _) = scope.total(window, minus, |index| scope.category(index).is_debt());
    metrics.push(metric(
        "nonbank_repayment_share",
        if nonbank.is_zero() && !debt.is_zero() {
            Some(MetricValue::Ratio(Decimal::new(0, 4)))
        } else {
            ratio(nonbank, debt).map(MetricValue::Ratio)
        },
        nonbank_ids,
    ));

    let full = last_full_months(months, STABILITY_MONTHS);
    let first = full.first().map_or(i32::MAX, |row| row.index);
    let mut per_month = vec![Decimal::ZERO; full.len()];
    let mut card_ids = Vec::new();
    for &index in &scope.flow {
        let month = scope.facts[index].month;
        if month < first || month >= scope.m0 {
            continue;
        }
        if scope.category(index) == Category::DebtCardRepayment
            && let Some(slot) = full.iter().position(|row| row.index == month)
        {
            per_month[slot] -= scope.amount(index);
            card_ids.push(scope.id(index));
        }
    }
    let (_, trend) = stability(&per_month);
    metrics.push(metric(
        "card_repayment_trend",
        trend.map(MetricValue::Ratio),
        card_ids,
    ));
}

/// Count, sum (as a positive amount) and recency of the transactions in `list` where `keep` holds.
pub(super) fn events(
    scope: &Scope<'_>,
    name: &str,
    list: &[usize],
    sign: Decimal,
    keep: impl Fn(usize) -> bool,
) -> Metric {
    let mut count = 0_u64;
    let mut sum = Decimal::ZERO;
    let mut last_day = None;
    let mut ids = Vec::new();
    for &index in list {
        if keep(index) {
            count += 1;
            sum += scope.amount(index) * sign;
            last_day = Some(scope.facts[index].day);
            ids.push(scope.id(index));
        }
    }
    metric(
        name,
        Some(MetricValue::Events(Events {
            count,
            sum: money(sum),
            days_since_last: last_day.map(|day| scope.days_since(day)),
        })),
        ids,
    )
}
