//! `saved_views`: named filters of the transactions table (F-REV-4), shared by every case. The
//! filter is the UI's query as JSON; the store does not interpret it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;
use ts_rs::TS;

use crate::codec::{get_instant, instant_text};
use crate::error::Result;

/// A saved view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct SavedViewRow {
    /// Id.
    pub id: i64,
    /// Its name (unique).
    pub name: String,
    /// The filter, as JSON.
    pub filter: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<SavedViewRow> {
    Ok(SavedViewRow {
        id: row.get(0)?,
        name: row.get(1)?,
        filter: row.get(2)?,
        created_at: get_instant(row, 3)?,
    })
}

/// Every view, by name.
pub fn all(conn: &Connection) -> Result<Vec<SavedViewRow>> {
    let mut statement = conn
        .prepare_cached("SELECT id, name, filter, created_at FROM saved_views ORDER BY name, id")?;
    let rows = statement.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saves a view, replacing the one with the same name; returns its id.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    name: &str,
    filter: &str,
    at: DateTime<Utc>,
) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO saved_views (name, filter, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, created_at = excluded.created_at
             RETURNING id",
        )?
        .query_row(params![name, filter, instant_text(at)], |row| row.get(0))?)
}

/// Deletes a view; true when it existed.
pub(crate) fn delete(tx: &Transaction<'_>, id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached("DELETE FROM saved_views WHERE id = ?1")?
        .execute(params![id])?
        > 0)
}
