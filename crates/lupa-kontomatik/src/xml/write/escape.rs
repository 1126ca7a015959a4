//! XML escaping for the writer: the five predefined entities, CR (and TAB/LF in attributes) as
//! character references, and optionally every non-ASCII character as one (`&#xf3;`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Escapes text or an attribute value: `& < > ' "` always; CR as `&#xd;` (a raw one would read
/// back as LF); in attributes also TAB and LF (which attribute normalisation would turn into
/// spaces); with `ascii`, every non-ASCII character as `&#x…;`. Borrows when nothing changes.
pub(super) fn escape(value: &str, ascii: bool, attribute: bool) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '\'' | '"' | '\r')
            || (attribute && matches!(c, '\t' | '\n'))
            || (ascii && !c.is_ascii())
    };
    let Some(first) = value.find(needs) else {
        return Cow::Borrowed(value);
    };
    let (clean, rest) = value.split_at(first);
    let mut escaped = String::with_capacity(value.len() + 16);
    escaped.push_str(clean);
    for c in rest.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\'' => escaped.push_str("&apos;"),
            '"' => escaped.push_str("&quot;"),
            c if needs(c) => {
                let _ = write!(escaped, "&#x{:x};", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_like_the_captures() {
        assert_eq!(
            escape("C.R. L'ALCUDIA", false, false),
            "C.R. L&apos;ALCUDIA"
        );
        assert_eq!(escape("Identificación", true, false), "Identificaci&#xf3;n");
        assert_eq!(escape("a ➞ b", true, true), "a &#x279e; b");
        assert_eq!(escape("Identificación", false, false), "Identificación");
        assert_eq!(escape("a\r\nb\t", false, true), "a&#xd;&#xa;b&#x9;");
        assert_eq!(escape("a\nb\t", false, false), "a\nb\t");
        assert_eq!(escape("<&\">", false, false), "&lt;&amp;&quot;&gt;");
    }
}
