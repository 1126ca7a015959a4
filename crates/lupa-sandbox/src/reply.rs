//! Building HTTP responses in Kontomatik's reply envelope, written by `lupa-kontomatik`'s writer so
//! that every element name, order and format is the one the parser reads from real captures.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{SubsecRound, Utc};
use lupa_kontomatik::model::{Envelope, Exception, Payload, Reply};
use lupa_kontomatik::protocol::{self, SCHEMA_BASE};
use lupa_kontomatik::xml::{WriteOptions, write_reply};
use tokio::io::{AsyncRead, ReadBuf};

use crate::config::CLIENT_ID;

/// The `<reply>` attributes for a reply with HTTP `status`.
pub fn envelope(status: u16, schema: Option<&str>, owner_external_id: Option<&str>) -> Envelope {
    Envelope {
        schema_location: schema.map(|name| format!("{SCHEMA_BASE}{name}")),
        status: Some(protocol::status_text(status)),
        user: Some(CLIENT_ID.to_owned()),
        owner_external_id: owner_external_id.map(str::to_owned),
        response_timestamp: Some(Utc::now().trunc_subsecs(0)),
    }
}

/// An XML response whose HTTP status mirrors `reply/@status`.
pub fn xml(status: u16, envelope: Envelope, payload: Payload) -> Response {
    xml_with(
        status,
        &Reply { envelope, payload },
        &WriteOptions::default(),
    )
}

/// An XML response written with explicit writer options (the catalog uses character references).
pub fn xml_with(status: u16, reply: &Reply, options: &WriteOptions) -> Response {
    raw(status, write_reply(reply, options).into_bytes())
}

/// A response with a body exactly as given (used by the malformed- and truncated-reply faults).
pub fn raw(status: u16, body: Vec<u8>) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (code, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    response
}

/// An `<exception>` reply (HTTP-level rejection), with the status chosen in `protocol`.
pub fn exception(name: &str, message: &str, owner_external_id: Option<&str>) -> Response {
    let status = protocol::http_status_for_exception(name);
    xml(
        status,
        envelope(status, None, owner_external_id),
        Payload::Exception(Exception {
            name: name.to_owned(),
            message: Some(message.to_owned()),
            friendly_message: None,
            failed_verifications: Vec::new(),
        }),
    )
}

/// The 401 reply: free text in `<comment>`, no `user` attribute, as in the real capture.
pub fn unauthorized(api_key: Option<&str>) -> Response {
    let shown_key = match api_key {
        Some(key) if key.chars().count() >= 4 => {
            let chars: Vec<char> = key.chars().collect();
            let head: String = chars[..2].iter().collect();
            let tail: String = chars[chars.len() - 2..].iter().collect();
            format!("{head}{}{tail}", "*".repeat(chars.len() - 4))
        }
        Some(_) => "****".to_owned(),
        None => "(none)".to_owned(),
    };
    let comment = format!(
        "\n    We don't know who you are.\n    We see your request as originating from IP 127*****1 with API key\n    \"{shown_key}\".\n    This is Lupa's sandbox: it accepts the key printed when it started (by default \"{}\").\n    If you DO have a business relationship with us please check your IP address and API key HTTP header.\n  ",
        crate::config::DEFAULT_API_KEY
    );
    let mut envelope = envelope(401, None, None);
    envelope.user = None;
    xml(401, envelope, Payload::Comment(comment))
}

/// A 503 answered by a proxy in front of the API: an HTML page, not a Kontomatik reply.
pub fn proxy_unavailable() -> Response {
    let mut response = (
        StatusCode::SERVICE_UNAVAILABLE,
        "<html><head><title>503 Service Temporarily Unavailable</title></head>\n<body><center><h1>503 Service Temporarily Unavailable</h1></center><hr><center>nginx</center></body></html>\n",
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// HTTP 200 headers and the first bytes of `body`, then the connection is closed mid-reply, as
/// when a proxy or the network resets it: the body stream fails after a short pause (so the
/// headers and the bytes go out first) and the server aborts the connection.
pub fn reset(body: &[u8]) -> Response {
    let prefix = body[..body.len().min(RESET_AFTER)].to_vec();
    let reader = CutOff {
        prefix: Some(prefix),
        pause: Box::pin(tokio::time::sleep(Duration::from_millis(20))),
    };
    let mut response = Response::new(Body::from_stream(tokio_util::io::ReaderStream::new(reader)));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    response
}

/// Bytes sent before a [`reset`].
const RESET_AFTER: usize = 64;

/// Yields its prefix, waits for the pause, then fails.
struct CutOff {
    prefix: Option<Vec<u8>>,
    pause: Pin<Box<tokio::time::Sleep>>,
}

impl AsyncRead for CutOff {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(prefix) = self.prefix.take() {
            let n = prefix.len().min(buf.remaining());
            buf.put_slice(&prefix[..n]);
            return Poll::Ready(Ok(()));
        }
        if self.pause.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "sandbox: connection reset (fault)",
        )))
    }
}

/// `body` followed by spaces up to `total` bytes (trailing whitespace keeps XML well-formed),
/// announced in `Content-Length` and generated as it is sent: nothing that large is held.
pub fn padded(status: u16, body: Vec<u8>, total: u64) -> Response {
    let total = total.max(body.len() as u64);
    let reader = Padded {
        body,
        sent: 0,
        total,
    };
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Body::from_stream(
        tokio_util::io::ReaderStream::with_capacity(reader, 64 * 1024),
    ));
    *response.status_mut() = code;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(total));
    response
}

/// The bytes of [`padded`].
struct Padded {
    body: Vec<u8>,
    sent: u64,
    total: u64,
}

impl AsyncRead for Padded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let left = self.total - self.sent;
        let n = (buf.remaining() as u64).min(left) as usize;
        let start = self.sent as usize;
        if start < self.body.len() {
            let end = (start + n).min(self.body.len());
            buf.put_slice(&self.body[start..end]);
            self.sent += (end - start) as u64;
        } else {
            let chunk = [b' '; 4096];
            let n = n.min(chunk.len());
            buf.put_slice(&chunk[..n]);
            self.sent += n as u64;
        }
        Poll::Ready(Ok(()))
    }
}
