//! Expenses and affordability (`essential_exp_avg`, `discretionary_exp_avg`, `debt_service_avg`,
//! `dsti`, `dsti_with_new_loan`, `free_cash_flow_avg`, `net_cash_flow`) and the month table.

use rust_decimal::Decimal;

use super::{MetricValue, MonthRow, Scope, metric, money, month_label, month_start, ratio};
use crate::analysis::category::Category;
use crate::analysis::category::is_credit;
use crate::analysis::metrics::Metric;

/// Sums of one window's outflows by group, as positive amounts, with their ids.
struct Outflows {
    essential: (Decimal, Vec<i64>),
    discretionary: (Decimal, Vec<i64>),
    debt: (Decimal, Vec<i64>),
}

fn outflows(scope: &Scope<'_>, list: &[usize]) -> Outflows {
    let attribution = &scope.options.policy.attribution;
    let minus = Decimal::NEGATIVE_ONE;
    let essential = scope.total(list, minus, |index| scope.category(index).is_essential());
    let debt = scope.total(list, minus, |index| scope.category(index).is_debt());
    let (mut discretionary, mut ids) = scope.total(list, minus, |index| {
        scope.category(index).is_discretionary()
    });
    for (category, share) in [
        (Category::OutP2p, attribution.p2p_out_share),
        (
            Category::OutCashWithdrawal,
            attribution.cash_withdrawal_share,
        ),
    ] {
        if share.is_zero() {
            continue;
        }
        let (sum, more) = scope.total(list, minus, |index| scope.category(index) == category);
        discretionary += sum * share;
        ids.extend(more);
    }
    Outflows {
        essential,
        discretionary: (discretionary, ids),
        debt,
    }
}

/// The instalment the analyst proposed, when it is in this currency.
pub(super) fn instalment(scope: &Scope<'_>) -> Decimal {
    match scope.options.proposed_instalment {
        Some(amount) if scope.options.instalment_currency == scope.currency => amount,
        _ => Decimal::ZERO,
    }
}

/// Pushes the expense and affordability metrics.
pub(super) fn push(scope: &Scope<'_>, metrics: &mut Vec<Metric>) {
    let window = scope.in_window(&scope.flow);
    let three = Decimal::from(3);
    let Outflows {
        essential,
        discretionary,
        debt,
    } = outflows(scope, window);
    let (income, income_ids) = scope.window_income();
    let income_avg = money(income / three);
    let essential_avg = money(essential.0 / three);
    let debt_avg = money(debt.0 / three);
    let amount = |value| Some(MetricValue::Amount(value));
    metrics.push(metric(
        "essential_exp_avg",
        amount(essential_avg),
        essential.1.clone(),
    ));
    metrics.push(metric(
        "discretionary_exp_avg",
        amount(money(discretionary.0 / three)),
        discretionary.1,
    ));
    metrics.push(metric("debt_service_avg", amount(debt_avg), debt.1.clone()));
    let mut dsti_ids = debt.1.clone();
    dsti_ids.extend(&income_ids);
    metrics.push(metric(
        "dsti",
        ratio(debt_avg, income_avg).map(MetricValue::Ratio),
        dsti_ids.clone(),
    ));
    metrics.push(metric(
        "dsti_with_new_loan",
        ratio(debt_avg + instalment(scope), income_avg).map(MetricValue::Ratio),
        dsti_ids,
    ));
    let mut cash_flow_ids = income_ids;
    cash_flow_ids.extend(essential.1);
    cash_flow_ids.extend(debt.1);
    metrics.push(metric(
        "free_cash_flow_avg",
        amount(income_avg - essential_avg - debt_avg),
        cash_flow_ids,
    ));
    let (net, net_ids) = scope.total(window, Decimal::ONE, |index| {
        !scope.category(index).is_own_transfer()
    });
    metrics.push(metric("net_cash_flow", amount(money(net)), net_ids));
}

/// One month's running sums.
#[derive(Clone, Default)]
struct MonthSums {
    income: Decimal,
    by_category: Vec<(Category, Decimal)>,
    inflow: Decimal,
    outflow: Decimal,
    essential: Decimal,
    discretionary: Decimal,
    debt: Decimal,
}

/// The month table from the first transaction's month to M-0 (balances filled in later), in one
/// pass over the cash flows.
pub(super) fn months(scope: &Scope<'_>) -> Vec<MonthRow> {
    let Some(&first) = scope.all.first() else {
        return Vec::new();
    };
    let first_day = scope.tx(first).transaction_on;
    // Far too long histories (bad dates) are cut to 50 years.
    let first_month = super::month_index(first_day).max(scope.m0 - 600);
    let attribution = &scope.options.policy.attribution;
    let mut sums = vec![MonthSums::default(); (scope.m0 - first_month + 1).max(0) as usize];
    for &index in &scope.flow {
        let month = scope.facts[index].month;
        let Some(slot) = usize::try_from(month - first_month)
            .ok()
            .and_then(|slot| sums.get_mut(slot))
        else {
            continue;
        };
        let amount = scope.amount(index);
        let category = scope.category(index);
        if scope.is_income(index) {
            slot.income += amount;
            match slot
                .by_category
                .iter_mut()
                .find(|(known, _)| *known == category)
            {
                Some((_, sum)) => *sum += amount,
                None => slot.by_category.push((category, amount)),
            }
        }
        if category.is_essential() {
            slot.essential -= amount;
        } else if category.is_debt() {
            slot.debt -= amount;
        } else if category.is_discretionary() {
            slot.discretionary -= amount;
        } else if category == Category::OutP2p {
            slot.discretionary -= amount * attribution.p2p_out_share;
        } else if category == Category::OutCashWithdrawal {
            slot.discretionary -= amount * attribution.cash_withdrawal_share;
        }
        if category.is_own_transfer() {
            continue;
        }
        if is_credit(amount) {
            slot.inflow += amount;
        } else {
            slot.outflow -= amount;
        }
    }
    sums.into_iter()
        .enumerate()
        .map(|(offset, mut sum)| {
            let month = first_month + offset as i32;
            sum.by_category.sort_by_key(|(category, _)| *category);
            let partial =
                month == scope.m0 || month_start(month).is_none_or(|start| start < first_day);
            MonthRow {
                month: month_label(month),
                partial,
                income: money(sum.income),
                income_by_category: sum
                    .by_category
                    .into_iter()
                    .map(|(category, total)| (category, money(total)))
                    .collect(),
                inflow: money(sum.inflow),
                outflow: money(sum.outflow),
                essential: money(sum.essential),
                discretionary: money(sum.discretionary),
                debt_service: money(sum.debt),
                negative_balance_days: 0,
                index: month,
            }
        })
        .collect()
}
