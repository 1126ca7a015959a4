//! The plain types of the client: its configuration, session credentials, raw replies and
//! exchanges (typed value + raw reply).

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};
use url::Url;

use super::StatementApi;
use super::transport;
use crate::model::Command;
use crate::sensitive::{ApiKey, Sensitive};

/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time for a whole exchange, body included (a default import reply can be tens of MB).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Default largest reply body read, after gzip decoding: 512 MiB. The sandbox's
/// 100 000-transaction persona answers about 70 MB, and the longest real histories are a few
/// times that; a reply beyond this is refused as [`Error::Protocol`](crate::Error::Protocol)
/// instead of filling the memory (a whole reply is held, then parsed into a model about as large).
pub const DEFAULT_MAX_REPLY_BYTES: u64 = 512 * 1024 * 1024;

/// How to reach Kontomatik.
#[derive(Clone)]
pub struct ClientConfig {
    /// Base URL, e.g. `https://api.kontomatik.com`; may carry a path prefix
    /// (`http://127.0.0.1:8080/kontomatik/`), which is kept in front of every `/v1/…` path.
    /// Its query and fragment are ignored.
    pub base_url: Url,
    /// The API key for this environment; `None` for the sandbox when it needs none.
    pub api_key: Option<ApiKey>,
    /// An explicit proxy for every request (corporate networks), e.g. `http://proxy:3128`.
    pub proxy: Option<Url>,
    /// Without an explicit proxy: honour the system's `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`
    /// variables (default `true`). Set `false` for the embedded sandbox on loopback.
    pub use_system_proxy: bool,
    /// Time to establish a connection (default 10 s).
    pub connect_timeout: Duration,
    /// Time for a whole request and its reply body (default 120 s).
    pub request_timeout: Duration,
    /// The largest reply body read, in bytes after gzip decoding (default
    /// [`DEFAULT_MAX_REPLY_BYTES`]). A reply that announces more (`Content-Length`) is refused
    /// before its body is read; one that turns out longer is refused as soon as the limit is
    /// passed, without buffering the rest.
    pub max_reply_bytes: u64,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Which generation of the PDF Parsing API [`Client::parse_statement`](super::Client::parse_statement)
    /// and [`Client::parser_catalog`](super::Client::parser_catalog) speak (default: the XML one).
    pub statement_api: StatementApi,
}

impl ClientConfig {
    /// Defaults for `base_url`: no key, no explicit proxy, system proxy honoured, 10 s / 120 s,
    /// replies up to 512 MiB, the XML PDF Parsing API.
    pub fn new(base_url: Url) -> Self {
        ClientConfig {
            base_url,
            api_key: None,
            proxy: None,
            use_system_proxy: true,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
            user_agent: format!("Lupa/{} (lupa-kontomatik)", env!("CARGO_PKG_VERSION")),
            statement_api: StatementApi::default(),
        }
    }

    /// Sets the API key.
    pub fn with_api_key(mut self, api_key: ApiKey) -> Self {
        self.api_key = Some(api_key);
        self
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url.as_str())
            .field("api_key", &self.api_key.as_ref().map(ApiKey::masked))
            .field(
                "proxy",
                &self.proxy.as_ref().map(transport::url_without_credentials),
            )
            .field("use_system_proxy", &self.use_system_proxy)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_reply_bytes", &self.max_reply_bytes)
            .field("user_agent", &self.user_agent)
            .field("statement_api", &self.statement_api)
            .finish()
    }
}

/// The session data the SignIn Widget hands over. The signature is a bearer secret: it is
/// redacted in `Debug`, never logged, and masked in received bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionCredentials {
    /// `sessionId`.
    pub session_id: String,
    /// `sessionIdSignature`.
    pub signature: Sensitive<String>,
}

impl SessionCredentials {
    /// Wraps a session id and its signature.
    pub fn new(session_id: impl Into<String>, signature: impl Into<String>) -> Self {
        SessionCredentials {
            session_id: session_id.into(),
            signature: Sensitive::new(signature.into()),
        }
    }
}

/// One reply exactly as received: the app stores it before deriving anything from it.
#[derive(Clone, PartialEq, Eq)]
pub struct RawReply {
    /// Method and path without base prefix or query, e.g. `POST /v1/command/default-import.xml`.
    pub call: String,
    /// The HTTP status code.
    pub http_status: u16,
    /// The body after gzip decoding, byte for byte, except that the API key and the session
    /// signature, if they occur, are overwritten with
    /// [`REDACTION_BYTE`](crate::protocol::REDACTION_BYTE).
    pub body: Vec<u8>,
    /// When the body had been read completely.
    pub received_at: DateTime<Utc>,
}

impl RawReply {
    /// The printable start of the body (for diagnostics).
    pub fn first_bytes(&self) -> String {
        crate::xml::ParseError::first_bytes_of(&self.body)
    }
}

impl fmt::Debug for RawReply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawReply")
            .field("call", &self.call)
            .field("http_status", &self.http_status)
            .field("body_len", &self.body.len())
            .field("first_bytes", &self.first_bytes())
            .field("received_at", &self.received_at)
            .finish()
    }
}

/// A typed value and the raw reply it was read from.
#[derive(Debug, Clone)]
pub struct Exchange<T> {
    /// What the reply means.
    pub value: T,
    /// The reply as received.
    pub raw: RawReply,
}

impl<T> Exchange<T> {
    /// Transforms the value, keeping the raw reply.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Exchange<U> {
        Exchange {
            value: f(self.value),
            raw: self.raw,
        }
    }
}

/// The 202 reply to starting a default import.
#[derive(Debug, Clone, PartialEq)]
pub struct StartedImport {
    /// The accepted command (`state="setup"` in the capture); poll it by `command.id`.
    pub command: Command,
    /// `reply/@ownerExternalId`: Kontomatik's owner id for this applicant (generated as
    /// `kontomatik-<uuid>` when the widget was given none).
    pub owner_external_id: Option<String>,
}
