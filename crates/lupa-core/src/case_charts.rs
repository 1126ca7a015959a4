//! The four charts of a case (F-CHA-1..4): series built from the analysis, drawn by `lupa-charts`.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use lupa_charts::{
    AccountSeries, CategoryAmount, ChartOptions, Direction, MonthFlow, MonthIncome, balance_chart,
    cashflow_chart, category_chart, income_chart,
};
use rust_decimal::Decimal;

use crate::analysis::{Analysis, AnalysisInput};

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Daily balance per account (F-CHA-1).
    Balance,
    /// Monthly inflow and outflow with income (F-CHA-2).
    Cashflow,
    /// Outflows and inflows by category over the last 90 days (F-CHA-3).
    Categories,
    /// Monthly income by source (F-CHA-4).
    Income,
}

/// End-of-day balances per account from each transaction's balance after it.
pub fn balance_series(input: &AnalysisInput) -> Vec<AccountSeries> {
    input
        .accounts
        .iter()
        .filter(|account| !account.is_card)
        .map(|account| {
            // The input is newest first within a day, so the first balance seen for a day is its end.
            let mut by_day: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
            for tx in input
                .transactions
                .iter()
                .filter(|tx| tx.account_id == account.id)
            {
                if let Some(balance) = tx.balance_after {
                    by_day.entry(tx.transaction_on).or_insert(balance);
                }
            }
            AccountSeries {
                label: account.name.clone().unwrap_or_else(|| account.iban.clone()),
                currency: account.currency.clone(),
                points: by_day.into_iter().collect(),
            }
        })
        .collect()
}

fn month_start(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok()
}

/// Draws `kind` for the analysis of `input` in `currency`, over the whole history (categories: the
/// last 90 days).
pub fn case_chart(
    input: &AnalysisInput,
    analysis: &Analysis,
    kind: ChartKind,
    options: &ChartOptions,
) -> String {
    case_chart_in(input, analysis, kind, options, None)
}

/// Draws `kind` over `period` (inclusive dates; monthly charts keep the months that start in it),
/// or over the default period when `None`.
pub fn case_chart_in(
    input: &AnalysisInput,
    analysis: &Analysis,
    kind: ChartKind,
    options: &ChartOptions,
    period: Option<(NaiveDate, NaiveDate)>,
) -> String {
    let currency = analysis.currency(&options.currency);
    let in_period = |date: NaiveDate| period.is_none_or(|(from, to)| from <= date && date <= to);
    let month_in_period = |month: NaiveDate| {
        period.is_none_or(|(from, to)| {
            let first = NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(from);
            first <= month && month <= to
        })
    };
    match kind {
        ChartKind::Balance => {
            let series: Vec<AccountSeries> = balance_series(input)
                .into_iter()
                .filter(|series| series.currency == options.currency)
                .map(|mut series| {
                    series.points.retain(|(day, _)| in_period(*day));
                    series
                })
                .collect();
            balance_chart(&series, options)
        }
        ChartKind::Cashflow => {
            let flows: Vec<MonthFlow> = currency
                .map(|c| {
                    c.metrics
                        .months
                        .iter()
                        .filter_map(|row| {
                            let month = month_start(&row.month).filter(|m| month_in_period(*m))?;
                            Some(MonthFlow {
                                month,
                                inflow: row.inflow,
                                outflow: row.outflow,
                                income: row.income,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            cashflow_chart(&flows, options)
        }
        ChartKind::Income => {
            let months: Vec<MonthIncome> = currency
                .map(|c| {
                    c.metrics
                        .months
                        .iter()
                        .filter_map(|row| {
                            let month = month_start(&row.month).filter(|m| month_in_period(*m))?;
                            Some(MonthIncome {
                                month,
                                by_source: row
                                    .income_by_category
                                    .iter()
                                    .map(|(category, amount)| (category.to_string(), *amount))
                                    .collect(),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            income_chart(&months, options)
        }
        ChartKind::Categories => {
            let (from, to) = period.unwrap_or_else(|| {
                let from = analysis
                    .as_of
                    .checked_sub_days(Days::new(89))
                    .unwrap_or(analysis.as_of);
                (from, analysis.as_of)
            });
            let accounts: std::collections::HashMap<i64, &str> = input
                .accounts
                .iter()
                .map(|a| (a.id, a.currency.as_str()))
                .collect();
            let mut sums: BTreeMap<(String, bool), Decimal> = BTreeMap::new();
            for (tx, categorized) in input.transactions.iter().zip(&analysis.transactions) {
                let in_currency = accounts.get(&tx.account_id) == Some(&options.currency.as_str());
                if !in_currency || tx.transaction_on < from || tx.transaction_on > to {
                    continue;
                }
                let key = (
                    categorized.category.to_string(),
                    tx.amount.is_sign_negative(),
                );
                *sums.entry(key).or_default() += tx.amount.abs();
            }
            let amounts: Vec<CategoryAmount> = sums
                .into_iter()
                .map(|((label, out), amount)| CategoryAmount {
                    label,
                    amount,
                    direction: if out { Direction::Out } else { Direction::In },
                })
                .collect();
            let period = format!("{from} – {to}");
            category_chart(&amounts, &period, options)
        }
    }
}
