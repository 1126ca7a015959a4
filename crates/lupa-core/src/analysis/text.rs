//! Text folding for keyword matching: lower case, diacritics removed, whitespace collapsed.
//!
//! Bank texts mix upper and lower case, Polish letters and their ASCII stand-ins ("ZAJĘCIE
//! KOMORNICZE" and "zajecie komornicze" must match the same rule), typographic quotes and dashes.
//! Folding is done once per transaction; the ASCII fast path covers almost every byte, Polish and
//! other common Latin letters have a table, and anything else falls back to canonical
//! decomposition with combining marks dropped.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds `text` to lower-case ASCII where possible: `"ZAJĘCIE  Komornicze"` → `"zajecie komornicze"`.
///
/// Whitespace runs become one space and leading or trailing whitespace is dropped; punctuation is
/// kept (`"STS.PL"` → `"sts.pl"`), typographic quotes become `"` and dashes `-`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded `text` to `out` (see [`fold`]).
pub fn fold_into(text: &str, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.reserve(text.len());
    let start = bytes.len();
    let mut pending_space = false;
    let input = text.as_bytes();
    let mut position = 0;
    while position < input.len() {
        let byte = input[position];
        if byte.is_ascii() {
            position += 1;
            if byte.is_ascii_whitespace() {
                pending_space = bytes.len() > start;
                continue;
            }
            if pending_space {
                bytes.push(b' ');
                pending_space = false;
            }
            bytes.push(byte.to_ascii_lowercase());
            continue;
        }
        let ch = text[position..]
            .chars()
            .next()
            .expect("a char at a boundary");
        position += ch.len_utf8();
        if ch.is_whitespace() {
            pending_space = bytes.len() > start;
            continue;
        }
        if pending_space {
            bytes.push(b' ');
            pending_space = false;
        }
        fold_char(ch, &mut |folded: char| {
            let mut buffer = [0; 4];
            bytes.extend_from_slice(folded.encode_utf8(&mut buffer).as_bytes());
        });
    }
    *out = String::from_utf8(bytes).expect("folding keeps UTF-8 valid");
}

fn fold_char(ch: char, push: &mut impl FnMut(char)) {
    let simple = match ch {
        'ą' | 'Ą' => 'a',
        'ć' | 'Ć' => 'c',
        'ę' | 'Ę' => 'e',
        'ł' | 'Ł' => 'l',
        'ń' | 'Ń' => 'n',
        'ó' | 'Ó' => 'o',
        'ś' | 'Ś' => 's',
        'ź' | 'Ź' | 'ż' | 'Ż' => 'z',
        'ä' | 'Ä' => 'a',
        'ö' | 'Ö' | 'ø' | 'Ø' => 'o',
        'ü' | 'Ü' => 'u',
        'đ' | 'Đ' => 'd',
        'ı' => 'i',
        '„' | '”' | '“' | '«' | '»' => '"',
        '‘' | '’' | '‚' => '\'',
        '–' | '—' | '‐' | '‑' | '−' => '-',
        'ß' => {
            push('s');
            push('s');
            return;
        }
        'æ' | 'Æ' => {
            push('a');
            push('e');
            return;
        }
        _ => {
            for lower in ch.to_lowercase() {
                decompose_canonical(lower, |part| {
                    if !is_combining_mark(part) {
                        push(part);
                    }
                });
            }
            return;
        }
    };
    push(simple);
}

/// True when `byte` is part of a word (ASCII letter or digit) in folded text.
pub(crate) fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn polish_letters_and_case() {
        assert_eq!(fold("ZAJĘCIE KOMORNICZE"), "zajecie komornicze");
        assert_eq!(
            fold("Łódź, Świętokrzyskie, ŻÓŁĆ"),
            "lodz, swietokrzyskie, zolc"
        );
        assert_eq!(fold("  Müller   Logistik\tGmbH "), "muller logistik gmbh");
        assert_eq!(
            fold("Spółdzielnia „Podłęże” – czynsz"),
            "spoldzielnia \"podleze\" - czynsz"
        );
        assert_eq!(fold("Crème Brûlée"), "creme brulee");
    }
}
