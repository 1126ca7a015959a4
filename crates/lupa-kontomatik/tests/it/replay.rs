//! A scripted HTTP replay server on 127.0.0.1 for the client and import tests, plus their shared
//! helpers (fixtures, a sample API key and session, a client with short timeouts).
//!
//! Each route (method + path) has a queue of [`Step`]s: a captured fixture with an HTTP status,
//! optionally gzip-encoded, chunked (no `Content-Length`) or delayed, an HTML error page, a truncated body, or a connection cut
//! before the reply or mid-body. Steps are served in order and the last one repeats. Every request is recorded
//! (method, path, query, headers, body). The server stops when the [`Replay`] is dropped or the
//! test's runtime ends.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use lupa_kontomatik::client::{ClientConfig, SessionCredentials};
use lupa_kontomatik::{ApiKey, Client};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::task::JoinHandle;
use url::Url;

/// A sample API key: no test output or error text may contain it.
pub const API_KEY: &str = "f7c0ffee0123456789abcdef5ec4e71f";
/// A sample session id.
pub const SESSION_ID: &str = "317448602";
/// A sample session signature (64 hex chars, a secret too).
pub const SIGNATURE: &str = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";
/// The command id of the captured default import.
pub const COMMAND_ID: &str = "455026009";
/// The poll path of [`COMMAND_ID`].
pub const COMMAND_PATH: &str = "/v1/command/455026009.xml";
/// The start path.
pub const START_PATH: &str = "/v1/command/default-import.xml";

/// A fixture's bytes from `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// A fixture as text with replacements applied (each `from` must occur).
pub fn fixture_with(name: &str, replacements: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from_utf8(fixture(name)).expect("fixtures are UTF-8");
    for (from, to) in replacements {
        assert!(text.contains(from), "{name} has no {from:?}");
        text = text.replace(from, to);
    }
    text.into_bytes()
}

/// A poll reply for a running command, built with the element names of the captures (the shape
/// of the protocol notes' "polling, still running" example).
pub fn in_progress_reply(command_id: &str, progress: u32) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<reply status="200 OK" user="brsolutions-test" responseTimestamp="2023-05-23T07:40:00Z">
   <command id="{command_id}" state="in_progress" name="DefaultImportCommand">
      <progress>
         <value>{progress}</value>
      </progress>
   </command>
</reply>"#
    )
    .into_bytes()
}

/// An exception reply in the shape of the captured 400/404 replies.
pub fn exception_reply(status: &str, name: &str, message: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<reply status="{status}" user="brsolutions-test" responseTimestamp="2023-05-23T07:47:37Z">
    <exception name="{name}">
        <message>{message}</message>
    </exception>
</reply>"#
    )
    .into_bytes()
}

/// The sample session.
pub fn session() -> SessionCredentials {
    SessionCredentials::new(SESSION_ID, SIGNATURE)
}

/// A client for `replay` with the sample key, no system proxy, and short timeouts.
pub fn client(replay: &Replay) -> Client {
    client_with_timeout(replay, Duration::from_secs(5))
}

/// Like [`client`], with the given request timeout.
pub fn client_with_timeout(replay: &Replay, request_timeout: Duration) -> Client {
    client_for(replay.url(), request_timeout)
}

/// A client for any base URL with the sample key, no system proxy, and short timeouts.
pub fn client_for(base_url: Url, request_timeout: Duration) -> Client {
    let mut config = ClientConfig::new(base_url).with_api_key(ApiKey::new(API_KEY.to_owned()));
    config.use_system_proxy = false;
    config.connect_timeout = Duration::from_secs(2);
    config.request_timeout = request_timeout;
    Client::new(config).expect("client builds")
}

/// Panics if `text` contains a secret of the sample key or session.
pub fn assert_no_secret(text: &str) {
    assert!(!text.contains(API_KEY), "API key leaked: {text}");
    assert!(!text.contains(SIGNATURE), "signature leaked: {text}");
}

/// One scripted response.
#[derive(Debug, Clone)]
pub struct Step {
    status: u16,
    body: Vec<u8>,
    content_type: &'static str,
    gzip: bool,
    chunked: bool,
    delay: Duration,
    cut: Option<Cut>,
}

/// Where a scripted connection cut happens.
#[derive(Debug, Clone, Copy)]
enum Cut {
    BeforeReply,
    MidBody,
}

impl Step {
    /// A body with an HTTP status, as `application/xml`.
    pub fn xml(status: u16, body: impl Into<Vec<u8>>) -> Step {
        Step {
            status,
            body: body.into(),
            content_type: "application/xml;charset=UTF-8",
            gzip: false,
            chunked: false,
            delay: Duration::ZERO,
            cut: None,
        }
    }

    /// A fixture from `tests/fixtures/` with an HTTP status.
    pub fn fixture(status: u16, name: &str) -> Step {
        Step::xml(status, fixture(name))
    }

    /// A proxy's HTML error page.
    pub fn html(status: u16) -> Step {
        let body = format!(
            "<html>\r\n<head><title>{status} Bad Gateway</title></head>\r\n<body>\r\n\
             <center><h1>{status} Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n\
             </body>\r\n</html>\r\n"
        );
        Step {
            content_type: "text/html",
            ..Step::xml(status, body)
        }
    }

    /// The first `keep` bytes of a fixture, sent as a complete (well-framed) body.
    pub fn truncated(status: u16, name: &str, keep: usize) -> Step {
        let mut body = fixture(name);
        body.truncate(keep);
        Step::xml(status, body)
    }

    /// The connection is cut before any reply is written (a reset after the request was sent).
    pub fn cut_connection() -> Step {
        Step {
            cut: Some(Cut::BeforeReply),
            ..Step::xml(200, Vec::new())
        }
    }

    /// HTTP 200 headers and the first bytes of a body are sent, then the connection is cut.
    pub fn cut_mid_body() -> Step {
        let prefix = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<reply".to_vec();
        Step {
            cut: Some(Cut::MidBody),
            ..Step::xml(200, prefix)
        }
    }

    /// Sends the body gzip-encoded with `Content-Encoding: gzip`.
    pub fn gzip(mut self) -> Step {
        self.gzip = true;
        self
    }

    /// Sends the body as a stream of small chunks without `Content-Length` (after gzip, if set).
    pub fn chunked(mut self) -> Step {
        self.chunked = true;
        self
    }

    /// Waits before answering.
    pub fn delay(mut self, delay: Duration) -> Step {
        self.delay = delay;
        self
    }
}

/// A request as the server received it. Its `Debug` shows no header values and no body, so a
/// failing assertion never prints the key or the signature.
#[derive(Clone)]
pub struct Recorded {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, without query.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Headers, names lower case, repeated values joined with `, `.
    pub headers: HashMap<String, String>,
    /// The body.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Recorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&String> = self.headers.keys().collect();
        names.sort();
        f.debug_struct("Recorded")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("header_names", &names)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl Recorded {
    /// True when `X-Api-Key` carried the sample key (compared without printing it).
    pub fn has_api_key(&self) -> bool {
        self.header("x-api-key") == Some(API_KEY)
    }

    /// True when the form carried the sample `sessionId` and `sessionIdSignature`.
    pub fn has_session_form(&self) -> bool {
        let form = self.form();
        form.get("sessionId").map(String::as_str) == Some(SESSION_ID)
            && form.get("sessionIdSignature").map(String::as_str) == Some(SIGNATURE)
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }

    /// The form-urlencoded body as a map.
    pub fn form(&self) -> HashMap<String, String> {
        url::form_urlencoded::parse(&self.body)
            .into_owned()
            .collect()
    }

    /// The query string as a map.
    pub fn query_map(&self) -> HashMap<String, String> {
        let query = self.query.as_deref().unwrap_or("");
        url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }
}

#[derive(Default)]
struct Shared {
    routes: Mutex<HashMap<(String, String), VecDeque<Step>>>,
    requests: Mutex<Vec<Recorded>>,
}

/// The running server.
pub struct Replay {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Replay {
    /// Binds 127.0.0.1 on a free port and serves until dropped.
    pub async fn start() -> Replay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared::default());
        let router = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Replay { addr, shared, task }
    }

    /// `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> Url {
        Url::parse(&format!("http://{}/", self.addr)).expect("loopback URL")
    }

    /// Scripts the responses of `method path` (appended to any already scripted).
    pub fn on(&self, method: &str, path: &str, steps: impl IntoIterator<Item = Step>) -> &Self {
        let mut routes = self.shared.routes.lock().unwrap();
        routes
            .entry((method.to_owned(), path.to_owned()))
            .or_default()
            .extend(steps);
        self
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// How many `method path` requests were received.
    pub fn count(&self, method: &str, path: &str) -> usize {
        let requests = self.shared.requests.lock().unwrap();
        requests
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let mut headers: HashMap<String, String> = HashMap::new();
    for (name, value) in &parts.headers {
        let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
        headers
            .entry(name.as_str().to_owned())
            .and_modify(|v| {
                v.push_str(", ");
                v.push_str(&value);
            })
            .or_insert(value);
    }
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    shared.requests.lock().unwrap().push(Recorded {
        method: method.clone(),
        path: path.clone(),
        query: parts.uri.query().map(str::to_owned),
        headers,
        body: body.to_vec(),
    });
    let step = {
        let mut routes = shared.routes.lock().unwrap();
        routes
            .get_mut(&(method.clone(), path.clone()))
            .and_then(|queue| {
                if queue.len() > 1 {
                    queue.pop_front()
                } else {
                    queue.front().cloned()
                }
            })
    };
    let Some(step) = step else {
        return Response::builder()
            .status(StatusCode::NOT_IMPLEMENTED)
            .body(Body::from(format!(
                "replay: nothing scripted for {method} {path}"
            )))
            .expect("response");
    };
    if !step.delay.is_zero() {
        tokio::time::sleep(step.delay).await;
    }
    let mut response = Response::builder()
        .status(StatusCode::from_u16(step.status).expect("status"))
        .header(header::CONTENT_TYPE, step.content_type);
    let body = if let Some(cut) = step.cut {
        let reader = CutOff {
            prefix: Some(step.body).filter(|prefix| !prefix.is_empty()),
            pause: matches!(cut, Cut::MidBody)
                .then(|| Box::pin(tokio::time::sleep(Duration::from_millis(50)))),
        };
        Body::from_stream(tokio_util::io::ReaderStream::new(reader))
    } else {
        let mut bytes = step.body;
        if step.gzip {
            response = response.header(header::CONTENT_ENCODING, "gzip");
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(&bytes).expect("gzip");
            bytes = encoder.finish().expect("gzip");
        }
        if step.chunked {
            Body::from_stream(tokio_util::io::ReaderStream::new(io::Cursor::new(bytes)))
        } else {
            Body::from(bytes)
        }
    };
    response.body(body).expect("response")
}

/// Yields its prefix (if any), waits for the pause (if any, so that the headers and the prefix
/// go out), then fails: the server aborts the connection.
struct CutOff {
    prefix: Option<Vec<u8>>,
    pause: Option<Pin<Box<tokio::time::Sleep>>>,
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
        if let Some(pause) = self.pause.as_mut() {
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.pause = None;
        }
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "replay: connection cut",
        )))
    }
}

/// A loopback URL where nothing listens (the port was just released).
pub async fn refused_url() -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    drop(listener);
    Url::parse(&format!("http://{addr}/")).expect("loopback URL")
}
