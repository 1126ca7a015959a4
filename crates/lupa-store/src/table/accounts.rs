//! `accounts`: a case's accounts across imports, identified by IBAN and currency, holding the
//! newest import's values (each import's own values are in `account_snapshots`).

use chrono::NaiveDate;
use lupa_kontomatik::model::Account;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::codec::{date_text, get_bool_opt, get_date_opt, get_money_opt, to_minor_opt};
use crate::error::Result;
use crate::ids::{AccountId, CaseId, ImportId};
use ts_rs::TS;

/// An account row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct AccountRow {
    /// Id.
    pub id: AccountId,
    /// Its case.
    pub case_id: CaseId,
    /// IBAN as received.
    pub iban: String,
    /// `currencyName`; empty when the bank sent none.
    pub currency: String,
    /// `name`.
    pub name: Option<String>,
    /// `friendlyName`.
    pub friendly_name: Option<String>,
    /// `currencyBalance`.
    #[ts(type = "string | null")]
    pub balance: Option<Decimal>,
    /// `currencyFundsAvailable`.
    #[ts(type = "string | null")]
    pub funds_available: Option<Decimal>,
    /// `owner` (deprecated comma-joined names).
    pub owner: Option<String>,
    /// `activeSinceAtLeast`.
    pub active_since_at_least: Option<NaiveDate>,
    /// `directDebit/@available`.
    pub direct_debit: Option<bool>,
    /// `partialDueToTimeout`.
    pub partial_due_to_timeout: Option<bool>,
    /// The first import that listed it.
    pub first_import_id: ImportId,
    /// The newest import that listed it (whose values these are).
    pub last_import_id: ImportId,
}

const SELECT: &str = "SELECT id, case_id, iban, currency, name, friendly_name, balance_minor, \
     funds_available_minor, owner, active_since_at_least, direct_debit, partial_due_to_timeout, \
     first_import_id, last_import_id FROM accounts";
const FIND: &str = "SELECT id, last_import_id FROM accounts \
     WHERE case_id = ?1 AND iban = ?2 AND currency = ?3";
const INSERT: &str = "INSERT INTO accounts (case_id, iban, currency, name, friendly_name, \
     balance_minor, funds_available_minor, owner, active_since_at_least, direct_debit, \
     partial_due_to_timeout, first_import_id, last_import_id) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)";
const UPDATE_LATEST: &str = "UPDATE accounts SET name = ?2, friendly_name = ?3, \
     balance_minor = ?4, funds_available_minor = ?5, owner = ?6, active_since_at_least = ?7, \
     direct_debit = ?8, partial_due_to_timeout = ?9, last_import_id = ?10, \
     first_import_id = min(first_import_id, ?10) WHERE id = ?1";
const UPDATE_FIRST: &str =
    "UPDATE accounts SET first_import_id = min(first_import_id, ?2) WHERE id = ?1";
const DELETE_UNSEEN: &str = "DELETE FROM accounts WHERE case_id = ?1 AND NOT EXISTS \
     (SELECT 1 FROM account_snapshots s WHERE s.account_id = accounts.id)";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: row.get(0)?,
        case_id: row.get(1)?,
        iban: row.get(2)?,
        currency: row.get(3)?,
        name: row.get(4)?,
        friendly_name: row.get(5)?,
        balance: get_money_opt(row, 6)?,
        funds_available: get_money_opt(row, 7)?,
        owner: row.get(8)?,
        active_since_at_least: get_date_opt(row, 9)?,
        direct_debit: get_bool_opt(row, 10)?,
        partial_due_to_timeout: get_bool_opt(row, 11)?,
        first_import_id: row.get(12)?,
        last_import_id: row.get(13)?,
    })
}

/// One account.
pub fn get(conn: &Connection, id: AccountId) -> Result<AccountRow> {
    let sql = format!("{SELECT} WHERE id = ?1");
    super::found(
        conn.prepare_cached(&sql)?.query_row([id], from_row),
        "account",
        id.0,
    )
}

/// A case's accounts in the order they were first stored.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<AccountRow>> {
    let sql = format!("{SELECT} WHERE case_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([case_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Finds or creates the case's account for `account`; its values become the account's latest
/// unless a newer import already listed it.
pub(crate) fn upsert(
    tx: &Transaction<'_>,
    case_id: CaseId,
    import_id: ImportId,
    account: &Account,
    may_refresh: bool,
) -> Result<AccountId> {
    let currency = account.currency_name.as_deref().unwrap_or("");
    let balance = to_minor_opt(account.currency_balance, "account/currencyBalance")?;
    let funds = to_minor_opt(
        account.currency_funds_available,
        "account/currencyFundsAvailable",
    )?;
    let existing: Option<(AccountId, ImportId)> = tx
        .prepare_cached(FIND)?
        .query_row(params![case_id, account.iban, currency], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    let active_since = account.active_since_at_least.map(date_text);
    match existing {
        None => {
            tx.prepare_cached(INSERT)?.execute(params![
                case_id,
                account.iban,
                currency,
                account.name,
                account.friendly_name,
                balance,
                funds,
                account.owner,
                active_since,
                account.direct_debit,
                account.partial_due_to_timeout,
                import_id,
            ])?;
            Ok(AccountId(tx.last_insert_rowid()))
        }
        Some((id, last)) if may_refresh && import_id >= last => {
            tx.prepare_cached(UPDATE_LATEST)?.execute(params![
                id,
                account.name,
                account.friendly_name,
                balance,
                funds,
                account.owner,
                active_since,
                account.direct_debit,
                account.partial_due_to_timeout,
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

/// Deletes a case's accounts that no import lists any more (re-ingest).
pub(crate) fn delete_unseen(tx: &Transaction<'_>, case_id: CaseId) -> Result<()> {
    tx.prepare_cached(DELETE_UNSEEN)?.execute([case_id])?;
    Ok(())
}
