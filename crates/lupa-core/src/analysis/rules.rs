//! The local categorisation rules: `rules/categories.toml` parsed once and compiled into one
//! Aho-Corasick automaton over folded text, plus the Kontomatik label table.
//!
//! One scan of a transaction's folded `kind | title | party` finds every keyword, whole word,
//! channel hint, organisation marker and flag keyword at once; the winning rule is the matching one
//! with the highest priority that has a category for the amount's sign. See the file's header for
//! the matching semantics.

use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rust_decimal::Decimal;
use serde::Deserialize;

mod file;
mod iban;

use file::{LabelFlag, RulesFile};
use iban::national_part;
pub(crate) use iban::normalize_iban;

use super::category::{Category, Channel, is_credit};
use super::input::TxInput;
use super::text::{fold, is_word_byte};

/// The built-in rule file.
pub const BUILTIN_RULES: &str = include_str!("../../rules/categories.toml");

/// Why a rule file was rejected.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// Not valid TOML or not the expected shape.
    #[error("rule file: {0}")]
    Toml(#[from] toml::de::Error),
    /// Valid TOML with an inconsistent content.
    #[error("rule file: {0}")]
    Invalid(String),
}

/// A marker a rule puts on the transactions it categorises.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    /// The counterparty is a non-bank (payday) lender.
    NonbankLender,
    /// A private social-insurance contribution (ZUS, KRUS).
    SocialInsurance,
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id (`rule:<id>`).
    pub id: Arc<str>,
    /// Higher wins.
    pub priority: i32,
    /// Category of debits it matches.
    pub debit: Option<Category>,
    /// Category of credits it matches.
    pub credit: Option<Category>,
    /// Markers.
    pub tags: Vec<Tag>,
    /// A credit that becomes `INC_SALARY` when it recurs monthly from one payer.
    pub salary_candidate: bool,
    iban_prefixes: Vec<String>,
}

impl Rule {
    fn category(&self, credit: bool) -> Option<Category> {
        if credit { self.credit } else { self.debit }
    }

    /// True when the rule carries `tag`.
    pub fn has(&self, tag: Tag) -> bool {
        self.tags.contains(&tag)
    }
}

#[derive(Debug, Clone)]
struct LabelRule {
    name: String,
    credit: Option<Category>,
    debit: Option<Category>,
    priority: i32,
    flag: Option<LabelFlag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Anywhere,
    Kind,
    Party,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Rule(u16),
    Channel(Channel),
    Verification,
    Fx,
    Organisation,
}

#[derive(Debug, Clone, Copy)]
struct Spec {
    whole_word: bool,
    scope: Scope,
    target: Target,
}

/// The compiled rule set.
#[derive(Debug, Clone)]
pub struct RuleSet {
    version: u32,
    rules: Vec<Rule>,
    labels: Vec<LabelRule>,
    verification_max: Decimal,
    matcher: AhoCorasick,
    specs: Vec<Vec<Spec>>,
}

/// Which field of a transaction a text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    /// The bank's `kind`.
    Kind,
    /// `title`.
    Title,
    /// `party`.
    Party,
}

/// What one field's folded text matched (no pattern spans two fields, so a transaction's matches
/// are the union of its fields'; kinds and parties repeat, so their hits are cached).
#[derive(Debug, Clone, Default)]
pub(crate) struct Hits {
    targets: Vec<Target>,
}

impl Hits {
    /// True when the party names an organisation.
    pub fn organisation(&self) -> bool {
        self.targets.contains(&Target::Organisation)
    }
}

/// What one scan of a transaction found.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scan {
    /// The winning rule for the amount's sign.
    pub rule: Option<u16>,
    pub channel: Option<Channel>,
    pub fx: bool,
    pub organisation: bool,
    pub verification_keyword: bool,
}

/// What a transaction's Kontomatik labels say.
#[derive(Debug, Clone, Default)]
pub(crate) struct LabelOutcome {
    /// The mapped category and the label that gave it.
    pub category: Option<(Category, String)>,
    pub recurring: bool,
    pub payment_processor: bool,
    pub verification: bool,
}

impl RuleSet {
    /// The embedded `rules/categories.toml`, parsed once.
    pub fn builtin() -> &'static RuleSet {
        static BUILTIN: OnceLock<RuleSet> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            RuleSet::from_toml_str(BUILTIN_RULES).expect("the embedded rule file is valid")
        })
    }

    /// Parses and compiles a rule file.
    pub fn from_toml_str(text: &str) -> Result<RuleSet, RulesError> {
        let file: RulesFile = toml::from_str(text)?;
        let mut patterns: Vec<String> = Vec::new();
        let mut specs: Vec<Vec<Spec>> = Vec::new();
        let mut add = |pattern: &str, spec: Spec| -> Result<(), RulesError> {
            let folded = fold(pattern);
            if folded.is_empty() {
                return Err(RulesError::Invalid(format!("empty pattern {pattern:?}")));
            }
            match patterns.iter().position(|known| *known == folded) {
                Some(index) => specs[index].push(spec),
                None => {
                    patterns.push(folded);
                    specs.push(vec![spec]);
                }
            }
            Ok(())
        };
        let any = |whole_word, target| Spec {
            whole_word,
            scope: Scope::Anywhere,
            target,
        };
        let channels = [
            (Channel::Atm, &file.channels.atm),
            (Channel::Blik, &file.channels.blik),
            (Channel::PaymentProcessor, &file.channels.payment_processor),
            (Channel::Card, &file.channels.card),
            (Channel::Transfer, &file.channels.transfer),
        ];
        for (channel, list) in channels {
            for pattern in list {
                add(pattern, any(false, Target::Channel(channel)))?;
            }
        }
        for pattern in &file.verification.keywords {
            add(pattern, any(false, Target::Verification))?;
        }
        for pattern in &file.fx.keywords {
            add(pattern, any(false, Target::Fx))?;
        }
        for pattern in &file.fx.kinds {
            let spec = Spec {
                whole_word: false,
                scope: Scope::Kind,
                target: Target::Fx,
            };
            add(pattern, spec)?;
        }
        for pattern in &file.organisations {
            let spec = Spec {
                whole_word: true,
                scope: Scope::Party,
                target: Target::Organisation,
            };
            add(pattern, spec)?;
        }
        let mut rules = Vec::with_capacity(file.rules.len());
        for (index, entry) in file.rules.into_iter().enumerate() {
            let index = u16::try_from(index)
                .map_err(|_| RulesError::Invalid("too many rules".to_owned()))?;
            if entry.debit.is_none() && entry.credit.is_none() {
                return Err(RulesError::Invalid(format!(
                    "rule {} has neither debit nor credit",
                    entry.id
                )));
            }
            for (category, credit) in [(entry.debit, false), (entry.credit, true)] {
                if let Some(category) = category.filter(|category| !category.fits(credit)) {
                    return Err(RulesError::Invalid(format!(
                        "rule {}: {category} cannot describe a {}",
                        entry.id,
                        if credit { "credit" } else { "debit" }
                    )));
                }
            }
            if rules.iter().any(|rule: &Rule| *rule.id == *entry.id) {
                return Err(RulesError::Invalid(format!(
                    "duplicate rule id {}",
                    entry.id
                )));
            }
            for pattern in &entry.keywords {
                add(pattern, any(false, Target::Rule(index)))?;
            }
            for pattern in &entry.words {
                add(pattern, any(true, Target::Rule(index)))?;
            }
            for pattern in &entry.kinds {
                let spec = Spec {
                    whole_word: false,
                    scope: Scope::Kind,
                    target: Target::Rule(index),
                };
                add(pattern, spec)?;
            }
            rules.push(Rule {
                id: entry.id.into(),
                priority: entry.priority,
                debit: entry.debit,
                credit: entry.credit,
                tags: entry.tags,
                salary_candidate: entry.salary_candidate,
                iban_prefixes: entry.iban_prefixes,
            });
        }
        let labels = file
            .labels
            .into_iter()
            .map(|entry| LabelRule {
                name: entry.name.trim().to_lowercase(),
                credit: entry.credit,
                debit: entry.debit,
                priority: entry.priority,
                flag: entry.flag,
            })
            .collect();
        // A DFA: the patterns are few and short, and scanning speed is what counts (every
        // transaction's text is scanned once per analysis).
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|error| RulesError::Invalid(format!("keyword automaton: {error}")))?;
        Ok(RuleSet {
            version: file.version,
            rules,
            labels,
            verification_max: file.verification.max_amount,
            matcher,
            specs,
        })
    }

    /// The rule file's `version`.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule at `index`.
    pub(crate) fn rule(&self, index: u16) -> &Rule {
        &self.rules[usize::from(index)]
    }

    /// The largest absolute amount of a verification transfer.
    pub(crate) fn verification_max(&self) -> Decimal {
        self.verification_max
    }

    /// The local rule's category and rule id for one transaction, ignoring labels, recurrence and
    /// the other transactions (`("fallback", INC_OTHER/OTHER)` when nothing matches).
    pub fn classify(&self, tx: &TxInput) -> (Category, String) {
        let credit = is_credit(tx.amount);
        let mut fields = [Hits::default(), Hits::default(), Hits::default()];
        for ((field, text), hits) in [
            (Field::Kind, &tx.kind),
            (Field::Title, &tx.title),
            (Field::Party, &tx.party),
        ]
        .into_iter()
        .zip(&mut fields)
        {
            self.hits(&fold(text.as_deref().unwrap_or("")), field, hits);
        }
        let iban_rules = self.iban_rules(tx.party_iban.as_deref());
        let scan = self.combine([&fields[0], &fields[1], &fields[2]], credit, &iban_rules);
        match scan.rule {
            Some(index) => {
                let rule = self.rule(index);
                (
                    rule.category(credit).expect("scan picks fitting rules"),
                    rule.id.to_string(),
                )
            }
            None => (Category::uncategorised(credit), FALLBACK_RULE.to_owned()),
        }
    }

    /// Finds what one field's folded text matches; `hits` is cleared first.
    pub(crate) fn hits(&self, folded: &str, field: Field, hits: &mut Hits) {
        hits.targets.clear();
        let bytes = folded.as_bytes();
        for found in self.matcher.find_overlapping_iter(folded) {
            let (start, end) = (found.start(), found.end());
            if start > 0 && is_word_byte(bytes[start - 1]) {
                continue;
            }
            let ends_word = end == bytes.len() || !is_word_byte(bytes[end]);
            for spec in &self.specs[found.pattern().as_usize()] {
                if (spec.whole_word && !ends_word)
                    || (spec.scope == Scope::Kind && field != Field::Kind)
                    || (spec.scope == Scope::Party && field != Field::Party)
                {
                    continue;
                }
                if !hits.targets.contains(&spec.target) {
                    hits.targets.push(spec.target);
                }
            }
        }
    }

    /// A transaction's outcome from its fields' hits (kind, title, party) and the rules its
    /// counterparty IBAN matches ([`Self::iban_rules`]).
    pub(crate) fn combine(&self, fields: [&Hits; 3], credit: bool, iban_rules: &[u16]) -> Scan {
        let mut scan = Scan::default();
        // Channel hints: per channel, (seen outside kind, seen in kind).
        let mut seen_channels = [[false; 2]; 5];
        let mut best: Option<u16> = None;
        let consider = |index: u16, best: &mut Option<u16>| {
            let rule = self.rule(index);
            if rule.category(credit).is_none() {
                return;
            }
            let better = match *best {
                None => true,
                Some(current) => {
                    let current_rule = self.rule(current);
                    rule.priority > current_rule.priority
                        || (rule.priority == current_rule.priority && index < current)
                }
            };
            if better {
                *best = Some(index);
            }
        };
        for (position, hits) in fields.iter().enumerate() {
            let in_kind = position == 0;
            for target in &hits.targets {
                match *target {
                    Target::Rule(index) => consider(index, &mut best),
                    Target::Channel(channel) => {
                        seen_channels[channel_slot(channel)][usize::from(in_kind)] = true;
                    }
                    Target::Verification => scan.verification_keyword = true,
                    Target::Fx => scan.fx = true,
                    Target::Organisation => scan.organisation = true,
                }
            }
        }
        for &index in iban_rules {
            consider(index, &mut best);
        }
        scan.rule = best;
        scan.channel = pick_channel(&seen_channels);
        scan
    }

    /// The rules whose IBAN prefixes the counterparty IBAN matches.
    pub(crate) fn iban_rules(&self, party_iban: Option<&str>) -> Vec<u16> {
        let Some(national) = party_iban.and_then(national_part) else {
            return Vec::new();
        };
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, rule)| {
                rule.iban_prefixes
                    .iter()
                    .any(|prefix| national.starts_with(prefix.as_str()))
            })
            .map(|(index, _)| index as u16)
            .collect()
    }

    /// What `labels` say for an amount of this sign.
    pub(crate) fn labels(&self, labels: &[String], credit: bool) -> LabelOutcome {
        let mut outcome = LabelOutcome::default();
        let mut best_priority = i32::MIN;
        for label in labels {
            let name = label.trim_ascii();
            let Some(rule) = self
                .labels
                .iter()
                .find(|rule| rule.name.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            match rule.flag {
                Some(LabelFlag::Recurring) => outcome.recurring = true,
                Some(LabelFlag::PaymentProcessor) => outcome.payment_processor = true,
                Some(LabelFlag::Verification) => outcome.verification = true,
                None => {}
            }
            let category = if credit { rule.credit } else { rule.debit };
            if let Some(category) = category
                && rule.priority > best_priority
            {
                best_priority = rule.priority;
                outcome.category = Some((category, label.clone()));
            }
        }
        outcome
    }
}

/// The rule id recorded when no rule matched.
pub const FALLBACK_RULE: &str = "fallback";

fn channel_slot(channel: Channel) -> usize {
    match channel {
        Channel::Atm => 0,
        Channel::Blik => 1,
        Channel::PaymentProcessor => 2,
        Channel::Transfer => 3,
        Channel::Card => 4,
    }
}

fn pick_channel(seen: &[[bool; 2]; 5]) -> Option<Channel> {
    let anywhere = |slot: usize| seen[slot][0] || seen[slot][1];
    if anywhere(0) {
        Some(Channel::Atm)
    } else if anywhere(1) {
        Some(Channel::Blik)
    } else if anywhere(2) {
        Some(Channel::PaymentProcessor)
    } else if seen[3][1] {
        Some(Channel::Transfer)
    } else if seen[4][1] {
        Some(Channel::Card)
    } else if seen[3][0] {
        Some(Channel::Transfer)
    } else if seen[4][0] {
        Some(Channel::Card)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_compile_with_unique_ids() {
        let rules = RuleSet::builtin();
        assert_eq!(rules.version(), 1);
        assert!(rules.rules().len() > 30);
    }

    #[test]
    fn national_part_of_ibans() {
        assert_eq!(
            national_part("PL64 1010 0071 2221 0850 4231 2345").as_deref(),
            Some("101000712221085042312345")
        );
        assert_eq!(
            national_part("64101000712221085042312345").as_deref(),
            Some("101000712221085042312345")
        );
        assert_eq!(national_part("card-1"), None);
    }
}
