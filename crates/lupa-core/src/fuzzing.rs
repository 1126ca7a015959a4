//! The property the `session_input` fuzz target checks (`fuzz/`, `scripts/fuzz.sh`), shared with the
//! regression tests so that both check exactly the same thing. Not an API: hidden from the docs.

use crate::session_input::{SessionInputError, parse_session_input};

/// Error messages must not echo this many hexadecimal digits in a row: a signature is 32–128 of
/// them, and a few digits of one (or of a date or an id) are harmless.
const MAX_HEX_RUN: usize = 8;

/// Reads `text` as pasted session data; it may be refused but must not panic. Accepted session data
/// reads back the same from its own deep link, and its `Debug` shows the signature only where
/// another field holds the same text. Refused text gives an error that never echoes
/// [`MAX_HEX_RUN`] or more hexadecimal digits in a row, so no signature (which is hexadecimal) leaks
/// into a message, a log or a bug report through its `Display` or `Debug`.
///
/// # Panics
///
/// When the property does not hold: that is a bug for the fuzzer to report.
pub fn check_session_input(text: &str) {
    match parse_session_input(text) {
        Ok(input) => {
            let link = input.deep_link();
            assert_eq!(
                parse_session_input(&link).as_ref(),
                Ok(&input),
                "the deep link reads back differently: {link}"
            );
            let signature = input.session_id_signature.expose();
            let shown = format!("{input:?}");
            let others = [
                Some(&input.session_id),
                input.target.as_ref(),
                input.owner_external_id.as_ref(),
                input.multiple_access_id.as_ref(),
            ];
            let elsewhere = others
                .into_iter()
                .flatten()
                .any(|field| field.contains(signature.as_str()));
            assert!(
                elsewhere || !shown.contains(signature.as_str()),
                "Debug shows the signature: {shown}"
            );
        }
        Err(error) => {
            // The text the error carries, which its message and `Debug` show (the latter escaped:
            // `\0` then `2345678` is no echo, hence this check on the text itself).
            let echoed = match &error {
                SessionInputError::WrongLink(text)
                | SessionInputError::BadJson(text)
                | SessionInputError::UnknownField(text) => text.as_str(),
                SessionInputError::TooLong { .. }
                | SessionInputError::Empty
                | SessionInputError::DuplicateField(_)
                | SessionInputError::Missing(_)
                | SessionInputError::Invalid { .. } => "",
            };
            assert!(
                longest_hex_run(echoed) < MAX_HEX_RUN,
                "the error echoes hexadecimal text: {error:?}"
            );
        }
    }
}

fn longest_hex_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_hexdigit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}
