//! A stored case as analysis input (F-ANA-1..6 over F-STO data): accounts and cards with their
//! transactions, keyed by the store's ids so every metric drills down to stored rows (F-REV-3).

use std::collections::HashSet;

use lupa_store::{CaseId, ImportState, Store, TxQuery};

use crate::analysis::{
    AccountInput, Analysis, AnalysisInput, AnalysisOptions, Category, Override, TxInput, analyze,
};
use crate::error::{Error, Result};

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
        overrides: overrides(store, case_id)?,
        scores: crate::score::latest_scores(store, case_id)?,
    })
}

/// The analyst's overrides of a stored case, as analysis input.
pub fn overrides(store: &Store, case_id: CaseId) -> Result<Vec<Override>> {
    Ok(store
        .overrides(case_id)?
        .into_iter()
        .map(|row| Override {
            transaction_id: row.transaction_id.0,
            category: row.category.as_deref().and_then(parse_category),
            include_in_income: row.include_in_income,
        })
        .collect())
}

/// A §5.1 category code (`RISK_GAMBLING`), or `None` when it is not one.
pub fn parse_category(code: &str) -> Option<Category> {
    code.trim().to_ascii_uppercase().parse().ok()
}

/// The analyst's current override of a transaction, if any.
fn current_override(
    store: &Store,
    id: lupa_store::TransactionId,
) -> Result<Option<lupa_store::table::category_overrides::OverrideRow>> {
    Ok(store
        .overrides(store.transaction_case(id)?)?
        .into_iter()
        .find(|row| row.transaction_id == id))
}

/// Sets the analyst's category for a stored transaction; the code must be a §5.1 category.
pub fn set_category(store: &mut Store, transaction_id: i64, code: &str) -> Result<()> {
    let category = parse_category(code).ok_or_else(|| {
        Error::NotFound(format!(
            "{code:?} is not a category code (see docs/analysis.md)"
        ))
    })?;
    let id = lupa_store::TransactionId(transaction_id);
    let include = current_override(store, id)?.and_then(|row| row.include_in_income);
    store.set_override(id, Some(&category.to_string()), include)?;
    Ok(())
}

/// Includes a stored transaction in income, or excludes it.
pub fn set_income_inclusion(store: &mut Store, transaction_id: i64, include: bool) -> Result<()> {
    let id = lupa_store::TransactionId(transaction_id);
    let category = current_override(store, id)?.and_then(|row| row.category);
    store.set_override(id, category.as_deref(), Some(include))?;
    Ok(())
}

/// Categories, metrics, continuity and the checklist of a stored case.
pub fn analyze_case(store: &Store, case_id: CaseId, options: &AnalysisOptions) -> Result<Analysis> {
    Ok(analyze(&analysis_input(store, case_id)?, options))
}
