//! Shared fixtures: stores in temporary directories with a fixed clock, the real captures, and
//! persona replies.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use lupa_kontomatik::model::{Command, CommandResult, CommandState, Envelope, Payload, Reply};
use lupa_sandbox::personas::{self, Generated};
use lupa_store::{CaseId, DbKey, Flow, ImportId, IngestReport, NewImport, Store};
use tempfile::TempDir;

/// The captured finished default import: 2 owners, 1 account, 72 transactions.
pub const DEFAULT_IMPORT_RESULT: &str = "v1.command-reply.default-import.xml";
/// The captured `data.xml` of the same owner.
pub const DATA: &str = "v1.data-reply.xml";

/// The bytes of a capture in lupa-kontomatik's `tests/fixtures/`.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lupa-kontomatik/tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("fixture {}: {error}", path.display()))
}

/// The fixed "now" of every test store.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).unwrap()
}

/// A date.
pub fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

/// A store file in its own temporary directory (kept alive by the returned `TempDir`).
pub struct TestStore {
    pub store: Store,
    pub key: DbKey,
    pub path: PathBuf,
    pub dir: TempDir,
}

impl TestStore {
    pub fn new() -> TestStore {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("lupa.db");
        let key = DbKey::generate().expect("key");
        let store = Store::open(&path, &key).expect("open").with_clock(now);
        TestStore {
            store,
            key,
            path,
            dir,
        }
    }

    /// Closes the store and reopens the same file with the same key.
    pub fn reopen(self) -> TestStore {
        let TestStore {
            store,
            key,
            path,
            dir,
        } = self;
        drop(store);
        let store = Store::open(&path, &key).expect("reopen").with_clock(now);
        TestStore {
            store,
            key,
            path,
            dir,
        }
    }
}

/// A successful default-import reply holding `result`, as Kontomatik writes it.
pub fn command_reply(command_id: &str, result: CommandResult) -> Vec<u8> {
    let reply = Reply {
        envelope: Envelope {
            schema_location: Some(
                "https://developer.kontomatik.com/schema/v1/default_import.xsd".into(),
            ),
            status: Some("200 OK".into()),
            user: Some("lupa-test".into()),
            owner_external_id: None,
            response_timestamp: Some(now()),
        },
        payload: Payload::Command(Command {
            id: command_id.into(),
            state: CommandState::Successful,
            name: "DefaultImportCommand".into(),
            target: Some("KontoBank".into()),
            institution: Some("KontoBank".into()),
            progress: Some(0),
            result: Some(result),
            exception: None,
        }),
    };
    lupa_kontomatik::xml::write_reply(&reply, &Default::default()).into_bytes()
}

/// A raw reply to `GET /v1/command/{id}.xml`.
pub fn raw(command_id: &str, body: Vec<u8>) -> RawReply {
    RawReply {
        call: format!("GET /v1/command/{command_id}.xml"),
        http_status: 200,
        body,
        received_at: now(),
    }
}

/// A persona's data, history ending on 2026-11-20.
pub fn persona(id: &str) -> Generated {
    let spec = personas::find(id).unwrap_or_else(|| panic!("persona {id}"));
    personas::generate(spec, 2026, day(2026, 11, 20))
}

/// The default-import result of a persona.
pub fn persona_result(generated: &Generated) -> CommandResult {
    CommandResult {
        owners: Some(generated.owners.clone()),
        accounts: Some(generated.accounts.clone()),
        credit_cards: (!generated.credit_cards.is_empty()).then(|| generated.credit_cards.clone()),
        money_transactions: None,
        skipped: Vec::new(),
    }
}

/// The result as the parser reads it back from Kontomatik's XML (what a live import stores).
pub fn through_xml(result: CommandResult) -> CommandResult {
    let body = command_reply("1", result);
    match lupa_kontomatik::xml::parse_reply(&body).unwrap().payload {
        Payload::Command(command) => command.result.unwrap(),
        other => panic!("unexpected payload {other:?}"),
    }
}

/// A sandbox default import for `owner`, with session `session`.
pub fn new_import<'a>(owner: &'a str, session: &'a str) -> NewImport<'a> {
    NewImport {
        environment: Environment::Sandbox,
        owner_external_id: owner,
        target: "KontoBank",
        session_id: Some(session),
        since: Some(day(2021, 11, 20)),
        flow: Flow::Default,
    }
}

/// Runs a whole live import of `result`: create, command id, raw reply, ingest.
pub fn import_result(
    store: &mut Store,
    owner: &str,
    session: &str,
    result: CommandResult,
) -> (CaseId, ImportId, IngestReport) {
    let (case_id, import_id) = store
        .create_case_and_import(&new_import(owner, session))
        .expect("create import");
    let command_id = format!("cmd-{session}");
    store
        .record_command_started(import_id, &command_id)
        .expect("command started");
    let report = store
        .ingest_raw_reply(
            import_id,
            &raw(&command_id, command_reply(&command_id, result)),
        )
        .expect("ingest");
    (case_id, import_id, report)
}

/// Every field of every derived row that must survive a re-derivation, without row ids.
pub fn snapshot(store: &Store, case_id: CaseId) -> Vec<String> {
    let conn = store.connection();
    let queries = [
        "SELECT iban, currency, name, friendly_name, balance_minor, funds_available_minor, owner, \
         active_since_at_least, direct_debit, partial_due_to_timeout FROM accounts \
         WHERE case_id = ?1 ORDER BY iban, currency",
        "SELECT t.transaction_on, t.booked_on, t.amount_minor, t.currency, t.balance_after_minor, \
         t.title, t.party, t.party_iban, t.kind, t.status, t.labels, t.variable_symbol, \
         t.constant_symbol, t.pending, hex(t.fingerprint), t.details_hash, t.first_import_id, \
         t.last_import_id FROM transactions t WHERE t.case_id = ?1 ORDER BY hex(t.fingerprint)",
        "SELECT o.import_id, o.position, o.name, o.address, o.kind, \
         o.account_snapshot_id IS NULL FROM owners o JOIN imports i ON i.id = o.import_id \
         WHERE i.case_id = ?1 ORDER BY o.import_id, o.account_snapshot_id IS NULL, o.position",
        "SELECT id, state, transaction_count, has_owners, has_accounts, has_credit_cards, \
         institution FROM imports WHERE case_id = ?1 ORDER BY id",
        "SELECT display_name FROM cases WHERE id = ?1",
    ];
    let mut lines = Vec::new();
    for sql in queries {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut rows = stmt.query([case_id.0]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let count = row.as_ref().column_count();
            let values: Vec<String> = (0..count)
                .map(|index| format!("{:?}", row.get_ref(index).unwrap()))
                .collect();
            lines.push(values.join("|"));
        }
    }
    // The sightings, by fingerprint instead of transaction id.
    let fingerprint = |id: lupa_store::TransactionId| -> String {
        conn.query_row(
            "SELECT hex(fingerprint) FROM transactions WHERE id = ?1",
            [id.0],
            |row| row.get(0),
        )
        .unwrap()
    };
    let imports: Vec<lupa_store::ImportId> = conn
        .prepare("SELECT id FROM imports WHERE case_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([case_id.0], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for import_id in imports {
        let mut seen: Vec<String> = store
            .import_sightings(import_id)
            .unwrap()
            .into_iter()
            .flat_map(|source| source.seen)
            .map(|s| {
                format!(
                    "{}|{}|{:?}|{}|{:?}|{:?}|{}|{}",
                    s.import_id.0,
                    s.position,
                    s.status,
                    s.pending,
                    s.booked_on,
                    s.balance_after,
                    s.details_hash,
                    fingerprint(s.transaction_id)
                )
            })
            .collect();
        seen.sort_by(|a, b| a.rsplit('|').next().cmp(&b.rsplit('|').next()));
        lines.extend(seen);
    }
    lines
}

/// The number of rows of a table.
pub fn count(store: &Store, table: &str) -> i64 {
    store
        .connection()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .unwrap()
}
