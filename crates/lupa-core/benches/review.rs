//! The review table's filters on the 100 000-transaction `large` persona (issue 6's budget: a
//! filter change repaints in under 50 ms, of which this is the Rust part). Every filter is a fresh
//! one (the model's one-entry cache is defeated by alternating), as when the analyst changes it.
//! Results go to `docs/performance.md`.

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use lupa_core::review::{CaseModel, FlowDirection, SortKey, TxFilter, TxFlag};
use lupa_store::CaseId;

fn large_model() -> CaseModel {
    CaseModel::new(
        CaseId(1),
        common::today(),
        common::large_input(),
        Vec::new(),
    )
}

fn filters() -> Vec<(&'static str, TxFilter)> {
    let base = TxFilter::default;
    vec![
        ("all_by_date", base()),
        (
            "outflows",
            TxFilter {
                direction: Some(FlowDirection::Out),
                ..base()
            },
        ),
        (
            "category",
            TxFilter {
                categories: vec!["EXP_GROCERIES".into(), "OTHER".into()],
                ..base()
            },
        ),
        (
            "income_flag",
            TxFilter {
                flag: Some(TxFlag::Income),
                ..base()
            },
        ),
        (
            "text",
            TxFilter {
                text: Some("zamowienie".into()),
                ..base()
            },
        ),
        (
            "amount_sorted",
            TxFilter {
                sort: SortKey::Amount,
                descending: true,
                min_amount: Some(100.into()),
                ..base()
            },
        ),
    ]
}

fn bench(c: &mut Criterion) {
    let model = large_model();
    // Builds every order once, as the first use in the app does.
    for key in [
        SortKey::Date,
        SortKey::Amount,
        SortKey::Title,
        SortKey::Category,
        SortKey::Account,
    ] {
        model
            .page(
                &TxFilter {
                    sort: key,
                    ..TxFilter::default()
                },
                0,
                1,
            )
            .expect("page");
    }
    let other = TxFilter {
        min_amount: Some(1_000_000_000.into()),
        ..TxFilter::default()
    };
    let mut group = c.benchmark_group("review");
    group.bench_function("alternate_only", |b| {
        b.iter(|| {
            model.page(&TxFilter::default(), 0, 1).expect("page");
            black_box(model.page(&other, 0, 1).expect("page"))
        })
    });
    for (name, filter) in filters() {
        group.bench_function(format!("filter_page_200/{name}"), |b| {
            b.iter(|| {
                // Alternating with another filter makes every page a fresh selection.
                model.page(&other, 0, 1).expect("page");
                black_box(model.page(&filter, 0, 200).expect("page"))
            })
        });
    }
    let scrolled = TxFilter::default();
    model.page(&scrolled, 0, 200).expect("page");
    group.bench_function("scroll_page_200_cached", |b| {
        let mut offset = 0;
        b.iter(|| {
            offset = (offset + 200) % 99_800;
            black_box(model.page(&scrolled, offset, 200).expect("page"))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
