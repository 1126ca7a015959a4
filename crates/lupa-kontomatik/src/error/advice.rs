//! The stable [`Error::code`] and the one-sentence [`Error::advice`] of every error.

use super::Error;

impl Error {
    /// A stable snake_case code for logs, the database and the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Unauthorized { .. } => "unauthorized",
            Error::SessionInvalidOrExpired { .. } => "session_invalid_or_expired",
            Error::SessionAlreadyUsed { .. } => "session_already_used",
            Error::CommandNotAvailable { .. } => "command_not_available",
            Error::RetryLater { .. } => "retry_later",
            Error::NeedsNewLogin { .. } => "needs_new_login",
            Error::Fatal { .. } => "fatal",
            Error::Kontomatik { .. } => "kontomatik",
            Error::Transport { .. } => "transport",
            Error::Protocol { .. } => "protocol",
            Error::StartOutcomeUnknown { .. } => "start_outcome_unknown",
            Error::Cancelled { .. } => "cancelled",
            Error::DeadlineExceeded { .. } => "deadline_exceeded",
            Error::InvalidConfig { .. } => "invalid_config",
        }
    }

    /// One sentence: what the analyst should do.
    pub fn advice(&self) -> &'static str {
        match self {
            Error::Unauthorized { .. } => {
                "Check the API key saved for this environment, and ask your Kontomatik \
                 administrator to whitelist this machine's public IP address in Kontomatik Insight."
            }
            Error::SessionInvalidOrExpired { .. } => {
                "Ask the applicant to sign in to the bank again and import with the new session \
                 data."
            }
            Error::SessionAlreadyUsed { .. } => {
                "Ask the applicant to sign in to the bank again: a session allows only one default \
                 import."
            }
            Error::CommandNotAvailable { .. } => {
                "Continue without this operation: the applicant's bank does not offer it."
            }
            Error::RetryLater {
                command_id: Some(_),
                ..
            } => {
                "Wait a while, then ask the applicant to sign in to the bank again and start a new \
                 import."
            }
            Error::RetryLater { .. } => "Wait a few minutes and try again.",
            Error::NeedsNewLogin { .. } => {
                "Ask the applicant to sign in to the bank again and start a new import with the \
                 new session data."
            }
            Error::Fatal { .. } => {
                "Copy the diagnostic for Kontomatik support, then ask the applicant to sign in to \
                 the bank again."
            }
            Error::Kontomatik { .. } => {
                "Read Kontomatik's message and correct the request, or copy the diagnostic for \
                 support if it is unclear."
            }
            Error::Transport { .. } => {
                "Check the network connection and the proxy setting, then try again."
            }
            Error::Protocol { .. } => {
                "Try again later; if it keeps happening, copy the diagnostic for support."
            }
            Error::StartOutcomeUnknown { .. } => {
                "Do not start an import with this session again; if no result appears, ask the \
                 applicant to sign in to the bank again."
            }
            Error::Cancelled {
                command_id: Some(_),
            } => "Resume the import to keep polling Kontomatik, or leave it cancelled.",
            Error::Cancelled { command_id: None } => "Start the import again when ready.",
            Error::DeadlineExceeded { .. } => {
                "Resume polling later with the saved command id; Kontomatik may still finish."
            }
            Error::InvalidConfig { .. } => {
                "Check the Kontomatik connection settings (address, proxy) for this environment."
            }
        }
    }
}
