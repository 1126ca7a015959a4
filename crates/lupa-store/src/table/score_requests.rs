//! `score_requests` and `score_models`: the ledger of every Kontomatik Score request (F-SCO-2)
//! with its outcome, the models of a scored one (F-SCO-1) and the raw reply.

use chrono::{DateTime, Utc};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use rusqlite::{Connection, Row, Transaction, params};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::raw_replies::Packed;
use crate::codec::{decode_error, get_environment, get_instant, get_instant_opt, instant_text};
use crate::error::{Error, Result};
use crate::ids::CaseId;
use crate::types::ScoreOutcome;

/// One model of a scored request, values as Kontomatik sent them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "store.ts", rename_all = "camelCase")]
pub struct ScoreModelRow {
    /// `model@id`, e.g. `common-2023-03-07`.
    pub model_id: String,
    /// `model@retrainedAt`.
    pub retrained_at: Option<DateTime<Utc>>,
    /// Probability of repayment, 0–1, as a decimal string.
    #[ts(type = "string | null")]
    pub score: Option<Decimal>,
    /// Percentile against Kontomatik's training population, 0–1, as a decimal string.
    #[ts(type = "string | null")]
    pub percentile: Option<Decimal>,
    /// The tier letter (an open string).
    pub tier: Option<String>,
}

/// One line of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "store.ts", rename_all = "camelCase")]
pub struct ScoreRequestRow {
    /// Id (increasing).
    pub id: i64,
    /// The case.
    #[ts(type = "number")]
    pub case_id: CaseId,
    /// The owner id sent to Kontomatik.
    pub owner_external_id: String,
    /// Where it was sent.
    pub environment: Environment,
    /// Who asked.
    pub analyst: String,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// What came back.
    pub outcome: ScoreOutcome,
    /// Kontomatik's exception name, or the client's error code.
    pub error_name: Option<String>,
    /// The explanation shown to the analyst.
    pub error_message: Option<String>,
    /// The reply's HTTP status, when a reply came.
    pub http_status: Option<u16>,
    /// The reply's SHA-256 (lower-case hex), when a reply came.
    pub sha256: Option<String>,
    /// The models, in the reply's order (empty unless scored).
    pub models: Vec<ScoreModelRow>,
}

/// A request to record.
#[derive(Debug, Clone)]
pub struct NewScoreRequest<'a> {
    /// The case.
    pub case_id: CaseId,
    /// The owner id sent.
    pub owner_external_id: &'a str,
    /// Where.
    pub environment: Environment,
    /// Who.
    pub analyst: &'a str,
    /// When it was sent.
    pub requested_at: DateTime<Utc>,
    /// What came back.
    pub outcome: ScoreOutcome,
    /// Exception name or error code.
    pub error_name: Option<&'a str>,
    /// The explanation.
    pub error_message: Option<&'a str>,
    /// The reply, if one came.
    pub raw: Option<&'a RawReply>,
    /// The models (scored only).
    pub models: &'a [ScoreModelRow],
}

const SELECT: &str = "SELECT id, case_id, owner_external_id, environment, analyst, requested_at, \
     outcome, error_name, error_message, http_status, sha256 FROM score_requests";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ScoreRequestRow> {
    Ok(ScoreRequestRow {
        id: row.get(0)?,
        case_id: row.get(1)?,
        owner_external_id: row.get(2)?,
        environment: get_environment(row, 3)?,
        analyst: row.get(4)?,
        requested_at: get_instant(row, 5)?,
        outcome: row.get(6)?,
        error_name: row.get(7)?,
        error_message: row.get(8)?,
        http_status: row.get(9)?,
        sha256: row.get(10)?,
        models: Vec::new(),
    })
}

fn decimal(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Decimal>> {
    row.get::<_, Option<String>>(column)?
        .map(|text| text.parse().map_err(|_| decode_error(column, &text)))
        .transpose()
}

fn model_from_row(row: &Row<'_>) -> rusqlite::Result<ScoreModelRow> {
    Ok(ScoreModelRow {
        model_id: row.get(0)?,
        retrained_at: get_instant_opt(row, 1)?,
        score: decimal(row, 2)?,
        percentile: decimal(row, 3)?,
        tier: row.get(4)?,
    })
}

/// Stores a request with its packed reply and models; returns its id.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    new: &NewScoreRequest<'_>,
    packed: Option<&Packed>,
) -> Result<i64> {
    let raw = new.raw;
    tx.prepare_cached(
        "INSERT INTO score_requests (case_id, owner_external_id, environment, analyst, \
         requested_at, outcome, error_name, error_message, http_status, received_at, sha256, \
         body_length, compression, body) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        new.case_id,
        new.owner_external_id,
        new.environment.as_str(),
        new.analyst,
        instant_text(new.requested_at),
        new.outcome,
        new.error_name,
        new.error_message,
        raw.map(|raw| raw.http_status),
        raw.map(|raw| instant_text(raw.received_at)),
        packed.map(|packed| packed.sha256.as_str()),
        raw.map(|raw| raw.body.len() as i64),
        packed.map(|_| "zstd"),
        packed.map(|packed| packed.compressed.as_slice()),
    ])?;
    let id = tx.last_insert_rowid();
    let mut statement = tx.prepare_cached(
        "INSERT INTO score_models (request_id, position, model_id, retrained_at, score, \
         percentile, tier) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (position, model) in new.models.iter().enumerate() {
        statement.execute(params![
            id,
            position as i64,
            model.model_id,
            model.retrained_at.map(instant_text),
            model.score.map(|value| value.to_string()),
            model.percentile.map(|value| value.to_string()),
            model.tier,
        ])?;
    }
    Ok(id)
}

/// The case's ledger, newest first, each scored line with its models.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<ScoreRequestRow>> {
    let sql = format!("{SELECT} WHERE case_id = ?1 ORDER BY id DESC");
    let mut rows: Vec<ScoreRequestRow> = conn
        .prepare_cached(&sql)?
        .query_map([case_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut models = conn.prepare_cached(
        "SELECT model_id, retrained_at, score, percentile, tier FROM score_models \
         WHERE request_id = ?1 ORDER BY position",
    )?;
    for row in rows
        .iter_mut()
        .filter(|row| row.outcome == ScoreOutcome::Scored)
    {
        row.models = models
            .query_map([row.id], model_from_row)?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}

/// A request's raw reply, decompressed and checked against its SHA-256; `None` when no reply
/// came.
pub fn body(conn: &Connection, request_id: i64) -> Result<Option<Vec<u8>>> {
    let (sha256, length, body): (Option<String>, Option<i64>, Option<Vec<u8>>) = super::found(
        conn.prepare_cached("SELECT sha256, body_length, body FROM score_requests WHERE id = ?1")?
            .query_row([request_id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            }),
        "score request",
        request_id,
    )?;
    let (Some(sha256), Some(length), Some(compressed)) = (sha256, length, body) else {
        return Ok(None);
    };
    super::raw_replies::unpack(&compressed, length, &sha256)
        .map(Some)
        .map_err(|reason| Error::Corrupt(format!("score request {request_id}: {reason}")))
}
