//! Rendering time of the four charts for five years of data on three accounts (≈ 5 500 daily
//! balances), and of the balance chart for 100 000 points. Target: all four together well under
//! 50 ms (docs/performance.md, "Issue 4 — charts").

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lupa_charts::{ChartOptions, balance_chart, cashflow_chart, category_chart, income_chart};

#[path = "../tests/it/common.rs"]
mod common;

use common::{categories, day, dense_account, fill_daily, flows, income, three_accounts};

fn charts(c: &mut Criterion) {
    let options = ChartOptions::default();
    let last = day(2024, 6, 2);
    let accounts: Vec<_> = three_accounts(day(2019, 6, 3), 1827)
        .iter()
        .map(|a| fill_daily(a, last))
        .collect();
    let points: usize = accounts.iter().map(|a| a.points.len()).sum();
    assert_eq!(
        points,
        3 * 1827,
        "five years of daily balances on three accounts"
    );
    let months = flows(day(2019, 6, 1), 60, 3);
    let period = categories();
    let sources = income(day(2019, 6, 1), 60, 5);
    let dense = [dense_account(100_000)];

    let mut group = c.benchmark_group("charts");
    group.bench_function("balance_5y_3_accounts", |b| {
        b.iter(|| balance_chart(black_box(&accounts), &options))
    });
    group.bench_function("cashflow_60_months", |b| {
        b.iter(|| cashflow_chart(black_box(&months), &options))
    });
    group.bench_function("category_17", |b| {
        b.iter(|| category_chart(black_box(&period), "2024", &options))
    });
    group.bench_function("income_60_months", |b| {
        b.iter(|| income_chart(black_box(&sources), &options))
    });
    group.bench_function("all_four_5y", |b| {
        b.iter(|| {
            let svgs = [
                balance_chart(black_box(&accounts), &options),
                cashflow_chart(black_box(&months), &options),
                category_chart(black_box(&period), "2024", &options),
                income_chart(black_box(&sources), &options),
            ];
            svgs.iter().map(String::len).sum::<usize>()
        })
    });
    group.bench_function("balance_100k_points", |b| {
        b.iter(|| balance_chart(black_box(&dense), &options))
    });
    group.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
