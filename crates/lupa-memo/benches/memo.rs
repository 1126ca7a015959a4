//! Renders a ~10-page credit memo with 4 charts (the sample memo from the integration tests).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/it/sample.rs"]
#[allow(dead_code)]
mod sample;

fn memo(c: &mut Criterion) {
    let memo = sample::memo(200, 4);
    let pdf = lupa_memo::render(&memo).expect("the sample memo renders");
    eprintln!("memo: {} bytes", pdf.len());
    if let Some(path) = std::env::var_os("LUPA_MEMO_BENCH_PDF") {
        std::fs::write(path, &pdf).expect("write the benchmark's PDF");
    }
    c.bench_function("render 10-page memo with 4 charts", |b| {
        b.iter(|| lupa_memo::render(black_box(&memo)).expect("renders"));
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = memo
}
criterion_main!(benches);
