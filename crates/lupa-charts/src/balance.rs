//! F-CHA-1: end-of-day balance per account over the whole history, negative parts shaded.
//!
//! Each account is a step line (a balance holds until the next day with a point), reduced with
//! M4 to at most four vertices per pixel column (see [`crate::downsample`]). The area between the
//! line and zero is shaded in the warning colour wherever the balance is below zero, and the zero
//! line is always in range. The hover overlay has one column per day, or per group of days once
//! days are narrower than four pixels; each column gives the closing and the lowest balance of
//! every account over its days.

use std::borrow::Cow;

use chrono::{Days, NaiveDate};
use plotters::prelude::*;
use rust_decimal::Decimal;

use crate::canvas::{self, Canvas, DrawResult, Plot, Swatch, render};
use crate::downsample::{coordinate, m4, negative_regions, step_vertices};
use crate::format;
use crate::model::{AccountSeries, ChartOptions};
use crate::theme::LABEL_PX;
use crate::ticks::{ValueAxis, day_number, time_ticks};

/// Narrowest hover column, in pixels.
const HOVER_COLUMN_PX: f64 = 4.0;

/// One account's points sorted by day (stable, so same-day points keep their order), with their
/// drawing coordinates.
struct Sorted<'a> {
    account: &'a AccountSeries,
    points: Cow<'a, [(NaiveDate, Decimal)]>,
    xy: Vec<(f64, f64)>,
}

/// Renders the balance chart (F-CHA-1) as an SVG document.
pub fn balance_chart(accounts: &[AccountSeries], options: &ChartOptions) -> String {
    let title = options.locale.words().balance_title;
    render(options, "balance", title, |canvas| draw(canvas, accounts))
}

fn draw(canvas: &mut Canvas, accounts: &[AccountSeries]) -> DrawResult {
    let series: Vec<Sorted> = accounts
        .iter()
        .filter(|account| !account.points.is_empty())
        .map(|account| {
            let mut points = Cow::Borrowed(account.points.as_slice());
            if !points.is_sorted_by_key(|(day, _)| *day) {
                points.to_mut().sort_by_key(|(day, _)| *day);
            }
            let xy = points
                .iter()
                .map(|(day, value)| (day_number(*day), coordinate(*value)))
                .collect();
            Sorted {
                account,
                points,
                xy,
            }
        })
        .collect();
    let days = || {
        series
            .iter()
            .flat_map(|s| [s.points[0].0, s.points[s.points.len() - 1].0])
    };
    let (Some(first), Some(last)) = (days().min(), days().max()) else {
        return canvas.no_data();
    };
    let end = last.checked_add_days(Days::new(1)).unwrap_or(last);
    let values = || series.iter().flat_map(|s| s.xy.iter().map(|(_, y)| *y));
    let low = values().fold(0.0, f64::min);
    let high = values().fold(0.0, f64::max);
    let any_negative = low < 0.0;

    let words = canvas.locale.words();
    let mut entries: Vec<(Swatch, String)> = series
        .iter()
        .enumerate()
        .map(|(index, s)| {
            (
                Swatch::Line(canvas.palette.series_colour(index)),
                s.account.label.clone(),
            )
        })
        .collect();
    if any_negative {
        entries.push((
            Swatch::Box(canvas.palette.negative),
            words.negative_balance.to_owned(),
        ));
    }
    let top = canvas.legend(&entries, canvas.below_title())?;

    let plot_height = f64::from(canvas.height - top - 60);
    let max_ticks = (plot_height / 45.0).clamp(2.0, 8.0) as usize;
    let axis = ValueAxis::new(low, high, max_ticks);
    let x_range = (
        day_number(first),
        day_number(end).max(day_number(first) + 1.0),
    );
    let mut plot = canvas.plot(top, &axis, true, x_range);
    let ticks = time_ticks(first, end, plot.x_scale(), LABEL_PX, canvas.locale);
    if ticks.iter().all(|tick| tick.year.is_none()) {
        plot = canvas.plot(top, &axis, false, x_range);
    }
    let unit = format::currency_symbol(&canvas.currency, canvas.locale).to_owned();
    canvas.value_axis(&plot, &axis, &unit)?;

    let columns = plot.width().max(1.0) as usize;
    let lines: Vec<Vec<(f64, f64)>> = series
        .iter()
        .map(|s| {
            m4(
                &step_vertices(&s.xy, x_range.1),
                x_range.0,
                x_range.1,
                columns,
            )
        })
        .collect();
    let palette = canvas.palette;
    for line in &lines {
        for region in negative_regions(line) {
            let pixels: Vec<(i32, i32)> = region.iter().map(|p| plot.at(*p)).collect();
            canvas.area.draw(&Polygon::new(
                pixels,
                canvas::fill(palette.negative, palette.negative_alpha),
            ))?;
        }
    }
    for (index, line) in lines.iter().enumerate() {
        let mut pixels: Vec<(i32, i32)> = line.iter().map(|p| plot.at(*p)).collect();
        pixels.dedup();
        let style = canvas::stroke(palette.series_colour(index), 2);
        canvas.area.draw(&PathElement::new(pixels, style))?;
    }
    canvas.time_axis(&plot, &ticks)?;
    hover_columns(canvas, &plot, &series, first, end);
    Ok(())
}

/// One hover column per day, or per group of days when days are narrower than the minimum.
fn hover_columns(
    canvas: &mut Canvas,
    plot: &Plot,
    series: &[Sorted],
    first: NaiveDate,
    end: NaiveDate,
) {
    let days = (end - first).num_days().max(1) as u64;
    let columns = days.min((plot.width() / HOVER_COLUMN_PX).max(1.0) as u64);
    let locale = canvas.locale;
    let lowest = locale.words().lowest;
    let mut cursors = vec![0usize; series.len()];
    // The index of the last point before the column, carried into it.
    let mut carried: Vec<Option<usize>> = vec![None; series.len()];
    for column in 0..columns {
        let from = first + Days::new(column * days / columns);
        let to = first + Days::new((column + 1) * days / columns - 1);
        let mut tooltip = format::date_range(from, to, locale);
        let (mut closing, mut lows) = (Vec::new(), Vec::new());
        for (index, s) in series.iter().enumerate() {
            let mut low = carried[index];
            while s
                .points
                .get(cursors[index])
                .is_some_and(|(day, _)| *day <= to)
            {
                let point = cursors[index];
                if low.is_none_or(|low| s.xy[point].1 < s.xy[low].1) {
                    low = Some(point);
                }
                carried[index] = Some(point);
                cursors[index] += 1;
            }
            let (Some(close), Some(low)) = (
                carried[index].map(|i| s.points[i].1),
                low.map(|i| s.points[i].1),
            ) else {
                closing.push(String::new());
                lows.push(String::new());
                continue;
            };
            let currency = &s.account.currency;
            tooltip.push('\n');
            tooltip.push_str(&s.account.label);
            tooltip.push_str(": ");
            tooltip.push_str(&format::money(close, currency, locale));
            if low < close {
                let low_text = format::money(low, currency, locale);
                tooltip.push_str(&format!(" ({lowest}: {low_text})"));
            }
            closing.push(close.to_string());
            lows.push(low.to_string());
        }
        let left = plot.px(day_number(from));
        let right = plot.px(day_number(to) + 1.0);
        let data = [
            ("from", from.to_string()),
            ("to", to.to_string()),
            ("values", closing.join(";")),
            ("mins", lows.join(";")),
        ];
        canvas.hover(
            (left, plot.top),
            (right - left, plot.bottom - plot.top),
            &data,
            &tooltip,
        );
    }
}
