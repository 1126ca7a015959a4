//! The machine token in a sandbox statement's metadata, and its two MACs (over the page text
//! and over the file's bytes).

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// The token's first word; a document without it is not one of the sandbox's.
pub const PREFIX: &str = "lupa-sandbox-statement/v1";

/// A MAC's placeholder while the document is rendered (64 hex digits, like the real value).
pub const BLANK: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A statement with balances ("Wyciąg z rachunku").
    Statement,
    /// An account history without balances ("Historia rachunku").
    History,
}

/// The layout family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The bank's statement layout, which the parser knows.
    Standard,
    /// A layout no parser knows.
    Unknown,
}

/// Whose account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A person (or a sole proprietor).
    Individual,
    /// A company.
    Corporate,
}

/// The document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Polish.
    Pl,
    /// English.
    En,
}

/// Everything the token says about a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub persona: String,
    pub seed: u64,
    pub today: NaiveDate,
    pub account: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: Kind,
    pub layout: Layout,
    pub holder: Holder,
    pub lang: Lang,
    /// HMAC of the fields and the page text's SHA-256, hex.
    pub mac: String,
    /// HMAC of the file with this value blanked, hex.
    pub sig: String,
}

impl Token {
    /// The fields covered by `mac`, as they are written.
    pub fn fields(&self) -> String {
        format!(
            "persona={} seed={} today={} account={} from={} to={} kind={} layout={} holder={} lang={}",
            self.persona,
            self.seed,
            self.today,
            self.account,
            self.from,
            self.to,
            match self.kind {
                Kind::Statement => "statement",
                Kind::History => "history",
            },
            match self.layout {
                Layout::Standard => "standard",
                Layout::Unknown => "unknown",
            },
            match self.holder {
                Holder::Individual => "individual",
                Holder::Corporate => "corporate",
            },
            match self.lang {
                Lang::Pl => "pl",
                Lang::En => "en",
            },
        )
    }

    /// The whole token as written into the metadata.
    pub fn write(&self) -> String {
        format!(
            "{PREFIX} {} mac={} sig={}",
            self.fields(),
            self.mac,
            self.sig
        )
    }

    /// The token inside `text` (a metadata value), if there is a well-formed one.
    pub fn find(text: &str) -> Option<Token> {
        let start = text.find(PREFIX)?;
        let mut words = text[start + PREFIX.len()..].split_whitespace();
        let mut field = |name: &str| -> Option<String> {
            let word = words.next()?;
            let value = word.strip_prefix(name)?.strip_prefix('=')?;
            Some(value.trim_end_matches([',', ';']).to_owned())
        };
        let persona = field("persona")?;
        let seed = field("seed")?.parse().ok()?;
        let today = field("today")?.parse().ok()?;
        let account = field("account")?.parse().ok()?;
        let from = field("from")?.parse().ok()?;
        let to = field("to")?.parse().ok()?;
        let kind = match field("kind")?.as_str() {
            "statement" => Kind::Statement,
            "history" => Kind::History,
            _ => return None,
        };
        let layout = match field("layout")?.as_str() {
            "standard" => Layout::Standard,
            "unknown" => Layout::Unknown,
            _ => return None,
        };
        let holder = match field("holder")?.as_str() {
            "individual" => Holder::Individual,
            "corporate" => Holder::Corporate,
            _ => return None,
        };
        let lang = match field("lang")?.as_str() {
            "pl" => Lang::Pl,
            "en" => Lang::En,
            _ => return None,
        };
        let mac = field("mac")?;
        let sig = field("sig")?;
        Some(Token {
            persona,
            seed,
            today,
            account,
            from,
            to,
            kind,
            layout,
            holder,
            lang,
            mac,
            sig,
        })
    }

    fn hmac(&self) -> Hmac<Sha256> {
        let key: [u8; 32] =
            Sha256::digest(format!("lupa-sandbox-statement-key/{}", self.seed)).into();
        Hmac::<Sha256>::new_from_slice(&key).expect("HMAC takes any key length")
    }

    /// The `mac` of these fields over a document whose page text is `text`.
    pub fn text_mac(&self, text: &str) -> String {
        let mut mac = self.hmac();
        mac.update(self.fields().as_bytes());
        mac.update(&Sha256::digest(text.as_bytes()));
        hex::encode(mac.finalize().into_bytes())
    }

    /// The `sig` of a file whose `sig` values are all [`BLANK`].
    pub fn file_sig(&self, blanked: &[u8]) -> String {
        let mut mac = self.hmac();
        mac.update(blanked);
        hex::encode(mac.finalize().into_bytes())
    }
}

/// `bytes` with every `name=<from>` replaced by `name=<to>` (both the same length, so the
/// file's offsets stay valid).
pub fn splice(bytes: &[u8], name: &str, from: &str, to: &str) -> Vec<u8> {
    let needle = format!("{name}={from}").into_bytes();
    let replacement = format!("{name}={to}").into_bytes();
    if needle.len() != replacement.len() || needle == replacement {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(&needle) {
            out.extend_from_slice(&replacement);
            i += needle.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> Token {
        let day = |d| NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
        Token {
            persona: "salaried".into(),
            seed: 7,
            today: day(20),
            account: 1,
            from: day(1),
            to: day(31),
            kind: Kind::History,
            layout: Layout::Standard,
            holder: Holder::Individual,
            lang: Lang::En,
            mac: "ab".repeat(32),
            sig: BLANK.into(),
        }
    }

    #[test]
    fn the_token_reads_back_from_its_written_form() {
        let token = token();
        let written = format!("bank statement, {}", token.write());
        assert_eq!(Token::find(&written), Some(token.clone()));
        assert_eq!(
            Token::find(&written.replace("kind=history", "kind=x")),
            None
        );
        assert_eq!(Token::find("no token"), None);
        let other_text = token.text_mac("a");
        assert_ne!(token.text_mac("b"), other_text);
        let other_seed = Token { seed: 8, ..token };
        assert_ne!(other_seed.text_mac("a"), other_text);
    }

    #[test]
    fn splice_replaces_every_copy_and_keeps_the_length() {
        let bytes = format!("x sig={BLANK} y sig={BLANK}").into_bytes();
        let real = "cd".repeat(32);
        let spliced = splice(&bytes, "sig", BLANK, &real);
        assert_eq!(spliced.len(), bytes.len());
        assert_eq!(splice(&spliced, "sig", &real, BLANK), bytes);
    }
}
