//! Saving an import's data (F-STO-2, F-STO-4): one transaction that stores owners, accounts,
//! cards, transactions (deduplicated) and sightings, and marks the import saved. The full-text
//! index catches up later ([`crate::search_index`]).
//! A crash leaves the import whole or absent; [`Store::reingest`] re-derives it from its stored
//! raw reply at any time.

mod file;
mod transactions;

use std::collections::HashSet;

use lupa_kontomatik::client::RawReply;
use lupa_kontomatik::model::{CommandResult, CommandState, Owner, Payload};
use rusqlite::Transaction;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::{CaseId, ImportId};
use crate::store::Store;
use crate::table::imports::{self, ImportRow, Saved};
use crate::table::owners::{self, OwnerOf};
use crate::table::{
    account_snapshots, accounts, audit_log, card_snapshots, cases, credit_cards, raw_replies,
    transaction_sightings,
};
use crate::types::{AuditAction, ImportState};

pub use file::FileImport;

/// Whether an import may refresh what the case knows about an account it lists (name, balance,
/// funds): a bank import may; a PDF statement only describes accounts not seen before, because
/// its balances are older than any bank import's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccountRefresh {
    /// The newest import's values win.
    Latest,
    /// Only a new account takes this import's values.
    IfNew,
}

/// A parsed statement as a command result (owners and accounts; statements hold no cards).
pub(crate) fn statement_result(statement: lupa_kontomatik::model::Statement) -> CommandResult {
    CommandResult {
        owners: statement.owners,
        accounts: statement.accounts,
        credit_cards: None,
        money_transactions: None,
        skipped: statement.skipped,
    }
}
use transactions::{Counts, Source};

/// What storing an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// The case.
    pub case_id: CaseId,
    /// The import.
    pub import_id: ImportId,
    /// Owners of the import (`result/owners`).
    pub owners: usize,
    /// Accounts in the reply.
    pub accounts: usize,
    /// Credit cards in the reply.
    pub credit_cards: usize,
    /// Transactions in the reply (accounts and cards).
    pub transactions: usize,
    /// Of these, not seen by an earlier import of the case: new rows.
    pub new_transactions: usize,
    /// Matched to a stored row by fingerprint.
    pub matched: usize,
    /// Matched to a stored row by date, amount and title: one side pending, or the incoming one
    /// without a balance (an account history).
    pub pending_matched: usize,
    /// Matched rows that were pending and are now booked (by either rule).
    pub pending_to_booked: usize,
    /// Items the parser skipped (kept only in the raw reply).
    pub skipped: usize,
}

impl Store {
    /// Stores a running import's result in one transaction and marks it saved. The import must
    /// have its raw reply stored first ([`Store::save_raw_reply`]), so the data can always be
    /// re-derived.
    pub fn ingest_import(
        &mut self,
        import_id: ImportId,
        result: &CommandResult,
    ) -> Result<IngestReport> {
        self.ingest_with(import_id, result, None)
    }

    /// The live import's last step in one call: stores the reply (its own transaction), parses
    /// it and ingests its result (a second transaction). The command's institution is recorded.
    pub fn ingest_raw_reply(
        &mut self,
        import_id: ImportId,
        reply: &RawReply,
    ) -> Result<IngestReport> {
        // Parsing (the longest step) runs beside storing the raw reply; nothing is derived
        // until the raw reply is committed.
        let (saved, parsed) = std::thread::scope(|scope| {
            let parsing = scope.spawn(|| lupa_kontomatik::xml::parse_reply(&reply.body));
            let saved = self.save_raw_reply(import_id, reply);
            let parsed = parsing
                .join()
                .map_err(|_| Error::Corrupt("the parser panicked".into()));
            (saved, parsed)
        });
        saved?;
        let parsed = parsed??;
        let (result, institution) = command_result(parsed.payload).ok_or_else(|| {
            Error::NotImportable("the reply holds no successful command result".into())
        })?;
        let report = self.ingest_with(import_id, &result, institution.as_deref());
        drop_later(result);
        report
    }

    /// Ingests in one transaction; the commit leaves the WAL checkpoint to
    /// [`Store::checkpoint`] (or the next small write).
    pub(crate) fn ingest_with(
        &mut self,
        import_id: ImportId,
        result: &CommandResult,
        institution: Option<&str>,
    ) -> Result<IngestReport> {
        self.without_autocheckpoint(|store| {
            store.ingest_in_one_transaction(import_id, result, institution)
        })
    }

    fn ingest_in_one_transaction(
        &mut self,
        import_id: ImportId,
        result: &CommandResult,
        institution: Option<&str>,
    ) -> Result<IngestReport> {
        let now = self.now();
        let tx = self.write()?;
        let import = imports::get(&tx, import_id)?;
        if import.state != ImportState::Running {
            return Err(Error::ImportState {
                import_id,
                state: import.state,
                expected: "running (a saved import is re-derived with reingest)",
            });
        }
        if raw_replies::for_import(&tx, import_id)?.is_empty() {
            return Err(Error::NoRawReply(import_id));
        }
        let report = ingest_result(
            &tx,
            &import,
            result,
            institution,
            Some(now),
            AccountRefresh::Latest,
        )?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::ImportSaved,
            Some(import.case_id),
            Some(import_id),
        )?;
        tx.commit()?;
        Ok(report)
    }

    /// Re-derives an import from its stored raw reply: deletes what it derived (owners,
    /// snapshots, sightings, transactions no other import sees), parses the newest stored reply
    /// that holds a result and ingests it again, in one transaction. Idempotent; also how an
    /// import interrupted after its raw reply was stored is finished (`resume`).
    pub fn reingest(&mut self, import_id: ImportId) -> Result<IngestReport> {
        self.without_autocheckpoint(|store| store.reingest_in_one_transaction(import_id))
    }

    fn reingest_in_one_transaction(&mut self, import_id: ImportId) -> Result<IngestReport> {
        let import = imports::get(&self.conn, import_id)?;
        let (result, institution) = self.stored_result(&import)?;
        let refresh = if crate::table::statement_uploads::get(&self.conn, import_id)?.is_some() {
            AccountRefresh::IfNew
        } else {
            AccountRefresh::Latest
        };
        let now = self.now();
        let first_save = import.state != ImportState::Saved;
        let tx = self.write()?;
        delete_derived(&tx, &import)?;
        let report = ingest_result(
            &tx,
            &import,
            &result,
            institution.as_deref(),
            first_save.then_some(now),
            refresh,
        )?;
        crate::table::transactions::recompute_import_range(&tx, import.case_id)?;
        let action = if first_save {
            AuditAction::ImportSaved
        } else {
            AuditAction::ImportReingested
        };
        audit_log::insert(&tx, now, action, Some(import.case_id), Some(import_id))?;
        tx.commit()?;
        Ok(report)
    }

    /// The result held by the import's newest stored reply that has one.
    fn stored_result(&self, import: &ImportRow) -> Result<(CommandResult, Option<String>)> {
        for raw in raw_replies::for_import(&self.conn, import.id)?.iter().rev() {
            let body = raw_replies::body(&self.conn, raw.id)?;
            let Ok(reply) = lupa_kontomatik::xml::parse_reply(&body) else {
                continue;
            };
            if let Payload::Data(owner) = reply.payload {
                let index = import.file_target_index.unwrap_or(0);
                let target = usize::try_from(index)
                    .ok()
                    .and_then(|index| owner.targets.into_iter().nth(index));
                if let Some(target) = target {
                    return Ok(file::target_result(target));
                }
            } else if let Payload::Statement(statement) = reply.payload {
                return Ok((statement_result(statement), None));
            } else if let Some(found) = command_result(reply.payload) {
                return Ok(found);
            }
        }
        Err(Error::NoResult(import.id))
    }
}

/// Frees a parsed result on a thread of its own when it is large: 100 000 transactions are
/// ~800 000 strings, 20–50 ms of `free` the import need not wait for.
fn drop_later(result: CommandResult) {
    const LARGE: usize = 10_000;
    let transactions: usize = (result.accounts.iter().flatten())
        .map(|account| account.money_transactions.as_ref().map_or(0, Vec::len))
        .sum();
    if transactions >= LARGE {
        // Where no thread can be started, the closure (and the result) is dropped right here.
        let _ = std::thread::Builder::new()
            .name("lupa-free".into())
            .spawn(move || drop(result));
    }
}

/// The result and institution of a successful command.
pub(crate) fn command_result(payload: Payload) -> Option<(CommandResult, Option<String>)> {
    match payload {
        Payload::Command(command) if command.state == CommandState::Successful => {
            Some((command.result?, command.institution))
        }
        _ => None,
    }
}

/// Deletes everything an import derived; transactions and accounts other imports still see stay.
fn delete_derived(tx: &Transaction<'_>, import: &ImportRow) -> Result<()> {
    owners::delete_for_import(tx, import.id)?;
    transaction_sightings::delete_for_import(tx, import.id)?;
    account_snapshots::delete_for_import(tx, import.id)?;
    card_snapshots::delete_for_import(tx, import.id)?;
    crate::table::transactions::delete_unseen(tx, import.case_id)?;
    accounts::delete_unseen(tx, import.case_id)?;
    credit_cards::delete_unseen(tx, import.case_id)?;
    Ok(())
}

/// The applicant's name: the first owner of kind `OWNER`, else the first owner listed.
fn display_name(result: &CommandResult) -> Option<&str> {
    let import_owners = result.owners.as_deref().unwrap_or_default();
    let account_owners = result
        .accounts
        .iter()
        .flatten()
        .flat_map(|account| account.owners.iter().flatten());
    let all: Vec<&Owner> = import_owners.iter().chain(account_owners).collect();
    all.iter()
        .find(|owner| owner.kind.as_deref() == Some("OWNER"))
        .or(all.first())
        .map(|owner| owner.name.as_str())
}

/// Stores a result for an import inside `tx`. `finished_at` is `None` on a re-ingest of a saved
/// import (its save time stays).
pub(crate) fn ingest_result(
    tx: &Transaction<'_>,
    import: &ImportRow,
    result: &CommandResult,
    institution: Option<&str>,
    finished_at: Option<chrono::DateTime<chrono::Utc>>,
    refresh: AccountRefresh,
) -> Result<IngestReport> {
    if result
        .money_transactions
        .as_ref()
        .is_some_and(|list| !list.is_empty())
    {
        return Err(Error::Unsupported(
            "a transactions-only result (advanced import) needs its account",
        ));
    }
    let case_id = import.case_id;
    let mut counts = Counts::default();
    crate::search_index::before_insert(tx)?;
    owners::insert_all(
        tx,
        import.id,
        OwnerOf::Import,
        result.owners.as_deref().unwrap_or_default(),
    )?;

    let mut plans = Vec::new();
    let mut seen_accounts = HashSet::new();
    for (position, account) in result.accounts.iter().flatten().enumerate() {
        let account_id = accounts::upsert(
            tx,
            case_id,
            import.id,
            account,
            refresh == AccountRefresh::Latest,
        )?;
        if !seen_accounts.insert(account_id) {
            return Err(Error::Unsupported(
                "the same account (IBAN and currency) listed twice in one reply",
            ));
        }
        let snapshot = account_snapshots::insert(tx, import.id, account_id, position, account)?;
        owners::insert_all(
            tx,
            import.id,
            OwnerOf::Account(snapshot),
            account.owners.as_deref().unwrap_or_default(),
        )?;
        let source = Source {
            case_id,
            import_id: import.id,
            account_id: Some(account_id),
            card_id: None,
            key: account.iban.clone(),
            currency: account.currency_name.as_deref().unwrap_or(""),
        };
        plans.push(transactions::plan(
            tx,
            source,
            account.money_transactions.as_deref().unwrap_or_default(),
        )?);
    }

    let mut seen_cards = HashSet::new();
    for (position, card) in result.credit_cards.iter().flatten().enumerate() {
        let identity = credit_cards::identity(card, position);
        let card_id = credit_cards::upsert(tx, case_id, import.id, &identity, card)?;
        if !seen_cards.insert(card_id) {
            return Err(Error::Unsupported(
                "the same credit card listed twice in one reply",
            ));
        }
        let snapshot = card_snapshots::insert(tx, import.id, card_id, position, card)?;
        owners::insert_all(
            tx,
            import.id,
            OwnerOf::Card(snapshot),
            card.owners.as_deref().unwrap_or_default(),
        )?;
        let source = Source {
            case_id,
            import_id: import.id,
            account_id: None,
            card_id: Some(card_id),
            key: identity,
            currency: card.currency_name.as_deref().unwrap_or(""),
        };
        plans.push(transactions::plan(
            tx,
            source,
            card.money_transactions.as_deref().unwrap_or_default(),
        )?);
    }
    let seen = transactions::write(tx, &plans, &mut counts)?;
    drop(plans);
    transaction_sightings::insert(tx, import.id, &seen)?;
    if let Some((first, last)) = counts.inserted_ids {
        cases::widen_transaction_range(tx, case_id, first, last)?;
    }

    let case = cases::get(tx, case_id)?;
    let newest_saved: Option<i64> = tx.query_row(
        "SELECT max(id) FROM imports WHERE case_id = ?1 AND state = 'saved' AND id <> ?2",
        rusqlite::params![case_id, import.id],
        |row| row.get(0),
    )?;
    if newest_saved.is_none_or(|newest| import.id.0 >= newest)
        && let Some(name) = display_name(result)
    {
        cases::set_display_name(tx, case_id, name)?;
    }
    cases::refresh_search_text(tx, case_id)?;
    if let Some(at) = finished_at {
        cases::touch(tx, case_id, at, case.delete_after)?;
    }
    imports::mark_saved(
        tx,
        import.id,
        &Saved {
            finished_at,
            institution,
            has_owners: result.owners.is_some(),
            has_accounts: result.accounts.is_some(),
            has_credit_cards: result.credit_cards.is_some(),
            transaction_count: counts.seen as i64,
            skipped_count: result.skipped.len() as i64,
        },
    )?;
    Ok(IngestReport {
        case_id,
        import_id: import.id,
        owners: result.owners.as_ref().map_or(0, Vec::len),
        accounts: result.accounts.as_ref().map_or(0, Vec::len),
        credit_cards: result.credit_cards.as_ref().map_or(0, Vec::len),
        transactions: counts.seen,
        new_transactions: counts.inserted,
        matched: counts.matched,
        pending_matched: counts.pending_matched,
        pending_to_booked: counts.pending_to_booked,
        skipped: result.skipped.len(),
    })
}
