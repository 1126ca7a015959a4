//! Income metrics: level (M-0, M-1, M-2, 90-day average, per category), sources (salary months,
//! employers), stability (CV and trend over the last six full months) and the inflows that are
//! not income.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{
    Metric, MetricValue, MonthRow, Scope, last_full_months, metric, money, ratio, stability,
};
use crate::analysis::category::is_credit;
use crate::analysis::category::{Category, INCOME_CATEGORIES};

/// How many full months the stability measures look back.
pub(super) const STABILITY_MONTHS: usize = 6;

pub(super) fn push(scope: &Scope<'_>, months: &[MonthRow], metrics: &mut Vec<Metric>) {
    let three = Decimal::from(3);
    for (name, month) in [
        ("income_m0", scope.m0),
        ("income_m1", scope.m0 - 1),
        ("income_m2", scope.m0 - 2),
    ] {
        let recent = {
            let first = scope
                .flow
                .partition_point(|index| scope.facts[*index].month < scope.m0 - 2);
            &scope.flow[first..]
        };
        let (sum, ids) = scope.total(recent, Decimal::ONE, |index| {
            scope.facts[index].month == month && scope.is_income(index)
        });
        metrics.push(metric(name, Some(MetricValue::Amount(money(sum))), ids));
    }
    let window = scope.in_window(&scope.flow);
    let (income, income_ids) = scope.window_income();
    metrics.push(metric(
        "income_90d_avg",
        Some(MetricValue::Amount(money(income / three))),
        income_ids,
    ));
    let mut categories: Vec<Category> = INCOME_CATEGORIES.to_vec();
    for &index in window {
        let category = scope.category(index);
        if scope.is_income(index) && !categories.contains(&category) {
            categories.push(category);
        }
    }
    for category in categories {
        let (sum, ids) = scope.total(window, Decimal::ONE, |index| {
            scope.is_income(index) && scope.category(index) == category
        });
        metrics.push(metric(
            &format!("income_by_category_{}", category.code()),
            Some(MetricValue::Amount(money(sum / three))),
            ids,
        ));
    }

    let is_salary = |index: usize| {
        scope.category(index) == Category::IncSalary && is_credit(scope.amount(index))
    };
    let salary: Vec<usize> = scope
        .flow
        .iter()
        .copied()
        .filter(|i| is_salary(*i))
        .collect();
    let salary_months: BTreeSet<i32> = salary.iter().map(|i| scope.facts[*i].month).collect();
    metrics.push(metric(
        "salary_months",
        Some(MetricValue::Count(salary_months.len() as u64)),
        salary.iter().map(|index| scope.id(*index)).collect(),
    ));
    employers(scope, window, metrics);

    let incomes: Vec<Decimal> = last_full_months(months, STABILITY_MONTHS)
        .iter()
        .map(|row| row.income)
        .collect();
    let stability_ids: Vec<i64> = {
        let first = last_full_months(months, STABILITY_MONTHS)
            .first()
            .map_or(i32::MAX, |row| row.index);
        scope
            .flow
            .iter()
            .filter(|index| {
                let month = scope.facts[**index].month;
                month >= first && month < scope.m0 && scope.is_income(**index)
            })
            .map(|index| scope.id(*index))
            .collect()
    };
    let (cv, trend) = stability(&incomes);
    metrics.push(metric(
        "income_cv",
        cv.map(MetricValue::Ratio),
        stability_ids.clone(),
    ));
    metrics.push(metric(
        "income_trend",
        trend.map(MetricValue::Ratio),
        stability_ids,
    ));
    let last_income = scope
        .flow
        .iter()
        .rev()
        .find(|index| scope.is_income(**index))
        .copied();
    metrics.push(metric(
        "days_since_last_income",
        last_income.map(|index| MetricValue::Days(scope.days_since(scope.facts[index].day))),
        last_income
            .map(|index| scope.id(index))
            .into_iter()
            .collect(),
    ));

    let (inflow, inflow_ids) = scope.total(window, Decimal::ONE, |index| {
        is_credit(scope.amount(index))
            && !matches!(
                scope.category(index),
                Category::IncOwnTransfer
                    | Category::IncRefund
                    | Category::IncLoanProceeds
                    | Category::RiskReturnedPayment
            )
    });
    metrics.push(metric(
        "total_inflow_avg",
        Some(MetricValue::Amount(money(inflow / three))),
        inflow_ids,
    ));
    for (name, category) in [
        ("cash_deposit_to_income", Category::IncCashDeposit),
        ("p2p_inflow_to_income", Category::IncP2p),
    ] {
        let (sum, ids) = scope.total(window, Decimal::ONE, |index| {
            scope.category(index) == category && is_credit(scope.amount(index))
        });
        metrics.push(metric(name, share_of_income(sum, income), ids));
    }
}

/// `part ÷ income` as a ratio: zero when there is no part, unknown when there is no income.
pub(super) fn share_of_income(part: Decimal, income: Decimal) -> Option<MetricValue> {
    if part.is_zero() {
        Some(MetricValue::Ratio(Decimal::new(0, 4)))
    } else {
        ratio(part, income).map(MetricValue::Ratio)
    }
}

/// `employers_count` and `main_employer` over the 90-day window's salary credits.
fn employers(scope: &Scope<'_>, window: &[usize], metrics: &mut Vec<Metric>) {
    // (counterparty, total, latest index, ids)
    let mut payers: Vec<(u32, Decimal, usize, Vec<i64>)> = Vec::new();
    for &index in window {
        if scope.category(index) != Category::IncSalary || !is_credit(scope.amount(index)) {
            continue;
        }
        let counterparty = scope.facts[index].counterparty;
        match payers.iter_mut().find(|payer| payer.0 == counterparty) {
            Some(payer) => {
                payer.1 += scope.amount(index);
                payer.2 = index;
                payer.3.push(scope.id(index));
            }
            None => payers.push((
                counterparty,
                scope.amount(index),
                index,
                vec![scope.id(index)],
            )),
        }
    }
    metrics.push(metric(
        "employers_count",
        Some(MetricValue::Count(payers.len() as u64)),
        payers.iter().flat_map(|payer| payer.3.clone()).collect(),
    ));
    let main = payers
        .iter()
        .max_by(|left, right| left.1.cmp(&right.1).then(right.0.cmp(&left.0)));
    metrics.push(match main {
        Some((_, _, latest, ids)) => {
            let tx = scope.tx(*latest);
            let name = tx
                .party
                .as_deref()
                .or(tx.title.as_deref())
                .unwrap_or("")
                .trim()
                .to_owned();
            metric("main_employer", Some(MetricValue::Text(name)), ids.clone())
        }
        None => metric("main_employer", None, Vec::new()),
    });
}
