//! Locale-aware text: numbers, money, dates, month names and the charts' fixed words.
//!
//! Polish follows CLDR `pl`: a no-break space groups thousands, a comma separates decimals and the
//! currency follows the number (`12 345,67 zł`, PLN shown as `zł`). English follows CLDR `en`:
//! `PLN 12,345.67`, with the ISO code before the number. Minus is the ASCII hyphen so that copied
//! values paste as numbers.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::Locale;

/// The no-break space used for grouping and between a Polish amount and its currency.
pub(crate) const NBSP: char = '\u{a0}';

const MONTHS_PL: [&str; 12] = [
    "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_PL_FULL: [&str; 12] = [
    "styczeń",
    "luty",
    "marzec",
    "kwiecień",
    "maj",
    "czerwiec",
    "lipiec",
    "sierpień",
    "wrzesień",
    "październik",
    "listopad",
    "grudzień",
];
const MONTHS_EN_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The fixed words of the charts in one language.
pub(crate) struct Words {
    pub no_data: &'static str,
    pub balance_title: &'static str,
    pub cashflow_title: &'static str,
    pub cashflow_title_quarterly: &'static str,
    pub cashflow_title_yearly: &'static str,
    pub inflow: &'static str,
    pub outflow: &'static str,
    pub income: &'static str,
    pub of_which_income: &'static str,
    pub net: &'static str,
    pub category_title: &'static str,
    pub inflows: &'static str,
    pub outflows: &'static str,
    pub total: &'static str,
    pub other: &'static str,
    pub income_title: &'static str,
    pub income_title_quarterly: &'static str,
    pub income_title_yearly: &'static str,
    pub average: &'static str,
    pub per_month: &'static str,
    pub per_quarter: &'static str,
    pub per_year: &'static str,
    pub sum: &'static str,
    pub negative_balance: &'static str,
    pub lowest: &'static str,
}

const PL: Words = Words {
    no_data: "Brak danych",
    balance_title: "Saldo na koniec dnia",
    cashflow_title: "Wpływy i wypływy miesięcznie",
    cashflow_title_quarterly: "Wpływy i wypływy kwartalnie",
    cashflow_title_yearly: "Wpływy i wypływy rocznie",
    inflow: "Wpływy",
    outflow: "Wypływy",
    income: "Dochód",
    of_which_income: "w tym dochód",
    net: "Saldo netto",
    category_title: "Kategorie",
    inflows: "Wpływy",
    outflows: "Wypływy",
    total: "razem",
    other: "Pozostałe",
    income_title: "Dochód miesięczny według źródła",
    income_title_quarterly: "Dochód kwartalny według źródła",
    income_title_yearly: "Dochód roczny według źródła",
    average: "średnio",
    per_month: "mies.",
    per_quarter: "kw.",
    per_year: "rok",
    sum: "Razem",
    negative_balance: "Saldo ujemne",
    lowest: "najniższe",
};

const EN: Words = Words {
    no_data: "No data",
    balance_title: "End-of-day balance",
    cashflow_title: "Monthly inflows and outflows",
    cashflow_title_quarterly: "Quarterly inflows and outflows",
    cashflow_title_yearly: "Yearly inflows and outflows",
    inflow: "Inflows",
    outflow: "Outflows",
    income: "Income",
    of_which_income: "of which income",
    net: "Net",
    category_title: "Categories",
    inflows: "Inflows",
    outflows: "Outflows",
    total: "total",
    other: "Other",
    income_title: "Monthly income by source",
    income_title_quarterly: "Quarterly income by source",
    income_title_yearly: "Yearly income by source",
    average: "average",
    per_month: "month",
    per_quarter: "quarter",
    per_year: "year",
    sum: "Total",
    negative_balance: "Negative balance",
    lowest: "lowest",
};

impl Locale {
    /// The fixed words in this language.
    pub(crate) fn words(self) -> &'static Words {
        match self {
            Locale::Pl => &PL,
            Locale::En => &EN,
        }
    }

    fn separators(self) -> (char, char) {
        match self {
            Locale::Pl => (NBSP, ','),
            Locale::En => (',', '.'),
        }
    }
}

/// Groups the digits of a non-negative integer string by thousands.
fn group(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Joins a sign, grouped integer digits and optional decimals.
fn assemble(negative: bool, digits: &str, decimals: &str, locale: Locale) -> String {
    let (thousands, decimal_mark) = locale.separators();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(digits, thousands));
    if !decimals.is_empty() {
        out.push(decimal_mark);
        out.push_str(decimals);
    }
    out
}

/// A decimal amount with exactly two decimals and grouping, without currency.
pub fn decimal(value: Decimal, locale: Locale) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.2}", rounded.abs());
    let (digits, decimals) = text.split_once('.').unwrap_or((&text, "00"));
    assemble(
        rounded.is_sign_negative() && !rounded.is_zero(),
        digits,
        decimals,
        locale,
    )
}

/// How a currency code is shown: Polish shows PLN as `zł`.
pub fn currency_symbol(code: &str, locale: Locale) -> &str {
    match (locale, code) {
        (Locale::Pl, "PLN") => "zł",
        _ => code,
    }
}

/// A money amount: `12 345,67 zł` / `-PLN 12,345.67`.
pub fn money(value: Decimal, currency: &str, locale: Locale) -> String {
    let number = decimal(value.abs(), locale);
    let negative = value.round_dp(2).is_sign_negative() && !value.round_dp(2).is_zero();
    let sign = if negative { "-" } else { "" };
    let symbol = currency_symbol(currency, locale);
    match locale {
        Locale::Pl => format!("{sign}{number}{NBSP}{symbol}"),
        Locale::En => format!("{sign}{symbol}{NBSP}{number}"),
    }
}

/// An axis value with `decimals` decimals and grouping; `-0` is written as `0`.
pub(crate) fn axis_number(value: f64, decimals: usize, locale: Locale) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (digits, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    assemble(value < 0.0 && !is_zero, digits, fraction, locale)
}

/// An axis value in millions, for axes whose ticks are whole millions or halves.
pub(crate) fn axis_millions(value: f64, decimals: usize, locale: Locale) -> String {
    let number = axis_number(value / 1_000_000.0, decimals, locale);
    match locale {
        Locale::Pl => format!("{number}{NBSP}mln"),
        Locale::En => format!("{number}M"),
    }
}

/// A share in percent with one decimal: `12,3%` / `12.3%`.
pub fn percent(share: f64, locale: Locale) -> String {
    format!("{}%", axis_number(share * 100.0, 1, locale))
}

/// The abbreviated month name, e.g. `paź` / `Oct`.
pub(crate) fn month_abbr(month: u32, locale: Locale) -> &'static str {
    let index = (month.clamp(1, 12) - 1) as usize;
    match locale {
        Locale::Pl => MONTHS_PL[index],
        Locale::En => MONTHS_EN[index],
    }
}

/// The month and year in full, e.g. `październik 2024` / `October 2024`.
pub(crate) fn month_long(date: NaiveDate, locale: Locale) -> String {
    let index = date.month0() as usize;
    let name = match locale {
        Locale::Pl => MONTHS_PL_FULL[index],
        Locale::En => MONTHS_EN_FULL[index],
    };
    format!("{name} {}", date.year())
}

/// A calendar quarter: `II kw. 2024` / `Q2 2024`.
pub(crate) fn quarter(date: NaiveDate, locale: Locale) -> String {
    let number = date.month0() / 3;
    match locale {
        Locale::Pl => format!(
            "{} kw. {}",
            ["I", "II", "III", "IV"][number as usize],
            date.year()
        ),
        Locale::En => format!("Q{} {}", number + 1, date.year()),
    }
}

/// A day and abbreviated month for axis ticks, e.g. `5 mar` / `5 Mar`.
pub(crate) fn day_month(date: NaiveDate, locale: Locale) -> String {
    format!("{} {}", date.day(), month_abbr(date.month(), locale))
}

/// A full date for hover details: `05.03.2024` / `5 Mar 2024`.
pub fn date(date: NaiveDate, locale: Locale) -> String {
    match locale {
        Locale::Pl => date.format("%d.%m.%Y").to_string(),
        Locale::En => format!("{} {}", day_month(date, locale), date.year()),
    }
}

/// A date range for hover details; a single day when both ends are equal.
pub(crate) fn date_range(from: NaiveDate, to: NaiveDate, locale: Locale) -> String {
    if from == to {
        date(from, locale)
    } else {
        format!("{} – {}", self::date(from, locale), self::date(to, locale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn money_follows_cldr_in_both_locales() {
        assert_eq!(
            money(dec("12345.67"), "PLN", Locale::Pl),
            "12\u{a0}345,67\u{a0}zł"
        );
        assert_eq!(
            money(dec("12345.67"), "PLN", Locale::En),
            "PLN\u{a0}12,345.67"
        );
        assert_eq!(
            money(dec("-1234567.5"), "EUR", Locale::Pl),
            "-1\u{a0}234\u{a0}567,50\u{a0}EUR"
        );
        assert_eq!(money(dec("-0.004"), "PLN", Locale::En), "PLN\u{a0}0.00");
        assert_eq!(
            money(dec("999.995"), "PLN", Locale::En),
            "PLN\u{a0}1,000.00"
        );
        assert_eq!(money(dec("-5"), "PLN", Locale::En), "-PLN\u{a0}5.00");
    }

    #[test]
    fn axis_numbers_group_and_never_print_minus_zero() {
        assert_eq!(axis_number(-0.2, 0, Locale::Pl), "0");
        assert_eq!(axis_number(1_000_000.0, 0, Locale::En), "1,000,000");
        assert_eq!(axis_number(-2500.0, 0, Locale::Pl), "-2\u{a0}500");
        assert_eq!(axis_number(0.5, 1, Locale::Pl), "0,5");
        assert_eq!(axis_millions(1_500_000.0, 1, Locale::Pl), "1,5\u{a0}mln");
        assert_eq!(percent(0.1234, Locale::En), "12.3%");
    }

    #[test]
    fn dates_and_months() {
        let day = NaiveDate::from_ymd_opt(2024, 10, 5).unwrap();
        assert_eq!(date(day, Locale::Pl), "05.10.2024");
        assert_eq!(date(day, Locale::En), "5 Oct 2024");
        assert_eq!(day_month(day, Locale::Pl), "5 paź");
        assert_eq!(month_long(day, Locale::Pl), "październik 2024");
    }
}
