//! Small closed enums stored as text: import flow and state, case status, audit actions.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export_to = "store.ts")]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            /// The value as stored.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// Parses a stored value.
            pub fn from_text(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_text(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!(concat!("unknown ", stringify!($name), " {:?}"), text).into(),
                    )
                })
            }
        }
    };
}

text_enum!(
    /// How an import got its data.
    Flow {
        /// Kontomatik's default import.
        Default = "default",
        /// The advanced import commands (F-IMP-4).
        Advanced = "advanced",
        /// A saved Kontomatik reply opened from a file (F-IMP-9).
        File = "file",
    }
);

text_enum!(
    /// Where an import is in its life.
    ImportState {
        /// Started, not finished (polling, or interrupted: see `Store::running_imports`).
        Running = "running",
        /// Its data is stored.
        Saved = "saved",
        /// It ended without data.
        Failed = "failed",
    }
);

text_enum!(
    /// A case's status in the case list, derived from its decision and imports.
    CaseStatus {
        /// A decision was recorded.
        Decided = "decided",
        /// An import is running.
        Importing = "importing",
        /// At least one import is saved: ready for review.
        Ready = "ready",
        /// No import saved, none running.
        Failed = "failed",
    }
);

text_enum!(
    /// What an audit line records. Lines carry ids only, never personal data.
    AuditAction {
        /// A case was created for a new applicant.
        CaseCreated = "case_created",
        /// An import was created.
        ImportStarted = "import_started",
        /// A bank session was recorded as used.
        SessionClaimed = "session_claimed",
        /// Kontomatik accepted the import's command; its id is stored for resuming.
        CommandStarted = "command_started",
        /// A raw reply was stored.
        RawReplySaved = "raw_reply_saved",
        /// An import's data was stored.
        ImportSaved = "import_saved",
        /// An import ended without data.
        ImportFailed = "import_failed",
        /// An import was re-derived from its raw reply.
        ImportReingested = "import_reingested",
        /// A case past its delete-after date was deleted with everything under it.
        CasePurged = "case_purged",
        /// The analyst set a transaction's category or income inclusion.
        OverrideSet = "override_set",
        /// The analyst removed an override.
        OverrideCleared = "override_cleared",
        /// The analyst edited transactions (category, income, star or comment) on the review screen.
        TransactionsEdited = "transactions_edited",
        /// An edit was undone.
        EditUndone = "edit_undone",
        /// An undone edit was done again.
        EditRedone = "edit_redone",
        /// A decision was recorded on a case.
        DecisionRecorded = "decision_recorded",
        /// A decided case was reopened.
        CaseReopened = "case_reopened",
        /// A transaction view was saved.
        ViewSaved = "view_saved",
        /// A transaction view was deleted.
        ViewDeleted = "view_deleted",
        /// A Kontomatik Score was requested (whatever the outcome).
        ScoreRequested = "score_requested",
        /// A memo, CSV or JSON of the case was written to a file.
        CaseExported = "case_exported",
        /// A PDF statement was parsed by Kontomatik and its data stored (F-IMP-11).
        StatementUploaded = "statement_uploaded",
        /// A PDF statement was refused (by Kontomatik, or by Lupa's checks before sending).
        StatementRefused = "statement_refused",
    }
);

text_enum!(
    /// How a Kontomatik Score request ended (F-SCO-2).
    ScoreOutcome {
        /// Kontomatik answered with one or more models.
        Scored = "scored",
        /// `NoDataToCalculateScore`: Kontomatik holds too little data on the owner.
        NoData = "no_data",
        /// `InvalidOwnerExternalId`: Kontomatik holds nothing under the owner id (for example
        /// after its retention window).
        UnknownOwner = "unknown_owner",
        /// HTTP 401: wrong API key or this machine's IP is not whitelisted.
        Unauthorized = "unauthorized",
        /// Kontomatik is temporarily unavailable; the same request may work later.
        RetryLater = "retry_later",
        /// Anything else: no connection, an unreadable reply, another exception.
        Failed = "failed",
    }
);

text_enum!(
    /// The analyst's decision on a case (F-REV-7).
    Decision {
        /// Approve the application.
        Approve = "approve",
        /// Decline it.
        Decline = "decline",
        /// Refer it to someone else.
        Refer = "refer",
    }
);
