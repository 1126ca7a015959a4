//! Session data from the SignIn Widget, as the analyst pastes it or a `lupa://import?...` deep link
//! delivers it (F-IMP-1): a link, a JSON object, or `key=value` fields (one per line or `&`-joined).
//!
//! Validation is strict: only known keys, bounded lengths and plain characters, so nothing odd from
//! a clipboard or another program reaches Kontomatik or the database.

use std::collections::BTreeMap;

use lupa_kontomatik::Sensitive;
use url::Url;

/// The deep-link scheme Lupa registers with the OS.
pub const SCHEME: &str = "lupa";

/// The longest text read, in bytes: session data is a few hundred bytes, so anything longer is not
/// session data (a whole document pasted by mistake, or a hostile deep link) and is refused unread.
pub const MAX_INPUT_BYTES: usize = 16 * 1024;

/// Everything needed to start an import with a widget session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInput {
    /// The bank target, e.g. `KontoBank` (optional: Kontomatik knows it from the session).
    pub target: Option<String>,
    /// `sessionId`.
    pub session_id: String,
    /// `sessionIdSignature`: a bearer secret for this session, never shown or logged.
    pub session_id_signature: Sensitive<String>,
    /// `ownerExternalId`, the applicant's id at the lender.
    pub owner_external_id: Option<String>,
    /// `multipleAccessId`, when the applicant granted refreshable access.
    pub multiple_access_id: Option<String>,
}

/// Why pasted text is not usable session data. Messages never echo the signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionInputError {
    /// Far more text than session data ([`MAX_INPUT_BYTES`]).
    #[error(
        "the text is too long ({size} bytes, at most {limit}): paste only the lupa://import link, the JSON object or the session fields"
    )]
    TooLong {
        /// Bytes given.
        size: usize,
        /// [`MAX_INPUT_BYTES`].
        limit: usize,
    },
    /// Nothing was pasted.
    #[error(
        "nothing to read: paste a lupa://import link, a JSON object or sessionId/sessionIdSignature fields"
    )]
    Empty,
    /// A link with another scheme or action.
    #[error("not a Lupa import link: expected lupa://import?..., got {0}")]
    WrongLink(String),
    /// JSON that is not an object of strings.
    #[error("the JSON is not an object of text fields: {0}")]
    BadJson(String),
    /// A key Lupa does not know.
    #[error(
        "unknown field {0:?}; known fields: target, sessionId, sessionIdSignature, ownerExternalId, multipleAccessId"
    )]
    UnknownField(String),
    /// The same key twice.
    #[error("field {0} is given twice")]
    DuplicateField(&'static str),
    /// A required key is missing.
    #[error("field {0} is missing")]
    Missing(&'static str),
    /// A value breaks its rule.
    #[error("field {field} is not valid: {rule}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// What it must look like.
        rule: &'static str,
    },
}

impl SessionInput {
    /// The `lupa://import?...` link carrying this session (the inverse of [`parse_session_input`]).
    pub fn deep_link(&self) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        if let Some(target) = &self.target {
            query.append_pair("target", target);
        }
        query
            .append_pair("sessionId", &self.session_id)
            .append_pair("sessionIdSignature", self.session_id_signature.expose());
        if let Some(owner) = &self.owner_external_id {
            query.append_pair("ownerExternalId", owner);
        }
        if let Some(id) = &self.multiple_access_id {
            query.append_pair("multipleAccessId", id);
        }
        format!("{SCHEME}://import?{}", query.finish())
    }
}

const FIELDS: [&str; 5] = [
    "target",
    "sessionId",
    "sessionIdSignature",
    "ownerExternalId",
    "multipleAccessId",
];

/// Reads pasted text or a deep link into [`SessionInput`].
pub fn parse_session_input(text: &str) -> Result<SessionInput, SessionInputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(SessionInputError::TooLong {
            size: text.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = text.trim().trim_matches('\u{feff}');
    if text.is_empty() {
        return Err(SessionInputError::Empty);
    }
    let pairs = if text.starts_with('{') {
        json_pairs(text)?
    } else if let Some((scheme, _)) = text.split_once("://") {
        link_pairs(text, scheme)?
    } else {
        field_pairs(text)
    };
    build(pairs)
}

fn link_pairs(text: &str, scheme: &str) -> Result<Vec<(String, String)>, SessionInputError> {
    let link = shown(text);
    if !scheme.eq_ignore_ascii_case(SCHEME) {
        return Err(SessionInputError::WrongLink(format!("{link}…")));
    }
    let url = Url::parse(text).map_err(|_| SessionInputError::WrongLink(format!("{link}…")))?;
    // `lupa://import?...` parses with `import` as the host; `lupa:import?...` would not reach here.
    let action = url.host_str().unwrap_or_default().to_owned() + url.path().trim_end_matches('/');
    if !action.eq_ignore_ascii_case("import") {
        return Err(SessionInputError::WrongLink(format!(
            "lupa://{}",
            shown(&action)
        )));
    }
    Ok(url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

fn json_pairs(text: &str) -> Result<Vec<(String, String)>, SessionInputError> {
    let map: BTreeMap<String, serde_json::Value> = serde_json::from_str(text)
        .map_err(|error| SessionInputError::BadJson(error.to_string()))?;
    map.into_iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| match value {
            serde_json::Value::String(text) => Ok((key, text)),
            serde_json::Value::Number(number) => Ok((key, number.to_string())),
            _ => Err(SessionInputError::BadJson(format!(
                "{} is not text",
                shown(&key)
            ))),
        })
        .collect()
}

/// `key=value` or `key: value`, separated by new lines, `&`, `;` or commas.
fn field_pairs(text: &str) -> Vec<(String, String)> {
    text.split(['\n', '&', ';', ','])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once(['=', ':']) {
            Some((key, value)) => (
                key.trim().trim_matches('"').to_owned(),
                value.trim().trim_matches('"').to_owned(),
            ),
            None => (part.to_owned(), String::new()),
        })
        .collect()
}

fn build(pairs: Vec<(String, String)>) -> Result<SessionInput, SessionInputError> {
    let mut values: [Option<String>; 5] = Default::default();
    for (key, value) in pairs {
        let index = FIELDS
            .iter()
            .position(|field| field.eq_ignore_ascii_case(&key))
            .ok_or_else(|| SessionInputError::UnknownField(shown(&key)))?;
        if values[index].is_some() {
            return Err(SessionInputError::DuplicateField(FIELDS[index]));
        }
        let value = value.trim().to_owned();
        if !value.is_empty() {
            values[index] = Some(value);
        }
    }
    let [target, session_id, signature, owner, multiple_access] = values;
    let session_id = session_id.ok_or(SessionInputError::Missing("sessionId"))?;
    let signature = signature.ok_or(SessionInputError::Missing("sessionIdSignature"))?;
    check(
        "sessionId",
        &session_id,
        1,
        64,
        "1–64 letters, digits or - _",
        |c| c.is_ascii_alphanumeric() || c == '-' || c == '_',
    )?;
    check(
        "sessionIdSignature",
        &signature,
        32,
        128,
        "32–128 hexadecimal characters",
        |c| c.is_ascii_hexdigit(),
    )?;
    if let Some(target) = &target {
        check(
            "target",
            target,
            1,
            64,
            "1–64 letters, digits or _",
            |c| c.is_ascii_alphanumeric() || c == '_',
        )?;
    }
    if let Some(owner) = &owner {
        check(
            "ownerExternalId",
            owner,
            1,
            128,
            "1–128 printable characters",
            |c| !c.is_control(),
        )?;
    }
    if let Some(id) = &multiple_access {
        check(
            "multipleAccessId",
            id,
            1,
            128,
            "1–128 letters, digits or - _",
            |c| c.is_ascii_alphanumeric() || c == '-' || c == '_',
        )?;
    }
    Ok(SessionInput {
        target,
        session_id,
        session_id_signature: Sensitive::new(signature),
        owner_external_id: owner,
        multiple_access_id: multiple_access,
    })
}

/// Pasted text as an error message may show it: every run of 8 or more hexadecimal digits replaced
/// by `…` (a signature is hexadecimal: a line holding only the signature becomes an unknown key),
/// then at most 40 characters.
fn shown(text: &str) -> String {
    let is_hex = |c: char| c.is_ascii_hexdigit();
    let mut masked = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (hex, tail) = rest.split_at(rest.find(|c| !is_hex(c)).unwrap_or(rest.len()));
        masked.push_str(if hex.len() >= 8 { "…" } else { hex });
        let (other, tail) = tail.split_at(tail.find(is_hex).unwrap_or(tail.len()));
        masked.push_str(other);
        rest = tail;
    }
    masked.chars().take(40).collect()
}

fn check(
    field: &'static str,
    value: &str,
    min: usize,
    max: usize,
    rule: &'static str,
    allowed: impl Fn(char) -> bool,
) -> Result<(), SessionInputError> {
    let length = value.chars().count();
    if length < min || length > max || !value.chars().all(allowed) {
        return Err(SessionInputError::Invalid { field, rule });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &str = "3f6c1a9e0b4d8f2a7c5e1b3d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b1d3f5a";

    fn expected() -> SessionInput {
        SessionInput {
            target: Some("KontoBank".into()),
            session_id: "455026009".into(),
            session_id_signature: Sensitive::new(SIG.into()),
            owner_external_id: Some("wniosek-2026/11/0042".into()),
            multiple_access_id: None,
        }
    }

    #[test]
    fn reads_a_deep_link() {
        let link = format!(
            "lupa://import?target=KontoBank&sessionId=455026009&sessionIdSignature={SIG}&ownerExternalId=wniosek-2026%2F11%2F0042"
        );
        assert_eq!(parse_session_input(&link), Ok(expected()));
    }

    #[test]
    fn a_deep_link_reads_back_to_the_same_session() {
        let mut input = expected();
        input.multiple_access_id = Some("c0ffee-42".into());
        assert_eq!(parse_session_input(&input.deep_link()), Ok(input));
    }

    #[test]
    fn reads_json_and_fields() {
        let json = format!(
            r#"{{"target":"KontoBank","sessionId":455026009,"sessionIdSignature":"{SIG}","ownerExternalId":"wniosek-2026/11/0042","multipleAccessId":null}}"#
        );
        assert_eq!(parse_session_input(&json), Ok(expected()));
        let lines = format!(
            "target: KontoBank\nsessionId = 455026009\nsessionIdSignature={SIG}\nownerExternalId=wniosek-2026/11/0042\n"
        );
        assert_eq!(parse_session_input(&lines), Ok(expected()));
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        assert_eq!(parse_session_input("  "), Err(SessionInputError::Empty));
        assert!(matches!(
            parse_session_input(&format!(
                "https://evil.example/import?sessionId=1&sessionIdSignature={SIG}"
            )),
            Err(SessionInputError::WrongLink(_))
        ));
        assert!(matches!(
            parse_session_input(&format!(
                "lupa://delete?sessionId=1&sessionIdSignature={SIG}"
            )),
            Err(SessionInputError::WrongLink(_))
        ));
        assert_eq!(
            parse_session_input(&format!("sessionId=1&sessionIdSignature={SIG}&apiKey=x")),
            Err(SessionInputError::UnknownField("apiKey".into()))
        );
        assert_eq!(
            parse_session_input("sessionId=1&sessionIdSignature=nothex"),
            Err(SessionInputError::Invalid {
                field: "sessionIdSignature",
                rule: "32–128 hexadecimal characters"
            })
        );
        assert_eq!(
            parse_session_input(&format!("sessionIdSignature={SIG}")),
            Err(SessionInputError::Missing("sessionId"))
        );
        assert_eq!(
            parse_session_input(&format!("sessionId=1&sessionId=2&sessionIdSignature={SIG}")),
            Err(SessionInputError::DuplicateField("sessionId"))
        );
    }

    #[test]
    fn errors_never_echo_the_signature() {
        let bad = format!("sessionId=a b&sessionIdSignature={SIG}");
        let message = parse_session_input(&bad).unwrap_err().to_string();
        assert!(!message.contains(SIG), "{message}");
        let debug = format!(
            "{:?}",
            parse_session_input(&format!("sessionId=1&sessionIdSignature={SIG}"))
        );
        assert!(!debug.contains(SIG), "{debug}");
    }

    #[test]
    fn refuses_long_text_unread() {
        let padded = format!(
            "sessionId=1&sessionIdSignature={SIG}{}",
            " ".repeat(MAX_INPUT_BYTES)
        );
        assert_eq!(
            parse_session_input(&padded),
            Err(SessionInputError::TooLong {
                size: padded.len(),
                limit: MAX_INPUT_BYTES
            })
        );
        let mut fits = format!("sessionId=1&sessionIdSignature={SIG}");
        fits.push_str(&" ".repeat(MAX_INPUT_BYTES - fits.len()));
        assert!(parse_session_input(&fits).is_ok());
    }

    /// Caught by the fuzz property: a line holding only the signature became an unknown key whose
    /// message echoed 40 of its digits (fuzz/seeds/session_input/invalid-bare-signature.txt), and a
    /// JSON key was echoed whole (fuzz/regressions/session_input/crash-98bbd3c4…).
    #[test]
    fn echoed_text_never_shows_a_signature() {
        let error = parse_session_input(&format!("sessionId=455026009\n{SIG}\n")).unwrap_err();
        assert_eq!(error, SessionInputError::UnknownField("…".into()));
        let error = parse_session_input(&format!("sessionId=1\nsignature {SIG}")).unwrap_err();
        assert_eq!(error, SessionInputError::UnknownField("signature …".into()));
        let error = parse_session_input(&format!("lupa://{SIG}?sessionId=1")).unwrap_err();
        assert_eq!(error, SessionInputError::WrongLink("lupa://…".into()));
        let error =
            parse_session_input(&format!("https://x/?sessionIdSignature={SIG}")).unwrap_err();
        assert_eq!(
            error,
            SessionInputError::WrongLink("https://x/?sessionIdSignature=……".into())
        );
        let error = parse_session_input(&format!(r#"{{"{SIG}": [1]}}"#)).unwrap_err();
        assert_eq!(error, SessionInputError::BadJson("… is not text".into()));
        assert_eq!(shown("apiKey"), "apiKey");
        assert_eq!(shown("bad1234"), "bad1234");
        assert_eq!(shown(&"ż".repeat(50)), "ż".repeat(40));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in ".{0,300}") {
            let _ = parse_session_input(&text);
        }
    }
}
