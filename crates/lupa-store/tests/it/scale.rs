//! Scale (issue 8): a database with 1 000 000 transactions across 5 000 cases, stored through the
//! real ingest path, keeps the case list, its search and case opening correct and quick. The
//! figures are printed; the real measurement is `cargo bench -p lupa-store --bench scale`
//! (docs/performance.md); the bounds here are regression guards for the debug build.

use std::time::{Duration, Instant};

use lupa_store::{CaseQuery, TxQuery};

use crate::support::TestStore;

#[path = "../scale/data.rs"]
mod data;

const CASES: usize = 5_000;
const PER_CASE: usize = 200;

/// Cases to build: 5 000, or `LUPA_SCALE_CASES` while iterating locally.
fn cases() -> usize {
    std::env::var("LUPA_SCALE_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(CASES)
}

fn timed<T>(what: &str, guard: Duration, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = work();
    let took = start.elapsed();
    eprintln!("{what}: {took:?}");
    assert!(took < guard, "{what} took {took:?} (guard {guard:?})");
    value
}

#[test]
fn a_million_transactions_in_five_thousand_cases() {
    let cases = cases();
    let mut t = TestStore::new();
    let start = Instant::now();
    let last = data::build(&mut t.store, cases, PER_CASE);
    // What the app does at idle after imports.
    t.store.index_search().unwrap();
    t.store.checkpoint().unwrap();
    eprintln!(
        "built {cases} cases × {PER_CASE} transactions in {:?}",
        start.elapsed()
    );
    let count: i64 = t
        .store
        .connection()
        .query_row("SELECT count(*) FROM transactions", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count as usize, cases * PER_CASE);

    // The case list's first page, newest first.
    let page = timed("case list, first 100", Duration::from_millis(200), || {
        t.store.list_cases(&CaseQuery::default()).unwrap()
    });
    assert_eq!(page.len(), 100);
    assert_eq!(page[0].case.id, last, "newest first");

    // Search by surname (many hits), by IBAN (one), by owner id, and for nobody.
    let expected = (0..cases)
        .filter(|n| data::name(*n).ends_with("Dąbrowska"))
        .count();
    let hits = timed("search by surname", Duration::from_millis(200), || {
        t.store
            .list_cases(&CaseQuery {
                search: Some("dąbrowska".into()),
                limit: 500,
                ..CaseQuery::default()
            })
            .unwrap()
    });
    assert_eq!(hits.len(), expected.min(500));
    assert!(hits.iter().all(|hit| {
        hit.case
            .display_name
            .as_deref()
            .is_some_and(|name| name.ends_with("Dąbrowska"))
    }));
    let wanted = cases * 7 / 8;
    let by_iban = timed("search by IBAN", Duration::from_millis(200), || {
        t.store
            .list_cases(&CaseQuery {
                search: Some(data::iban(wanted)[4..].to_owned()),
                ..CaseQuery::default()
            })
            .unwrap()
    });
    assert_eq!(by_iban.len(), 1);
    assert_eq!(by_iban[0].case.owner_external_id, data::owner(wanted));
    let nobody = timed("search, no match", Duration::from_millis(200), || {
        t.store
            .list_cases(&CaseQuery {
                search: Some("nikogo takiego".into()),
                ..CaseQuery::default()
            })
            .unwrap()
    });
    assert!(nobody.is_empty());

    // Opening a case: its overview and the first page of its transactions.
    let case_id = by_iban[0].case.id;
    let (overview, rows) = timed("open a case", Duration::from_millis(300), || {
        let overview = t.store.case_overview(case_id).unwrap();
        let mut query = TxQuery::for_case(case_id);
        query.limit = 200;
        (overview, t.store.transactions(&query).unwrap())
    });
    assert_eq!(overview.transactions as usize, PER_CASE);
    assert_eq!(rows.len(), PER_CASE);
    assert!(
        rows.windows(2)
            .all(|w| w[0].transaction_on >= w[1].transaction_on)
    );

    // Full-text search inside the case.
    let found = timed("FTS in a case", Duration::from_millis(300), || {
        let mut query = TxQuery::for_case(case_id);
        query.text = Some("czynsz".into());
        query.limit = 1000;
        t.store.transactions(&query).unwrap()
    });
    assert!(!found.is_empty());
    assert!(found.iter().all(|row| {
        row.title
            .as_deref()
            .is_some_and(|title| title.starts_with("Czynsz"))
    }));
}
