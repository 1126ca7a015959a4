//! `used_sessions`: every bank session an import was started with (F-IMP-2: single use).

use chrono::{DateTime, Utc};
use lupa_kontomatik::Environment;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{get_environment, get_instant, instant_text};
use crate::error::{Error, Result};
use crate::ids::ImportId;

/// A used-session row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UsedSessionRow {
    /// Environment the session belongs to.
    pub environment: Environment,
    /// Kontomatik's session id.
    pub session_id: String,
    /// When an import first used it.
    pub used_at: DateTime<Utc>,
    /// That import (`None` once its case was purged).
    pub import_id: Option<ImportId>,
}

const SELECT: &str = "SELECT environment, session_id, used_at, import_id FROM used_sessions \
     WHERE environment = ?1 AND session_id = ?2";
const INSERT: &str = "INSERT INTO used_sessions (environment, session_id, used_at, import_id) VALUES (?1, ?2, ?3, ?4)";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<UsedSessionRow> {
    Ok(UsedSessionRow {
        environment: get_environment(row, 0)?,
        session_id: row.get(1)?,
        used_at: get_instant(row, 2)?,
        import_id: row.get(3)?,
    })
}

/// The record of a session, if it was used.
pub fn get(
    conn: &Connection,
    environment: Environment,
    session_id: &str,
) -> Result<Option<UsedSessionRow>> {
    Ok(conn
        .prepare_cached(SELECT)?
        .query_row(params![environment.as_str(), session_id], from_row)
        .optional()?)
}

/// Records a session as used by `import_id`. Claiming it again for the same import is a no-op;
/// for any other import it is [`Error::SessionAlreadyUsed`]. Returns whether a row was added.
pub(crate) fn claim(
    tx: &Transaction<'_>,
    environment: Environment,
    session_id: &str,
    import_id: ImportId,
    now: DateTime<Utc>,
) -> Result<bool> {
    if let Some(used) = get(tx, environment, session_id)? {
        if used.import_id == Some(import_id) {
            return Ok(false);
        }
        return Err(Error::SessionAlreadyUsed {
            used_at: used.used_at,
            import_id: used.import_id,
        });
    }
    tx.prepare_cached(INSERT)?.execute(params![
        environment.as_str(),
        session_id,
        instant_text(now),
        import_id
    ])?;
    Ok(true)
}
