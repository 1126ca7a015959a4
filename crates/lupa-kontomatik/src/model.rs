//! The typed model of every Kontomatik AIS reply Lupa reads or the sandbox writes.
//!
//! Element and attribute names are given in each field's doc comment exactly as they appear on the wire.
//! Field order follows the element order of the real captures in `shared/kontomatik-fixtures/`;
//! where no capture exists the order is our best reading of the protocol notes, marked "unverified".
//! Lists whose presence matters for a faithful round trip (`<creditCards></creditCards>` is not the
//! same tree as no element at all) are `Option<Vec<_>>`.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One parsed `<reply>` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    /// The attributes of the `<reply>` element.
    pub envelope: Envelope,
    /// The one payload element inside `<reply>`.
    pub payload: Payload,
}

/// Attributes of `<reply>`, in capture order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// `xsi:noNamespaceSchemaLocation`, e.g. `https://developer.kontomatik.com/schema/v1/default_import.xsd`.
    /// When present the writer also emits the `xmlns:xsi` declaration before it.
    pub schema_location: Option<String>,
    /// `status`, e.g. `200 OK`, `202 Accepted`, `404 Not Found`; mirrors the HTTP status.
    pub status: Option<String>,
    /// `user`: the client id (absent on 401 and legacy replies).
    pub user: Option<String>,
    /// `ownerExternalId`.
    pub owner_external_id: Option<String>,
    /// `responseTimestamp`, UTC, whole seconds on the wire.
    pub response_timestamp: Option<DateTime<Utc>>,
}

impl Envelope {
    /// The numeric HTTP code from `status` (`"202 Accepted"` → 202), when it has one.
    pub fn status_code(&self) -> Option<u16> {
        self.status
            .as_deref()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }
}

/// The payload of a reply: exactly one element inside `<reply>`.
// One payload per reply, built once: boxing the big variants would only complicate matching.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Payload {
    /// `<command>`: a command accepted (202) or its status when polled (200).
    Command(Command),
    /// `<exception>`: a request rejected (400, 404, …).
    Exception(Exception),
    /// `<comment>`: the 401 reply (wrong API key or IP not whitelisted); free text, whitespace intact.
    Comment(String),
    /// `<targets>`: the command catalog.
    Catalog(Vec<Target>),
    /// `<models>`: owner scores.
    OwnerScores(Vec<ScoreModel>),
    /// `<owner>`: aggregated data (`data.xml`).
    Data(DataOwner),
    /// `<session>`: a new session (mock session, reuse of multiple access). Shape unverified.
    Session(Session),
    /// A `<reply>` with no payload element.
    Empty,
}

/// `<command id state name [target] [institution]>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Command {
    /// `id`: opaque, digits on the wire.
    pub id: String,
    /// `state`.
    pub state: CommandState,
    /// `name`, e.g. `DefaultImportCommand`.
    pub name: String,
    /// `target` (on finished replies), e.g. `KontoBank`.
    pub target: Option<String>,
    /// `institution` (on finished replies).
    pub institution: Option<String>,
    /// `progress/value`; `0` even on the successful capture.
    pub progress: Option<u32>,
    /// `result`, present when `state` is `successful`.
    pub result: Option<CommandResult>,
    /// `exception`, present when `state` is `error` or `fatal`.
    pub exception: Option<Exception>,
}

/// The `state` attribute of `<command>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommandState {
    /// `setup`: accepted, not started.
    Setup,
    /// `in_progress`: keep polling.
    InProgress,
    /// `successful`: final, `<result>` holds the data.
    Successful,
    /// `error`: final, the command failed (an external or user-side problem).
    Error,
    /// `fatal`: final, the command failed on Kontomatik's side.
    Fatal,
    /// Any other value, kept verbatim (a 2016 client saw `cancelled`).
    Other(String),
}

impl CommandState {
    /// The value as written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            CommandState::Setup => "setup",
            CommandState::InProgress => "in_progress",
            CommandState::Successful => "successful",
            CommandState::Error => "error",
            CommandState::Fatal => "fatal",
            CommandState::Other(other) => other,
        }
    }

    /// Parses the wire value; unknown values become [`CommandState::Other`].
    pub fn from_wire(value: &str) -> Self {
        match value {
            "setup" => CommandState::Setup,
            "in_progress" => CommandState::InProgress,
            "successful" => CommandState::Successful,
            "error" => CommandState::Error,
            "fatal" => CommandState::Fatal,
            other => CommandState::Other(other.to_owned()),
        }
    }

    /// True for `successful`, `error`, `fatal` and unknown states (an unknown state is not polled forever).
    pub fn is_final(&self) -> bool {
        !matches!(self, CommandState::Setup | CommandState::InProgress)
    }
}

/// `<result>` of a finished command. Default import fills owners, accounts and (when the bank has
/// cards) credit cards; the advanced commands fill one list each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommandResult {
    /// `owners/owner`.
    pub owners: Option<Vec<Owner>>,
    /// `accounts/account`.
    pub accounts: Option<Vec<Account>>,
    /// `creditCards/creditCard`.
    pub credit_cards: Option<Vec<CreditCard>>,
    /// `moneyTransactions/moneyTransaction` (result of an account- or card-transactions command).
    pub money_transactions: Option<Vec<MoneyTransaction>>,
    /// Items inside the result that could not be parsed; everything else was kept.
    pub skipped: Vec<Skipped>,
}

/// An item the parser could not read, kept with its raw XML so nothing is silently lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Element path, e.g. `reply/command/result/accounts/account[0]/moneyTransactions/moneyTransaction[17]`.
    pub path: String,
    /// What was wrong, e.g. `currencyAmount: invalid decimal "12,30"`.
    pub reason: String,
    /// The element's raw XML, byte for byte as received (lossy UTF-8).
    pub raw_xml: String,
}

/// `<owner>`: a person or company. Only `name` is guaranteed; the rest are absent when unknown.
/// Observed in captures: `name`, `address`, `kind`. The others come from the old documented sample;
/// their order between `address` and `kind` is unverified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "kontomatik.ts")]
pub struct Owner {
    /// `name`.
    pub name: String,
    /// `address`.
    pub address: Option<String>,
    /// `polishPesel`.
    pub polish_pesel: Option<String>,
    /// `polishNip`.
    pub polish_nip: Option<String>,
    /// `polishRegon`.
    pub polish_regon: Option<String>,
    /// `phone`.
    pub phone: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// `citizenship`.
    pub citizenship: Option<String>,
    /// `nationality`.
    pub nationality: Option<String>,
    /// `personalDocumentType`.
    pub personal_document_type: Option<String>,
    /// `personalDocumentNumber`.
    pub personal_document_number: Option<String>,
    /// `birthDate`.
    pub birth_date: Option<NaiveDate>,
    /// `birthPlace`.
    pub birth_place: Option<String>,
    /// `kind`: `OWNER`, `CO_OWNER`, `COMPANY`, … (open set, verbatim).
    pub kind: Option<String>,
}

/// `<account [partialDueToTimeout]>`, fields in capture order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// `partialDueToTimeout` attribute (from the SDK model; not in captures).
    pub partial_due_to_timeout: Option<bool>,
    /// `name`, e.g. `Konto 0`.
    pub name: Option<String>,
    /// `friendlyName`.
    pub friendly_name: Option<String>,
    /// `iban`, with country code, no spaces.
    pub iban: String,
    /// `currencyBalance`.
    pub currency_balance: Option<Decimal>,
    /// `currencyFundsAvailable`.
    pub currency_funds_available: Option<Decimal>,
    /// `currencyName`, ISO 4217.
    pub currency_name: Option<String>,
    /// `owner` (deprecated): comma-joined owner names.
    pub owner: Option<String>,
    /// `activeSinceAtLeast`.
    pub active_since_at_least: Option<NaiveDate>,
    /// `directDebit/@available`.
    pub direct_debit: Option<bool>,
    /// `moneyTransactions/moneyTransaction`, newest first on the wire.
    pub money_transactions: Option<Vec<MoneyTransaction>>,
    /// `owners/owner`: the account's own owners (after the transactions in the capture).
    pub owners: Option<Vec<Owner>>,
}

/// `<moneyTransaction>`, fields in capture order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyTransaction {
    /// `transactionOn`.
    pub transaction_on: NaiveDate,
    /// `bookedOn`.
    pub booked_on: Option<NaiveDate>,
    /// `currencyAmount`: negative for debits, exactly as sent (scale kept).
    pub currency_amount: Decimal,
    /// `currencyBalance`: the balance after this transaction.
    pub currency_balance: Option<Decimal>,
    /// `title`, whitespace intact.
    pub title: Option<String>,
    /// `party`.
    pub party: Option<String>,
    /// `partyIban`.
    pub party_iban: Option<String>,
    /// `kind`: bank-specific transaction type, e.g. `PRZELEW ZEWNĘTRZNY`.
    pub kind: Option<String>,
    /// `status`: `DONE` observed; other values kept verbatim.
    pub status: Option<String>,
    /// `variableSymbol` (Czech banks).
    pub variable_symbol: Option<String>,
    /// `constantSymbol` (Czech banks).
    pub constant_symbol: Option<String>,
    /// `labels/label`: Kontomatik labels verbatim; `None` when there is no `<labels>` element.
    pub labels: Option<Vec<String>>,
}

/// `<creditCard [partialDueToTimeout]>`. No real capture exists: fields from the SDK model,
/// order unverified (transactions before owners, as in accounts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditCard {
    /// `partialDueToTimeout` attribute.
    pub partial_due_to_timeout: Option<bool>,
    /// `name`.
    pub name: Option<String>,
    /// `cardId`.
    pub card_id: Option<String>,
    /// `iban`.
    pub iban: Option<String>,
    /// `number` (masked card number).
    pub number: Option<String>,
    /// `currencyBalance`.
    pub currency_balance: Option<Decimal>,
    /// `currencyFundsAvailable`.
    pub currency_funds_available: Option<Decimal>,
    /// `currencyName`.
    pub currency_name: Option<String>,
    /// `owner` (deprecated).
    pub owner: Option<String>,
    /// `limit`.
    pub limit: Option<Decimal>,
    /// `interests` (SDK spelling; the old sample says `interest`).
    pub interests: Option<Decimal>,
    /// `dueDate`.
    pub due_date: Option<NaiveDate>,
    /// `moneyTransactions/moneyTransaction`.
    pub money_transactions: Option<Vec<MoneyTransaction>>,
    /// `owners/owner`.
    pub owners: Option<Vec<Owner>>,
}

/// `<exception name>` with `message` and `friendlyMessage` children.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    /// `name`, e.g. `InvalidSessionId`.
    pub name: String,
    /// `message`: technical text.
    pub message: Option<String>,
    /// `friendlyMessage`: localized text for end users.
    pub friendly_message: Option<String>,
}

/// `<target>` in the catalog, attributes in capture order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "kontomatik.ts")]
pub struct Target {
    /// `country`, ISO 3166-1 alpha-2 lower case.
    pub country: String,
    /// `name`: the target to pass around, e.g. `KontoBankApi`.
    pub name: String,
    /// `institution`.
    pub institution: String,
    /// `officialName`.
    pub official_name: String,
    /// `officialUrl`.
    pub official_url: Option<String>,
    /// `loginName`.
    pub login_name: Option<String>,
    /// `beta`.
    pub beta: Option<bool>,
    /// `psd2`.
    pub psd2: Option<bool>,
    /// `supportedAccountTypes/supportedAccountType/@name`.
    pub supported_account_types: Vec<String>,
    /// `commands/command/@name`, in wire order.
    pub commands: Vec<String>,
    /// `credentialsMetadata/credentialMetadata`.
    pub credentials_metadata: Vec<CredentialMetadata>,
}

impl Target {
    /// True when the catalog lists `command` (e.g. `SignOutCommand`) for this target.
    pub fn supports(&self, command: &str) -> bool {
        self.commands.iter().any(|c| c == command)
    }
}

/// `<credentialMetadata kind>`: `name`, `description`?, `supported`, `asterisked`, `choice/option`*.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "kontomatik.ts")]
pub struct CredentialMetadata {
    /// `kind`, e.g. `STATIC_LOGIN`.
    pub kind: String,
    /// `name` (may be empty on the wire).
    pub name: String,
    /// `description`.
    pub description: Option<String>,
    /// `supported`.
    pub supported: Option<bool>,
    /// `asterisked`.
    pub asterisked: Option<bool>,
    /// `choice/option`.
    pub choice: Option<Vec<String>>,
}

/// `<model id retrainedAt>` in owner scores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreModel {
    /// `id`, e.g. `common-2023-03-07`.
    pub id: String,
    /// `retrainedAt`.
    pub retrained_at: Option<DateTime<Utc>>,
    /// `scores/score/value`: probability of repayment, 0–1.
    pub score: Option<Decimal>,
    /// `scores/scorePercentile/value`: 0–1 against Kontomatik's training population.
    pub score_percentile: Option<Decimal>,
    /// `scores/scoreTier/value`: a letter, kept as an open string.
    pub score_tier: Option<String>,
}

/// `<owner externalId createdAt updatedAt origin lastChange>` in `data.xml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DataOwner {
    /// `externalId`.
    pub external_id: String,
    /// `createdAt` (microseconds on the wire).
    pub created_at: Option<DateTime<Utc>>,
    /// `updatedAt`.
    pub updated_at: Option<DateTime<Utc>>,
    /// `origin`, e.g. `scraper`.
    pub origin: Option<String>,
    /// `lastChange`.
    pub last_change: Option<DateTime<Utc>>,
    /// `target`*: one per bank.
    pub targets: Vec<DataTarget>,
}

/// `<target name officialName institution>` in `data.xml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DataTarget {
    /// `name`.
    pub name: String,
    /// `officialName`.
    pub official_name: Option<String>,
    /// `institution`.
    pub institution: Option<String>,
    /// `owners/owner`.
    pub owners: Option<Vec<Owner>>,
    /// `accounts/account`.
    pub accounts: Option<Vec<Account>>,
    /// `creditCards/creditCard`.
    pub credit_cards: Option<Vec<CreditCard>>,
    /// `deposits`: shape unknown (empty in the capture); its inner XML is kept verbatim.
    pub deposits: Option<String>,
    /// Items that could not be parsed.
    pub skipped: Vec<Skipped>,
}

/// `<session id signature [multipleAccessId] [target]/>`: a new session. Shape unverified (third-party
/// client only); the parser also accepts the values as child elements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// `id`: the session id.
    pub id: String,
    /// `signature`: the session id signature (64 hex chars).
    pub signature: String,
    /// `multipleAccessId`, when multiple access was granted.
    pub multiple_access_id: Option<String>,
    /// `target`: the bank the session is signed in to (a sandbox extension; absent from real replies).
    pub target: Option<String>,
}
