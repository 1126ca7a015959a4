//! An import read back from the derived tables as Kontomatik's model: owners, accounts and cards
//! as that import saw them, with its transactions in reply order and their status, booking date
//! and balance as that import saw them.
//!
//! The descriptive fields (title, party, kind, labels, symbols) are the newest import's; when an
//! older import's differed, only its raw reply has them (the sighting's `details_hash` tells).

use std::collections::HashMap;

use lupa_kontomatik::model::{CommandResult, MoneyTransaction, Owner};
use rusqlite::Connection;

use crate::error::Result;
use crate::ids::ImportId;
use crate::store::Store;
use crate::table::owners::OwnerOf;
use crate::table::{
    account_snapshots, card_snapshots, imports, owners, transaction_sightings, transactions,
};

fn seen_transactions(
    conn: &Connection,
    import_id: ImportId,
    column: &str,
    source_id: i64,
) -> Result<Vec<MoneyTransaction>> {
    let sql = format!(
        "SELECT {}, {} FROM transaction_sightings s JOIN transactions t ON t.id = s.transaction_id \
         WHERE s.import_id = ?1 AND t.{column} = ?2 ORDER BY s.position",
        transactions::COLUMNS,
        transaction_sightings::COLUMNS,
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params![import_id, source_id], |row| {
            let stored = transactions::from_row(row)?;
            let seen = transaction_sightings::from_row_at(row, transactions::COLUMN_COUNT)?;
            Ok(MoneyTransaction {
                status: seen.status,
                booked_on: seen.booked_on,
                currency_balance: seen.balance_after,
                ..stored.to_model()
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

impl Store {
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
        let mut accounts = Vec::new();
        for snapshot in account_snapshots::for_import(&self.conn, import_id)? {
            let owners = by_snapshot.remove(&OwnerOf::Account(snapshot.id));
            let money_transactions = if snapshot.has_transactions {
                Some(seen_transactions(
                    &self.conn,
                    import_id,
                    "account_id",
                    snapshot.account_id.0,
                )?)
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
                Some(seen_transactions(
                    &self.conn,
                    import_id,
                    "card_id",
                    snapshot.card_id.0,
                )?)
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
