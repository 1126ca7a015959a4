//! A full disk (`SQLITE_FULL`, simulated with a size limit): the write fails as
//! [`Error::DiskFull`] and is rolled back whole; the raw reply stored before it stays; once there
//! is room again, `reingest` completes the import.

use lupa_store::{Error, ImportState, Store};

use crate::support::{
    TestStore, command_reply, count, new_import, persona, persona_result, raw, through_xml,
};

#[test]
fn a_full_disk_rolls_the_ingest_back_keeps_the_raw_reply_and_reingest_completes_it() {
    let mut t = TestStore::new();
    let (_, import_id) = t
        .store
        .create_case_and_import(&new_import("owner-full", "session-full"))
        .unwrap();
    t.store
        .record_command_started(import_id, "cmd-full")
        .unwrap();
    let result = through_xml(persona_result(&persona("gambler")));
    t.store
        .save_raw_reply(
            import_id,
            &raw("cmd-full", command_reply("cmd-full", result.clone())),
        )
        .unwrap();
    let before = (
        count(&t.store, "transactions"),
        count(&t.store, "accounts"),
        count(&t.store, "owners"),
    );

    // Four spare pages: far less than the gambler's three years of transactions.
    let size = t.store.size_bytes().unwrap();
    let limit = t.store.set_size_limit(Some(size + 4 * 16 * 1024)).unwrap();
    assert_eq!(limit, size + 4 * 16 * 1024);
    let error = t.store.ingest_import(import_id, &result).unwrap_err();
    assert!(matches!(error, Error::DiskFull(_)), "{error:?}");
    assert!(error.to_string().contains("disk is full"), "{error}");
    assert_eq!(
        (
            count(&t.store, "transactions"),
            count(&t.store, "accounts"),
            count(&t.store, "owners"),
        ),
        before,
        "nothing half-written"
    );
    assert_eq!(
        t.store.import(import_id).unwrap().state,
        ImportState::Running
    );
    assert_eq!(t.store.import_raw_replies(import_id).unwrap().len(), 1);
    // Small writes still fit in the pages the database has.
    t.store
        .finish_import_failed(import_id, "disk_full", None, Some("the disk is full"))
        .unwrap();

    // A limit registered for the file applies to every later connection, until lifted.
    lupa_store::set_size_limit(&t.path, Some(size + 4 * 16 * 1024));
    let second = Store::open(&t.path, &t.key).unwrap();
    assert!(
        second.set_size_limit(None).unwrap() > limit,
        "None lifts it"
    );
    let mut third = Store::open(&t.path, &t.key).unwrap();
    assert!(matches!(third.reingest(import_id), Err(Error::DiskFull(_))));
    lupa_store::set_size_limit(&t.path, None);
    drop(third);

    // Room again: the kept raw reply completes the failed import.
    t.store.set_size_limit(None).unwrap();
    let report = t.store.reingest(import_id).unwrap();
    assert!(report.transactions > 0);
    let row = t.store.import(import_id).unwrap();
    assert_eq!(row.state, ImportState::Saved);
    assert_eq!(row.error_code, None);
    assert_eq!(
        count(&t.store, "transactions") - before.0,
        report.new_transactions as i64
    );
    assert!(t.store.check_integrity().unwrap().is_empty());
}
