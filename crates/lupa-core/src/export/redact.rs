//! Redaction for exports (F-EXP-3), the same rules the UI applies on screen
//! (`ui/src/lib/redact.ts`): names keep each word's first letter, IBANs their country code and
//! last four characters, free text loses IBAN-like tokens and runs of 8+ digits but their last
//! four.

use std::sync::LazyLock;

use regex::Regex;

const DASH: &str = "—";
const BULLET: char = '•';

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{M}\p{N}]+").expect("valid word pattern"));
/// Two letters, two check digits, then 10..30 alphanumerics: compact, or in groups of four.
static IBAN_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z]{2}\d{2}(?:[A-Z0-9]{10,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)\b")
        .expect("valid IBAN pattern")
});
/// 8 or more digits, single (also non-breaking) spaces allowed between them.
static DIGIT_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d(?:[ \u{A0}\u{202F}]?\d){7,}").expect("valid digit pattern"));

/// `value` with every ASCII letter and digit bulleted except the first `head` and last `tail`.
fn bullet_alnum(value: &str, head: usize, tail: usize) -> String {
    let total = value.chars().filter(char::is_ascii_alphanumeric).count();
    let keep_tail = if total > head + tail { tail } else { 0 };
    let mut index = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_ascii_alphanumeric() {
                return c;
            }
            let at = index;
            index += 1;
            if at < head || at >= total - keep_tail {
                c
            } else {
                BULLET
            }
        })
        .collect()
}

/// `Jan Kowalski` → `J** K*******`; empty → `—`.
pub fn mask_name(text: &str) -> String {
    let value = text.trim();
    if value.is_empty() {
        return DASH.to_owned();
    }
    WORD.replace_all(value, |caps: &regex::Captures<'_>| {
        let mut chars = caps[0].chars();
        let first = chars.next().map(String::from).unwrap_or_default();
        first + &"*".repeat(chars.count())
    })
    .into_owned()
}

/// `PL61 1090 1014 …2874` → `PL•• •••• •••• … 2874`; empty → `—`.
pub fn mask_iban(iban: &str) -> String {
    let value = iban.trim();
    if value.is_empty() {
        return DASH.to_owned();
    }
    let head = if value.len() >= 2 && value[..2].chars().all(|c| c.is_ascii_alphabetic()) {
        2
    } else {
        0
    };
    bullet_alnum(value, head, 4)
}

/// Free text with IBAN-like tokens and long digit runs masked but their last four characters.
pub fn mask_text(text: &str) -> String {
    let step = IBAN_LIKE.replace_all(text, |caps: &regex::Captures<'_>| {
        bullet_alnum(&caps[0], 0, 4)
    });
    DIGIT_RUN
        .replace_all(&step, |caps: &regex::Captures<'_>| {
            bullet_alnum(&caps[0], 0, 4)
        })
        .into_owned()
}

/// Redaction of one case: on or off, and the applicant's and co-owners' name words, which are
/// masked wherever they occur in free text (a title like "Czesne - Zosia Dąbrowska").
#[derive(Debug, Clone)]
pub struct Redactor {
    on: bool,
    names: Option<aho_corasick::AhoCorasick>,
}

impl Redactor {
    /// No redaction.
    pub fn off() -> Redactor {
        Redactor {
            on: false,
            names: None,
        }
    }

    /// Redaction on, also masking every word (3+ letters) of `names` in free text.
    pub fn on<'a>(names: impl IntoIterator<Item = &'a str>) -> Redactor {
        let mut words: Vec<String> = names
            .into_iter()
            .flat_map(|name| {
                WORD.find_iter(name)
                    .map(|m| m.as_str().to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|word| word.chars().count() >= 3)
            .collect();
        words.sort();
        words.dedup();
        let names = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&words)
            .ok()
            .filter(|_| !words.is_empty());
        Redactor { on: true, names }
    }

    /// Whether it masks.
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// A name.
    pub fn name(&self, text: &str) -> String {
        if self.on {
            mask_name(text)
        } else {
            text.to_owned()
        }
    }

    /// An IBAN.
    pub fn iban(&self, text: &str) -> String {
        if self.on {
            mask_iban(text)
        } else {
            text.to_owned()
        }
    }

    /// Free text: IBAN-like tokens, digit runs and the case's name words.
    pub fn text(&self, text: &str) -> String {
        if !self.on {
            return text.to_owned();
        }
        let masked = mask_text(text);
        match &self.names {
            Some(names) => {
                let mut out = String::with_capacity(masked.len());
                names.replace_all_with(&masked, &mut out, |_, found, dst| {
                    dst.push_str(&mask_name(found));
                    true
                });
                out
            }
            None => masked,
        }
    }

    /// An optional name.
    pub fn name_opt(&self, value: Option<String>) -> Option<String> {
        value.map(|text| self.name(&text))
    }

    /// An optional IBAN.
    pub fn iban_opt(&self, value: Option<String>) -> Option<String> {
        value.map(|text| self.iban(&text))
    }

    /// Optional free text.
    pub fn text_opt(&self, value: Option<String>) -> Option<String> {
        value.map(|text| self.text(&text))
    }

    /// An identifier hidden entirely (PESEL, NIP, email, phone, address).
    pub fn hide_opt(&self, value: Option<String>) -> Option<String> {
        value.map(|text| if self.on { DASH.to_owned() } else { text })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_rules() {
        assert_eq!(mask_name("Zażółć Gęślą"), "Z***** G****");
        assert_eq!(mask_name("  "), "—");
        assert_eq!(
            mask_iban("PL61 1090 1014 0000 0712 1981 2874"),
            "PL•• •••• •••• •••• •••• •••• 2874"
        );
        assert_eq!(
            mask_iban("PL61109010140000071219812874"),
            "PL••••••••••••••••••••••2874"
        );
        assert_eq!(
            mask_text("Przelew z PL61109010140000071219812874 tel 600 700 800 ok"),
            "Przelew z ••••••••••••••••••••••••2874 tel ••• ••0 800 ok"
        );
        assert_eq!(mask_text("Faktura 1234567890"), "Faktura ••••••7890");
        assert_eq!(mask_text("Netflix 2026-11"), "Netflix 2026-11");
    }

    #[test]
    fn the_case_names_are_masked_in_free_text() {
        let redactor = Redactor::on(["Anna Dąbrowska", "Jan Dąbrowski"]);
        assert_eq!(
            redactor.text("Czesne - Zosia Dąbrowska, konto PL61109010140000071219812874"),
            "Czesne - Zosia D********, konto ••••••••••••••••••••••••2874"
        );
        assert_eq!(redactor.text("od ANNA i Jan"), "od A*** i J**");
        assert_eq!(Redactor::off().text("Anna Dąbrowska"), "Anna Dąbrowska");
    }
}
