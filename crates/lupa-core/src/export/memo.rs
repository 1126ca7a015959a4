//! The PDF credit memo (F-EXP-1): the [`CaseDocument`] laid out in the order an analyst reads it
//! (applicant, accounts, income, obligations, balance, risk, quality, checklist, score,
//! decision, notes, charts, evidence) in Polish or English, typeset by `lupa-memo`. Redaction
//! happened in the document already.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use lupa_charts::{Locale, format_decimal, format_money, format_percent};
use lupa_memo::{Align, Badge, Block, Column, Memo, Table, Tone};
use rust_decimal::Decimal;
use serde::Deserialize;

use super::document::{CaseDocument, MetricInfo};
use crate::error::{Error, Result};

/// A chart for the memo: its title and SVG.
#[derive(Debug, Clone)]
pub struct MemoChart {
    /// Caption.
    pub title: String,
    /// The plotters SVG.
    pub svg: String,
}

#[derive(Deserialize)]
struct Labels {
    metrics: std::collections::HashMap<String, Vec<String>>,
    categories: std::collections::HashMap<String, Vec<String>>,
}

/// Metric and category names in both languages, shared with the UI.
static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../../ui/src/lib/labels.json"))
        .expect("ui/src/lib/labels.json is valid")
});

fn pick(entry: Option<&Vec<String>>, locale: Locale) -> Option<String> {
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
fn t(locale: Locale, pl: &str, en: &str) -> String {
    match locale {
        Locale::Pl => pl.to_owned(),
        Locale::En => en.to_owned(),
    }
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    text.parse().ok()
}

fn day(text: &str, locale: Locale) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|date| lupa_charts::format_date(date, locale))
        .unwrap_or_else(|_| text.to_owned())
}

fn moment(text: &str, locale: Locale) -> String {
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
fn metric_value(metric: &MetricInfo, currency: &str, locale: Locale) -> String {
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
fn grouped(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A SHA-256 in groups of eight, so the whole hash wraps inside its column.
fn hash(sha256: &str) -> String {
    sha256
        .as_bytes()
        .chunks(8)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

fn column(title: String, align: Align, weight: f32) -> Column {
    Column {
        title,
        align,
        weight,
    }
}

fn metrics_table(metrics: &[&MetricInfo], currency: &str, locale: Locale) -> Block {
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

fn decision_tone(action: &str) -> Tone {
    match action {
        "approve" => Tone::Good,
        "decline" => Tone::Bad,
        "refer" => Tone::Warning,
        _ => Tone::Neutral,
    }
}

fn decision_word(action: &str, locale: Locale) -> String {
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

/// Lays the document out as a memo.
pub fn memo(document: &CaseDocument, charts: &[MemoChart], locale: Locale) -> Memo {
    let mut blocks = Vec::new();
    let applicant = document
        .case
        .display_name
        .clone()
        .unwrap_or_else(|| document.case.owner_external_id.clone());
    let mut badges = Vec::new();
    if let Some(decision) = &document.case.decision {
        badges.push(Badge {
            text: decision_word(&decision.action, locale),
            tone: decision_tone(&decision.action),
        });
    } else {
        badges.push(Badge {
            text: t(locale, "Bez decyzji", "Not decided"),
            tone: Tone::Neutral,
        });
    }
    for currency in &document.analysis.currencies {
        for metric in currency.metrics.iter().filter(|m| m.flagged) {
            badges.push(Badge {
                text: metric_label(&metric.name, locale),
                tone: Tone::Bad,
            });
        }
    }
    if let Some(tier) = document
        .analysis
        .score
        .iter()
        .find(|m| m.name == "kontomatik_tier")
        .and_then(|m| m.value.clone())
    {
        badges.push(Badge {
            text: format!("Kontomatik {tier}"),
            tone: Tone::Neutral,
        });
    }
    blocks.push(Block::Badges(badges));

    // Applicant and owners.
    blocks.push(Block::Heading(t(locale, "Wnioskodawca", "Applicant")));
    blocks.push(Block::Facts(vec![
        (t(locale, "Wnioskodawca", "Applicant"), applicant.clone()),
        (
            t(locale, "Identyfikator właściciela", "Owner id"),
            document.case.owner_external_id.clone(),
        ),
        (
            t(locale, "Środowisko", "Environment"),
            document.case.environment.clone(),
        ),
        (
            t(locale, "Analiza na dzień", "Analysis as of"),
            day(&document.analysis.as_of, locale),
        ),
        (
            t(locale, "Usunięcie danych po", "Data deleted after"),
            day(&document.case.delete_after, locale),
        ),
    ]));
    if !document.owners.is_empty() {
        blocks.push(Block::Table(Table {
            columns: vec![
                column(t(locale, "Właściciel", "Owner"), Align::Left, 3.0),
                column(t(locale, "Rola", "Role"), Align::Left, 1.5),
                column(t(locale, "Adres", "Address"), Align::Left, 4.0),
            ],
            rows: document
                .owners
                .iter()
                .map(|owner| {
                    vec![
                        owner.name.clone(),
                        owner.kind.clone().unwrap_or_default(),
                        owner.address.clone().unwrap_or_default(),
                    ]
                })
                .collect(),
            note: None,
        }));
    }

    // Accounts and coverage.
    blocks.push(Block::Heading(t(
        locale,
        "Rachunki i pokrycie",
        "Accounts and coverage",
    )));
    blocks.push(Block::Table(Table {
        columns: vec![
            column("IBAN".into(), Align::Left, 4.4),
            column(t(locale, "Nazwa", "Name"), Align::Left, 2.4),
            column(t(locale, "Saldo", "Balance"), Align::Right, 2.2),
            column(t(locale, "Okres", "Period"), Align::Left, 2.3),
            column(t(locale, "Transakcje", "Transactions"), Align::Right, 1.9),
            column(t(locale, "Ciągłość", "Continuity"), Align::Left, 1.6),
        ],
        rows: document
            .accounts
            .iter()
            .map(|account| {
                let mut name = account.name.clone().unwrap_or_default();
                if account.co_owned {
                    name.push_str(&t(locale, " (wspólny)", " (joint)"));
                }
                if account.is_card {
                    name.push_str(&t(locale, " (karta)", " (card)"));
                }
                vec![
                    if account.is_card {
                        account.iban.clone()
                    } else {
                        grouped(&account.iban)
                    },
                    name,
                    account
                        .balance
                        .as_deref()
                        .and_then(parse_decimal)
                        .map(|v| format_money(v, &account.currency, locale))
                        .unwrap_or_else(|| "—".into()),
                    match (&account.first_on, &account.last_on) {
                        (Some(first), Some(last)) => {
                            format!("{} – {}", day(first, locale), day(last, locale))
                        }
                        _ => "—".into(),
                    },
                    account.transactions.to_string(),
                    if account.continuous {
                        t(locale, "ciągłe", "continuous")
                    } else {
                        format!("{} {}", account.breaks, t(locale, "przerw", "breaks"))
                    },
                ]
            })
            .collect(),
        note: None,
    }));

    // Per currency: income table and sections.
    let sections = [
        ("income", "Dochody", "Income"),
        ("obligations", "Zobowiązania", "Obligations"),
        ("balance", "Kondycja salda", "Balance health"),
        ("risk", "Sygnały ryzyka", "Risk flags"),
        ("quality", "Jakość danych", "Data quality"),
    ];
    for currency in &document.analysis.currencies {
        let code = &currency.currency;
        for (id, pl, en) in sections {
            let metrics: Vec<&MetricInfo> = currency
                .metrics
                .iter()
                .filter(|m| m.section == id)
                .collect();
            if metrics.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(format!("{} ({code})", t(locale, pl, en))));
            blocks.push(metrics_table(&metrics, code, locale));
            if id == "income" && !currency.months.is_empty() {
                blocks.push(Block::Subheading(t(locale, "Miesiące", "Months")));
                blocks.push(Block::Table(Table {
                    columns: vec![
                        column(t(locale, "Miesiąc", "Month"), Align::Left, 1.5),
                        column(t(locale, "Dochód", "Income"), Align::Right, 2.0),
                        column(t(locale, "Wpływy", "Inflow"), Align::Right, 2.0),
                        column(t(locale, "Wydatki", "Outflow"), Align::Right, 2.0),
                    ],
                    rows: currency
                        .months
                        .iter()
                        .map(|month| {
                            let amount = |text: &str| {
                                parse_decimal(text)
                                    .map(|v| format_decimal(v, locale))
                                    .unwrap_or_else(|| text.to_owned())
                            };
                            vec![
                                if month.partial {
                                    format!("{}*", month.month)
                                } else {
                                    month.month.clone()
                                },
                                amount(&month.income),
                                amount(&month.inflow),
                                amount(&month.outflow),
                            ]
                        })
                        .collect(),
                    note: Some(t(
                        locale,
                        "* miesiąc niepełny. Kwoty w walucie rachunku.",
                        "* partial month. Amounts in the account's currency.",
                    )),
                }));
            }
        }
        blocks.push(Block::Heading(format!(
            "{} ({code})",
            t(locale, "Lista kontrolna", "Checklist")
        )));
        blocks.push(Block::Table(Table {
            columns: vec![
                column(t(locale, "Reguła", "Rule"), Align::Left, 5.0),
                column(t(locale, "Wartość", "Value"), Align::Right, 1.6),
                column(t(locale, "Próg", "Threshold"), Align::Right, 1.6),
                column(t(locale, "Wynik", "Result"), Align::Left, 1.6),
            ],
            rows: currency
                .checklist
                .iter()
                .map(|check| {
                    vec![
                        match locale {
                            Locale::Pl => check.description_pl.clone(),
                            Locale::En => check.description_en.clone(),
                        },
                        check.value.clone().unwrap_or_else(|| "—".into()),
                        format!("{} {}", check.comparator, check.threshold),
                        match (check.outcome.as_str(), locale) {
                            ("PASS", Locale::Pl) => "spełnia".into(),
                            ("FAIL", Locale::Pl) => "NIE SPEŁNIA".into(),
                            ("NEEDS_REVIEW", Locale::Pl) => "do oceny".into(),
                            ("NEEDS_REVIEW", Locale::En) => "review".into(),
                            (other, _) => other.to_owned(),
                        },
                    ]
                })
                .collect(),
            note: None,
        }));
    }

    // Kontomatik Score.
    blocks.push(Block::Heading("Kontomatik Score".into()));
    match document.scores.iter().find(|s| s.outcome == "scored") {
        Some(scored) => {
            blocks.push(Block::Paragraph(t(
                locale,
                "Opinia zewnętrzna Kontomatik: wynik to prawdopodobieństwo spłaty według modelu Kontomatik, percentyl – pozycja wobec populacji treningowej Kontomatik.",
                "Kontomatik's external opinion: the score is the probability of repayment by Kontomatik's model; the percentile places the applicant in Kontomatik's training population.",
            )));
            blocks.push(Block::Table(Table {
                columns: vec![
                    column(t(locale, "Model", "Model"), Align::Left, 2.5),
                    column(t(locale, "Wynik", "Score"), Align::Right, 1.3),
                    column(t(locale, "Percentyl", "Percentile"), Align::Right, 1.3),
                    column(t(locale, "Klasa", "Tier"), Align::Left, 0.8),
                    column(t(locale, "Zapytanie", "Requested"), Align::Left, 2.2),
                ],
                rows: scored
                    .models
                    .iter()
                    .map(|model| {
                        let share = |text: &Option<String>| {
                            text.as_deref()
                                .and_then(parse_decimal)
                                .and_then(|v| f64::try_from(v).ok())
                                .map(|v| format_percent(v, locale))
                                .unwrap_or_else(|| "—".into())
                        };
                        vec![
                            model.model_id.clone(),
                            share(&model.score),
                            share(&model.percentile),
                            model.tier.clone().unwrap_or_else(|| "—".into()),
                            format!(
                                "{} ({})",
                                moment(&scored.requested_at, locale),
                                scored.analyst
                            ),
                        ]
                    })
                    .collect(),
                note: None,
            }));
        }
        None => blocks.push(Block::Paragraph(match document.scores.first() {
            Some(last) => match locale {
                Locale::Pl => format!(
                    "Nie uzyskano wyniku (ostatnie zapytanie {}: {}).",
                    moment(&last.requested_at, locale),
                    last.error_name
                        .clone()
                        .unwrap_or_else(|| last.outcome.clone())
                ),
                Locale::En => format!(
                    "No score (last request {}: {}).",
                    moment(&last.requested_at, locale),
                    last.error_name
                        .clone()
                        .unwrap_or_else(|| last.outcome.clone())
                ),
            },
            None => t(locale, "Nie zlecono.", "Not requested."),
        })),
    }

    // Decision and its history.
    blocks.push(Block::Heading(t(locale, "Decyzja", "Decision")));
    match &document.case.decision {
        Some(decision) => blocks.push(Block::Facts(vec![
            (
                t(locale, "Decyzja", "Decision"),
                decision_word(&decision.action, locale),
            ),
            (t(locale, "Analityk", "Analyst"), decision.analyst.clone()),
            (t(locale, "Kiedy", "When"), moment(&decision.at, locale)),
            (
                t(locale, "Uzasadnienie", "Rationale"),
                decision.rationale.clone(),
            ),
        ])),
        None => blocks.push(Block::Paragraph(t(
            locale,
            "Sprawa nie ma jeszcze decyzji.",
            "The case is not decided yet.",
        ))),
    }
    if document.decisions.len() > 1 {
        blocks.push(Block::Table(Table {
            columns: vec![
                column(t(locale, "Kiedy", "When"), Align::Left, 2.0),
                column(t(locale, "Działanie", "Action"), Align::Left, 1.5),
                column(t(locale, "Analityk", "Analyst"), Align::Left, 1.5),
                column(t(locale, "Uzasadnienie", "Rationale"), Align::Left, 5.0),
            ],
            rows: document
                .decisions
                .iter()
                .map(|row| {
                    vec![
                        moment(&row.at, locale),
                        decision_word(&row.action, locale),
                        row.analyst.clone(),
                        row.rationale.clone(),
                    ]
                })
                .collect(),
            note: None,
        }));
    }

    // Analyst notes: starred or commented transactions.
    let notes: Vec<_> = document
        .transactions
        .iter()
        .filter(|tx| tx.starred || tx.comment.is_some())
        .collect();
    blocks.push(Block::Heading(t(
        locale,
        "Notatki analityka",
        "Analyst notes",
    )));
    if notes.is_empty() {
        blocks.push(Block::Paragraph(t(
            locale,
            "Brak oznaczonych lub skomentowanych transakcji.",
            "No starred or commented transactions.",
        )));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                column(t(locale, "Data", "Date"), Align::Left, 1.4),
                column(t(locale, "Kwota", "Amount"), Align::Right, 1.6),
                column(t(locale, "Tytuł", "Title"), Align::Left, 3.5),
                column(t(locale, "Kategoria", "Category"), Align::Left, 1.8),
                column(t(locale, "Komentarz", "Comment"), Align::Left, 3.5),
            ],
            rows: notes
                .iter()
                .map(|tx| {
                    vec![
                        day(&tx.transaction_on, locale),
                        parse_decimal(&tx.amount)
                            .map(|v| format_money(v, &tx.currency, locale))
                            .unwrap_or_else(|| tx.amount.clone()),
                        tx.title.clone().unwrap_or_default(),
                        category_label(&tx.category, locale),
                        format!(
                            "{}{}",
                            if tx.starred { "★ " } else { "" },
                            tx.comment.clone().unwrap_or_default()
                        ),
                    ]
                })
                .collect(),
            note: None,
        }));
    }

    // Charts.
    if !charts.is_empty() {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading(t(locale, "Wykresy", "Charts")));
        for chart in charts {
            blocks.push(Block::Chart {
                title: chart.title.clone(),
                svg: chart.svg.clone(),
            });
        }
    }

    // Evidence appendix.
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading(t(
        locale,
        "Załącznik: dowody",
        "Appendix: evidence",
    )));
    blocks.push(Block::Paragraph(t(
        locale,
        "Surowe odpowiedzi Kontomatik przechowywane lokalnie; SHA-256 treści pozwala sprawdzić, że dane nie zostały zmienione.",
        "Kontomatik's raw replies as stored locally; the SHA-256 of each body shows the data was not altered.",
    )));
    let mut evidence = Vec::new();
    for import in &document.imports {
        for raw in &import.raw_replies {
            evidence.push(vec![
                import.id.to_string(),
                raw.call.clone(),
                moment(&raw.received_at, locale),
                hash(&raw.sha256),
            ]);
        }
    }
    for score in &document.scores {
        if let Some(sha) = &score.sha256 {
            evidence.push(vec![
                "score".into(),
                "GET /v1/owner-scores.xml".into(),
                moment(&score.requested_at, locale),
                hash(sha),
            ]);
        }
    }
    blocks.push(Block::Table(Table {
        columns: vec![
            column(t(locale, "Import", "Import"), Align::Left, 0.9),
            column(t(locale, "Wywołanie", "Call"), Align::Left, 3.2),
            column(t(locale, "Otrzymano", "Received"), Align::Left, 2.2),
            column("SHA-256".into(), Align::Left, 5.6),
        ],
        rows: evidence,
        note: Some(match locale {
            Locale::Pl => format!(
                "Importy: {}. Wygenerowano przez Lupa {}.",
                document
                    .imports
                    .iter()
                    .map(|i| format!("#{} {} ({})", i.id, i.state, moment(&i.started_at, locale)))
                    .collect::<Vec<_>>()
                    .join(", "),
                document.lupa_version
            ),
            Locale::En => format!(
                "Imports: {}. Generated by Lupa {}.",
                document
                    .imports
                    .iter()
                    .map(|i| format!("#{} {} ({})", i.id, i.state, moment(&i.started_at, locale)))
                    .collect::<Vec<_>>()
                    .join(", "),
                document.lupa_version
            ),
        }),
    }));

    Memo {
        title: format!(
            "{} — {applicant}",
            t(locale, "Notatka kredytowa", "Credit memo")
        ),
        subtitle: Some(format!(
            "{} {} · {}",
            t(locale, "Sprawa", "Case"),
            document.case.id,
            document.case.environment
        )),
        generated: format!(
            "{} {} · Lupa {}{}",
            t(locale, "Wygenerowano", "Generated"),
            moment(&document.generated_at, locale),
            document.lupa_version,
            if document.redacted {
                t(locale, " · dane zamaskowane", " · redacted")
            } else {
                String::new()
            }
        ),
        footer: t(
            locale,
            "Poufne — dane osobowe i finansowe",
            "Confidential — personal and financial data",
        ),
        page_label: t(locale, "Strona {page} z {pages}", "Page {page} of {pages}"),
        language: t(locale, "pl", "en"),
        blocks,
    }
}

/// Renders the memo to PDF bytes.
pub fn render_memo(
    document: &CaseDocument,
    charts: &[MemoChart],
    locale: Locale,
) -> Result<Vec<u8>> {
    lupa_memo::render(&memo(document, charts, locale)).map_err(|error| Error::File {
        path: "memo".to_owned(),
        message: error.to_string(),
    })
}
