//! The errors of the Kontomatik client and the import driver: one variant per situation the UI can
//! act on, each with a stable [`Error::code`], one sentence of [`Error::advice`], Kontomatik's own
//! exception (name, message, friendly message) where there was one, and the raw reply it came with.
//!
//! Display texts are sentences for analysts and never contain the API key or a session signature:
//! received bodies are redacted before they are parsed (see [`crate::protocol::REDACTION_BYTE`]),
//! the 401 `<comment>` is kept out of the text, and transport messages are built without URLs or
//! headers.

use std::fmt;
use std::time::Duration;

use crate::client::RawReply;
use crate::model::{Command, Exception};
use crate::protocol::{self, FailedCommandClass};

mod advice;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong below HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// No connection could be made (refused, DNS, TLS, proxy, connect timeout): nothing was sent.
    Connect,
    /// The request was sent (or was being sent) but no complete answer came in time.
    Timeout,
    /// Anything else: the connection was reset or closed, the body could not be read or decoded.
    Other,
}

impl TransportKind {
    /// `connect`, `timeout` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            TransportKind::Connect => "connect",
            TransportKind::Timeout => "timeout",
            TransportKind::Other => "other",
        }
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything that can go wrong talking to Kontomatik or running an import.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HTTP 401 with a `<comment>`: the API key is wrong for this environment, or this machine's IP
    /// address is not whitelisted in Kontomatik Insight (F-ENV-3).
    #[error(
        "Kontomatik refused the request as unauthorized (HTTP {http_status}). Either the API key \
         is wrong for this environment (test and production use different keys), or this \
         machine's IP address is not whitelisted in Kontomatik Insight \
         (https://insight.kontomatik.com/)."
    )]
    Unauthorized {
        /// Kontomatik's `<comment>` text, with the API key redacted; empty when the 401 body was
        /// not a Kontomatik reply. Not part of the Display text.
        comment: String,
        /// The HTTP status (401).
        http_status: u16,
        /// The reply.
        raw: Box<RawReply>,
    },

    /// The session is unknown, expired or its signature does not match
    /// ([`protocol::exception::SESSION_INVALID`]).
    #[error(
        "The bank session is invalid or has expired ({}); the applicant has to sign in to the \
         bank again.",
        summary(exception)
    )]
    SessionInvalidOrExpired {
        /// Kontomatik's exception.
        exception: Exception,
        /// The HTTP status (404 in the capture).
        http_status: u16,
        /// The reply.
        raw: Box<RawReply>,
    },

    /// The session's one default import was already started (`DefaultImportAlreadyExecuted`).
    #[error(
        "This bank session was already used for a default import ({}); Kontomatik allows one \
         per session.",
        summary(exception)
    )]
    SessionAlreadyUsed {
        /// Kontomatik's exception.
        exception: Exception,
        /// The HTTP status.
        http_status: u16,
        /// The reply.
        raw: Box<RawReply>,
    },

    /// The bank (target) does not support this command (`CommandNotAvailable`).
    #[error("The bank does not support this operation ({}).", summary(exception))]
    CommandNotAvailable {
        /// Kontomatik's exception.
        exception: Exception,
        /// The HTTP status (400 in the capture).
        http_status: u16,
        /// The reply.
        raw: Box<RawReply>,
    },

    /// An external or capacity problem: an exception in [`protocol::exception::RETRY_LATER`],
    /// HTTP 429/502/503/504, or a 5xx without a Kontomatik reply. When `command_id` is set, a
    /// command ended in `error` with such an exception: that import is over, and a new one
    /// (with a new bank login) may succeed later.
    #[error(
        "Kontomatik or the bank is temporarily unavailable{}; try again later.",
        retry_detail(exception.as_deref(), *http_status, command_id.as_deref())
    )]
    RetryLater {
        /// Kontomatik's exception, when the reply had one (boxed, like the two below, to keep
        /// `Error` small: see the `errors_stay_small` test).
        exception: Option<Box<Exception>>,
        /// The HTTP status, when there was an HTTP reply.
        http_status: Option<u16>,
        /// The command that ended in `error`, when this came from a command's state.
        command_id: Option<String>,
        /// The reply.
        raw: Option<Box<RawReply>>,
    },

    /// The command ended in state `error` (or an unknown final state, see the raw reply) with an
    /// exception that is not retry-later: the import failed and the applicant must sign in to the
    /// bank again.
    #[error(
        "The import failed at Kontomatik (command {command_id}{}); the applicant has to sign in \
         to the bank again.",
        opt_summary(exception.as_deref())
    )]
    NeedsNewLogin {
        /// The failed command.
        command_id: String,
        /// Kontomatik's exception inside `<command>`, when there was one.
        exception: Option<Box<Exception>>,
        /// The reply that reported the failure.
        raw: Option<Box<RawReply>>,
    },

    /// The command ended in state `fatal`: Kontomatik failed internally.
    #[error(
        "The import failed with an internal Kontomatik error (command {command_id}{}).",
        opt_summary(exception.as_deref())
    )]
    Fatal {
        /// The failed command.
        command_id: String,
        /// Kontomatik's exception inside `<command>`, when there was one.
        exception: Option<Box<Exception>>,
        /// The reply that reported the failure.
        raw: Option<Box<RawReply>>,
    },

    /// Any other exception reply (`InvalidSince`, `NoDataToCalculateScore`,
    /// `InvalidMultipleAccessId`, …).
    #[error(
        "Kontomatik rejected the request ({}, HTTP {http_status}).",
        summary(exception)
    )]
    Kontomatik {
        /// Kontomatik's exception.
        exception: Exception,
        /// The HTTP status.
        http_status: u16,
        /// The reply.
        raw: Box<RawReply>,
    },

    /// The request failed below HTTP (connection refused, timeout, reset). The message never
    /// contains URLs with credentials, headers, the API key or a signature.
    #[error("Could not reach Kontomatik ({kind}): {message}.")]
    Transport {
        /// What kind of failure.
        kind: TransportKind,
        /// Description, e.g. `GET /v1/command/1.xml: connection refused`.
        message: String,
    },

    /// The body is not a Kontomatik reply Lupa can use: an HTML error page, empty, truncated, or
    /// an unexpected payload.
    #[error("Kontomatik's reply could not be read (HTTP {http_status}): {message}.")]
    Protocol {
        /// The HTTP status.
        http_status: u16,
        /// What was wrong.
        message: String,
        /// The start of the body (lossy UTF-8, control characters escaped), for the diagnostic.
        first_bytes: String,
        /// The reply.
        raw: Option<Box<RawReply>>,
    },

    /// The start of a default import may have reached Kontomatik but no answer came back (timeout
    /// or reset after sending, a gateway error page). It must not be repeated: Kontomatik allows
    /// one default import per session.
    #[error(
        "It is unknown whether Kontomatik started the import: {message}. The session must not be \
         used again."
    )]
    StartOutcomeUnknown {
        /// What happened.
        message: String,
        /// The reply, when a (non-Kontomatik) one came.
        raw: Option<Box<RawReply>>,
    },

    /// The import was cancelled. When `command_id` is set, the command may still be running at
    /// Kontomatik and polling can be resumed.
    #[error("The import was cancelled{}.", command_suffix(command_id.as_deref()))]
    Cancelled {
        /// The command, when the import had started.
        command_id: Option<String>,
    },

    /// The import did not reach a final state before the overall deadline; polling can be resumed
    /// with the command id.
    #[error(
        "Kontomatik did not finish the import (command {command_id}) within {} s.",
        elapsed.as_secs()
    )]
    DeadlineExceeded {
        /// The command still running.
        command_id: String,
        /// Time spent.
        elapsed: Duration,
    },

    /// The client configuration cannot be used (proxy URL, base URL, TLS setup).
    #[error("The Kontomatik connection settings are invalid: {message}.")]
    InvalidConfig {
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The raw reply the error came with, if any.
    pub fn raw(&self) -> Option<&RawReply> {
        match self {
            Error::Unauthorized { raw, .. }
            | Error::SessionInvalidOrExpired { raw, .. }
            | Error::SessionAlreadyUsed { raw, .. }
            | Error::CommandNotAvailable { raw, .. }
            | Error::Kontomatik { raw, .. } => Some(raw),
            Error::RetryLater { raw, .. }
            | Error::NeedsNewLogin { raw, .. }
            | Error::Fatal { raw, .. }
            | Error::Protocol { raw, .. }
            | Error::StartOutcomeUnknown { raw, .. } => raw.as_deref(),
            Error::Transport { .. }
            | Error::Cancelled { .. }
            | Error::DeadlineExceeded { .. }
            | Error::InvalidConfig { .. } => None,
        }
    }

    /// Kontomatik's exception (name, message, friendly message), if the reply had one.
    pub fn exception(&self) -> Option<&Exception> {
        match self {
            Error::SessionInvalidOrExpired { exception, .. }
            | Error::SessionAlreadyUsed { exception, .. }
            | Error::CommandNotAvailable { exception, .. }
            | Error::Kontomatik { exception, .. } => Some(exception),
            Error::RetryLater { exception, .. }
            | Error::NeedsNewLogin { exception, .. }
            | Error::Fatal { exception, .. } => exception.as_deref(),
            _ => None,
        }
    }

    /// The HTTP status of the reply the error came with, if there was one.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized { http_status, .. }
            | Error::SessionInvalidOrExpired { http_status, .. }
            | Error::SessionAlreadyUsed { http_status, .. }
            | Error::CommandNotAvailable { http_status, .. }
            | Error::Kontomatik { http_status, .. }
            | Error::Protocol { http_status, .. } => Some(*http_status),
            Error::RetryLater { http_status, .. } => {
                http_status.or_else(|| self.raw().map(|raw| raw.http_status))
            }
            _ => self.raw().map(|raw| raw.http_status),
        }
    }

    /// The command the error concerns, when one is known.
    pub fn command_id(&self) -> Option<&str> {
        match self {
            Error::NeedsNewLogin { command_id, .. }
            | Error::Fatal { command_id, .. }
            | Error::DeadlineExceeded { command_id, .. } => Some(command_id),
            Error::RetryLater { command_id, .. } | Error::Cancelled { command_id } => {
                command_id.as_deref()
            }
            _ => None,
        }
    }

    /// True when repeating the same request soon may succeed: transport failures and HTTP-level
    /// retry-later replies. False for a command that ended in `error` (even with a retry-later
    /// exception: that command is over) and for everything else.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Transport { .. }
                | Error::RetryLater {
                    command_id: None,
                    ..
                }
        )
    }

    /// The error for a command that reached a final state other than `successful`
    /// ([`protocol::classify_failed_command`]): `fatal` → [`Error::Fatal`], `error` with a
    /// retry-later exception → [`Error::RetryLater`], other `error`s and unknown final states →
    /// [`Error::NeedsNewLogin`]. `None` while the command runs or when it succeeded.
    pub fn from_failed_command(command: &Command, raw: Option<RawReply>) -> Option<Error> {
        let exception_name = command.exception.as_ref().map(|e| e.name.as_str());
        let class = protocol::classify_failed_command(&command.state, exception_name)?;
        let raw = raw.map(Box::new);
        let command_id = command.id.clone();
        let exception = command.exception.clone().map(Box::new);
        Some(match class {
            FailedCommandClass::Fatal => Error::Fatal {
                command_id,
                exception,
                raw,
            },
            FailedCommandClass::RetryLater => Error::RetryLater {
                exception,
                http_status: raw.as_ref().map(|raw| raw.http_status),
                command_id: Some(command_id),
                raw,
            },
            FailedCommandClass::NeedsNewLogin => Error::NeedsNewLogin {
                command_id,
                exception,
                raw,
            },
        })
    }
}

/// `Name: message` (or just the name) for Display texts.
fn summary(exception: &Exception) -> String {
    match exception
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(message) => format!("{}: {}", exception.name, message.trim_end_matches('.')),
        None => exception.name.clone(),
    }
}

fn opt_summary(exception: Option<&Exception>) -> String {
    exception
        .map(|e| format!(", {}", summary(e)))
        .unwrap_or_default()
}

fn retry_detail(
    exception: Option<&Exception>,
    http_status: Option<u16>,
    command_id: Option<&str>,
) -> String {
    let mut parts = Vec::new();
    if let Some(id) = command_id {
        parts.push(format!("the import (command {id}) ended in error"));
    }
    if let Some(e) = exception {
        parts.push(summary(e));
    }
    if let Some(status) = http_status.filter(|_| command_id.is_none()) {
        parts.push(format!("HTTP {status}"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

fn command_suffix(command_id: Option<&str>) -> String {
    command_id
        .map(|id| format!(" (command {id} may still be running at Kontomatik)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
