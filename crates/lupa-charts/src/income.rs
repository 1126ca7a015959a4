//! F-CHA-4: income stability, as monthly income stacked by source.
//!
//! Sources are ordered by their total, largest at the bottom of every bar, so the main employer
//! forms a steady base and irregular sources sit on top. At most five groups are drawn: every
//! source when there are five or fewer, else the four largest and "other (n)". A dashed line
//! marks the average over every month of the range, months without income included, and the
//! legend gives its value. Months are grouped by quarter or year only when they would be narrower
//! than four pixels. Amounts of one source in one month are added up first, so a reversal nets
//! out; what stays negative is drawn as nothing.

use std::collections::BTreeMap;

use plotters::element::DashedPathElement;
use plotters::prelude::*;
use rust_decimal::Decimal;

use crate::canvas::{self, Canvas, DrawResult, Swatch, render};
use crate::cashflow::{bar_plot, max_slots};
use crate::downsample::coordinate;
use crate::model::{ChartOptions, MonthIncome};
use crate::slots::{Slots, absolute_month};

/// Narrowest slot, in pixels, before months are grouped.
const MIN_SLOT_PX: u32 = 4;
/// Widest bar, in pixels.
const MAX_BAR_PX: f64 = 36.0;
/// Most groups per bar: with more sources, the largest `TOP_SOURCES - 1` keep their own colour and
/// the rest become "other (n)".
const TOP_SOURCES: usize = 5;

/// Renders the income-by-source chart (F-CHA-4) as an SVG document.
pub fn income_chart(months: &[MonthIncome], options: &ChartOptions) -> String {
    let mut by_month: BTreeMap<i64, BTreeMap<&str, Decimal>> = BTreeMap::new();
    for row in months {
        let month = by_month.entry(absolute_month(row.month)).or_default();
        for (source, amount) in &row.by_source {
            *month.entry(source.as_str()).or_default() += *amount;
        }
    }
    let words = options.locale.words();
    let slots = match (by_month.keys().next(), by_month.keys().next_back()) {
        (Some(first), Some(last)) => {
            Some(Slots::new(*first, *last, max_slots(options, MIN_SLOT_PX)))
        }
        _ => None,
    };
    let title = match slots.map(|slots| slots.months) {
        Some(3) => words.income_title_quarterly,
        Some(12) => words.income_title_yearly,
        _ => words.income_title,
    };
    render(options, "income", title, |canvas| match slots {
        Some(slots) => draw(canvas, &by_month, slots),
        None => canvas.no_data(),
    })
}

fn draw(
    canvas: &mut Canvas,
    by_month: &BTreeMap<i64, BTreeMap<&str, Decimal>>,
    slots: Slots,
) -> DrawResult {
    let mut totals: BTreeMap<&str, Decimal> = BTreeMap::new();
    for sources in by_month.values() {
        for (source, amount) in sources {
            *totals.entry(source).or_default() += (*amount).max(Decimal::ZERO);
        }
    }
    let mut order: Vec<(&str, Decimal)> = totals.into_iter().collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named = if order.len() <= TOP_SOURCES {
        order.len()
    } else {
        TOP_SOURCES - 1
    };
    let has_other = order.len() > named;
    let group_of = |source: &str| {
        order[..named]
            .iter()
            .position(|(name, _)| *name == source)
            .unwrap_or(named)
    };
    let groups = named + usize::from(has_other);

    // amounts[slot][group]
    let mut amounts = vec![vec![Decimal::ZERO; groups]; slots.count];
    for (month, sources) in by_month {
        let Some(slot) = slots.index(*month) else {
            continue;
        };
        for (source, amount) in sources {
            amounts[slot][group_of(source)] += (*amount).max(Decimal::ZERO);
        }
    }
    let words = canvas.locale.words();
    let palette = canvas.palette;
    let colour = |group: usize| {
        if group < named {
            palette.sources[group % palette.sources.len()]
        } else {
            palette.other
        }
    };
    let name = |group: usize| {
        if group < named {
            order[group].0.to_owned()
        } else {
            format!("{} ({})", words.other, order.len() - named)
        }
    };

    let slot_totals: Vec<Decimal> = amounts
        .iter()
        .map(|slot| slot.iter().copied().sum())
        .collect();
    let total: Decimal = slot_totals.iter().copied().sum();
    let average = total / Decimal::from(slots.count.max(1));
    let mut entries: Vec<(Swatch, String)> = (0..groups)
        .map(|group| (Swatch::Box(colour(group)), name(group)))
        .collect();
    let average_label = format!(
        "{} {} / {}",
        words.average,
        canvas.money(average),
        slots.per(canvas.locale)
    );
    entries.push((Swatch::Dashed(palette.text), average_label));
    let top = canvas.legend(&entries, canvas.below_title())?;
    let high = slot_totals.iter().copied().max().unwrap_or_default();
    let plot = bar_plot(canvas, top, high, slots)?;

    for (slot, groups_in_slot) in amounts.iter().enumerate() {
        let (left, right) = (plot.px(slot as f64), plot.px(slot as f64 + 1.0));
        let width = (f64::from(right - left) * 0.7).clamp(1.0, MAX_BAR_PX);
        let centre = f64::from(left + right) / 2.0;
        let x = (
            (centre - width / 2.0).round() as i32,
            (centre + width / 2.0).round() as i32,
        );
        let month_name = slots.name(slot, canvas.locale);
        let slot_total = slot_totals[slot];
        let total_line = format!("{}: {}", words.sum, canvas.money(slot_total));
        let mut base = Decimal::ZERO;
        let mut any = false;
        for (group, amount) in groups_in_slot.iter().enumerate() {
            if amount.is_zero() {
                continue;
            }
            any = true;
            let (bottom, top_value) = (base, base + *amount);
            base = top_value;
            stacked_rect(canvas, &plot, x, (bottom, top_value), colour(group))?;
            let (y_top, y_bottom) = (plot.py(coordinate(top_value)), plot.py(coordinate(bottom)));
            let tooltip = format!(
                "{month_name}\n{}: {}\n{total_line}",
                name(group),
                canvas.money(*amount)
            );
            let data = [
                ("month", slots.key(slot)),
                ("months", slots.months.to_string()),
                ("source", name(group)),
                ("value", amount.to_string()),
                ("total", slot_total.to_string()),
            ];
            let (top_px, height) = (y_top.min(y_bottom), (y_bottom - y_top).abs());
            canvas.hover((x.0, top_px), (x.1 - x.0, height), &data, &tooltip);
        }
        if !any {
            let data = [
                ("month", slots.key(slot)),
                ("months", slots.months.to_string()),
                ("total", "0".to_owned()),
            ];
            let tooltip = format!("{month_name}\n{total_line}");
            canvas.hover(
                (left, plot.top),
                (right - left, plot.bottom - plot.top),
                &data,
                &tooltip,
            );
        }
    }
    let y = plot.py(coordinate(average));
    canvas.area.draw(&DashedPathElement::new(
        vec![(plot.left, y), (plot.right, y)],
        6,
        4,
        canvas::stroke(palette.text, 1),
    ))?;
    Ok(())
}

/// A stacked segment between two cumulative values.
fn stacked_rect(
    canvas: &Canvas,
    plot: &canvas::Plot,
    x: (i32, i32),
    (bottom, top): (Decimal, Decimal),
    colour: RGBColor,
) -> DrawResult {
    let (y0, y1) = (plot.py(coordinate(bottom)), plot.py(coordinate(top)));
    if y0 == y1 {
        return Ok(());
    }
    let corners = [(x.0, y0.min(y1)), (x.1.max(x.0 + 1), y0.max(y1))];
    canvas
        .area
        .draw(&Rectangle::new(corners, canvas::fill(colour, 1.0)))
}
