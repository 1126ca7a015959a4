//! API keys per environment in the OS keychain (F-ENV-2): set, check against the catalog
//! (F-ENV-3), delete. Keys go in and never come out: the UI sees them masked.

use chrono::{DateTime, Utc};
use lupa_kontomatik::{ApiKey, Environment};
use serde::Serialize;
use ts_rs::TS;

use super::Workbench;
use crate::error::{Error, Result};

/// Whether an environment has a key, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct KeyStatus {
    /// The environment.
    pub environment: Environment,
    /// A key is stored in the OS keychain.
    pub stored: bool,
    /// The stored key, masked (`f7…1f (32 chars)`).
    pub masked: Option<String>,
    /// The sandbox runs with its own key when none is stored.
    pub uses_builtin: bool,
}

/// A key that worked: Kontomatik answered the catalog with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct KeyCheck {
    /// The environment.
    pub environment: Environment,
    /// Targets in the catalog the key opened.
    pub targets: u32,
    /// When.
    pub checked_at: DateTime<Utc>,
}

impl Workbench {
    /// Every environment's key, masked.
    pub async fn key_status(&self) -> Result<Vec<KeyStatus>> {
        Environment::ALL
            .into_iter()
            .map(|environment| self.one_key_status(environment))
            .collect()
    }

    fn one_key_status(&self, environment: Environment) -> Result<KeyStatus> {
        let stored = self.inner.options.keychain.api_key(environment);
        let stored = match stored {
            Ok(stored) => stored,
            Err(_) if environment == Environment::Sandbox => None,
            Err(error) => return Err(error.into()),
        };
        Ok(KeyStatus {
            environment,
            stored: stored.is_some(),
            masked: stored.as_ref().map(ApiKey::masked),
            uses_builtin: stored.is_none() && environment == Environment::Sandbox,
        })
    }

    /// Saves (or replaces) the key of `environment` in the OS keychain.
    pub async fn set_api_key(&self, environment: Environment, key: String) -> Result<KeyStatus> {
        let key = key.trim();
        if key.is_empty() || key.len() > 512 || key.chars().any(char::is_control) {
            return Err(Error::InvalidInput(
                "an API key is one line of up to 512 printable characters".into(),
            ));
        }
        let key = ApiKey::new(key.to_owned());
        self.inner.options.keychain.set_api_key(environment, &key)?;
        self.one_key_status(environment)
    }

    /// Deletes the key of `environment` from the OS keychain.
    pub async fn delete_api_key(&self, environment: Environment) -> Result<KeyStatus> {
        self.inner.options.keychain.delete_api_key(environment)?;
        self.one_key_status(environment)
    }

    /// Calls Kontomatik's catalog with the stored key: a 401 becomes the F-ENV-3 diagnosis
    /// (wrong key, or this machine's IP is not whitelisted).
    pub async fn check_api_key(&self, environment: Environment) -> Result<KeyCheck> {
        let client = self.client(environment, None).await?;
        let exchange = client.catalog().await?;
        let targets = u32::try_from(exchange.value.len()).unwrap_or(u32::MAX);
        self.remember_catalog(environment, exchange.value);
        Ok(KeyCheck {
            environment,
            targets,
            checked_at: chrono::Utc::now(),
        })
    }
}
