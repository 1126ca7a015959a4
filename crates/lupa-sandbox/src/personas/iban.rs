//! IBANs for the personas: Polish account numbers (NRB with `PL`) with real sort codes and
//! correct ISO 13616 mod-97 check digits, plus a validator for any country.

/// The length of a Polish IBAN: `PL`, two check digits and the 26-digit NRB minus its own check.
const POLISH_LENGTH: usize = 28;

/// A Polish IBAN from an 8-digit sort code (`numer rozliczeniowy`, e.g. `10201026` for PKO BP)
/// and a 16-digit account number, with the mod-97 check digits computed.
///
/// # Panics
/// When either part is not all ASCII digits of the stated length; personas only pass literals.
pub fn polish_iban(bank_sort_code8: &str, account16: &str) -> String {
    assert!(
        bank_sort_code8.len() == 8 && bank_sort_code8.bytes().all(|b| b.is_ascii_digit()),
        "sort code must be 8 digits: {bank_sort_code8:?}"
    );
    assert!(
        account16.len() == 16 && account16.bytes().all(|b| b.is_ascii_digit()),
        "account number must be 16 digits: {account16:?}"
    );
    iban("PL", &format!("{bank_sort_code8}{account16}"))
}

/// An IBAN for `country` (two upper-case letters) and a BBAN of digits and upper-case letters.
pub fn iban(country: &str, bban: &str) -> String {
    let remainder = mod97(bban.bytes().chain(country.bytes()).chain(*b"00"));
    format!("{country}{:02}{bban}", 98 - remainder)
}

/// An 8-digit Polish sort code from a 4-digit bank id and a 3-digit branch, with the NBP check
/// digit (weights 3, 9, 7, 1, 3, 9, 7), e.g. `("1020", "102")` → `10201026`.
pub fn sort_code(bank4: &str, branch3: &str) -> String {
    let digits = format!("{bank4}{branch3}");
    assert!(
        digits.len() == 7 && digits.bytes().all(|b| b.is_ascii_digit()),
        "bank id must be 4 digits and branch 3 digits: {digits:?}"
    );
    let sum: u32 = digits
        .bytes()
        .zip([3, 9, 7, 1, 3, 9, 7])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

/// True when `iban` is a well-formed IBAN (no spaces) whose mod-97 check holds; Polish ones must
/// also have 28 characters, all digits after `PL`.
pub fn is_valid(iban: &str) -> bool {
    let bytes = iban.as_bytes();
    if !(15..=34).contains(&bytes.len())
        || !bytes[..2].iter().all(u8::is_ascii_uppercase)
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes[4..]
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    {
        return false;
    }
    if &bytes[..2] == b"PL"
        && (bytes.len() != POLISH_LENGTH || !bytes[4..].iter().all(u8::is_ascii_digit))
    {
        return false;
    }
    mod97(bytes[4..].iter().chain(&bytes[..4]).copied()) == 1
}

/// True when a Polish IBAN's sort code (characters 5–12) carries a correct NBP check digit.
pub fn has_valid_sort_code(iban: &str) -> bool {
    iban.len() == POLISH_LENGTH
        && iban.starts_with("PL")
        && iban.is_char_boundary(12)
        && sort_code(&iban[4..8], &iban[8..11]) == iban[4..12]
}

/// The remainder mod 97 of the number formed by `chars`, letters counting as 10–35.
fn mod97(chars: impl IntoIterator<Item = u8>) -> u32 {
    chars.into_iter().fold(0, |remainder, c| match c {
        b'0'..=b'9' => (remainder * 10 + u32::from(c - b'0')) % 97,
        _ => (remainder * 100 + u32::from(c.to_ascii_uppercase() - b'A') + 10) % 97,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every IBAN in the real KontoBank capture.
    const CAPTURED: [&str; 9] = [
        "PL69137013140000049678278112",
        "PL16156000132367053266830002",
        "PL83130000002076700146310001",
        "PL21105000995120006501512900",
        "PL48105000021572771618714189",
        "PL93146000096827341523634651",
        "PL63249010440000420034376084",
        "PL84102000032436318496455455",
        "PL83101010230000261395100000",
    ];

    #[test]
    fn captured_ibans_are_valid_and_reproduced() {
        for captured in CAPTURED {
            assert!(is_valid(captured), "{captured} should be valid");
            assert!(
                has_valid_sort_code(captured),
                "{captured} has a real sort code"
            );
            assert_eq!(polish_iban(&captured[4..12], &captured[12..]), captured);
        }
    }

    #[test]
    fn one_changed_digit_or_wrong_shape_is_invalid() {
        assert!(!is_valid("PL69137013140000049678278113"));
        assert!(
            !is_valid("PL6913701314000004967827811"),
            "27 characters is too short for PL"
        );
        assert!(
            !is_valid("PL69 1370 1314 0000 0496 7827 8112"),
            "spaces are not accepted"
        );
        assert!(!is_valid("pl69137013140000049678278112"));
        assert!(!is_valid(""));
    }

    #[test]
    fn foreign_ibans_validate() {
        assert!(
            is_valid("DE89370400440532013000"),
            "the textbook German example"
        );
        assert!(is_valid("GB82WEST12345698765432"), "letters in the BBAN");
        assert_eq!(iban("DE", "370400440532013000"), "DE89370400440532013000");
    }

    #[test]
    fn sort_codes_get_the_nbp_check_digit() {
        assert_eq!(sort_code("1020", "102"), "10201026", "PKO BP");
        assert_eq!(sort_code("1140", "200"), "11402004", "mBank");
        assert_eq!(
            sort_code("1370", "131"),
            "13701314",
            "KontoBank in the capture"
        );
        assert_eq!(sort_code("6000", "000"), "60000002", "ZUS");
        assert_eq!(
            sort_code("1010", "007"),
            "10100071",
            "tax micro-accounts at NBP"
        );
    }
}
