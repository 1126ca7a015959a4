//! The case document: everything Lupa knows about a case, in one serialisable shape. It is the
//! JSON export's format (its JSON Schema is committed as `docs/case-export.schema.json`) and the
//! PDF memo's source, so both say the same thing. Money and ratios are decimal strings, dates
//! `YYYY-MM-DD`, instants RFC 3339 UTC.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `format` of every case document.
pub const FORMAT: &str = "lupa-case-export";
/// `version` of this shape; bump on any incompatible change and regenerate the schema.
pub const VERSION: u32 = 1;

/// A whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(
    title = "Lupa case export",
    description = "A case of Lupa, the credit analyst's workbench for Kontomatik bank imports."
)]
pub struct CaseDocument {
    /// Always `lupa-case-export`.
    pub format: String,
    /// The shape's version (1).
    pub version: u32,
    /// When the document was made.
    pub generated_at: String,
    /// The Lupa version that made it.
    pub lupa_version: String,
    /// Names, IBANs and personal identifiers are masked (F-EXP-3).
    pub redacted: bool,
    /// The case.
    pub case: CaseInfo,
    /// The applicant and co-owners from the newest import that lists any.
    pub owners: Vec<OwnerInfo>,
    /// Accounts and cards, with coverage.
    pub accounts: Vec<AccountInfo>,
    /// Every import, with the SHA-256 of each raw reply (the evidence).
    pub imports: Vec<ImportInfo>,
    /// The local analysis.
    pub analysis: AnalysisInfo,
    /// Every Kontomatik Score request, newest first.
    pub scores: Vec<ScoreRequestInfo>,
    /// Decisions and reopenings, oldest first.
    pub decisions: Vec<DecisionInfo>,
    /// Every transaction, newest first.
    pub transactions: Vec<TransactionInfo>,
}

/// The case itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CaseInfo {
    /// Lupa's id.
    pub id: i64,
    /// `sandbox`, `test` or `production`.
    pub environment: String,
    /// The owner id given to Kontomatik.
    pub owner_external_id: String,
    /// The applicant's name as shown.
    pub display_name: Option<String>,
    /// When the case was created.
    pub created_at: String,
    /// When the retention purge deletes it.
    pub delete_after: String,
    /// The current decision, if decided.
    pub decision: Option<DecisionInfo>,
}

/// An owner (applicant or co-owner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OwnerInfo {
    /// Name.
    pub name: String,
    /// `OWNER`, `CO_OWNER`, … as Kontomatik sent it.
    pub kind: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// PESEL.
    pub polish_pesel: Option<String>,
    /// NIP.
    pub polish_nip: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// An account or card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountInfo {
    /// The id transactions refer to (a card's is negative).
    pub id: i64,
    /// IBAN, or the card's identity.
    pub iban: String,
    /// Name at the bank.
    pub name: Option<String>,
    /// ISO 4217 code.
    pub currency: String,
    /// Balance in the newest import.
    pub balance: Option<String>,
    /// A credit card.
    pub is_card: bool,
    /// A co-owner is listed (joint; counted once).
    pub co_owned: bool,
    /// Balance continuity holds.
    pub continuous: bool,
    /// Breaks between consecutive balances.
    pub breaks: u32,
    /// Transactions stored.
    pub transactions: u32,
    /// The first transaction's date.
    pub first_on: Option<String>,
    /// The last transaction's date.
    pub last_on: Option<String>,
}

/// An import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportInfo {
    /// Lupa's id.
    pub id: i64,
    /// `default`, `advanced` or `file`.
    pub flow: String,
    /// The bank (Kontomatik target).
    pub target: String,
    /// Kontomatik's command id.
    pub command_id: Option<String>,
    /// `running`, `saved`, `failed`, …
    pub state: String,
    /// Started.
    pub started_at: String,
    /// Finished.
    pub finished_at: Option<String>,
    /// Transactions it brought.
    pub transactions: Option<i64>,
    /// Its raw replies.
    pub raw_replies: Vec<RawReplyInfo>,
    /// For a PDF statement (flow `file`): the file and the verification verdict.
    pub statement: Option<StatementInfo>,
}

/// The evidence of a PDF statement sent to Kontomatik's PDF Parsing API (F-IMP-11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatementInfo {
    /// The file's name as uploaded (masked text when redacted).
    pub file_name: String,
    /// SHA-256 of the PDF, lower-case hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was sent.
    pub uploaded_at: String,
    /// The adapter (`xml-v1`) and mode (`standard`).
    pub api: String,
    /// `standard` or `trusted`.
    pub mode: String,
    /// Kontomatik's statement id.
    pub statement_id: Option<String>,
    /// `false` for an inconsistent document (an account history) the analyst accepted.
    pub is_consistent: Option<bool>,
    /// Whether the analyst accepted an inconsistent document.
    pub accept_inconsistent: bool,
    /// The refusal (`tampered`, `inconsistent`, …), when refused.
    pub refusal: Option<String>,
    /// Verifications Kontomatik reported as failed, as `NAME: words`.
    pub failed_verifications: Vec<String>,
    /// Lupa's checks as `check: outcome`, e.g. `iban: pass`.
    pub checks: Vec<String>,
}

/// A stored raw reply, by hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RawReplyInfo {
    /// Method and path, or `FILE`.
    pub call: String,
    /// HTTP status (0 for a file).
    pub http_status: u16,
    /// When it was received.
    pub received_at: String,
    /// SHA-256 of the body, lower-case hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Body length in bytes.
    pub bytes: u64,
}

/// The local analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnalysisInfo {
    /// The analysis date.
    pub as_of: String,
    /// Category rules' version.
    pub rules_version: u32,
    /// Policy checklist's version.
    pub policy_version: u32,
    /// Per currency.
    pub currencies: Vec<CurrencyInfo>,
    /// The Kontomatik Score figures of the newest scored request.
    pub score: Vec<MetricInfo>,
}

/// One currency's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurrencyInfo {
    /// ISO 4217 code.
    pub currency: String,
    /// Figures in the overview's order (income, obligations, balance, risk, quality).
    pub metrics: Vec<MetricInfo>,
    /// The month table, oldest first.
    pub months: Vec<MonthInfo>,
    /// The policy checklist.
    pub checklist: Vec<CheckInfo>,
}

/// One figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MetricInfo {
    /// `income`, `obligations`, `balance`, `risk`, `quality` or `score`.
    pub section: String,
    /// The §5.2 name, e.g. `income_median_3m`.
    pub name: String,
    /// `amount`, `ratio`, `count`, `days`, `date`, `flag`, `text`, `events`; absent when it
    /// cannot be computed.
    pub kind: Option<String>,
    /// The value as text (events: their count).
    pub value: Option<String>,
    /// Events: their total.
    pub events_sum: Option<String>,
    /// Events: days since the last one.
    pub days_since_last: Option<i64>,
    /// A risk figure that is not clean.
    pub flagged: bool,
    /// The transactions behind it (ids in `transactions`).
    pub transaction_ids: Vec<i64>,
}

/// One calendar month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MonthInfo {
    /// `YYYY-MM`.
    pub month: String,
    /// Not fully covered by the history (or the current month).
    pub partial: bool,
    /// Income.
    pub income: String,
    /// Credits except own transfers.
    pub inflow: String,
    /// Debits except own transfers, positive.
    pub outflow: String,
}

/// A checklist rule's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInfo {
    /// Rule id.
    pub rule_id: String,
    /// The metric compared.
    pub metric: String,
    /// `<=`, `<`, `>=`, `>`, `==`.
    pub comparator: String,
    /// Threshold.
    pub threshold: String,
    /// `hard` or `soft`.
    pub severity: String,
    /// The metric's value as text.
    pub value: Option<String>,
    /// `PASS`, `FAIL` or `NEEDS_REVIEW`.
    pub outcome: String,
    /// The rule in English.
    pub description_en: String,
    /// The rule in Polish.
    pub description_pl: String,
}

/// A Kontomatik Score request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreRequestInfo {
    /// When.
    pub requested_at: String,
    /// Who.
    pub analyst: String,
    /// Where.
    pub environment: String,
    /// `scored`, `no_data`, `unknown_owner`, `unauthorized`, `retry_later` or `failed`.
    pub outcome: String,
    /// Exception name or error code.
    pub error_name: Option<String>,
    /// SHA-256 of the raw reply.
    pub sha256: Option<String>,
    /// Models (scored only).
    pub models: Vec<ScoreModelInfo>,
}

/// One score model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreModelInfo {
    /// Model id.
    pub model_id: String,
    /// When the model was retrained.
    pub retrained_at: Option<String>,
    /// Probability of repayment, 0–1.
    pub score: Option<String>,
    /// Percentile in Kontomatik's training population, 0–1.
    pub percentile: Option<String>,
    /// Tier letter.
    pub tier: Option<String>,
}

/// A decision or reopening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionInfo {
    /// `approve`, `decline`, `refer` or `reopen`.
    pub action: String,
    /// Rationale or reason.
    pub rationale: String,
    /// Who.
    pub analyst: String,
    /// When.
    pub at: String,
}

/// A transaction with its category and the analyst's notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionInfo {
    /// Lupa's id (metrics' `transactionIds` refer to it).
    pub id: i64,
    /// The account's id in `accounts`.
    pub account_id: i64,
    /// `transactionOn`.
    pub transaction_on: String,
    /// `bookedOn`.
    pub booked_on: Option<String>,
    /// Signed amount.
    #[schemars(regex(pattern = r"^-?[0-9]+\.[0-9]{2}$"))]
    pub amount: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Balance after it.
    pub balance_after: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Counterparty.
    pub party: Option<String>,
    /// Counterparty's IBAN.
    pub party_iban: Option<String>,
    /// Kind as the bank names it.
    pub kind: Option<String>,
    /// Status (`PENDING`, …).
    pub status: Option<String>,
    /// Kontomatik's labels.
    pub labels: Vec<String>,
    /// The §5.1 category.
    pub category: String,
    /// `kontomatik_label:…`, `rule:…` or `analyst`.
    pub category_source: String,
    /// Counted as income.
    pub include_in_income: bool,
    /// An own transfer.
    pub own_transfer: bool,
    /// Recurring monthly.
    pub recurring: bool,
    /// Edited by the analyst.
    pub edited: bool,
    /// Starred.
    pub starred: bool,
    /// The analyst's comment.
    pub comment: Option<String>,
}
