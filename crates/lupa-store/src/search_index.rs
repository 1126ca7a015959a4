//! The full-text index `transactions_fts` catches up outside imports: rows with an id up to
//! `search_index_state.indexed_upto` are indexed, newer ones wait for [`catch_up`], which runs
//! at idle ([`Store::index_search`], after an import is shown) and before any search or check
//! that reads the index. An import of 100 000 transactions thus commits ~0.2 s sooner; the
//! index work is the same, later (docs/performance.md, issue 3).
//!
//! Deletes and text updates of indexed rows reach the index through triggers (migration 0007).

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::Result;
use crate::store::Store;

const PENDING: &str = "SELECT (SELECT coalesce(max(id), 0) FROM transactions) \
     - (SELECT indexed_upto FROM search_index_state)";
/// Before an import inserts: an id above the newest row may have been indexed before it was
/// deleted (a purge of the newest case), and SQLite reuses it for the next insert.
const CLAMP: &str = "UPDATE search_index_state SET indexed_upto = \
     min(indexed_upto, (SELECT coalesce(max(id), 0) FROM transactions))";
/// Rows above the mark; `INSERT … SELECT` in one statement, as FTS5 writes its in-memory index
/// at every statement end (per-row inserts would write one segment each).
const INDEX_NEW: &str = "INSERT INTO transactions_fts (rowid, title, party, kind) \
     SELECT id, title, party, kind FROM transactions \
     WHERE id > (SELECT indexed_upto FROM search_index_state)";
const MARK: &str = "UPDATE search_index_state SET indexed_upto = \
     (SELECT coalesce(max(id), 0) FROM transactions)";

/// Called by the ingest before it inserts rows (see [`CLAMP`]).
pub(crate) fn before_insert(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached(CLAMP)?.execute([])?;
    Ok(())
}

/// How many rows (at most) wait to be indexed.
pub(crate) fn pending(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(PENDING)?
        .query_row([], |row| row.get::<_, i64>(0))?
        .max(0))
}

/// Indexes the rows above the mark and moves the mark; returns how many rows were indexed.
/// Runs in its own `IMMEDIATE` transaction, or inside the caller's when one is open.
pub(crate) fn catch_up(conn: &Connection) -> Result<usize> {
    if pending(conn)? == 0 {
        return Ok(0);
    }
    if !conn.is_autocommit() {
        return index_and_mark(conn);
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let indexed = index_and_mark(&tx)?;
    tx.commit()?;
    Ok(indexed)
}

fn index_and_mark(conn: &Connection) -> Result<usize> {
    let indexed = conn.prepare_cached(INDEX_NEW)?.execute([])?;
    conn.prepare_cached(MARK)?.execute([])?;
    Ok(indexed)
}

impl Store {
    /// Brings the full-text index up to date with the transactions; returns how many rows it
    /// indexed (0 when nothing waited). Searches do this themselves when needed; the app calls
    /// it when idle after an import so the first search does not pay for it.
    pub fn index_search(&self) -> Result<usize> {
        catch_up(&self.conn)
    }

    /// How many transactions (at most) wait for [`Store::index_search`].
    pub fn search_index_pending(&self) -> Result<i64> {
        pending(&self.conn)
    }
}
