//! `category_overrides`: the analyst's category and income-inclusion choices per transaction.

use rusqlite::{Connection, Row, Transaction, params};

use crate::codec::instant_text;
use crate::error::Result;
use crate::ids::{CaseId, TransactionId};

/// One override.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OverrideRow {
    /// The transaction.
    pub transaction_id: TransactionId,
    /// Its case.
    pub case_id: CaseId,
    /// A category code (§5.1), when the analyst chose one.
    pub category: Option<String>,
    /// Counted as income or not, when the analyst chose.
    pub include_in_income: Option<bool>,
}

const SELECT: &str =
    "SELECT transaction_id, case_id, category, include_in_income FROM category_overrides";

fn from_row(row: &Row<'_>) -> rusqlite::Result<OverrideRow> {
    Ok(OverrideRow {
        transaction_id: row.get(0)?,
        case_id: row.get(1)?,
        category: row.get(2)?,
        include_in_income: row.get::<_, Option<i64>>(3)?.map(|value| value != 0),
    })
}

/// The case's overrides, by transaction id.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<OverrideRow>> {
    let mut statement = conn.prepare_cached(&format!(
        "{SELECT} WHERE case_id = ?1 ORDER BY transaction_id"
    ))?;
    let rows = statement.query_map(params![case_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Sets (or replaces) an override.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    at: chrono::DateTime<chrono::Utc>,
    row: &OverrideRow,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO category_overrides (transaction_id, case_id, category, include_in_income, set_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (transaction_id) DO UPDATE SET category = excluded.category,
             include_in_income = excluded.include_in_income, set_at = excluded.set_at",
    )?
    .execute(params![
        row.transaction_id,
        row.case_id,
        row.category,
        row.include_in_income.map(i64::from),
        instant_text(at)
    ])?;
    Ok(())
}

/// Removes an override; true when there was one.
pub(crate) fn delete(tx: &Transaction<'_>, transaction_id: TransactionId) -> Result<bool> {
    Ok(tx
        .prepare_cached("DELETE FROM category_overrides WHERE transaction_id = ?1")?
        .execute(params![transaction_id])?
        > 0)
}
