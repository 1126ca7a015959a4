//! Deterministic applicants (F-SBX-3): each persona is a realistic Polish bank history generated from
//! a seed and an end date, documented with the facts a correct analysis must find.
//!
//! The generator is pure: the same `(persona, seed, today)` always yields the same owners, accounts
//! and transactions, byte for byte. Random choices (shop amounts, which days have purchases) come
//! from a ChaCha8 stream seeded with `seed ^ fnv1a(persona id)`; the facts listed in each
//! [`PersonaSpec`] hold for every seed and every end date.

use chrono::NaiveDate;
use lupa_kontomatik::model::{Account, CreditCard, Owner, ScoreModel};

pub mod iban;

mod common;
mod ledger;
mod merchants;
mod risky;
mod spending;
mod style;

mod bailiff;
mod cards;
mod gambler;
mod joint;
mod large;
mod multi_currency;
mod pensioner;
mod salaried;
mod self_employed;
mod thin;

#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;

/// A persona's description; the data itself comes from [`generate`].
#[derive(Debug, Clone, Copy)]
pub struct PersonaSpec {
    /// Stable id, e.g. `salaried`; also its first login.
    pub id: &'static str,
    /// Logins that select this persona in the widget stand-in and `mock-session.xml`.
    pub logins: &'static [&'static str],
    /// The applicant's name as the bank shows it.
    pub display_name: &'static str,
    /// One line for the widget page and the docs.
    pub summary: &'static str,
    /// The facts a correct analysis must find, in words.
    pub facts: &'static [&'static str],
    /// The Kontomatik target the persona banks with, e.g. `KontoBank`.
    pub target: &'static str,
    /// The institution of that target.
    pub institution: &'static str,
    /// The bank's official name.
    pub official_name: &'static str,
    /// How much history the persona has, in words (e.g. `60 months`).
    pub history: &'static str,
}

/// A persona's generated data.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// Owners of the whole import (`result/owners`).
    pub owners: Vec<Owner>,
    /// Accounts with their transactions (newest first) and per-account owners.
    pub accounts: Vec<Account>,
    /// Credit cards, if the persona has any.
    pub credit_cards: Vec<CreditCard>,
    /// What `owner-scores.xml` answers for this persona.
    pub score: ScoreOutcome,
}

/// The persona's Kontomatik Score outcome.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreOutcome {
    /// One or more models with values.
    Models(Vec<ScoreModel>),
    /// `NoDataToCalculateScore`.
    NoData,
}

/// The id of the persona behind Kontomatik's KontoBank test login `test`.
pub const DEFAULT_PERSONA: &str = salaried::ID;

static CATALOG: [PersonaSpec; 10] = [
    salaried::SPEC,
    self_employed::SPEC,
    pensioner::SPEC,
    gambler::SPEC,
    bailiff::SPEC,
    joint::SPEC,
    multi_currency::SPEC,
    thin::SPEC,
    large::SPEC,
    cards::SPEC,
];

/// Every persona, the default one (`salaried`) first.
pub fn catalog() -> &'static [PersonaSpec] {
    &CATALOG
}

/// The persona a login selects, ignoring ASCII case (`TEST` selects `salaried`).
pub fn find(login: &str) -> Option<&'static PersonaSpec> {
    CATALOG.iter().find(|spec| {
        spec.logins
            .iter()
            .any(|known| known.eq_ignore_ascii_case(login))
    })
}

/// The default persona (`salaried`, login `test`).
pub fn default_persona() -> &'static PersonaSpec {
    &CATALOG[0]
}

/// Generates a persona's owners, accounts, cards and score; the history ends on `today`.
///
/// Pure and deterministic. A spec whose id is not in the catalog gets the default persona's data.
pub fn generate(spec: &PersonaSpec, seed: u64, today: NaiveDate) -> Generated {
    let mut ctx = common::Ctx::new(spec.id, seed, today);
    match spec.id {
        self_employed::ID => self_employed::generate(&mut ctx),
        pensioner::ID => pensioner::generate(&mut ctx),
        gambler::ID => gambler::generate(&mut ctx),
        bailiff::ID => bailiff::generate(&mut ctx),
        joint::ID => joint::generate(&mut ctx),
        multi_currency::ID => multi_currency::generate(&mut ctx),
        thin::ID => thin::generate(&mut ctx),
        large::ID => large::generate(&mut ctx),
        cards::ID => cards::generate(&mut ctx),
        _ => salaried::generate(&mut ctx),
    }
}
