//! Typed values from element text or attribute values: decimals (exact, scale kept), dates,
//! timestamps, booleans, integers. Each parser trims XML whitespace first and returns a short
//! English reason on failure, which ends up in a `Skipped::reason` or a `ParseError::Invalid`.

use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use rust_decimal::Decimal;

/// XML whitespace (space, tab, CR, LF) trimmed from both ends.
#[inline]
pub(in crate::xml) fn trim(value: &str) -> &str {
    value.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

/// A plain decimal: optional `-`/`+`, digits, optionally `.` and more digits, as Kontomatik writes
/// money (`-0.01`, `2800.00`) and scores (`0.7204348357228043`). The scale is kept exactly as
/// written; anything else (`12,30`, `1e3`, `1_000`, empty) is refused, never rounded.
#[inline]
pub(in crate::xml) fn decimal(value: &str) -> Result<Decimal, String> {
    let text = trim(value);
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let mut mantissa: u64 = 0;
    let mut count = 0usize;
    let mut scale: Option<u32> = None;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                count += 1;
                if let Some(s) = scale.as_mut() {
                    *s += 1;
                }
                mantissa = mantissa
                    .wrapping_mul(10)
                    .wrapping_add(u64::from(byte - b'0'));
            }
            b'.' if scale.is_none() => scale = Some(0),
            _ => return Err(format!("invalid decimal {text:?}")),
        }
    }
    let fraction = scale.unwrap_or(0) as usize;
    if count == fraction || scale == Some(0) {
        return Err(format!("invalid decimal {text:?}"));
    }
    let scale = scale.unwrap_or(0);
    if count <= 18 && scale <= 28 {
        // Fits in i64 without overflow: at most 18 digits.
        let mut number = Decimal::from_i128_with_scale(i128::from(mantissa), scale);
        number.set_sign_negative(negative);
        return Ok(number);
    }
    Decimal::from_str_exact(text).map_err(|error| format!("invalid decimal {text:?}: {error}"))
}

/// A date `YYYY-MM-DD`.
#[inline]
pub(in crate::xml) fn date(value: &str) -> Result<NaiveDate, String> {
    let text = trim(value);
    if let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text.as_bytes() {
        let digits = [y1, y2, y3, y4, m1, m2, d1, d2];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |d: u8| u32::from(d - b'0');
            let year = n(y1) * 1000 + n(y2) * 100 + n(y3) * 10 + n(y4);
            let month = n(m1) * 10 + n(m2);
            let day = n(d1) * 10 + n(d2);
            return i32::try_from(year)
                .ok()
                .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
                .ok_or_else(|| format!("invalid date {text:?}"));
        }
    }
    Err(format!("invalid date {text:?}"))
}

/// A timestamp: RFC 3339 (`2023-05-23T07:39:06Z`, `2023-05-23T07:35:07.264013Z`, or with an
/// offset, converted to UTC); a timestamp without zone is taken as UTC. Its year in UTC must be
/// 0000–9999, as in RFC 3339: `0000-01-01T00:00:00+01:00` (year -1 in UTC) or `+10000-01-01T00:00:00`
/// could not be written back.
pub(in crate::xml) fn timestamp(value: &str) -> Result<DateTime<Utc>, String> {
    let text = trim(value);
    let parsed = match DateTime::parse_from_rfc3339(text) {
        Ok(parsed) => parsed.with_timezone(&Utc),
        Err(_) => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .map(|naive| naive.and_utc())
            .map_err(|_| format!("invalid timestamp {text:?}"))?,
    };
    if !(0..=9999).contains(&parsed.year()) {
        return Err(format!("invalid timestamp {text:?}: year out of range"));
    }
    Ok(parsed)
}

/// A boolean: `true`/`false` (also `1`/`0`, as XML Schema allows).
pub(in crate::xml) fn boolean(value: &str) -> Result<bool, String> {
    match trim(value) {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(format!("invalid boolean {other:?}")),
    }
}

/// A non-negative integer.
pub(in crate::xml) fn integer(value: &str) -> Result<u32, String> {
    let text = trim(value);
    u32::from_str(text).map_err(|_| format!("invalid integer {text:?}"))
}

/// An optional typed value: empty (after trimming) is absent, anything else must parse.
#[inline]
pub(in crate::xml) fn optional<T>(
    value: &str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    if trim(value).is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_scale_and_refuse_other_formats() {
        for text in [
            "2800.00",
            "-0.01",
            "259402.51",
            "0.7204348357228043",
            "7",
            "-12.5",
            "-0.00",
        ] {
            let parsed = decimal(text).unwrap();
            assert_eq!(parsed.to_string(), text);
            assert_eq!(parsed, Decimal::from_str_exact(text).unwrap());
        }
        assert_eq!(decimal(" +1.10 ").unwrap().to_string(), "1.10");
        assert_eq!(
            decimal("123456789012345678901.25").unwrap().to_string(),
            "123456789012345678901.25"
        );
        for bad in [
            "12,30", "", "-", ".5", "5.", "1e3", "1_000", "1.2.3", "--1", "abc",
        ] {
            assert!(decimal(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_timestamps_booleans() {
        assert_eq!(
            date("2023-05-22").unwrap(),
            NaiveDate::from_ymd_opt(2023, 5, 22).unwrap()
        );
        assert_eq!(
            date(" 2023-05-22\n").unwrap(),
            NaiveDate::from_ymd_opt(2023, 5, 22).unwrap()
        );
        for bad in ["2023-02-30", "2023-5-22", "22.05.2023", "", "2023-05-2x"] {
            assert!(date(bad).is_err(), "{bad}");
        }
        let t = timestamp("2023-05-23T07:35:07.264013Z").unwrap();
        assert_eq!(t.timestamp_subsec_micros(), 264_013);
        assert_eq!(
            timestamp("2023-05-23T07:39:06Z").unwrap().timestamp(),
            1_684_827_546
        );
        assert_eq!(
            timestamp("2023-05-23T09:39:06+02:00").unwrap().timestamp(),
            1_684_827_546
        );
        assert_eq!(
            timestamp("2023-05-23T07:39:06").unwrap().timestamp(),
            1_684_827_546
        );
        assert!(timestamp("yesterday").is_err());
        // Out of RFC 3339's years once in UTC (fuzz/regressions/parse_reply/timestamp-year-*.xml).
        for bad in [
            "0000-01-01T00:00:00+01:00",
            "9999-12-31T23:00:00-02:00",
            "+10000-01-01T00:00:00",
        ] {
            assert!(timestamp(bad).is_err(), "{bad}");
        }
        assert_eq!(
            timestamp("0000-01-01T01:00:00+01:00").unwrap().to_rfc3339(),
            "0000-01-01T00:00:00+00:00"
        );
        assert_eq!(boolean(" true "), Ok(true));
        assert_eq!(boolean("0"), Ok(false));
        assert!(boolean("yes").is_err());
        assert_eq!(optional("  ", date), Ok(None));
    }
}
