//! The full-text index catches up after imports (at idle or before a search), and migration 0007
//! converts an existing database's sightings into one list per import.

use lupa_store::{CaseId, Store, TransactionId, TxQuery};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::support::{
    TestStore, day, import_result, persona, persona_result, snapshot, through_xml,
};

/// The ids a text search finds in a case.
fn found(store: &Store, case_id: CaseId, text: &str) -> Vec<TransactionId> {
    store
        .transactions(&TxQuery {
            text: Some(text.into()),
            limit: 100_000,
            ..TxQuery::for_case(case_id)
        })
        .unwrap()
        .into_iter()
        .map(|row| row.id)
        .collect()
}

/// A case's rows with their title.
fn titled(store: &Store, case_id: CaseId) -> Vec<(TransactionId, String)> {
    store
        .transactions(&TxQuery {
            limit: 100_000,
            ..TxQuery::for_case(case_id)
        })
        .unwrap()
        .into_iter()
        .filter_map(|row| Some((row.id, row.title?)))
        .collect()
}

#[test]
fn an_import_leaves_the_index_behind_and_a_search_catches_it_up() {
    let mut t = TestStore::new();
    let (case_id, _, report) = import_result(
        &mut t.store,
        "owner-1",
        "s1",
        through_xml(persona_result(&persona("salaried"))),
    );
    let waiting = t.store.search_index_pending().unwrap();
    assert!(
        waiting >= report.new_transactions as i64,
        "the import's rows wait: {waiting}"
    );
    assert!(!found(&t.store, case_id, "żabka").is_empty());
    assert_eq!(t.store.search_index_pending().unwrap(), 0);
    assert_eq!(t.store.index_search().unwrap(), 0, "nothing left to index");
    assert_eq!(t.store.check_integrity().unwrap(), Vec::<String>::new());

    // The idle path: index first, then the search has nothing to do.
    let (second, _, _) = import_result(
        &mut t.store,
        "owner-2",
        "s2",
        through_xml(persona_result(&persona("thin"))),
    );
    assert!(t.store.index_search().unwrap() > 0);
    assert_eq!(t.store.search_index_pending().unwrap(), 0);
    let (id, title) = titled(&t.store, second).remove(0);
    let word = title.split_whitespace().next().unwrap();
    assert!(found(&t.store, second, word).contains(&id), "{word}");
}

#[test]
fn ids_reused_after_the_newest_case_is_purged_are_indexed() {
    let mut t = TestStore::new();
    let thin = || through_xml(persona_result(&persona("thin")));
    let (old, _, _) = import_result(&mut t.store, "owner-old", "s1", thin());
    let (newest, _, _) = import_result(
        &mut t.store,
        "owner-new",
        "s2",
        through_xml(persona_result(&persona("salaried"))),
    );
    t.store.index_search().unwrap();
    let newest_ids: Vec<TransactionId> =
        titled(&t.store, newest).into_iter().map(|r| r.0).collect();

    t.store.set_delete_after(old, day(2030, 1, 1)).unwrap();
    t.store.set_delete_after(newest, day(2026, 12, 1)).unwrap();
    assert_eq!(
        t.store.purge_expired(day(2027, 1, 1)).unwrap().cases,
        [newest]
    );

    // SQLite hands the purged case's ids out again.
    let (reused, _, _) = import_result(
        &mut t.store,
        "owner-reused",
        "s3",
        through_xml(persona_result(&persona("joint"))),
    );
    let rows = titled(&t.store, reused);
    assert!(
        rows.iter().any(|(id, _)| newest_ids.contains(id)),
        "the test needs reused ids"
    );
    for (id, title) in rows.iter().step_by(37) {
        let word = title.split_whitespace().next().unwrap();
        assert!(found(&t.store, reused, word).contains(id), "{word}");
    }
    assert_eq!(t.store.check_integrity().unwrap(), Vec::<String>::new());
}

#[test]
fn a_changed_title_reaches_the_index_before_and_after_it_caught_up() {
    for index_between in [false, true] {
        let mut t = TestStore::new();
        let first = through_xml(persona_result(&persona("thin")));
        let (case_id, _, _) = import_result(&mut t.store, "owner-1", "s1", first.clone());
        if index_between {
            t.store.index_search().unwrap();
        }
        let mut second = first;
        let accounts = second.accounts.as_mut().unwrap();
        let transaction = &mut accounts[0].money_transactions.as_mut().unwrap()[0];
        let old_title = transaction
            .title
            .replace("Zupełnie nowy tytuł qwertyuiop".into());
        import_result(&mut t.store, "owner-1", "s2", second);

        let hits = found(&t.store, case_id, "qwertyuiop");
        assert_eq!(hits.len(), 1, "index_between = {index_between}");
        let old_word = old_title.unwrap();
        let old_word = old_word.split_whitespace().next().unwrap();
        assert!(
            !found(&t.store, case_id, old_word).contains(&hits[0]),
            "the old title is gone from the index (index_between = {index_between})"
        );
        assert_eq!(t.store.check_integrity().unwrap(), Vec::<String>::new());
    }
}

/// The sightings table and triggers as schema version 6 had them.
const VERSION_6: &str = "
    CREATE TABLE transaction_sightings (
        import_id           INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        transaction_id      INTEGER NOT NULL,
        position            INTEGER NOT NULL,
        status              TEXT,
        pending             INTEGER NOT NULL CHECK (pending IN (0, 1)),
        booked_on           TEXT,
        balance_after_minor INTEGER,
        details_hash        INTEGER NOT NULL,
        PRIMARY KEY (import_id, transaction_id)
    ) STRICT, WITHOUT ROWID;
    DROP TRIGGER transactions_fts_delete;
    DROP TRIGGER transactions_fts_update;
    CREATE TRIGGER transactions_fts_delete AFTER DELETE ON transactions BEGIN
        INSERT INTO transactions_fts (transactions_fts, rowid, title, party, kind)
        VALUES ('delete', old.id, old.title, old.party, old.kind);
    END;
    CREATE TRIGGER transactions_fts_update AFTER UPDATE OF title, party, kind ON transactions BEGIN
        INSERT INTO transactions_fts (transactions_fts, rowid, title, party, kind)
        VALUES ('delete', old.id, old.title, old.party, old.kind);
        INSERT INTO transactions_fts (rowid, title, party, kind) VALUES (new.id, new.title, new.party, new.kind);
    END;
    DROP TABLE search_index_state;
";

#[test]
fn migrations_7_and_8_convert_a_version_6_database() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("joint")));
    let (case_id, import_1, _) = import_result(&mut t.store, "owner-1", "s1", result.clone());
    let mut second = result.clone();
    let accounts = second.accounts.as_mut().unwrap();
    accounts[0].money_transactions.as_mut().unwrap().remove(0);
    let (_, import_2, _) = import_result(&mut t.store, "owner-1", "s2", second.clone());
    t.store.index_search().unwrap();
    let before = snapshot(&t.store, case_id);
    let diff_before = t.store.diff_imports(import_1, import_2).unwrap();
    assert_eq!(diff_before.vanished.len(), 1);

    // Back to version 6: one sightings row per transaction, written from the lists.
    let conn = t.store.connection();
    conn.execute_batch(VERSION_6).unwrap();
    let mut rows = 0;
    for import_id in [import_1, import_2] {
        for source in t.store.import_sightings(import_id).unwrap() {
            for seen in source.seen {
                conn.execute(
                    "INSERT INTO transaction_sightings VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    rusqlite::params![
                        seen.import_id,
                        seen.transaction_id,
                        seen.position,
                        seen.status,
                        seen.pending,
                        seen.booked_on.map(|day| day.to_string()),
                        seen.balance_after
                            .map(|balance| (balance * Decimal::ONE_HUNDRED).to_i64().unwrap()),
                        seen.details_hash,
                    ],
                )
                .unwrap();
                rows += 1;
            }
        }
    }
    assert!(rows > 100);
    conn.execute_batch(
        "DROP TABLE sighting_lists;
         ALTER TABLE cases DROP COLUMN first_transaction_id;
         ALTER TABLE cases DROP COLUMN last_transaction_id;
         PRAGMA user_version = 6;",
    )
    .unwrap();

    let t = t.reopen();
    assert_eq!(
        t.store.schema_version().unwrap(),
        lupa_store::latest_schema_version()
    );
    let tables: Vec<String> = t
        .store
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE '%sighting%' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, ["sighting_lists"]);
    assert_eq!(snapshot(&t.store, case_id), before);
    assert_eq!(
        t.store.diff_imports(import_1, import_2).unwrap(),
        diff_before
    );
    assert_eq!(t.store.import_result(import_1).unwrap(), result);
    assert_eq!(t.store.import_result(import_2).unwrap(), second);
    assert_eq!(t.store.search_index_pending().unwrap(), 0);
    // Migration 8 gave the case its id range: a search still finds every row.
    for (id, title) in titled(&t.store, case_id).iter().step_by(53) {
        let word = title.split_whitespace().next().unwrap();
        assert!(found(&t.store, case_id, word).contains(id), "{word}");
    }
    assert_eq!(t.store.check_integrity().unwrap(), Vec::<String>::new());
}
