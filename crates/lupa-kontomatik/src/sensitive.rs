//! Secrets that must never reach logs, errors, the database or files: their `Debug` and `Display`
//! print `<redacted>`, and the only way to read them is the explicit [`Sensitive::expose`].

use std::fmt;

/// A value that is redacted whenever it is formatted.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// Reads the secret; call only where it leaves the process on purpose (an HTTP header, the keychain).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A Kontomatik API key.
pub type ApiKey = Sensitive<String>;

impl Sensitive<String> {
    /// The key with all but its first and last two characters masked, for showing to the analyst:
    /// `f7…1f (32 chars)`. Short keys are fully masked.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < 8 {
            return format!("•••• ({} chars)", chars.len());
        }
        let head: String = chars[..2].iter().collect();
        let tail: String = chars[chars.len() - 2..].iter().collect();
        format!("{head}…{tail} ({} chars)", chars.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_secret() {
        let key = ApiKey::new("f7supersecretvalue1f".to_owned());
        assert_eq!(format!("{key:?}"), "<redacted>");
        assert_eq!(format!("{key}"), "<redacted>");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            key: ApiKey,
        }
        let shown = format!("{:?}", Holder { key: key.clone() });
        assert!(!shown.contains("supersecret"), "{shown}");
        assert_eq!(key.expose(), "f7supersecretvalue1f");
    }

    #[test]
    fn masked_keeps_only_the_ends() {
        assert_eq!(
            ApiKey::new("f7abcdefgh1f".into()).masked(),
            "f7…1f (12 chars)"
        );
        assert_eq!(ApiKey::new("short".into()).masked(), "•••• (5 chars)");
    }
}
