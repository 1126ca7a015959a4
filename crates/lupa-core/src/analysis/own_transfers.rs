//! Own-account transfers (F-ANA-3): money moving between the case's own accounts is neither income
//! nor spending.
//!
//! Two signals, in this order:
//! 1. the counterparty IBAN is one of the case's accounts (the bank says where the money went);
//! 2. a debit on one case account and a credit of the same amount on another within 0–3 days,
//!    when neither side names an outside account and neither was paid by card, BLIK or at an ATM.
//!
//! A debit from a deposit account into one of the case's credit cards is a card repayment
//! (`DEBT_CARD_REPAYMENT`, debt service), not an own transfer; the card's side is the own transfer.

use rust_decimal::Decimal;

use super::category::{Channel, is_credit, is_debit};
use super::input::AnalysisInput;

/// How a transaction relates to the case's other accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum OwnLink {
    /// Not an own transfer.
    #[default]
    None,
    /// An own transfer; `by_iban` when the counterparty IBAN is a case account.
    Own {
        counterpart: Option<usize>,
        by_iban: bool,
    },
    /// A deposit-account debit paying one of the case's credit cards.
    CardRepayment { counterpart: Option<usize> },
}

/// What own-transfer detection needs to know about one transaction.
pub(crate) struct Candidate {
    /// Index of the account in `input.accounts`, if known.
    pub account: Option<usize>,
    pub day: i32,
    pub channel: Option<Channel>,
    /// The case account the counterparty IBAN belongs to, if any.
    pub target: Option<usize>,
}

/// Own-transfer links for every transaction of `input` (same order).
pub(crate) fn detect(input: &AnalysisInput, candidates: &[Candidate]) -> Vec<OwnLink> {
    let is_card =
        |account: Option<usize>| account.is_some_and(|index| input.accounts[index].is_card);

    let mut links = vec![OwnLink::None; input.transactions.len()];
    // The case account each transaction's party IBAN points to.
    let targets: Vec<Option<usize>> = candidates
        .iter()
        .map(|candidate| candidate.target)
        .collect();
    for (index, tx) in input.transactions.iter().enumerate() {
        let Some(target) = targets[index] else {
            continue;
        };
        let own_account = candidates[index].account;
        links[index] = if is_debit(tx.amount) && !is_card(own_account) && is_card(Some(target)) {
            OwnLink::CardRepayment { counterpart: None }
        } else {
            OwnLink::Own {
                counterpart: None,
                by_iban: true,
            }
        };
    }

    // Pairing by amount and date.
    let mut eligible: Vec<(Decimal, i32, bool, usize)> = input
        .transactions
        .iter()
        .enumerate()
        .filter(|(index, tx)| {
            let candidate = &candidates[*index];
            candidate.account.is_some()
                && !tx.amount.is_zero()
                && !matches!(
                    candidate.channel,
                    Some(Channel::Card | Channel::Blik | Channel::Atm)
                )
                && (tx
                    .party_iban
                    .as_deref()
                    .is_none_or(|iban| iban.trim_ascii().is_empty())
                    || targets[*index].is_some())
        })
        .map(|(index, tx)| {
            (
                tx.amount.abs(),
                candidates[index].day,
                is_credit(tx.amount),
                index,
            )
        })
        .collect();
    eligible.sort_unstable();
    let mut matched = vec![false; input.transactions.len()];
    let mut group_start = 0;
    while group_start < eligible.len() {
        let amount = eligible[group_start].0;
        let group_end =
            group_start + eligible[group_start..].partition_point(|(other, ..)| *other == amount);
        let group = &eligible[group_start..group_end];
        let credits: Vec<&(Decimal, i32, bool, usize)> =
            group.iter().filter(|entry| entry.2).collect();
        for debit in group.iter().filter(|entry| !entry.2) {
            let (_, debit_day, _, debit_index) = *debit;
            let debit_account = candidates[debit_index].account;
            let first = credits.partition_point(|credit| credit.1 < debit_day);
            let found = credits[first..]
                .iter()
                .take_while(|credit| credit.1 <= debit_day + 3)
                .find(|credit| {
                    let credit_index = credit.3;
                    let credit_account = candidates[credit_index].account;
                    !matched[credit_index]
                        && credit_account != debit_account
                        && targets[debit_index].is_none_or(|target| Some(target) == credit_account)
                        && targets[credit_index].is_none_or(|target| Some(target) == debit_account)
                });
            if let Some(credit) = found {
                let credit_index = credit.3;
                matched[credit_index] = true;
                matched[debit_index] = true;
                let credit_account = candidates[credit_index].account;
                links[debit_index] = if !is_card(debit_account) && is_card(credit_account) {
                    OwnLink::CardRepayment {
                        counterpart: Some(credit_index),
                    }
                } else {
                    OwnLink::Own {
                        counterpart: Some(credit_index),
                        by_iban: targets[debit_index].is_some(),
                    }
                };
                links[credit_index] = OwnLink::Own {
                    counterpart: Some(debit_index),
                    by_iban: targets[credit_index].is_some(),
                };
            }
        }
        group_start = group_end;
    }
    links
}
