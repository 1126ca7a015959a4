//! The table's filter columns: one small integer per transaction and property, so a filter change
//! scans a few megabytes of plain integers in a precomputed order instead of the transactions
//! themselves (see `docs/performance.md`, issue 6).

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use lupa_store::table::transaction_notes::NoteRow;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::analysis::{AnalysisInput, Categorized};

/// Bits of [`Columns::flags`].
pub(crate) mod bit {
    pub const INCOME: u16 = 1;
    pub const OWN_TRANSFER: u16 = 1 << 1;
    pub const RECURRING: u16 = 1 << 2;
    pub const PENDING: u16 = 1 << 3;
    pub const RISK: u16 = 1 << 4;
    pub const STARRED: u16 = 1 << 5;
    pub const COMMENTED: u16 = 1 << 6;
    pub const EDITED: u16 = 1 << 7;
    pub const DEBIT: u16 = 1 << 8;
}

/// Per transaction, in input order.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    /// `transactionOn` as days from the common era.
    pub day: Vec<i32>,
    /// The absolute amount in hundredths (money is stored in whole minor units).
    pub cents: Vec<i64>,
    /// Index of the account in the input's accounts.
    pub account: Vec<u16>,
    /// The category's index in `Category::ALL`.
    pub category: Vec<u8>,
    /// [`bit`]s.
    pub flags: Vec<u16>,
    /// Transaction id → position.
    pub positions: HashMap<i64, u32>,
}

/// Hundredths of `value`, rounded towards zero (amounts have at most two places).
pub(crate) fn cents(value: Decimal) -> i64 {
    (value * Decimal::ONE_HUNDRED)
        .trunc()
        .to_i64()
        .unwrap_or(i64::MAX)
}

impl Columns {
    /// The columns of `input` as analysed, with the analyst's notes and overrides.
    pub fn build(
        input: &AnalysisInput,
        analysed: &[Categorized],
        notes: &HashMap<i64, NoteRow>,
        overridden: &HashSet<i64>,
    ) -> Columns {
        let accounts: HashMap<i64, u16> = input
            .accounts
            .iter()
            .enumerate()
            .map(|(index, account)| (account.id, index as u16))
            .collect();
        let n = input.transactions.len();
        let mut columns = Columns {
            day: Vec::with_capacity(n),
            cents: Vec::with_capacity(n),
            account: Vec::with_capacity(n),
            category: Vec::with_capacity(n),
            flags: Vec::with_capacity(n),
            positions: HashMap::with_capacity(n),
        };
        for (position, (tx, categorized)) in input.transactions.iter().zip(analysed).enumerate() {
            columns.day.push(tx.transaction_on.num_days_from_ce());
            columns.cents.push(cents(tx.amount.abs()));
            columns
                .account
                .push(accounts.get(&tx.account_id).copied().unwrap_or(0));
            columns.category.push(categorized.category as u8);
            let note = notes.get(&tx.id);
            let mut flags = 0;
            for (on, flag) in [
                (categorized.include_in_income, bit::INCOME),
                (categorized.category.is_own_transfer(), bit::OWN_TRANSFER),
                (categorized.flags.recurring, bit::RECURRING),
                (categorized.flags.pending, bit::PENDING),
                (categorized.category.is_risk(), bit::RISK),
                (note.is_some_and(|note| note.starred), bit::STARRED),
                (
                    note.is_some_and(|note| note.comment.is_some()),
                    bit::COMMENTED,
                ),
                (overridden.contains(&tx.id), bit::EDITED),
                (tx.amount.is_sign_negative(), bit::DEBIT),
            ] {
                if on {
                    flags |= flag;
                }
            }
            columns.flags.push(flags);
            columns.positions.insert(tx.id, position as u32);
        }
        columns
    }
}
