//! A stored case as analysis input (F-ANA-1..6 over F-STO data): accounts and cards with their
//! transactions, keyed by the store's ids so every metric drills down to stored rows (F-REV-3).

use std::collections::HashSet;

use lupa_store::{CaseId, ImportState, Store, TxQuery};

use crate::analysis::{AccountInput, Analysis, AnalysisInput, AnalysisOptions, TxInput, analyze};
use crate::error::Result;

/// Cards share the input's account id space with accounts: a card's id is the negated card id.
pub fn card_account_id(card_id: i64) -> i64 {
    -card_id
}

/// The analysis input of a stored case.
pub fn analysis_input(store: &Store, case_id: CaseId) -> Result<AnalysisInput> {
    let overview = store.case_overview(case_id)?;
    // Co-owned accounts are those whose latest import lists a co-owner on the account.
    let latest = overview
        .imports
        .iter()
        .filter(|import| import.state == ImportState::Saved)
        .max_by_key(|import| (import.started_at, import.id.0));
    let co_owned: HashSet<String> = match latest {
        Some(import) => store
            .import_result(import.id)?
            .accounts
            .unwrap_or_default()
            .into_iter()
            .filter(|account| {
                account
                    .owners
                    .iter()
                    .flatten()
                    .any(|owner| owner.kind.as_deref() == Some("CO_OWNER"))
            })
            .map(|account| account.iban)
            .collect(),
        None => HashSet::new(),
    };
    let mut accounts: Vec<AccountInput> = overview
        .accounts
        .iter()
        .map(|item| AccountInput {
            id: item.account.id.0,
            iban: item.account.iban.clone(),
            name: item.account.name.clone(),
            currency: item.account.currency.clone(),
            balance: item.account.balance,
            co_owned: co_owned.contains(&item.account.iban),
            is_card: false,
        })
        .collect();
    accounts.extend(overview.credit_cards.iter().map(|item| {
        AccountInput {
            id: card_account_id(item.card.id.0),
            iban: item
                .card
                .iban
                .clone()
                .unwrap_or_else(|| item.card.identity.clone()),
            name: item.card.name.clone(),
            currency: item.card.currency.clone(),
            balance: item.card.balance,
            co_owned: false,
            is_card: true,
        }
    }));
    let mut query = TxQuery::for_case(case_id);
    query.limit = u32::MAX;
    let transactions = store
        .transactions(&query)?
        .into_iter()
        .filter_map(|tx| {
            let account_id = match (tx.account_id, tx.card_id) {
                (Some(account), _) => account.0,
                (None, Some(card)) => card_account_id(card.0),
                (None, None) => return None,
            };
            Some(TxInput {
                id: tx.id.0,
                account_id,
                transaction_on: tx.transaction_on,
                booked_on: tx.booked_on,
                amount: tx.amount,
                balance_after: tx.balance_after,
                title: tx.title,
                party: tx.party,
                party_iban: tx.party_iban,
                kind: tx.kind,
                status: tx.status,
                labels: tx.labels.unwrap_or_default(),
            })
        })
        .collect();
    Ok(AnalysisInput {
        accounts,
        transactions,
        overrides: Vec::new(),
        scores: Vec::new(),
    })
}

/// Categories, metrics, continuity and the checklist of a stored case.
pub fn analyze_case(store: &Store, case_id: CaseId, options: &AnalysisOptions) -> Result<Analysis> {
    Ok(analyze(&analysis_input(store, case_id)?, options))
}
