//! The simulator's memory: sessions, commands, owners and multiple-access consents.
//!
//! Ids are decimal digits like Kontomatik's; session signatures are HMAC-SHA256 of the session id
//! under a key derived from the seed, as 64 lowercase hex characters.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::config::{Fault, SandboxConfig};
use crate::personas::{self, Generated, PersonaSpec};

/// What one command asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandKind {
    /// `DefaultImportCommand`.
    DefaultImport,
    /// `ImportOwnersDetailsCommand`.
    Owners,
    /// `ImportAccountsCommand`.
    Accounts,
    /// `ImportAccountTransactionsCommand` for one IBAN.
    AccountTransactions {
        /// The account.
        iban: String,
    },
    /// `ImportCreditCardsCommand`.
    CreditCards,
    /// `ImportCreditCardTransactionsCommand` for one card.
    CreditCardTransactions {
        /// The card's number (or id).
        card_number: String,
    },
}

impl CommandKind {
    /// The command's `name` on the wire.
    pub fn wire_name(&self) -> &'static str {
        match self {
            CommandKind::DefaultImport => "DefaultImportCommand",
            CommandKind::Owners => "ImportOwnersDetailsCommand",
            CommandKind::Accounts => "ImportAccountsCommand",
            CommandKind::AccountTransactions { .. } => "ImportAccountTransactionsCommand",
            CommandKind::CreditCards => "ImportCreditCardsCommand",
            CommandKind::CreditCardTransactions { .. } => "ImportCreditCardTransactionsCommand",
        }
    }
}

/// A session handed out by the widget stand-in or `mock-session.xml`.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    /// Whose data the session opens.
    pub persona: &'static PersonaSpec,
    /// The target the applicant signed in to.
    pub target: String,
    /// The owner the data is aggregated under.
    pub owner_external_id: String,
    /// The fault chosen for this session.
    pub fault: Option<Fault>,
    /// When it was created (for expiry).
    pub created: Instant,
    /// A default import was started with it.
    pub default_import_started: bool,
    /// An advanced command was started with it.
    pub advanced_started: bool,
    /// It was signed out.
    pub signed_out: bool,
    /// Oldest day the bank gives through this session (multiple-access refreshes give 90 days).
    pub history_limit: Option<NaiveDate>,
}

/// A started command.
#[derive(Debug, Clone)]
pub struct CommandRecord {
    /// What it does.
    pub kind: CommandKind,
    /// Whose data it returns.
    pub persona: &'static PersonaSpec,
    /// The target of the session.
    pub target: String,
    /// Transactions on or after this day.
    pub since: NaiveDate,
    /// The session's fault.
    pub fault: Option<Fault>,
    /// Polls answered so far.
    pub polls: u32,
}

/// An owner's data kept on the simulated Kontomatik side (for `data.xml` and owner scores).
#[derive(Debug, Clone)]
pub struct OwnerRecord {
    /// The persona behind the owner id.
    pub persona: &'static PersonaSpec,
    /// Targets imported for this owner.
    pub targets: Vec<String>,
    /// Earliest `since` of its imports.
    pub since: NaiveDate,
    /// First import.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub last_change: DateTime<Utc>,
}

/// A multiple-access consent.
#[derive(Debug, Clone)]
pub struct MultipleAccessRecord {
    /// Whose bank the consent opens.
    pub persona: &'static PersonaSpec,
    /// The target.
    pub target: String,
    /// The owner id.
    pub owner_external_id: String,
    /// When the consent was given.
    pub granted_at: DateTime<Utc>,
    /// Refreshes, for the 4-per-24-hours limit.
    pub refreshes: Vec<DateTime<Utc>>,
    /// Revoked by the client.
    pub revoked: bool,
}

/// The mutable part of the sandbox, behind one lock (requests are short).
#[derive(Debug, Default)]
pub struct Records {
    next_id: u64,
    /// Sessions by id.
    pub sessions: HashMap<String, SessionRecord>,
    /// Commands by id.
    pub commands: HashMap<String, CommandRecord>,
    /// Owners by `ownerExternalId`.
    pub owners: HashMap<String, OwnerRecord>,
    /// Consents by `multipleAccessId`.
    pub multiple_access: HashMap<String, MultipleAccessRecord>,
}

impl Records {
    /// A fresh 9-digit id, like the captures' `455026009`.
    pub fn next_id(&mut self) -> String {
        self.next_id += 1;
        (455_026_000 + self.next_id * 7).to_string()
    }
}

/// Shared state of a running sandbox.
pub struct SandboxState {
    /// The configuration it was started with.
    pub config: SandboxConfig,
    signing_key: [u8; 32],
    /// Sessions, commands, owners, consents.
    pub records: Mutex<Records>,
    generated: Mutex<HashMap<&'static str, Arc<Generated>>>,
}

impl SandboxState {
    /// A new, empty sandbox state.
    pub fn new(config: SandboxConfig) -> Self {
        let signing_key: [u8; 32] =
            Sha256::digest(format!("lupa-sandbox-signing-key/{}", config.seed)).into();
        SandboxState {
            config,
            signing_key,
            records: Mutex::new(Records::default()),
            generated: Mutex::new(HashMap::new()),
        }
    }

    /// The signature of a session id: HMAC-SHA256, 64 lowercase hex characters.
    pub fn sign(&self, session_id: &str) -> String {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.signing_key).expect("HMAC takes any key length");
        mac.update(session_id.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// Checks a signature in constant time.
    pub fn verify(&self, session_id: &str, signature: &str) -> bool {
        let Ok(bytes) = hex::decode(signature.trim()) else {
            return false;
        };
        let mut mac =
            Hmac::<Sha256>::new_from_slice(&self.signing_key).expect("HMAC takes any key length");
        mac.update(session_id.as_bytes());
        mac.verify_slice(&bytes).is_ok()
    }

    /// The last day of every history.
    pub fn today(&self) -> NaiveDate {
        self.config.today.unwrap_or_else(|| Utc::now().date_naive())
    }

    /// A persona's data, generated once per sandbox and shared.
    pub fn generated(&self, persona: &'static PersonaSpec) -> Arc<Generated> {
        let mut cache = self
            .generated
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        cache
            .entry(persona.id)
            .or_insert_with(|| {
                Arc::new(personas::generate(persona, self.config.seed, self.today()))
            })
            .clone()
    }

    /// Locks the records; a poisoned lock (a panicking handler) is recovered, the data is plain.
    pub fn records(&self) -> std::sync::MutexGuard<'_, Records> {
        self.records
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
