//! The typed model of every Kontomatik AIS reply Lupa reads or the sandbox writes, and of the PDF
//! Parsing API's replies (`statement.xml`, `parser-catalog.xml`; constructed, unverified shapes).
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
    /// `<statement>`: one parsed PDF bank statement (`POST /v1/statement.xml`). Only the element
    /// and its two attributes are documented; everything inside is unverified.
    Statement(Statement),
    /// `<target>`*: the PDF parser catalog (`GET /v1/parser-catalog.xml`), one `<target>` per
    /// parser directly under `<reply>`, without the `<targets>` wrapper of the command catalog.
    /// Several elements make this one payload; a reply without any is [`Payload::Empty`].
    ParserCatalog(Vec<ParserTarget>),
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
    /// `failedVerifications/failedVerification`: the checks a refused PDF statement failed, after
    /// `message` (unverified: the word comes from the JSON API's migration guide, the XML shape is
    /// constructed). Empty for every other exception; written only when non-empty.
    pub failed_verifications: Vec<FailedVerification>,
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

/// `<statement id isConsistent>`: one parsed PDF bank statement, the reply to
/// `POST /v1/statement.xml`. The element and its two attributes are documented; its children are
/// **unverified** (no capture exists), so the parser looks for `owners` and `accounts` at any depth
/// below `<statement>` and reads them with the AIS parsers; the writer puts them directly inside,
/// owners first (constructed shape, `shared/docs/kontomatik-pdf.md` §6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    /// `id`: opaque (digits in the documented fragment).
    pub id: String,
    /// `isConsistent`: `true` for a consistent document type (a monthly statement), `false` for an
    /// inconsistent one (an account history, possibly filtered), let through only with
    /// `acceptInconsistent=true`. Absent when not sent.
    pub is_consistent: Option<bool>,
    /// `owners/owner` (unverified placement: every `owners` found outside an account,
    /// concatenated in document order).
    pub owners: Option<Vec<Owner>>,
    /// `accounts/account` (unverified placement: every `accounts` found, concatenated in
    /// document order).
    pub accounts: Option<Vec<Account>>,
    /// `failedVerifications/failedVerification` (unverified): checks that failed without stopping
    /// the parse. Written only when non-empty, after `accounts`.
    pub failed_verifications: Vec<FailedVerification>,
    /// Items inside the statement that could not be parsed (not written back).
    pub skipped: Vec<Skipped>,
}

/// `<failedVerification name="AMOUNT_CONSISTENCY">words</failedVerification>`: one anti-tampering or
/// consistency check that failed. **Unverified shape**: only the list's name `failedVerifications`
/// is documented (JSON API); the parser also accepts the name as text or as a `name`/`code` child
/// and the words as a `message`/`description` child.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "kontomatik.ts")]
pub struct FailedVerification {
    /// `name`: the check, e.g. `AMOUNT_CONSISTENCY` (vocabulary unknown; kept verbatim).
    pub name: String,
    /// The element's text: what was wrong, in words; `None` when empty.
    pub message: Option<String>,
}

/// `<target name officialName>` in the PDF parser catalog (`GET /v1/parser-catalog.xml`): one bank
/// statement layout Kontomatik can parse. Attributes from the documented sample; whether more
/// exist is unknown. Whether the names equal AIS target names is unknown too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "kontomatik.ts")]
pub struct ParserTarget {
    /// `name`, e.g. `Alior`.
    pub name: String,
    /// `officialName`, e.g. `Alior Bank`.
    pub official_name: Option<String>,
}
