//! The transactions table (F-REV-4): filter, full-text search, sort and page over a case.
//!
//! Every filter is a bound parameter; the user's search text becomes an FTS5 query of quoted
//! prefix terms (`"żabka"* "z1"*`), so no text can change the query's syntax.

use chrono::NaiveDate;
use rusqlite::{Connection, ToSql};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::codec::{date_text, id_array};
use crate::error::Result;
use crate::ids::{AccountId, CardId, CaseId, ImportId};
use crate::store::Store;
use crate::table::transaction_sightings;
use crate::table::transactions::{self, COLUMNS, TransactionRow};

/// Booked or pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxStatus {
    /// `status` `DONE` (or none).
    Booked,
    /// Any other status.
    Pending,
}

/// What the table is sorted by. Date and amount use indexes; the text keys sort the filtered
/// rows in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxSortKey {
    /// Transaction date.
    Date,
    /// Booking date (pending rows, without one, come last ascending and first descending).
    BookedOn,
    /// Amount (signed).
    Amount,
    /// Counterparty, case-insensitively.
    Party,
    /// Title, case-insensitively.
    Title,
}

/// A sort order; ties are broken by id in the same direction, so pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TxSort {
    /// The key.
    pub key: TxSortKey,
    /// Largest first.
    pub descending: bool,
}

impl Default for TxSort {
    fn default() -> Self {
        TxSort {
            key: TxSortKey::Date,
            descending: true,
        }
    }
}

/// A page of a case's transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxQuery {
    /// The case.
    pub case_id: CaseId,
    /// Only this account.
    pub account_id: Option<AccountId>,
    /// Only this credit card.
    pub card_id: Option<CardId>,
    /// Only transactions this import saw.
    pub import_id: Option<ImportId>,
    /// Transaction date on or after.
    pub from: Option<NaiveDate>,
    /// Transaction date on or before.
    pub to: Option<NaiveDate>,
    /// Amount at least (signed; rounded up to a cent).
    pub min_amount: Option<Decimal>,
    /// Amount at most (signed; rounded down to a cent).
    pub max_amount: Option<Decimal>,
    /// Full-text search over title, party and kind: every word must occur as a word prefix,
    /// diacritics and case ignored.
    pub text: Option<String>,
    /// Booked or pending only.
    pub status: Option<TxStatus>,
    /// Order.
    pub sort: TxSort,
    /// Page size.
    pub limit: u32,
    /// Rows to skip.
    pub offset: u32,
}

impl TxQuery {
    /// The first 200 transactions of a case, newest first, unfiltered.
    pub fn for_case(case_id: CaseId) -> TxQuery {
        TxQuery {
            case_id,
            account_id: None,
            card_id: None,
            import_id: None,
            from: None,
            to: None,
            min_amount: None,
            max_amount: None,
            text: None,
            status: None,
            sort: TxSort::default(),
            limit: 200,
            offset: 0,
        }
    }
}

/// The user's text as an FTS5 query: split into words at every character that is not a letter
/// or digit (as the `unicode61` tokenizer splits), each word a quoted prefix term, all required.
/// Operators and syntax in the text are thus plain words, and no term is a phrase (which the
/// index, without positions, could not answer). `None` when nothing searchable is left.
pub fn fts_query(text: &str) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

fn minor_bound(value: Decimal, round_up: bool) -> i64 {
    let scaled = value * Decimal::ONE_HUNDRED;
    let rounded = if round_up {
        scaled.ceil()
    } else {
        scaled.floor()
    };
    rounded.to_i64().unwrap_or(if rounded.is_sign_negative() {
        i64::MIN
    } else {
        i64::MAX
    })
}

/// The `FROM … WHERE …` part and its parameters. A text filter first brings the full-text index
/// up to date ([`crate::search_index`]); an import filter reads that import's sightings.
fn filter(conn: &Connection, query: &TxQuery) -> Result<(String, Vec<Box<dyn ToSql>>)> {
    let mut sql = String::new();
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(fts) = query.text.as_deref().and_then(fts_query) {
        crate::search_index::catch_up(conn)?;
        // The matches drive the query (`CROSS JOIN` fixes the join order): a few hundred or
        // thousand row lookups and a sort, instead of walking the whole case in date order and
        // probing each row against the matches (100 000 rows: ~20 ms). The index spans every
        // case: bounded to the case's rowid range, FTS5 seeks into each term's doclist instead
        // of collecting the matches of the whole database (a million rows: 340 → a few ms).
        // Rows of one import are contiguous, so the range is tight; the ingest keeps it on the
        // case (migration 8).
        sql.push_str(
            " FROM (SELECT rowid AS id FROM transactions_fts WHERE transactions_fts MATCH ? \
             AND rowid >= (SELECT first_transaction_id FROM cases WHERE id = ?) \
             AND rowid <= (SELECT last_transaction_id FROM cases WHERE id = ?)) AS f \
             CROSS JOIN transactions t ON t.id = f.id",
        );
        values.push(Box::new(fts));
        values.push(Box::new(query.case_id));
        values.push(Box::new(query.case_id));
    } else {
        sql.push_str(" FROM transactions t");
    }
    sql.push_str(" WHERE t.case_id = ?");
    values.push(Box::new(query.case_id));
    let mut add = |clause: &str, value: Box<dyn ToSql>| {
        sql.push_str(clause);
        values.push(value);
    };
    if let Some(account) = query.account_id {
        add(" AND t.account_id = ?", Box::new(account));
    }
    if let Some(card) = query.card_id {
        add(" AND t.card_id = ?", Box::new(card));
    }
    if let Some(from) = query.from {
        add(" AND t.transaction_on >= ?", Box::new(date_text(from)));
    }
    if let Some(to) = query.to {
        add(" AND t.transaction_on <= ?", Box::new(date_text(to)));
    }
    // Without statistics SQLite may pick the amount index for an amount range and then sort
    // the whole case by date; unless the page is sorted by amount, the unary `+` keeps the
    // amount out of index selection, so the sort's index is walked and filtered instead.
    let amount = if query.sort.key == TxSortKey::Amount {
        "t.amount_minor"
    } else {
        "+t.amount_minor"
    };
    if let Some(min) = query.min_amount {
        add(
            &format!(" AND {amount} >= ?"),
            Box::new(minor_bound(min, true)),
        );
    }
    if let Some(max) = query.max_amount {
        add(
            &format!(" AND {amount} <= ?"),
            Box::new(minor_bound(max, false)),
        );
    }
    if let Some(status) = query.status {
        add(" AND t.pending = ?", Box::new(status == TxStatus::Pending));
    }
    if let Some(import) = query.import_id {
        let seen = transaction_sightings::for_import(conn, import)?;
        let ids = seen
            .iter()
            .flat_map(|source| &source.seen)
            .map(|seen| seen.transaction_id.0);
        add(" AND t.id IN rarray(?)", Box::new(id_array(ids)));
    }
    Ok((sql, values))
}

fn order_by(sort: TxSort) -> String {
    let dir = if sort.descending { "DESC" } else { "ASC" };
    let key = match sort.key {
        TxSortKey::Date => format!("t.transaction_on {dir}"),
        TxSortKey::BookedOn => format!("t.booked_on {dir}"),
        TxSortKey::Amount => format!("t.amount_minor {dir}"),
        TxSortKey::Party => format!("t.party COLLATE NOCASE {dir}"),
        TxSortKey::Title => format!("t.title COLLATE NOCASE {dir}"),
    };
    format!(" ORDER BY {key}, t.id {dir}")
}

impl Store {
    /// One page of a case's transactions.
    pub fn transactions(&self, query: &TxQuery) -> Result<Vec<TransactionRow>> {
        let (from_where, mut values) = filter(&self.conn, query)?;
        let sql = format!(
            "SELECT {COLUMNS}{from_where}{} LIMIT ? OFFSET ?",
            order_by(query.sort)
        );
        values.push(Box::new(query.limit));
        values.push(Box::new(query.offset));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|value| value.as_ref()).collect();
        let rows = stmt
            .query_map(params.as_slice(), transactions::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// How many transactions match the query's filters (for the scroll bar).
    pub fn count_transactions(&self, query: &TxQuery) -> Result<u64> {
        let (from_where, values) = filter(&self.conn, query)?;
        let sql = format!("SELECT count(*){from_where}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|value| value.as_ref()).collect();
        let count: i64 = stmt.query_row(params.as_slice(), |row| row.get(0))?;
        Ok(count.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_becomes_quoted_prefix_terms() {
        assert_eq!(fts_query("żabka  Z1"), Some("\"żabka\"* \"Z1\"*".into()));
        assert_eq!(
            fts_query("a\"b OR NOT title:x"),
            Some("\"a\"* \"b\"* \"OR\"* \"NOT\"* \"title\"* \"x\"*".into())
        );
        assert_eq!(fts_query(" -- * ( "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn amount_bounds_round_inwards() {
        let dec = |text: &str| text.parse::<Decimal>().unwrap();
        assert_eq!(minor_bound(dec("10.005"), true), 1001);
        assert_eq!(minor_bound(dec("10.005"), false), 1000);
        assert_eq!(minor_bound(dec("-5"), true), -500);
    }
}
