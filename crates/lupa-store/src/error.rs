//! The store's errors: one `thiserror` enum and [`Result`].
//!
//! Messages name ids, tables and fields, never a person's name, IBAN or title, so an error can
//! go into a log line as it is.

use chrono::{DateTime, Utc};

use crate::ids::ImportId;
use crate::types::ImportState;

/// A store result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The key does not open this database (or the file is not a Lupa database at all).
    /// Nothing was created or changed.
    #[error("the database key is wrong, or the file is not a Lupa database")]
    WrongKey,
    /// The linked SQLite has no SQLCipher: refusing to store personal data unencrypted.
    #[error("this build's SQLite has no encryption (SQLCipher); refusing to open the store")]
    EncryptionUnavailable,
    /// A key in hex that is not 64 hex digits.
    #[error("a database key must be 64 hexadecimal digits")]
    InvalidKey,
    /// The operating system's random source failed while generating a key.
    #[error("cannot generate a database key: {0}")]
    Random(String),
    /// The database was written by a newer Lupa.
    #[error("the database has schema version {found}, newer than this Lupa supports ({supported})")]
    SchemaTooNew {
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The newest migration this build knows.
        supported: i64,
    },
    /// The bank session was used for an import before (F-IMP-2): a failed import needs a new
    /// bank login.
    #[error(
        "this bank session was already used at {used_at} (import {import_id:?}); \
         a new import needs a new bank login"
    )]
    SessionAlreadyUsed {
        /// When it was first used.
        used_at: DateTime<Utc>,
        /// The import that used it (`None` once that import's case was purged).
        import_id: Option<ImportId>,
    },
    /// No row with this id.
    #[error("{what} {id} not found")]
    NotFound {
        /// The kind of row, e.g. `import`.
        what: &'static str,
        /// Its id.
        id: i64,
    },
    /// The import is not in a state that allows the operation.
    #[error("import {import_id} is {state}, expected {expected}")]
    ImportState {
        /// The import.
        import_id: ImportId,
        /// Its state.
        state: ImportState,
        /// What the operation needs.
        expected: &'static str,
    },
    /// An import cannot be saved before its raw reply is (F-STO-2).
    #[error("import {0} has no stored raw reply; save the raw reply before ingesting")]
    NoRawReply(ImportId),
    /// None of the import's stored raw replies holds a result to derive the import from.
    #[error("import {0} has no stored reply with a result")]
    NoResult(ImportId),
    /// Two imports compared by a diff belong to different cases.
    #[error("imports {0} and {1} belong to different cases")]
    DifferentCases(ImportId, ImportId),
    /// A money value with more than two decimals, or too large for minor units.
    #[error("{field}: {value} is not a whole number of minor units")]
    Amount {
        /// Which field, e.g. `moneyTransaction/currencyAmount`.
        field: &'static str,
        /// The value as received.
        value: String,
    },
    /// A decided case is read-only until it is reopened (F-REV-7).
    #[error("case {0} is decided; reopen it (with a reason) to change it")]
    CaseDecided(crate::ids::CaseId),
    /// Reopening a case that has no decision.
    #[error("case {0} has no decision to reopen")]
    CaseNotDecided(crate::ids::CaseId),
    /// A transaction that is not in the case an edit names.
    #[error("transaction {transaction} is not in case {case}")]
    NotInCase {
        /// The transaction.
        transaction: i64,
        /// The case.
        case: crate::ids::CaseId,
    },
    /// Data the store does not handle (yet).
    #[error("unsupported: {0}")]
    Unsupported(&'static str),
    /// A file that is neither a saved default-import result nor a `data.xml` reply.
    #[error("not an importable Kontomatik file: {0}")]
    NotImportable(String),
    /// Stored data that breaks the store's own invariants (a raw reply whose hash does not
    /// match, a value that does not decode).
    #[error("corrupt store: {0}")]
    Corrupt(String),
    /// A stored or imported reply that does not parse.
    #[error("cannot parse the reply: {0}")]
    Parse(#[from] lupa_kontomatik::xml::ParseError),
    /// Reading a file to import, or compressing a reply.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The disk is full, or the database reached its size limit ([`crate::set_size_limit`]):
    /// SQLite's `SQLITE_FULL`. The write's transaction was rolled back whole.
    #[error("the disk is full (or the database reached its size limit); the write was rolled back")]
    DiskFull(#[source] rusqlite::Error),
    /// SQLite itself.
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    /// `SQLITE_FULL` becomes [`Error::DiskFull`]; everything else [`Error::Sqlite`].
    fn from(error: rusqlite::Error) -> Self {
        if error.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            Error::DiskFull(error)
        } else {
            Error::Sqlite(error)
        }
    }
}
