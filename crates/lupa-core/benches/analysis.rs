//! `analyze` on the 100 000-transaction `large` persona (issue 4's budget: well under 150 ms of
//! the 200 ms shared with the charts). Results go to `docs/performance.md`.
//!
//! `LUPA_ANALYSIS_RUNS=N` skips criterion and prints the best CPU time of N runs, and of two
//! stages alone, for comparisons on the shared machine (`LUPA_ANALYSIS_ONLY=1`: `analyze` alone,
//! for profiling).

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use lupa_core::analysis::{
    AnalysisInput, AnalysisOptions, RuleSet, analyze, categorize, continuity,
};

fn large_input() -> (AnalysisInput, AnalysisOptions) {
    (common::large_input(), AnalysisOptions::new(common::today()))
}

/// This thread's CPU time so far (Linux), else wall-clock time from the first call.
fn cpu_time() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_else(|| {
            static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
            START.get_or_init(Instant::now).elapsed()
        })
}

/// The best CPU time of `runs` runs of `work`; what it returns is dropped outside the timing.
fn best_of<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    (0..runs)
        .map(|_| {
            let started = cpu_time();
            let result = black_box(work());
            let elapsed = cpu_time() - started;
            drop(result);
            elapsed
        })
        .min()
        .unwrap_or_default()
}

fn bench(criterion: &mut Criterion) {
    let (input, options) = large_input();
    // Warm the embedded rules and policy outside the measurements.
    RuleSet::builtin();
    if let Some(runs) = std::env::var("LUPA_ANALYSIS_RUNS")
        .ok()
        .and_then(|value| value.parse::<usize>().ok())
    {
        let all = best_of(runs, || analyze(black_box(&input), &options));
        if std::env::var_os("LUPA_ANALYSIS_ONLY").is_some() {
            println!("analyze (100 000 transactions), best CPU time of {runs}: {all:?}");
            return;
        }
        let with_drop = best_of(runs, || drop(analyze(black_box(&input), &options)));
        let categories = best_of(runs, || {
            categorize::categorize(black_box(&input), RuleSet::builtin())
        });
        let chains = best_of(runs, || {
            continuity::check(black_box(&input), options.as_of, 14)
        });
        println!(
            "analyze (100 000 transactions), best CPU time of {runs}: {all:?} ({with_drop:?} with the result dropped)"
        );
        println!("  categorize: {categories:?}, continuity: {chains:?}");
        return;
    }
    let mut group = criterion.benchmark_group("analysis_large");
    group.sample_size(20);
    group.bench_function("analyze_100k", |bencher| {
        bencher.iter(|| analyze(black_box(&input), &options));
    });
    group.bench_function("categorize_100k", |bencher| {
        bencher.iter(|| categorize::categorize(black_box(&input), RuleSet::builtin()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
