//! `credit_cards`: a case's credit cards across imports, identified by [`identity`], holding the
//! newest import's values (each import's own values are in `card_snapshots`). Card transactions
//! live in `transactions` beside account ones, with `card_id` set instead of `account_id`.

use chrono::NaiveDate;
use lupa_kontomatik::model::CreditCard;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::codec::{
    date_text, decode_error, get_bool_opt, get_date_opt, get_money_opt, to_minor_opt,
};
use crate::error::Result;
use crate::ids::{CardId, CaseId, ImportId};
use ts_rs::TS;

/// A credit card row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct CreditCardRow {
    /// Id.
    pub id: CardId,
    /// Its case.
    pub case_id: CaseId,
    /// What identifies it across imports: see [`identity`].
    pub identity: String,
    /// `currencyName`; empty when the bank sent none.
    pub currency: String,
    /// `name`.
    pub name: Option<String>,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `iban`.
    pub iban: Option<String>,
    /// `number` (masked).
    pub number: Option<String>,
    /// `currencyBalance`.
    #[ts(type = "string | null")]
    pub balance: Option<Decimal>,
    /// `currencyFundsAvailable`.
    #[ts(type = "string | null")]
    pub funds_available: Option<Decimal>,
    /// `owner`.
    pub owner: Option<String>,
    /// `limit`.
    #[ts(type = "string | null")]
    pub limit: Option<Decimal>,
    /// `interests`, exactly as received.
    #[ts(type = "string | null")]
    pub interests: Option<Decimal>,
    /// `dueDate`.
    pub due_date: Option<NaiveDate>,
    /// `partialDueToTimeout`.
    pub partial_due_to_timeout: Option<bool>,
    /// The first import that listed it.
    pub first_import_id: ImportId,
    /// The newest import that listed it.
    pub last_import_id: ImportId,
}

/// A card's identity across imports: `id:` + card id, else `number:` + number, else `iban:` +
/// IBAN, else `name:` + name, else its position in the reply.
pub fn identity(card: &CreditCard, position: usize) -> String {
    if let Some(id) = &card.card_id {
        format!("id:{id}")
    } else if let Some(number) = &card.number {
        format!("number:{number}")
    } else if let Some(iban) = &card.iban {
        format!("iban:{iban}")
    } else if let Some(name) = &card.name {
        format!("name:{name}")
    } else {
        format!("position:{position}")
    }
}

const SELECT: &str = "SELECT id, case_id, identity, currency, name, card_id, iban, number, \
     balance_minor, funds_available_minor, owner, limit_minor, interests, due_date, \
     partial_due_to_timeout, first_import_id, last_import_id FROM credit_cards";
const FIND: &str = "SELECT id, last_import_id FROM credit_cards \
     WHERE case_id = ?1 AND identity = ?2 AND currency = ?3";
const INSERT: &str = "INSERT INTO credit_cards (case_id, identity, currency, name, card_id, iban, \
     number, balance_minor, funds_available_minor, owner, limit_minor, interests, due_date, \
     partial_due_to_timeout, first_import_id, last_import_id) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)";
const UPDATE_LATEST: &str = "UPDATE credit_cards SET name = ?2, card_id = ?3, iban = ?4, \
     number = ?5, balance_minor = ?6, funds_available_minor = ?7, owner = ?8, limit_minor = ?9, \
     interests = ?10, due_date = ?11, partial_due_to_timeout = ?12, last_import_id = ?13, \
     first_import_id = min(first_import_id, ?13) WHERE id = ?1";
const UPDATE_FIRST: &str =
    "UPDATE credit_cards SET first_import_id = min(first_import_id, ?2) WHERE id = ?1";
const DELETE_UNSEEN: &str = "DELETE FROM credit_cards WHERE case_id = ?1 AND NOT EXISTS \
     (SELECT 1 FROM card_snapshots s WHERE s.card_id = credit_cards.id)";

/// Reads an exact decimal stored as text.
pub(crate) fn get_decimal_text(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Decimal>> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| text.parse().map_err(|_| decode_error(column, &text)))
        .transpose()
}

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<CreditCardRow> {
    Ok(CreditCardRow {
        id: row.get(0)?,
        case_id: row.get(1)?,
        identity: row.get(2)?,
        currency: row.get(3)?,
        name: row.get(4)?,
        card_id: row.get(5)?,
        iban: row.get(6)?,
        number: row.get(7)?,
        balance: get_money_opt(row, 8)?,
        funds_available: get_money_opt(row, 9)?,
        owner: row.get(10)?,
        limit: get_money_opt(row, 11)?,
        interests: get_decimal_text(row, 12)?,
        due_date: get_date_opt(row, 13)?,
        partial_due_to_timeout: get_bool_opt(row, 14)?,
        first_import_id: row.get(15)?,
        last_import_id: row.get(16)?,
    })
}

/// A case's cards in the order they were first stored.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<CreditCardRow>> {
    let sql = format!("{SELECT} WHERE case_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([case_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Finds or creates the case's card; its values become the latest unless a newer import
/// already listed it.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    case_id: CaseId,
    import_id: ImportId,
    identity: &str,
    card: &CreditCard,
) -> Result<CardId> {
    let currency = card.currency_name.as_deref().unwrap_or("");
    let balance = to_minor_opt(card.currency_balance, "creditCard/currencyBalance")?;
    let funds = to_minor_opt(
        card.currency_funds_available,
        "creditCard/currencyFundsAvailable",
    )?;
    let limit = to_minor_opt(card.limit, "creditCard/limit")?;
    let interests = card.interests.map(|value| value.to_string());
    let due_date = card.due_date.map(date_text);
    let existing: Option<(CardId, ImportId)> = tx
        .prepare_cached(FIND)?
        .query_row(params![case_id, identity, currency], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    match existing {
        None => {
            tx.prepare_cached(INSERT)?.execute(params![
                case_id,
                identity,
                currency,
                card.name,
                card.card_id,
                card.iban,
                card.number,
                balance,
                funds,
                card.owner,
                limit,
                interests,
                due_date,
                card.partial_due_to_timeout,
                import_id,
            ])?;
            Ok(CardId(tx.last_insert_rowid()))
        }
        Some((id, last)) if import_id >= last => {
            tx.prepare_cached(UPDATE_LATEST)?.execute(params![
                id,
                card.name,
                card.card_id,
                card.iban,
                card.number,
                balance,
                funds,
                card.owner,
                limit,
                interests,
                due_date,
                card.partial_due_to_timeout,
                import_id,
            ])?;
            Ok(id)
        }
        Some((id, _)) => {
            tx.prepare_cached(UPDATE_FIRST)?
                .execute(params![id, import_id])?;
            Ok(id)
        }
    }
}

/// Deletes a case's cards that no import lists any more (re-ingest).
pub(crate) fn delete_unseen(tx: &Transaction<'_>, case_id: CaseId) -> Result<()> {
    tx.prepare_cached(DELETE_UNSEEN)?.execute([case_id])?;
    Ok(())
}
