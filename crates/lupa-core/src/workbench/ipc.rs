//! The closed set of error codes the desktop UI branches on, and the `{code, message}` shape every
//! command fails with. Messages come from the core's errors, which never carry secrets.

use serde::Serialize;
use ts_rs::TS;

use crate::error::Error;

/// What went wrong, as the UI needs to know it. Closed: adding a code is an API change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "workbench.ts")]
pub enum IpcCode {
    /// Pasted or deep-linked session data is not usable.
    InvalidSessionInput,
    /// A value the analyst typed is not usable (an empty key, an unknown category…).
    InvalidInput,
    /// The bank session was already used for an import: a new bank login is needed.
    SessionAlreadyUsed,
    /// The bank session expired or is unknown to Kontomatik: a new bank login is needed.
    SessionExpired,
    /// The bank asks for a new login (e.g. the applicant's consent or credentials changed).
    NeedsNewLogin,
    /// Kontomatik refused the API key, or this machine's IP is not whitelisted (F-ENV-3).
    Unauthorized,
    /// No API key is stored for the environment.
    MissingApiKey,
    /// Kontomatik or the bank is temporarily unavailable, or the network failed: try later.
    RetryLater,
    /// The bank does not support what was asked.
    CommandNotAvailable,
    /// Kontomatik ended the command with a fatal error, or replied with something unreadable.
    Failed,
    /// The import was interrupted before it ended; it resumes at the next start.
    Interrupted,
    /// What was asked for does not exist.
    NotFound,
    /// The case is decided and read-only until reopened (F-REV-7).
    CaseDecided,
    /// The OS keychain is locked or unreachable.
    Keychain,
    /// The local database failed.
    Database,
    /// The database key does not open the database.
    WrongDatabaseKey,
    /// A file could not be read or written.
    File,
    /// The action needs the analyst's confirmation first (e.g. a repeat score request).
    NeedsConfirmation,
    /// The app is locked: unlock with the passphrase (F-UX-4).
    Locked,
    /// A PDF statement Lupa would not send (empty, too large, not a PDF, encrypted, a scan).
    BadPdf,
}

impl IpcCode {
    /// The code of a core error.
    pub fn of(error: &Error) -> IpcCode {
        match error.code() {
            "invalid_session_input" => IpcCode::InvalidSessionInput,
            "invalid_input" | "invalid_config" => IpcCode::InvalidInput,
            "session_already_used" => IpcCode::SessionAlreadyUsed,
            "session_invalid_or_expired" => IpcCode::SessionExpired,
            "needs_new_login" | "start_outcome_unknown" => IpcCode::NeedsNewLogin,
            "unauthorized" => IpcCode::Unauthorized,
            "missing_api_key" => IpcCode::MissingApiKey,
            "retry_later" | "transport" | "deadline_exceeded" => IpcCode::RetryLater,
            "command_not_available" => IpcCode::CommandNotAvailable,
            "cancelled" => IpcCode::Interrupted,
            "not_found" => IpcCode::NotFound,
            "case_decided" => IpcCode::CaseDecided,
            "keychain" => IpcCode::Keychain,
            "wrong_database_key" => IpcCode::WrongDatabaseKey,
            "database" | "disk_full" => IpcCode::Database,
            "file" => IpcCode::File,
            "needs_confirmation" => IpcCode::NeedsConfirmation,
            "locked" => IpcCode::Locked,
            "bad_pdf" => IpcCode::BadPdf,
            // fatal, kontomatik, protocol, and anything new until it gets its own code.
            _ => IpcCode::Failed,
        }
    }
}

/// A failed command as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct IpcError {
    /// What went wrong, for the UI to branch on.
    pub code: IpcCode,
    /// The core's precise code (e.g. `fatal`, `transport`), for the copyable diagnostic.
    pub detail: String,
    /// What happened and what to do, in one or two sentences.
    pub message: String,
}

impl From<&Error> for IpcError {
    fn from(error: &Error) -> Self {
        IpcError {
            code: IpcCode::of(error),
            // A refused PDF names its problem (`empty`, `too_large`, …) so the UI can say which.
            detail: match error {
                Error::BadPdf(rejected) => rejected.problem.code().to_owned(),
                _ => error.code().to_owned(),
            },
            message: format!(
                "{}. {}",
                error.to_string().trim_end_matches('.'),
                error.advice()
            ),
        }
    }
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        IpcError::from(&error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session_input::SessionInputError;

    #[test]
    fn codes_map_and_messages_carry_advice() {
        let error = Error::SessionInput(SessionInputError::Empty);
        let ipc = IpcError::from(&error);
        assert_eq!(ipc.code, IpcCode::InvalidSessionInput);
        assert!(ipc.message.contains("nothing to read"), "{}", ipc.message);
        assert!(ipc.message.contains("Paste the whole"), "{}", ipc.message);
        let json = serde_json::to_value(&ipc).unwrap();
        assert_eq!(json["code"], "invalid_session_input");
        assert_eq!(
            IpcCode::of(&Error::NotFound("case 9".into())),
            IpcCode::NotFound
        );
    }
}
