//! F-CHA-2 cash-flow chart: snapshots, aggregation, income highlight, grouping and ticks.

use std::time::Instant;

use insta::assert_snapshot;
use lupa_charts::{ChartOptions, Locale, MonthFlow, Theme, cashflow_chart};
use rust_decimal::Decimal;

use crate::common::*;

#[test]
fn empty_input_draws_a_no_data_message() {
    let svg = cashflow_chart(&[], &options(Locale::Pl, Theme::Light));
    assert_well_formed(&svg);
    assert!(svg.contains("Brak danych") && svg.contains("data-empty=\"true\""));
    assert_snapshot!("cashflow_empty_pl_light", svg);
}

#[test]
fn a_single_month_is_one_narrow_group_with_its_numbers_in_the_tooltip() {
    let month = MonthFlow {
        month: day(2024, 3, 1),
        inflow: dec("10234.50"),
        outflow: dec("-7000"),
        income: dec("8450.00"),
    };
    let svg = cashflow_chart(&[month], &options(Locale::Pl, Theme::Light));
    assert_well_formed(&svg);
    assert_eq!(hover_values(&svg, "month"), ["2024-03"]);
    assert_eq!(
        hover_values(&svg, "outflow"),
        ["7000"],
        "outflows are magnitudes"
    );
    assert!(svg.contains(
        "<title>marzec 2024\nWpływy: 10\u{a0}234,50\u{a0}zł\nDochód: 8\u{a0}450,00\u{a0}zł\n\
         Wypływy: 7\u{a0}000,00\u{a0}zł\nSaldo netto: 3\u{a0}234,50\u{a0}zł</title>"
    ));
    let widths: Vec<i32> = svg
        .split("<rect ")
        .filter(|r| r.contains("fill=\"#F28E2B\""))
        .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    assert!(
        widths.iter().any(|w| *w <= 28 && *w > 10),
        "a capped bar, not a block: {widths:?}"
    );
    assert_snapshot!("cashflow_single_month_pl_light", svg);
}

#[test]
fn income_is_highlighted_inside_the_inflow_bar() {
    let svg = cashflow_chart(
        &flows(day(2024, 1, 1), 12, 3),
        &options(Locale::Pl, Theme::Light),
    );
    let income_bars = svg.matches("fill=\"#4E79A7\"").count();
    let inflow_bars = svg.matches("fill=\"#B7CBE2\"").count();
    assert!(
        income_bars >= 11,
        "income drawn for the 11 months with income ({income_bars})"
    );
    assert!(inflow_bars >= 12, "inflows for every month ({inflow_bars})");
    assert!(svg.contains("w tym dochód"), "legend names the highlight");
}

#[test]
fn a_typical_year_in_both_locales_and_themes() {
    let data = flows(day(2024, 1, 1), 12, 3);
    let pl = cashflow_chart(&data, &options(Locale::Pl, Theme::Light));
    let en = cashflow_chart(&data, &options(Locale::En, Theme::Dark));
    for (svg, months) in [(&pl, ["sty", "cze", "gru"]), (&en, ["Jan", "Jun", "Dec"])] {
        assert_well_formed(svg);
        let labels: Vec<String> = tick_rows(svg)[0].iter().map(|t| t.text.clone()).collect();
        assert_eq!(labels.len(), 12, "every month labelled: {labels:?}");
        for month in months {
            assert!(labels.contains(&month.to_owned()));
        }
        assert_ticks_readable(svg, 800.0, "cash-flow year");
        assert!(
            !svg.contains(">\n-"),
            "no negative value ticks on a chart of magnitudes"
        );
    }
    assert!(pl.contains("Wpływy i wypływy miesięcznie"));
    assert!(en.contains("PLN\u{a0}") && en.contains("fill=\"#1B1E24\""));
    assert_snapshot!("cashflow_year_pl_light", pl);
    assert_snapshot!("cashflow_year_en_dark", en);
}

#[test]
fn five_years_stay_monthly_at_full_width_and_become_quarterly_when_narrow() {
    let data = flows(day(2020, 3, 1), 60, 3);
    let wide = cashflow_chart(&data, &options(Locale::En, Theme::Light));
    assert_well_formed(&wide);
    assert_eq!(hover_values(&wide, "month").len(), 60);
    assert_ticks_readable(&wide, 800.0, "five years");
    assert_snapshot!("cashflow_five_years_en_light", wide);

    let narrow = cashflow_chart(
        &data,
        &ChartOptions {
            width: 420,
            ..options(Locale::Pl, Theme::Light)
        },
    );
    assert!(
        narrow.contains("Wpływy i wypływy kwartalnie"),
        "the title says the bars are quarters"
    );
    assert_eq!(hover_values(&narrow, "months")[0], "3");
    assert!(narrow.contains("<title>I kw. 2020\n"), "quarters are named");
    assert_ticks_readable(&narrow, 420.0, "narrow five years");
}

#[test]
fn a_hundred_thousand_rows_are_added_up_by_month() {
    let months: Vec<_> = month_starts(day(2020, 1, 1), 60).collect();
    let rows: Vec<MonthFlow> = (0..100_000)
        .map(|index| MonthFlow {
            month: months[index % 60],
            inflow: dec("1.00"),
            outflow: dec("0.50"),
            income: Decimal::ZERO,
        })
        .collect();
    let started = Instant::now();
    let svg = cashflow_chart(&rows, &ChartOptions::default());
    assert!(
        started.elapsed().as_millis() < 2_000,
        "{:?}",
        started.elapsed()
    );
    assert_well_formed(&svg);
    assert!(svg.len() < 1_000_000);
    let inflows = hover_values(&svg, "inflow");
    assert_eq!(inflows.len(), 60);
    assert!(
        inflows.iter().all(|v| v == "1666.00" || v == "1667.00"),
        "{inflows:?}"
    );
}

#[test]
fn a_hundred_thousand_distinct_months_are_grouped_and_bounded() {
    let rows: Vec<MonthFlow> = month_starts(day(1000, 1, 1), 100_000)
        .map(|month| MonthFlow {
            month,
            inflow: dec("10"),
            outflow: dec("5"),
            income: dec("1"),
        })
        .collect();
    let svg = cashflow_chart(&rows, &ChartOptions::default());
    assert_well_formed(&svg);
    assert!(svg.len() < 1_000_000, "{} bytes", svg.len());
    assert!(svg.contains("Wpływy i wypływy rocznie"));
    let months = hover_values(&svg, "month");
    assert_eq!(
        months.last().map(String::as_str),
        Some("9333-01"),
        "the most recent years are kept"
    );
    assert_ticks_readable(&svg, 800.0, "centuries");
}
