//! The local analysis of a case (F-ANA-1..6): categories, underwriting metrics, balance
//! continuity and the policy checklist, as pure functions over [`AnalysisInput`].
//!
//! - [`input`]: the plain input (accounts, transactions, overrides, scores) and
//!   [`AnalysisInput::from_command_result`].
//! - [`text`]: diacritics folding for keyword matching.
//! - [`category`]: the §5.1 category codes, flags and category sources.
//! - [`rules`]: `rules/categories.toml`, compiled to one Aho-Corasick automaton.
//! - [`categorize`]: labels, rules, own transfers, recurrence and overrides → one category each.
//! - `own_transfers`, [`recurrence`]: the two detections that look across transactions.
//! - [`metrics`]: every §5.2 metric per currency, each with the transactions behind it.
//! - [`continuity`]: balance chains and gaps per account.
//! - [`checklist`]: `policy/default.toml` evaluated to pass / fail / needs review, and the
//!   affordability what-if.
//!
//! [`analyze`] runs everything. The as-of date always comes from the caller, never from the clock,
//! so a saved case gives the same numbers months later. Nothing here is a probability of
//! repayment (F-ANA-6): the only such figure is Kontomatik's own Score, passed through verbatim.
//! The definitions chosen where §5.2 left room are in `docs/analysis.md`.

use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub mod categorize;
pub mod category;
pub mod checklist;
pub mod continuity;
pub mod input;
pub mod metrics;
mod own_transfers;
pub mod recurrence;
pub mod rules;
pub mod text;

pub use category::{Categorized, Category, CategorySource, Channel, Flags};
pub use checklist::{Affordability, CheckResult, Outcome, Policy};
pub use continuity::AccountContinuity;
pub use input::{AccountInput, AnalysisInput, Override, ScoreInput, TxInput};
pub use metrics::{CurrencyMetrics, Events, Metric, MetricValue, MonthRow};
pub use rules::RuleSet;

/// What an analysis needs besides the data.
#[derive(Debug, Clone)]
pub struct AnalysisOptions {
    /// The day the analysis is "as of": M-0 is its month, the 90-day window ends on it.
    pub as_of: NaiveDate,
    /// The monthly instalment of the loan applied for, if the analyst entered one.
    pub proposed_instalment: Option<Decimal>,
    /// The currency of that instalment.
    pub instalment_currency: String,
    /// The checklist and attribution shares.
    pub policy: Policy,
    /// Days without any transaction above which continuity reports a gap.
    pub gap_threshold_days: i64,
    /// Custom categorisation rules; the embedded ones when `None`.
    pub rules: Option<Arc<RuleSet>>,
}

impl AnalysisOptions {
    /// Defaults: no instalment (PLN), the built-in policy and rules, gaps over 14 days.
    pub fn new(as_of: NaiveDate) -> Self {
        AnalysisOptions {
            as_of,
            proposed_instalment: None,
            instalment_currency: "PLN".to_owned(),
            policy: Policy::builtin().clone(),
            gap_threshold_days: 14,
            rules: None,
        }
    }
}

/// One currency's results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyAnalysis {
    /// ISO 4217 code.
    pub currency: String,
    /// The metrics and month table.
    pub metrics: CurrencyMetrics,
    /// The policy checklist.
    pub checklist: Vec<CheckResult>,
    /// The what-if of the proposed instalment (in its currency only).
    pub affordability: Option<Affordability>,
}

impl CurrencyAnalysis {
    /// The metric called `name`.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.get(name)
    }

    /// The value of the metric called `name`.
    pub fn value(&self, name: &str) -> Option<&MetricValue> {
        self.metric(name).and_then(|metric| metric.value.as_ref())
    }
}

/// A whole case's analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The as-of date.
    pub as_of: NaiveDate,
    /// The rule file's version.
    pub rules_version: u32,
    /// The policy file's version.
    pub policy_version: u32,
    /// One entry per input transaction, same order.
    pub transactions: Vec<Categorized>,
    /// Per currency, in the order of the accounts.
    pub currencies: Vec<CurrencyAnalysis>,
    /// `kontomatik_*`: the external opinion, not per currency.
    pub external: Vec<Metric>,
    /// Every Kontomatik model, verbatim.
    pub scores: Vec<ScoreInput>,
    /// Balance continuity per account.
    pub continuity: Vec<AccountContinuity>,
}

impl Analysis {
    /// The results of one currency.
    pub fn currency(&self, code: &str) -> Option<&CurrencyAnalysis> {
        self.currencies.iter().find(|entry| entry.currency == code)
    }

    /// The categorised transaction with this id.
    pub fn transaction(&self, id: i64) -> Option<&Categorized> {
        self.transactions
            .iter()
            .find(|categorized| categorized.transaction_id == id)
    }
}

/// Analyses a case: categories, metrics per currency, continuity, checklist and what-if.
pub fn analyze(input: &AnalysisInput, options: &AnalysisOptions) -> Analysis {
    let rules: &RuleSet = options.rules.as_deref().unwrap_or(RuleSet::builtin());
    let (transactions, prepared) = categorize::categorize_full(input, rules);
    let orders = continuity::booking_orders(input);
    let currencies = metrics::compute(input, &transactions, &prepared, &orders, options)
        .into_iter()
        .map(|metrics| {
            let checklist = checklist::evaluate(&options.policy, &metrics);
            let affordability = options
                .proposed_instalment
                .filter(|_| options.instalment_currency == metrics.currency)
                .map(|instalment| checklist::affordability(&metrics, instalment));
            CurrencyAnalysis {
                currency: metrics.currency.clone(),
                metrics,
                checklist,
                affordability,
            }
        })
        .collect();
    let continuity =
        continuity::check_in_order(input, &orders, options.as_of, options.gap_threshold_days);
    Analysis {
        as_of: options.as_of,
        rules_version: rules.version(),
        policy_version: options.policy.version,
        transactions,
        currencies,
        external: metrics::external(&input.scores),
        scores: input.scores.clone(),
        continuity,
    }
}
