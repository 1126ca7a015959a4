//! The app lock (F-UX-4) with a real Secret Service: the passphrase is kept only as an Argon2id
//! hash in the keychain, the app starts locked, refuses work while locked, and unlocks only with
//! the right passphrase.

use lupa_core::keychain::Keychain;
use lupa_core::workbench::{IpcCode, IpcError};

use crate::support::workbench;

const PASSPHRASE: &str = "Zażółć gęślą 2026";

fn code(error: &lupa_core::Error) -> IpcCode {
    IpcError::from(error).code
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lock_keeps_a_hash_starts_locked_and_opens_with_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let first = workbench(dir.path(), "lock").await;
    let status = first.lock_status().await.unwrap();
    assert!(!status.enabled && !status.locked);
    first.ensure_unlocked().unwrap();

    let short = first
        .set_app_lock(Some("krótkie".into()), 5)
        .await
        .unwrap_err();
    assert_eq!(code(&short), IpcCode::InvalidInput);
    let status = first
        .set_app_lock(Some(PASSPHRASE.into()), 5)
        .await
        .unwrap();
    assert!(status.enabled && !status.locked && status.idle_minutes == 5);
    let keychain = Keychain::new(format!("lupa-test-lock-{}", std::process::id()));
    let hash = keychain.app_lock_hash().unwrap().unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSPHRASE));
    let settings = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(!settings.contains(PASSPHRASE) && !settings.contains(&hash));

    assert!(first.lock_now().await.unwrap().locked);
    assert_eq!(code(&first.ensure_unlocked().unwrap_err()), IpcCode::Locked);
    let changed = first.set_app_lock(None, 5).await.unwrap_err();
    assert_eq!(code(&changed), IpcCode::Locked, "no change while locked");
    let wrong = first.unlock("zgadywanie".into()).await.unwrap_err();
    assert_eq!(code(&wrong), IpcCode::InvalidInput);
    assert!(!wrong.to_string().contains("zgadywanie"));
    assert!(!first.unlock(PASSPHRASE.into()).await.unwrap().locked);
    first.ensure_unlocked().unwrap();
    first.shutdown().await;

    // A new start is locked.
    let second = workbench(dir.path(), "lock").await;
    let status = second.lock_status().await.unwrap();
    assert!(status.enabled && status.locked);
    assert_eq!(
        code(&second.ensure_unlocked().unwrap_err()),
        IpcCode::Locked
    );
    second.unlock(PASSPHRASE.into()).await.unwrap();
    let off = second.set_app_lock(None, 10).await.unwrap();
    assert!(!off.enabled && !off.locked);
    assert_eq!(keychain.app_lock_hash().unwrap(), None);
    assert!(
        !second.lock_now().await.unwrap().locked,
        "no lock without a passphrase"
    );
    second.shutdown().await;

    let third = workbench(dir.path(), "lock").await;
    third.ensure_unlocked().unwrap();
    third.shutdown().await;
}
