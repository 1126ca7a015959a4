//! Lupa's sandbox: an embedded, faithful simulator of Kontomatik's AIS API (F-SBX-1..5).
//!
//! It speaks the same paths, parameters, `X-Api-Key` header, reply envelope, element names and
//! order, states, error replies and HTTP codes as the real captures, over real HTTP on loopback.
//! Replies are written by `lupa-kontomatik`'s writer, the same code whose round trip over the
//! captures is tested. The data comes from deterministic [`personas`]; [`Fault`]s are injected per
//! session or for all sessions; a widget stand-in at `/` hands out sessions like the SignIn Widget.

mod api;
mod catalog;
mod config;
mod persist;
pub mod personas;
mod reply;
mod results;
pub mod serve;
mod state;
pub mod statement;
mod widget;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use lupa_kontomatik::model::Session;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::Url;

pub use config::{CLIENT_ID, DEFAULT_API_KEY, Fault, SandboxConfig, UnknownFault};
pub use widget::deep_link;

use state::SandboxState;

/// How long stopping or dropping a sandbox waits for the state file to catch up.
const FLUSH_TIMEOUT: Duration = Duration::from_secs(2);

/// The whole HTTP application: the widget stand-in, `/isItWorking` and the `/v1` API.
fn app(state: Arc<SandboxState>) -> Router {
    Router::new()
        .route("/isItWorking", get(|| async { "OK" }))
        .merge(widget::router(state.clone()))
        .merge(statement::router(state.clone()))
        .merge(api::router(state))
}

/// A sandbox serving on loopback; it stops when dropped or on [`RunningSandbox::stop`].
pub struct RunningSandbox {
    addr: SocketAddr,
    url: Url,
    state: Arc<SandboxState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// A session minted directly, with the data Lupa needs to import it.
#[derive(Debug, Clone)]
pub struct MintedSession {
    /// Session id, signature, consent id and target.
    pub session: Session,
    /// The owner the data is aggregated under.
    pub owner_external_id: String,
}

impl RunningSandbox {
    /// The base URL, e.g. `http://127.0.0.1:41234/`.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// An API key the sandbox accepts.
    pub fn api_key(&self) -> &str {
        self.state
            .config
            .api_keys
            .first()
            .map_or(DEFAULT_API_KEY, String::as_str)
    }

    /// Mints a session in-process, as the widget stand-in does (login may carry `+fault`).
    pub fn mint_session(
        &self,
        login: &str,
        owner_external_id: Option<&str>,
        fault: Option<Fault>,
    ) -> Result<MintedSession, String> {
        self.mint(login, owner_external_id, fault, false)
    }

    /// Mints a session whose applicant also granted multiple access (a `multipleAccessId`).
    pub fn mint_session_with_consent(&self, login: &str) -> Result<MintedSession, String> {
        self.mint(login, None, None, true)
    }

    fn mint(
        &self,
        login: &str,
        owner_external_id: Option<&str>,
        fault: Option<Fault>,
        multiple_access: bool,
    ) -> Result<MintedSession, String> {
        let session = api::create_session(
            &self.state,
            login,
            None,
            owner_external_id,
            fault,
            multiple_access,
        )
        .map_err(|(_, message)| message)?;
        let owner_external_id = self
            .state
            .records()
            .sessions
            .get(&session.id)
            .map(|record| record.owner_external_id.clone())
            .unwrap_or_default();
        Ok(MintedSession {
            session,
            owner_external_id,
        })
    }

    /// Stops serving and waits until the server task has ended (injected slow and hung replies
    /// end at once) and, with [`SandboxConfig::state_path`], until the state file holds every
    /// change.
    pub async fn stop(mut self) {
        self.state.begin_stop();
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        let state = self.state.clone();
        let _ = tokio::task::spawn_blocking(move || state.flush(FLUSH_TIMEOUT)).await;
    }
}

impl Drop for RunningSandbox {
    /// Signals the server to stop and, with [`SandboxConfig::state_path`], waits briefly until the
    /// changes made so far are in the state file (requests still in flight are saved when the
    /// server task ends).
    fn drop(&mut self) {
        self.state.begin_stop();
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        self.state.flush(FLUSH_TIMEOUT);
    }
}

/// Binds `config.bind` (loopback by default) and serves until stopped. With
/// [`SandboxConfig::state_path`] the sandbox starts from the records kept in that file.
pub async fn start(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    let listener = TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let url = Url::parse(&format!("http://{addr}/")).expect("socket address makes a URL");
    let state = Arc::new(SandboxState::new(config));
    let (shutdown, stopped) = oneshot::channel::<()>();
    let router = app(state.clone());
    let task = tokio::spawn(async move {
        let serve = axum::serve(listener, router).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(error) = serve.await {
            tracing::error!(%error, "sandbox server stopped with an error");
        }
    });
    Ok(RunningSandbox {
        addr,
        url,
        state,
        shutdown: Some(shutdown),
        task: Some(task),
    })
}
