//! Words and numbers of the memo: metric and category names (shared with the UI), Polish or
//! English phrases, dates, amounts, IBANs and hashes as printed.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use lupa_charts::{Locale, format_money, format_percent};
use lupa_memo::{Align, Block, Column, Table, Tone};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::export::document::{CaseDocument, MetricInfo};

#[derive(Deserialize)]
struct Labels {
    metrics: std::collections::HashMap<String, Vec<String>>,
    categories: std::collections::HashMap<String, Vec<String>>,
}

/// Metric and category names in both languages, shared with the UI.
static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../../../ui/src/lib/labels.json"))
        .expect("ui/src/lib/labels.json is valid")
});

pub(super) fn pick(entry: Option<&Vec<String>>, locale: Locale) -> Option<String> {
    let index = usize::from(locale == Locale::Pl);
    entry.and_then(|names| names.get(index)).cloned()
}

/// A metric's name in `locale` (the code when unknown).
pub fn metric_label(name: &str, locale: Locale) -> String {
    if let Some(label) = pick(LABELS.metrics.get(name), locale) {
        return label;
    }
    if let Some(code) = name.strip_prefix("income_by_category_") {
        let category = category_label(code, locale);
        return match locale {
            Locale::Pl => format!("Dochód: {category}, średnio miesięcznie"),
            Locale::En => format!("Income: {category}, monthly average"),
        };
    }
    name.to_owned()
}

/// A category's name in `locale` (the code when unknown).
pub fn category_label(code: &str, locale: Locale) -> String {
    pick(LABELS.categories.get(code), locale).unwrap_or_else(|| code.to_owned())
}

/// Picks the Polish or English text.
pub(super) fn t(locale: Locale, pl: &str, en: &str) -> String {
    match locale {
        Locale::Pl => pl.to_owned(),
        Locale::En => en.to_owned(),
    }
}

pub(super) fn parse_decimal(text: &str) -> Option<Decimal> {
    text.parse().ok()
}

pub(super) fn day(text: &str, locale: Locale) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|date| lupa_charts::format_date(date, locale))
        .unwrap_or_else(|_| text.to_owned())
}

pub(super) fn moment(text: &str, locale: Locale) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|at| {
            let at = at.with_timezone(&Utc);
            format!(
                "{} {}",
                lupa_charts::format_date(at.date_naive(), locale),
                at.format("%H:%M UTC")
            )
        })
        .unwrap_or_else(|_| text.to_owned())
}

/// A metric's value in words and numbers.
pub(super) fn metric_value(metric: &MetricInfo, currency: &str, locale: Locale) -> String {
    let Some(value) = metric.value.as_deref() else {
        return "—".to_owned();
    };
    match metric.kind.as_deref() {
        Some("amount") => parse_decimal(value)
            .map(|v| format_money(v, currency, locale))
            .unwrap_or_else(|| value.to_owned()),
        Some("ratio") => parse_decimal(value)
            .and_then(|v| f64::try_from(v).ok())
            .map(|v| format_percent(v, locale))
            .unwrap_or_else(|| value.to_owned()),
        Some("days") => format!("{value} {}", t(locale, "dni", "days")),
        Some("date") => day(value, locale),
        Some("flag") => match value {
            "true" => t(locale, "tak", "yes"),
            _ => t(locale, "nie", "no"),
        },
        Some("events") => {
            let sum = metric
                .events_sum
                .as_deref()
                .and_then(parse_decimal)
                .map(|v| format_money(v, currency, locale))
                .unwrap_or_default();
            match locale {
                Locale::Pl => format!("{value} (razem {sum})"),
                Locale::En => format!("{value} (total {sum})"),
            }
        }
        _ => value.to_owned(),
    }
}

/// An IBAN in groups of four (`PL10 1240 …`), so it reads well and wraps in a narrow column.
pub(super) fn grouped(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A SHA-256 in groups of eight, so the whole hash wraps inside its column.
pub(super) fn hash(sha256: &str) -> String {
    sha256
        .as_bytes()
        .chunks(8)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn column(title: String, align: Align, weight: f32) -> Column {
    Column {
        title,
        align,
        weight,
    }
}

pub(super) fn metrics_table(metrics: &[&MetricInfo], currency: &str, locale: Locale) -> Block {
    Block::Table(Table {
        columns: vec![
            column(t(locale, "Wskaźnik", "Figure"), Align::Left, 3.0),
            column(t(locale, "Wartość", "Value"), Align::Right, 2.0),
            column(t(locale, "Transakcje", "Transactions"), Align::Right, 1.0),
        ],
        rows: metrics
            .iter()
            .map(|metric| {
                let mut name = metric_label(&metric.name, locale);
                if metric.flagged {
                    name.push_str(" ⚑");
                }
                vec![
                    name,
                    metric_value(metric, currency, locale),
                    metric.transaction_ids.len().to_string(),
                ]
            })
            .collect(),
        note: None,
    })
}

pub(super) fn decision_tone(action: &str) -> Tone {
    match action {
        "approve" => Tone::Good,
        "decline" => Tone::Bad,
        "refer" => Tone::Warning,
        _ => Tone::Neutral,
    }
}

pub(super) fn decision_word(action: &str, locale: Locale) -> String {
    match (action, locale) {
        ("approve", Locale::Pl) => "Akceptacja".into(),
        ("decline", Locale::Pl) => "Odmowa".into(),
        ("refer", Locale::Pl) => "Przekazanie wyżej".into(),
        ("reopen", Locale::Pl) => "Ponowne otwarcie".into(),
        ("approve", Locale::En) => "Approve".into(),
        ("decline", Locale::En) => "Decline".into(),
        ("refer", Locale::En) => "Refer".into(),
        ("reopen", Locale::En) => "Reopen".into(),
        (other, _) => other.to_owned(),
    }
}

/// The applicant's name as the memo prints it.
pub(super) fn applicant_name(document: &CaseDocument) -> String {
    document
        .case
        .display_name
        .clone()
        .unwrap_or_else(|| document.case.owner_external_id.clone())
}
