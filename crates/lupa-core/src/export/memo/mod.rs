//! The PDF credit memo (F-EXP-1): the [`CaseDocument`] laid out in the order an analyst reads it
//! (applicant, accounts, income, obligations, balance, risk, quality, checklist, score,
//! decision, notes, charts, evidence) in Polish or English, typeset by `lupa-memo`. Redaction
//! happened in the document already.

mod sections;
mod words;

use lupa_charts::Locale;
use lupa_memo::{Badge, Block, Memo, Tone};

use super::document::CaseDocument;
use crate::error::{Error, Result};
use words::*;
pub use words::{category_label, metric_label};

/// A chart for the memo: its title and SVG.
#[derive(Debug, Clone)]
pub struct MemoChart {
    /// Caption.
    pub title: String,
    /// The plotters SVG.
    pub svg: String,
}

/// Lays the document out as a memo.
pub fn memo(document: &CaseDocument, charts: &[MemoChart], locale: Locale) -> Memo {
    let mut blocks = Vec::new();
    let applicant = applicant_name(document);
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
    sections::applicant(document, locale, &mut blocks);
    sections::accounts(document, locale, &mut blocks);
    sections::currencies(document, locale, &mut blocks);
    sections::score(document, locale, &mut blocks);
    sections::decision(document, locale, &mut blocks);
    sections::notes(document, locale, &mut blocks);
    sections::charts(charts, locale, &mut blocks);
    sections::evidence(document, locale, &mut blocks);
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
        ..Default::default()
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
