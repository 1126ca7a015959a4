//! The lender's policy checklist (F-ANA-5): declarative rules over the metrics, evaluated to
//! pass, fail or needs-review with the metric's value and evidence, plus the affordability
//! what-if of a proposed instalment.
//!
//! The default policy is `policy/default.toml` (embedded); a lender passes its own file of the
//! same shape to [`Policy::from_toml_str`]. The outcome is a checklist, never a probability.

use std::fmt;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::metrics::{CurrencyMetrics, MetricValue, money, ratio};

/// The built-in policy file.
pub const DEFAULT_POLICY: &str = include_str!("../../policy/default.toml");

/// Why a policy file was rejected.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// Not valid TOML or not the expected shape.
    #[error("policy file: {0}")]
    Toml(#[from] toml::de::Error),
    /// A threshold that is neither a number nor yes/no.
    #[error("policy rule {rule}: {reason}")]
    Invalid {
        /// The rule id.
        rule: String,
        /// What is wrong.
        reason: String,
    },
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    /// `<=`
    #[serde(rename = "<=")]
    AtMost,
    /// `<`
    #[serde(rename = "<")]
    Below,
    /// `>=`
    #[serde(rename = ">=")]
    AtLeast,
    /// `>`
    #[serde(rename = ">")]
    Above,
    /// `==`
    #[serde(rename = "==")]
    Equal,
    /// `!=`
    #[serde(rename = "!=")]
    NotEqual,
}

impl Comparator {
    fn holds<T: PartialOrd>(self, left: &T, right: &T) -> bool {
        match self {
            Comparator::AtMost => left <= right,
            Comparator::Below => left < right,
            Comparator::AtLeast => left >= right,
            Comparator::Above => left > right,
            Comparator::Equal => left == right,
            Comparator::NotEqual => left != right,
        }
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparator::AtMost => "<=",
            Comparator::Below => "<",
            Comparator::AtLeast => ">=",
            Comparator::Above => ">",
            Comparator::Equal => "==",
            Comparator::NotEqual => "!=",
        })
    }
}

/// A threshold: a number or yes/no.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Threshold {
    /// Compared with numeric metrics (amounts, ratios, counts, days, event counts).
    Number(Decimal),
    /// Compared with yes/no metrics.
    Flag(bool),
}

impl Threshold {
    fn from_toml(rule: &str, value: &toml::Value) -> Result<Self, PolicyError> {
        let invalid = |reason: String| PolicyError::Invalid {
            rule: rule.to_owned(),
            reason,
        };
        match value {
            toml::Value::String(text) => text
                .trim()
                .parse()
                .map(Threshold::Number)
                .map_err(|_| invalid(format!("threshold {text:?} is not a decimal"))),
            toml::Value::Integer(number) => Ok(Threshold::Number(Decimal::from(*number))),
            toml::Value::Float(number) => number
                .to_string()
                .parse()
                .map(Threshold::Number)
                .map_err(|_| invalid(format!("threshold {number} is not a decimal"))),
            toml::Value::Boolean(flag) => Ok(Threshold::Flag(*flag)),
            other => Err(invalid(format!(
                "threshold {other:?} is not a number or yes/no"
            ))),
        }
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threshold::Number(number) => write!(f, "{number}"),
            Threshold::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

/// How much a failed rule weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A failure normally declines.
    Hard,
    /// A failure needs a referral.
    Soft,
}

/// Another threshold when a condition on another metric holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Raised {
    /// The threshold that then applies.
    pub threshold: Threshold,
    /// The metric of the condition.
    pub metric: String,
    /// Its comparison.
    pub comparator: Comparator,
    /// Its value.
    pub value: Decimal,
    /// The only currency the condition applies to, if any.
    pub currency: Option<String>,
}

/// One checklist rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyRule {
    /// Stable id.
    pub id: String,
    /// The metric compared.
    pub metric: String,
    /// The comparison.
    pub comparator: Comparator,
    /// The threshold.
    pub threshold: Threshold,
    /// How much a failure weighs.
    pub severity: Severity,
    /// English description.
    pub description_en: String,
    /// Polish description.
    pub description_pl: String,
    /// A conditional other threshold.
    pub raised: Option<Raised>,
}

/// How much of P2P transfers and cash withdrawals counts as discretionary spending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// Share of `OUT_P2P` (0–1).
    pub p2p_out_share: Decimal,
    /// Share of `OUT_CASH_WITHDRAWAL` (0–1).
    pub cash_withdrawal_share: Decimal,
}

/// A policy: the checklist and the attribution shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// The file's `version`.
    pub version: u32,
    /// Its name.
    pub name: String,
    /// Discretionary attribution.
    pub attribution: Attribution,
    /// The rules, in file order.
    pub rules: Vec<PolicyRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    version: u32,
    name: String,
    attribution: Attribution,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    id: String,
    metric: String,
    comparator: Comparator,
    threshold: toml::Value,
    severity: Severity,
    description_en: String,
    description_pl: String,
    raised: Option<RaisedFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RaisedFile {
    threshold: toml::Value,
    metric: String,
    comparator: Comparator,
    value: Decimal,
    currency: Option<String>,
}

impl Policy {
    /// The embedded default policy.
    pub fn builtin() -> &'static Policy {
        static BUILTIN: OnceLock<Policy> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Policy::from_toml_str(DEFAULT_POLICY).expect("the embedded policy is valid")
        })
    }

    /// Parses a policy file.
    pub fn from_toml_str(text: &str) -> Result<Policy, PolicyError> {
        let file: PolicyFile = toml::from_str(text)?;
        let mut rules = Vec::with_capacity(file.rules.len());
        for rule in file.rules {
            let raised = match rule.raised {
                Some(raised) => Some(Raised {
                    threshold: Threshold::from_toml(&rule.id, &raised.threshold)?,
                    metric: raised.metric,
                    comparator: raised.comparator,
                    value: raised.value,
                    currency: raised.currency,
                }),
                None => None,
            };
            rules.push(PolicyRule {
                threshold: Threshold::from_toml(&rule.id, &rule.threshold)?,
                id: rule.id,
                metric: rule.metric,
                comparator: rule.comparator,
                severity: rule.severity,
                description_en: rule.description_en,
                description_pl: rule.description_pl,
                raised,
            });
        }
        Ok(Policy {
            version: file.version,
            name: file.name,
            attribution: file.attribution,
            rules,
        })
    }
}

/// The result of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Outcome {
    /// The rule holds.
    Pass,
    /// The rule does not hold.
    Fail,
    /// The metric could not be computed or compared: the analyst decides.
    NeedsReview,
}

/// One evaluated rule with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckResult {
    /// The rule's id.
    pub rule_id: String,
    /// The metric compared.
    pub metric: String,
    /// The comparison.
    pub comparator: Comparator,
    /// The threshold that applied.
    pub threshold: Threshold,
    /// How much a failure weighs.
    pub severity: Severity,
    /// The metric's value.
    pub value: Option<MetricValue>,
    /// Pass, fail or needs review.
    pub outcome: Outcome,
    /// The transactions behind the metric.
    pub transaction_ids: Vec<i64>,
}

/// Evaluates `policy` against one currency's metrics.
pub fn evaluate(policy: &Policy, metrics: &CurrencyMetrics) -> Vec<CheckResult> {
    policy
        .rules
        .iter()
        .map(|rule| {
            let found = metrics.get(&rule.metric);
            let value = found.and_then(|metric| metric.value.clone());
            let threshold = match &rule.raised {
                Some(raised) if raised_applies(raised, metrics) => raised.threshold.clone(),
                _ => rule.threshold.clone(),
            };
            let outcome = match (&value, &threshold) {
                (Some(MetricValue::Flag(flag)), Threshold::Flag(expected)) => {
                    pass_or_fail(rule.comparator.holds(flag, expected))
                }
                (Some(value), Threshold::Number(expected)) => match value.as_decimal() {
                    Some(number) if !matches!(value, MetricValue::Flag(_)) => {
                        pass_or_fail(rule.comparator.holds(&number, expected))
                    }
                    _ => Outcome::NeedsReview,
                },
                _ => Outcome::NeedsReview,
            };
            CheckResult {
                rule_id: rule.id.clone(),
                metric: rule.metric.clone(),
                comparator: rule.comparator,
                threshold,
                severity: rule.severity,
                value,
                outcome,
                transaction_ids: found
                    .map(|metric| metric.transaction_ids.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn pass_or_fail(holds: bool) -> Outcome {
    if holds { Outcome::Pass } else { Outcome::Fail }
}

fn raised_applies(raised: &Raised, metrics: &CurrencyMetrics) -> bool {
    if raised
        .currency
        .as_deref()
        .is_some_and(|currency| currency != metrics.currency)
    {
        return false;
    }
    metrics
        .get(&raised.metric)
        .and_then(|metric| metric.value.as_ref())
        .and_then(MetricValue::as_decimal)
        .is_some_and(|value| raised.comparator.holds(&value, &raised.value))
}

/// The affordability what-if of a proposed instalment, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Affordability {
    /// The currency.
    pub currency: String,
    /// The proposed monthly instalment.
    pub instalment: Decimal,
    /// DSTI now (`None` without income).
    pub dsti_before: Option<Decimal>,
    /// DSTI with the instalment.
    pub dsti_after: Option<Decimal>,
    /// Monthly free cash flow now.
    pub free_cash_flow_before: Option<Decimal>,
    /// Monthly free cash flow after paying the instalment.
    pub free_cash_flow_after: Option<Decimal>,
}

/// DSTI and free cash flow before and after a proposed instalment.
pub fn affordability(metrics: &CurrencyMetrics, instalment: Decimal) -> Affordability {
    let amount = |name: &str| {
        metrics
            .get(name)
            .and_then(|metric| metric.value.as_ref())
            .and_then(MetricValue::as_decimal)
    };
    let income = amount("income_90d_avg");
    let debt = amount("debt_service_avg");
    let free_cash_flow = amount("free_cash_flow_avg");
    let dsti = |extra: Decimal| {
        income
            .zip(debt)
            .and_then(|(income, debt)| ratio(debt + extra, income))
    };
    Affordability {
        currency: metrics.currency.clone(),
        instalment,
        dsti_before: dsti(Decimal::ZERO),
        dsti_after: dsti(instalment),
        free_cash_flow_before: free_cash_flow,
        free_cash_flow_after: free_cash_flow.map(|value| money(value - instalment)),
    }
}
