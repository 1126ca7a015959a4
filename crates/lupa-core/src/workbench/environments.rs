//! The active environment (F-ENV-1), its settings file, the embedded sandbox, and the client for
//! each environment with its key from the OS keychain (F-ENV-2, F-ENV-4).

use std::path::{Path, PathBuf};
use std::time::Duration;

use lupa_kontomatik::client::ClientConfig;
use lupa_kontomatik::{ApiKey, Client, Environment};
use lupa_sandbox::SandboxConfig;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use super::{AppInfo, Workbench, lock};
use crate::error::{Error, Result};

/// What the analyst chose that is not secret and not case data: kept in `settings.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "workbench.ts")]
pub struct Settings {
    /// The active environment; the sandbox until the analyst switches.
    pub environment: Environment,
    /// An HTTP(S) proxy for Kontomatik's environments, e.g. `http://proxy.bank.local:3128`.
    pub proxy: Option<String>,
    /// Hours after an import when Kontomatik has likely deleted its data (retention window);
    /// a score request after that is warned about (F-SCO-2).
    pub score_retention_hours: u32,
    /// Where exports go; none: `LUPA_EXPORT_DIR`, else `Documents/Lupa`.
    pub export_dir: Option<String>,
    /// Minutes without input after which the window locks the app (when a lock passphrase is set).
    pub lock_idle_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            environment: Environment::Sandbox,
            proxy: None,
            score_retention_hours: crate::score::DEFAULT_RETENTION_HOURS,
            export_dir: None,
            lock_idle_minutes: 10,
        }
    }
}

impl Settings {
    fn path(data_dir: &Path) -> PathBuf {
        data_dir.join("settings.json")
    }

    /// The saved settings; the defaults when there are none or they are unreadable.
    pub fn load(data_dir: &Path) -> Settings {
        let path = Settings::path(data_dir);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|error| {
                tracing::warn!(%error, path = %path.display(), "unreadable settings; using defaults");
                Settings::default()
            }),
            Err(_) => Settings::default(),
        }
    }

    pub(super) fn save(&self, data_dir: &Path) -> Result<()> {
        let path = Settings::path(data_dir);
        let temporary = path.with_extension("json.tmp");
        let file_error = |error: std::io::Error| Error::File {
            path: path.display().to_string(),
            message: error.to_string(),
        };
        let json = serde_json::to_vec_pretty(self).expect("settings serialize");
        std::fs::write(&temporary, json).map_err(file_error)?;
        std::fs::rename(&temporary, &path).map_err(file_error)
    }
}

impl Workbench {
    /// The saved settings.
    pub async fn settings(&self) -> Result<Settings> {
        Ok(lock(&self.inner.settings).clone())
    }

    /// Switches the active environment (starting the sandbox when it becomes active) and saves
    /// the choice.
    pub async fn set_environment(&self, environment: Environment) -> Result<AppInfo> {
        {
            let mut settings = lock(&self.inner.settings);
            settings.environment = environment;
            settings.save(&self.inner.options.data_dir)?;
        }
        if environment == Environment::Sandbox {
            self.ensure_sandbox().await?;
        }
        self.app_info().await
    }

    /// Sets or clears the proxy for Kontomatik's environments.
    pub async fn set_proxy(&self, proxy: Option<String>) -> Result<Settings> {
        let proxy = proxy.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
        if let Some(proxy) = &proxy {
            Url::parse(proxy).map_err(|error| {
                Error::InvalidInput(format!("the proxy is not a URL ({error})"))
            })?;
        }
        let mut settings = lock(&self.inner.settings);
        settings.proxy = proxy;
        settings.save(&self.inner.options.data_dir)?;
        Ok(settings.clone())
    }

    /// Sets the retention window the score warnings assume (1 hour to 30 days).
    pub async fn set_score_retention(&self, hours: u32) -> Result<Settings> {
        if !(1..=720).contains(&hours) {
            return Err(Error::InvalidInput(
                "the retention window is 1 to 720 hours".to_owned(),
            ));
        }
        let mut settings = lock(&self.inner.settings);
        settings.score_retention_hours = hours;
        settings.save(&self.inner.options.data_dir)?;
        Ok(settings.clone())
    }

    /// Sets or clears the export folder (an absolute path; created on the first export).
    pub async fn set_export_dir(&self, dir: Option<String>) -> Result<Settings> {
        let dir = dir.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
        if let Some(dir) = &dir
            && !Path::new(dir).is_absolute()
        {
            return Err(Error::InvalidInput(
                "the export folder must be an absolute path".to_owned(),
            ));
        }
        let mut settings = lock(&self.inner.settings);
        settings.export_dir = dir;
        settings.save(&self.inner.options.data_dir)?;
        Ok(settings.clone())
    }

    /// Starts the embedded sandbox on loopback unless it runs; returns its URL. Its state lives
    /// in the data directory, so imports it started finish after a restart.
    pub(super) async fn ensure_sandbox(&self) -> Result<Url> {
        let mut sandbox = self.inner.sandbox.lock().await;
        if let Some(running) = sandbox.as_ref() {
            return Ok(running.url().clone());
        }
        let config = SandboxConfig {
            state_path: Some(self.inner.options.data_dir.join("sandbox-state.json")),
            ..SandboxConfig::default()
        };
        let running = lupa_sandbox::start(config)
            .await
            .map_err(|error| Error::File {
                path: "sandbox".into(),
                message: format!("the embedded sandbox could not start: {error}"),
            })?;
        let url = running.url().clone();
        tracing::info!(%url, "sandbox started");
        *lock(&self.inner.sandbox_url) = Some(url.clone());
        *sandbox = Some(running);
        Ok(url)
    }

    /// Signs in to the sandbox's bank as a persona (`login`, e.g. `test` or `gambler+fatal`),
    /// as the widget stand-in does, and returns the `lupa://import?...` link it would hand over.
    /// With `consent`, the applicant also grants refreshable (multiple) access.
    pub async fn sandbox_session(&self, login: &str, consent: bool) -> Result<String> {
        self.ensure_sandbox().await?;
        let sandbox = self.inner.sandbox.lock().await;
        let running = sandbox.as_ref().expect("ensure_sandbox started it");
        let minted = if consent {
            running.mint_session_with_consent(login)
        } else {
            running.mint_session(login, None, None)
        }
        .map_err(Error::InvalidInput)?;
        let session = minted.session;
        Ok(crate::session_input::SessionInput {
            target: session.target.clone(),
            session_id: session.id.clone(),
            session_id_signature: lupa_kontomatik::Sensitive::new(session.signature.clone()),
            owner_external_id: Some(minted.owner_external_id),
            multiple_access_id: session.multiple_access_id.clone(),
        }
        .deep_link())
    }

    /// The key for `environment`: the keychain's, else (sandbox only) the sandbox's own.
    pub(super) fn api_key(&self, environment: Environment) -> Result<ApiKey> {
        match self.inner.options.keychain.api_key(environment) {
            Ok(Some(key)) => Ok(key),
            Ok(None) if environment == Environment::Sandbox => {
                Ok(ApiKey::new(lupa_sandbox::DEFAULT_API_KEY.to_owned()))
            }
            Ok(None) => Err(Error::MissingApiKey(environment)),
            Err(error) if environment == Environment::Sandbox => {
                tracing::debug!(%error, "no keychain; the sandbox needs no key");
                Ok(ApiKey::new(lupa_sandbox::DEFAULT_API_KEY.to_owned()))
            }
            Err(error) => Err(error.into()),
        }
    }

    /// A client for `environment` with `key` (or its stored key).
    pub(super) async fn client(
        &self,
        environment: Environment,
        key: Option<ApiKey>,
    ) -> Result<Client> {
        let base_url = match environment {
            Environment::Sandbox => self.ensure_sandbox().await?,
            other => match std::env::var(other.base_url_variable()) {
                Ok(value) => Url::parse(&value).map_err(|error| {
                    Error::InvalidInput(format!(
                        "{} is not a URL: {error}",
                        other.base_url_variable()
                    ))
                })?,
                Err(_) => other
                    .default_base_url()
                    .expect("Kontomatik environments have a URL"),
            },
        };
        let key = match key {
            Some(key) => key,
            None => self.api_key(environment)?,
        };
        let mut config = ClientConfig::new(base_url).with_api_key(key);
        if environment != Environment::Sandbox {
            config.proxy = lock(&self.inner.settings)
                .proxy
                .as_deref()
                .and_then(|proxy| Url::parse(proxy).ok());
            config.use_system_proxy = true;
        }
        config.request_timeout = Duration::from_secs(60);
        Ok(Client::new(config)?)
    }
}
