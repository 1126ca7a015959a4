//! Every protocol detail Lupa had to decide without Kontomatik's full reference, in one place.
//!
//! Rule: the real captures win, then `shared/docs/kontomatik-protocol.md`, then our guess. Each item
//! says which. When Kontomatik's reference says otherwise, change it here; the client, the sandbox
//! and the tests all read these values.

use std::time::Duration;

pub mod statement;

pub use statement::{STATEMENT_TIMEOUT, StatementRefusal};

/// Paths of the AIS calls (captures and SDK; all under `/v1/`).
pub mod path {
    /// `POST`: start the default import (SDK, captures).
    pub const DEFAULT_IMPORT: &str = "/v1/command/default-import.xml";
    /// `GET /v1/command/{id}.xml`: poll a command (SDK, captures).
    pub fn command(id: &str) -> String {
        format!("/v1/command/{id}.xml")
    }
    /// `POST`: owners' details (legacy scripts).
    pub const IMPORT_OWNERS: &str = "/v1/command/import-owners.xml";
    /// `POST`: accounts without transactions (legacy scripts).
    pub const IMPORT_ACCOUNTS: &str = "/v1/command/import-accounts.xml";
    /// `POST` with `iban`, `since` (legacy scripts).
    pub const IMPORT_ACCOUNT_TRANSACTIONS: &str = "/v1/command/import-account-transactions.xml";
    /// `POST` (legacy scripts; result shape presumed).
    pub const IMPORT_CREDIT_CARDS: &str = "/v1/command/import-credit-cards.xml";
    /// `POST` with `cardNumber`, `since` (legacy scripts; result shape presumed).
    pub const IMPORT_CREDIT_CARD_TRANSACTIONS: &str =
        "/v1/command/import-credit-card-transactions.xml";
    /// `POST`: sign out of the bank session (capture of the 400 reply).
    pub const SIGN_OUT: &str = "/v1/command/sign-out.xml";
    /// `GET`: the command catalog (capture's schema `get_command_catalog.xsd`; path from legacy scripts).
    pub const COMMAND_CATALOG: &str = "/v1/command-catalog.xml";
    /// `GET ?ownerExternalId=`: Kontomatik Score (SDK, capture).
    pub const OWNER_SCORES: &str = "/v1/owner-scores.xml";
    /// `GET`/`DELETE ?ownerExternalId=`: aggregated data (SDK, capture; DELETE unverified).
    pub const DATA: &str = "/v1/data.xml";
    /// `POST` with `login`, `ownerExternalId`, `multipleAccess`: a test session (third-party client only).
    pub const MOCK_SESSION: &str = "/v1/mock-session.xml";
    /// `POST` with `multipleAccessId`: a new session from a multiple-access consent (third-party client only).
    pub const REUSE_MULTIPLE_ACCESS: &str = "/v1/command/reuse-multiple-access.xml";
    /// `POST` with `multipleAccessId`: revoke the consent (third-party client only).
    pub const DELETE_MULTIPLE_ACCESS: &str = "/v1/command/delete-multiple-access.xml";
    /// `POST` (`multipart/form-data`) with `pdfAsBase64`, `acceptInconsistent`, `ownerExternalId`:
    /// parse one PDF bank statement, synchronously (PDF API reference; legacy XML API, to be
    /// removed on 2027-04-01). See [`statement`](super::statement).
    pub const STATEMENT: &str = "/v1/statement.xml";
    /// `GET ?country=pl`: the PDF parser catalog (PDF API reference).
    pub const PARSER_CATALOG: &str = "/v1/parser-catalog.xml";
}

/// The header carrying the API key (SDK; the real 401 text names "API key HTTP header").
pub const API_KEY_HEADER: &str = "X-Api-Key";

/// Base of `xsi:noNamespaceSchemaLocation` (captures).
pub const SCHEMA_BASE: &str = "https://developer.kontomatik.com/schema/v1/";

/// Schema file names seen in captures, by reply kind.
pub mod schema {
    /// 202 command accepted.
    pub const COMMAND_SETUP: &str = "command_setup.xsd";
    /// Finished default import.
    pub const DEFAULT_IMPORT: &str = "default_import.xsd";
    /// `data.xml`.
    pub const GET_DATA: &str = "get_data.xsd";
    /// Command catalog.
    pub const COMMAND_CATALOG: &str = "get_command_catalog.xsd";
    /// Owner scores.
    pub const OWNER_SCORES: &str = "get_owner_scores.xsd";
    /// The PDF parser catalog. **Unverified**: the documented sample's schema location is empty;
    /// the name follows `get_command_catalog.xsd`.
    pub const PARSER_CATALOG: &str = "get_parser_catalog.xsd";
}

/// The command name of a default import (captures).
pub const DEFAULT_IMPORT_COMMAND: &str = "DefaultImportCommand";
/// The command name of sign-out (catalog capture).
pub const SIGN_OUT_COMMAND: &str = "SignOutCommand";

/// Transaction `status` for a booked transaction (captures: the only value seen).
pub const STATUS_DONE: &str = "DONE";
/// Transaction `status` for a pending one. **Unverified**: no capture shows a pending transaction;
/// the sandbox emits this and the store treats any value other than [`STATUS_DONE`] as pending.
pub const STATUS_PENDING: &str = "PENDING";

/// How far back `since` goes when the analyst does not choose (product decision; no Kontomatik limit found).
pub const DEFAULT_SINCE_YEARS: i32 = 5;

/// Polling interval Kontomatik asks for in production: every 2–5 s (DOC).
pub const POLL_INTERVAL_MIN: Duration = Duration::from_secs(2);
/// See [`POLL_INTERVAL_MIN`].
pub const POLL_INTERVAL_MAX: Duration = Duration::from_secs(5);
/// Lupa's default polling interval.
pub const POLL_INTERVAL_DEFAULT: Duration = Duration::from_secs(3);

/// Exception names, and how Lupa reads them. Names from captures are marked so; the rest come from
/// the SDK's exception classes and their meaning is inferred.
pub mod exception {
    /// Unknown or expired session; HTTP 404, message `Session expired.` (capture).
    pub const INVALID_SESSION_ID: &str = "InvalidSessionId";
    /// Signature does not match the session (SDK; HTTP status guessed 400).
    pub const INVALID_SESSION_ID_SIGNATURE: &str = "InvalidSessionIdSignature";
    /// Session expired during a command (synthetic fixture).
    pub const SESSION_EXPIRED: &str = "SessionExpired";
    /// Second default import in one session (SDK name; HTTP status guessed 400).
    pub const DEFAULT_IMPORT_ALREADY_EXECUTED: &str = "DefaultImportAlreadyExecuted";
    /// Command not supported by the target; HTTP 400 (capture).
    pub const COMMAND_NOT_AVAILABLE: &str = "CommandNotAvailable";
    /// Unknown command id when polling (SDK; HTTP status guessed 404).
    pub const INVALID_COMMAND_ID: &str = "InvalidCommandId";
    /// Bad `since` (SDK; guessed 400).
    pub const INVALID_SINCE: &str = "InvalidSince";
    /// Bad or unknown IBAN (SDK; guessed 400).
    pub const INVALID_IBAN: &str = "InvalidIban";
    /// Bad owner id (SDK; guessed 400).
    pub const INVALID_OWNER_EXTERNAL_ID: &str = "InvalidOwnerExternalId";
    /// Too little data for a score (SDK; HTTP status unknown, the sandbox answers 400).
    pub const NO_DATA_TO_CALCULATE_SCORE: &str = "NoDataToCalculateScore";
    /// Bad, expired or revoked multiple-access consent (SDK; guessed 400).
    pub const INVALID_MULTIPLE_ACCESS_ID: &str = "InvalidMultipleAccessId";
    /// More than 4 refreshes in 24 h (SDK; guessed 429).
    pub const MULTIPLE_ACCESS_LIMIT_EXCEEDED: &str = "MultipleAccessLimitExceeded";
    /// Communication failure with the bank (SDK).
    pub const IO: &str = "IO";
    /// Bank or Kontomatik under maintenance (SDK).
    pub const SERVICE_MAINTENANCE: &str = "ServiceMaintenance";
    /// Bank or Kontomatik unavailable (SDK).
    pub const SERVICE_TEMPORARILY_UNAVAILABLE: &str = "ServiceTemporarilyUnavailable";
    /// A generic parameter error (SDK; guessed 400).
    pub const INVALID_PARAMETER: &str = "InvalidParameter";

    /// External or capacity problems: nothing is wrong with the request; try again later.
    pub const RETRY_LATER: &[&str] = &[
        IO,
        SERVICE_MAINTENANCE,
        SERVICE_TEMPORARILY_UNAVAILABLE,
        "JobsQuotaExceeded",
        "ConcurrentSessionsLimitExceed",
        "ConcurrentSessionsLimitExceeded",
        MULTIPLE_ACCESS_LIMIT_EXCEEDED,
    ];
    /// The session cannot be used (any more): the applicant must sign in again.
    pub const SESSION_INVALID: &[&str] = &[
        INVALID_SESSION_ID,
        INVALID_SESSION_ID_SIGNATURE,
        SESSION_EXPIRED,
    ];
}

/// HTTP status the sandbox answers for an exception whose status no capture shows.
/// Captured: `InvalidSessionId` 404, `CommandNotAvailable` 400.
pub fn http_status_for_exception(name: &str) -> u16 {
    match name {
        exception::INVALID_SESSION_ID | exception::INVALID_COMMAND_ID => 404,
        exception::MULTIPLE_ACCESS_LIMIT_EXCEEDED => 429,
        exception::SERVICE_MAINTENANCE | exception::SERVICE_TEMPORARILY_UNAVAILABLE => 503,
        _ => 400,
    }
}

/// The reason phrase Kontomatik writes after the code in `reply/@status` (captures: `200 OK`,
/// `202 Accepted`, `400 Bad Request`, `401 Unauthorized`, `404 Not Found`).
pub fn status_text(code: u16) -> String {
    let reason = match code {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        code.to_string()
    } else {
        format!("{code} {reason}")
    }
}

/// Multiple access: refreshes allowed per 24 h (DOC).
pub const MULTIPLE_ACCESS_REFRESHES_PER_DAY: u32 = 4;
/// Multiple access: consent lifetime in days (DOC).
pub const MULTIPLE_ACCESS_CONSENT_DAYS: i64 = 180;

/// Form (`POST`) and query (`GET`, `DELETE`) parameter names (SDK, legacy scripts; the
/// multiple-access and mock-session names from the third-party client only).
pub mod param {
    /// The bank session id from the SignIn Widget.
    pub const SESSION_ID: &str = "sessionId";
    /// The session id signature (64 hex chars; a bearer secret).
    pub const SESSION_ID_SIGNATURE: &str = "sessionIdSignature";
    /// `YYYY-MM-DD`: oldest transaction date wanted.
    pub const SINCE: &str = "since";
    /// The account of `import-account-transactions.xml`.
    pub const IBAN: &str = "iban";
    /// The card of `import-credit-card-transactions.xml`.
    pub const CARD_NUMBER: &str = "cardNumber";
    /// The integrator's id of the applicant.
    pub const OWNER_EXTERNAL_ID: &str = "ownerExternalId";
    /// Mock session: the KontoBank test login.
    pub const LOGIN: &str = "login";
    /// Mock session: `true` or `false`.
    pub const MULTIPLE_ACCESS: &str = "multipleAccess";
    /// A multiple-access consent token.
    pub const MULTIPLE_ACCESS_ID: &str = "multipleAccessId";
    /// Statement upload: the whole PDF as standard base64 text (a text form field, not a file
    /// part; PDF API reference). See [`statement::encode_pdf`](super::statement::encode_pdf).
    pub const PDF_AS_BASE64: &str = "pdfAsBase64";
    /// Statement upload: `true` lets an inconsistent-type document (an account history) through
    /// (inconsistent-statements guide; a form field next to `pdfAsBase64`, default `false`).
    pub const ACCEPT_INCONSISTENT: &str = "acceptInconsistent";
    /// Parser catalog: ISO 3166-1 alpha-2, lower case (`pl`).
    pub const COUNTRY: &str = "country";
    /// The legacy form or query field carrying the API key (old PDF examples). Lupa sends the
    /// header; the sandbox accepts this in the query.
    pub const API_KEY: &str = "apiKey";
}

// ---------------------------------------------------------------------------------------------
// How the client reads replies (decisions; the full Error List of `/docs` was not retrievable).
// Polling `GET /v1/command/{id}.xml` sends only the API key, as the SDK and the recent third-party
// client do; the legacy session query parameters are not sent.
// ---------------------------------------------------------------------------------------------

/// What an exception name means for the caller (names and meanings in [`exception`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionClass {
    /// [`exception::SESSION_INVALID`]: the session cannot be used; the applicant must sign in again.
    SessionInvalid,
    /// [`exception::DEFAULT_IMPORT_ALREADY_EXECUTED`]: the session's one default import is spent.
    SessionAlreadyUsed,
    /// [`exception::COMMAND_NOT_AVAILABLE`]: the target does not support the command.
    CommandNotAvailable,
    /// [`exception::RETRY_LATER`]: external or capacity problem; the same request may work later.
    RetryLater,
    /// Anything else (`InvalidSince`, `NoDataToCalculateScore`, `InvalidMultipleAccessId`, …).
    Other,
}

/// Classifies an exception name (exact, case-sensitive match as on the wire).
pub fn classify_exception(name: &str) -> ExceptionClass {
    if exception::SESSION_INVALID.contains(&name) {
        ExceptionClass::SessionInvalid
    } else if name == exception::DEFAULT_IMPORT_ALREADY_EXECUTED {
        ExceptionClass::SessionAlreadyUsed
    } else if name == exception::COMMAND_NOT_AVAILABLE {
        ExceptionClass::CommandNotAvailable
    } else if exception::RETRY_LATER.contains(&name) {
        ExceptionClass::RetryLater
    } else {
        ExceptionClass::Other
    }
}

/// HTTP statuses read as "try again later" whatever the body says (decision: rate limiting and
/// gateway errors; none observed from Kontomatik).
pub const RETRY_LATER_HTTP_STATUSES: &[u16] = &[429, 502, 503, 504];

/// True when a reply with this HTTP status means "try again later": one of
/// [`RETRY_LATER_HTTP_STATUSES`], or any 5xx whose body is not a Kontomatik `<reply>` (an HTML
/// error page of a proxy or load balancer, an empty body). A 5xx carrying a Kontomatik
/// `<exception>` is classified by the exception's name instead (decision).
pub fn is_retry_later_status(http_status: u16, is_kontomatik_reply: bool) -> bool {
    RETRY_LATER_HTTP_STATUSES.contains(&http_status)
        || ((500..600).contains(&http_status) && !is_kontomatik_reply)
}

/// Starting a default import: a 5xx that is not a Kontomatik `<reply>` (a gateway page) does not
/// say whether Kontomatik received the request, so its outcome is unknown, like a timeout or a
/// reset after sending. The start is never repeated: Kontomatik allows one default import per
/// session (DOC), and a repeat would at best answer `DefaultImportAlreadyExecuted` (decision).
pub fn start_outcome_unknown(http_status: u16, is_kontomatik_reply: bool) -> bool {
    (500..600).contains(&http_status) && !is_kontomatik_reply
}

/// What a command that ended in a final state other than `successful` means (decision; DOC's
/// error-handling page distinguishes external errors — retry later — from the rest, and says a
/// failed import needs a new bank login).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailedCommandClass {
    /// `error` with an exception in [`exception::RETRY_LATER`] (e.g. `IO`): external problem;
    /// a new login later may succeed.
    RetryLater,
    /// `error` with any other exception or none, and final states Lupa does not know (a 2016 client
    /// saw `cancelled`): the session's import is over; the applicant must sign in again.
    NeedsNewLogin,
    /// `fatal`: Kontomatik failed internally (inference), whatever the exception.
    Fatal,
}

/// Classifies a command's final state; `None` for `setup`, `in_progress` and `successful`.
pub fn classify_failed_command(
    state: &crate::model::CommandState,
    exception_name: Option<&str>,
) -> Option<FailedCommandClass> {
    use crate::model::CommandState;
    match state {
        CommandState::Setup | CommandState::InProgress | CommandState::Successful => None,
        CommandState::Fatal => Some(FailedCommandClass::Fatal),
        CommandState::Error
            if exception_name.is_some_and(|name| exception::RETRY_LATER.contains(&name)) =>
        {
            Some(FailedCommandClass::RetryLater)
        }
        CommandState::Error | CommandState::Other(_) => Some(FailedCommandClass::NeedsNewLogin),
    }
}

/// A `successful` default import without `<result>` is not a success: the driver reports a
/// protocol error rather than an import with no data (decision; every capture has `<result>`).
pub const SUCCESSFUL_IMPORT_NEEDS_RESULT: bool = true;

/// Kontomatik's 401 `<comment>` quotes the API key it received (the capture's key was starred by
/// the SDK author, so the original probably showed it in clear). The client overwrites every
/// occurrence of the API key and of a session signature in a received body with this byte, keeping
/// the length, before the reply is parsed, stored or shown (decision, F-ENV-2).
pub const REDACTION_BYTE: u8 = b'*';
