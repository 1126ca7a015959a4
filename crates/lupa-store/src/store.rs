//! [`Store`]: opening the encrypted database and the settings every connection gets.
//!
//! Opening order matters for a wrong key: the connection is keyed and given the page size, then
//! the key is verified by reading `sqlite_master`, and only then is anything written (WAL mode,
//! migrations). A wrong key therefore leaves the file byte-identical.
//!
//! Durability: WAL with `synchronous = NORMAL`. A commit is atomic and survives a crash of the
//! app; after a power loss the last commits may be rolled back (never torn). Large imports do
//! not checkpoint at commit ([`Store::checkpoint`]).

use std::fmt;
use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};
use crate::key::DbKey;
use crate::migrate;

/// How long a connection waits for another one's write lock before failing with "busy".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Default days a new case is kept before [`Store::purge_expired`] deletes it (F-STO-5).
pub const DEFAULT_RETENTION_DAYS: u32 = 90;

/// Page cache per connection, in KiB (negative `cache_size`; pages are allocated on demand):
/// a 100 000-transaction import (~35 MB of table, index and FTS pages) stays in memory until its
/// commit instead of spilling half-built index pages (each spill encrypts and writes them).
const CACHE_KIB: i64 = 256 * 1024;

/// The page size of every database, in bytes, set with `cipher_page_size` on every open before
/// the first read (SQLCipher's page size is part of the file format: a file written with one
/// size does not open with another; it then reads as a wrong key). 16 KiB instead of the
/// default 4 KiB: a quarter of the pages to encrypt, authenticate, log and look up per import,
/// and shallower trees.
pub const PAGE_SIZE: u32 = 16 * 1024;

/// WAL pages after which a commit checkpoints the WAL into the database file (SQLite's default
/// is 1000 pages). Large imports skip it ([`Store::checkpoint`]).
const WAL_AUTOCHECKPOINT: u32 = 1000;

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

/// The local store: one SQLCipher connection.
///
/// Reads take `&self`, writes take `&mut self` and run in one `BEGIN IMMEDIATE` transaction
/// each, so the borrow checker shows which calls change the database.
pub struct Store {
    pub(crate) conn: Connection,
    clock: Clock,
    retention_days: u32,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.conn.path())
            .field("retention_days", &self.retention_days)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` with `key`, then applies missing migrations.
    ///
    /// A key that does not decrypt an existing file is [`Error::WrongKey`], and the file is
    /// left untouched. A size limit registered for `path` ([`crate::set_size_limit`]) applies.
    pub fn open(path: &Path, key: &DbKey) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let store = Store::from_connection(conn, key, true)?;
        if let Some(limit) = crate::size_limit::registered(path) {
            store.set_size_limit(Some(limit))?;
        }
        Ok(store)
    }

    /// A private in-memory database (tests, scratch work).
    pub fn open_in_memory(key: &DbKey) -> Result<Store> {
        Store::from_connection(Connection::open_in_memory()?, key, false)
    }

    fn from_connection(mut conn: Connection, key: &DbKey, wal: bool) -> Result<Store> {
        let cipher: Option<String> = conn
            .query_row("PRAGMA cipher_version", [], |row| row.get(0))
            .ok();
        if cipher.is_none_or(|version| version.is_empty()) {
            return Err(Error::EncryptionUnavailable);
        }
        // SQLCipher writes warnings (a wrong key's failed HMAC check) to stderr by default;
        // failures reach the caller as typed errors instead. The level is process-wide.
        conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))?;
        conn.execute_batch(&key.pragma())?;
        conn.execute_batch(&format!("PRAGMA cipher_page_size = {PAGE_SIZE};"))?;
        verify_key(&conn)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // `rarray(?)`: a list of ids as a table (an import's sightings in a query).
        rusqlite::vtab::array::load_module(&conn)?;
        if wal {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Corrupt(format!(
                    "cannot switch to WAL (journal mode {mode})"
                )));
            }
        }
        conn.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -{CACHE_KIB};
             PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT};"
        ))?;
        // The ingest and the queries use a few dozen distinct statements; rusqlite keeps 16.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        migrate::migrate(&mut conn)?;
        Ok(Store {
            conn,
            clock: Box::new(Utc::now),
            retention_days: DEFAULT_RETENTION_DAYS,
        })
    }

    /// Replaces the clock (tests; the store never reads the system time except through it).
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + 'static) -> Store {
        self.clock = Box::new(clock);
        self
    }

    /// Days a new case is kept (default [`DEFAULT_RETENTION_DAYS`]); each new import of a case
    /// pushes its delete-after date to at least today plus this.
    pub fn set_retention_days(&mut self, days: u32) {
        self.retention_days = days;
    }

    /// The configured retention in days.
    pub fn retention_days(&self) -> u32 {
        self.retention_days
    }

    /// The current time by the store's clock.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Today's date (UTC) by the store's clock.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// The underlying connection, for diagnostics and tests. Writing through it bypasses the
    /// store's invariants; [`Store::check_integrity`] reports what such writes broke.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Copies the WAL's committed pages into the database file and restarts the WAL (a
    /// `TRUNCATE` checkpoint). A large import commits into the WAL only and leaves this for
    /// later: the app calls it when idle (after an import is shown); otherwise the next small
    /// write does it. Durability does not depend on it: a committed import is in the WAL, which
    /// every open reads. Waits up to [`BUSY_TIMEOUT`] for readers; returns `true` when the
    /// whole WAL was copied (`false`: a reader held it, nothing is lost, try again later).
    pub fn checkpoint(&self) -> Result<bool> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        Ok(busy == 0)
    }

    /// Runs `write` (one large transaction, committed inside) with the automatic checkpoint
    /// switched off, so its commit writes the pages once, to the WAL, and returns; see
    /// [`Store::checkpoint`]. The setting is restored whatever `write` returns.
    pub(crate) fn without_autocheckpoint<T>(
        &mut self,
        write: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")?;
        let result = write(self);
        let restored = self.conn.execute_batch(&format!(
            "PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT};"
        ));
        let value = result?;
        restored?;
        Ok(value)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

/// Reads the schema with the key just set: SQLCipher reports a wrong key as "not a database".
fn verify_key(conn: &Connection) -> Result<()> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(error, _))
            if matches!(
                error.code,
                ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt
            ) =>
        {
            Err(Error::WrongKey)
        }
        Err(error) => Err(error.into()),
    }
}
