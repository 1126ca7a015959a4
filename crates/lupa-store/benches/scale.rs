//! Scale (issue 8): a database of 1 000 000 transactions in 5 000 cases (built once, through the
//! real ingest path, not timed); then the case list, its searches, opening a case and a search
//! inside it. `cargo bench -p lupa-store --bench scale`.

use criterion::{Criterion, criterion_group, criterion_main};
use lupa_store::{CaseQuery, DbKey, Store, TxQuery};

#[path = "../tests/scale/data.rs"]
mod data;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = Store::open(
        &dir.path().join("scale.db"),
        &DbKey::generate().expect("key"),
    )
    .expect("store");
    let started = std::time::Instant::now();
    data::build(&mut store, 5_000, 200);
    // What the app does at idle after imports.
    store.index_search().expect("search index");
    store.checkpoint().expect("checkpoint");
    eprintln!(
        "built 5 000 cases × 200 transactions in {:?}",
        started.elapsed()
    );
    let wanted = 4_321;
    let case_id = store
        .list_cases(&CaseQuery {
            search: Some(data::owner(wanted)),
            ..CaseQuery::default()
        })
        .expect("search")[0]
        .case
        .id;

    let mut group = c.benchmark_group("scale_1m");
    let list = |search: Option<String>| CaseQuery {
        search,
        ..CaseQuery::default()
    };
    group.bench_function("case_list_first_page", |b| {
        b.iter(|| store.list_cases(&list(None)).expect("list"))
    });
    group.bench_function("search_surname", |b| {
        b.iter(|| {
            store
                .list_cases(&list(Some("dąbrowska".into())))
                .expect("search")
        })
    });
    group.bench_function("search_iban", |b| {
        b.iter(|| {
            store
                .list_cases(&list(Some(data::iban(wanted)[4..].to_owned())))
                .expect("search")
        })
    });
    group.bench_function("search_no_match", |b| {
        b.iter(|| {
            store
                .list_cases(&list(Some("nikogo takiego".into())))
                .expect("search")
        })
    });
    group.bench_function("open_case", |b| {
        b.iter(|| {
            let overview = store.case_overview(case_id).expect("overview");
            let mut query = TxQuery::for_case(case_id);
            query.limit = 200;
            (overview, store.transactions(&query).expect("page"))
        })
    });
    group.bench_function("fts_in_case", |b| {
        b.iter(|| {
            let mut query = TxQuery::for_case(case_id);
            query.text = Some("czynsz".into());
            store.transactions(&query).expect("fts")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
