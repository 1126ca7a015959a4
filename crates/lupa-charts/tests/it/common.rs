//! Deterministic sample data shaped like a Polish applicant's accounts, and SVG inspection helpers.
//!
//! Also compiled into the benchmark (`#[path]`), so it avoids test-only crates.

#![allow(dead_code)]

use chrono::{Datelike, Days, NaiveDate};
use lupa_charts::{
    AccountSeries, CategoryAmount, ChartOptions, Direction, Locale, MonthFlow, MonthIncome, Theme,
};
use rust_decimal::Decimal;

/// A small xorshift generator: the same numbers on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A whole number of grosze in `0..max` złoty, as a `Decimal`.
    pub fn amount(&mut self, max: u64) -> Decimal {
        Decimal::new((self.next() % (max * 100)) as i64, 2)
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn dec(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

pub fn options(locale: Locale, theme: Theme) -> ChartOptions {
    ChartOptions {
        locale,
        theme,
        ..ChartOptions::default()
    }
}

/// A current account: salary on the 10th, rent on the 1st, card spending, an overdraft dip near
/// the end of some months.
pub fn current_account(first: NaiveDate, days: u64, seed: u64) -> AccountSeries {
    let mut rng = Rng::new(seed);
    let mut balance = dec("2350.00");
    let mut points = Vec::with_capacity(days as usize);
    for offset in 0..days {
        let date = first + Days::new(offset);
        if date.day() == 10 {
            balance += dec("8450.00");
        }
        if date.day() == 1 {
            balance -= dec("2500.00");
        }
        if date.day() == 15 {
            balance -= dec("1210.37");
        }
        balance -= rng.amount(if date.weekday().number_from_monday() >= 6 {
            380
        } else {
            200
        });
        if date.day() == 28 && rng.next().is_multiple_of(4) {
            balance -= dec("1800.00");
        }
        points.push((date, balance));
    }
    AccountSeries {
        label: "Konto osobiste …4821".to_owned(),
        currency: "PLN".to_owned(),
        points,
    }
}

/// A savings account that grows by a monthly transfer and is sometimes drawn on.
pub fn savings_account(first: NaiveDate, days: u64, seed: u64) -> AccountSeries {
    let mut rng = Rng::new(seed);
    let mut balance = dec("18000.00");
    let mut points = Vec::new();
    for offset in 0..days {
        let date = first + Days::new(offset);
        if date.day() == 11 {
            balance += dec("900.00");
        }
        if date.day() == 20 && rng.next().is_multiple_of(5) {
            balance -= rng.amount(4000);
        }
        // Only days with a movement: the chart holds the balance in between.
        if date.day() == 11 || date.day() == 20 || offset == 0 {
            points.push((date, balance));
        }
    }
    AccountSeries {
        label: "Konto oszczędnościowe …0173".to_owned(),
        currency: "PLN".to_owned(),
        points,
    }
}

/// A joint account with small irregular movements around a low balance.
pub fn joint_account(first: NaiveDate, days: u64, seed: u64) -> AccountSeries {
    let mut rng = Rng::new(seed);
    let mut balance = dec("650.00");
    let mut points = Vec::new();
    for offset in 0..days {
        let date = first + Days::new(offset);
        balance += rng.amount(300) - rng.amount(300);
        points.push((date, balance));
    }
    AccountSeries {
        label: "Rachunek wspólny …5512".to_owned(),
        currency: "PLN".to_owned(),
        points,
    }
}

/// The three accounts over `days` days from `first`.
pub fn three_accounts(first: NaiveDate, days: u64) -> Vec<AccountSeries> {
    vec![
        current_account(first, days, 7),
        savings_account(first, days, 11),
        joint_account(first, days, 13),
    ]
}

/// `count` points: intraday balances spread over five years, with one deep low.
pub fn dense_account(count: usize) -> AccountSeries {
    let mut rng = Rng::new(99);
    let first = day(2020, 1, 1);
    let mut balance = dec("5000.00");
    let points = (0..count)
        .map(|index| {
            balance += rng.amount(500) - rng.amount(500);
            let value = if index == count / 3 {
                dec("-248210.55")
            } else {
                balance
            };
            (first + Days::new((index * 1826 / count) as u64), value)
        })
        .collect();
    AccountSeries {
        label: "Konto firmowe …7001".to_owned(),
        currency: "PLN".to_owned(),
        points,
    }
}

/// Monthly flows for `months` months from `first` (a first of month).
pub fn flows(first: NaiveDate, months: u32, seed: u64) -> Vec<MonthFlow> {
    let mut rng = Rng::new(seed);
    (0..months)
        .map(|index| {
            let month = first
                .checked_add_months(chrono::Months::new(index))
                .expect("month");
            let income = if index % 11 == 7 {
                Decimal::ZERO
            } else {
                dec("8450.00") + rng.amount(900)
            };
            let inflow = income + rng.amount(2500);
            let outflow = dec("6200.00") + rng.amount(4200);
            MonthFlow {
                month,
                inflow,
                outflow,
                income,
            }
        })
        .collect()
}

/// Categories of one period, Polish names as the analysis engine gives them.
pub fn categories() -> Vec<CategoryAmount> {
    let out = [
        ("Mieszkanie i czynsz", "30000.00"),
        ("Żywność", "14230.55"),
        ("Raty kredytów", "14524.44"),
        ("Transport i paliwo", "6120.10"),
        ("Rozrywka", "2480.00"),
        ("Zdrowie", "1890.35"),
        ("Odzież", "1620.00"),
        ("Media i telekomunikacja", "2950.12"),
        ("Hazard", "640.00"),
        ("Opłaty bankowe", "212.40"),
        ("Przelewy na rachunki własne", "12000.00"),
        ("Gotówka (bankomat)", "3900.00"),
    ];
    let inflows = [
        ("Wynagrodzenie", "101400.00"),
        ("Świadczenia (800+)", "9600.00"),
        ("Umowa zlecenie", "7200.00"),
        ("Zwroty", "412.77"),
        ("Przelewy z rachunków własnych", "12000.00"),
    ];
    let row = |direction: Direction| {
        move |(label, amount): &(&str, &str)| CategoryAmount {
            label: (*label).to_owned(),
            amount: dec(amount),
            direction,
        }
    };
    out.iter()
        .map(row(Direction::Out))
        .chain(inflows.iter().map(row(Direction::In)))
        .collect()
}

/// Income by source for `months` months, with a missing month and an irregular side income.
pub fn income(first: NaiveDate, months: u32, seed: u64) -> Vec<MonthIncome> {
    let mut rng = Rng::new(seed);
    (0..months)
        .map(|index| {
            let month = first
                .checked_add_months(chrono::Months::new(index))
                .expect("month");
            let mut by_source = Vec::new();
            if index % 13 != 6 {
                let employer = if index < 20 {
                    "ACME Sp. z o.o."
                } else {
                    "Nordbud S.A."
                };
                by_source.push((employer.to_owned(), dec("8450.00") + rng.amount(300)));
            }
            by_source.push(("ZUS 800+".to_owned(), dec("800.00")));
            if rng.next().is_multiple_of(3) {
                by_source.push(("Umowa zlecenie".to_owned(), rng.amount(3000)));
            }
            if index % 12 == 11 {
                by_source.push(("Premia roczna".to_owned(), dec("5000.00")));
            }
            MonthIncome { month, by_source }
        })
        .collect()
}

/// A `<text>` element's position, anchor, vertical alignment and content.
#[derive(Debug, Clone)]
pub struct SvgText {
    pub x: f64,
    pub y: f64,
    pub anchor: String,
    pub dy: String,
    pub text: String,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

/// Every `<text>` plotters drew.
pub fn texts(svg: &str) -> Vec<SvgText> {
    svg.split("<text ")
        .skip(1)
        .map(|chunk| {
            let tag_end = chunk.find('>').expect("tag end");
            let tag = format!(" {}", &chunk[..tag_end]);
            let body_end = chunk.find("</text>").expect("closing tag");
            let number = |name| {
                attribute(&tag, name)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(f64::NAN)
            };
            SvgText {
                x: number("x"),
                y: number("y"),
                anchor: attribute(&tag, "text-anchor").unwrap_or_default(),
                dy: attribute(&tag, "dy").unwrap_or_default(),
                text: chunk[tag_end + 1..body_end].trim().to_owned(),
            }
        })
        .collect()
}

/// The rows of x-axis tick labels (centred, hanging below a baseline), grouped by their y.
pub fn tick_rows(svg: &str) -> Vec<Vec<SvgText>> {
    let mut rows: Vec<Vec<SvgText>> = Vec::new();
    for text in texts(svg)
        .into_iter()
        .filter(|t| t.anchor == "middle" && t.dy == "0.76em")
    {
        match rows.iter_mut().find(|row| row[0].y == text.y) {
            Some(row) => row.push(text),
            None => rows.push(vec![text]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

/// Asserts that no two tick labels of a row overlap, measuring glyphs at 0.6 em (wider than the
/// average glyph of Arial, Helvetica or Segoe UI at 11 px), and that all lie inside the image.
pub fn assert_ticks_readable(svg: &str, width: f64, context: &str) {
    for row in tick_rows(svg) {
        let half = |t: &SvgText| t.text.chars().count() as f64 * 11.0 * 0.6 / 2.0;
        for pair in row.windows(2) {
            let distance = pair[1].x - pair[0].x;
            let needed = half(&pair[0]) + half(&pair[1]) + 4.0;
            assert!(
                distance >= needed,
                "{context}: labels {:?} at {} and {:?} at {} overlap ({distance} < {needed})",
                pair[0].text,
                pair[0].x,
                pair[1].text,
                pair[1].x
            );
        }
        for label in &row {
            assert!(
                label.x - half(label) >= 0.0 && label.x + half(label) <= width,
                "{context}: label {:?} at {} leaves the image",
                label.text,
                label.x
            );
        }
    }
}

/// Asserts the output is a whole SVG with no NaN or infinity anywhere.
pub fn assert_well_formed(svg: &str) {
    assert!(
        svg.starts_with("<svg role=\"img\""),
        "starts with the svg element"
    );
    assert!(
        svg.trim_end().ends_with("</svg>"),
        "ends with the closing tag"
    );
    assert_eq!(svg.matches("<svg").count(), 1, "one svg element");
    for bad in ["NaN", "inf\"", "\"-inf", "infinity"] {
        assert!(!svg.contains(bad), "the SVG contains {bad}");
    }
    assert_eq!(
        svg.matches("<text ").count(),
        svg.matches("</text>").count(),
        "text elements are closed"
    );
    assert_eq!(
        svg.matches("<title>").count(),
        svg.matches("</title>").count(),
        "titles are closed"
    );
}

/// The number of vertices in every `<polyline>`.
pub fn polyline_sizes(svg: &str) -> Vec<usize> {
    svg.split("<polyline ")
        .skip(1)
        .map(|chunk| {
            attribute(&format!(" {chunk}"), "points").map_or(0, |p| p.split_whitespace().count())
        })
        .collect()
}

/// The `data-{name}` values of the hover targets, in order.
pub fn hover_values(svg: &str, name: &str) -> Vec<String> {
    let overlay = svg.split("<g class=\"lupa-hover\">").nth(1).unwrap_or("");
    overlay
        .split("<rect ")
        .skip(1)
        .filter_map(|chunk| attribute(&format!(" {chunk}"), &format!("data-{name}")))
        .collect()
}

/// Months `first..first + months` as first days.
pub fn month_starts(first: NaiveDate, months: u32) -> impl Iterator<Item = NaiveDate> {
    (0..months).map(move |index| {
        first
            .checked_add_months(chrono::Months::new(index))
            .expect("month")
    })
}

/// The same account with a point on every day from its first to `last`, holding the balance.
pub fn fill_daily(account: &AccountSeries, last: NaiveDate) -> AccountSeries {
    let mut points = Vec::new();
    let mut source = account.points.iter().peekable();
    let Some(&(mut date, mut balance)) = account.points.first() else {
        return account.clone();
    };
    while date <= last {
        while let Some((_, value)) = source.next_if(|(d, _)| *d <= date) {
            balance = *value;
        }
        points.push((date, balance));
        date = date + Days::new(1);
    }
    AccountSeries {
        points,
        ..account.clone()
    }
}
