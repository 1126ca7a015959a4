//! What a statement shows: the period's transactions of one account, its opening and closing
//! balances and owners (and the forger's edit of them).

use chrono::NaiveDate;
use lupa_kontomatik::model::{Account, MoneyTransaction, Owner};
use rust_decimal::Decimal;

use crate::personas::{Generated, PersonaSpec};

/// A statement's content, before it is laid out.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The bank's official name.
    pub bank: String,
    /// The persona's display name (for the company variant's name).
    pub display_name: String,
    /// The account's name, e.g. `Konto 0`.
    pub account_name: String,
    /// The IBAN, no spaces.
    pub iban: String,
    /// ISO 4217.
    pub currency: String,
    /// The account's owners (the import's owners when the account names none).
    pub owners: Vec<Owner>,
    /// The period.
    pub from: NaiveDate,
    /// The period's last day.
    pub to: NaiveDate,
    /// The day the document was issued (the sandbox's today).
    pub issued: NaiveDate,
    /// The period's transactions, oldest first.
    pub rows: Vec<MoneyTransaction>,
    /// The balance before the first transaction of the period.
    pub opening: Decimal,
    /// The balance after the last one.
    pub closing: Decimal,
}

/// The account a statement shows: `index`, or the last one when out of range.
pub fn account_of(generated: &Generated, index: usize) -> Option<(usize, &Account)> {
    let index = index.min(generated.accounts.len().checked_sub(1)?);
    Some((index, &generated.accounts[index]))
}

/// The account's transactions whose `transactionOn` is in `from..=to`, in the import's order
/// (newest first), with the balances before and after them.
pub fn period_data(
    account: &Account,
    from: NaiveDate,
    to: NaiveDate,
) -> (Vec<MoneyTransaction>, Decimal, Decimal) {
    let all = account.money_transactions.as_deref().unwrap_or_default();
    let before = |tx: &MoneyTransaction| tx.currency_balance.map(|b| b - tx.currency_amount);
    // Newest first: the first transaction on or before `to` closes the period, the first one
    // before `from` opens it.
    let start_balance = all
        .last()
        .and_then(before)
        .or(account.currency_balance)
        .unwrap_or_default();
    let balance_on = |day: NaiveDate, inclusive: bool| {
        all.iter()
            .find(|tx| {
                if inclusive {
                    tx.transaction_on <= day
                } else {
                    tx.transaction_on < day
                }
            })
            .and_then(|tx| tx.currency_balance)
            .unwrap_or(start_balance)
    };
    let rows = all
        .iter()
        .filter(|tx| (from..=to).contains(&tx.transaction_on))
        .cloned()
        .collect();
    (rows, balance_on(from, false), balance_on(to, true))
}

impl Plan {
    /// The content of a statement of `generated`'s account `account` over `from..=to`.
    pub fn new(
        persona: &PersonaSpec,
        generated: &Generated,
        account: &Account,
        from: NaiveDate,
        to: NaiveDate,
        issued: NaiveDate,
    ) -> Plan {
        let (mut rows, opening, closing) = period_data(account, from, to);
        rows.reverse();
        let owners = account
            .owners
            .clone()
            .filter(|owners| !owners.is_empty())
            .unwrap_or_else(|| generated.owners.clone());
        Plan {
            bank: persona.official_name.to_owned(),
            display_name: persona.display_name.to_owned(),
            account_name: account.name.clone().unwrap_or_default(),
            iban: account.iban.clone(),
            currency: account
                .currency_name
                .clone()
                .unwrap_or_else(|| "PLN".into()),
            owners,
            from,
            to,
            issued,
            rows,
            opening,
            closing,
        }
    }

    /// The same statement with one amount raised by 2 000.00 (the largest one, the latest of
    /// equal ones, as a forger inflating an income would), its balance left as it was; with no transactions, the closing
    /// balance is raised instead.
    pub fn tampered(&self) -> Plan {
        let mut plan = self.clone();
        let raise = Decimal::new(200_000, 2);
        let largest = (0..plan.rows.len()).max_by_key(|&i| plan.rows[i].currency_amount);
        match largest {
            Some(i) => plan.rows[i].currency_amount += raise,
            None => plan.closing += raise,
        }
        plan
    }

    /// The owners' names, comma-separated.
    pub fn owner_names(&self) -> String {
        let names: Vec<&str> = self.owners.iter().map(|o| o.name.as_str()).collect();
        names.join(", ")
    }

    /// The company the corporate variant belongs to.
    pub fn company(&self) -> String {
        let surname = self.display_name.split_whitespace().last().unwrap_or("");
        format!("{} CONSULTING SP. Z O.O.", surname.to_uppercase())
    }
}
