//! [`Store`]: opening the encrypted database and the settings every connection gets.
//!
//! Opening order matters for a wrong key: the connection is keyed, then the key is verified by
//! reading `sqlite_master`, and only then is anything written (WAL mode, migrations). A wrong
//! key therefore leaves the file byte-identical.

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
/// a 100 000-transaction import (~50 MB of table, index and FTS pages) stays in memory until its
/// commit instead of spilling half-built index pages (each spill encrypts and writes them).
const CACHE_KIB: i64 = 256 * 1024;

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
    /// left untouched.
    pub fn open(path: &Path, key: &DbKey) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Store::from_connection(conn, key, true)
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
        verify_key(&conn)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
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
             PRAGMA cache_size = -{CACHE_KIB};"
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
