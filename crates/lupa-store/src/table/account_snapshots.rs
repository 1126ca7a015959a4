//! `account_snapshots`: each import's own values of each account, exactly as received.

use lupa_kontomatik::model::Account;
use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use crate::codec::{date_text, get_bool_opt, get_date_opt, get_money_opt, to_minor_opt};
use crate::error::Result;
use crate::ids::{AccountId, ImportId};

/// An account snapshot row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountSnapshotRow {
    /// Id.
    pub id: i64,
    /// The import.
    pub import_id: ImportId,
    /// The case's account it belongs to.
    pub account_id: AccountId,
    /// Index in the reply's account list.
    pub position: i64,
    /// The account's fields as received, without transactions and owners.
    pub account: Account,
    /// The reply had a `<moneyTransactions>` element for it.
    pub has_transactions: bool,
    /// The reply had an `<owners>` element for it.
    pub has_owners: bool,
}

const SELECT: &str = "SELECT id, import_id, account_id, position, partial_due_to_timeout, name, \
     friendly_name, iban, balance_minor, funds_available_minor, currency_name, owner, \
     active_since_at_least, direct_debit, has_transactions, has_owners FROM account_snapshots";
const INSERT: &str = "INSERT INTO account_snapshots (import_id, account_id, position, \
     partial_due_to_timeout, name, friendly_name, iban, balance_minor, funds_available_minor, \
     currency_name, owner, active_since_at_least, direct_debit, has_transactions, has_owners) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
const DELETE_FOR_IMPORT: &str = "DELETE FROM account_snapshots WHERE import_id = ?1";

/// Reads a row of `SELECT`.
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<AccountSnapshotRow> {
    Ok(AccountSnapshotRow {
        id: row.get(0)?,
        import_id: row.get(1)?,
        account_id: row.get(2)?,
        position: row.get(3)?,
        account: Account {
            partial_due_to_timeout: get_bool_opt(row, 4)?,
            name: row.get(5)?,
            friendly_name: row.get(6)?,
            iban: row.get(7)?,
            currency_balance: get_money_opt(row, 8)?,
            currency_funds_available: get_money_opt(row, 9)?,
            currency_name: row.get(10)?,
            owner: row.get(11)?,
            active_since_at_least: get_date_opt(row, 12)?,
            direct_debit: get_bool_opt(row, 13)?,
            money_transactions: None,
            owners: None,
        },
        has_transactions: row.get(14)?,
        has_owners: row.get(15)?,
    })
}

/// Stores one import's values of an account.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    import_id: ImportId,
    account_id: AccountId,
    position: usize,
    account: &Account,
) -> Result<i64> {
    tx.prepare_cached(INSERT)?.execute(params![
        import_id,
        account_id,
        position as i64,
        account.partial_due_to_timeout,
        account.name,
        account.friendly_name,
        account.iban,
        to_minor_opt(account.currency_balance, "account/currencyBalance")?,
        to_minor_opt(
            account.currency_funds_available,
            "account/currencyFundsAvailable"
        )?,
        account.currency_name,
        account.owner,
        account.active_since_at_least.map(date_text),
        account.direct_debit,
        account.money_transactions.is_some(),
        account.owners.is_some(),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// An import's account snapshots in reply order.
pub fn for_import(conn: &Connection, import_id: ImportId) -> Result<Vec<AccountSnapshotRow>> {
    let sql = format!("{SELECT} WHERE import_id = ?1 ORDER BY position");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([import_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Deletes an import's account snapshots (re-ingest).
pub(crate) fn delete_for_import(tx: &Transaction<'_>, import_id: ImportId) -> Result<()> {
    tx.prepare_cached(DELETE_FOR_IMPORT)?.execute([import_id])?;
    Ok(())
}
