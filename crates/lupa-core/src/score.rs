//! Kontomatik Score on request (F-SCO-1, F-SCO-2): the warnings before a request (a repeat, a
//! likely-passed retention window), the request with every outcome put in words and recorded in
//! the ledger with its raw reply, and the latest models as the analysis' external opinion.

use chrono::{DateTime, Duration, Utc};
use lupa_kontomatik::protocol::exception as ex;
use lupa_kontomatik::{Client, Environment};
use lupa_store::{
    CaseId, ImportState, NewScoreRequest, ScoreModelRow, ScoreOutcome, ScoreRequestRow, Store,
};
use serde::Serialize;
use ts_rs::TS;

use crate::analysis::ScoreInput;
use crate::error::{Error, Result};

/// Hours Kontomatik keeps imported data by default (api-overview: 24 hours). After that a score
/// request most likely finds nothing. Configurable per workbench and CLI call.
pub const DEFAULT_RETENTION_HOURS: u32 = 24;

/// A reason to think twice before requesting a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export_to = "score.ts")]
pub enum ScoreWarning {
    /// A score was already requested for this case (each request may be billed).
    Repeat {
        /// When the last request was sent.
        last_requested_at: DateTime<Utc>,
        /// How it ended.
        last_outcome: ScoreOutcome,
    },
    /// The newest saved import is older than Kontomatik's retention window.
    RetentionPassed {
        /// When the newest saved import finished.
        imported_at: DateTime<Utc>,
        /// The window, in hours.
        hours: u32,
    },
    /// The case has no import saved from Kontomatik (only files or failures): Kontomatik may
    /// hold nothing under its owner id.
    NoKontomatikImport,
}

impl ScoreWarning {
    /// One sentence for the CLI and for the error a confirmation-less request gets.
    pub fn sentence(&self) -> String {
        match self {
            ScoreWarning::Repeat {
                last_requested_at,
                last_outcome,
            } => format!(
                "A score was already requested for this case on {} ({}); Kontomatik may bill every request.",
                last_requested_at.format("%Y-%m-%d %H:%M UTC"),
                last_outcome.as_str()
            ),
            ScoreWarning::RetentionPassed { imported_at, hours } => format!(
                "The newest import finished on {}, more than {hours} hours ago: Kontomatik has most likely deleted the data, and the request will probably find nothing.",
                imported_at.format("%Y-%m-%d %H:%M UTC")
            ),
            ScoreWarning::NoKontomatikImport => {
                "The case has no import saved from Kontomatik, so Kontomatik may hold no data under its owner id.".to_owned()
            }
        }
    }
}

/// What the case screen shows about the score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "score.ts", rename_all = "camelCase")]
pub struct ScoreStatus {
    /// The case.
    pub case_id: i64,
    /// The owner id a request sends.
    pub owner_external_id: String,
    /// Where a request goes.
    pub environment: Environment,
    /// The newest scored request (its models are the external opinion), if any.
    pub latest: Option<ScoreRequestRow>,
    /// Every request, newest first.
    pub ledger: Vec<ScoreRequestRow>,
    /// What to confirm before the next request.
    pub warnings: Vec<ScoreWarning>,
    /// The retention window the warnings used, in hours.
    pub retention_hours: u32,
}

/// The ledger, the latest score and the warnings of a case at `now`.
pub fn score_status(
    store: &Store,
    case_id: CaseId,
    now: DateTime<Utc>,
    retention_hours: u32,
) -> Result<ScoreStatus> {
    let case = store.case(case_id)?;
    let ledger = store.score_requests(case_id)?;
    let mut warnings = Vec::new();
    if let Some(last) = ledger.first() {
        warnings.push(ScoreWarning::Repeat {
            last_requested_at: last.requested_at,
            last_outcome: last.outcome,
        });
    }
    let newest_import = store
        .case_overview(case_id)?
        .imports
        .into_iter()
        .filter(|import| {
            import.state == ImportState::Saved && import.flow != lupa_store::Flow::File
        })
        .filter_map(|import| import.finished_at)
        .max();
    match newest_import {
        None => warnings.push(ScoreWarning::NoKontomatikImport),
        Some(imported_at) if now - imported_at > Duration::hours(i64::from(retention_hours)) => {
            warnings.push(ScoreWarning::RetentionPassed {
                imported_at,
                hours: retention_hours,
            });
        }
        Some(_) => {}
    }
    Ok(ScoreStatus {
        case_id: case_id.0,
        owner_external_id: case.owner_external_id,
        environment: case.environment,
        latest: ledger
            .iter()
            .find(|row| row.outcome == ScoreOutcome::Scored)
            .cloned(),
        ledger,
        warnings,
        retention_hours,
    })
}

/// Refuses a request with warnings the analyst has not confirmed.
pub fn ensure_confirmed(status: &ScoreStatus, confirmed: bool) -> Result<()> {
    if confirmed || status.warnings.is_empty() {
        return Ok(());
    }
    let sentences: Vec<String> = status.warnings.iter().map(ScoreWarning::sentence).collect();
    Err(Error::NeedsConfirmation(sentences.join(" ")))
}

/// One request as sent and answered, before it is recorded.
#[derive(Debug, Clone)]
pub struct ScoreAttempt {
    /// When it was sent.
    pub requested_at: DateTime<Utc>,
    /// How it ended.
    pub outcome: ScoreOutcome,
    /// Kontomatik's exception name or the client's error code.
    pub error_name: Option<String>,
    /// The analyst-facing explanation (the client's message and advice; never the key).
    pub error_message: Option<String>,
    /// The reply, if one came.
    pub raw: Option<lupa_kontomatik::client::RawReply>,
    /// The models (scored only).
    pub models: Vec<ScoreModelRow>,
}

/// Sends `GET /v1/owner-scores.xml?ownerExternalId=…` and classifies what came back. Never fails:
/// every outcome is something to record.
pub async fn fetch_score(client: &Client, owner_external_id: &str) -> ScoreAttempt {
    let requested_at = Utc::now();
    match client.owner_scores(owner_external_id).await {
        Ok(exchange) => ScoreAttempt {
            requested_at,
            outcome: ScoreOutcome::Scored,
            error_name: None,
            error_message: None,
            raw: Some(exchange.raw),
            models: exchange.value.iter().map(model_row).collect(),
        },
        Err(error) => {
            let exception = error.exception().map(|exception| exception.name.clone());
            let outcome = match (&error, exception.as_deref()) {
                (_, Some(ex::NO_DATA_TO_CALCULATE_SCORE)) => ScoreOutcome::NoData,
                (_, Some(ex::INVALID_OWNER_EXTERNAL_ID)) => ScoreOutcome::UnknownOwner,
                (lupa_kontomatik::Error::Unauthorized { .. }, _) => ScoreOutcome::Unauthorized,
                (lupa_kontomatik::Error::RetryLater { .. }, _) => ScoreOutcome::RetryLater,
                (lupa_kontomatik::Error::Transport { .. }, _) => ScoreOutcome::RetryLater,
                _ => ScoreOutcome::Failed,
            };
            ScoreAttempt {
                requested_at,
                outcome,
                error_name: Some(exception.unwrap_or_else(|| error.code().to_owned())),
                error_message: Some(outcome_sentence(outcome, &error)),
                raw: error.raw().cloned(),
                models: Vec::new(),
            }
        }
    }
}

fn outcome_sentence(outcome: ScoreOutcome, error: &lupa_kontomatik::Error) -> String {
    let advice = match outcome {
        ScoreOutcome::NoData => {
            "Kontomatik holds too little data on this owner to calculate a score (NoDataToCalculateScore); the local analysis stands on its own."
        }
        ScoreOutcome::UnknownOwner => {
            "Kontomatik holds no data under this owner id, most likely because its retention window passed; a new bank import is needed before a score."
        }
        _ => error.advice(),
    };
    format!("{} {advice}", error.to_string().trim_end())
}

fn model_row(model: &lupa_kontomatik::model::ScoreModel) -> ScoreModelRow {
    ScoreModelRow {
        model_id: model.id.clone(),
        retrained_at: model.retrained_at,
        score: model.score,
        percentile: model.score_percentile,
        tier: model.score_tier.clone(),
    }
}

/// Records an attempt in the case's ledger and returns the stored line.
pub fn record_score(
    store: &mut Store,
    case_id: CaseId,
    analyst: &str,
    attempt: &ScoreAttempt,
) -> Result<ScoreRequestRow> {
    let analyst = analyst.trim();
    if analyst.is_empty() {
        return Err(Error::InvalidInput(
            "the analyst's name is needed for the score ledger".to_owned(),
        ));
    }
    let case = store.case(case_id)?;
    let id = store.record_score_request(&NewScoreRequest {
        case_id,
        owner_external_id: &case.owner_external_id,
        environment: case.environment,
        analyst,
        requested_at: attempt.requested_at,
        outcome: attempt.outcome,
        error_name: attempt.error_name.as_deref(),
        error_message: attempt.error_message.as_deref(),
        raw: attempt.raw.as_ref(),
        models: &attempt.models,
    })?;
    store
        .score_requests(case_id)?
        .into_iter()
        .find(|row| row.id == id)
        .ok_or_else(|| Error::NotFound(format!("score request {id}")))
}

/// The models of the newest scored request, as analysis input.
pub fn latest_scores(store: &Store, case_id: CaseId) -> Result<Vec<ScoreInput>> {
    Ok(store
        .score_requests(case_id)?
        .into_iter()
        .find(|row| row.outcome == ScoreOutcome::Scored)
        .map(|row| {
            row.models
                .into_iter()
                .map(|model| ScoreInput {
                    model_id: model.model_id,
                    retrained_at: model.retrained_at,
                    score: model.score,
                    percentile: model.percentile,
                    tier: model.tier,
                })
                .collect()
        })
        .unwrap_or_default())
}
