//! Opening the encrypted database (F-STO-1, F-STO-3): where it lives and where its key comes from.
//!
//! The key is generated on first use and kept in the OS keychain; `LUPA_DB_KEY` (64 hex digits)
//! supplies it where no keychain is reachable, e.g. on a headless server. `LUPA_DB_MAX_MB` caps
//! its size (a full disk at a chosen size).

use std::path::{Path, PathBuf};

use lupa_kontomatik::Sensitive;
use lupa_store::{DbKey, Store};

use crate::error::{Error, Result};
use crate::keychain::Keychain;

/// The variable that supplies the database key instead of the keychain.
pub const DB_KEY_VARIABLE: &str = "LUPA_DB_KEY";

/// The variable that caps the database's size, in MB (decimals allowed, e.g. `500` or `2.5`):
/// a write that would grow it further fails as on a full disk, rolled back whole. For a quota on
/// a shared disk, and for tests of a full disk. Unset: no cap.
pub const DB_MAX_MB_VARIABLE: &str = "LUPA_DB_MAX_MB";

/// Where the key came from, so the caller can tell the analyst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// The OS keychain.
    Keychain,
    /// `LUPA_DB_KEY`.
    Environment,
    /// Generated now for a new database and saved in the OS keychain.
    Generated,
}

/// The database's default path: `<data dir>/lupa/lupa.db` (e.g. `~/.local/share/lupa/lupa.db`).
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("lupa")
        .join("lupa.db")
}

/// Opens (or creates) the database at `path` with its key from `LUPA_DB_KEY` or the keychain.
pub fn open_database(path: &Path, keychain: &Keychain) -> Result<(Store, KeySource)> {
    open_database_with_key(path, keychain).map(|(store, source, _)| (store, source))
}

/// The cap [`DB_MAX_MB_VARIABLE`] sets, in bytes.
fn size_limit_from_env() -> Result<Option<u64>> {
    let Ok(value) = std::env::var(DB_MAX_MB_VARIABLE) else {
        return Ok(None);
    };
    if value.trim().is_empty() {
        return Ok(None);
    }
    let megabytes = value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|mb| mb.is_finite() && *mb > 0.0)
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "{DB_MAX_MB_VARIABLE} must be a positive number of MB, e.g. 500"
            ))
        })?;
    Ok(Some((megabytes * 1024.0 * 1024.0) as u64))
}

/// [`open_database`], also returning the key, for callers that open more connections.
pub fn open_database_with_key(
    path: &Path,
    keychain: &Keychain,
) -> Result<(Store, KeySource, DbKey)> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|error| Error::File {
            path: parent.display().to_string(),
            message: error.to_string(),
        })?;
    }
    if let Some(max_bytes) = size_limit_from_env()? {
        // Every connection this process opens to the file gets it (the app opens several).
        lupa_store::set_size_limit(path, Some(max_bytes));
    }
    if let Ok(hex) = std::env::var(DB_KEY_VARIABLE)
        && !hex.trim().is_empty()
    {
        let key = DbKey::from_hex(hex.trim())?;
        return Ok((Store::open(path, &key)?, KeySource::Environment, key));
    }
    match keychain.database_key()? {
        Some(hex) => {
            let key = DbKey::from_hex(hex.expose())?;
            Ok((Store::open(path, &key)?, KeySource::Keychain, key))
        }
        None if path.exists() => Err(Error::NotFound(format!(
            "{} exists but the OS keychain holds no key for it; set {DB_KEY_VARIABLE} to the key it was created with",
            path.display()
        ))),
        None => {
            let key = DbKey::generate()?;
            keychain.set_database_key(&Sensitive::new(key.to_hex()))?;
            Ok((Store::open(path, &key)?, KeySource::Generated, key))
        }
    }
}
