//! The simulator's memory: sessions, commands, owners and multiple-access consents.
//!
//! Ids are decimal digits like Kontomatik's; session signatures are HMAC-SHA256 of the session id
//! under a key derived from the seed, as 64 lowercase hex characters.
//!
//! The records serialize (personas by their stable id, faults by name) so that
//! [`SandboxConfig::state_path`] can keep them across restarts; see [`crate::persist`].

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{Fault, SandboxConfig};
use crate::persist::{self, Persister};
use crate::personas::{self, Generated, PersonaSpec};

/// What one command asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Whose data the session opens.
    #[serde(with = "persona_id")]
    pub persona: &'static PersonaSpec,
    /// The target the applicant signed in to.
    pub target: String,
    /// The owner the data is aggregated under.
    pub owner_external_id: String,
    /// The fault chosen for this session.
    #[serde(with = "fault_name")]
    pub fault: Option<Fault>,
    /// When it was created (for expiry); wall-clock so that expiry holds across restarts.
    pub created_at: DateTime<Utc>,
    /// A default import was started with it.
    pub default_import_started: bool,
    /// An advanced command was started with it.
    pub advanced_started: bool,
    /// It was signed out.
    pub signed_out: bool,
    /// Oldest day the bank gives through this session (multiple-access refreshes give 90 days).
    pub history_limit: Option<NaiveDate>,
}

impl SessionRecord {
    /// Whether more than `ttl` has passed since the session was created. A clock that went back
    /// does not expire it; a `ttl` beyond chrono's range never does.
    pub fn expired(&self, ttl: Duration) -> bool {
        Utc::now()
            .signed_duration_since(self.created_at)
            .to_std()
            .is_ok_and(|age| age > ttl)
    }
}

/// A started command.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CommandRecord {
    /// What it does.
    pub kind: CommandKind,
    /// Whose data it returns.
    #[serde(with = "persona_id")]
    pub persona: &'static PersonaSpec,
    /// The target of the session.
    pub target: String,
    /// Transactions on or after this day.
    pub since: NaiveDate,
    /// The session's fault.
    #[serde(with = "fault_name")]
    pub fault: Option<Fault>,
    /// Polls answered so far.
    pub polls: u32,
}

/// An owner's data kept on the simulated Kontomatik side (for `data.xml` and owner scores).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OwnerRecord {
    /// The persona behind the owner id.
    #[serde(with = "persona_id")]
    pub persona: &'static PersonaSpec,
    /// Targets imported for this owner.
    pub targets: Vec<String>,
    /// Earliest `since` of its imports.
    pub since: NaiveDate,
    /// First import.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub last_change: DateTime<Utc>,
    /// The fault of the owner's latest session; [`Fault::ScoreUnavailable`] makes its score
    /// requests fail.
    #[serde(default, with = "fault_name")]
    pub fault: Option<Fault>,
}

/// A multiple-access consent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MultipleAccessRecord {
    /// Whose bank the consent opens.
    #[serde(with = "persona_id")]
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
#[derive(Debug, Default, Serialize, Deserialize)]
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
    /// Sessions, commands, owners, consents; shared with the [`Persister`]'s thread.
    records: Arc<Mutex<Records>>,
    /// Writes the records to [`SandboxConfig::state_path`] after changes.
    persister: Option<Persister>,
    generated: Mutex<HashMap<&'static str, Arc<Generated>>>,
    /// Set when the sandbox stops: injected waits end at once, so a stop never waits for them.
    stopping: tokio::sync::watch::Sender<bool>,
}

impl SandboxState {
    /// A new sandbox state: empty, or loaded from [`SandboxConfig::state_path`] when set.
    pub fn new(config: SandboxConfig) -> Self {
        // Depends on the seed only: the same seed signs the same session id the same way in
        // every process, which keeps the signatures of persisted sessions valid.
        let signing_key: [u8; 32] =
            Sha256::digest(format!("lupa-sandbox-signing-key/{}", config.seed)).into();
        let records = match &config.state_path {
            Some(path) => persist::load(path, config.seed),
            None => Records::default(),
        };
        let records = Arc::new(Mutex::new(records));
        let persister = config
            .state_path
            .as_ref()
            .map(|path| Persister::spawn(path.clone(), config.seed, records.clone()));
        SandboxState {
            config,
            signing_key,
            records,
            persister,
            generated: Mutex::new(HashMap::new()),
            stopping: tokio::sync::watch::Sender::new(false),
        }
    }

    /// Sleeps `duration` (an injected slow or hung reply), or until the sandbox stops: the
    /// server's graceful stop waits for requests in flight, and must not wait for a hang.
    pub async fn pause(&self, duration: Duration) {
        let mut stopping = self.stopping.subscribe();
        tokio::select! {
            () = tokio::time::sleep(duration) => {}
            _ = stopping.wait_for(|stopping| *stopping) => {}
        }
    }

    /// Ends every [`pause`](Self::pause), now and later.
    pub fn begin_stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Waits (at most `timeout`) until every change made so far is in the state file; true when
    /// it is (or when there is no state file).
    pub fn flush(&self, timeout: Duration) -> bool {
        self.persister
            .as_ref()
            .is_none_or(|persister| persister.flush(timeout))
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
    /// Changing them through the guard schedules a write of the state file when the guard drops.
    pub fn records(&self) -> RecordsGuard<'_> {
        RecordsGuard {
            records: lock(&self.records),
            persister: self.persister.as_ref(),
            changed: false,
        }
    }
}

/// Locks a mutex, recovering from poisoning (the data behind the sandbox's locks is plain).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The locked records. Any mutable access marks them changed; on drop (still under the lock, so
/// changes are saved in order) a change wakes the [`Persister`], which writes the file later, off
/// the request's path.
pub struct RecordsGuard<'a> {
    records: MutexGuard<'a, Records>,
    persister: Option<&'a Persister>,
    changed: bool,
}

impl Deref for RecordsGuard<'_> {
    type Target = Records;

    fn deref(&self) -> &Records {
        &self.records
    }
}

impl DerefMut for RecordsGuard<'_> {
    fn deref_mut(&mut self) -> &mut Records {
        self.changed = true;
        &mut self.records
    }
}

impl Drop for RecordsGuard<'_> {
    fn drop(&mut self) {
        if self.changed
            && let Some(persister) = self.persister
        {
            persister.changed();
        }
    }
}

/// A persona as its stable id (`salaried`); an id not in the catalog fails deserialization.
mod persona_id {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::personas::{self, PersonaSpec};

    pub fn serialize<S: Serializer>(
        persona: &&'static PersonaSpec,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(persona.id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<&'static PersonaSpec, D::Error> {
        let id = String::deserialize(deserializer)?;
        personas::catalog()
            .iter()
            .find(|persona| persona.id == id)
            .ok_or_else(|| D::Error::custom(format!("unknown persona {id:?}")))
    }
}

/// An optional fault as its name (`fatal`), the one used in forms and on the command line.
mod fault_name {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    use crate::config::Fault;

    pub fn serialize<S: Serializer>(
        fault: &Option<Fault>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match fault {
            Some(fault) => serializer.serialize_some(fault.as_str()),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Fault>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|name| name.parse::<Fault>().map_err(D::Error::custom))
            .transpose()
    }
}
