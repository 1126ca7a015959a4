//! Lupa's local store (F-STO-1..5): every import saved verbatim, encrypted, deduplicated and
//! reviewable offline.
//!
//! - [`Store`]: one SQLCipher connection keyed with a raw [`DbKey`]; WAL, foreign keys, a busy
//!   timeout and the embedded migrations (`migrations/NNNN_name.sql`) on open.
//! - [`table`]: one module per table (row struct, SQL, `from_row`).
//! - Lifecycle: [`Store::create_case_and_import`], [`Store::claim_session`],
//!   [`Store::record_command_started`], [`Store::save_raw_reply`], [`Store::ingest_import`],
//!   [`Store::finish_import_failed`], [`Store::running_imports`], [`Store::reingest`],
//!   [`Store::ingest_file`].
//! - Review: [`Store::list_cases`], [`Store::case_overview`], [`Store::transactions`],
//!   [`Store::diff_imports`], [`Store::import_result`], [`Store::import_raw_replies`].
//! - The analyst's review: [`Store::apply_edit_states`] (edits, undo, redo), [`Store::record_decision`],
//!   [`Store::reopen_case`], [`Store::save_view`].
//! - Kontomatik Score: [`Store::record_score_request`] (the ledger), [`Store::score_requests`].
//! - PDF statements: [`Store::create_statement_import`], [`Store::ingest_statement`],
//!   [`Store::refuse_statement`], [`Store::case_statements`].
//! - Housekeeping: [`Store::purge_expired`], [`Store::check_integrity`], [`Store::checkpoint`]
//!   and [`Store::index_search`] (an ingest commits into the WAL only and leaves the full-text
//!   index behind; the app checkpoints and indexes when idle, a search indexes first if needed).
//! - A full disk is [`Error::DiskFull`] (`SQLITE_FULL`), its transaction rolled back whole;
//!   [`set_size_limit`] and [`Store::set_size_limit`] make a database "full" at a chosen size.
//! - File format: SQLCipher with a raw key and [`PAGE_SIZE`] (16 KiB) pages, set on every open.
//!
//! Money is stored as integer minor units and read back as `Decimal` with scale 2; dates as
//! `YYYY-MM-DD`, instants as RFC 3339 UTC text. No personal data goes into the audit log or an
//! error message.

mod codec;
mod consents;
mod error;
mod fingerprint;
mod ids;
mod ingest;
mod integrity;
mod key;
mod lifecycle;
mod migrate;
mod overrides;
mod query;
mod retention;
mod review;
mod scores;
mod search_index;
mod size_limit;
mod statements;
mod store;
pub mod table;
mod types;

pub use error::{Error, Result};
pub use fingerprint::normalize_title;
pub use ids::{AccountId, CardId, CaseId, ImportId, OwnerId, RawReplyId, TransactionId};
pub use ingest::{FileImport, IngestReport};
pub use key::DbKey;
pub use lifecycle::NewImport;
pub use migrate::latest_version as latest_schema_version;
pub use query::cases::{AccountOverview, CardOverview, CaseOverview, CaseQuery, CaseSummary};
pub use query::diff::{ChangedTransaction, ImportDiff};
pub use query::transactions::{TxQuery, TxSort, TxSortKey, TxStatus, fts_query};
pub use retention::PurgeReport;
pub use review::TxEditState;
pub use scores::{NewScoreRequest, ScoreModelRow, ScoreRequestRow};
pub use size_limit::set_size_limit;
pub use statements::STATEMENT_TARGET;
pub use store::{BUSY_TIMEOUT, DEFAULT_RETENTION_DAYS, PAGE_SIZE, Store};
pub use table::statement_uploads::{
    CheckOutcome, FailedCheck, NewStatementUpload, StatementCheck, StatementFindings,
    StatementUploadRow,
};
pub use types::{AuditAction, CaseStatus, Decision, Flow, ImportState, ScoreOutcome};
