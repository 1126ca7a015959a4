//! What an import brought: owners, accounts, transactions per account and the dates they span.

use chrono::NaiveDate;
use lupa_kontomatik::model::CommandResult;
use rust_decimal::Decimal;
use serde::Serialize;

/// One account in a summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountSummary {
    /// IBAN.
    pub iban: String,
    /// Account name.
    pub name: Option<String>,
    /// ISO currency.
    pub currency: Option<String>,
    /// Current balance.
    pub balance: Option<Decimal>,
    /// Number of transactions.
    pub transactions: usize,
    /// Oldest transaction day.
    pub first_day: Option<NaiveDate>,
    /// Newest transaction day.
    pub last_day: Option<NaiveDate>,
}

/// An import's headline numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Owner names with their kind, e.g. `Maria Sochacka (OWNER)`.
    pub owners: Vec<String>,
    /// Accounts.
    pub accounts: Vec<AccountSummary>,
    /// Credit cards.
    pub credit_cards: usize,
    /// Transactions across accounts and cards.
    pub transactions: usize,
    /// Items the parser could not read (kept raw).
    pub skipped: usize,
}

/// Summarises a finished command's result.
pub fn summarize(result: &CommandResult) -> ImportSummary {
    let owners = result
        .owners
        .iter()
        .flatten()
        .map(|owner| match &owner.kind {
            Some(kind) => format!("{} ({kind})", owner.name),
            None => owner.name.clone(),
        })
        .collect();
    let accounts: Vec<AccountSummary> = result
        .accounts
        .iter()
        .flatten()
        .map(|account| {
            let transactions = account.money_transactions.as_deref().unwrap_or_default();
            AccountSummary {
                iban: account.iban.clone(),
                name: account.name.clone(),
                currency: account.currency_name.clone(),
                balance: account.currency_balance,
                transactions: transactions.len(),
                first_day: transactions.iter().map(|tx| tx.transaction_on).min(),
                last_day: transactions.iter().map(|tx| tx.transaction_on).max(),
            }
        })
        .collect();
    let card_transactions: usize = result
        .credit_cards
        .iter()
        .flatten()
        .map(|card| card.money_transactions.as_ref().map_or(0, Vec::len))
        .sum();
    ImportSummary {
        owners,
        transactions: accounts.iter().map(|a| a.transactions).sum::<usize>()
            + card_transactions
            + result.money_transactions.as_ref().map_or(0, Vec::len),
        accounts,
        credit_cards: result.credit_cards.as_ref().map_or(0, Vec::len),
        skipped: result.skipped.len(),
    }
}
