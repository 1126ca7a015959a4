//! IBAN helpers for the rules and own-transfer detection: comparison form and national part.

use std::borrow::Cow;

/// The national part of an IBAN (`PL61109010140000071219812874` → `109010140000071219812874`),
/// or the digits of a bare 26-digit Polish NRB.
pub(crate) fn national_part(iban: &str) -> Option<Cow<'_, str>> {
    let compact: Cow<'_, str> = if iban.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
        Cow::Borrowed(iban)
    } else {
        Cow::Owned(normalize_iban(iban))
    };
    let bytes = compact.as_bytes();
    if bytes.len() > 4
        && bytes[..2].iter().all(u8::is_ascii_alphabetic)
        && bytes[2..4].iter().all(u8::is_ascii_digit)
    {
        Some(match compact {
            Cow::Borrowed(text) => Cow::Borrowed(&text[4..]),
            Cow::Owned(text) => Cow::Owned(text[4..].to_owned()),
        })
    } else if bytes.len() == 26 && bytes.iter().all(u8::is_ascii_digit) {
        Some(match compact {
            Cow::Borrowed(text) => Cow::Borrowed(&text[2..]),
            Cow::Owned(text) => Cow::Owned(text[2..].to_owned()),
        })
    } else {
        None
    }
}

/// An IBAN without spaces, upper case, for comparisons (`PL 61 1090…` = `pl611090…`).
pub(crate) fn normalize_iban(iban: &str) -> String {
    iban.chars()
        .filter(|ch| ch.is_ascii_alphanumeric())
        .map(|ch| ch.to_ascii_uppercase())
        .collect()
}
