//! `transactions`: one row per real transaction of a case's accounts and cards, however many
//! imports saw it, with the newest import's values. The FTS index `transactions_fts` follows it
//! as [`crate::search_index`] describes.

use std::collections::HashMap;

use chrono::NaiveDate;
use lupa_kontomatik::model::MoneyTransaction;
use rusqlite::{Connection, Row, Statement, Transaction, params};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::codec::{decode_error, from_minor, get_date, get_date_opt, id_array, parse_labels};
use crate::error::Result;
use crate::ids::{AccountId, CardId, CaseId, ImportId, TransactionId};
use crate::table::transaction_sightings;

/// A transaction row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransactionRow {
    /// Id.
    pub id: TransactionId,
    /// Its case.
    pub case_id: CaseId,
    /// Its account (exactly one of `account_id` and `card_id` is set).
    pub account_id: Option<AccountId>,
    /// Its credit card.
    pub card_id: Option<CardId>,
    /// `transactionOn`.
    pub transaction_on: NaiveDate,
    /// `bookedOn`.
    pub booked_on: Option<NaiveDate>,
    /// `currencyAmount`, negative for debits.
    pub amount: Decimal,
    /// The account's or card's currency (empty when the bank sent none).
    pub currency: String,
    /// `currencyBalance`: the balance after this transaction.
    pub balance_after: Option<Decimal>,
    /// `title`, whitespace intact.
    pub title: Option<String>,
    /// `party`.
    pub party: Option<String>,
    /// `partyIban`.
    pub party_iban: Option<String>,
    /// `kind`.
    pub kind: Option<String>,
    /// `status` as received (`DONE`, `PENDING`, …).
    pub status: Option<String>,
    /// `labels`; `None` when the reply had no `<labels>` element.
    pub labels: Option<Vec<String>>,
    /// `variableSymbol`.
    pub variable_symbol: Option<String>,
    /// `constantSymbol`.
    pub constant_symbol: Option<String>,
    /// Not booked yet: a `status` other than `DONE`.
    pub pending: bool,
    /// The first import that saw it.
    pub first_import_id: ImportId,
    /// The newest import that saw it (whose values these are).
    pub last_import_id: ImportId,
}

impl TransactionRow {
    /// The transaction as Kontomatik sent it in the newest import that saw it.
    pub fn to_model(&self) -> MoneyTransaction {
        MoneyTransaction {
            transaction_on: self.transaction_on,
            booked_on: self.booked_on,
            currency_amount: self.amount,
            currency_balance: self.balance_after,
            title: self.title.clone(),
            party: self.party.clone(),
            party_iban: self.party_iban.clone(),
            kind: self.kind.clone(),
            status: self.status.clone(),
            variable_symbol: self.variable_symbol.clone(),
            constant_symbol: self.constant_symbol.clone(),
            labels: self.labels.clone(),
        }
    }
}

/// Columns of [`from_row_at`], prefixed `t.`.
pub const COLUMNS: &str = "t.id, t.case_id, t.account_id, t.card_id, t.transaction_on, \
     t.booked_on, t.amount_minor, t.currency, t.balance_after_minor, t.title, t.party, \
     t.party_iban, t.kind, t.status, t.labels, t.variable_symbol, t.constant_symbol, t.pending, \
     t.first_import_id, t.last_import_id";
/// How many columns [`COLUMNS`] has.
pub const COLUMN_COUNT: usize = 20;

/// Reads the columns of [`COLUMNS`] starting at `base`.
pub fn from_row_at(row: &Row<'_>, base: usize) -> rusqlite::Result<TransactionRow> {
    let labels: Option<String> = row.get(base + 14)?;
    Ok(TransactionRow {
        id: row.get(base)?,
        case_id: row.get(base + 1)?,
        account_id: row.get(base + 2)?,
        card_id: row.get(base + 3)?,
        transaction_on: get_date(row, base + 4)?,
        booked_on: get_date_opt(row, base + 5)?,
        amount: from_minor(row.get(base + 6)?),
        currency: row.get(base + 7)?,
        balance_after: row.get::<_, Option<i64>>(base + 8)?.map(from_minor),
        title: row.get(base + 9)?,
        party: row.get(base + 10)?,
        party_iban: row.get(base + 11)?,
        kind: row.get(base + 12)?,
        status: row.get(base + 13)?,
        labels: parse_labels(labels.as_deref())
            .ok_or_else(|| decode_error(base + 14, labels.as_deref().unwrap_or("")))?,
        variable_symbol: row.get(base + 15)?,
        constant_symbol: row.get(base + 16)?,
        pending: row.get(base + 17)?,
        first_import_id: row.get(base + 18)?,
        last_import_id: row.get(base + 19)?,
    })
}

/// Reads a row whose first columns are [`COLUMNS`].
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<TransactionRow> {
    from_row_at(row, 0)
}

pub(crate) const INSERT: &str = "INSERT INTO transactions (case_id, account_id, card_id, \
     transaction_on, booked_on, amount_minor, currency, balance_after_minor, title, party, \
     party_iban, kind, status, labels, variable_symbol, constant_symbol, pending, fingerprint, \
     details_hash, first_import_id, last_import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, \
     ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)";
/// The values a newer import brings to the fingerprinted part of a row.
pub(crate) const UPDATE_LATEST: &str = "UPDATE transactions SET booked_on = ?2, \
     balance_after_minor = ?3, status = ?4, pending = ?5, last_import_id = ?6, \
     first_import_id = min(first_import_id, ?6) WHERE id = ?1";
/// A pending match changed the fingerprint (balance after booking); separate, so unchanged
/// fingerprints never touch the unique indexes.
pub(crate) const UPDATE_FINGERPRINT: &str =
    "UPDATE transactions SET fingerprint = ?2 WHERE id = ?1";
/// The descriptive fields, written only when they changed (the FTS trigger fires on them).
pub(crate) const UPDATE_DETAILS: &str = "UPDATE transactions SET title = ?2, party = ?3, \
     party_iban = ?4, kind = ?5, labels = ?6, variable_symbol = ?7, constant_symbol = ?8, \
     details_hash = ?9 WHERE id = ?1";
/// An older import (re-ingested) saw it too.
pub(crate) const UPDATE_FIRST: &str =
    "UPDATE transactions SET first_import_id = min(first_import_id, ?2) WHERE id = ?1";
/// A match by a source that prints no balances (an account history): the row keeps its values,
/// only the range of imports that saw it widens.
pub(crate) const UPDATE_SEEN: &str = "UPDATE transactions SET \
     first_import_id = min(first_import_id, ?2), last_import_id = max(last_import_id, ?2) \
     WHERE id = ?1";
/// What matching needs of an account's or card's stored transactions.
pub(crate) const FOR_MATCH_ACCOUNT: &str = "SELECT id, fingerprint, pending, transaction_on, \
     amount_minor, title, last_import_id, details_hash, balance_after_minor FROM transactions \
     WHERE account_id = ?1";
/// See [`FOR_MATCH_ACCOUNT`].
pub(crate) const FOR_MATCH_CARD: &str = "SELECT id, fingerprint, pending, transaction_on, \
     amount_minor, title, last_import_id, details_hash, balance_after_minor FROM transactions \
     WHERE card_id = ?1";
const DELETE_UNSEEN: &str = "DELETE FROM transactions WHERE case_id = ?1 AND id NOT IN rarray(?2)";
const IMPORT_RANGES: &str =
    "SELECT id, first_import_id, last_import_id FROM transactions WHERE case_id = ?1";
const SET_IMPORT_RANGE: &str =
    "UPDATE transactions SET first_import_id = ?2, last_import_id = ?3 WHERE id = ?1";

/// A stored transaction as matching sees it.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub id: TransactionId,
    /// [`crate::fingerprint::stored_fingerprint`].
    pub fingerprint: i64,
    pub pending: bool,
    pub transaction_on: NaiveDate,
    pub amount_minor: i64,
    pub title: Option<String>,
    pub last_import_id: ImportId,
    pub details_hash: i64,
    pub balance_after_minor: Option<i64>,
}

/// Loads an account's or card's stored transactions for matching.
pub(crate) fn for_match(stmt: &mut Statement<'_>, source_id: i64) -> Result<Vec<Stored>> {
    let rows = stmt
        .query_map([source_id], |row| {
            Ok(Stored {
                id: row.get(0)?,
                fingerprint: row.get(1)?,
                pending: row.get(2)?,
                transaction_on: get_date(row, 3)?,
                amount_minor: row.get(4)?,
                title: row.get(5)?,
                last_import_id: row.get(6)?,
                details_hash: row.get(7)?,
                balance_after_minor: row.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// One transaction by id.
pub fn get(conn: &Connection, id: TransactionId) -> Result<TransactionRow> {
    let sql = format!("SELECT {COLUMNS} FROM transactions t WHERE t.id = ?1");
    super::found(
        conn.prepare_cached(&sql)?.query_row([id], from_row),
        "transaction",
        id.0,
    )
}

/// Deletes a case's transactions that no import sees any more (re-ingest).
pub(crate) fn delete_unseen(tx: &Transaction<'_>, case_id: CaseId) -> Result<usize> {
    let seen = transaction_sightings::for_case(tx, case_id)?;
    let ids = seen
        .iter()
        .flat_map(|(_, sources)| sources)
        .flat_map(|source| &source.seen)
        .map(|seen| seen.transaction_id.0);
    Ok(tx
        .prepare_cached(DELETE_UNSEEN)?
        .execute(params![case_id, id_array(ids)])?)
}

/// Recomputes first and last import ids from the sightings (re-ingest); writes only the rows
/// whose range changed.
pub(crate) fn recompute_import_range(tx: &Transaction<'_>, case_id: CaseId) -> Result<()> {
    let mut ranges: HashMap<TransactionId, (ImportId, ImportId)> = HashMap::new();
    for (import_id, sources) in transaction_sightings::for_case(tx, case_id)? {
        for seen in sources.iter().flat_map(|source| &source.seen) {
            let range = ranges
                .entry(seen.transaction_id)
                .or_insert((import_id, import_id));
            range.0 = range.0.min(import_id);
            range.1 = range.1.max(import_id);
        }
    }
    let mut stored = tx.prepare_cached(IMPORT_RANGES)?;
    let stale: Vec<(TransactionId, (ImportId, ImportId))> = stored
        .query_map([case_id], |row| {
            Ok((row.get::<_, TransactionId>(0)?, (row.get(1)?, row.get(2)?)))
        })?
        .filter_map(|row| match row {
            Ok((id, range)) => match ranges.get(&id) {
                Some(&seen) if seen != range => Some(Ok((id, seen))),
                _ => None,
            },
            Err(error) => Some(Err(error)),
        })
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare_cached(SET_IMPORT_RANGE)?;
    for (id, (first, last)) in stale {
        update.execute(params![id, first, last])?;
    }
    Ok(())
}
