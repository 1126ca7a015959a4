//! [`DbKey`]: the database's raw 256-bit SQLCipher key.
//!
//! A raw key (`PRAGMA key = "x'…'"`) skips SQLCipher's password KDF, so opening the store costs
//! no deliberate slowness; the key itself is random, kept by the caller in the OS keychain (or
//! `LUPA_DB_KEY`), never in a file of ours.

use std::fmt;

use crate::error::{Error, Result};

/// The 32-byte key of the encrypted database. `Debug` prints `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey([u8; 32]);

impl DbKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<DbKey> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|error| Error::Random(error.to_string()))?;
        Ok(DbKey(bytes))
    }

    /// Wraps 32 raw bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> DbKey {
        DbKey(bytes)
    }

    /// Reads 64 hex digits (either case, surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> Result<DbKey> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| Error::InvalidKey)?;
        Ok(DbKey(bytes))
    }

    /// The key as 64 lower-case hex digits (for the keychain).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The SQL that keys a connection with this key.
    pub(crate) fn pragma(&self) -> String {
        format!("PRAGMA key = \"x'{}'\";", self.to_hex())
    }
}

impl fmt::Debug for DbKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DbKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip_and_redacted_debug() {
        let key = DbKey::generate().unwrap();
        let hex = key.to_hex();
        assert_eq!(hex.len(), 64);
        assert_eq!(DbKey::from_hex(&hex.to_uppercase()).unwrap(), key);
        assert_eq!(format!("{key:?}"), "DbKey(<redacted>)");
        assert!(!format!("{key:?}").contains(&hex[..8]));
    }

    #[test]
    fn generated_keys_differ_and_bad_hex_is_refused() {
        assert_ne!(DbKey::generate().unwrap(), DbKey::generate().unwrap());
        assert!(matches!(DbKey::from_hex("abc"), Err(Error::InvalidKey)));
        assert!(matches!(
            DbKey::from_hex(&"zz".repeat(32)),
            Err(Error::InvalidKey)
        ));
    }
}
