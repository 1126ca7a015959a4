//! The desktop app's use-cases. The Tauri shell holds one [`Workbench`] as state; each of its
//! public methods is one command of the same name. Long work runs on tasks and reports through
//! an [`EventSink`], so the window never waits for the network or a large ingest.

mod cases;
mod catalog;
mod environments;
mod export;
mod imports;
mod ipc;
mod keys;
mod lock;
mod maintenance;
mod review;
mod score;
mod statements;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use lupa_kontomatik::Environment;
use lupa_sandbox::RunningSandbox;
use lupa_store::{DbKey, Store};
use serde::Serialize;
use ts_rs::TS;

pub use cases::{CaseView, ChecklistCounts, HeadlineMetric, MultipleAccessView};
pub use catalog::CatalogView;
pub use environments::Settings;
pub use export::EXPORT_DIR_VARIABLE;
pub use imports::{ImportPhase, ImportStatus, SessionPreview, StoredCounts};
pub use ipc::{IpcCode, IpcError};
pub use keys::{KeyCheck, KeyStatus};
pub use lock::{LockStatus, MIN_PASSPHRASE_CHARS};
pub use maintenance::PURGE_EVERY;
pub use review::{ChartRequest, DiffRow, DiffView, ReviewState};

use crate::database::{self, KeySource};
use crate::error::{Error, Result};
use crate::keychain::Keychain;

/// Where the app's data lives unless `LUPA_DATA_DIR` says otherwise: beside the CLI's database,
/// so both see the same cases.
pub const DATA_DIR_VARIABLE: &str = "LUPA_DATA_DIR";

/// What the UI learns from the workbench without asking.
pub trait EventSink: Send + Sync + 'static {
    /// An import's status changed.
    fn import_changed(&self, status: &ImportStatus);
}

/// How to open a workbench.
#[derive(Debug, Clone)]
pub struct WorkbenchOptions {
    /// Holds the database, the settings, the sandbox's state and the catalog cache.
    pub data_dir: PathBuf,
    /// The keychain entries to use.
    pub keychain: Keychain,
    /// Time between polls of a real Kontomatik environment (clamped to Kontomatik's 2–5 s).
    pub poll_interval: Duration,
    /// Time between polls of the embedded sandbox.
    pub sandbox_poll_interval: Duration,
    /// When the process started (the shell sets it first thing), for launch-time figures.
    pub launched_at: SystemTime,
}

impl WorkbenchOptions {
    /// The defaults: `LUPA_DATA_DIR` or the user's data directory, Lupa's keychain entries.
    pub fn from_env() -> Self {
        let data_dir = std::env::var_os(DATA_DIR_VARIABLE)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                database::default_path()
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default()
            });
        WorkbenchOptions {
            data_dir,
            keychain: Keychain::default(),
            poll_interval: Duration::from_secs(3),
            sandbox_poll_interval: Duration::from_secs(2),
            launched_at: SystemTime::now(),
        }
    }
}

/// Facts about the running app the UI shows in its header and settings.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct AppInfo {
    /// Lupa's version.
    pub version: String,
    /// The active environment.
    pub environment: Environment,
    /// The database file.
    pub database_path: String,
    /// Where the database key came from (`keychain`, `environment` or `generated`).
    pub database_key_source: String,
    /// The embedded sandbox's base URL, while it runs.
    pub sandbox_url: Option<String>,
    /// The sandbox's SignIn Widget stand-in, where the analyst can play the applicant.
    pub widget_url: Option<String>,
    /// When the app process started, in milliseconds since the Unix epoch.
    pub launched_at_ms: u64,
}

/// The app's state: the database, the keychain, the environment, the sandbox and the imports.
pub struct Workbench {
    inner: Arc<Inner>,
}

struct Inner {
    options: WorkbenchOptions,
    database_path: PathBuf,
    database_key: DbKey,
    key_source: KeySource,
    store: Mutex<Store>,
    settings: Mutex<Settings>,
    sandbox: tokio::sync::Mutex<Option<RunningSandbox>>,
    sandbox_url: Mutex<Option<url::Url>>,
    imports: Mutex<BTreeMap<i64, ImportStatus>>,
    cancels: Mutex<HashMap<i64, tokio_util::sync::CancellationToken>>,
    catalogs: Mutex<HashMap<Environment, CatalogView>>,
    reviews: Mutex<review::Reviews>,
    sink: Arc<dyn EventSink>,
    /// Cancelled by [`Workbench::shutdown`]: stops the background housekeeping.
    shutdown: tokio_util::sync::CancellationToken,
    /// The retention schedule runs once per process, however often the window calls `start`.
    retention_scheduled: std::sync::atomic::AtomicBool,
    /// A lock passphrase is set (F-UX-4).
    lock_enabled: std::sync::atomic::AtomicBool,
    /// The app is locked.
    locked: std::sync::atomic::AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Workbench {
    /// Opens the database (creating it and its key on first run) and the settings. Call
    /// [`Workbench::start`] next, inside the async runtime.
    pub fn open(options: WorkbenchOptions, sink: Arc<dyn EventSink>) -> Result<Workbench> {
        std::fs::create_dir_all(&options.data_dir).map_err(|error| Error::File {
            path: options.data_dir.display().to_string(),
            message: error.to_string(),
        })?;
        let database_path = options.data_dir.join("lupa.db");
        let (store, key_source, database_key) =
            database::open_database_with_key(&database_path, &options.keychain)?;
        // The UI's connection reads pages and writes little: a 32 MiB page cache is plenty; the
        // 256 MiB the store sets is for ingest connections.
        store
            .connection()
            .execute_batch("PRAGMA cache_size = -32768;")
            .map_err(lupa_store::Error::from)?;
        let settings = Settings::load(&options.data_dir);
        let workbench = Workbench {
            inner: Arc::new(Inner {
                options,
                database_path,
                database_key,
                key_source,
                store: Mutex::new(store),
                settings: Mutex::new(settings),
                sandbox: tokio::sync::Mutex::new(None),
                sandbox_url: Mutex::new(None),
                imports: Mutex::new(BTreeMap::new()),
                cancels: Mutex::new(HashMap::new()),
                catalogs: Mutex::new(HashMap::new()),
                reviews: Mutex::new(review::Reviews::default()),
                sink,
                shutdown: tokio_util::sync::CancellationToken::new(),
                retention_scheduled: std::sync::atomic::AtomicBool::new(false),
                lock_enabled: std::sync::atomic::AtomicBool::new(false),
                locked: std::sync::atomic::AtomicBool::new(false),
            }),
        };
        workbench.load_lock();
        Ok(workbench)
    }

    /// Starts the sandbox when it is the active environment, resumes the imports a previous
    /// run left running (F-IMP-6) and starts the retention purge (now, then daily).
    pub async fn start(&self) -> Result<AppInfo> {
        if self.environment() == Environment::Sandbox {
            self.ensure_sandbox().await?;
        }
        self.resume_running_imports().await?;
        self.schedule_retention();
        self.app_info().await
    }

    /// The active environment.
    pub fn environment(&self) -> Environment {
        lock(&self.inner.settings).environment
    }

    /// Header facts.
    pub async fn app_info(&self) -> Result<AppInfo> {
        let sandbox_url = lock(&self.inner.sandbox_url).clone();
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            environment: self.environment(),
            database_path: self.inner.database_path.display().to_string(),
            database_key_source: match self.inner.key_source {
                KeySource::Keychain => "keychain",
                KeySource::Environment => "environment",
                KeySource::Generated => "generated",
            }
            .to_owned(),
            widget_url: sandbox_url.as_ref().map(|url| url.to_string()),
            sandbox_url: sandbox_url.map(|url| url.to_string()),
            launched_at_ms: self
                .inner
                .options
                .launched_at
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |since| since.as_millis() as u64),
        })
    }

    /// Stops the sandbox and cancels the polling of running imports (they resume at the next
    /// start). Called when the app exits.
    pub async fn shutdown(&self) {
        self.inner.shutdown.cancel();
        for token in lock(&self.inner.cancels).values() {
            token.cancel();
        }
        if let Some(sandbox) = self.inner.sandbox.lock().await.take() {
            sandbox.stop().await;
        }
    }

    /// Another handle on the same state, for tasks.
    fn clone_handle(&self) -> Workbench {
        Workbench {
            inner: self.inner.clone(),
        }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.inner.store)
    }

    /// A second connection to the database, for work that runs beside the UI's queries (and
    /// for tests that inspect what a use-case stored).
    pub fn open_store(&self) -> Result<Store> {
        Ok(Store::open(
            &self.inner.database_path,
            &self.inner.database_key,
        )?)
    }
}
