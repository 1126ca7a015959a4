//! Typed row ids, so an import id cannot be passed where a case id is expected.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

macro_rules! row_id {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        #[derive(ts_rs::TS)]
        #[ts(export_to = "store.ts", type = "number")]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }
    )*};
}

row_id!(
    /// A case: one applicant (owner external id) in one environment.
    CaseId,
    /// One import: a default import, an advanced import or a file.
    ImportId,
    /// One stored raw reply.
    RawReplyId,
    /// An account of a case (IBAN + currency).
    AccountId,
    /// A credit card of a case.
    CardId,
    /// One transaction of a case, however many imports saw it.
    TransactionId,
    /// One owner row (of an import, an account snapshot or a card snapshot).
    OwnerId,
);
