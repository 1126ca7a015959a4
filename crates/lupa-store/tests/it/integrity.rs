//! The invariant checker, and re-deriving an import from its raw reply (F-STO-2).

use rusqlite::params;

use crate::support::{TestStore, import_result, persona, persona_result, snapshot, through_xml};

#[test]
fn reingest_restores_an_import_whose_derived_rows_were_deleted() {
    let mut t = TestStore::new();
    let result = through_xml(persona_result(&persona("joint")));
    let (case_id, import_1, _) = import_result(&mut t.store, "owner-1", "s1", result.clone());
    let (_, import_2, _) = import_result(&mut t.store, "owner-1", "s2", result.clone());
    let before = snapshot(&t.store, case_id);
    assert!(t.store.check_integrity().unwrap().is_empty());

    for import_id in [import_2, import_1] {
        // What a crash between two statements, or a bad hand edit, could leave behind.
        t.store
            .connection()
            .execute_batch(&format!(
                "DELETE FROM sighting_lists WHERE import_id = {id};
                 DELETE FROM owners WHERE import_id = {id};
                 DELETE FROM account_snapshots WHERE import_id = {id};
                 DELETE FROM transactions WHERE first_import_id = {id} AND last_import_id = {id};",
                id = import_id.0
            ))
            .unwrap();
        let problems = t.store.check_integrity().unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("sightings do not add up")),
            "the checker sees the damage: {problems:?}"
        );
        t.store.reingest(import_id).unwrap();
        assert_eq!(t.store.check_integrity().unwrap(), Vec::<String>::new());
        assert_eq!(
            snapshot(&t.store, case_id),
            before,
            "identical data after reingest of {import_id}"
        );
        assert_eq!(t.store.import_result(import_id).unwrap(), result);
    }
}

#[test]
fn the_checker_names_each_broken_invariant() {
    let mut t = TestStore::new();
    let (_, import_id, _) = import_result(
        &mut t.store,
        "owner-1",
        "s1",
        through_xml(persona_result(&persona("thin"))),
    );
    let conn = t.store.connection();
    conn.execute(
        "INSERT INTO transactions_fts (rowid, title, party, kind) VALUES (999999, 'ghost', NULL, NULL)",
        [],
    )
    .unwrap();
    conn.execute(
        "DELETE FROM raw_replies WHERE import_id = ?1",
        params![import_id.0],
    )
    .unwrap();
    conn.execute("UPDATE transactions SET last_import_id = 4242 WHERE id = (SELECT min(id) FROM transactions)", [])
        .unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO owners (import_id, position, name) VALUES (777, 0, 'x');
         PRAGMA foreign_keys = ON;",
    )
    .unwrap();
    let problems = t.store.check_integrity().unwrap();
    for expected in [
        "full-text index out of sync",
        "saved import without a raw reply",
        "unknown first or last import",
        "foreign_key_check: owners",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected:?} not in {problems:?}"
        );
    }
}
