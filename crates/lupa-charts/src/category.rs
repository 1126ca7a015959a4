//! F-CHA-3: outflows and inflows by category for one period, as horizontal bars.
//!
//! Two sections, outflows first, each headed by its total. Within a section categories are sorted
//! by amount (then by name, so ties are stable); when there are more than [`TOP_ROWS`], the
//! largest `TOP_ROWS - 1` are shown and the rest are added up as "other (n)", always last. Both
//! sections share one scale, so an outflow bar and an inflow bar of equal length are equal
//! amounts. Each bar is labelled with its amount and its share of the section. Rows shrink to fit
//! the height, and categories are folded into "other" sooner when even the smallest rows do not.

use std::collections::BTreeMap;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use rust_decimal::Decimal;

use crate::canvas::{self, Canvas, DrawResult, PAD, fit, render, style};
use crate::downsample::coordinate;
use crate::format;
use crate::model::{CategoryAmount, ChartOptions, Direction};
use crate::theme::LABEL_PX;
use crate::ticks::text_width;

/// Most rows per section, "other" included.
pub const TOP_ROWS: usize = 8;
/// Height of a section header, in pixels.
const HEADER_PX: i32 = 24;
/// Smallest and largest row height, in pixels.
const ROW_PX: (i32, i32) = (15, 26);

struct Row {
    label: String,
    amount: Decimal,
    other: bool,
}

struct Section {
    direction: Direction,
    total: Decimal,
    rows: Vec<Row>,
}

/// Renders the category chart (F-CHA-3) for the period named by `period` as an SVG document.
pub fn category_chart(
    categories: &[CategoryAmount],
    period: &str,
    options: &ChartOptions,
) -> String {
    let words = options.locale.words();
    let title = if period.is_empty() {
        words.category_title.to_owned()
    } else {
        format!("{} — {period}", words.category_title)
    };
    render(options, "category", &title, |canvas| {
        draw(canvas, categories)
    })
}

fn draw(canvas: &mut Canvas, categories: &[CategoryAmount]) -> DrawResult {
    let mut totals: BTreeMap<(bool, &str), Decimal> = BTreeMap::new();
    for category in categories {
        let key = (category.direction == Direction::In, category.label.as_str());
        *totals.entry(key).or_default() += category.amount.abs();
    }
    let mut sections: Vec<(Direction, Vec<(&str, Decimal)>)> = [Direction::Out, Direction::In]
        .into_iter()
        .map(|direction| {
            let mut items: Vec<(&str, Decimal)> = totals
                .iter()
                .filter(|((inflow, _), amount)| {
                    *inflow == (direction == Direction::In) && !amount.is_zero()
                })
                .map(|((_, label), amount)| (*label, *amount))
                .collect();
            items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            (direction, items)
        })
        .filter(|(_, items)| !items.is_empty())
        .collect();
    if sections.is_empty() {
        return canvas.no_data();
    }

    let top = canvas.below_title();
    let headers = sections.len() as i32;
    let available = canvas.height - top - PAD / 2 - headers * HEADER_PX;
    let mut top_rows = TOP_ROWS;
    while top_rows > 2 && rows_needed(&sections, top_rows) * ROW_PX.0 > available {
        top_rows -= 1;
    }
    let rows_total = rows_needed(&sections, top_rows).max(1);
    let row_px = (available / rows_total).clamp(ROW_PX.0, ROW_PX.1);
    let sections: Vec<Section> = sections
        .drain(..)
        .map(|(d, items)| fold(canvas, d, items, top_rows))
        .collect();

    let largest = sections
        .iter()
        .flat_map(|section| section.rows.iter().map(|row| row.amount))
        .max()
        .unwrap_or_default();
    let (currency, locale) = (canvas.currency.clone(), canvas.locale);
    let value_text = |row: &Row, section: &Section| {
        let share = ratio(row.amount, section.total);
        let amount = format::money(row.amount, &currency, locale);
        format!("{amount} · {}", format::percent(share, locale))
    };
    let widest = |f: &dyn Fn(&Section, &Row) -> String| {
        sections
            .iter()
            .flat_map(|section| section.rows.iter().map(move |row| (section, row)))
            .map(|(section, row)| text_width(&f(section, row), LABEL_PX))
            .fold(0.0, f64::max)
    };
    let label_column = widest(&|_, row| row.label.clone())
        .min(f64::from(canvas.width) * 0.3)
        .ceil() as i32;
    let value_column = widest(&|section, row| value_text(row, section)).ceil() as i32;
    let bar_left = PAD + label_column + 10;
    let bar_right = (canvas.width - PAD - value_column - 8).max(bar_left + 20);
    let scale = f64::from(bar_right - bar_left) / coordinate(largest).max(f64::MIN_POSITIVE);

    let words = canvas.locale.words();
    let palette = canvas.palette;
    let header_style = style(12.0, palette.text, HPos::Left, VPos::Center, true);
    let label_style = style(LABEL_PX, palette.text, HPos::Right, VPos::Center, false);
    let value_style = style(LABEL_PX, palette.muted, HPos::Left, VPos::Center, false);
    let mut y = top;
    for section in &sections {
        let (name, colour) = match section.direction {
            Direction::Out => (words.outflows, palette.outflow),
            Direction::In => (words.inflows, palette.inflow),
        };
        let header = format!("{name} · {} {}", words.total, canvas.money(section.total));
        canvas.text(&header, (PAD, y + HEADER_PX / 2), &header_style)?;
        y += HEADER_PX;
        for row in &section.rows {
            let centre = y + row_px / 2;
            let label = fit(&row.label, f64::from(label_column), LABEL_PX);
            canvas.text(&label, (bar_left - 10, centre), &label_style)?;
            let length = (coordinate(row.amount) * scale).round().max(1.0) as i32;
            let thickness = (f64::from(row_px) * 0.62).round() as i32;
            let bar_top = centre - thickness / 2;
            let bar_colour = if row.other { palette.other } else { colour };
            let corners = [
                (bar_left, bar_top),
                (bar_left + length, bar_top + thickness),
            ];
            canvas
                .area
                .draw(&Rectangle::new(corners, canvas::fill(bar_colour, 1.0)))?;
            let value = value_text(row, section);
            canvas.text(&value, (bar_left + length + 6, centre), &value_style)?;

            let direction = match section.direction {
                Direction::Out => "out",
                Direction::In => "in",
            };
            let data = [
                ("category", row.label.clone()),
                ("direction", direction.to_owned()),
                ("value", row.amount.to_string()),
                ("share", format!("{:.4}", ratio(row.amount, section.total))),
            ];
            let tooltip = format!("{name} — {}\n{value}", row.label);
            canvas.hover((PAD, y), (canvas.width - 2 * PAD, row_px), &data, &tooltip);
            y += row_px;
        }
    }
    Ok(())
}

/// Rows drawn with at most `top_rows` per section.
fn rows_needed(sections: &[(Direction, Vec<(&str, Decimal)>)], top_rows: usize) -> i32 {
    sections
        .iter()
        .map(|(_, items)| items.len().min(top_rows) as i32)
        .sum()
}

/// The section with the smallest categories folded into "other (n)" beyond `top_rows` rows.
fn fold(
    canvas: &Canvas,
    direction: Direction,
    items: Vec<(&str, Decimal)>,
    top_rows: usize,
) -> Section {
    let total = items.iter().map(|(_, amount)| *amount).sum();
    let shown = if items.len() <= top_rows {
        items.len()
    } else {
        top_rows - 1
    };
    let mut rows: Vec<Row> = items[..shown]
        .iter()
        .map(|(label, amount)| Row {
            label: (*label).to_owned(),
            amount: *amount,
            other: false,
        })
        .collect();
    if items.len() > shown {
        let rest = &items[shown..];
        rows.push(Row {
            label: format!("{} ({})", canvas.locale.words().other, rest.len()),
            amount: rest.iter().map(|(_, amount)| *amount).sum(),
            other: true,
        });
    }
    Section {
        direction,
        total,
        rows,
    }
}

/// `part / whole` as a fraction, zero when the whole is zero.
fn ratio(part: Decimal, whole: Decimal) -> f64 {
    if whole.is_zero() {
        return 0.0;
    }
    coordinate(part / whole)
}
