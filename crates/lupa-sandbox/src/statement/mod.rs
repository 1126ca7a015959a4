//! PDF bank statements of the personas, and Kontomatik-like parsing of them back.
//!
//! [`render`] typesets a persona's account over a period as a Polish bank statement (lupa-memo,
//! DejaVu embedded) or as one of the documents Kontomatik's PDF Parsing API refuses ([`Variant`]).
//! [`inspect`] plays Kontomatik's side: it refuses what Kontomatik refuses (not a PDF, encrypted,
//! a scan, an unknown layout, tampering, a corporate account, English, an inconsistent history
//! without `acceptInconsistent`) and otherwise returns the statement's data.
//!
//! How a sandbox PDF is recognised: its `/Keywords` (and the XMP copy) carry a machine token
//! (`lupa-sandbox-statement/v1 persona=… seed=… today=… account=… from=… to=… kind=… layout=…
//! holder=… lang=… mac=… sig=…`). `mac` is an HMAC-SHA256, under a key derived from the seed, of
//! the token's fields and the SHA-256 of the text lopdf extracts from the pages; `sig` is an
//! HMAC of the file's bytes with the `sig` value itself blanked, like the byte range of a PDF
//! signature. A document whose text or bytes changed after rendering fails `DIGITAL_SIGNATURE`
//! (plus whatever other anti-tampering check the change trips). The data of a parsed statement
//! is regenerated from the persona named in the token, so it equals the sandbox's bank import of
//! that persona field by field, which lets Lupa deduplicate the two.
//!
//! Kontomatik's verification codes, problem names and messages are not documented
//! (`shared/docs/kontomatik-pdf.md` §2.4, §4): the codes here follow §2.4's list of checks.

mod check;
mod forms;
mod layout;
mod plan;
mod routes;
mod token;

#[cfg(test)]
mod tests;

use chrono::{Datelike, Months, NaiveDate};
use lupa_kontomatik::model::{Account, Owner};

use crate::personas::PersonaSpec;

pub use forms::ENCRYPTION_PASSWORD;
pub use routes::router;

/// Which document to render: a genuine statement, or one Kontomatik refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variant {
    /// A genuine monthly-style statement, as downloaded from online banking.
    Genuine,
    /// The genuine statement with one amount edited (and the editor's metadata).
    Tampered,
    /// An account history ("Historia rachunku"): no balances, so an inconsistent document.
    History,
    /// A layout no parser knows.
    UnsupportedLayout,
    /// A company account's statement.
    Corporate,
    /// The statement in English.
    English,
    /// A scan: pages that are only images, no text layer.
    Scan,
    /// The genuine statement protected with a user password ([`ENCRYPTION_PASSWORD`]).
    Encrypted,
    /// Not a PDF at all (the statement as plain text, named `.pdf`).
    NotAPdf,
}

impl Variant {
    /// Every variant, the genuine one first.
    pub const ALL: [Variant; 9] = [
        Variant::Genuine,
        Variant::Tampered,
        Variant::History,
        Variant::UnsupportedLayout,
        Variant::Corporate,
        Variant::English,
        Variant::Scan,
        Variant::Encrypted,
        Variant::NotAPdf,
    ];

    /// The variant a query value names (`tampered`, `not-a-pdf`; ASCII case and `_` for `-`
    /// ignored).
    pub fn from_query(s: &str) -> Option<Variant> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Variant::ALL.into_iter().find(|v| v.as_str() == wanted)
    }

    /// The name used in URLs, file names and on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            Variant::Genuine => "genuine",
            Variant::Tampered => "tampered",
            Variant::History => "history",
            Variant::UnsupportedLayout => "unsupported-layout",
            Variant::Corporate => "corporate",
            Variant::English => "english",
            Variant::Scan => "scan",
            Variant::Encrypted => "encrypted",
            Variant::NotAPdf => "not-a-pdf",
        }
    }

    /// What the document is, in a few Polish words (the widget's link texts).
    pub fn describe_pl(&self) -> &'static str {
        match self {
            Variant::Genuine => "oryginalny",
            Variant::Tampered => "zmieniona kwota",
            Variant::History => "historia bez sald",
            Variant::UnsupportedLayout => "nieznany układ",
            Variant::Corporate => "rachunek firmowy",
            Variant::English => "po angielsku",
            Variant::Scan => "skan",
            Variant::Encrypted => "zaszyfrowany",
            Variant::NotAPdf => "nie PDF",
        }
    }
}

/// What to render: whose account, which period, which variant.
#[derive(Debug, Clone, Copy)]
pub struct StatementSpec {
    /// The persona.
    pub persona: &'static PersonaSpec,
    /// Index of the account in the persona's generated accounts (out of range: the last one).
    pub account: usize,
    /// First day of the period (a period longer than [`MAX_MONTHS`] is cut at the start).
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// Which document.
    pub variant: Variant,
}

/// The longest period a statement covers, in months; `render` moves `from` forward to fit.
pub const MAX_MONTHS: u32 = 12;

impl StatementSpec {
    /// The default period: the last 3 whole calendar months before `today`, first account, genuine.
    pub fn default_for(persona: &'static PersonaSpec, today: NaiveDate) -> StatementSpec {
        let first_of_month = today.with_day(1).expect("day 1 exists");
        let to = first_of_month.pred_opt().expect("date in range");
        let from = first_of_month
            .checked_sub_months(Months::new(3))
            .expect("date in range");
        StatementSpec {
            persona,
            account: 0,
            from,
            to,
            variant: Variant::Genuine,
        }
    }

    /// The period actually rendered: `from` no later than `to`, at most [`MAX_MONTHS`] long.
    pub fn period(&self) -> (NaiveDate, NaiveDate) {
        let to = self.to;
        let earliest = to
            .checked_sub_months(Months::new(MAX_MONTHS))
            .and_then(|day| day.succ_opt())
            .unwrap_or(to);
        (self.from.clamp(earliest, to), to)
    }
}

/// Renders the document `spec` describes; the same arguments always give the same bytes.
///
/// `seed` and `today` are the sandbox's (`SandboxConfig::seed`, `SandboxState::today`): the
/// persona's history is generated from them, as for the bank import.
pub fn render(spec: &StatementSpec, seed: u64, today: NaiveDate) -> Vec<u8> {
    let generated = crate::personas::generate(spec.persona, seed, today);
    forms::render(spec, &generated, seed, today)
}

/// The download's file name, e.g. `wyciag-salaried-2026-08-01-2026-10-31.pdf`, with
/// `-konto2` for another account than the first and `-tampered` etc. for a variant.
pub fn file_name(spec: &StatementSpec) -> String {
    let (from, to) = spec.period();
    let account = if spec.account == 0 {
        String::new()
    } else {
        format!("-konto{}", spec.account + 1)
    };
    let variant = match spec.variant {
        Variant::Genuine => String::new(),
        other => format!("-{}", other.as_str()),
    };
    format!(
        "wyciag-{}{account}-{from}-{to}{variant}.pdf",
        spec.persona.id
    )
}

/// What Kontomatik's parser makes of an uploaded document.
// One verdict per upload, matched by value by the callers: boxing the parsed statement would
// save nothing that matters.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The statement's data.
    Parsed(ParsedStatement),
    /// Rejected, with no data.
    Refused {
        /// Why, as a category.
        problem: Problem,
        /// Why, in plain English words.
        message: String,
        /// The anti-tampering checks that failed: `(CODE, words)`.
        failed_verifications: Vec<(String, String)>,
    },
}

/// Why a document was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Problem {
    /// An anti-tampering check failed.
    Tampered,
    /// An inconsistent document type (an account history) without `acceptInconsistent=true`.
    Inconsistent,
    /// No parser knows the layout, or there is no text layer (a scan).
    UnsupportedLayout,
    /// A company's account (sole proprietors excepted).
    CorporateAccount,
    /// Not in Polish.
    UnsupportedLanguage,
    /// Password-protected.
    Encrypted,
    /// Not a PDF.
    NotAPdf,
}

impl Problem {
    /// A stable snake_case name (`tampered`, `not_a_pdf`).
    pub fn as_str(&self) -> &'static str {
        match self {
            Problem::Tampered => "tampered",
            Problem::Inconsistent => "inconsistent",
            Problem::UnsupportedLayout => "unsupported_layout",
            Problem::CorporateAccount => "corporate_account",
            Problem::UnsupportedLanguage => "unsupported_language",
            Problem::Encrypted => "encrypted",
            Problem::NotAPdf => "not_a_pdf",
        }
    }
}

/// A parsed statement: the data Kontomatik returns for an accepted document.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedStatement {
    /// Digits, deterministic from the PDF bytes' SHA-256.
    pub statement_id: String,
    /// False for an accepted account history (an inconsistent document type).
    pub is_consistent: bool,
    /// The account's owners as the header names them.
    pub owners: Vec<Owner>,
    /// The account, with the period's transactions newest first (as the bank import sends
    /// them) and `currencyBalance` = the closing balance. A history has no balances: neither the
    /// account's nor the transactions'.
    pub account: Account,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// Checks that failed without stopping the parse; empty for genuine documents.
    pub failed_verifications: Vec<(String, String)>,
}

/// Parses an uploaded document as Kontomatik's PDF Parsing API would (standard mode).
pub fn inspect(pdf: &[u8], accept_inconsistent: bool) -> Verdict {
    check::inspect(pdf, accept_inconsistent)
}
