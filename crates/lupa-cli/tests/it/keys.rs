//! `lupa-cli keys` against the real Secret Service (gnome-keyring, started by scripts/test.sh),
//! under a test-only service name.

use crate::support::{lupa_cli, run, texts};

#[tokio::test]
async fn keys_are_set_shown_masked_and_deleted() {
    let set = run(
        lupa_cli(&["keys", "set", "--env", "test"]),
        Some("f7abcdefghijklmnop1f\n"),
    )
    .await;
    let (stdout, stderr) = texts(&set);
    assert!(set.status.success(), "{stderr}");
    assert!(stdout.contains("f7…1f (20 chars)"), "masked: {stdout}");

    let show = run(lupa_cli(&["keys", "show", "--env", "test"]), None).await;
    let (stdout, _) = texts(&show);
    assert_eq!(stdout.trim(), "test: f7…1f (20 chars)");
    assert!(!stdout.contains("abcdefghijklmnop"));

    let other = run(lupa_cli(&["keys", "show", "--env", "production"]), None).await;
    assert_eq!(texts(&other).0.trim(), "production: no key stored");

    let delete = run(lupa_cli(&["keys", "delete", "--env", "test"]), None).await;
    assert_eq!(texts(&delete).0.trim(), "Deleted the test API key.");
    let gone = run(lupa_cli(&["keys", "show", "--env", "test"]), None).await;
    assert_eq!(texts(&gone).0.trim(), "test: no key stored");

    let empty = run(lupa_cli(&["keys", "set", "--env", "test"]), Some("\n")).await;
    assert!(!empty.status.success(), "an empty key is refused");
}
