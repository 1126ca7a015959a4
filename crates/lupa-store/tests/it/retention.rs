//! Retention (F-STO-5): expired cases go with everything under them; the audit log keeps ids.

use lupa_kontomatik::Environment;
use lupa_store::{AuditAction, Error, TxQuery};

use crate::support::{
    TestStore, count, day, import_result, new_import, persona, persona_result, through_xml,
};

#[test]
fn purging_deletes_expired_cases_entirely_and_logs_ids_only() {
    let mut t = TestStore::new();
    let generated = persona("salaried");
    let name = generated.owners[0].name.clone();
    let iban = generated.accounts[0].iban.clone();
    let result = through_xml(persona_result(&generated));
    let (expired, import_1, report) =
        import_result(&mut t.store, "owner-expired", "s1", result.clone());
    import_result(&mut t.store, "owner-expired", "s2", result.clone());
    let (kept, _, _) = import_result(
        &mut t.store,
        "owner-kept",
        "s3",
        through_xml(persona_result(&persona("thin"))),
    );
    t.store
        .set_delete_after(expired, day(2026, 12, 31))
        .unwrap();
    t.store.set_delete_after(kept, day(2027, 1, 1)).unwrap();

    let nothing = t.store.purge_expired(day(2026, 12, 31)).unwrap();
    assert!(
        nothing.cases.is_empty(),
        "a case is kept through its delete-after date"
    );

    let purged = t.store.purge_expired(day(2027, 1, 1)).unwrap();
    assert_eq!(purged.cases, [expired]);
    assert_eq!(purged.imports, 2);
    assert_eq!(purged.raw_replies, 2);
    assert_eq!(purged.transactions, report.transactions as u64);
    assert!(matches!(t.store.case(expired), Err(Error::NotFound { .. })));
    assert!(t.store.case(kept).is_ok());
    let remaining: i64 = t
        .store
        .connection()
        .query_row(
            "SELECT count(*) FROM transactions t JOIN imports i ON i.id = t.first_import_id \
             WHERE i.case_id <> ?1",
            [kept.0],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(remaining, 0);
    for table in [
        "raw_replies",
        "imports",
        "owners",
        "account_snapshots",
        "sighting_lists",
    ] {
        let rows: i64 = t
            .store
            .connection()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE import_id = ?1"),
                [import_1.0],
                |row| row.get(0),
            )
            .unwrap_or(0);
        assert_eq!(rows, 0, "{table} rows of the purged import remain");
    }
    assert_eq!(
        t.store
            .transactions(&TxQuery {
                text: Some(name.split(' ').next().unwrap().into()),
                ..TxQuery::for_case(expired)
            })
            .unwrap()
            .len(),
        0
    );
    let fts_rows: i64 = t
        .store
        .connection()
        .query_row("SELECT count(*) FROM transactions_fts", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert_eq!(
        fts_rows,
        count(&t.store, "transactions"),
        "the search index lost the purged rows too"
    );

    let audit = t.store.audit_log(1000).unwrap();
    let line = audit
        .iter()
        .find(|line| line.action == AuditAction::CasePurged)
        .expect("a purge line");
    assert_eq!((line.case_id, line.import_id), (Some(expired), None));
    {
        let mut stmt = t
            .store
            .connection()
            .prepare("SELECT * FROM audit_log")
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for index in 0..columns {
                let value = format!("{:?}", row.get_ref(index).unwrap());
                for personal in [name.as_str(), iban.as_str(), "owner-expired"] {
                    assert!(
                        !value.contains(personal),
                        "audit column {index} holds {personal:?}"
                    );
                }
            }
        }
    }

    // The session stays spent after its case is gone.
    assert!(matches!(
        t.store
            .create_case_and_import(&new_import("owner-new", "s1")),
        Err(Error::SessionAlreadyUsed {
            import_id: None,
            ..
        })
    ));
    assert!(
        t.store
            .used_session(Environment::Sandbox, "s2")
            .unwrap()
            .is_some()
    );
    assert!(t.store.check_integrity().unwrap().is_empty());
}
