//! Documents that leave Lupa (F-EXP-1..3): the case document (the JSON export, and the source of
//! the PDF memo), the CSV of a transaction view, and redaction for both.
//!
//! - [`document`]: the JSON shape (schema in `docs/case-export.schema.json`).
//! - [`case_document`]: a stored case and its analysed model → a [`CaseDocument`].
//! - [`csv`]: any filtered view of the transactions table as RFC 4180 CSV.
//! - [`memo`]: the PDF credit memo.
//! - [`files`]: formats, file names and the atomic write shared by the app and the CLI.
//! - [`redact`]: the masks.

pub mod csv;
pub mod document;
pub mod files;
pub mod memo;
pub mod redact;

use chrono::{DateTime, NaiveDate, Utc};
use lupa_store::table::owners::OwnerOf;
use lupa_store::{CaseId, ImportState, Store};

use crate::analysis::MetricValue;
use crate::error::Result;
use crate::review::{CaseModel, TxFilter};
pub use document::CaseDocument;
use document::*;
pub use files::{ExportFormat, ExportRequest, ExportSummary, export_case};
use redact::Redactor;

/// The JSON Schema of [`CaseDocument`], pretty-printed with a trailing newline, as committed in
/// `docs/case-export.schema.json`.
pub fn case_document_schema() -> String {
    let schema = schemars::schema_for!(CaseDocument);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

fn date(value: NaiveDate) -> String {
    value.format("%Y-%m-%d").to_string()
}

fn instant(value: DateTime<Utc>) -> String {
    value.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A metric value as (kind, text, events sum, days since last).
pub(crate) fn value_parts(
    value: Option<&MetricValue>,
) -> (Option<String>, Option<String>, Option<String>, Option<i64>) {
    let Some(value) = value else {
        return (None, None, None, None);
    };
    let (kind, text, sum, days) = match value {
        MetricValue::Amount(amount) => ("amount", amount.to_string(), None, None),
        MetricValue::Ratio(ratio) => ("ratio", ratio.to_string(), None, None),
        MetricValue::Count(count) => ("count", count.to_string(), None, None),
        MetricValue::Days(days) => ("days", days.to_string(), None, None),
        MetricValue::Date(day) => ("date", date(*day), None, None),
        MetricValue::Flag(flag) => ("flag", flag.to_string(), None, None),
        MetricValue::Text(text) => ("text", text.clone(), None, None),
        MetricValue::Events(events) => (
            "events",
            events.count.to_string(),
            Some(events.sum.to_string()),
            events.days_since_last,
        ),
    };
    (Some(kind.to_owned()), Some(text), sum, days)
}

fn metric_info(
    section: &str,
    view: &crate::review::MetricView,
    ids: Option<&crate::analysis::Metric>,
) -> MetricInfo {
    let (kind, value, events_sum, days_since_last) = value_parts(view.value.as_ref());
    MetricInfo {
        section: section.to_owned(),
        name: view.name.clone(),
        kind,
        value,
        events_sum,
        days_since_last,
        flagged: view.flagged,
        transaction_ids: ids.map(|m| m.transaction_ids.clone()).unwrap_or_default(),
    }
}

/// The redaction of a case: off, or on with the case's owner names.
pub fn redactor(store: &Store, case_id: CaseId, redact: bool) -> Result<Redactor> {
    if !redact {
        return Ok(Redactor::off());
    }
    let overview = store.case_overview(case_id)?;
    let mut names: Vec<String> = overview
        .owners
        .iter()
        .map(|owner| owner.owner.name.clone())
        .collect();
    names.extend(overview.case.display_name.clone());
    Ok(Redactor::on(names.iter().map(String::as_str)))
}

/// Everything about a case as one document; `redact` masks names, IBANs and identifiers.
pub fn case_document(
    store: &Store,
    model: &CaseModel,
    now: DateTime<Utc>,
    redact: bool,
) -> Result<CaseDocument> {
    let case_id: CaseId = model.case_id;
    let overview = store.case_overview(case_id)?;
    let r = redactor(store, case_id, redact)?;
    let review = model.overview(None, "");
    let decisions: Vec<DecisionInfo> = store
        .decision_history(case_id)?
        .into_iter()
        .map(|row| DecisionInfo {
            action: row.action,
            rationale: r.text(&row.rationale),
            analyst: row.analyst,
            at: instant(row.at),
        })
        .collect();
    let case = &overview.case;
    let current_decision = case.decision.map(|decision| DecisionInfo {
        action: decision.as_str().to_owned(),
        rationale: r.text(&case.decision_rationale.clone().unwrap_or_default()),
        analyst: case.decided_by.clone().unwrap_or_default(),
        at: case.decided_at.map(instant).unwrap_or_default(),
    });
    // The owners of the newest saved import that lists any.
    let newest_with_owners = overview
        .owners
        .iter()
        .filter(|owner| owner.of == OwnerOf::Import)
        .map(|owner| owner.import_id)
        .max();
    let owners = overview
        .owners
        .iter()
        .filter(|owner| owner.of == OwnerOf::Import && Some(owner.import_id) == newest_with_owners)
        .map(|row| OwnerInfo {
            name: r.name(&row.owner.name),
            kind: row.owner.kind.clone(),
            address: r.hide_opt(row.owner.address.clone()),
            polish_pesel: r.hide_opt(row.owner.polish_pesel.clone()),
            polish_nip: r.hide_opt(row.owner.polish_nip.clone()),
            email: r.hide_opt(row.owner.email.clone()),
            phone: r.hide_opt(row.owner.phone.clone()),
        })
        .collect();
    let accounts = review
        .accounts
        .iter()
        .map(|account| {
            let stored = overview
                .accounts
                .iter()
                .find(|item| item.account.id.0 == account.id);
            let card = overview
                .credit_cards
                .iter()
                .find(|item| -item.card.id.0 == account.id);
            AccountInfo {
                id: account.id,
                iban: r.iban(&account.iban),
                name: r.text_opt(account.name.clone()),
                currency: account.currency.clone(),
                balance: stored
                    .and_then(|item| item.account.balance)
                    .or_else(|| card.and_then(|item| item.card.balance))
                    .map(|value| value.to_string()),
                is_card: account.is_card,
                co_owned: account.co_owned,
                continuous: account.continuous,
                breaks: account.breaks,
                transactions: stored
                    .map(|item| item.transactions)
                    .or_else(|| card.map(|item| item.transactions))
                    .unwrap_or(0) as u32,
                first_on: stored.and_then(|item| item.first_on).map(date),
                last_on: stored.and_then(|item| item.last_on).map(date),
            }
        })
        .collect();
    let mut imports = Vec::new();
    for import in &overview.imports {
        let raw_replies = store
            .import_raw_replies(import.id)?
            .into_iter()
            .map(|raw| RawReplyInfo {
                call: raw.call,
                http_status: raw.http_status,
                received_at: instant(raw.received_at),
                sha256: raw.sha256,
                bytes: raw.body_length,
            })
            .collect();
        let statement = store
            .statement_upload(import.id)?
            .map(|upload| statement_info(upload, &r));
        imports.push(ImportInfo {
            id: import.id.0,
            flow: import.flow.as_str().to_owned(),
            target: import.target.clone(),
            command_id: import.command_id.clone(),
            state: import.state.as_str().to_owned(),
            started_at: instant(import.started_at),
            finished_at: import.finished_at.map(instant),
            transactions: import
                .transaction_count
                .filter(|_| import.state == ImportState::Saved),
            raw_replies,
            statement,
        });
    }
    let currencies = review
        .currencies
        .iter()
        .map(|currency| {
            let analysed = model.analysis.currency(&currency.currency);
            CurrencyInfo {
                currency: currency.currency.clone(),
                metrics: currency
                    .sections
                    .iter()
                    .flat_map(|section| {
                        section.metrics.iter().map(move |view| {
                            metric_info(
                                &section.id,
                                view,
                                analysed.and_then(|c| c.metric(&view.name)),
                            )
                        })
                    })
                    .collect(),
                months: analysed
                    .map(|c| {
                        c.metrics
                            .months
                            .iter()
                            .map(|month| MonthInfo {
                                month: month.month.clone(),
                                partial: month.partial,
                                income: month.income.to_string(),
                                inflow: month.inflow.to_string(),
                                outflow: month.outflow.to_string(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                checklist: currency
                    .checklist
                    .iter()
                    .map(|check| CheckInfo {
                        rule_id: check.rule_id.clone(),
                        metric: check.metric.clone(),
                        comparator: check.comparator.clone(),
                        threshold: check.threshold.clone(),
                        severity: check.severity.clone(),
                        value: value_parts(check.value.as_ref()).1,
                        outcome: check.outcome.clone(),
                        description_en: check.description_en.clone(),
                        description_pl: check.description_pl.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let score = review
        .score
        .metrics
        .iter()
        .map(|view| metric_info("score", view, None))
        .collect();
    let scores = store
        .score_requests(case_id)?
        .into_iter()
        .map(|row| ScoreRequestInfo {
            requested_at: instant(row.requested_at),
            analyst: row.analyst,
            environment: row.environment.as_str().to_owned(),
            outcome: row.outcome.as_str().to_owned(),
            error_name: row.error_name,
            sha256: row.sha256,
            models: row
                .models
                .into_iter()
                .map(|model| ScoreModelInfo {
                    model_id: model.model_id,
                    retrained_at: model.retrained_at.map(instant),
                    score: model.score.map(|v| v.to_string()),
                    percentile: model.percentile.map(|v| v.to_string()),
                    tier: model.tier,
                })
                .collect(),
        })
        .collect();
    let transactions = model
        .page(&TxFilter::default(), 0, u32::MAX)?
        .rows
        .into_iter()
        .map(|row| TransactionInfo {
            id: row.id,
            account_id: row.account_id,
            transaction_on: date(row.transaction_on),
            booked_on: row.booked_on.map(date),
            amount: format!("{:.2}", row.amount),
            currency: row.currency,
            balance_after: row.balance_after.map(|v| format!("{v:.2}")),
            title: r.text_opt(row.title),
            party: r.name_opt(row.party),
            party_iban: r.iban_opt(row.party_iban),
            kind: row.kind,
            status: row.status,
            labels: row.labels,
            category: row.category,
            category_source: row.category_source,
            include_in_income: row.include_in_income,
            own_transfer: row.own_transfer,
            recurring: row.recurring,
            edited: row.edited,
            starred: row.starred,
            comment: r.text_opt(row.comment),
        })
        .collect();
    Ok(CaseDocument {
        format: FORMAT.to_owned(),
        version: VERSION,
        generated_at: instant(now),
        lupa_version: env!("CARGO_PKG_VERSION").to_owned(),
        redacted: redact,
        case: CaseInfo {
            id: case_id.0,
            environment: case.environment.as_str().to_owned(),
            owner_external_id: case.owner_external_id.clone(),
            display_name: r.name_opt(case.display_name.clone()),
            created_at: instant(case.created_at),
            delete_after: date(case.delete_after),
            decision: current_decision,
        },
        owners,
        accounts,
        imports,
        analysis: AnalysisInfo {
            as_of: date(model.as_of),
            rules_version: model.analysis.rules_version,
            policy_version: model.analysis.policy_version,
            currencies,
            score,
        },
        scores,
        decisions,
        transactions,
    })
}

fn statement_info(upload: lupa_store::StatementUploadRow, r: &Redactor) -> document::StatementInfo {
    document::StatementInfo {
        file_name: r.text(&upload.file_name),
        sha256: upload.sha256,
        bytes: upload.size,
        uploaded_at: instant(upload.uploaded_at),
        api: upload.api,
        mode: upload.mode,
        statement_id: upload.statement_id,
        is_consistent: upload.is_consistent,
        accept_inconsistent: upload.accept_inconsistent,
        refusal: upload.refusal,
        failed_verifications: upload
            .failed_verifications
            .into_iter()
            .map(|check| match check.message {
                Some(message) => format!("{}: {}", check.name, r.text(&message)),
                None => check.name,
            })
            .collect(),
        checks: upload
            .checks
            .into_iter()
            .map(|check| format!("{}: {}", check.check, check.outcome.as_str()))
            .collect(),
    }
}
