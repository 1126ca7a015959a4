//! Kontomatik's side: reads an uploaded document, runs the anti-tampering checks and refuses
//! what the PDF Parsing API refuses, or returns the statement's data.
//!
//! The page text is lopdf's `extract_text` over every page: it reads krilla's ToUnicode CMaps
//! and gives one line per drawn text run, with Polish diacritics intact (a test checks it
//! against poppler's `pdftotext`).

use lopdf::{Document, Object};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::layout::{CLOSING_PL, OPENING_PL, PERIOD_PL, producer};
use super::plan::{account_of, period_data};
use super::token::{BLANK, Holder, Kind, Lang, Layout, Token, splice};
use super::{ParsedStatement, Problem, Verdict};
use crate::personas::{self, PersonaSpec};

/// The text of every page of `doc`, joined; pages whose text cannot be read add nothing.
fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text_chunks(&pages)
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}

/// The page text of a PDF, if lopdf can read it.
pub fn page_text(pdf: &[u8]) -> Option<String> {
    Document::load_mem(pdf).ok().map(|doc| text_of(&doc))
}

fn refuse(problem: Problem, message: impl Into<String>) -> Verdict {
    Verdict::Refused {
        problem,
        message: message.into(),
        failed_verifications: Vec::new(),
    }
}

const UNKNOWN_LAYOUT: &str = "No parser recognises the layout of this document.";

/// A PDF as reader software sees it: a header within the first kilobyte.
fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// An `/Encrypt` entry anywhere (for files lopdf refuses to open without the password).
fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"/Encrypt")
}

fn info_text(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(dict) => dict,
        _ => return None,
    };
    lopdf::decode_text_string(info.get(key).ok()?).ok()
}

/// Parses an uploaded document as Kontomatik's PDF Parsing API would (standard mode).
pub fn inspect(pdf: &[u8], accept_inconsistent: bool) -> Verdict {
    if !looks_like_pdf(pdf) {
        return refuse(Problem::NotAPdf, "The file is not a PDF document.");
    }
    let doc = match Document::load_mem(pdf) {
        Ok(doc) => doc,
        Err(_) if declares_encryption(pdf) => return encrypted(),
        Err(_) => return refuse(Problem::NotAPdf, "The file could not be read as a PDF."),
    };
    if doc.is_encrypted() || doc.was_encrypted() {
        return encrypted();
    }
    let pages = doc.get_pages();
    let has_fonts = pages.values().any(|&page| {
        doc.get_page_fonts(page)
            .is_ok_and(|fonts| !fonts.is_empty())
    });
    let text = text_of(&doc);
    if !has_fonts || text.trim().is_empty() {
        return refuse(
            Problem::UnsupportedLayout,
            "The document has no text layer: it is a scan or a photo, not a statement downloaded from online banking.",
        );
    }
    let token = [b"Keywords".as_slice(), b"Subject"]
        .iter()
        .filter_map(|key| info_text(&doc, key))
        .find_map(|value| Token::find(&value));
    let Some(token) = token else {
        return refuse(Problem::UnsupportedLayout, UNKNOWN_LAYOUT);
    };
    let Some(persona) = personas::catalog().iter().find(|p| p.id == token.persona) else {
        return refuse(Problem::UnsupportedLayout, UNKNOWN_LAYOUT);
    };

    let failed = verifications(pdf, &doc, &text, &token, persona);
    if !failed.is_empty() {
        let codes: Vec<&str> = failed.iter().map(|(code, _)| code.as_str()).collect();
        return Verdict::Refused {
            problem: Problem::Tampered,
            message: format!(
                "The document failed anti-tampering checks ({}): it was probably changed after it was downloaded from online banking.",
                codes.join(", ")
            ),
            failed_verifications: failed,
        };
    }
    if token.holder == Holder::Corporate {
        return refuse(
            Problem::CorporateAccount,
            "This is a company account's statement; only personal accounts and sole proprietors are supported.",
        );
    }
    if token.lang != Lang::Pl {
        return refuse(
            Problem::UnsupportedLanguage,
            "The statement is in English; only statements in Polish are supported.",
        );
    }
    if token.layout != Layout::Standard {
        return refuse(Problem::UnsupportedLayout, UNKNOWN_LAYOUT);
    }
    if token.kind == Kind::History && !accept_inconsistent {
        return refuse(
            Problem::Inconsistent,
            "This is an account history without balances, an inconsistent document whose amounts cannot be verified; send acceptInconsistent=true to parse it anyway.",
        );
    }
    parsed(pdf, &token, persona)
}

fn encrypted() -> Verdict {
    refuse(
        Problem::Encrypted,
        "The PDF is password-protected; download a copy without a password from online banking.",
    )
}

/// The statement's data, regenerated from the persona the token names.
fn parsed(pdf: &[u8], token: &Token, persona: &'static PersonaSpec) -> Verdict {
    let generated = personas::generate(persona, token.seed, token.today);
    let Some((index, account)) = account_of(&generated, token.account) else {
        return refuse(Problem::UnsupportedLayout, UNKNOWN_LAYOUT);
    };
    if index != token.account {
        return refuse(Problem::UnsupportedLayout, UNKNOWN_LAYOUT);
    }
    let (mut transactions, _, closing) = period_data(account, token.from, token.to);
    let consistent = token.kind == Kind::Statement;
    if !consistent {
        // An account history prints no balances, so none can be parsed from it.
        for tx in &mut transactions {
            tx.currency_balance = None;
        }
    }
    let owners = account
        .owners
        .clone()
        .filter(|owners| !owners.is_empty())
        .unwrap_or_else(|| generated.owners.clone());
    let digest = Sha256::digest(pdf);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    let statement_id = (u64::from_be_bytes(first) % 9_000_000_000 + 1_000_000_000).to_string();
    Verdict::Parsed(ParsedStatement {
        statement_id,
        is_consistent: consistent,
        owners,
        account: lupa_kontomatik::model::Account {
            partial_due_to_timeout: None,
            currency_balance: consistent.then_some(closing),
            currency_funds_available: None,
            active_since_at_least: None,
            direct_debit: None,
            money_transactions: Some(transactions),
            ..account.clone()
        },
        from: token.from,
        to: token.to,
        failed_verifications: Vec::new(),
    })
}

fn failure(code: &str, words: impl Into<String>) -> (String, String) {
    (code.to_owned(), words.into())
}

/// Every anti-tampering check that fails, `(CODE, words)`, in the order of Kontomatik's list.
///
/// The signature covers the whole file, so a document whose signature holds is the bank's
/// output as rendered, consistent by construction: the other checks run only to say what is
/// wrong with one whose signature fails (and so never misread a genuine document).
fn verifications(
    pdf: &[u8],
    doc: &Document,
    text: &str,
    token: &Token,
    persona: &PersonaSpec,
) -> Vec<(String, String)> {
    let mut failed = Vec::new();
    if token.text_mac(text) != token.mac {
        failed.push(failure(
            "DIGITAL_SIGNATURE",
            "the text of the document differs from the text the bank signed",
        ));
    } else if token.file_sig(&splice(pdf, "sig", &token.sig, BLANK)) != token.sig {
        failed.push(failure(
            "DIGITAL_SIGNATURE",
            "the file was changed after the bank signed it",
        ));
    } else {
        return failed;
    }
    let readable = token.layout == Layout::Standard && token.lang == Lang::Pl;
    if readable && token.kind == Kind::Statement {
        failed.extend(amount_consistency(text));
    }
    let expected = producer(persona.official_name, token.layout);
    let actual = info_text(doc, b"Producer").unwrap_or_default();
    if actual != expected {
        failed.push(failure(
            "METADATA",
            format!("the producer \"{actual}\" is not the one the bank's statements carry"),
        ));
    }
    let strange: Vec<String> = doc
        .get_pages()
        .values()
        .filter_map(|&page| doc.get_page_fonts(page).ok())
        .flat_map(|fonts| fonts.into_values())
        .filter_map(|font| font.get(b"BaseFont").ok()?.as_name().ok())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .filter(|name| !name.contains("DejaVuSans"))
        .collect();
    if let Some(font) = strange.first() {
        failed.push(failure(
            "FONTS",
            format!("the font {font} is not one the bank's statements use"),
        ));
    }
    if readable {
        failed.extend(header_period(text));
        let title = match token.kind {
            Kind::Statement => "Wyciąg z rachunku",
            Kind::History => "Historia rachunku",
        };
        let missing: Vec<&str> = [title, "Numer rachunku (IBAN)", PERIOD_PL]
            .into_iter()
            .filter(|word| !text.contains(word))
            .collect();
        if !missing.is_empty() {
            failed.push(failure(
                "KEYWORDS",
                format!("the expected words are missing: {}", missing.join(", ")),
            ));
        }
    }
    failed
}

/// `-1 234,56` (optionally followed by a currency code) as a number.
fn pl_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let text = match text.rsplit_once(' ') {
        Some((number, code)) if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) => {
            number
        }
        _ => text,
    };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once(',')?;
    let groups: Vec<&str> = whole.split(' ').collect();
    let well_grouped = groups.iter().enumerate().all(|(i, group)| {
        group.chars().all(|c| c.is_ascii_digit())
            && if i == 0 {
                (1..=3).contains(&group.len())
            } else {
                group.len() == 3
            }
    });
    if !well_grouped || fraction.len() != 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let value: Decimal = format!("{}.{fraction}", groups.concat()).parse().ok()?;
    Some(if negative { -value } else { value })
}

fn iso_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    text.parse().ok()
}

/// One table row read back from the page text.
struct Row {
    on: chrono::NaiveDate,
    amount: Decimal,
    balance: Decimal,
}

fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
}

/// The value printed after a label (the facts print label, then value).
fn after<'a>(lines: &[&'a str], label: &str) -> Option<&'a str> {
    let at = lines.iter().position(|line| *line == label)?;
    lines.get(at + 1).copied()
}

/// The standard layout's rows: a row starts with the operation date and the booking date (or
/// `—`) and ends with the amount and the balance, the last two amounts before the next row.
fn rows(lines: &[&str]) -> Vec<Row> {
    let starts: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            iso_date(lines[i]).is_some()
                && (iso_date(lines[i + 1]).is_some() || lines[i + 1] == "—")
        })
        .collect();
    let mut rows = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let cells = &lines[start + 2..end];
        let pair = (1..cells.len())
            .rev()
            .find_map(|j| Some((pl_amount(cells[j - 1])?, pl_amount(cells[j])?)));
        if let (Some(on), Some((amount, balance))) = (iso_date(lines[start]), pair) {
            rows.push(Row {
                on,
                amount,
                balance,
            });
        }
    }
    rows
}

/// Balance after each transaction = the one before + its amount; closing − opening = the sum.
fn amount_consistency(text: &str) -> Option<(String, String)> {
    let lines = lines(text);
    let opening = pl_amount(after(&lines, OPENING_PL)?)?;
    let closing = pl_amount(after(&lines, CLOSING_PL)?)?;
    let rows = rows(&lines);
    let mut problems = Vec::new();
    let mut previous = opening;
    for row in &rows {
        if previous + row.amount != row.balance {
            problems.push(format!(
                "the balance after the transaction of {} does not follow from its amount",
                row.on
            ));
        }
        previous = row.balance;
    }
    let sum: Decimal = rows.iter().map(|row| row.amount).sum();
    if opening + sum != closing {
        problems.push(
            "the transactions do not add up to the closing balance minus the opening balance"
                .to_owned(),
        );
    }
    (!problems.is_empty()).then(|| failure("AMOUNT_CONSISTENCY", problems.join("; ")))
}

/// Every transaction date lies within the period the header states.
fn header_period(text: &str) -> Option<(String, String)> {
    let lines = lines(text);
    let (from, to) = after(&lines, PERIOD_PL)?.split_once(" – ")?;
    let (from, to) = (iso_date(from)?, iso_date(to)?);
    let outside = rows(&lines)
        .into_iter()
        .find(|row| row.on < from || row.on > to)?;
    Some(failure(
        "HEADER_PERIOD",
        format!(
            "the transaction of {} lies outside the period {from} – {to} in the header",
            outside.on
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_amounts_parse_only_when_well_formed() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(pl_amount("-1 234,56"), Some(d("-1234.56")));
        assert_eq!(pl_amount("12 000,00 PLN"), Some(d("12000.00")));
        assert_eq!(pl_amount("0,01"), Some(d("0.01")));
        assert_eq!(pl_amount("1234,56"), None);
        assert_eq!(pl_amount("12 34,56"), None);
        assert_eq!(pl_amount("1 234,5"), None);
        assert_eq!(pl_amount("Faktura 12,00"), None);
    }
}
