//! The app lock (F-UX-4): an optional passphrase, kept only as an Argon2id hash in the OS
//! keychain. When it is on, the app starts locked; the window locks it after the analyst's idle
//! time ([`Settings::lock_idle_minutes`](super::Settings)) or on request. While locked, the shell
//! refuses every command but `start`, `app_info`, `lock_status`, `unlock` and `lock_now`
//! (`locked`), so nothing about a case reaches the window; imports already running go on.

use std::sync::atomic::Ordering;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::Serialize;
use ts_rs::TS;

use super::{Workbench, lock};
use crate::error::{Error, Result};

/// Shortest passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Pause after a wrong passphrase (slows guessing down).
const WRONG_PASSPHRASE_DELAY: Duration = Duration::from_millis(800);

/// What the window needs to know about the lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "workbench.ts", rename_all = "camelCase")]
pub struct LockStatus {
    /// A passphrase is set.
    pub enabled: bool,
    /// The app is locked now.
    pub locked: bool,
    /// Minutes without input after which the window locks the app.
    pub idle_minutes: u32,
}

impl Workbench {
    /// Reads whether a lock passphrase is set; a locked or unreachable keychain counts as "off"
    /// with a warning (the keychain guards the database key too, so the app would not be usable
    /// anyway).
    pub(super) fn load_lock(&self) {
        let enabled = match self.inner.options.keychain.app_lock_hash() {
            Ok(hash) => hash.is_some(),
            Err(error) => {
                tracing::debug!(%error, "no keychain; the app lock is off");
                false
            }
        };
        self.inner.lock_enabled.store(enabled, Ordering::SeqCst);
        self.inner.locked.store(enabled, Ordering::SeqCst);
    }

    /// `Err(locked)` while the app is locked: the shell calls this before every guarded command.
    pub fn ensure_unlocked(&self) -> Result<()> {
        if self.inner.locked.load(Ordering::SeqCst) {
            return Err(Error::Locked);
        }
        Ok(())
    }

    /// Whether the lock is on and whether the app is locked.
    pub async fn lock_status(&self) -> Result<LockStatus> {
        Ok(LockStatus {
            enabled: self.inner.lock_enabled.load(Ordering::SeqCst),
            locked: self.inner.locked.load(Ordering::SeqCst),
            idle_minutes: lock(&self.inner.settings).lock_idle_minutes,
        })
    }

    /// Sets a new passphrase (`Some`, at least [`MIN_PASSPHRASE_CHARS`] characters) or turns
    /// the lock off (`None`), and the idle time (1–240 minutes). Only while unlocked.
    pub async fn set_app_lock(
        &self,
        passphrase: Option<String>,
        idle_minutes: u32,
    ) -> Result<LockStatus> {
        self.ensure_unlocked()?;
        if !(1..=240).contains(&idle_minutes) {
            return Err(Error::InvalidInput(
                "the idle time is 1 to 240 minutes".to_owned(),
            ));
        }
        let hash = match passphrase {
            Some(passphrase) => {
                if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
                    return Err(Error::InvalidInput(format!(
                        "the passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
                    )));
                }
                let hashed = tokio::task::spawn_blocking(move || {
                    Argon2::default()
                        .hash_password(passphrase.as_bytes())
                        .map(|hash| hash.to_string())
                })
                .await
                .map_err(|error| Error::InvalidInput(format!("hashing failed: {error}")))?
                .map_err(|error| Error::InvalidInput(format!("hashing failed: {error}")))?;
                Some(hashed)
            }
            None => None,
        };
        self.inner
            .options
            .keychain
            .set_app_lock_hash(hash.as_deref())?;
        self.inner
            .lock_enabled
            .store(hash.is_some(), Ordering::SeqCst);
        {
            let mut settings = lock(&self.inner.settings);
            settings.lock_idle_minutes = idle_minutes;
            settings.save(&self.inner.options.data_dir)?;
        }
        self.lock_status().await
    }

    /// Locks now (the window calls it after the idle time); nothing happens when the lock is off.
    pub async fn lock_now(&self) -> Result<LockStatus> {
        if self.inner.lock_enabled.load(Ordering::SeqCst) {
            self.inner.locked.store(true, Ordering::SeqCst);
        }
        self.lock_status().await
    }

    /// Unlocks with the passphrase; a wrong one waits a moment and fails with `invalid_input`.
    pub async fn unlock(&self, passphrase: String) -> Result<LockStatus> {
        if !self.inner.locked.load(Ordering::SeqCst) {
            return self.lock_status().await;
        }
        let Some(hash) = self.inner.options.keychain.app_lock_hash()? else {
            // The passphrase was removed from the keychain by hand: nothing to check against.
            self.inner.lock_enabled.store(false, Ordering::SeqCst);
            self.inner.locked.store(false, Ordering::SeqCst);
            return self.lock_status().await;
        };
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(passphrase.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
        .unwrap_or(false);
        if !matches {
            tokio::time::sleep(WRONG_PASSPHRASE_DELAY).await;
            return Err(Error::InvalidInput(
                "the passphrase is not right".to_owned(),
            ));
        }
        self.inner.locked.store(false, Ordering::SeqCst);
        self.lock_status().await
    }
}
