//! The transactions table (F-REV-3, F-REV-4): a filter, with drill-down evidence, over a
//! [`CaseModel`], answered as one page of rows plus the total and sums of the whole selection.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use memchr::memmem;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{bit, cents};
use super::model::CaseModel;
use crate::analysis::Category;
use crate::analysis::text::fold;
use crate::error::{Error, Result};

/// What the table is sorted by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "review.ts")]
pub enum SortKey {
    /// Transaction date (then id).
    #[default]
    Date,
    /// Signed amount.
    Amount,
    /// Title (the party when there is no title), diacritics folded.
    Title,
    /// Category code.
    Category,
    /// Account, in the case's account order.
    Account,
}

impl SortKey {
    /// Every key.
    pub const ALL: [SortKey; 5] = [
        SortKey::Date,
        SortKey::Amount,
        SortKey::Title,
        SortKey::Category,
        SortKey::Account,
    ];
    /// How many keys there are.
    pub(crate) const COUNT: usize = SortKey::ALL.len();
}

/// Credits or debits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "review.ts")]
pub enum FlowDirection {
    /// Money in.
    In,
    /// Money out.
    Out,
}

/// A property a transaction has or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "review.ts")]
pub enum TxFlag {
    /// Starred by the analyst.
    Starred,
    /// Commented by the analyst.
    Commented,
    /// Recategorised or included/excluded by the analyst.
    Edited,
    /// Counted as income.
    Income,
    /// A transfer between the applicant's own accounts.
    OwnTransfer,
    /// Recurring monthly.
    Recurring,
    /// Not booked yet.
    Pending,
    /// In a `RISK_*` category.
    Risk,
}

/// The transactions behind a figure of the overview (F-REV-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "review.ts")]
pub enum Evidence {
    /// A metric of one currency, e.g. `gambling_out_sum_90d` in PLN.
    Metric {
        /// ISO 4217 code.
        currency: String,
        /// The §5.2 name.
        name: String,
    },
    /// A checklist rule of one currency.
    Check {
        /// ISO 4217 code.
        currency: String,
        /// The policy rule's id.
        rule_id: String,
    },
}

/// A filter of the transactions table; every field narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "review.ts")]
pub struct TxFilter {
    /// One account or card (cards have negative ids), or all.
    pub account_id: Option<i64>,
    /// From this transaction date, inclusive.
    pub from: Option<NaiveDate>,
    /// To this transaction date, inclusive.
    pub to: Option<NaiveDate>,
    /// Credits or debits only.
    pub direction: Option<FlowDirection>,
    /// Smallest absolute amount.
    #[ts(type = "string | null")]
    pub min_amount: Option<Decimal>,
    /// Largest absolute amount.
    #[ts(type = "string | null")]
    pub max_amount: Option<Decimal>,
    /// Any of these category codes (none: all).
    pub categories: Vec<String>,
    /// A Kontomatik label, verbatim.
    pub label: Option<String>,
    /// A property.
    pub flag: Option<TxFlag>,
    /// Words that must all occur in the title, party, kind or party IBAN (diacritics ignored).
    pub text: Option<String>,
    /// Only the transactions behind this figure.
    pub evidence: Option<Evidence>,
    /// Sort key.
    pub sort: SortKey,
    /// Largest first.
    pub descending: bool,
}

/// One row of the table: the stored fields and what the analysis and the analyst made of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct ReviewRow {
    /// Transaction id.
    pub id: i64,
    /// Account id (a card's is negative).
    pub account_id: i64,
    /// `transactionOn`.
    pub transaction_on: NaiveDate,
    /// `bookedOn`.
    pub booked_on: Option<NaiveDate>,
    /// Signed amount.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// The account's currency.
    pub currency: String,
    /// Balance after it.
    #[ts(type = "string | null")]
    pub balance_after: Option<Decimal>,
    /// `title`.
    pub title: Option<String>,
    /// `party`.
    pub party: Option<String>,
    /// `partyIban`.
    pub party_iban: Option<String>,
    /// `kind`.
    pub kind: Option<String>,
    /// `status`.
    pub status: Option<String>,
    /// Kontomatik's labels.
    pub labels: Vec<String>,
    /// The §5.1 category code.
    pub category: String,
    /// Where it came from: `kontomatik_label:…`, `rule:…` or `analyst`.
    pub category_source: String,
    /// The category local rules give, ignoring labels and the analyst.
    pub local_category: String,
    /// Counted as income.
    pub include_in_income: bool,
    /// An own transfer.
    pub own_transfer: bool,
    /// Recurring monthly.
    pub recurring: bool,
    /// Not booked yet.
    pub pending: bool,
    /// Recategorised or included/excluded by the analyst.
    pub edited: bool,
    /// Starred.
    pub starred: bool,
    /// The analyst's comment.
    pub comment: Option<String>,
}

/// Inflow and outflow of the selection in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct CurrencySum {
    /// ISO 4217 code.
    pub currency: String,
    /// Credits.
    #[ts(type = "string")]
    pub inflow: Decimal,
    /// Debits, as a positive sum.
    #[ts(type = "string")]
    pub outflow: Decimal,
}

/// A page of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct TxPage {
    /// Rows matching the filter.
    pub total: u32,
    /// The first row's position in the selection.
    pub offset: u32,
    /// The rows.
    pub rows: Vec<ReviewRow>,
    /// Sums of the whole selection per currency.
    pub sums: Vec<CurrencySum>,
    /// The model's revision (changes after every edit).
    #[ts(type = "number")]
    pub revision: u64,
}

/// The positions a filter selects, in order, with their sums.
pub(crate) struct Selection {
    pub positions: Vec<u32>,
    pub sums: Vec<CurrencySum>,
}

impl CaseModel {
    fn evidence_ids(&self, evidence: &Evidence) -> Result<&[i64]> {
        let (currency, ids) = match evidence {
            Evidence::Metric { currency, name } => (
                currency,
                self.analysis
                    .currency(currency)
                    .and_then(|c| c.metric(name))
                    .map(|metric| &metric.transaction_ids)
                    .or_else(|| {
                        self.analysis
                            .external
                            .iter()
                            .find(|metric| &metric.name == name)
                            .map(|metric| &metric.transaction_ids)
                    }),
            ),
            Evidence::Check { currency, rule_id } => (
                currency,
                self.analysis.currency(currency).and_then(|c| {
                    c.checklist
                        .iter()
                        .find(|check| &check.rule_id == rule_id)
                        .map(|check| &check.transaction_ids)
                }),
            ),
        };
        ids.map(Vec::as_slice)
            .ok_or_else(|| Error::NotFound(format!("no such figure in {currency}: {evidence:?}")))
    }

    /// Scans the columns in the sort key's order; only text and labels touch the transactions.
    fn select(&self, filter: &TxFilter) -> Result<Selection> {
        let columns = &self.columns;
        let n = columns.day.len();
        let evidence: Option<Vec<bool>> = match &filter.evidence {
            Some(evidence) => {
                let mut member = vec![false; n];
                for id in self.evidence_ids(evidence)? {
                    if let Some(&position) = columns.positions.get(id) {
                        member[position as usize] = true;
                    }
                }
                Some(member)
            }
            None => None,
        };
        // memchr's searchers: fast even in debug builds, where memchr is still optimised.
        let folded: Vec<String> = filter
            .text
            .as_deref()
            .map(|text| text.split_whitespace().map(fold).collect())
            .unwrap_or_default();
        let words: Vec<memmem::Finder<'_>> = folded
            .iter()
            .map(|word| memmem::Finder::new(word.as_bytes()))
            .collect();
        let mut categories = [filter.categories.is_empty(); 64];
        for code in &filter.categories {
            if let Some(index) = Category::ALL.iter().position(|c| c.code() == code) {
                categories[index] = true;
            }
        }
        let account = filter.account_id.map(|id| {
            self.input
                .accounts
                .iter()
                .position(|account| account.id == id)
                .map_or(u16::MAX, |index| index as u16)
        });
        let from = filter.from.map_or(i32::MIN, |day| day.num_days_from_ce());
        let to = filter.to.map_or(i32::MAX, |day| day.num_days_from_ce());
        let min = filter
            .min_amount
            .map_or(i64::MIN, |value| cents(value.abs()));
        let max = filter
            .max_amount
            .map_or(i64::MAX, |value| cents(value.abs()));
        // Flags that must be set, and the debit bit's required value.
        let required = filter.flag.map_or(0, |flag| match flag {
            TxFlag::Starred => bit::STARRED,
            TxFlag::Commented => bit::COMMENTED,
            TxFlag::Edited => bit::EDITED,
            TxFlag::Income => bit::INCOME,
            TxFlag::OwnTransfer => bit::OWN_TRANSFER,
            TxFlag::Recurring => bit::RECURRING,
            TxFlag::Pending => bit::PENDING,
            TxFlag::Risk => bit::RISK,
        });
        let (direction_mask, direction_value) = match filter.direction {
            Some(FlowDirection::In) => (bit::DEBIT, 0),
            Some(FlowDirection::Out) => (bit::DEBIT, bit::DEBIT),
            None => (0, 0),
        };
        let order = self.order(filter.sort);
        let mut positions = Vec::new();
        // Per account: credits and debits in hundredths.
        let mut totals = vec![(0i64, 0i64); self.input.accounts.len().max(1)];
        let mut visit = |position: u32| {
            let i = position as usize;
            let flags = columns.flags[i];
            let day = columns.day[i];
            let amount = columns.cents[i];
            if day < from
                || day > to
                || amount < min
                || amount > max
                || flags & required != required
                || flags & direction_mask != direction_value
                || !categories[columns.category[i] as usize]
                || account.is_some_and(|account| account != columns.account[i])
                || evidence.as_ref().is_some_and(|member| !member[i])
            {
                return;
            }
            if let Some(label) = &filter.label
                && !self.input.transactions[i].labels.iter().any(|l| l == label)
            {
                return;
            }
            if !words.is_empty() {
                let text = &self.search[i];
                if !words
                    .iter()
                    .all(|word| word.find(text.as_bytes()).is_some())
                {
                    return;
                }
            }
            positions.push(position);
            let total = &mut totals[columns.account[i] as usize];
            if flags & bit::DEBIT != 0 {
                total.1 += amount;
            } else {
                total.0 += amount;
            }
        };
        if filter.descending {
            order.iter().rev().for_each(|&p| visit(p));
        } else {
            order.iter().for_each(|&p| visit(p));
        }
        let mut by_currency: Vec<CurrencySum> = Vec::new();
        for (account, (inflow, outflow)) in self.input.accounts.iter().zip(&totals) {
            let entry = match by_currency
                .iter_mut()
                .find(|s| s.currency == account.currency)
            {
                Some(entry) => entry,
                None => {
                    by_currency.push(CurrencySum {
                        currency: account.currency.clone(),
                        inflow: Decimal::ZERO,
                        outflow: Decimal::ZERO,
                    });
                    by_currency.last_mut().expect("just pushed")
                }
            };
            entry.inflow += Decimal::new(*inflow, 2);
            entry.outflow += Decimal::new(*outflow, 2);
        }
        by_currency.retain(|sum| !(sum.inflow.is_zero() && sum.outflow.is_zero()));
        by_currency.sort_by(|a, b| a.currency.cmp(&b.currency));
        Ok(Selection {
            positions,
            sums: by_currency,
        })
    }

    /// The row of the transaction at `index`.
    pub(crate) fn row(&self, index: usize) -> ReviewRow {
        let tx = &self.input.transactions[index];
        let categorized = &self.analysis.transactions[index];
        let note = self.notes.get(&tx.id);
        ReviewRow {
            id: tx.id,
            account_id: tx.account_id,
            transaction_on: tx.transaction_on,
            booked_on: tx.booked_on,
            amount: tx.amount,
            currency: self.input.accounts[self.columns.account[index] as usize]
                .currency
                .clone(),
            balance_after: tx.balance_after,
            title: tx.title.clone(),
            party: tx.party.clone(),
            party_iban: tx.party_iban.clone(),
            kind: tx.kind.clone(),
            status: tx.status.clone(),
            labels: tx.labels.clone(),
            category: categorized.category.code().to_owned(),
            category_source: categorized.source.to_string(),
            local_category: categorized.local_category.code().to_owned(),
            include_in_income: categorized.include_in_income,
            own_transfer: categorized.category.is_own_transfer(),
            recurring: categorized.flags.recurring,
            pending: categorized.flags.pending,
            edited: self.overridden.contains(&tx.id),
            starred: note.is_some_and(|note| note.starred),
            comment: note.and_then(|note| note.comment.clone()),
        }
    }

    /// The rows `offset..offset + limit` of the transactions `filter` selects.
    pub fn page(&self, filter: &TxFilter, offset: u32, limit: u32) -> Result<TxPage> {
        let cached = {
            let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
            last.as_ref()
                .filter(|(previous, _)| previous == filter)
                .map(|(_, selection)| Arc::clone(selection))
        };
        let selection = match cached {
            Some(selection) => selection,
            None => {
                let selection = Arc::new(self.select(filter)?);
                *self.last.lock().unwrap_or_else(|e| e.into_inner()) =
                    Some((filter.clone(), Arc::clone(&selection)));
                selection
            }
        };
        let total = selection.positions.len();
        let start = (offset as usize).min(total);
        let end = start.saturating_add(limit as usize).min(total);
        Ok(TxPage {
            total: total as u32,
            offset: start as u32,
            rows: selection.positions[start..end]
                .iter()
                .map(|&position| self.row(position as usize))
                .collect(),
            sums: selection.sums.clone(),
            revision: self.revision,
        })
    }

    /// Every id the filter selects, in order (to select all rows for a bulk edit).
    pub fn ids(&self, filter: &TxFilter) -> Result<Vec<i64>> {
        Ok(self
            .select(filter)?
            .positions
            .iter()
            .map(|&position| self.input.transactions[position as usize].id)
            .collect())
    }
}
