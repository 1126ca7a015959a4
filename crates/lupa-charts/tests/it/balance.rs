//! F-CHA-1 balance chart: snapshots, locale formatting, negative shading, downsampling and ticks.

use std::time::Instant;

use chrono::Days;
use insta::assert_snapshot;
use lupa_charts::{AccountSeries, ChartOptions, Locale, Theme, balance_chart};

use crate::common::*;

fn account(points: &[(chrono::NaiveDate, &str)]) -> AccountSeries {
    AccountSeries {
        label: "Konto osobiste …4821".to_owned(),
        currency: "PLN".to_owned(),
        points: points
            .iter()
            .map(|(day, value)| (*day, dec(value)))
            .collect(),
    }
}

#[test]
fn empty_input_draws_a_no_data_message_in_both_locales() {
    let pl = balance_chart(&[], &options(Locale::Pl, Theme::Light));
    let en = balance_chart(&[account(&[])], &options(Locale::En, Theme::Dark));
    for svg in [&pl, &en] {
        assert_well_formed(svg);
        assert!(
            svg.contains("data-empty=\"true\""),
            "marked empty for the UI"
        );
        assert!(!svg.contains("lupa-hover"), "nothing to hover");
    }
    assert!(pl.contains("Brak danych"));
    assert!(en.contains("No data"));
    assert_snapshot!("balance_empty_pl_light", pl);
    assert_snapshot!("balance_empty_en_dark", en);
}

#[test]
fn a_single_day_is_one_labelled_day() {
    let svg = balance_chart(
        &[account(&[(day(2024, 3, 5), "1234.56")])],
        &options(Locale::En, Theme::Light),
    );
    assert_well_formed(&svg);
    assert!(svg.contains("data-empty=\"false\""));
    let rows = tick_rows(&svg);
    assert_eq!(
        rows[0].iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ["5 Mar"]
    );
    assert_eq!(rows[1][0].text, "2024", "the year row under the first tick");
    assert_eq!(hover_values(&svg, "from"), ["2024-03-05"]);
    assert!(
        svg.contains("5 Mar 2024\nKonto osobiste …4821: PLN\u{a0}1,234.56"),
        "tooltip text"
    );
    assert_snapshot!("balance_single_day_en_light", svg);
}

#[test]
fn a_typical_year_in_polish_uses_polish_months_and_money() {
    let svg = balance_chart(
        &three_accounts(day(2024, 1, 1), 366),
        &options(Locale::Pl, Theme::Light),
    );
    assert_well_formed(&svg);
    let labels: Vec<String> = tick_rows(&svg)[0].iter().map(|t| t.text.clone()).collect();
    for month in ["sty", "lut", "mar", "paź", "gru"] {
        assert!(
            labels.contains(&month.to_owned()),
            "{month} missing from {labels:?}"
        );
    }
    assert!(
        svg.contains(">\nzł\n</text>"),
        "the unit above the value axis"
    );
    assert!(
        svg.contains(">\n20\u{a0}000\n</text>"),
        "grouped axis values"
    );
    let tooltip_money = svg
        .split("<title>")
        .skip(2)
        .any(|t| t.contains("\u{a0}zł") && t.contains(','));
    assert!(tooltip_money, "tooltips in the Polish format");
    assert!(svg.contains("Konto oszczędnościowe …0173"), "legend");
    assert_ticks_readable(&svg, 800.0, "year");
    assert_snapshot!("balance_year_pl_light", svg);
}

#[test]
fn a_typical_year_in_english_on_dark() {
    let svg = balance_chart(
        &three_accounts(day(2024, 1, 1), 366),
        &options(Locale::En, Theme::Dark),
    );
    assert_well_formed(&svg);
    assert!(svg.contains("fill=\"#1B1E24\""), "dark background");
    assert!(svg.contains(">\nPLN\n</text>"));
    assert!(svg.contains(">\n20,000\n</text>"));
    assert!(tick_rows(&svg)[0].iter().any(|t| t.text == "Oct"));
    assert_snapshot!("balance_year_en_dark", svg);
}

#[test]
fn five_years_of_three_accounts() {
    let svg = balance_chart(
        &three_accounts(day(2019, 6, 3), 1827),
        &options(Locale::Pl, Theme::Light),
    );
    assert_well_formed(&svg);
    let years: Vec<String> = tick_rows(&svg)[1].iter().map(|t| t.text.clone()).collect();
    assert_eq!(years, ["2019", "2020", "2021", "2022", "2023", "2024"]);
    assert_ticks_readable(&svg, 800.0, "five years");
    assert_snapshot!("balance_five_years_pl_light", svg);
}

#[test]
fn negative_shading_exists_if_and_only_if_a_balance_is_negative() {
    let positive = account(&[
        (day(2024, 1, 1), "10.00"),
        (day(2024, 1, 2), "0.00"),
        (day(2024, 1, 3), "5"),
    ]);
    let svg = balance_chart(&[positive], &ChartOptions::default());
    assert!(
        !svg.contains("<polygon"),
        "no shading without a negative balance"
    );
    assert!(!svg.contains("Saldo ujemne"), "no legend entry either");

    let dip = account(&[
        (day(2024, 1, 1), "10.00"),
        (day(2024, 1, 2), "-0.01"),
        (day(2024, 1, 3), "5"),
    ]);
    let svg = balance_chart(&[dip], &ChartOptions::default());
    assert_eq!(
        svg.matches("<polygon").count(),
        1,
        "one shaded region for one negative day"
    );
    assert!(svg.contains("fill=\"#D63A3C\""), "in the warning colour");
    assert!(svg.contains("Saldo ujemne"));
}

#[test]
fn a_hundred_thousand_points_are_downsampled_and_keep_the_lowest_balance() {
    let account = dense_account(100_000);
    let started = Instant::now();
    let svg = balance_chart(&[account], &ChartOptions::default());
    let elapsed = started.elapsed();
    assert_well_formed(&svg);
    assert!(svg.len() < 1_000_000, "{} bytes", svg.len());
    assert!(
        elapsed.as_millis() < 2_000,
        "{elapsed:?} even in a debug build"
    );
    let plot_width = 800;
    for vertices in polyline_sizes(&svg) {
        assert!(vertices <= 4 * plot_width, "{vertices} vertices");
    }
    assert!(
        svg.contains("-248210.55"),
        "the lowest balance is in the hover data"
    );
    // The lowest vertex of the drawn line is the -248 210,55 dip, not a neighbouring average.
    let line = svg
        .split("<polyline ")
        .skip(1)
        .max_by_key(|chunk| chunk.len())
        .expect("the balance line is the longest polyline");
    let lowest_y = line
        .split("points=\"")
        .nth(1)
        .and_then(|p| p.split('"').next())
        .expect("points")
        .split_whitespace()
        .filter_map(|xy| xy.split(',').nth(1)?.parse::<i32>().ok())
        .max()
        .expect("vertices");
    // Value-axis labels are right-aligned; map the dip through the two extreme ones.
    let axis: Vec<(f64, f64)> = texts(&svg)
        .into_iter()
        .filter(|t| t.anchor == "end")
        .map(|t| {
            (
                t.text
                    .replace('\u{a0}', "")
                    .parse::<f64>()
                    .expect("axis value"),
                t.y,
            )
        })
        .collect();
    let (low, high) = (axis[0], axis[axis.len() - 1]);
    assert!(
        low.0 < -248_210.55,
        "the dip is in the value range: {axis:?}"
    );
    let expected = high.1 + (low.1 - high.1) * (-248_210.55 - high.0) / (low.0 - high.0);
    assert!(
        (f64::from(lowest_y) - expected).abs() <= 1.0,
        "lowest at {lowest_y}, expected {expected}"
    );
}

#[test]
fn tick_labels_never_overlap_from_one_day_to_thirty_years() {
    for days in [1u64, 2, 7, 31, 62, 120, 366, 800, 1827, 3650, 11_000] {
        for width in [240u32, 420, 800, 1600] {
            let first = day(2021, 11, 20);
            let points: Vec<_> = (0..days)
                .step_by((days / 200).max(1) as usize)
                .map(|d| (first + Days::new(d), "1.00"))
                .collect();
            let svg = balance_chart(
                &[account(&points)],
                &ChartOptions {
                    width,
                    ..ChartOptions::default()
                },
            );
            assert_well_formed(&svg);
            let rows = tick_rows(&svg);
            assert!(
                !rows.is_empty() && !rows[0].is_empty(),
                "{days} days at {width} px: some tick"
            );
            assert_ticks_readable(
                &svg,
                f64::from(width),
                &format!("{days} days at {width} px"),
            );
        }
    }
}

#[test]
fn unsorted_input_draws_like_sorted_input_and_output_is_deterministic() {
    let sorted = three_accounts(day(2024, 1, 1), 90);
    let mut shuffled = sorted.clone();
    for account in &mut shuffled {
        account.points.reverse();
    }
    let options = ChartOptions::default();
    assert_eq!(
        balance_chart(&sorted, &options),
        balance_chart(&shuffled, &options)
    );
    assert_eq!(
        balance_chart(&sorted, &options),
        balance_chart(&sorted, &options)
    );
}

#[test]
fn hover_columns_give_closing_and_lowest_balances() {
    let svg = balance_chart(
        &[account(&[
            (day(2024, 1, 1), "100.00"),
            (day(2024, 1, 3), "-20.50"),
        ])],
        &options(Locale::Pl, Theme::Light),
    );
    assert_eq!(
        hover_values(&svg, "from"),
        ["2024-01-01", "2024-01-02", "2024-01-03"]
    );
    assert_eq!(
        hover_values(&svg, "values"),
        ["100.00", "100.00", "-20.50"],
        "held on the day without a point"
    );
    assert!(svg.contains("<title>03.01.2024\nKonto osobiste …4821: -20,50\u{a0}zł</title>"));
}

#[test]
fn tiny_sizes_are_raised_and_long_labels_shortened() {
    let mut long = account(&[(day(2024, 1, 1), "1.00")]);
    long.label = "Rachunek bieżący z bardzo długą nazwą nadaną przez bank ".repeat(4);
    let svg = balance_chart(
        &[long],
        &ChartOptions {
            width: 10,
            height: 10,
            ..ChartOptions::default()
        },
    );
    assert_well_formed(&svg);
    assert!(
        svg.contains("width=\"240\" height=\"160\""),
        "raised to the minimum size"
    );
    assert!(svg.contains('…'), "the legend label is shortened");
}
