//! Deterministic applicants (F-SBX-3): each persona is a realistic Polish bank history generated from
//! a seed and an end date, documented with the facts a correct analysis must find.
//!
//! The generator is pure: the same `(persona, seed, today)` always yields the same owners, accounts
//! and transactions, byte for byte.

use chrono::NaiveDate;
use lupa_kontomatik::model::{Account, CreditCard, Owner, ScoreModel};

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
}

/// A persona's generated data.
#[derive(Debug, Clone)]
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
#[derive(Debug, Clone)]
pub enum ScoreOutcome {
    /// One or more models with values.
    Models(Vec<ScoreModel>),
    /// `NoDataToCalculateScore`.
    NoData,
}
