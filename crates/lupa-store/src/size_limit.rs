//! A size limit on a database file: SQLite's `max_page_count`, under which a write that would
//! grow the database past the limit fails with `SQLITE_FULL` ([`Error::DiskFull`]) exactly as on
//! a full disk, its transaction rolled back whole. For tests (to fill "the disk" at a chosen
//! point) and to keep a database within a quota (`LUPA_DB_MAX_MB` in `lupa-core`).
//!
//! `max_page_count` belongs to one connection and is not stored in the file: [`set_size_limit`]
//! registers a limit for a database path in this process, and every connection [`Store::open`]
//! opens to that path afterwards gets it; [`Store::set_size_limit`] sets it on one connection.
//!
//! [`Error::DiskFull`]: crate::Error::DiskFull

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::error::Result;
use crate::store::{PAGE_SIZE, Store};

/// SQLite's largest `max_page_count`: no limit.
const NO_LIMIT_PAGES: u64 = 0xffff_fffe;

static LIMITS: Mutex<Option<HashMap<PathBuf, u64>>> = Mutex::new(None);

fn limits() -> MutexGuard<'static, Option<HashMap<PathBuf, u64>>> {
    LIMITS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One key per file, however the path is spelled (the file itself may not exist yet).
fn key(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|parent| parent.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// Limits every connection opened afterwards in this process to the database at `path` to
/// `max_bytes` (rounded down to whole pages of [`PAGE_SIZE`]; never below the file's current
/// size, SQLite does not shrink it); `None` lifts the limit for later connections. Connections
/// already open keep theirs ([`Store::set_size_limit`]).
pub fn set_size_limit(path: &Path, max_bytes: Option<u64>) {
    let mut limits = limits();
    let limits = limits.get_or_insert_with(HashMap::new);
    match max_bytes {
        Some(bytes) => limits.insert(key(path), bytes),
        None => limits.remove(&key(path)),
    };
}

/// The limit registered for `path`, if any.
pub(crate) fn registered(path: &Path) -> Option<u64> {
    limits().as_ref()?.get(&key(path)).copied()
}

impl Store {
    /// Limits this connection's database to `max_bytes` (rounded down to whole pages, at least
    /// its current size) or, with `None`, lifts the limit. Returns the limit now in force, in
    /// bytes. A write past it fails with [`Error::DiskFull`](crate::Error::DiskFull).
    pub fn set_size_limit(&self, max_bytes: Option<u64>) -> Result<u64> {
        let pages = max_bytes.map_or(NO_LIMIT_PAGES, |bytes| {
            (bytes / u64::from(PAGE_SIZE)).clamp(1, NO_LIMIT_PAGES)
        });
        let set: i64 =
            self.conn
                .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |row| {
                    row.get(0)
                })?;
        Ok(set.unsigned_abs() * u64::from(PAGE_SIZE))
    }

    /// The bytes the database holds now: its pages (in the file and the WAL) times [`PAGE_SIZE`].
    pub fn size_bytes(&self) -> Result<u64> {
        let pages: i64 = self
            .conn
            .query_row("PRAGMA page_count", [], |row| row.get(0))?;
        Ok(pages.unsigned_abs() * u64::from(PAGE_SIZE))
    }
}
