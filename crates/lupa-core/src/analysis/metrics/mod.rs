//! The underwriting metrics of underwriting-analytics.md §5.2 (F-ANA-2), per currency.
//!
//! Conventions every metric follows (documented in `docs/analysis.md`):
//! - Windows end at the as-of date: M-0 is its calendar month up to as-of, M-1 and M-2 the full
//!   months before, the 90-day window is as-of and the 89 days before it. "Averages" of flows are
//!   the 90-day total ÷ 3, like Kontomatik Income Confirmation.
//! - Cash-flow metrics (income, expenses, debt service, inflows, net cash flow) use deposit
//!   accounts only: a credit card's spending reaches the current account as a card repayment, so
//!   counting the card's purchases too would count the money twice. Risk events (gambling,
//!   bailiff, collection, returned payments, fees) count on every account, cards included.
//! - Verification microtransfers are excluded everywhere; transactions after as-of are ignored.
//! - Money is `Decimal` rounded to 2 places, ratios to 4 (half away from zero); outflows are
//!   reported as positive sums.
//! - Every metric carries the ids of the transactions behind it (F-REV-3).

use crate::analysis::category::is_credit;
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::AnalysisOptions;
use super::categorize::{Facts, Prepared};
use super::category::{Categorized, Category};
use super::input::AnalysisInput;

mod balance;
mod catalog;
mod coverage;
mod debt;
mod expenses;
mod income;
mod kontomatik;
mod risk;

pub use catalog::{MetricInfo, catalog, describe};
pub(crate) use kontomatik::external;

/// One metric value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[ts(export_to = "analysis.ts")]
pub enum MetricValue {
    /// Money in the currency, 2 places.
    Amount(#[ts(type = "string")] Decimal),
    /// A ratio, 4 places (0.1306 = 13.06 %).
    Ratio(#[ts(type = "string")] Decimal),
    /// A count.
    Count(u64),
    /// A number of days.
    Days(i64),
    /// A date.
    Date(NaiveDate),
    /// Yes or no.
    Flag(bool),
    /// Text (a name, a tier).
    Text(String),
    /// Risk events: how many, their total (positive) and days since the last one.
    Events(Events),
}

/// Count, sum and recency of a kind of event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export_to = "analysis.ts")]
pub struct Events {
    /// How many.
    pub count: u64,
    /// Their total, as a positive amount.
    #[ts(type = "string")]
    pub sum: Decimal,
    /// Days from the last one to the as-of date.
    pub days_since_last: Option<i64>,
}

impl MetricValue {
    /// The value as a number for comparisons: amounts and ratios as they are, counts and days as
    /// integers, events by their count, flags as 1 or 0; `None` for dates and text.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            MetricValue::Amount(value) | MetricValue::Ratio(value) => Some(*value),
            MetricValue::Count(count) => Some(Decimal::from(*count)),
            MetricValue::Days(days) => Some(Decimal::from(*days)),
            MetricValue::Events(events) => Some(Decimal::from(events.count)),
            MetricValue::Flag(flag) => Some(Decimal::from(u8::from(*flag))),
            MetricValue::Date(_) | MetricValue::Text(_) => None,
        }
    }
}

/// A named metric with the transactions behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metric {
    /// The §5.2 name, e.g. `income_m1`.
    pub name: String,
    /// The value; `None` when it cannot be computed (e.g. a ratio to zero income).
    pub value: Option<MetricValue>,
    /// The transactions behind the value, for drill-down.
    pub transaction_ids: Vec<i64>,
}

/// One calendar month of a currency, for tables and charts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRow {
    /// `YYYY-MM`.
    pub month: String,
    /// True for M-0 and for a month the history does not fully cover.
    pub partial: bool,
    /// Income (§5.2 income categories and analyst inclusions).
    pub income: Decimal,
    /// Income per category, only the non-zero ones.
    pub income_by_category: Vec<(Category, Decimal)>,
    /// Credits except own transfers.
    pub inflow: Decimal,
    /// Debits except own transfers, as a positive sum.
    pub outflow: Decimal,
    /// `EXP_*`.
    pub essential: Decimal,
    /// `DISC_*` plus the policy's shares of P2P transfers and cash withdrawals.
    pub discretionary: Decimal,
    /// `DEBT_*`.
    pub debt_service: Decimal,
    /// Days ending below zero on some deposit account.
    pub negative_balance_days: u32,
    /// `year * 12 + month0`, for the computations.
    #[serde(skip)]
    pub(crate) index: i32,
}

/// Rounds money to 2 places.
pub(crate) fn money(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// `numerator / denominator` to 4 places, `None` when the denominator is zero.
pub(crate) fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        None
    } else {
        numerator.checked_div(denominator).map(|value| {
            let mut rounded =
                value.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
            rounded.rescale(4);
            rounded
        })
    }
}

/// The month index (`year * 12 + month0`) of a date.
pub(crate) fn month_index(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

/// The first day of a month index.
pub(crate) fn month_start(month: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1)
}

/// `YYYY-MM` of a month index.
pub(crate) fn month_label(month: i32) -> String {
    format!(
        "{:04}-{:02}",
        month.div_euclid(12),
        month.rem_euclid(12) + 1
    )
}

/// Everything one currency's metrics look at.
pub(crate) struct Scope<'a> {
    pub input: &'a AnalysisInput,
    pub cats: &'a [Categorized],
    pub facts: &'a [Facts],
    /// Compact copies (input order) for the many passes: final categories, amounts, and
    /// whether each transaction counts as income.
    pub categories: &'a [Category],
    pub amounts: &'a [Decimal],
    pub income: &'a [bool],
    /// Each account's transactions in booking order (see [`crate::analysis::continuity`]).
    pub orders: &'a [Vec<usize>],
    pub options: &'a AnalysisOptions,
    pub currency: &'a str,
    /// Indices of the currency's accounts in `input.accounts`.
    pub accounts: Vec<usize>,
    /// The currency's transactions up to as-of, every account, not excluded; by (day, id).
    pub all: Vec<usize>,
    /// The deposit-account subset of `all`: cash flows.
    pub flow: Vec<usize>,
    pub as_of: i32,
    pub window_start: i32,
    pub m0: i32,
}

impl Scope<'_> {
    /// The transaction at `index`.
    pub fn tx(&self, index: usize) -> &super::input::TxInput {
        &self.input.transactions[index]
    }

    /// The final category of the transaction at `index`.
    pub fn category(&self, index: usize) -> Category {
        self.categories[index]
    }

    /// The amount of the transaction at `index`.
    pub fn amount(&self, index: usize) -> Decimal {
        self.amounts[index]
    }

    /// The id of the transaction at `index`.
    pub fn id(&self, index: usize) -> i64 {
        self.input.transactions[index].id
    }

    /// True when the transaction counts as income.
    pub fn is_income(&self, index: usize) -> bool {
        self.income[index]
    }

    /// The part of a day-sorted index list inside the 90-day window.
    pub fn in_window<'b>(&self, list: &'b [usize]) -> &'b [usize] {
        let first = list.partition_point(|index| self.facts[*index].day < self.window_start);
        &list[first..]
    }

    /// Sum and ids of `amount × sign` over `list` where `keep` holds.
    pub fn total(
        &self,
        list: &[usize],
        sign: Decimal,
        keep: impl Fn(usize) -> bool,
    ) -> (Decimal, Vec<i64>) {
        let mut sum = Decimal::ZERO;
        let mut ids = Vec::new();
        for &index in list {
            if keep(index) {
                sum += self.amounts[index] * sign;
                ids.push(self.id(index));
            }
        }
        (sum, ids)
    }

    /// Income in the 90-day window, with ids.
    pub fn window_income(&self) -> (Decimal, Vec<i64>) {
        self.total(self.in_window(&self.flow), Decimal::ONE, |index| {
            self.is_income(index)
        })
    }

    /// Days since the common era of the as-of date minus `day`.
    pub fn days_since(&self, day: i32) -> i64 {
        i64::from(self.as_of - day)
    }
}

/// Builders for metric values.
pub(crate) fn metric(name: &str, value: Option<MetricValue>, ids: Vec<i64>) -> Metric {
    Metric {
        name: name.to_owned(),
        value,
        transaction_ids: ids,
    }
}

/// The metrics and month table of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyMetrics {
    /// ISO 4217 code.
    pub currency: String,
    /// Every §5.2 metric, in the document's order.
    pub metrics: Vec<Metric>,
    /// Every calendar month from the first transaction to M-0.
    pub months: Vec<MonthRow>,
}

impl CurrencyMetrics {
    /// The metric called `name`.
    pub fn get(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|metric| metric.name == name)
    }
}

/// Computes the metrics of every currency.
pub(crate) fn compute(
    input: &AnalysisInput,
    cats: &[Categorized],
    prepared: &Prepared,
    orders: &[Vec<usize>],
    options: &AnalysisOptions,
) -> Vec<CurrencyMetrics> {
    let as_of = options.as_of.num_days_from_ce();
    // Each account's booking order is sorted by day already: concatenated, the stable sort only
    // merges the runs. Within a day the order does not matter to any metric.
    let without_account =
        (0..input.transactions.len()).filter(|index| prepared.facts[*index].account.is_none());
    let mut order: Vec<usize> = orders
        .iter()
        .flatten()
        .copied()
        .chain(without_account)
        .filter(|index| {
            let fact = &prepared.facts[*index];
            fact.day <= as_of && !fact.excluded && !input.transactions[*index].amount.is_zero()
        })
        .collect();
    order.sort_by_key(|index| prepared.facts[*index].day);
    let categories: Vec<Category> = cats.iter().map(|result| result.category).collect();
    let amounts: Vec<Decimal> = input.transactions.iter().map(|tx| tx.amount).collect();
    let income: Vec<bool> = cats
        .iter()
        .zip(&amounts)
        .map(|(result, amount)| result.include_in_income && is_credit(*amount))
        .collect();
    let mut result = Vec::with_capacity(prepared.currencies.len());
    for (currency_index, currency) in prepared.currencies.iter().enumerate() {
        let all: Vec<usize> = order
            .iter()
            .copied()
            .filter(|index| prepared.facts[*index].currency == currency_index)
            .collect();
        let flow: Vec<usize> = all
            .iter()
            .copied()
            .filter(|index| !prepared.facts[*index].is_card)
            .collect();
        let scope = Scope {
            input,
            cats,
            categories: &categories,
            amounts: &amounts,
            income: &income,
            orders,
            facts: &prepared.facts,
            options,
            currency,
            accounts: input
                .accounts
                .iter()
                .enumerate()
                .filter(|(_, account)| account.currency == *currency)
                .map(|(index, _)| index)
                .collect(),
            all,
            flow,
            as_of,
            window_start: as_of - 89,
            m0: month_index(options.as_of),
        };
        let balances = balance::Balances::build(&scope);
        let mut months = expenses::months(&scope);
        balances.fill_months(&mut months);
        let mut metrics = Vec::with_capacity(80);
        coverage::push(&scope, &mut metrics);
        income::push(&scope, &months, &mut metrics);
        expenses::push(&scope, &mut metrics);
        debt::push(&scope, &months, &mut metrics);
        balances.push(&scope, &mut metrics);
        risk::push(&scope, &mut metrics);
        kontomatik::push(&scope, &mut metrics);
        result.push(CurrencyMetrics {
            currency: currency.clone(),
            metrics,
            months,
        });
    }
    result
}

/// The last up-to-`count` full months of a month table (oldest first): months before M-0 that
/// the history covers entirely.
pub(crate) fn last_full_months(months: &[MonthRow], count: usize) -> Vec<&MonthRow> {
    let full: Vec<&MonthRow> = months.iter().filter(|row| !row.partial).collect();
    full[full.len().saturating_sub(count)..].to_vec()
}

/// Coefficient of variation and relative linear trend of a monthly series, 4 places each;
/// `None` with fewer than three values or a zero mean.
pub(crate) fn stability(values: &[Decimal]) -> (Option<Decimal>, Option<Decimal>) {
    if values.len() < 3 {
        return (None, None);
    }
    let count = Decimal::from(values.len());
    let mean = values.iter().sum::<Decimal>() / count;
    if mean.is_zero() {
        return (None, None);
    }
    let variance = values
        .iter()
        .map(|value| (value - mean) * (value - mean))
        .sum::<Decimal>()
        / count;
    let cv = ratio(sqrt(variance), mean);
    let x_mean = (count - Decimal::ONE) / Decimal::TWO;
    let mut numerator = Decimal::ZERO;
    let mut denominator = Decimal::ZERO;
    for (position, value) in values.iter().enumerate() {
        let dx = Decimal::from(position) - x_mean;
        numerator += dx * (value - mean);
        denominator += dx * dx;
    }
    let slope = numerator / denominator;
    (cv, ratio(slope, mean))
}

/// Square root by Newton's method, exact enough for 4-place ratios (no floating point).
pub(crate) fn sqrt(value: Decimal) -> Decimal {
    if value <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let mut guess = if value > Decimal::ONE {
        value / Decimal::TWO
    } else {
        Decimal::ONE
    };
    for _ in 0..200 {
        let next = (guess + value / guess) / Decimal::TWO;
        if (next - guess).abs() < Decimal::new(1, 12) {
            return next;
        }
        guess = next;
    }
    guess
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_roots_and_stability() {
        assert_eq!(sqrt(Decimal::from(144)).round_dp(6), Decimal::from(12));
        assert_eq!(sqrt(Decimal::new(2, 0)).round_dp(4), Decimal::new(14142, 4));
        let flat = [Decimal::from(6450); 6];
        assert_eq!(stability(&flat), (Some(Decimal::ZERO), Some(Decimal::ZERO)));
        let rising = [100, 200, 300].map(Decimal::from);
        let (cv, trend) = stability(&rising);
        assert_eq!(trend, Some(Decimal::new(5, 1)));
        assert_eq!(cv, Some(Decimal::new(4082, 4)));
    }
}
