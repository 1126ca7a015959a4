//! Sending one request: URL joining under a base path prefix, the `X-Api-Key` header (marked
//! sensitive), form bodies (urlencoded, or `multipart/form-data` text fields for the statement
//! upload, whose values are never logged), timeouts, gzip, the reply size limit, redaction of
//! secrets in received bodies, and turning reqwest failures into [`Error::Transport`] or
//! [`Error::StartOutcomeUnknown`] without leaking URLs, headers or secrets.

use std::time::{Duration, Instant};

use chrono::Utc;
use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use url::Url;

use super::interpret::CallKind;
use super::{ClientConfig, RawReply, SessionCredentials};
use crate::error::{Error, Result, TransportKind};
use crate::protocol::{self, API_KEY_HEADER};
use crate::sensitive::ApiKey;

/// What Lupa accepts (Kontomatik's media type was never observed).
const ACCEPT_XML: &str = "application/xml, text/xml;q=0.9, */*;q=0.1";

/// The most memory reserved up front for a body whose length is announced; beyond it the buffer
/// grows as bytes arrive (an announced length is a claim, not a promise).
const MAX_PREALLOCATION: u64 = 64 * 1024 * 1024;

/// Secrets shorter than this are not redacted from bodies: they cannot be real keys or
/// signatures, and masking every occurrence of a short string would garble the reply.
const MIN_REDACTED_LEN: usize = 8;

/// Builds the reqwest client for a configuration.
pub(super) fn build(config: &ClientConfig) -> Result<reqwest::Client> {
    let base = &config.base_url;
    if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
        return Err(Error::InvalidConfig {
            message: format!(
                "the base URL {} is not an http(s) address with a host",
                url_without_credentials(base)
            ),
        });
    }
    if let Some(key) = &config.api_key {
        api_key_header(key)?;
    }
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .user_agent(config.user_agent.clone())
        .gzip(true);
    if let Some(proxy) = &config.proxy {
        let proxy = reqwest::Proxy::all(proxy.as_str()).map_err(|_| Error::InvalidConfig {
            message: format!(
                "the proxy {} cannot be used",
                url_without_credentials(proxy)
            ),
        })?;
        builder = builder.proxy(proxy);
    } else if !config.use_system_proxy {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|error| Error::InvalidConfig {
        message: format!("the HTTP client could not be set up: {}", describe(error)),
    })
}

/// The API key as a header value that hyper redacts from its own debug output.
fn api_key_header(key: &ApiKey) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(key.expose()).map_err(|_| Error::InvalidConfig {
        message: "the API key contains characters that cannot be sent in an HTTP header".into(),
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// One request to send.
pub(super) struct Request<'a> {
    /// `GET`, `POST` or `DELETE`.
    pub method: Method,
    /// The protocol path, e.g. `/v1/command/default-import.xml`.
    pub path: &'a str,
    /// Form fields for `POST`, query parameters otherwise.
    pub params: &'a [(&'a str, &'a str)],
    /// `POST` only: send these text fields as `multipart/form-data` instead of `params` as a
    /// urlencoded form. Owned, because the multipart body takes its values.
    pub multipart: Option<Vec<(&'static str, String)>>,
    /// This request's whole-exchange timeout instead of the client's.
    pub timeout: Option<Duration>,
    /// Whether this starts a default import (changes how failures after sending are read).
    pub kind: CallKind,
    /// The largest body read ([`ClientConfig::max_reply_bytes`]).
    pub max_reply_bytes: u64,
}

/// Sends a request and reads the whole body, whatever the HTTP status.
pub(super) async fn send(
    http: &reqwest::Client,
    base: &Url,
    api_key: Option<&ApiKey>,
    mut request: Request<'_>,
    secrets: &Secrets<'_>,
) -> Result<RawReply> {
    let request = &mut request;
    let call = format!("{} {}", request.method, request.path);
    let is_post = request.method == Method::POST;
    let query = if is_post { &[][..] } else { request.params };
    let url = join(base, request.path, query);
    let mut builder = http
        .request(request.method.clone(), url)
        .header(ACCEPT, ACCEPT_XML);
    if let Some(key) = api_key {
        builder = builder.header(API_KEY_HEADER, api_key_header(key)?);
    }
    if let Some(timeout) = request.timeout {
        builder = builder.timeout(timeout);
    }
    if let (true, Some(fields)) = (is_post, request.multipart.take()) {
        let form = fields
            .into_iter()
            .fold(reqwest::multipart::Form::new(), |form, (name, value)| {
                form.text(name, value)
            });
        builder = builder.multipart(form);
    } else if is_post {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(request.params)
            .finish();
        builder = builder
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
    }

    let started = Instant::now();
    tracing::debug!(call = %call, "Kontomatik request");
    let mut response = builder
        .send()
        .await
        .map_err(|error| failure(&call, error, request.kind, None, secrets))?;
    let http_status = response.status().as_u16();
    let limit = request.max_reply_bytes;
    let announced = response.content_length();
    if let Some(length) = announced.filter(|&length| length > limit) {
        return Err(too_large(
            &call,
            request,
            http_status,
            Some(length),
            Vec::new(),
            secrets,
        ));
    }
    // Read chunk by chunk, so a reply longer than the limit is refused without holding it.
    let mut body = Vec::with_capacity(announced.unwrap_or(0).min(MAX_PREALLOCATION) as usize);
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| failure(&call, error, request.kind, Some(http_status), secrets))?
    {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large(&call, request, http_status, None, body, secrets));
        }
        body.extend_from_slice(&chunk);
    }
    secrets.redact(&mut body);
    tracing::debug!(
        call = %call,
        http_status,
        bytes = body.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "Kontomatik reply"
    );
    Ok(RawReply {
        call,
        http_status,
        body,
        received_at: Utc::now(),
    })
}

/// A reply over [`Request::max_reply_bytes`]: a [`Error::Protocol`] naming the limit (for the
/// start of an import, [`Error::StartOutcomeUnknown`]: Kontomatik got the request). `announced` is
/// the `Content-Length` when that alone was too large; `start` holds what was read before the
/// limit was passed, for the diagnostic. The reply is not kept: it cannot be held whole.
fn too_large(
    call: &str,
    request: &Request<'_>,
    http_status: u16,
    announced: Option<u64>,
    mut start: Vec<u8>,
    secrets: &Secrets<'_>,
) -> Error {
    let limit = megabytes(request.max_reply_bytes);
    let size = match announced {
        Some(length) => format!(" (it announced {})", megabytes(length)),
        None => String::new(),
    };
    let message = format!(
        "the reply to {call} is larger than {limit}{size}, the most Lupa reads from one reply; \
         a later since date asks for a shorter history"
    );
    tracing::warn!(call = %call, http_status, limit = request.max_reply_bytes, "reply too large");
    if request.kind == CallKind::Start {
        return Error::StartOutcomeUnknown { message, raw: None };
    }
    start.truncate(256);
    secrets.redact(&mut start);
    Error::Protocol {
        http_status,
        message,
        first_bytes: crate::xml::ParseError::first_bytes_of(&start),
        raw: None,
    }
}

/// `512 MB` (binary megabytes, as file managers show them), or with one decimal.
pub(super) fn megabytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MB", bytes / MIB)
    } else {
        // Display only; sizes are never computed in floating point.
        format!("{:.1} MB", bytes as f64 / MIB as f64)
    }
}

/// A reqwest failure as an [`Error`]. `http_status` is set when the headers had arrived and the
/// body could not be read.
fn failure(
    call: &str,
    error: reqwest::Error,
    kind: CallKind,
    http_status: Option<u16>,
    secrets: &Secrets<'_>,
) -> Error {
    if error.is_builder() {
        return Error::InvalidConfig {
            message: secrets.redact_str(&format!("{call}: {}", describe(error))),
        };
    }
    let transport_kind = if error.is_connect() {
        TransportKind::Connect
    } else if error.is_timeout() {
        TransportKind::Timeout
    } else {
        TransportKind::Other
    };
    let when = match http_status {
        Some(status) => format!(" (reading the body of an HTTP {status} reply)"),
        None => String::new(),
    };
    let message = secrets.redact_str(&format!("{call}{when}: {}", describe(error)));
    tracing::warn!(call = %call, kind = %transport_kind, "Kontomatik request failed");
    if kind == CallKind::Start && transport_kind != TransportKind::Connect {
        // The request may have reached Kontomatik: the start must not be repeated.
        return Error::StartOutcomeUnknown { message, raw: None };
    }
    Error::Transport {
        kind: transport_kind,
        message,
    }
}

/// The error and its sources, without the URL (which may carry a query the analyst need not
/// see) and with repeated texts dropped.
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

/// `base` + its path prefix + `path`, with `query` (any query or fragment of `base` dropped).
pub(super) fn join(base: &Url, path: &str, query: &[(&str, &str)]) -> Url {
    let mut url = base.clone();
    let prefixed = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&prefixed);
    url.set_query(None);
    url.set_fragment(None);
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url
}

/// Percent-encodes an opaque id for use as (part of) one path segment.
pub(super) fn encode_segment(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A URL without user name and password, for messages and debug output.
pub(super) fn url_without_credentials(url: &Url) -> String {
    let mut url = url.clone();
    // Both fail only for URLs that cannot carry credentials anyway.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// The secrets of one call: the API key and, for session calls, the session signature.
pub(super) struct Secrets<'a> {
    values: Vec<&'a str>,
}

impl<'a> Secrets<'a> {
    pub(super) fn new(
        api_key: Option<&'a ApiKey>,
        session: Option<&'a SessionCredentials>,
    ) -> Self {
        let values = api_key
            .map(|key| key.expose().as_str())
            .into_iter()
            .chain(session.map(|session| session.signature.expose().as_str()))
            .filter(|value| value.len() >= MIN_REDACTED_LEN)
            .collect();
        Secrets { values }
    }

    /// Overwrites every occurrence of a secret with [`protocol::REDACTION_BYTE`], keeping lengths.
    pub(super) fn redact(&self, body: &mut [u8]) {
        for secret in &self.values {
            let secret = secret.as_bytes();
            let mut at = 0;
            while at + secret.len() <= body.len() {
                if body[at] == secret[0] && &body[at..at + secret.len()] == secret {
                    body[at..at + secret.len()].fill(protocol::REDACTION_BYTE);
                    at += secret.len();
                } else {
                    at += 1;
                }
            }
        }
    }

    /// The text with every secret replaced by `<redacted>`.
    pub(super) fn redact_str(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in &self.values {
            if text.contains(secret) {
                text = text.replace(secret, "<redacted>");
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_keeps_the_base_path_prefix() {
        let base = Url::parse("http://127.0.0.1:8080/kontomatik/?x=1#f").unwrap();
        let url = join(&base, "/v1/data.xml", &[("ownerExternalId", "a b&c")]);
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/kontomatik/v1/data.xml?ownerExternalId=a+b%26c"
        );
        let base = Url::parse("https://api.kontomatik.com").unwrap();
        let url = join(&base, "/v1/command-catalog.xml", &[]);
        assert_eq!(
            url.as_str(),
            "https://api.kontomatik.com/v1/command-catalog.xml"
        );
        let base = Url::parse("https://host/a/b").unwrap();
        assert_eq!(
            join(&base, "/v1/x.xml", &[]).as_str(),
            "https://host/a/b/v1/x.xml"
        );
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(512 * 1024 * 1024), "512 MB");
        assert_eq!(megabytes(1024 * 1024), "1 MB");
        assert_eq!(megabytes(3 * 512 * 1024), "1.5 MB");
    }

    #[test]
    fn ids_are_encoded_as_one_segment() {
        assert_eq!(encode_segment("455026009"), "455026009");
        assert_eq!(encode_segment("../a b?"), "..%2Fa%20b%3F");
    }

    #[test]
    fn secrets_are_redacted_keeping_length() {
        let key = ApiKey::new("f7abcdef0123456789abcdef0123451f".into());
        let session = SessionCredentials::new("1", "0123456789abcdef0123456789abcdef");
        let secrets = Secrets::new(Some(&key), Some(&session));
        let mut body =
            b"key \"f7abcdef0123456789abcdef0123451f\" sig 0123456789abcdef0123456789abcdef."
                .to_vec();
        let len = body.len();
        secrets.redact(&mut body);
        assert_eq!(body.len(), len);
        let text = String::from_utf8(body).unwrap();
        assert!(!text.contains("f7abcdef"), "{text}");
        assert!(!text.contains("0123456789abcdef0123456789abcdef"), "{text}");
        assert!(text.starts_with("key \"********"), "{text}");
        assert_eq!(
            secrets.redact_str("x f7abcdef0123456789abcdef0123451f y"),
            "x <redacted> y"
        );
    }

    #[test]
    fn credentials_are_dropped_from_urls() {
        let url = Url::parse("http://user:secretpw@proxy:3128/").unwrap();
        assert_eq!(url_without_credentials(&url), "http://proxy:3128/");
    }
}
