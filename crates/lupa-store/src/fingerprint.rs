//! Transaction identity across imports (F-STO-4).
//!
//! A transaction's fingerprint is SHA-256 over its source (account IBAN or card identity), its
//! date, amount, currency, normalised title and balance after, plus an occurrence counter that
//! tells identical transactions of one import apart. Its `details_hash` covers the remaining
//! descriptive fields, so a diff can tell "changed" from "same". Every field is length-prefixed,
//! so no two different inputs hash the same bytes.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use lupa_kontomatik::model::MoneyTransaction;

/// The title as matching sees it: trimmed, runs of whitespace collapsed to one space, lower case.
pub fn normalize_title(title: Option<&str>) -> String {
    let title = title.unwrap_or("");
    let mut out = String::with_capacity(title.len());
    for word in title.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(
                word.bytes()
                    .map(|byte| char::from(byte.to_ascii_lowercase())),
            );
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// What identifies a transaction in one source, without the occurrence counter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchKey {
    /// Date of the transaction.
    pub transaction_on: NaiveDate,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// [`normalize_title`] of the title.
    pub title: String,
}

fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn optional(hasher: &mut Sha256, value: Option<&str>) {
    match value {
        None => hasher.update([0u8]),
        Some(text) => {
            hasher.update([1u8]);
            field(hasher, text.as_bytes());
        }
    }
}

/// The fingerprint of one transaction.
pub fn fingerprint(
    source: &str,
    key: &MatchKey,
    currency: &str,
    balance_after_minor: Option<i64>,
    occurrence: u32,
) -> [u8; 32] {
    let mut hasher = Sha256::new();
    field(&mut hasher, source.as_bytes());
    field(
        &mut hasher,
        crate::codec::date_text(key.transaction_on).as_bytes(),
    );
    hasher.update(key.amount_minor.to_le_bytes());
    field(&mut hasher, currency.as_bytes());
    field(&mut hasher, key.title.as_bytes());
    match balance_after_minor {
        None => hasher.update([0u8]),
        Some(balance) => {
            hasher.update([1u8]);
            hasher.update(balance.to_le_bytes());
        }
    }
    hasher.update(occurrence.to_le_bytes());
    hasher.finalize().into()
}

/// The stored form of a fingerprint: its first 64 bits, little-endian. A collision between two
/// transactions of one account is harmless: matching compares the fingerprinted fields too (see
/// `ingest::transactions`), and the unique index is per account and date.
pub fn stored_fingerprint(fingerprint: &[u8; 32]) -> i64 {
    let mut first = [0u8; 8];
    first.copy_from_slice(&fingerprint[..8]);
    i64::from_le_bytes(first)
}

/// 64 bits of SHA-256 over the fields that are neither in the fingerprint nor tracked per
/// sighting: the exact title, party, party IBAN, kind, labels and symbols.
pub fn details_hash(tx: &MoneyTransaction) -> i64 {
    let mut hasher = Sha256::new();
    optional(&mut hasher, tx.title.as_deref());
    optional(&mut hasher, tx.party.as_deref());
    optional(&mut hasher, tx.party_iban.as_deref());
    optional(&mut hasher, tx.kind.as_deref());
    optional(&mut hasher, tx.variable_symbol.as_deref());
    optional(&mut hasher, tx.constant_symbol.as_deref());
    match &tx.labels {
        None => hasher.update([0u8]),
        Some(labels) => {
            hasher.update([1u8]);
            hasher.update((labels.len() as u64).to_le_bytes());
            for label in labels {
                field(&mut hasher, label.as_bytes());
            }
        }
    }
    let digest = hasher.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    i64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_trimmed_collapsed_and_lower_cased() {
        assert_eq!(
            normalize_title(Some("  LPP CROPP  GORNI\tPL \n")),
            "lpp cropp gorni pl"
        );
        assert_eq!(normalize_title(Some("ŻABKA Z1234")), "żabka z1234");
        assert_eq!(normalize_title(None), "");
    }

    #[test]
    fn fingerprint_depends_on_every_part() {
        let key = MatchKey {
            transaction_on: NaiveDate::from_ymd_opt(2023, 5, 22).unwrap(),
            amount_minor: -1,
            title: "x".into(),
        };
        let base = fingerprint("PL1", &key, "PLN", Some(5), 0);
        assert_eq!(base, fingerprint("PL1", &key, "PLN", Some(5), 0));
        assert_ne!(base, fingerprint("PL2", &key, "PLN", Some(5), 0));
        assert_ne!(base, fingerprint("PL1", &key, "EUR", Some(5), 0));
        assert_ne!(base, fingerprint("PL1", &key, "PLN", None, 0));
        assert_ne!(base, fingerprint("PL1", &key, "PLN", Some(5), 1));
        let other = MatchKey {
            amount_minor: 1,
            ..key.clone()
        };
        assert_ne!(base, fingerprint("PL1", &other, "PLN", Some(5), 0));
    }

    #[test]
    fn details_hash_sees_whitespace_and_labels() {
        let tx = MoneyTransaction {
            title: Some("a  b".into()),
            ..MoneyTransaction::default()
        };
        let spaced = MoneyTransaction {
            title: Some("a b".into()),
            ..tx.clone()
        };
        let labelled = MoneyTransaction {
            labels: Some(vec![]),
            ..tx.clone()
        };
        assert_ne!(details_hash(&tx), details_hash(&spaced));
        assert_ne!(details_hash(&tx), details_hash(&labelled));
        assert_eq!(details_hash(&tx), details_hash(&tx.clone()));
    }
}
