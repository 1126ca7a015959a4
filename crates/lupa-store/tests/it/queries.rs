//! The review screens' queries: case list search (F-REV-1) and the transactions table
//! (F-REV-4).

use lupa_kontomatik::Environment;
use lupa_store::{CaseQuery, CaseStatus, NewImport, TxQuery, TxSort, TxSortKey, TxStatus};
use rust_decimal::Decimal;

use crate::support::{
    TestStore, day, import_result, new_import, persona, persona_result, through_xml,
};

fn names(store: &lupa_store::Store, query: &CaseQuery) -> Vec<String> {
    store
        .list_cases(query)
        .unwrap()
        .into_iter()
        .map(|summary| summary.case.owner_external_id)
        .collect()
}

fn search(text: &str) -> CaseQuery {
    CaseQuery {
        search: Some(text.into()),
        ..CaseQuery::default()
    }
}

#[test]
fn the_case_list_finds_by_name_owner_id_and_iban() {
    let mut t = TestStore::new();
    let joint = persona("joint");
    let thin = persona("thin");
    import_result(
        &mut t.store,
        "applicant-joint-1",
        "s1",
        through_xml(persona_result(&joint)),
    );
    import_result(
        &mut t.store,
        "applicant-thin-2",
        "s2",
        through_xml(persona_result(&thin)),
    );
    t.store
        .create_case_and_import(&NewImport {
            environment: Environment::Production,
            ..new_import("applicant-prod-3", "s3")
        })
        .unwrap();

    let name = t
        .store
        .find_case(Environment::Sandbox, "applicant-joint-1")
        .unwrap()
        .unwrap()
        .display_name
        .unwrap();
    let upper = name.to_uppercase();
    assert_eq!(
        names(&t.store, &search(&upper)),
        ["applicant-joint-1"],
        "Unicode case-insensitive name search"
    );
    assert_eq!(names(&t.store, &search("THIN-2")), ["applicant-thin-2"]);
    let iban = &thin.accounts[0].iban;
    let spaced: String = iban
        .chars()
        .collect::<Vec<_>>()
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        names(&t.store, &search(&spaced[5..19].to_lowercase())),
        ["applicant-thin-2"],
        "IBAN, spaces ignored"
    );
    assert!(
        names(&t.store, &search("%")).is_empty(),
        "wildcards are plain characters"
    );
    assert_eq!(
        names(&t.store, &search("  ")).len(),
        3,
        "blank search matches all"
    );

    let production = CaseQuery {
        environment: Some(Environment::Production),
        ..CaseQuery::default()
    };
    assert_eq!(names(&t.store, &production), ["applicant-prod-3"]);
    let importing = CaseQuery {
        status: Some(CaseStatus::Importing),
        ..CaseQuery::default()
    };
    assert_eq!(names(&t.store, &importing), ["applicant-prod-3"]);
    let ready = CaseQuery {
        status: Some(CaseStatus::Ready),
        ..CaseQuery::default()
    };
    assert_eq!(names(&t.store, &ready).len(), 2);
    let page = CaseQuery {
        limit: 2,
        offset: 2,
        ..CaseQuery::default()
    };
    assert_eq!(names(&t.store, &page).len(), 1);
    let summary = &t.store.list_cases(&search("joint")).unwrap()[0];
    assert_eq!(summary.imports, 1);
    assert!(summary.last_import_at.is_some());
}

#[test]
fn transactions_filter_sort_page_and_search() {
    let mut t = TestStore::new();
    let generated = persona("salaried");
    let (case_id, import_id, report) = import_result(
        &mut t.store,
        "owner-1",
        "s1",
        through_xml(persona_result(&generated)),
    );
    let all = TxQuery {
        limit: 100_000,
        ..TxQuery::for_case(case_id)
    };
    let rows = t.store.transactions(&all).unwrap();
    assert_eq!(rows.len(), report.transactions);
    assert_eq!(
        t.store.count_transactions(&all).unwrap(),
        report.transactions as u64
    );
    assert!(
        rows.windows(2)
            .all(|w| w[0].transaction_on >= w[1].transaction_on),
        "newest first by default"
    );

    // Pages are stable and cover everything once.
    let mut paged = Vec::new();
    for page in 0.. {
        let query = TxQuery {
            limit: 50,
            offset: page * 50,
            ..TxQuery::for_case(case_id)
        };
        let rows = t.store.transactions(&query).unwrap();
        if rows.is_empty() {
            break;
        }
        paged.extend(rows.into_iter().map(|row| row.id));
    }
    assert_eq!(paged, rows.iter().map(|row| row.id).collect::<Vec<_>>());

    let by_amount = TxQuery {
        sort: TxSort {
            key: TxSortKey::Amount,
            descending: false,
        },
        limit: 10,
        ..TxQuery::for_case(case_id)
    };
    let cheapest = t.store.transactions(&by_amount).unwrap();
    let min = rows.iter().map(|row| row.amount).min().unwrap();
    assert_eq!(cheapest[0].amount, min);
    assert!(cheapest.windows(2).all(|w| w[0].amount <= w[1].amount));

    let window = TxQuery {
        from: Some(day(2026, 1, 1)),
        to: Some(day(2026, 1, 31)),
        min_amount: Some(Decimal::new(-5000, 2)),
        max_amount: Some(Decimal::ZERO),
        limit: 1000,
        ..TxQuery::for_case(case_id)
    };
    let found = t.store.transactions(&window).unwrap();
    let expected = rows
        .iter()
        .filter(|row| {
            row.transaction_on >= day(2026, 1, 1) && row.transaction_on <= day(2026, 1, 31)
        })
        .filter(|row| row.amount >= Decimal::new(-5000, 2) && row.amount <= Decimal::ZERO)
        .count();
    assert!(expected > 0);
    assert_eq!(found.len(), expected);

    let pending = TxQuery {
        status: Some(TxStatus::Pending),
        limit: 1000,
        ..TxQuery::for_case(case_id)
    };
    let pending_rows = t.store.transactions(&pending).unwrap();
    assert!(!pending_rows.is_empty() && pending_rows.iter().all(|row| row.pending));
    let booked = TxQuery {
        status: Some(TxStatus::Booked),
        ..all.clone()
    };
    assert_eq!(
        t.store.count_transactions(&booked).unwrap() as usize + pending_rows.len(),
        rows.len()
    );

    let account = t.store.case_overview(case_id).unwrap().accounts[0]
        .account
        .id;
    let one_account = TxQuery {
        account_id: Some(account),
        ..all.clone()
    };
    assert!(
        t.store
            .transactions(&one_account)
            .unwrap()
            .iter()
            .all(|row| row.account_id == Some(account))
    );
    let seen = TxQuery {
        import_id: Some(import_id),
        ..all.clone()
    };
    assert_eq!(
        t.store.count_transactions(&seen).unwrap() as usize,
        rows.len()
    );

    // Full-text: diacritics and case ignored, word prefixes, the user's syntax is plain text.
    let zabka_rows = rows
        .iter()
        .filter(|row| {
            row.title
                .as_deref()
                .is_some_and(|title| title.to_lowercase().contains("zabka"))
        })
        .count();
    assert!(
        zabka_rows > 0,
        "the salaried persona shops at Żabka (ZABKA on the wire)"
    );
    for text in ["żabka", "ZABKA", "zab"] {
        let query = TxQuery {
            text: Some(text.into()),
            ..all.clone()
        };
        assert!(
            t.store.count_transactions(&query).unwrap() as usize >= zabka_rows,
            "{text}"
        );
    }
    for hostile in [
        "\"",
        "a OR b",
        "NEAR(",
        "* -",
        "title:x",
        "'; DROP TABLE transactions; --",
    ] {
        let query = TxQuery {
            text: Some(hostile.into()),
            ..all.clone()
        };
        t.store
            .transactions(&query)
            .unwrap_or_else(|error| panic!("{hostile:?}: {error}"));
    }
    let sorted_search = TxQuery {
        text: Some("żabka".into()),
        sort: TxSort {
            key: TxSortKey::Amount,
            descending: true,
        },
        limit: 5,
        ..TxQuery::for_case(case_id)
    };
    let top = t.store.transactions(&sorted_search).unwrap();
    assert!(top.windows(2).all(|w| w[0].amount >= w[1].amount));
    for key in [TxSortKey::BookedOn, TxSortKey::Party, TxSortKey::Title] {
        let query = TxQuery {
            sort: TxSort {
                key,
                descending: false,
            },
            ..TxQuery::for_case(case_id)
        };
        assert_eq!(t.store.transactions(&query).unwrap().len(), 200, "{key:?}");
    }
}
