//! `card_snapshots`: each import's own values of each credit card, exactly as received.

use lupa_kontomatik::model::CreditCard;
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{date_text, get_bool_opt, get_date_opt, get_money_opt, to_minor_opt};
use crate::error::Result;
use crate::ids::{CardId, ImportId};
use crate::table::credit_cards::get_decimal_text;

/// A card snapshot row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardSnapshotRow {
    /// Id.
    pub id: i64,
    /// The import.
    pub import_id: ImportId,
    /// The case's card it belongs to.
    pub card_id: CardId,
    /// Index in the reply's card list.
    pub position: i64,
    /// The card's fields as received, without transactions and owners.
    pub card: CreditCard,
    /// The reply had a `<moneyTransactions>` element for it.
    pub has_transactions: bool,
    /// The reply had an `<owners>` element for it.
    pub has_owners: bool,
}

const SELECT: &str = "SELECT id, import_id, card_id, position, partial_due_to_timeout, name, \
     bank_card_id, iban, number, balance_minor, funds_available_minor, currency_name, owner, \
     limit_minor, interests, due_date, has_transactions, has_owners FROM card_snapshots";
const INSERT: &str = "INSERT INTO card_snapshots (import_id, card_id, position, \
     partial_due_to_timeout, name, bank_card_id, iban, number, balance_minor, \
     funds_available_minor, currency_name, owner, limit_minor, interests, due_date, \
     has_transactions, has_owners) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
const DELETE_FOR_IMPORT: &str = "DELETE FROM card_snapshots WHERE import_id = ?1";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<CardSnapshotRow> {
    Ok(CardSnapshotRow {
        id: row.get(0)?,
        import_id: row.get(1)?,
        card_id: row.get(2)?,
        position: row.get(3)?,
        card: CreditCard {
            partial_due_to_timeout: get_bool_opt(row, 4)?,
            name: row.get(5)?,
            card_id: row.get(6)?,
            iban: row.get(7)?,
            number: row.get(8)?,
            currency_balance: get_money_opt(row, 9)?,
            currency_funds_available: get_money_opt(row, 10)?,
            currency_name: row.get(11)?,
            owner: row.get(12)?,
            limit: get_money_opt(row, 13)?,
            interests: get_decimal_text(row, 14)?,
            due_date: get_date_opt(row, 15)?,
            money_transactions: None,
            owners: None,
        },
        has_transactions: row.get(16)?,
        has_owners: row.get(17)?,
    })
}

/// Stores one import's values of a card.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    import_id: ImportId,
    card_id: CardId,
    position: usize,
    card: &CreditCard,
) -> Result<i64> {
    tx.prepare_cached(INSERT)?.execute(params![
        import_id,
        card_id,
        position as i64,
        card.partial_due_to_timeout,
        card.name,
        card.card_id,
        card.iban,
        card.number,
        to_minor_opt(card.currency_balance, "creditCard/currencyBalance")?,
        to_minor_opt(
            card.currency_funds_available,
            "creditCard/currencyFundsAvailable"
        )?,
        card.currency_name,
        card.owner,
        to_minor_opt(card.limit, "creditCard/limit")?,
        card.interests.map(|value| value.to_string()),
        card.due_date.map(date_text),
        card.money_transactions.is_some(),
        card.owners.is_some(),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// An import's card snapshots in reply order.
pub fn for_import(conn: &Connection, import_id: ImportId) -> Result<Vec<CardSnapshotRow>> {
    let sql = format!("{SELECT} WHERE import_id = ?1 ORDER BY position");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([import_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Deletes an import's card snapshots (re-ingest).
pub(crate) fn delete_for_import(tx: &Transaction<'_>, import_id: ImportId) -> Result<()> {
    tx.prepare_cached(DELETE_FOR_IMPORT)?.execute([import_id])?;
    Ok(())
}
