//! Reading a raw reply: parse it, then decide whether it is a value or which [`Error`] it is,
//! following the classification decided in [`crate::protocol`].

use super::RawReply;
use crate::error::Error;
use crate::model::{Exception, Payload, Reply};
use crate::protocol::{self, ExceptionClass};
use crate::xml::{ParseError, parse_reply};

/// Whether a call starts a default import: then every doubt about whether Kontomatik received the
/// request becomes [`Error::StartOutcomeUnknown`], because the start must never be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    /// Any other call.
    Plain,
    /// `POST /v1/command/default-import.xml`.
    Start,
}

/// Parses and classifies a reply. `Ok(Some(reply))` for a 2xx Kontomatik reply without an
/// `<exception>`; `Ok(None)` for an empty 2xx body when `allow_empty`; an error otherwise.
pub(crate) fn reply(
    raw: &RawReply,
    kind: CallKind,
    allow_empty: bool,
) -> Result<Option<Reply>, Error> {
    let status = raw.http_status;
    let success = (200..300).contains(&status);
    let parsed = parse_reply(&raw.body);
    if status == 401 {
        return Err(unauthorized(raw, parsed.ok()));
    }
    match parsed {
        Ok(reply) => {
            if let Payload::Exception(exception) = reply.payload {
                return Err(from_exception(raw, exception));
            }
            if success {
                return Ok(Some(reply));
            }
            let message = format!(
                "HTTP {status} came with {} instead of an <exception>",
                payload_name(&reply.payload)
            );
            Err(failed_http(raw, kind, true, message, None))
        }
        Err(ParseError::Empty) if success && allow_empty => Ok(None),
        Err(error) => {
            let first_bytes = error.first_bytes().map(str::to_owned);
            Err(failed_http(
                raw,
                kind,
                false,
                error.to_string(),
                first_bytes,
            ))
        }
    }
}

/// A readable 2xx reply whose payload is not what the call expects.
pub(crate) fn unexpected_payload(
    raw: RawReply,
    kind: CallKind,
    expected: &str,
    received: &str,
) -> Error {
    let message = format!("expected {expected}, got {received}");
    if kind == CallKind::Start {
        return Error::StartOutcomeUnknown {
            message: format!("Kontomatik answered HTTP {} but {message}", raw.http_status),
            raw: Some(Box::new(raw)),
        };
    }
    Error::Protocol {
        http_status: raw.http_status,
        message,
        first_bytes: raw.first_bytes(),
        raw: Some(Box::new(raw)),
    }
}

/// HTTP 401: the `<comment>` text (or an exception's message) is kept, outside the Display text.
fn unauthorized(raw: &RawReply, reply: Option<Reply>) -> Error {
    let comment = match reply.map(|reply| reply.payload) {
        Some(Payload::Comment(comment)) => comment.trim().to_owned(),
        Some(Payload::Exception(exception)) => exception.message.unwrap_or(exception.name),
        _ => String::new(),
    };
    Error::Unauthorized {
        comment,
        http_status: raw.http_status,
        raw: Box::new(raw.clone()),
    }
}

/// An `<exception>` reply, classified by name (and by HTTP status for unknown names).
fn from_exception(raw: &RawReply, exception: Exception) -> Error {
    let http_status = raw.http_status;
    let raw = Box::new(raw.clone());
    match protocol::classify_exception(&exception.name) {
        ExceptionClass::SessionInvalid => Error::SessionInvalidOrExpired {
            exception,
            http_status,
            raw,
        },
        ExceptionClass::SessionAlreadyUsed => Error::SessionAlreadyUsed {
            exception,
            http_status,
            raw,
        },
        ExceptionClass::CommandNotAvailable => Error::CommandNotAvailable {
            exception,
            http_status,
            raw,
        },
        ExceptionClass::RetryLater => Error::RetryLater {
            exception: Some(Box::new(exception)),
            http_status: Some(http_status),
            command_id: None,
            raw: Some(raw),
        },
        ExceptionClass::Other if protocol::is_retry_later_status(http_status, true) => {
            Error::RetryLater {
                exception: Some(Box::new(exception)),
                http_status: Some(http_status),
                command_id: None,
                raw: Some(raw),
            }
        }
        ExceptionClass::Other => Error::Kontomatik {
            exception,
            http_status,
            raw,
        },
    }
}

/// A reply that is not a usable Kontomatik answer: retry later, outcome unknown (start) or a
/// protocol error.
fn failed_http(
    raw: &RawReply,
    kind: CallKind,
    is_kontomatik_reply: bool,
    message: String,
    first_bytes: Option<String>,
) -> Error {
    let status = raw.http_status;
    let success = (200..300).contains(&status);
    let raw = Box::new(raw.clone());
    if kind == CallKind::Start
        && (protocol::start_outcome_unknown(status, is_kontomatik_reply) || success)
    {
        return Error::StartOutcomeUnknown {
            message: format!("Kontomatik answered HTTP {status} but {message}"),
            raw: Some(raw),
        };
    }
    if protocol::is_retry_later_status(status, is_kontomatik_reply) {
        return Error::RetryLater {
            exception: None,
            http_status: Some(status),
            command_id: None,
            raw: Some(raw),
        };
    }
    Error::Protocol {
        http_status: status,
        message,
        first_bytes: first_bytes.unwrap_or_else(|| raw.first_bytes()),
        raw: Some(raw),
    }
}

/// How a payload is named in messages.
pub(crate) fn payload_name(payload: &Payload) -> &'static str {
    match payload {
        Payload::Command(_) => "a <command>",
        Payload::Exception(_) => "an <exception>",
        Payload::Comment(_) => "a <comment>",
        Payload::Catalog(_) => "a <targets> catalog",
        Payload::OwnerScores(_) => "<models> scores",
        Payload::Data(_) => "an <owner> data reply",
        Payload::Session(_) => "a <session>",
        Payload::Statement(_) => "a <statement>",
        Payload::ParserCatalog(_) => "a <target> parser catalog",
        Payload::Empty => "an empty <reply>",
    }
}
