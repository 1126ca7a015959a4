//! F-CHA-3 category chart: snapshots, sorting, top N plus "other", shared scale and sizes.

use std::time::Instant;

use insta::assert_snapshot;
use lupa_charts::{
    CategoryAmount, ChartOptions, Direction, Locale, TOP_ROWS, Theme, category_chart,
};

use crate::common::*;

fn row(label: &str, amount: &str, direction: Direction) -> CategoryAmount {
    CategoryAmount {
        label: label.to_owned(),
        amount: dec(amount),
        direction,
    }
}

#[test]
fn empty_or_all_zero_input_draws_a_no_data_message() {
    let empty = category_chart(&[], "2024", &options(Locale::En, Theme::Light));
    let zero = category_chart(
        &[row("Żywność", "0.00", Direction::Out)],
        "2024",
        &ChartOptions::default(),
    );
    assert!(empty.contains("No data") && zero.contains("Brak danych"));
    assert_well_formed(&empty);
    assert_snapshot!("category_empty_en_light", empty);
}

#[test]
fn a_single_category_fills_the_scale() {
    let svg = category_chart(
        &[row("Żywność", "-412.30", Direction::Out)],
        "marzec 2024",
        &ChartOptions::default(),
    );
    assert_well_formed(&svg);
    assert!(
        svg.contains("Kategorie — marzec 2024"),
        "the period is in the title"
    );
    assert!(svg.contains("Wypływy · razem 412,30\u{a0}zł"));
    assert!(!svg.contains("Wpływy ·"), "no empty inflow section");
    assert_eq!(hover_values(&svg, "share"), ["1.0000"]);
    assert_snapshot!("category_single_pl_light", svg);
}

#[test]
fn a_typical_period_in_both_locales_and_themes() {
    let pl = category_chart(
        &categories(),
        "01.01.2024 – 31.12.2024",
        &options(Locale::Pl, Theme::Light),
    );
    let en = category_chart(
        &categories(),
        "1 Jan 2024 – 31 Dec 2024",
        &options(Locale::En, Theme::Dark),
    );
    for svg in [&pl, &en] {
        assert_well_formed(svg);
    }
    assert!(
        pl.contains("30\u{a0}000,00\u{a0}zł · 33,1%"),
        "amount and share on the bar"
    );
    assert!(
        pl.contains("Pozostałe (5)"),
        "twelve outflow categories: seven shown and five folded"
    );
    assert!(en.contains("PLN\u{a0}30,000.00 · 33.1%") && en.contains("Other (5)"));
    assert_snapshot!("category_period_pl_light", pl);
    assert_snapshot!("category_period_en_dark", en);
}

#[test]
fn categories_are_sorted_by_amount_with_other_last() {
    let svg = category_chart(&categories(), "", &ChartOptions::default());
    let directions = hover_values(&svg, "direction");
    let values: Vec<f64> = hover_values(&svg, "value")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    let labels = hover_values(&svg, "category");
    assert_eq!(directions.iter().filter(|d| *d == "out").count(), TOP_ROWS);
    assert_eq!(directions[0], "out", "outflows first");
    let outflows = &values[..TOP_ROWS - 1];
    assert!(
        outflows.windows(2).all(|w| w[0] >= w[1]),
        "descending: {outflows:?}"
    );
    assert_eq!(labels[TOP_ROWS - 1], "Pozostałe (5)");
    let other_total = 1890.35 + 1620.00 + 640.00 + 212.40 + 2480.00;
    assert!(
        (values[TOP_ROWS - 1] - other_total).abs() < 1e-6,
        "other adds up the folded rows"
    );
    assert_eq!(labels[TOP_ROWS], "Wynagrodzenie", "largest inflow first");
}

#[test]
fn both_sections_share_one_scale() {
    let svg = category_chart(
        &[
            row("A", "1000", Direction::Out),
            row("B", "1000", Direction::In),
            row("C", "250", Direction::In),
        ],
        "",
        &ChartOptions::default(),
    );
    let widths: Vec<i32> = svg
        .split("<rect ")
        .filter(|r| r.contains("fill=\"#F28E2B\"") || r.contains("fill=\"#4E79A7\""))
        .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert_eq!(widths.len(), 3, "three bars (legend has no swatches here)");
    assert_eq!(
        widths[0], widths[1],
        "equal amounts, equal bars across sections"
    );
    assert!((widths[2] * 4 - widths[0]).abs() <= 4, "{widths:?}");
}

#[test]
fn a_hundred_thousand_rows_are_added_up_and_folded() {
    let rows: Vec<CategoryAmount> = (0..100_000)
        .map(|index| {
            let direction = if index % 3 == 0 {
                Direction::In
            } else {
                Direction::Out
            };
            row(&format!("Kategoria {}", index % 40), "1.25", direction)
        })
        .collect();
    let started = Instant::now();
    let svg = category_chart(&rows, "2020–2024", &options(Locale::Pl, Theme::Dark));
    assert!(
        started.elapsed().as_millis() < 2_000,
        "{:?}",
        started.elapsed()
    );
    assert_well_formed(&svg);
    assert!(svg.len() < 100_000, "{} bytes", svg.len());
    assert_eq!(hover_values(&svg, "value").len(), 2 * TOP_ROWS);
}

#[test]
fn short_charts_fold_more_and_long_names_are_shortened() {
    let mut rows = categories();
    rows[0].label = "Mieszkanie, czynsz, media i opłaty administracyjne wspólnoty".to_owned();
    let svg = category_chart(
        &rows,
        "",
        &ChartOptions {
            height: 200,
            ..ChartOptions::default()
        },
    );
    assert_well_formed(&svg);
    let shown = hover_values(&svg, "value").len();
    assert!(shown < 2 * TOP_ROWS - 3, "fewer rows fit 200 px ({shown})");
    assert!(svg.contains('…'), "a long category name is shortened");
}

#[test]
fn markup_in_labels_and_the_period_is_escaped() {
    let svg = category_chart(
        &[row("Sklep \"A&B\" <Kraków>", "10", Direction::Out)],
        "Q1 <2024> & more",
        &ChartOptions::default(),
    );
    assert_well_formed(&svg);
    assert!(
        !svg.contains("<Kraków>") && !svg.contains("<2024>"),
        "no raw markup"
    );
    assert!(svg.contains("&lt;Kraków&gt;") && svg.contains("&quot;A&amp;B&quot;"));
    assert!(svg.contains("<title>Kategorie — Q1 &lt;2024&gt; &amp; more</title>"));
}
