//! Calendar slots for the monthly bar charts: one bar group per month, or per quarter or year when
//! months would be too narrow to draw.
//!
//! Slots are aligned to the calendar (quarters start in January, April, July and October), every
//! month between the first and the last is a slot even without data, so a month without income
//! shows as a gap. Past the yearly grouping, only the most recent years that fit are kept.

use chrono::{Datelike, NaiveDate};

use crate::format;
use crate::model::Locale;

/// Consecutive calendar periods of `months` months each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slots {
    /// The absolute month (`year * 12 + month0`) the first slot starts with.
    start: i64,
    /// Months per slot: 1, 3 or 12.
    pub months: u32,
    /// How many slots.
    pub count: usize,
}

/// The absolute month of a date: `year * 12 + month0`.
pub(crate) fn absolute_month(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn month_start(absolute: i64) -> NaiveDate {
    i32::try_from(absolute.div_euclid(12))
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, absolute.rem_euclid(12) as u32 + 1, 1))
        .unwrap_or(NaiveDate::MIN)
}

impl Slots {
    /// The finest slots covering the absolute months `first..=last` with at most `max_slots`.
    pub(crate) fn new(first: i64, last: i64, max_slots: usize) -> Slots {
        let max_slots = max_slots.max(1);
        for months in [1u32, 3, 12] {
            let size = i64::from(months);
            let start = first.div_euclid(size) * size;
            let count = (last.div_euclid(size) * size - start) / size + 1;
            if count as usize <= max_slots || months == 12 {
                let keep = (count as usize).min(max_slots);
                let start = start + (count - keep as i64) * size;
                return Slots {
                    start,
                    months,
                    count: keep,
                };
            }
        }
        unreachable!("the yearly grouping always returns")
    }

    /// The slot holding an absolute month, if it is shown.
    pub(crate) fn index(&self, absolute: i64) -> Option<usize> {
        let offset = absolute - self.start;
        (offset >= 0)
            .then(|| (offset / i64::from(self.months)) as usize)
            .filter(|index| *index < self.count)
    }

    /// The first day of a slot.
    pub(crate) fn first_day(&self, index: usize) -> NaiveDate {
        month_start(self.start + index as i64 * i64::from(self.months))
    }

    /// The first day of the first slot.
    pub(crate) fn first(&self) -> NaiveDate {
        self.first_day(0)
    }

    /// The slot's name for hover details: `marzec 2024`, `I kw. 2024`, `2024`.
    pub(crate) fn name(&self, index: usize, locale: Locale) -> String {
        let day = self.first_day(index);
        match self.months {
            1 => format::month_long(day, locale),
            3 => format::quarter(day, locale),
            _ => day.year().to_string(),
        }
    }

    /// `YYYY-MM` of the slot's first month, for `data-month`.
    pub(crate) fn key(&self, index: usize) -> String {
        self.first_day(index).format("%Y-%m").to_string()
    }

    /// The words "per month/quarter/year" for averages.
    pub(crate) fn per(&self, locale: Locale) -> &'static str {
        let words = locale.words();
        match self.months {
            1 => words.per_month,
            3 => words.per_quarter,
            _ => words.per_year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_group_only_when_months_do_not_fit() {
        let jan_2020 = 2020 * 12;
        let monthly = Slots::new(jan_2020 + 1, jan_2020 + 60, 120);
        assert_eq!((monthly.months, monthly.count), (1, 60));
        assert_eq!(monthly.index(jan_2020 + 1), Some(0));
        let quarterly = Slots::new(jan_2020 + 1, jan_2020 + 60, 40);
        assert_eq!((quarterly.months, quarterly.count), (3, 21));
        assert_eq!(
            quarterly.first(),
            NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
        );
        let recent = Slots::new(0, 2030 * 12, 50);
        assert_eq!((recent.months, recent.count), (12, 50));
        assert_eq!(
            recent.first().year(),
            1981,
            "only the most recent years that fit"
        );
        assert_eq!(recent.index(0), None);
    }
}
