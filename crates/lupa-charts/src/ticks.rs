//! Axis ticks: "nice" value steps, and calendar ticks whose density follows the span.
//!
//! Time ticks are chosen from days, weeks (Mondays), months, quarters, half-years and years: the
//! finest unit whose narrowest spacing still leaves room for its widest label plus a gap. A
//! second row carries the year under the first tick and under the first tick of each new year,
//! and a year label that would touch its neighbour is dropped. Label widths are estimated from the
//! character count, generously enough for the wide fonts (DejaVu Sans), since SVG text is measured
//! only by whoever renders it.

use chrono::{Datelike, NaiveDate};

use crate::format;
use crate::model::Locale;

/// Estimated width of average glyphs as a fraction of the font size (generous for DejaVu Sans).
const GLYPH_EM: f64 = 0.62;
/// The least horizontal gap between two labels, in pixels.
pub(crate) const LABEL_GAP: f64 = 12.0;

/// Estimated rendered width of `text` at `px` pixels.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * GLYPH_EM
}

/// A value axis: its range, ticks and how to print them.
#[derive(Debug, Clone)]
pub(crate) struct ValueAxis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    decimals: usize,
    millions: bool,
}

impl ValueAxis {
    /// Ticks on a 1–2–2.5–5 step covering `min..=max` with at most `max_ticks` intervals.
    pub(crate) fn new(min: f64, max: f64, max_ticks: usize) -> ValueAxis {
        let (mut min, mut max) = if min.is_finite() && max.is_finite() && min <= max {
            (min, max)
        } else {
            (0.0, 0.0)
        };
        if max - min < f64::EPSILON * max.abs().max(1.0) {
            min = min.min(0.0);
            max = max.max(0.0);
            if max - min < f64::EPSILON * max.abs().max(1.0) {
                max = min + 100.0;
            }
        }
        let raw = (max - min) / max_ticks.max(1) as f64;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|step| *step >= raw * (1.0 - 1e-9))
            .unwrap_or(10.0 * magnitude);
        // The tolerance keeps a bound that is a multiple of the step (like zero) from gaining an
        // extra tick through rounding.
        let first = (min / step + 1e-9).floor() as i64;
        let last = (max / step - 1e-9).ceil() as i64;
        let ticks: Vec<f64> = (first..=last).map(|k| k as f64 * step).collect();
        let extent = min.abs().max(max.abs());
        let millions = extent >= 1e6 && step >= 1e5;
        let unit = if millions { step / 1e6 } else { step };
        let decimals = (0..=2)
            .find(|d| {
                let scaled = unit * 10f64.powi(*d);
                (scaled - scaled.round()).abs() < 1e-6
            })
            .unwrap_or(2) as usize;
        ValueAxis {
            lo: first as f64 * step,
            hi: last as f64 * step,
            ticks,
            decimals,
            millions,
        }
    }

    /// The label of a tick value.
    pub(crate) fn label(&self, value: f64, locale: Locale) -> String {
        if self.millions {
            format::axis_millions(value, self.decimals, locale)
        } else {
            format::axis_number(value, self.decimals, locale)
        }
    }
}

/// A tick on a time axis; `pos` is in the axis' own unit (days or slots).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tick {
    pub pos: f64,
    pub label: String,
    /// The year, printed on a second row.
    pub year: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Days(u32),
    Weeks(u32),
    Months(u32),
    Years(u32),
}

const UNITS: [Unit; 15] = [
    Unit::Days(1),
    Unit::Days(2),
    Unit::Weeks(1),
    Unit::Weeks(2),
    Unit::Months(1),
    Unit::Months(2),
    Unit::Months(3),
    Unit::Months(6),
    Unit::Years(1),
    Unit::Years(2),
    Unit::Years(5),
    Unit::Years(10),
    Unit::Years(20),
    Unit::Years(50),
    Unit::Years(100),
];

impl Unit {
    /// The shortest distance between two ticks, in days.
    fn min_days(self) -> f64 {
        match self {
            Unit::Days(n) => f64::from(n),
            Unit::Weeks(n) => f64::from(7 * n),
            Unit::Months(n) => f64::from(28 * n),
            Unit::Years(n) => f64::from(365 * n),
        }
    }

    /// The widest label in characters (`30 wrz`, `paź`, `2024`).
    fn label_chars(self) -> usize {
        match self {
            Unit::Days(_) | Unit::Weeks(_) => 6,
            Unit::Months(_) => 3,
            Unit::Years(_) => 4,
        }
    }
}

/// The day number used as the x coordinate of dates.
pub(crate) fn day_number(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

fn absolute_month(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_start(absolute: i64) -> Option<NaiveDate> {
    let year = i32::try_from(absolute.div_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, absolute.rem_euclid(12) as u32 + 1, 1)
}

/// Ticks for days `first..end` (end exclusive) drawn at `px_per_day` pixels a day; positions are
/// day numbers (day ticks sit in the middle of their day, others on the boundary).
pub(crate) fn time_ticks(
    first: NaiveDate,
    end: NaiveDate,
    px_per_day: f64,
    label_px: f64,
    locale: Locale,
) -> Vec<Tick> {
    let char_width = text_width("0", label_px);
    let unit = UNITS
        .iter()
        .copied()
        .find(|unit| {
            unit.min_days() * px_per_day >= unit.label_chars() as f64 * char_width + LABEL_GAP
        })
        .unwrap_or(Unit::Years(100));
    let mut ticks = Vec::new();
    match unit {
        Unit::Days(n) | Unit::Weeks(n) => {
            let stride = if matches!(unit, Unit::Weeks(_)) {
                7 * n
            } else {
                n
            };
            let to_monday = if matches!(unit, Unit::Weeks(_)) {
                (7 - first.weekday().days_since(chrono::Weekday::Mon)) % 7
            } else {
                0
            };
            let mut day = first
                .checked_add_days(chrono::Days::new(u64::from(to_monday)))
                .unwrap_or(first);
            while day < end {
                let centre = if matches!(unit, Unit::Days(_)) {
                    0.5
                } else {
                    0.0
                };
                ticks.push(Tick {
                    pos: day_number(day) + centre,
                    label: format::day_month(day, locale),
                    year: Some(day.year().to_string()),
                });
                match day.checked_add_days(chrono::Days::new(u64::from(stride))) {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        Unit::Months(n) | Unit::Years(n) => {
            let months = if matches!(unit, Unit::Years(_)) {
                12 * n
            } else {
                n
            };
            let mut month = absolute_month(first);
            while month.rem_euclid(i64::from(months)) != 0 || month_start(month) < Some(first) {
                month += 1;
            }
            while let Some(day) = month_start(month).filter(|day| *day < end) {
                let (label, year) = if matches!(unit, Unit::Years(_)) {
                    (day.year().to_string(), None)
                } else {
                    let abbr = format::month_abbr(day.month(), locale).to_owned();
                    (abbr, Some(day.year().to_string()))
                };
                ticks.push(Tick {
                    pos: day_number(day),
                    label,
                    year,
                });
                month += i64::from(months);
            }
        }
    }
    resolve_years(&mut ticks, px_per_day, label_px);
    ticks
}

/// Ticks for `slots` bars of `months_per_slot` months each, the first starting at the month of
/// `first`, drawn `px_per_slot` pixels apart; positions are slot indices plus one half (centres).
pub(crate) fn slot_ticks(
    first: NaiveDate,
    months_per_slot: u32,
    slots: usize,
    px_per_slot: f64,
    label_px: f64,
    locale: Locale,
) -> Vec<Tick> {
    let char_width = text_width("0", label_px);
    let per_slot = months_per_slot.max(1);
    let steps = [1u32, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200];
    let step = steps
        .iter()
        .copied()
        .filter(|step| step % per_slot == 0)
        .find(|step| {
            let chars = if *step >= 12 { 4.0 } else { 3.0 };
            f64::from(step / per_slot) * px_per_slot >= chars * char_width + LABEL_GAP
        })
        .unwrap_or(1200);
    let start = absolute_month(first) - absolute_month(first).rem_euclid(i64::from(per_slot));
    let mut ticks = Vec::new();
    for slot in 0..slots {
        let month = start + slot as i64 * i64::from(per_slot);
        if month.rem_euclid(i64::from(step)) != 0 {
            continue;
        }
        let Some(day) = month_start(month) else {
            continue;
        };
        let (label, year) = if step >= 12 {
            (day.year().to_string(), None)
        } else {
            let abbr = format::month_abbr(day.month(), locale).to_owned();
            (abbr, Some(day.year().to_string()))
        };
        ticks.push(Tick {
            pos: slot as f64 + 0.5,
            label,
            year,
        });
    }
    resolve_years(&mut ticks, px_per_slot, label_px);
    ticks
}

/// Keeps the year only where it changes, and drops a year label that would touch its neighbour
/// (the first tick's year gives way to the next new year's).
fn resolve_years(ticks: &mut [Tick], px_per_unit: f64, label_px: f64) {
    let mut previous: Option<String> = None;
    for tick in ticks.iter_mut() {
        let year = tick.year.take();
        if year != previous {
            tick.year.clone_from(&year);
        }
        previous = year;
    }
    let needed = text_width("0000", label_px) + LABEL_GAP;
    let shown: Vec<usize> = (0..ticks.len())
        .filter(|i| ticks[*i].year.is_some())
        .collect();
    if let [first, second, ..] = shown[..]
        && (ticks[second].pos - ticks[first].pos) * px_per_unit < needed
    {
        ticks[first].year = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn value_axis_uses_nice_steps_and_covers_the_data() {
        let axis = ValueAxis::new(-1234.0, 18_700.0, 5);
        assert_eq!(
            axis.ticks,
            vec![-5000.0, 0.0, 5000.0, 10000.0, 15000.0, 20000.0]
        );
        assert_eq!(axis.label(15000.0, Locale::Pl), "15\u{a0}000");
        let flat = ValueAxis::new(0.0, 0.0, 5);
        assert!(flat.hi > flat.lo, "an all-zero series still gets a range");
        let big = ValueAxis::new(0.0, 2_400_000.0, 5);
        assert_eq!(big.label(500_000.0, Locale::En), "0.5M");
    }

    #[test]
    fn density_follows_the_span() {
        let week = time_ticks(day(2024, 3, 1), day(2024, 3, 8), 100.0, 11.0, Locale::Pl);
        assert_eq!(week.len(), 7, "one tick per day for a week at 100 px a day");
        assert_eq!(week[0].label, "1 mar");
        assert_eq!(week[0].year.as_deref(), Some("2024"));
        assert_eq!(week[1].year, None);
        let years = time_ticks(
            day(2019, 5, 3),
            day(2024, 5, 3),
            760.0 / 1827.0,
            11.0,
            Locale::En,
        );
        assert!(years.iter().all(|tick| tick.label.len() == 3), "{years:?}");
        assert!(
            years.len() >= 10 && years.len() <= 20,
            "quarters or half-years: {years:?}"
        );
        let centuries = time_ticks(day(1800, 1, 1), day(2100, 1, 1), 0.007, 11.0, Locale::En);
        assert!(
            centuries
                .iter()
                .all(|tick| tick.label.parse::<i32>().is_ok())
        );
    }

    #[test]
    fn slot_ticks_align_to_calendar_quarters() {
        let ticks = slot_ticks(day(2020, 2, 1), 1, 60, 12.0, 11.0, Locale::Pl);
        assert_eq!(ticks[0].label, "kwi");
        assert!(
            ticks
                .iter()
                .all(|t| ["sty", "kwi", "lip", "paź"].contains(&t.label.as_str()))
        );
        assert_eq!(ticks[0].year.as_deref(), Some("2020"));
    }
}
