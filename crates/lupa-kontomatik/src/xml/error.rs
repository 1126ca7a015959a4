//! [`ParseError`]: why a reply body could not be read, with a printable excerpt of what was received.

/// How many bytes of the body [`ParseError::first_bytes`] keeps.
const FIRST_BYTES: usize = 200;

/// Why a reply body could not be parsed.
///
/// The variants that concern the body's content carry `first_bytes`: the first ~200 bytes as lossy
/// UTF-8 with control characters (newlines included) replaced by spaces, safe for a log line or an
/// error dialog. The HTTP client wraps these errors together with the HTTP status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body is empty (or only whitespace).
    #[error("the reply body is empty")]
    Empty,
    /// The body is larger than [`Limits::max_bytes`](super::Limits::max_bytes); nothing was parsed.
    #[error("the reply body has {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Size of the body in bytes.
        size: usize,
        /// The limit it exceeded.
        limit: usize,
    },
    /// Elements are nested deeper than [`Limits::max_depth`](super::Limits::max_depth).
    #[error("the reply nests elements deeper than {limit} levels")]
    TooDeep {
        /// The depth limit.
        limit: usize,
    },
    /// The body contains a `<!DOCTYPE …>`. Kontomatik never sends one; refusing it means no DTD
    /// processing and no entity expansion (billion laughs, external entities) can ever happen.
    /// (An HTML doctype before the root, `<!DOCTYPE html>`, is reported as [`ParseError::NotAReply`]:
    /// it is a proxy's error page, not an attack, and its first bytes help.)
    #[error("the reply contains a document type declaration (<!DOCTYPE>), which is refused")]
    Dtd,
    /// The body is not a Kontomatik reply: its root element is not `<reply>` (an HTML error page
    /// of a proxy, a JSON body, plain text, …).
    #[error(
        "not a Kontomatik reply (no <reply> root element); the body starts with: {first_bytes}"
    )]
    NotAReply {
        /// The start of the body, printable.
        first_bytes: String,
    },
    /// The body is not well-formed XML: truncated, mismatched tags, a bad character reference, an
    /// undefined entity, invalid UTF-8, content after the root element, …
    #[error("malformed XML at byte {position}: {message}; the body starts with: {first_bytes}")]
    Malformed {
        /// Byte offset in the body where the problem was found.
        position: u64,
        /// What is wrong.
        message: String,
        /// The start of the body, printable.
        first_bytes: String,
    },
    /// Well-formed XML whose reply cannot be represented: a required value of the envelope or the
    /// payload (outside the lists whose bad items are skipped) is missing or invalid, e.g. a
    /// `<command>` without `id` or a `responseTimestamp` that is not a timestamp.
    #[error("invalid reply at {path}: {message}")]
    Invalid {
        /// Element path, e.g. `reply/command/@id`.
        path: String,
        /// What is wrong.
        message: String,
        /// The start of the body, printable.
        first_bytes: String,
    },
}

impl ParseError {
    /// The printable start of the body, for the variants that carry it.
    pub fn first_bytes(&self) -> Option<&str> {
        match self {
            ParseError::NotAReply { first_bytes }
            | ParseError::Malformed { first_bytes, .. }
            | ParseError::Invalid { first_bytes, .. } => Some(first_bytes),
            ParseError::Empty
            | ParseError::TooLarge { .. }
            | ParseError::TooDeep { .. }
            | ParseError::Dtd => None,
        }
    }

    /// The first ~200 bytes of `body` as printable text: lossy UTF-8 (a character cut at the end is
    /// dropped, not replaced), control characters replaced by spaces. Also useful to callers that
    /// reject a body before parsing it.
    pub fn first_bytes_of(body: &[u8]) -> String {
        let mut head = body.get(..FIRST_BYTES).unwrap_or(body);
        if let Err(error) = std::str::from_utf8(head) {
            // A multi-byte character cut by the limit: drop its first bytes.
            if error.error_len().is_none() {
                head = head.get(..error.valid_up_to()).unwrap_or(head);
            }
        }
        String::from_utf8_lossy(head)
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    }
}
