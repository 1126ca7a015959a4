//! How values are written to SQLite: money as minor units, dates as `YYYY-MM-DD`, instants as
//! RFC 3339 UTC with microseconds, labels as a JSON array.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use lupa_kontomatik::Environment;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::error::{Error, Result};

/// A Kontomatik amount in minor units; an error for more than two significant decimals or a
/// value beyond `i64`, never a silent rounding.
pub fn to_minor(value: Decimal, field: &'static str) -> Result<i64> {
    let error = || Error::Amount {
        field,
        value: value.to_string(),
    };
    let scaled = value.checked_mul(Decimal::ONE_HUNDRED).ok_or_else(error)?;
    if !scaled.fract().is_zero() {
        return Err(error());
    }
    scaled.to_i64().ok_or_else(error)
}

/// [`to_minor`] of an optional value.
pub fn to_minor_opt(value: Option<Decimal>, field: &'static str) -> Result<Option<i64>> {
    value.map(|value| to_minor(value, field)).transpose()
}

/// Minor units back to a decimal with scale 2.
pub fn from_minor(minor: i64) -> Decimal {
    Decimal::new(minor, 2)
}

/// `YYYY-MM-DD` (years 0–9999; others fall back to chrono's format).
pub fn date_text(date: NaiveDate) -> String {
    let Ok(year) = u32::try_from(date.year()) else {
        return date.format("%Y-%m-%d").to_string();
    };
    if year > 9999 {
        return date.format("%Y-%m-%d").to_string();
    }
    let digit = |value: u32| char::from(b'0' + (value % 10) as u8);
    let (month, day) = (date.month(), date.day());
    [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        '-',
        digit(month / 10),
        digit(month),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .iter()
    .collect()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

/// RFC 3339 UTC with microseconds: fixed width, so text order is time order.
pub fn instant_text(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Parses an instant written by [`instant_text`] (any RFC 3339 offset is accepted).
pub fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|instant| instant.with_timezone(&Utc))
}

/// Labels as a JSON array; `None` stays NULL (no `<labels>` element).
pub fn labels_text(labels: Option<&Vec<String>>) -> Option<String> {
    labels.map(|labels| serde_json::to_string(labels).expect("strings serialize"))
}

/// Reads labels written by [`labels_text`].
pub fn parse_labels(text: Option<&str>) -> Option<Option<Vec<String>>> {
    match text {
        None => Some(None),
        Some(text) => serde_json::from_str(text).ok().map(Some),
    }
}

/// rusqlite conversion errors for values that do not decode.
pub fn decode_error(column: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("cannot decode {text:?}").into(),
    )
}

/// Reads a required date column.
pub fn get_date(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(column)?;
    parse_date(&text).ok_or_else(|| decode_error(column, &text))
}

/// Reads an optional date column.
pub fn get_date_opt(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| parse_date(&text).ok_or_else(|| decode_error(column, &text)))
        .transpose()
}

/// Reads a required instant column.
pub fn get_instant(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(column)?;
    parse_instant(&text).ok_or_else(|| decode_error(column, &text))
}

/// Reads an optional instant column.
pub fn get_instant_opt(
    row: &rusqlite::Row<'_>,
    column: usize,
) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(column)?;
    text.map(|text| parse_instant(&text).ok_or_else(|| decode_error(column, &text)))
        .transpose()
}

/// Reads an optional money column.
pub fn get_money_opt(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<Decimal>> {
    Ok(row.get::<_, Option<i64>>(column)?.map(from_minor))
}

/// Reads an environment column.
pub fn get_environment(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Environment> {
    let text: String = row.get(column)?;
    text.parse().map_err(|_| decode_error(column, &text))
}

/// Reads an optional 0/1 column.
pub fn get_bool_opt(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<bool>> {
    Ok(row.get::<_, Option<i64>>(column)?.map(|value| value != 0))
}

/// Ids as the parameter of `rarray(?)` (the module is loaded on every connection).
pub fn id_array(ids: impl IntoIterator<Item = i64>) -> std::rc::Rc<Vec<rusqlite::types::Value>> {
    std::rc::Rc::new(ids.into_iter().map(rusqlite::types::Value::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn minor_units_are_exact_or_an_error() {
        assert_eq!(to_minor(dec("259402.51"), "x").unwrap(), 25_940_251);
        assert_eq!(to_minor(dec("-0.01"), "x").unwrap(), -1);
        assert_eq!(to_minor(dec("12.5"), "x").unwrap(), 1250);
        assert_eq!(to_minor(dec("7"), "x").unwrap(), 700);
        assert_eq!(
            to_minor(dec("1.230"), "x").unwrap(),
            123,
            "trailing zeros are not significant"
        );
        assert!(matches!(
            to_minor(dec("1.235"), "x"),
            Err(Error::Amount { .. })
        ));
        assert!(to_minor(Decimal::MAX, "x").is_err(), "overflow is an error");
        assert_eq!(from_minor(-1), dec("-0.01"));
    }

    #[test]
    fn dates_and_instants_round_trip() {
        let day = NaiveDate::from_ymd_opt(2023, 5, 2).unwrap();
        assert_eq!(date_text(day), "2023-05-02");
        assert_eq!(
            date_text(NaiveDate::from_ymd_opt(987, 12, 31).unwrap()),
            "0987-12-31"
        );
        assert_eq!(parse_date("2023-05-02"), Some(day));
        assert_eq!(parse_date("2023-5-2"), Some(day), "lenient fallback");
        assert_eq!(parse_date("2023-02-30"), None);
        let at = DateTime::parse_from_rfc3339("2026-11-20T10:00:00.123456Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(instant_text(at), "2026-11-20T10:00:00.123456Z");
        assert_eq!(parse_instant(&instant_text(at)), Some(at));
    }

    #[test]
    fn labels_keep_absent_and_empty_apart() {
        assert_eq!(labels_text(None), None);
        assert_eq!(labels_text(Some(&vec![])).as_deref(), Some("[]"));
        let labels = vec!["monthly".to_owned(), "a \"b\"".to_owned()];
        let text = labels_text(Some(&labels));
        assert_eq!(parse_labels(text.as_deref()), Some(Some(labels)));
        assert_eq!(parse_labels(None), Some(None));
    }
}
