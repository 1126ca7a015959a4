//! Cuts a persona's generated history into the `<result>` of each command kind, filtered by `since`.

use chrono::NaiveDate;
use lupa_kontomatik::model::{Account, CommandResult, CreditCard, MoneyTransaction};

use crate::personas::Generated;
use crate::state::CommandKind;

fn since_filter(
    transactions: &Option<Vec<MoneyTransaction>>,
    since: NaiveDate,
) -> Option<Vec<MoneyTransaction>> {
    transactions.as_ref().map(|list| {
        list.iter()
            .filter(|tx| tx.transaction_on >= since)
            .cloned()
            .collect()
    })
}

fn account_since(account: &Account, since: NaiveDate) -> Account {
    Account {
        money_transactions: since_filter(&account.money_transactions, since),
        ..account.clone()
    }
}

fn card_since(card: &CreditCard, since: NaiveDate) -> CreditCard {
    CreditCard {
        money_transactions: since_filter(&card.money_transactions, since),
        ..card.clone()
    }
}

/// The `<result>` of a finished command of `kind` over `generated`, with transactions on or after `since`.
/// A default import without cards has no `<creditCards>` element, like the capture.
pub fn command_result(
    generated: &Generated,
    kind: &CommandKind,
    since: NaiveDate,
) -> CommandResult {
    match kind {
        CommandKind::DefaultImport => CommandResult {
            owners: Some(generated.owners.clone()),
            accounts: Some(
                generated
                    .accounts
                    .iter()
                    .map(|a| account_since(a, since))
                    .collect(),
            ),
            credit_cards: (!generated.credit_cards.is_empty()).then(|| {
                generated
                    .credit_cards
                    .iter()
                    .map(|c| card_since(c, since))
                    .collect()
            }),
            ..CommandResult::default()
        },
        CommandKind::Owners => CommandResult {
            owners: Some(generated.owners.clone()),
            ..CommandResult::default()
        },
        CommandKind::Accounts => CommandResult {
            accounts: Some(
                generated
                    .accounts
                    .iter()
                    .map(|a| Account {
                        money_transactions: None,
                        ..a.clone()
                    })
                    .collect(),
            ),
            ..CommandResult::default()
        },
        CommandKind::AccountTransactions { iban } => CommandResult {
            money_transactions: Some(
                generated
                    .accounts
                    .iter()
                    .filter(|a| &a.iban == iban)
                    .flat_map(|a| since_filter(&a.money_transactions, since).unwrap_or_default())
                    .collect(),
            ),
            ..CommandResult::default()
        },
        CommandKind::CreditCards => CommandResult {
            credit_cards: Some(
                generated
                    .credit_cards
                    .iter()
                    .map(|c| CreditCard {
                        money_transactions: None,
                        ..c.clone()
                    })
                    .collect(),
            ),
            ..CommandResult::default()
        },
        CommandKind::CreditCardTransactions { card_number } => CommandResult {
            money_transactions: Some(
                generated
                    .credit_cards
                    .iter()
                    .filter(|c| {
                        c.number.as_deref() == Some(card_number.as_str())
                            || c.card_id.as_deref() == Some(card_number.as_str())
                    })
                    .flat_map(|c| since_filter(&c.money_transactions, since).unwrap_or_default())
                    .collect(),
            ),
            ..CommandResult::default()
        },
    }
}
