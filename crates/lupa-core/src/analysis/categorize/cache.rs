//! Caches over one input for [`super::categorize_full`]: kinds and parties folded and scanned
//! once, counterparties interned, and the case account each counterparty IBAN points to.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::analysis::rules::{Field, Hits, RuleSet, normalize_iban};
use crate::analysis::text::fold;

/// A fast hasher for the short strings the caches key on: eight bytes at a time, multiply and
/// rotate (the scheme of rustc's FxHash). Not for untrusted keys at scale; here the keys are one
/// case's own texts.
#[derive(Default)]
pub(super) struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let mut tail = [0_u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail) ^ (rest.len() as u64) << 56);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A kind or party value, folded and scanned once.
#[derive(Default)]
pub(super) struct FieldEntry {
    pub(super) folded: String,
    pub(super) hits: Hits,
    /// At least two alphabetic words and no organisation marker (a party only).
    pub(super) person_like: bool,
    /// The interned counterparty of a party without IBAN.
    counterparty: Option<u32>,
}

/// What is known about one counterparty IBAN.
pub(super) struct IbanEntry {
    /// The interned counterparty.
    counterparty: u32,
    /// The case account it belongs to, if any.
    target: Option<usize>,
    /// The rules whose IBAN prefixes it matches.
    rules: Vec<u16>,
}

/// Caches over one input: folded and scanned kinds and parties, interned counterparties and the
/// case account each counterparty IBAN points to.
#[derive(Default)]
pub(super) struct FieldCache<'a> {
    pub(super) entries: Vec<FieldEntry>,
    kinds: FastMap<&'a str, usize>,
    parties: FastMap<&'a str, usize>,
    ibans: FastMap<&'a str, IbanEntry>,
    counterparties: FastMap<String, u32>,
}

impl<'a> FieldCache<'a> {
    /// The entry of a kind or party value (`None` when absent).
    pub(super) fn field(
        &mut self,
        rules: &RuleSet,
        field: Field,
        value: Option<&'a str>,
    ) -> Option<usize> {
        let value = value?;
        let map = if field == Field::Kind {
            &mut self.kinds
        } else {
            &mut self.parties
        };
        if let Some(index) = map.get(value) {
            return Some(*index);
        }
        let mut entry = FieldEntry {
            folded: fold(value),
            ..FieldEntry::default()
        };
        rules.hits(&entry.folded, field, &mut entry.hits);
        entry.person_like = field == Field::Party
            && !entry.hits.organisation()
            && entry
                .folded
                .split_whitespace()
                .filter(|word| word.chars().all(char::is_alphabetic))
                .count()
                >= 2;
        self.entries.push(entry);
        map.insert(value, self.entries.len() - 1);
        Some(self.entries.len() - 1)
    }

    /// The interned counterparty (its IBAN, else the leading words without digits of the party,
    /// else of the title) and the case account the IBAN belongs to, if any.
    pub(super) fn counterparty(
        &mut self,
        rules: &RuleSet,
        party_iban: Option<&'a str>,
        party: Option<usize>,
        title: &str,
        case_ibans: &[(String, usize)],
    ) -> (u32, Option<usize>, &[u16]) {
        if let Some(iban) = party_iban.filter(|iban| !iban.trim_ascii().is_empty()) {
            if !self.ibans.contains_key(iban) {
                let normalized = normalize_iban(iban);
                let target = case_ibans
                    .binary_search_by(|(known, _)| known.as_str().cmp(normalized.as_str()))
                    .ok()
                    .map(|position| case_ibans[position].1);
                let entry = IbanEntry {
                    counterparty: self.intern(normalized),
                    target,
                    rules: rules.iban_rules(Some(iban)),
                };
                self.ibans.insert(iban, entry);
            }
            let entry = &self.ibans[iban];
            return (entry.counterparty, entry.target, &entry.rules);
        }
        if let Some(index) = party.filter(|index| !self.entries[*index].folded.is_empty()) {
            if let Some(id) = self.entries[index].counterparty {
                return (id, None, &[]);
            }
            let id = self.intern(words_key(&self.entries[index].folded));
            self.entries[index].counterparty = Some(id);
            return (id, None, &[]);
        }
        (self.intern(words_key(title)), None, &[])
    }

    fn intern(&mut self, key: String) -> u32 {
        let next = self.counterparties.len() as u32;
        *self.counterparties.entry(key).or_insert(next)
    }
}

/// The leading words without digits of a folded text, as a counterparty key.
fn words_key(source: &str) -> String {
    let mut key = String::with_capacity(32);
    key.push('~');
    for word in source
        .split(|ch: char| ch.is_whitespace() || ch == '/' || ch == ',')
        .filter(|word| !word.is_empty() && !word.bytes().any(|byte| byte.is_ascii_digit()))
        .take(3)
    {
        if key.len() > 1 {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}
