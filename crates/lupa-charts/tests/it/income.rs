//! F-CHA-4 income chart: snapshots, stacking order, "other", the average line and gaps.

use std::time::Instant;

use insta::assert_snapshot;
use lupa_charts::{ChartOptions, Locale, MonthIncome, Theme, income_chart};

use crate::common::*;

fn month(date: chrono::NaiveDate, sources: &[(&str, &str)]) -> MonthIncome {
    MonthIncome {
        month: date,
        by_source: sources
            .iter()
            .map(|(s, a)| ((*s).to_owned(), dec(a)))
            .collect(),
    }
}

#[test]
fn empty_input_draws_a_no_data_message() {
    let svg = income_chart(&[], &options(Locale::Pl, Theme::Dark));
    assert_well_formed(&svg);
    assert!(svg.contains("Brak danych"));
    assert_snapshot!("income_empty_pl_dark", svg);
}

#[test]
fn a_single_month_with_one_source() {
    let svg = income_chart(
        &[month(day(2024, 2, 1), &[("ACME Sp. z o.o.", "8450.00")])],
        &options(Locale::En, Theme::Light),
    );
    assert_well_formed(&svg);
    assert!(svg.contains("average PLN\u{a0}8,450.00 / month"));
    assert_eq!(hover_values(&svg, "source"), ["ACME Sp. z o.o."]);
    assert!(svg.contains(
        "<title>February 2024\nACME Sp. z o.o.: PLN\u{a0}8,450.00\nTotal: PLN\u{a0}8,450.00</title>"
    ));
    assert_snapshot!("income_single_month_en_light", svg);
}

#[test]
fn a_typical_year_stacks_the_largest_source_at_the_bottom() {
    let data = income(day(2024, 1, 1), 12, 5);
    let pl = income_chart(&data, &options(Locale::Pl, Theme::Light));
    let en = income_chart(&data, &options(Locale::En, Theme::Dark));
    for svg in [&pl, &en] {
        assert_well_formed(svg);
        assert_ticks_readable(svg, 800.0, "income year");
    }
    let sources = hover_values(&pl, "source");
    assert_eq!(
        sources[0], "ACME Sp. z o.o.",
        "the employer is the base of the first bar"
    );
    assert!(
        pl.contains("średnio ") && pl.contains("\u{a0}zł / mies."),
        "the average in the legend"
    );
    assert_eq!(
        hover_values(&pl, "total").len(),
        sources.len(),
        "every month has income here"
    );
    assert_snapshot!("income_year_pl_light", pl);
    assert_snapshot!("income_year_en_dark", en);
}

#[test]
fn five_years_with_gaps_and_a_change_of_employer() {
    let svg = income_chart(
        &income(day(2020, 1, 1), 60, 5),
        &options(Locale::Pl, Theme::Light),
    );
    assert_well_formed(&svg);
    assert!(svg.contains("Nordbud S.A.") && svg.contains("ACME Sp. z o.o."));
    assert_ticks_readable(&svg, 800.0, "income five years");
    assert_eq!(tick_rows(&svg)[1].len(), 5, "one year label per year");
    assert_snapshot!("income_five_years_pl_light", svg);
}

#[test]
fn months_without_income_are_empty_slots_and_count_in_the_average() {
    let svg = income_chart(
        &[
            month(day(2024, 1, 1), &[("A", "3000")]),
            month(day(2024, 3, 1), &[("A", "3000")]),
        ],
        &options(Locale::Pl, Theme::Light),
    );
    assert_eq!(
        hover_values(&svg, "month"),
        ["2024-01", "2024-02", "2024-03"]
    );
    assert_eq!(hover_values(&svg, "total"), ["3000", "0", "3000"]);
    assert!(
        svg.contains("średnio 2\u{a0}000,00\u{a0}zł / mies."),
        "6000 over three months"
    );
}

#[test]
fn many_sources_fold_into_other() {
    let sources: Vec<(String, String)> = (0..9)
        .map(|i| (format!("Źródło {i}"), format!("{}", 1000 - i * 50)))
        .collect();
    let pairs: Vec<(&str, &str)> = sources
        .iter()
        .map(|(s, a)| (s.as_str(), a.as_str()))
        .collect();
    let svg = income_chart(&[month(day(2024, 5, 1), &pairs)], &ChartOptions::default());
    let shown = hover_values(&svg, "source");
    assert_eq!(
        shown,
        [
            "Źródło 0",
            "Źródło 1",
            "Źródło 2",
            "Źródło 3",
            "Pozostałe (5)"
        ]
    );
}

#[test]
fn a_hundred_thousand_rows_are_added_up() {
    let months: Vec<_> = month_starts(day(2020, 1, 1), 60).collect();
    let rows: Vec<MonthIncome> = (0..100_000)
        .map(|i| {
            month(
                months[i % 60],
                &[(["ACME", "ZUS", "Zlecenie"][(i / 60) % 3], "10.00")],
            )
        })
        .collect();
    let started = Instant::now();
    let svg = income_chart(&rows, &options(Locale::En, Theme::Light));
    assert!(
        started.elapsed().as_millis() < 2_000,
        "{:?}",
        started.elapsed()
    );
    assert_well_formed(&svg);
    assert!(svg.len() < 1_000_000);
    assert_eq!(hover_values(&svg, "month").len(), 60 * 3);
}
