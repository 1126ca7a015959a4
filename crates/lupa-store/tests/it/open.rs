//! Opening the store: encryption at rest (F-STO-3), wrong keys, WAL and migrations.

use lupa_store::{DbKey, Error, PAGE_SIZE, Store, latest_schema_version};

use crate::support::{TestStore, import_result, persona, persona_result};

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn the_database_and_its_wal_hold_no_plain_personal_data() {
    let mut t = TestStore::new();
    let generated = persona("salaried");
    let owner_name = generated.owners[0].name.clone();
    let iban = generated.accounts[0].iban.clone();
    let title = generated.accounts[0].money_transactions.as_ref().unwrap()[0]
        .title
        .clone()
        .unwrap();
    import_result(
        &mut t.store,
        "owner-1",
        "session-1",
        persona_result(&generated),
    );
    assert_eq!(
        t.store
            .connection()
            .query_row("PRAGMA journal_mode", [], |row| row.get::<_, String>(0))
            .unwrap(),
        "wal"
    );

    let wal = t.path.with_file_name("lupa.db-wal");
    for path in [&t.path, &wal] {
        let bytes = std::fs::read(path).unwrap_or_default();
        assert!(
            !contains(&bytes, &owner_name),
            "{} holds the owner's name",
            path.display()
        );
        assert!(!contains(&bytes, &iban), "{} holds an IBAN", path.display());
        assert!(
            !contains(&bytes, &title),
            "{} holds a title",
            path.display()
        );
        assert!(
            !contains(&bytes, "SQLite format 3"),
            "{} has a plain SQLite header",
            path.display()
        );
    }
    assert!(wal.exists(), "the store runs in WAL mode");
}

#[test]
fn a_wrong_key_fails_clearly_and_changes_nothing() {
    let t = TestStore::new();
    let (path, dir) = (t.path.clone(), t.dir);
    drop(t.store);
    let before = std::fs::read(&path).unwrap();
    let files_before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();

    let wrong = DbKey::generate().unwrap();
    let error = Store::open(&path, &wrong).unwrap_err();
    assert!(matches!(error, Error::WrongKey), "{error}");
    assert!(
        !error.to_string().contains(&wrong.to_hex()),
        "no key in the message"
    );

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is byte-identical"
    );
    let files_after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        files_after, files_before,
        "no -wal or -shm file was created"
    );

    let store = Store::open(&path, &t.key).expect("the right key still opens it");
    assert_eq!(store.schema_version().unwrap(), latest_schema_version());
}

#[test]
fn a_plain_file_is_not_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        b"not a database, just some text that is long enough to be a page",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path, &DbKey::generate().unwrap()).unwrap_err();
    assert!(matches!(error, Error::WrongKey), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn reopening_keeps_data_and_does_not_migrate_twice() {
    let mut t = TestStore::new();
    import_result(
        &mut t.store,
        "owner-1",
        "session-1",
        persona_result(&persona("thin")),
    );
    let t = t.reopen();
    assert_eq!(t.store.schema_version().unwrap(), latest_schema_version());
    assert_eq!(t.store.list_cases(&Default::default()).unwrap().len(), 1);
    let key = DbKey::from_hex(&t.key.to_hex()).unwrap();
    drop(t.store);
    Store::open(&t.path, &key).expect("a key read back from hex opens it");
}

#[test]
fn in_memory_stores_work_for_scratch_use() {
    let mut store = Store::open_in_memory(&DbKey::generate().unwrap()).unwrap();
    let (case_id, _, report) =
        import_result(&mut store, "owner-1", "s", persona_result(&persona("thin")));
    assert!(report.transactions > 0);
    assert_eq!(store.case(case_id).unwrap().owner_external_id, "owner-1");
    assert!(format!("{store:?}").starts_with("Store"));
}

#[test]
fn pages_are_16_kib_and_a_file_written_with_other_pages_is_refused() {
    let t = TestStore::new();
    let conn = t.store.connection();
    let cipher_page_size: String = conn
        .query_row("PRAGMA cipher_page_size", [], |row| row.get(0))
        .unwrap();
    assert_eq!(cipher_page_size, PAGE_SIZE.to_string());
    assert!(t.store.checkpoint().unwrap());
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |row| row.get(0))
        .unwrap();
    assert_eq!(
        std::fs::metadata(&t.path).unwrap().len(),
        pages as u64 * u64::from(PAGE_SIZE),
        "the file is made of {PAGE_SIZE}-byte pages"
    );

    // The page size is part of the format: a file keyed with the same key but SQLCipher's
    // default 4 KiB pages does not open (no partial read of a foreign layout).
    let path = t.dir.path().join("four-k.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA cipher_page_size = 4096; CREATE TABLE t (x);",
        t.key.to_hex()
    ))
    .unwrap();
    drop(conn);
    let error = Store::open(&path, &t.key).unwrap_err();
    assert!(matches!(error, Error::WrongKey), "{error}");
}

#[test]
fn an_import_commits_into_the_wal_and_checkpoint_moves_it_into_the_file() {
    let mut t = TestStore::new();
    // Checkpoint at every commit, unless a write turns it off.
    t.store
        .connection()
        .execute_batch("PRAGMA wal_autocheckpoint = 1")
        .unwrap();
    let (case_id, _, report) = import_result(
        &mut t.store,
        "owner-1",
        "session-1",
        persona_result(&persona("salaried")),
    );
    assert!(report.new_transactions > 100);
    let wal = t.path.with_file_name("lupa.db-wal");
    let file_after_import = std::fs::metadata(&t.path).unwrap().len();
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    let autocheckpoint: i64 = t
        .store
        .connection()
        .query_row("PRAGMA wal_autocheckpoint", [], |row| row.get(0))
        .unwrap();
    assert_eq!(autocheckpoint, 1000, "the ingest restores the setting");

    assert!(t.store.checkpoint().unwrap(), "nothing else reads the file");
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "WAL truncated");
    let file_after_checkpoint = std::fs::metadata(&t.path).unwrap().len();
    assert!(
        file_after_checkpoint > file_after_import,
        "the import's pages were still in the WAL: {file_after_import} → {file_after_checkpoint}"
    );

    let t = t.reopen();
    assert_eq!(
        t.store.case_overview(case_id).unwrap().accounts.len(),
        persona("salaried").accounts.len()
    );
    assert!(t.store.check_integrity().unwrap().is_empty());
}

#[test]
fn an_uncheckpointed_import_survives_reopening() {
    let mut t = TestStore::new();
    let (case_id, _, report) = import_result(
        &mut t.store,
        "owner-1",
        "session-1",
        persona_result(&persona("salaried")),
    );
    // Closing the connection would checkpoint; leak it, as a crash would.
    std::mem::forget(t.store);
    let store = Store::open(&t.path, &t.key).expect("reopen");
    let query = lupa_store::TxQuery {
        limit: 100_000,
        ..lupa_store::TxQuery::for_case(case_id)
    };
    assert_eq!(
        store.count_transactions(&query).unwrap(),
        report.new_transactions as u64
    );
    assert!(store.check_integrity().unwrap().is_empty());
}
