//! The OS keychain (Secret Service, macOS Keychain, Windows Credential Manager) through keyring:
//! the only place Lupa's secrets are kept (F-ENV-2) and the only module that touches keyring.
//!
//! Entries live under one service name (`lupa` in the app and the CLI, a unique name in tests):
//! `api-key/<environment>` for Kontomatik API keys and `database-key` for the key of the encrypted
//! database (F-STO-3).

use lupa_kontomatik::{ApiKey, Environment, Sensitive};

/// The service name the app and the CLI use.
pub const SERVICE: &str = "lupa";

/// The keychain could not be used. The message says what failed; it never holds a secret.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// No keychain is reachable (no Secret Service on a headless machine, a locked keyring).
    #[error("the OS keychain is not available: {0}")]
    Unavailable(String),
    /// The keychain refused or failed the operation.
    #[error("the OS keychain failed: {0}")]
    Failed(String),
}

impl From<keyring::Error> for KeychainError {
    fn from(error: keyring::Error) -> Self {
        match error {
            keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
                KeychainError::Unavailable(inner.to_string())
            }
            other => KeychainError::Failed(other.to_string()),
        }
    }
}

/// A handle on Lupa's entries in the OS keychain.
#[derive(Debug, Clone)]
pub struct Keychain {
    service: String,
}

/// Overrides [`SERVICE`] (tests and side-by-side installs use their own entries).
pub const SERVICE_VARIABLE: &str = "LUPA_KEYCHAIN_SERVICE";

impl Default for Keychain {
    /// Lupa's entries: [`SERVICE`], or the name in `LUPA_KEYCHAIN_SERVICE`.
    fn default() -> Self {
        match std::env::var(SERVICE_VARIABLE) {
            Ok(service) if !service.trim().is_empty() => Keychain::new(service.trim()),
            _ => Keychain::new(SERVICE),
        }
    }
}

impl Keychain {
    /// Entries under `service`.
    pub fn new(service: impl Into<String>) -> Self {
        Keychain {
            service: service.into(),
        }
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, KeychainError> {
        Ok(keyring::Entry::new(&self.service, account)?)
    }

    fn api_key_account(environment: Environment) -> String {
        format!("api-key/{environment}")
    }

    /// The API key of `environment`, or `None` when none is stored.
    pub fn api_key(&self, environment: Environment) -> Result<Option<ApiKey>, KeychainError> {
        match self
            .entry(&Self::api_key_account(environment))?
            .get_password()
        {
            Ok(key) => Ok(Some(ApiKey::new(key))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// Stores (or replaces) the API key of `environment`.
    pub fn set_api_key(&self, environment: Environment, key: &ApiKey) -> Result<(), KeychainError> {
        Ok(self
            .entry(&Self::api_key_account(environment))?
            .set_password(key.expose())?)
    }

    /// Deletes the API key of `environment`; true when there was one.
    pub fn delete_api_key(&self, environment: Environment) -> Result<bool, KeychainError> {
        match self
            .entry(&Self::api_key_account(environment))?
            .delete_credential()
        {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }

    /// The database key (64 hex digits), or `None` when none is stored yet.
    pub fn database_key(&self) -> Result<Option<Sensitive<String>>, KeychainError> {
        match self.entry(DATABASE_KEY_ACCOUNT)?.get_password() {
            Ok(key) => Ok(Some(Sensitive::new(key))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// The app lock's passphrase hash (an Argon2id PHC string), or `None` when the lock is off.
    pub fn app_lock_hash(&self) -> Result<Option<String>, KeychainError> {
        match self.entry(APP_LOCK_ACCOUNT)?.get_password() {
            Ok(hash) => Ok(Some(hash)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// Stores the app lock's passphrase hash, or removes it (`None`: the lock is off).
    pub fn set_app_lock_hash(&self, hash: Option<&str>) -> Result<(), KeychainError> {
        let entry = self.entry(APP_LOCK_ACCOUNT)?;
        match hash {
            Some(hash) => Ok(entry.set_password(hash)?),
            None => match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
                Err(error) => Err(error.into()),
            },
        }
    }

    /// Stores the database key (64 hex digits).
    pub fn set_database_key(&self, key_hex: &Sensitive<String>) -> Result<(), KeychainError> {
        Ok(self
            .entry(DATABASE_KEY_ACCOUNT)?
            .set_password(key_hex.expose())?)
    }
}

const DATABASE_KEY_ACCOUNT: &str = "database-key";
const APP_LOCK_ACCOUNT: &str = "app-lock";
