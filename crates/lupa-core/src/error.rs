//! The core's error: what went wrong in a use-case, with a stable code the CLI prints and the
//! desktop shell maps to its closed set of IPC codes. Messages never carry secrets.

use lupa_kontomatik::Error as KontomatikError;

use crate::keychain::KeychainError;
use crate::session_input::SessionInputError;

/// A core result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a use-case failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Kontomatik (or the network) failed; carries its own code and advice.
    #[error(transparent)]
    Kontomatik(#[from] KontomatikError),
    /// The local database failed.
    #[error(transparent)]
    Store(#[from] lupa_store::Error),
    /// The OS keychain failed.
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    /// Pasted or deep-linked session data is not usable.
    #[error(transparent)]
    SessionInput(#[from] SessionInputError),
    /// A file could not be read or written.
    #[error("{path}: {message}")]
    File {
        /// The file.
        path: String,
        /// What failed.
        message: String,
    },
    /// Something the analyst asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A value the analyst typed is not usable.
    #[error("{0}")]
    InvalidInput(String),
    /// No API key is stored for a Kontomatik environment.
    #[error("no API key is stored for the {0} environment")]
    MissingApiKey(lupa_kontomatik::Environment),
    /// The request needs the analyst's confirmation first (the text says why).
    #[error("{0}")]
    NeedsConfirmation(String),
    /// The app is locked (F-UX-4).
    #[error("Lupa is locked")]
    Locked,
    /// A PDF statement Lupa refused before sending it (empty, too large, not a PDF, encrypted,
    /// a scan); nothing was changed.
    #[error(transparent)]
    BadPdf(#[from] crate::statement::PdfRejected),
}

impl Error {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Kontomatik(error) => error.code(),
            Error::Store(lupa_store::Error::WrongKey) => "wrong_database_key",
            Error::Store(lupa_store::Error::SessionAlreadyUsed { .. }) => "session_already_used",
            Error::Store(lupa_store::Error::NotFound { .. }) | Error::NotFound(_) => "not_found",
            Error::Store(lupa_store::Error::CaseDecided(_)) => "case_decided",
            Error::Store(lupa_store::Error::DiskFull(_)) => "disk_full",
            Error::Store(
                lupa_store::Error::CaseNotDecided(_) | lupa_store::Error::NotInCase { .. },
            ) => "invalid_input",
            Error::Store(_) => "database",
            Error::Keychain(_) => "keychain",
            Error::SessionInput(_) => "invalid_session_input",
            Error::File { .. } => "file",
            Error::InvalidInput(_) => "invalid_input",
            Error::MissingApiKey(_) => "missing_api_key",
            Error::NeedsConfirmation(_) => "needs_confirmation",
            Error::Locked => "locked",
            Error::BadPdf(_) => "bad_pdf",
        }
    }

    /// One sentence: what the analyst should do.
    pub fn advice(&self) -> &'static str {
        match self {
            Error::Kontomatik(error) => error.advice(),
            Error::Store(lupa_store::Error::WrongKey) => {
                "Use the database key this database was created with (OS keychain or LUPA_DB_KEY); nothing was changed."
            }
            Error::Store(lupa_store::Error::SessionAlreadyUsed { .. }) => {
                "A bank session allows one import: ask the applicant to sign in to the bank again for a new session."
            }
            Error::Store(lupa_store::Error::DiskFull(_)) => {
                "Free disk space on the drive that holds the database, then try again; nothing was half-written, and an import's raw reply is kept, so `lupa-cli reingest <import>` completes it."
            }
            Error::Store(lupa_store::Error::CaseDecided(_)) => {
                "Reopen the case with a reason to change it; the decision and its history stay on record."
            }
            Error::Store(
                lupa_store::Error::CaseNotDecided(_) | lupa_store::Error::NotInCase { .. },
            ) => "Reload the case and try again.",
            Error::Store(_) => {
                "Check the database path and free disk space; the stored data was not changed."
            }
            Error::Keychain(_) => {
                "Unlock the OS keychain, or on a headless machine set LUPA_DB_KEY / LUPA_API_KEY for this run."
            }
            Error::SessionInput(_) => {
                "Paste the whole lupa://import link or the JSON the SignIn Widget produced."
            }
            Error::File { .. } => "Check the file's path and permissions.",
            Error::NotFound(_) => {
                "List what exists (`lupa-cli cases`, or the case list) and pick again."
            }
            Error::InvalidInput(_) => "Correct the value and try again.",
            Error::MissingApiKey(_) => {
                "Save the API key Kontomatik gave you for this environment (Keys); it goes to the OS keychain."
            }
            Error::NeedsConfirmation(_) => "Confirm to go ahead anyway, or cancel.",
            Error::Locked => "Unlock it with your passphrase.",
            Error::BadPdf(_) => {
                "Nothing was sent or stored: ask the applicant for the statement as downloaded from online banking."
            }
        }
    }
}
