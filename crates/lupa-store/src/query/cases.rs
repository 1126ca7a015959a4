//! The case list (F-REV-1) and a case's overview.

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::Environment;
use rusqlite::{Row, params};
use serde::{Deserialize, Serialize};

use crate::codec::{get_date_opt, get_instant_opt};
use crate::error::Result;
use crate::ids::{CaseId, ImportId};
use crate::store::Store;
use crate::table::accounts::{self, AccountRow};
use crate::table::cases::{self, CaseRow};
use crate::table::credit_cards::{self, CreditCardRow};
use crate::table::imports::{self, ImportRow};
use crate::table::owners::{self, OwnerOf, OwnerRow};
use crate::types::CaseStatus;
use ts_rs::TS;

/// A case's status from its decision and imports, as SQL over `cases c`.
const STATUS: &str = "CASE \
     WHEN c.decision IS NOT NULL THEN 'decided' \
     WHEN EXISTS (SELECT 1 FROM imports i WHERE i.case_id = c.id AND i.state = 'running') THEN 'importing' \
     WHEN EXISTS (SELECT 1 FROM imports i WHERE i.case_id = c.id AND i.state = 'saved') THEN 'ready' \
     ELSE 'failed' END";

/// Filters and page of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "store.ts")]
pub struct CaseQuery {
    /// Matches part of the display name or owner id (case-insensitively, Unicode), or of an
    /// IBAN of the case's accounts (spaces ignored).
    pub search: Option<String>,
    /// Only this environment.
    pub environment: Option<Environment>,
    /// Only this status.
    pub status: Option<CaseStatus>,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

impl Default for CaseQuery {
    fn default() -> Self {
        CaseQuery {
            search: None,
            environment: None,
            status: None,
            limit: 100,
            offset: 0,
        }
    }
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct CaseSummary {
    /// The case.
    pub case: CaseRow,
    /// Its status.
    pub status: CaseStatus,
    /// How many imports it has.
    pub imports: i64,
    /// When its newest import started.
    pub last_import_at: Option<DateTime<Utc>>,
}

/// An account with its transaction figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct AccountOverview {
    /// The account with its newest values.
    pub account: AccountRow,
    /// Its transactions across all imports.
    pub transactions: i64,
    /// Of these, pending.
    pub pending: i64,
    /// Its oldest transaction date.
    pub first_on: Option<NaiveDate>,
    /// Its newest transaction date.
    pub last_on: Option<NaiveDate>,
}

/// A credit card with its transaction figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct CardOverview {
    /// The card with its newest values.
    pub card: CreditCardRow,
    /// Its transactions across all imports.
    pub transactions: i64,
    /// Its oldest transaction date.
    pub first_on: Option<NaiveDate>,
    /// Its newest transaction date.
    pub last_on: Option<NaiveDate>,
}

/// Everything the case screen shows first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "store.ts")]
pub struct CaseOverview {
    /// The case.
    pub case: CaseRow,
    /// Its status.
    pub status: CaseStatus,
    /// The owners listed by the newest saved import (applicant, co-owners: F-REV-6).
    pub owners: Vec<OwnerRow>,
    /// Accounts (each IBAN and currency once, joint accounts included).
    pub accounts: Vec<AccountOverview>,
    /// Credit cards.
    pub credit_cards: Vec<CardOverview>,
    /// Imports, oldest first.
    pub imports: Vec<ImportRow>,
    /// Transactions across accounts and cards.
    pub transactions: i64,
    /// Oldest transaction date.
    pub first_transaction_on: Option<NaiveDate>,
    /// Newest transaction date.
    pub last_transaction_on: Option<NaiveDate>,
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<CaseSummary> {
    Ok(CaseSummary {
        case: cases::from_row_at(row, 0)?,
        status: row.get(11)?,
        imports: row.get(12)?,
        last_import_at: get_instant_opt(row, 13)?,
    })
}

type Figures = (i64, i64, Option<NaiveDate>, Option<NaiveDate>);

fn figures(row: &Row<'_>) -> rusqlite::Result<Figures> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        get_date_opt(row, 2)?,
        get_date_opt(row, 3)?,
    ))
}

impl Store {
    /// The case list, most recently active first.
    pub fn list_cases(&self, query: &CaseQuery) -> Result<Vec<CaseSummary>> {
        let search = query
            .search
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty());
        let name_needle = search.map(str::to_lowercase);
        let iban_needle = search.map(|text| {
            let compact: String = text.split_whitespace().collect();
            compact.to_lowercase()
        });
        let sql = format!(
            "SELECT {columns}, {STATUS}, \
                    (SELECT count(*) FROM imports i WHERE i.case_id = c.id), \
                    (SELECT max(i.started_at) FROM imports i WHERE i.case_id = c.id) \
             FROM cases c \
             WHERE (?1 IS NULL OR c.environment = ?1) \
               AND (?2 IS NULL OR instr(c.search_text, ?2) > 0 \
                    OR instr(c.search_text, ?3) > 0) \
               AND (?4 IS NULL OR {STATUS} = ?4) \
             ORDER BY c.updated_at DESC, c.id DESC LIMIT ?5 OFFSET ?6",
            columns = cases::COLUMNS
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(
                params![
                    query.environment.map(Environment::as_str),
                    name_needle,
                    iban_needle,
                    query.status,
                    query.limit,
                    query.offset
                ],
                summary_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A case's owners, accounts and cards with their figures, and its imports.
    pub fn case_overview(&self, case_id: CaseId) -> Result<CaseOverview> {
        let case = cases::get(&self.conn, case_id)?;
        let status: CaseStatus = self.conn.query_row(
            &format!("SELECT {STATUS} FROM cases c WHERE c.id = ?1"),
            [case_id],
            |row| row.get(0),
        )?;
        let imports = imports::for_case(&self.conn, case_id)?;
        let newest_saved: Option<ImportId> = imports
            .iter()
            .rev()
            .find(|import| import.state == crate::types::ImportState::Saved)
            .map(|import| import.id);
        let owners = match newest_saved {
            Some(import_id) => owners::for_import(&self.conn, import_id)?
                .into_iter()
                .filter(|owner| owner.of == OwnerOf::Import)
                .collect(),
            None => Vec::new(),
        };
        let mut account_figures = self.conn.prepare_cached(
            "SELECT count(*), coalesce(sum(pending), 0), min(transaction_on), max(transaction_on) \
             FROM transactions WHERE account_id = ?1",
        )?;
        let mut accounts_out = Vec::new();
        for account in accounts::for_case(&self.conn, case_id)? {
            let (transactions, pending, first_on, last_on) =
                account_figures.query_row([account.id], figures)?;
            accounts_out.push(AccountOverview {
                account,
                transactions,
                pending,
                first_on,
                last_on,
            });
        }
        let mut card_figures = self.conn.prepare_cached(
            "SELECT count(*), coalesce(sum(pending), 0), min(transaction_on), max(transaction_on) \
             FROM transactions WHERE card_id = ?1",
        )?;
        let mut cards_out = Vec::new();
        for card in credit_cards::for_case(&self.conn, case_id)? {
            let (transactions, _pending, first_on, last_on) =
                card_figures.query_row([card.id], figures)?;
            cards_out.push(CardOverview {
                card,
                transactions,
                first_on,
                last_on,
            });
        }
        let all = accounts_out
            .iter()
            .map(|a| (a.transactions, a.first_on, a.last_on))
            .chain(
                cards_out
                    .iter()
                    .map(|c| (c.transactions, c.first_on, c.last_on)),
            );
        let (mut transactions, mut first, mut last) = (0, None, None);
        for (count, first_on, last_on) in all {
            transactions += count;
            first = first.into_iter().chain(first_on).min();
            last = last.into_iter().chain(last_on).max();
        }
        Ok(CaseOverview {
            case,
            status,
            owners,
            accounts: accounts_out,
            credit_cards: cards_out,
            imports,
            transactions,
            first_transaction_on: first,
            last_transaction_on: last,
        })
    }
}
