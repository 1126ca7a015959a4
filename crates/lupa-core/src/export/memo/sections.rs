//! The memo's sections, in reading order; each appends its blocks.

use lupa_charts::{Locale, format_decimal, format_money, format_percent};
use lupa_memo::{Align, Block, Table};

use super::MemoChart;
use super::words::*;
use crate::export::document::{CaseDocument, MetricInfo};

/// Applicant and owners.
pub(super) fn applicant(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
    let applicant = applicant_name(document);
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
}

/// Accounts and coverage.
pub(super) fn accounts(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
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
}

/// Per currency: the sections, the month table and the checklist.
pub(super) fn currencies(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
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
}

/// Kontomatik Score as an external opinion.
pub(super) fn score(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
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
}

/// The decision and its history.
pub(super) fn decision(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
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
}

/// Analyst notes: starred or commented transactions.
pub(super) fn notes(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
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
}

/// The charts, vector.
pub(super) fn charts(charts: &[MemoChart], locale: Locale, blocks: &mut Vec<Block>) {
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
}

/// The evidence appendix: every raw reply by SHA-256.
pub(super) fn evidence(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
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
    statements(document, locale, blocks);
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
}

/// The PDF statements of the case: file, hash, Kontomatik's verdict and Lupa's checks.
fn statements(document: &CaseDocument, locale: Locale, blocks: &mut Vec<Block>) {
    let rows: Vec<Vec<String>> = document
        .imports
        .iter()
        .filter_map(|import| import.statement.as_ref().map(|s| (import.id, s)))
        .map(|(id, statement)| {
            let verdict = match (&statement.refusal, statement.is_consistent) {
                (Some(refusal), _) => format!("{} ({refusal})", t(locale, "odrzucony", "refused")),
                (None, Some(false)) => t(
                    locale,
                    "przyjęty, niespójny (zaakceptowany przez analityka)",
                    "accepted, inconsistent (accepted by the analyst)",
                ),
                (None, _) => t(locale, "przyjęty, zweryfikowany", "accepted, verified"),
            };
            let mut details = statement.failed_verifications.clone();
            details.extend(statement.checks.iter().cloned());
            vec![
                id.to_string(),
                format!(
                    "{} · {} B · {}",
                    statement.file_name,
                    statement.bytes,
                    moment(&statement.uploaded_at, locale)
                ),
                verdict,
                details.join("; "),
                hash(&statement.sha256),
            ]
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    blocks.push(Block::Subheading(t(
        locale,
        "Wyciągi PDF (Kontomatik PDF Parsing API)",
        "PDF statements (Kontomatik PDF Parsing API)",
    )));
    blocks.push(Block::Table(Table {
        columns: vec![
            column(t(locale, "Import", "Import"), Align::Left, 0.9),
            column(t(locale, "Plik", "File"), Align::Left, 3.0),
            column(t(locale, "Werdykt", "Verdict"), Align::Left, 2.2),
            column(t(locale, "Kontrole", "Checks"), Align::Left, 2.6),
            column("SHA-256".into(), Align::Left, 3.6),
        ],
        rows,
        note: Some(t(
            locale,
            "SHA-256 przesłanego pliku PDF; kontrole Lupy: właściciel, IBAN, okres.",
            "SHA-256 of the uploaded PDF; Lupa's checks: owner, IBAN, period.",
        )),
    }));
}
