//! Writes the four charts for a realistic applicant as SVG files into a folder, for a person to
//! look at: `cargo run -p lupa-charts --example preview -- /tmp/charts`.

use lupa_charts::{Locale, Theme, balance_chart, cashflow_chart, category_chart, income_chart};

#[path = "../tests/it/common.rs"]
mod common;

use common::*;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: preview <folder>");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir).expect("preview dir");
    for (locale, theme, name) in [
        (Locale::Pl, Theme::Light, "pl-light"),
        (Locale::En, Theme::Dark, "en-dark"),
    ] {
        let options = options(locale, theme);
        let charts = [
            (
                "balance-year",
                balance_chart(&three_accounts(day(2024, 1, 1), 366), &options),
            ),
            (
                "balance-5y",
                balance_chart(&three_accounts(day(2019, 6, 3), 1827), &options),
            ),
            (
                "balance-week",
                balance_chart(&three_accounts(day(2024, 12, 28), 8), &options),
            ),
            (
                "balance-100k",
                balance_chart(&[dense_account(100_000)], &options),
            ),
            ("balance-empty", balance_chart(&[], &options)),
            (
                "cashflow-year",
                cashflow_chart(&flows(day(2024, 1, 1), 12, 3), &options),
            ),
            (
                "cashflow-5y",
                cashflow_chart(&flows(day(2020, 3, 1), 60, 3), &options),
            ),
            (
                "cashflow-1",
                cashflow_chart(&flows(day(2024, 3, 1), 1, 3), &options),
            ),
            (
                "category",
                category_chart(&categories(), "01.01.2024 – 31.12.2024", &options),
            ),
            (
                "income-year",
                income_chart(&income(day(2024, 1, 1), 12, 5), &options),
            ),
            (
                "income-5y",
                income_chart(&income(day(2020, 1, 1), 60, 5), &options),
            ),
        ];
        let narrow = lupa_charts::ChartOptions {
            width: 420,
            height: 260,
            ..options.clone()
        };
        let narrow_charts = [
            (
                "narrow-balance-5y",
                balance_chart(&three_accounts(day(2019, 6, 3), 1827), &narrow),
            ),
            (
                "narrow-cashflow-5y",
                cashflow_chart(&flows(day(2020, 3, 1), 60, 3), &narrow),
            ),
            (
                "narrow-category",
                category_chart(&categories(), "2024", &narrow),
            ),
            (
                "narrow-income-5y",
                income_chart(&income(day(2020, 1, 1), 60, 5), &narrow),
            ),
        ];
        for (chart, svg) in charts.into_iter().chain(narrow_charts) {
            std::fs::write(format!("{dir}/{chart}-{name}.svg"), svg).expect("write");
        }
    }
}
