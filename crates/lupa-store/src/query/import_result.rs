//! An import read back from the derived tables as Kontomatik's model: owners, accounts and cards
//! as that import saw them, with its transactions in reply order and their status, booking date
//! and balance as that import saw them.
//!
//! The descriptive fields (title, party, kind, labels, symbols) are the newest import's; when an
//! older import's differed, only its raw reply has them (the sighting's `details_hash` tells).

use std::collections::HashMap;

use lupa_kontomatik::model::{CommandResult, MoneyTransaction, Owner};
use rusqlite::Connection;

use crate::codec::id_array;
use crate::error::{Error, Result};
use crate::ids::{AccountId, CardId, ImportId};
use crate::store::Store;
use crate::table::owners::OwnerOf;
use crate::table::transaction_sightings::{self, SourceSightings};
use crate::table::{account_snapshots, card_snapshots, imports, owners, transactions};

/// One source's transactions in reply order, with the status, booking date and balance this
/// import saw.
fn seen_transactions(conn: &Connection, source: SourceSightings) -> Result<Vec<MoneyTransaction>> {
    let sql = format!(
        "SELECT {} FROM transactions t WHERE t.id IN rarray(?1)",
        transactions::COLUMNS
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = id_array(source.seen.iter().map(|seen| seen.transaction_id.0));
    let mut rows: HashMap<_, _> = stmt
        .query_map([ids], |row| {
            let row = transactions::from_row(row)?;
            Ok((row.id, row))
        })?
        .collect::<rusqlite::Result<_>>()?;
    source
        .seen
        .into_iter()
        .map(|seen| {
            let stored = rows.remove(&seen.transaction_id).ok_or_else(|| {
                Error::Corrupt(format!(
                    "import {} saw transaction {}, which is missing",
                    seen.import_id.0, seen.transaction_id.0
                ))
            })?;
            Ok(MoneyTransaction {
                status: seen.status,
                booked_on: seen.booked_on,
                currency_balance: seen.balance_after,
                ..stored.to_model()
            })
        })
        .collect()
}

/// Takes the sightings of one account or card out of an import's lists (none: empty).
fn take_source(
    lists: &mut Vec<SourceSightings>,
    account_id: Option<AccountId>,
    card_id: Option<CardId>,
) -> SourceSightings {
    match lists
        .iter()
        .position(|list| list.account_id == account_id && list.card_id == card_id)
    {
        Some(index) => lists.swap_remove(index),
        None => SourceSightings {
            account_id,
            card_id,
            seen: Vec::new(),
        },
    }
}

impl Store {
    /// What an import saw of each transaction, per account or card in reply order (empty when
    /// it is not saved).
    pub fn import_sightings(&self, import_id: ImportId) -> Result<Vec<SourceSightings>> {
        transaction_sightings::for_import(&self.conn, import_id)
    }

    /// A saved import as Kontomatik's `<result>` (skipped items are only in the raw reply).
    pub fn import_result(&self, import_id: ImportId) -> Result<CommandResult> {
        let import = imports::get(&self.conn, import_id)?;
        let mut import_owners = Vec::new();
        let mut by_snapshot: HashMap<OwnerOf, Vec<Owner>> = HashMap::new();
        for row in owners::for_import(&self.conn, import_id)? {
            match row.of {
                OwnerOf::Import => import_owners.push(row.owner),
                of => by_snapshot.entry(of).or_default().push(row.owner),
            }
        }
        let mut lists = transaction_sightings::for_import(&self.conn, import_id)?;
        let mut accounts = Vec::new();
        for snapshot in account_snapshots::for_import(&self.conn, import_id)? {
            let owners = by_snapshot.remove(&OwnerOf::Account(snapshot.id));
            let money_transactions = if snapshot.has_transactions {
                let source = take_source(&mut lists, Some(snapshot.account_id), None);
                Some(seen_transactions(&self.conn, source)?)
            } else {
                None
            };
            accounts.push(lupa_kontomatik::model::Account {
                money_transactions,
                owners: snapshot.has_owners.then(|| owners.unwrap_or_default()),
                ..snapshot.account
            });
        }
        let mut cards = Vec::new();
        for snapshot in card_snapshots::for_import(&self.conn, import_id)? {
            let owners = by_snapshot.remove(&OwnerOf::Card(snapshot.id));
            let money_transactions = if snapshot.has_transactions {
                let source = take_source(&mut lists, None, Some(snapshot.card_id));
                Some(seen_transactions(&self.conn, source)?)
            } else {
                None
            };
            cards.push(lupa_kontomatik::model::CreditCard {
                money_transactions,
                owners: snapshot.has_owners.then(|| owners.unwrap_or_default()),
                ..snapshot.card
            });
        }
        Ok(CommandResult {
            owners: import.has_owners.unwrap_or(false).then_some(import_owners),
            accounts: import.has_accounts.unwrap_or(false).then_some(accounts),
            credit_cards: import.has_credit_cards.unwrap_or(false).then_some(cards),
            money_transactions: None,
            skipped: Vec::new(),
        })
    }
}
