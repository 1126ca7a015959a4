//! The shape of `rules/categories.toml`, as read by serde; [`super::RuleSet`] compiles it.

use rust_decimal::Decimal;
use serde::Deserialize;

use super::Tag;
use crate::analysis::category::Category;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RulesFile {
    pub(super) version: u32,
    #[serde(default, rename = "label")]
    pub(super) labels: Vec<LabelEntry>,
    pub(super) channels: ChannelsEntry,
    pub(super) verification: VerificationEntry,
    pub(super) fx: FxEntry,
    #[serde(default)]
    pub(super) organisations: Vec<String>,
    #[serde(default, rename = "rule")]
    pub(super) rules: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LabelEntry {
    pub(super) name: String,
    pub(super) credit: Option<Category>,
    pub(super) debit: Option<Category>,
    #[serde(default)]
    pub(super) priority: i32,
    pub(super) flag: Option<LabelFlag>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub(super) enum LabelFlag {
    Recurring,
    PaymentProcessor,
    Verification,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ChannelsEntry {
    pub(super) atm: Vec<String>,
    pub(super) blik: Vec<String>,
    pub(super) payment_processor: Vec<String>,
    pub(super) card: Vec<String>,
    pub(super) transfer: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct VerificationEntry {
    pub(super) keywords: Vec<String>,
    pub(super) max_amount: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FxEntry {
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) kinds: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleEntry {
    pub(super) id: String,
    pub(super) priority: i32,
    pub(super) debit: Option<Category>,
    pub(super) credit: Option<Category>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) words: Vec<String>,
    #[serde(default)]
    pub(super) kinds: Vec<String>,
    #[serde(default)]
    pub(super) iban_prefixes: Vec<String>,
    #[serde(default)]
    pub(super) tags: Vec<Tag>,
    #[serde(default)]
    pub(super) salary_candidate: bool,
}
