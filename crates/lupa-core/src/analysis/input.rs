//! The plain input the analysis works on: accounts, transactions, the analyst's overrides and
//! Kontomatik scores, with numeric ids the store assigns (or [`AnalysisInput::from_command_result`]
//! assigns for a parsed reply).
//!
//! Nothing here refers to the store or the wire format, so the analysis can be tested and run on
//! any source of data.

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::model::{CommandResult, MoneyTransaction, Owner, ScoreModel};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::category::Category;

/// Everything one analysis looks at.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalysisInput {
    /// The case's accounts and credit cards.
    pub accounts: Vec<AccountInput>,
    /// Their transactions, in any order; ids must be unique.
    pub transactions: Vec<TxInput>,
    /// The analyst's edits; the last one for a transaction wins.
    pub overrides: Vec<Override>,
    /// Kontomatik Score models, verbatim (an external opinion).
    pub scores: Vec<ScoreInput>,
}

/// An account or credit card of the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInput {
    /// Id, unique within the input.
    pub id: i64,
    /// IBAN (or card id for cards without one), as the bank sent it.
    pub iban: String,
    /// The account's name, for display.
    pub name: Option<String>,
    /// ISO 4217 currency.
    pub currency: String,
    /// The current balance the bank reported (`currencyBalance`).
    pub balance: Option<Decimal>,
    /// True when the applicant is not the sole owner (a `CO_OWNER` or several owners).
    pub co_owned: bool,
    /// True for a credit card: its spending reaches the current account as a card repayment.
    pub is_card: bool,
}

/// One transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxInput {
    /// Id, unique within the input; it orders same-day transactions of an account (the bank's
    /// newest-first order gives the newer one the smaller id).
    pub id: i64,
    /// The [`AccountInput::id`] it belongs to.
    pub account_id: i64,
    /// `transactionOn`.
    pub transaction_on: NaiveDate,
    /// `bookedOn`.
    pub booked_on: Option<NaiveDate>,
    /// Negative for debits, in the account's currency.
    pub amount: Decimal,
    /// The balance after the transaction (`currencyBalance`).
    pub balance_after: Option<Decimal>,
    /// `title`.
    pub title: Option<String>,
    /// `party`.
    pub party: Option<String>,
    /// `partyIban`.
    pub party_iban: Option<String>,
    /// `kind`: the bank's transaction type text.
    pub kind: Option<String>,
    /// `status`, e.g. `DONE` or `PENDING`.
    pub status: Option<String>,
    /// Kontomatik labels, verbatim.
    pub labels: Vec<String>,
}

/// An analyst's edit of one transaction (F-REV-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    /// The transaction edited.
    pub transaction_id: i64,
    /// A new category, if recategorised.
    pub category: Option<Category>,
    /// Explicit inclusion in (or exclusion from) income.
    pub include_in_income: Option<bool>,
}

/// One Kontomatik Score model, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreInput {
    /// `model@id`.
    pub model_id: String,
    /// `model@retrainedAt`.
    pub retrained_at: Option<DateTime<Utc>>,
    /// `score/value`.
    pub score: Option<Decimal>,
    /// `scorePercentile/value`.
    pub percentile: Option<Decimal>,
    /// `scoreTier/value`.
    pub tier: Option<String>,
}

impl From<&ScoreModel> for ScoreInput {
    fn from(model: &ScoreModel) -> Self {
        ScoreInput {
            model_id: model.id.clone(),
            retrained_at: model.retrained_at,
            score: model.score,
            percentile: model.score_percentile,
            tier: model.score_tier.clone(),
        }
    }
}

impl AnalysisInput {
    /// The accounts, cards and transactions of a finished command, with ids assigned in order:
    /// accounts then cards from 1, transactions from 1 in the reply's order (accounts first,
    /// each newest first, then cards).
    pub fn from_command_result(result: &CommandResult) -> Self {
        let mut input = AnalysisInput::default();
        let mut next_tx = 1;
        let mut push_all =
            |input: &mut AnalysisInput, account_id: i64, list: &[MoneyTransaction]| {
                for tx in list {
                    input
                        .transactions
                        .push(TxInput::from_wire(next_tx, account_id, tx));
                    next_tx += 1;
                }
            };
        for account in result.accounts.iter().flatten() {
            let id = input.accounts.len() as i64 + 1;
            input.accounts.push(AccountInput {
                id,
                iban: account.iban.clone(),
                name: account.name.clone(),
                currency: currency(account.currency_name.as_deref()),
                balance: account.currency_balance,
                co_owned: co_owned(account.owners.as_deref()),
                is_card: false,
            });
            push_all(
                &mut input,
                id,
                account.money_transactions.as_deref().unwrap_or_default(),
            );
        }
        for card in result.credit_cards.iter().flatten() {
            let id = input.accounts.len() as i64 + 1;
            let iban = card
                .iban
                .clone()
                .or_else(|| card.card_id.clone())
                .or_else(|| card.number.clone())
                .unwrap_or_else(|| format!("card-{id}"));
            input.accounts.push(AccountInput {
                id,
                iban,
                name: card.name.clone(),
                currency: currency(card.currency_name.as_deref()),
                balance: card.currency_balance,
                co_owned: co_owned(card.owners.as_deref()),
                is_card: true,
            });
            push_all(
                &mut input,
                id,
                card.money_transactions.as_deref().unwrap_or_default(),
            );
        }
        input
    }
}

impl TxInput {
    /// A transaction from the wire model.
    pub fn from_wire(id: i64, account_id: i64, tx: &MoneyTransaction) -> Self {
        TxInput {
            id,
            account_id,
            transaction_on: tx.transaction_on,
            booked_on: tx.booked_on,
            amount: tx.currency_amount,
            balance_after: tx.currency_balance,
            title: tx.title.clone(),
            party: tx.party.clone(),
            party_iban: tx.party_iban.clone(),
            kind: tx.kind.clone(),
            status: tx.status.clone(),
            labels: tx.labels.clone().unwrap_or_default(),
        }
    }

    /// True when the bank has not booked it yet (status other than `DONE`, or no booking date
    /// with a status present).
    pub fn is_pending(&self) -> bool {
        match self.status.as_deref() {
            Some(status) => !status.eq_ignore_ascii_case("DONE"),
            None => false,
        }
    }
}

fn currency(name: Option<&str>) -> String {
    match name {
        Some(code) if !code.trim().is_empty() => code.trim().to_ascii_uppercase(),
        // ISO 4217's code for "no currency": never mixed with a real one.
        _ => "XXX".to_owned(),
    }
}

fn co_owned(owners: Option<&[Owner]>) -> bool {
    let owners = owners.unwrap_or_default();
    owners.len() > 1
        || owners
            .iter()
            .any(|owner| owner.kind.as_deref().is_some_and(|kind| kind != "OWNER"))
}
