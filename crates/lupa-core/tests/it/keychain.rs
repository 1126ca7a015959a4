//! The keychain against a real Secret Service (gnome-keyring in a private D-Bus session, started by
//! `scripts/test.sh`). Each test uses its own service name so runs never meet.

use lupa_core::keychain::Keychain;
use lupa_kontomatik::{ApiKey, Environment};

fn unique_keychain(test: &str) -> Keychain {
    Keychain::new(format!("lupa-test-{test}-{}", std::process::id()))
}

#[test]
fn an_api_key_is_stored_replaced_read_and_deleted_per_environment() {
    let keychain = unique_keychain("roundtrip");
    assert!(
        keychain
            .api_key(Environment::Test)
            .expect("the Secret Service answers")
            .is_none(),
        "a fresh service has no key"
    );
    keychain
        .set_api_key(Environment::Test, &ApiKey::new("test-key-0001".into()))
        .unwrap();
    keychain
        .set_api_key(
            Environment::Production,
            &ApiKey::new("prod-key-0002".into()),
        )
        .unwrap();
    keychain
        .set_api_key(Environment::Test, &ApiKey::new("test-key-0003".into()))
        .unwrap();

    let test_key = keychain
        .api_key(Environment::Test)
        .unwrap()
        .expect("stored");
    assert_eq!(
        test_key.expose(),
        "test-key-0003",
        "set replaces the earlier key"
    );
    let production_key = keychain
        .api_key(Environment::Production)
        .unwrap()
        .expect("stored");
    assert_eq!(
        production_key.expose(),
        "prod-key-0002",
        "environments are separate"
    );

    assert!(keychain.delete_api_key(Environment::Test).unwrap());
    assert!(
        !keychain.delete_api_key(Environment::Test).unwrap(),
        "second delete finds nothing"
    );
    assert!(keychain.api_key(Environment::Test).unwrap().is_none());
    assert!(keychain.delete_api_key(Environment::Production).unwrap());
}

#[test]
fn another_service_does_not_see_the_key() {
    let first = unique_keychain("first");
    let second = unique_keychain("second");
    first
        .set_api_key(Environment::Test, &ApiKey::new("only-in-first".into()))
        .unwrap();
    assert!(second.api_key(Environment::Test).unwrap().is_none());
    first.delete_api_key(Environment::Test).unwrap();
}
