//! The case overview in F-REV-2's order — income, obligations, balance health, risk flags, data
//! quality, Kontomatik Score — with the checklist and its evidence (F-ANA-5), the affordability
//! what-if, balance continuity and the accounts the table filters by. Every figure carries how many
//! transactions are behind it; [`super::Evidence`] opens them.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::model::CaseModel;
use crate::analysis::checklist::{Outcome, Policy, Severity, affordability};
use crate::analysis::metrics::describe;
use crate::analysis::{Category, Metric, MetricValue};

/// The overview's sections in F-REV-2's order, each with its metrics in display order. Metrics
/// named `income_by_category_*` join the income section after these.
pub const SECTIONS: [(&str, &[&str]); 5] = [
    (
        "income",
        &[
            "income_90d_avg",
            "income_m0",
            "income_m1",
            "income_m2",
            "main_employer",
            "employers_count",
            "salary_months",
            "income_cv",
            "income_trend",
            "days_since_last_income",
            "total_inflow_avg",
            "cash_deposit_to_income",
            "p2p_inflow_to_income",
        ],
    ),
    (
        "obligations",
        &[
            "debt_service_avg",
            "dsti",
            "dsti_with_new_loan",
            "essential_exp_avg",
            "discretionary_exp_avg",
            "free_cash_flow_avg",
            "net_cash_flow",
            "nonbank_lenders_count",
            "nonbank_repayment_share",
            "loan_proceeds_90d",
            "days_since_last_loan_proceeds",
            "card_repayment_trend",
        ],
    ),
    (
        "balance",
        &[
            "avg_daily_balance",
            "min_balance",
            "min_balance_date",
            "negative_balance_days",
            "overdraft_max_depth",
            "balance_before_payday_avg",
            "end_balance",
        ],
    ),
    (
        "risk",
        &[
            "gambling_out_sum_90d",
            "gambling_to_income",
            "gambling_months",
            "gambling_net",
            "bailiff_events",
            "debt_collection_events",
            "returned_payments_count",
            "penalty_fees_count",
            "cash_withdrawal_to_income",
            "large_unexplained_inflows",
            "salary_passthrough",
            "round_tripping",
            "self_employed_indicator",
        ],
    ),
    (
        "quality",
        &[
            "history_days",
            "full_months",
            "accounts_count",
            "co_owned_accounts",
            "uncategorised_share",
            "gap_days_max",
            "label_coverage",
            "label_vs_local_disagreements",
        ],
    ),
];

/// One figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct MetricView {
    /// The §5.2 name.
    pub name: String,
    /// The value; `null` when it cannot be computed.
    pub value: Option<MetricValue>,
    /// Transactions behind it.
    pub transactions: u32,
    /// Its definition (English; the UI translates the name).
    pub description: String,
    /// A risk figure that is not clean (events, a positive sum, a true flag): shown as a flag.
    pub flagged: bool,
}

/// A section of the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct ReviewSection {
    /// `income`, `obligations`, `balance`, `risk`, `quality` or `score`.
    pub id: String,
    /// Its figures.
    pub metrics: Vec<MetricView>,
}

/// A checklist rule's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct CheckView {
    /// The rule's id.
    pub rule_id: String,
    /// The metric compared.
    pub metric: String,
    /// `<=`, `<`, `>=`, `>`, `==`.
    pub comparator: String,
    /// The threshold that applied.
    pub threshold: String,
    /// `hard` or `soft`.
    pub severity: String,
    /// The metric's value.
    pub value: Option<MetricValue>,
    /// `PASS`, `FAIL` or `NEEDS_REVIEW`.
    pub outcome: String,
    /// The rule in English.
    pub description_en: String,
    /// The rule in Polish.
    pub description_pl: String,
    /// Transactions behind it.
    pub transactions: u32,
}

/// The what-if of a proposed instalment (F-ANA-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct AffordabilityView {
    /// The instalment.
    #[ts(type = "string")]
    pub instalment: Decimal,
    /// DSTI now.
    #[ts(type = "string | null")]
    pub dsti_before: Option<Decimal>,
    /// DSTI with the instalment.
    #[ts(type = "string | null")]
    pub dsti_after: Option<Decimal>,
    /// Monthly free cash flow now.
    #[ts(type = "string | null")]
    pub free_cash_flow_before: Option<Decimal>,
    /// And after paying the instalment.
    #[ts(type = "string | null")]
    pub free_cash_flow_after: Option<Decimal>,
}

/// One currency's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct CurrencyReview {
    /// ISO 4217 code.
    pub currency: String,
    /// The five local sections.
    pub sections: Vec<ReviewSection>,
    /// The checklist.
    pub checklist: Vec<CheckView>,
    /// The what-if, when an instalment was given.
    pub affordability: Option<AffordabilityView>,
}

/// An account or card as the table names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct AccountRef {
    /// The id rows carry (a card's is negative).
    pub id: i64,
    /// IBAN, or the card's identity.
    pub iban: String,
    /// Its name at the bank.
    pub name: Option<String>,
    /// ISO 4217 code.
    pub currency: String,
    /// A credit card.
    pub is_card: bool,
    /// A co-owner is listed (a joint account, counted once).
    pub co_owned: bool,
    /// Balance continuity holds (no break between consecutive balances).
    pub continuous: bool,
    /// Balance breaks found.
    pub breaks: u32,
    /// Gaps longer than the threshold: (after, until, days).
    pub gaps: Vec<(NaiveDate, NaiveDate, i64)>,
}

/// The review overview of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct ReviewOverview {
    /// The case.
    pub case_id: i64,
    /// The analysis date.
    pub as_of: NaiveDate,
    /// The model's revision.
    #[ts(type = "number")]
    pub revision: u64,
    /// Per currency.
    pub currencies: Vec<CurrencyReview>,
    /// Kontomatik Score, when requested (an external opinion, not per currency).
    pub score: ReviewSection,
    /// Accounts and cards.
    pub accounts: Vec<AccountRef>,
    /// Every category code, in §5.1 order (for recategorising).
    pub categories: Vec<String>,
    /// The Kontomatik labels that occur in the case.
    pub labels: Vec<String>,
    /// Transactions in the case.
    pub transactions: u32,
}

fn flagged(section: &str, value: Option<&MetricValue>) -> bool {
    if section != "risk" {
        return false;
    }
    match value {
        Some(MetricValue::Events(events)) => events.count > 0,
        Some(MetricValue::Flag(flag)) => *flag,
        Some(MetricValue::Count(count)) => *count > 0,
        Some(MetricValue::Amount(amount) | MetricValue::Ratio(amount)) => !amount.is_zero(),
        _ => false,
    }
}

fn view(section: &str, metric: &Metric) -> MetricView {
    MetricView {
        name: metric.name.clone(),
        value: metric.value.clone(),
        transactions: metric.transaction_ids.len() as u32,
        description: describe(&metric.name)
            .map(|info| info.description.to_owned())
            .unwrap_or_default(),
        flagged: flagged(section, metric.value.as_ref()),
    }
}

impl CaseModel {
    /// The overview; `instalment` (in `instalment_currency`) adds the what-if.
    pub fn overview(
        &self,
        instalment: Option<Decimal>,
        instalment_currency: &str,
    ) -> ReviewOverview {
        let policy = Policy::builtin();
        let currencies = self
            .analysis
            .currencies
            .iter()
            .map(|currency| {
                let mut sections: Vec<ReviewSection> = SECTIONS
                    .iter()
                    .map(|(id, names)| ReviewSection {
                        id: (*id).to_owned(),
                        metrics: names
                            .iter()
                            .filter_map(|name| currency.metric(name))
                            .map(|metric| view(id, metric))
                            .collect(),
                    })
                    .collect();
                sections[0].metrics.extend(
                    currency
                        .metrics
                        .metrics
                        .iter()
                        .filter(|metric| metric.name.starts_with("income_by_category_"))
                        // Only the sources the applicant has: a zero per category is noise.
                        .filter(|metric| {
                            !matches!(&metric.value, Some(MetricValue::Amount(amount)) if amount.is_zero())
                        })
                        .map(|metric| view("income", metric)),
                );
                let checklist = currency
                    .checklist
                    .iter()
                    .map(|check| {
                        let rule = policy.rules.iter().find(|rule| rule.id == check.rule_id);
                        CheckView {
                            rule_id: check.rule_id.clone(),
                            metric: check.metric.clone(),
                            comparator: check.comparator.to_string(),
                            threshold: check.threshold.to_string(),
                            severity: match check.severity {
                                Severity::Hard => "hard",
                                Severity::Soft => "soft",
                            }
                            .to_owned(),
                            value: check.value.clone(),
                            outcome: match check.outcome {
                                Outcome::Pass => "PASS",
                                Outcome::Fail => "FAIL",
                                Outcome::NeedsReview => "NEEDS_REVIEW",
                            }
                            .to_owned(),
                            description_en: rule
                                .map(|rule| rule.description_en.clone())
                                .unwrap_or_default(),
                            description_pl: rule
                                .map(|rule| rule.description_pl.clone())
                                .unwrap_or_default(),
                            transactions: check.transaction_ids.len() as u32,
                        }
                    })
                    .collect();
                let affordability = instalment
                    .filter(|_| instalment_currency == currency.currency)
                    .map(|instalment| {
                        let what_if = affordability(&currency.metrics, instalment);
                        AffordabilityView {
                            instalment: what_if.instalment,
                            dsti_before: what_if.dsti_before,
                            dsti_after: what_if.dsti_after,
                            free_cash_flow_before: what_if.free_cash_flow_before,
                            free_cash_flow_after: what_if.free_cash_flow_after,
                        }
                    });
                CurrencyReview {
                    currency: currency.currency.clone(),
                    sections,
                    checklist,
                    affordability,
                }
            })
            .collect();
        let accounts = self
            .input
            .accounts
            .iter()
            .map(|account| {
                let continuity = self
                    .analysis
                    .continuity
                    .iter()
                    .find(|entry| entry.account_id == account.id);
                AccountRef {
                    id: account.id,
                    iban: account.iban.clone(),
                    name: account.name.clone(),
                    currency: account.currency.clone(),
                    is_card: account.is_card,
                    co_owned: account.co_owned,
                    continuous: continuity.is_none_or(|entry| entry.is_continuous()),
                    breaks: continuity.map_or(0, |entry| entry.breaks.len() as u32),
                    gaps: continuity
                        .map(|entry| {
                            entry
                                .gaps
                                .iter()
                                .map(|gap| (gap.after, gap.until, gap.days))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let labels: BTreeSet<&str> = self
            .input
            .transactions
            .iter()
            .flat_map(|tx| tx.labels.iter().map(String::as_str))
            .collect();
        ReviewOverview {
            case_id: self.case_id.0,
            as_of: self.as_of,
            revision: self.revision,
            currencies,
            score: ReviewSection {
                id: "score".to_owned(),
                metrics: self
                    .analysis
                    .external
                    .iter()
                    .map(|metric| view("score", metric))
                    .collect(),
            },
            accounts,
            categories: Category::ALL
                .iter()
                .map(|category| category.code().to_owned())
                .collect(),
            labels: labels.into_iter().map(str::to_owned).collect(),
            transactions: self.input.transactions.len() as u32,
        }
    }
}
