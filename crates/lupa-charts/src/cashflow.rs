//! F-CHA-2: monthly inflows against outflows, with the income part of the inflows highlighted.
//!
//! Each month has two bars side by side: inflows (light blue) with the income part drawn over it
//! from zero in full blue ("of which income"), and outflows (orange). Months without rows are
//! empty slots, so gaps show. When months would be narrower than six pixels they are grouped by
//! quarter or year, and the title says so.

use std::collections::BTreeMap;

use plotters::prelude::*;
use rust_decimal::Decimal;

use crate::canvas::{self, Canvas, DrawResult, PAD, Plot, Swatch, render};
use crate::downsample::coordinate;
use crate::format;
use crate::model::{ChartOptions, MonthFlow};
use crate::slots::{Slots, absolute_month};
use crate::theme::LABEL_PX;
use crate::ticks::{ValueAxis, slot_ticks};

/// Narrowest slot, in pixels, before months are grouped.
const MIN_SLOT_PX: u32 = 6;
/// Widest bar, in pixels, so that a short history is not drawn as blocks.
const MAX_BAR_PX: f64 = 28.0;

#[derive(Clone, Copy, Default)]
struct Flow {
    inflow: Decimal,
    outflow: Decimal,
    income: Decimal,
}

/// Renders the cash-flow chart (F-CHA-2) as an SVG document.
pub fn cashflow_chart(months: &[MonthFlow], options: &ChartOptions) -> String {
    let mut by_month: BTreeMap<i64, Flow> = BTreeMap::new();
    for row in months {
        let flow = by_month.entry(absolute_month(row.month)).or_default();
        flow.inflow += row.inflow.abs();
        flow.outflow += row.outflow.abs();
        flow.income += row.income.abs();
    }
    let words = options.locale.words();
    let slots = match (by_month.keys().next(), by_month.keys().next_back()) {
        (Some(first), Some(last)) => {
            Some(Slots::new(*first, *last, max_slots(options, MIN_SLOT_PX)))
        }
        _ => None,
    };
    let title = match slots.map(|slots| slots.months) {
        Some(3) => words.cashflow_title_quarterly,
        Some(12) => words.cashflow_title_yearly,
        _ => words.cashflow_title,
    };
    render(options, "cashflow", title, |canvas| match slots {
        Some(slots) => draw(canvas, &by_month, slots),
        None => canvas.no_data(),
    })
}

/// How many slots of at least `min_px` fit the plot (estimated before the axis labels are known).
pub(crate) fn max_slots(options: &ChartOptions, min_px: u32) -> usize {
    let plot_width = options.size().0.saturating_sub(2 * PAD as u32 + 64);
    (plot_width / min_px).max(1) as usize
}

fn draw(canvas: &mut Canvas, by_month: &BTreeMap<i64, Flow>, slots: Slots) -> DrawResult {
    let mut flows = vec![Flow::default(); slots.count];
    for (month, flow) in by_month {
        if let Some(slot) = slots.index(*month) {
            let total = &mut flows[slot];
            total.inflow += flow.inflow;
            total.outflow += flow.outflow;
            total.income += flow.income;
        }
    }
    let words = canvas.locale.words();
    let palette = canvas.palette;
    let entries = [
        (Swatch::Box(palette.inflow_light), words.inflow.to_owned()),
        (
            Swatch::Box(palette.inflow),
            words.of_which_income.to_owned(),
        ),
        (Swatch::Box(palette.outflow), words.outflow.to_owned()),
    ];
    let top = canvas.legend(&entries, canvas.below_title())?;
    let high = flows
        .iter()
        .map(|flow| flow.inflow.max(flow.outflow).max(flow.income))
        .max()
        .unwrap_or_default();
    let plot = bar_plot(canvas, top, high, slots)?;

    for (slot, flow) in flows.iter().enumerate() {
        let (left, right) = (plot.px(slot as f64), plot.px(slot as f64 + 1.0));
        let slot_width = f64::from(right - left);
        let gap = if slot_width >= 12.0 { 2.0 } else { 0.0 };
        let bar = ((slot_width * 0.8 - gap) / 2.0).clamp(1.0, MAX_BAR_PX);
        let centre = f64::from(left + right) / 2.0;
        let inflow_x = (
            (centre - gap / 2.0 - bar).round() as i32,
            (centre - gap / 2.0).round() as i32,
        );
        let outflow_x = (
            (centre + gap / 2.0).round() as i32,
            (centre + gap / 2.0 + bar).round() as i32,
        );
        bar_rect(canvas, &plot, inflow_x, flow.inflow, palette.inflow_light)?;
        bar_rect(canvas, &plot, inflow_x, flow.income, palette.inflow)?;
        bar_rect(canvas, &plot, outflow_x, flow.outflow, palette.outflow)?;

        let money = |value| canvas.money(value);
        let tooltip = format!(
            "{}\n{}: {}\n{}: {}\n{}: {}\n{}: {}",
            slots.name(slot, canvas.locale),
            words.inflow,
            money(flow.inflow),
            words.income,
            money(flow.income),
            words.outflow,
            money(flow.outflow),
            words.net,
            money(flow.inflow - flow.outflow),
        );
        let data = [
            ("month", slots.key(slot)),
            ("months", slots.months.to_string()),
            ("inflow", flow.inflow.to_string()),
            ("income", flow.income.to_string()),
            ("outflow", flow.outflow.to_string()),
        ];
        canvas.hover(
            (left, plot.top),
            (right - left, plot.bottom - plot.top),
            &data,
            &tooltip,
        );
    }
    Ok(())
}

/// The value axis from zero to `high`, the plot, and the slot ticks under it.
pub(crate) fn bar_plot(
    canvas: &Canvas,
    top: i32,
    high: Decimal,
    slots: Slots,
) -> Result<Plot, canvas::DrawError> {
    let plot_height = f64::from(canvas.height - top - 60);
    let max_ticks = (plot_height / 45.0).clamp(2.0, 8.0) as usize;
    let axis = ValueAxis::new(0.0, coordinate(high), max_ticks);
    let x_range = (0.0, slots.count as f64);
    let mut plot = canvas.plot(top, &axis, true, x_range);
    let px_per_slot = plot.x_scale();
    let ticks = slot_ticks(
        slots.first(),
        slots.months,
        slots.count,
        px_per_slot,
        LABEL_PX,
        canvas.locale,
    );
    if ticks.iter().all(|tick| tick.year.is_none()) {
        plot = canvas.plot(top, &axis, false, x_range);
    }
    let unit = format::currency_symbol(&canvas.currency, canvas.locale).to_owned();
    canvas.value_axis(&plot, &axis, &unit)?;
    canvas.time_axis(&plot, &ticks)?;
    Ok(plot)
}

/// A bar from zero up to `value` between the pixel columns `x`; nothing for zero.
pub(crate) fn bar_rect(
    canvas: &Canvas,
    plot: &Plot,
    x: (i32, i32),
    value: Decimal,
    colour: RGBColor,
) -> DrawResult {
    let (y0, y1) = (plot.py(0.0), plot.py(coordinate(value)));
    if value.is_zero() || y0 == y1 {
        return Ok(());
    }
    let corners = [(x.0, y0.min(y1)), (x.1.max(x.0 + 1), y0.max(y1))];
    canvas
        .area
        .draw(&Rectangle::new(corners, canvas::fill(colour, 1.0)))
}
