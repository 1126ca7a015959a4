//! Store benchmarks on the sandbox's `large` persona (exactly 100 000 transactions, a ~70 MB
//! reply), in an encrypted file in a temporary directory, as the app uses it.
//!
//! - `ingest/parse_and_store`: parse the reply, store it raw, ingest it: a live import's end
//!   (from the reply the HTTP client hands over, received before the timing starts).
//! - `ingest/store`: `ingest_import` of the parsed result alone.
//! - `ingest/bare_insert`: baseline 1, the I/O floor: the same transactions with one cached
//!   prepared `INSERT` each into a table without indexes, in one transaction, on a connection
//!   keyed and tuned like the store's (16 KiB pages, no checkpoint in the commit);
//!   `ingest/bare_insert_4k_pages`: the baseline as first measured, with SQLCipher's default
//!   4 KiB pages and the checkpoint in the commit.
//! - `ingest/schema_bare_insert`: baseline 2: the same rows into the store's own table and its
//!   indexes with a bare prepared statement, without the store's logic (nor its insertion
//!   order: the wire's, newest first).
//! - `ingest/index_search`: the full-text index's catch-up after an import, which the app runs
//!   at idle ([`Store::index_search`]); not part of the import's time.
//! - `ingest/reimport_same_reply`: a second import of the same 100 000 (all matched).
//! - `query/page_filtered_sorted`, `query/fts`, `query/count`: 200-row pages over the 100 000.
//! - `cases/search`: `list_cases` with a search over 10 000 cases.
//!
//! Run: `cargo bench -p lupa-store --bench store`. Results: `docs/performance.md`.
//! Quick probe without criterion: `LUPA_STORE_RUNS=N` (see [`quick`]).

use std::cell::{Cell, OnceCell};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use lupa_kontomatik::model::{Command, CommandResult, CommandState, Envelope, Payload, Reply};
use lupa_kontomatik::xml::{parse_reply, write_reply};
use lupa_store::{
    CaseId, CaseQuery, DbKey, Flow, ImportId, NewImport, Store, TxQuery, TxSort, TxSortKey,
};
use rusqlite::{Connection, params};
use rust_decimal::Decimal;
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

/// The `large` persona's default-import reply.
fn large_reply() -> Vec<u8> {
    let spec = lupa_sandbox::personas::find("large").expect("large persona");
    let generated = lupa_sandbox::personas::generate(spec, 2026, today());
    let result = CommandResult {
        owners: Some(generated.owners),
        accounts: Some(generated.accounts),
        credit_cards: None,
        money_transactions: None,
        skipped: Vec::new(),
    };
    let reply = Reply {
        envelope: Envelope {
            status: Some("200 OK".into()),
            ..Envelope::default()
        },
        payload: Payload::Command(Command {
            id: "100000".into(),
            state: CommandState::Successful,
            name: "DefaultImportCommand".into(),
            target: Some("KontoBank".into()),
            institution: Some("KontoBank".into()),
            progress: Some(0),
            result: Some(result),
            exception: None,
        }),
    };
    write_reply(&reply, &Default::default()).into_bytes()
}

fn result_of(body: &[u8]) -> CommandResult {
    match parse_reply(body).expect("parses").payload {
        Payload::Command(command) => command.result.expect("result"),
        _ => panic!("not a command"),
    }
}

fn raw(body: &[u8]) -> RawReply {
    RawReply {
        call: "GET /v1/command/100000.xml".into(),
        http_status: 200,
        body: body.to_vec(),
        received_at: chrono::Utc::now(),
    }
}

/// A new store file with one running import that has its raw reply.
fn fresh(key: &DbKey, body: Option<&[u8]>) -> (TempDir, Store, ImportId) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lupa.db"), key).unwrap();
    let (_, import_id) = store
        .create_case_and_import(&NewImport {
            environment: Environment::Sandbox,
            owner_external_id: "large",
            target: "KontoBank",
            session_id: Some("session"),
            since: None,
            flow: Flow::Default,
        })
        .unwrap();
    if let Some(body) = body {
        store.save_raw_reply(import_id, &raw(body)).unwrap();
    }
    (dir, store, import_id)
}

/// The baseline: a connection keyed and tuned like the store's, and one table without indexes.
/// With the store's [`lupa_store::PAGE_SIZE`] its commit also skips the checkpoint, as the
/// store's ingest does; with SQLCipher's default 4 KiB pages it is the baseline the store was
/// first measured against (its commit checkpoints).
fn bare_connection(path: &Path, key: &DbKey, page_size: u32) -> Connection {
    let conn = Connection::open(path).unwrap();
    let autocheckpoint = if page_size == lupa_store::PAGE_SIZE {
        0
    } else {
        1000
    };
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA cipher_page_size = {page_size};
         PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
         PRAGMA wal_autocheckpoint = {autocheckpoint};
         PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;
         CREATE TABLE bare (account INTEGER, transaction_on TEXT, booked_on TEXT,
             amount_minor INTEGER, currency TEXT, balance_after_minor INTEGER, title TEXT,
             party TEXT, party_iban TEXT, kind TEXT, status TEXT, labels TEXT,
             variable_symbol TEXT, constant_symbol TEXT) STRICT;",
        key.to_hex()
    ))
    .unwrap();
    conn
}

fn minor(value: Decimal) -> i64 {
    (value * Decimal::ONE_HUNDRED).try_into().unwrap()
}

fn bare_insert(conn: &mut Connection, result: &CommandResult) -> usize {
    let tx = conn.transaction().unwrap();
    let mut rows = 0;
    {
        let mut insert = tx
            .prepare_cached(
                "INSERT INTO bare VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )
            .unwrap();
        for (index, account) in result.accounts.iter().flatten().enumerate() {
            for t in account.money_transactions.iter().flatten() {
                insert
                    .execute(params![
                        index as i64,
                        t.transaction_on.format("%Y-%m-%d").to_string(),
                        t.booked_on.map(|d| d.format("%Y-%m-%d").to_string()),
                        minor(t.currency_amount),
                        account.currency_name,
                        t.currency_balance.map(minor),
                        t.title,
                        t.party,
                        t.party_iban,
                        t.kind,
                        t.status,
                        t.labels.as_ref().map(|l| serde_json::to_string(l).unwrap()),
                        t.variable_symbol,
                        t.constant_symbol,
                    ])
                    .unwrap();
                rows += 1;
            }
        }
    }
    tx.commit().unwrap();
    rows
}

/// The second baseline: the rows the store writes into the store's own table and indexes with a
/// bare cached prepared statement, without matching, fingerprinting, sightings or any other
/// logic (fingerprints are the row numbers).
fn schema_bare_insert(store: &Store, import_id: ImportId, result: &CommandResult) -> usize {
    let conn = store.connection();
    let (case_id, account_id): (i64, i64) = conn
        .query_row(
            "SELECT a.case_id, a.id FROM accounts a JOIN imports i ON i.case_id = a.case_id \
             WHERE i.id = ?1 ORDER BY a.id LIMIT 1",
            [import_id.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    // Committed like the store's ingest: into the WAL, the checkpoint left for later.
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; BEGIN IMMEDIATE")
        .unwrap();
    let mut rows = 0i64;
    {
        let mut insert = conn
            .prepare_cached(
                "INSERT INTO transactions (case_id, account_id, transaction_on, booked_on, \
                 amount_minor, currency, balance_after_minor, title, party, party_iban, kind, \
                 status, labels, variable_symbol, constant_symbol, pending, fingerprint, \
                 details_hash, first_import_id, last_import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, \
                 ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 0, ?18, ?18)",
            )
            .unwrap();
        for account in result.accounts.iter().flatten() {
            for t in account.money_transactions.iter().flatten() {
                insert
                    .execute(params![
                        case_id,
                        account_id,
                        t.transaction_on.format("%Y-%m-%d").to_string(),
                        t.booked_on.map(|d| d.format("%Y-%m-%d").to_string()),
                        minor(t.currency_amount),
                        account.currency_name,
                        t.currency_balance.map(minor),
                        t.title,
                        t.party,
                        t.party_iban,
                        t.kind,
                        t.status,
                        t.labels.as_ref().map(|l| serde_json::to_string(l).unwrap()),
                        t.variable_symbol,
                        t.constant_symbol,
                        false,
                        rows,
                        import_id.0,
                    ])
                    .unwrap();
                rows += 1;
            }
        }
    }
    conn.execute_batch("COMMIT").unwrap();
    rows as usize
}

fn ingest(c: &mut Criterion) {
    let key = DbKey::generate().unwrap();
    let body = large_reply();
    let result = result_of(&body);
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("parse_and_store", |b| {
        b.iter_batched(
            // The reply as the HTTP client hands it over: received before the timing starts.
            || (fresh(&key, None), raw(&body)),
            |((dir, mut store, import_id), reply)| {
                let report = store.ingest_raw_reply(import_id, &reply).unwrap();
                assert_eq!(report.transactions, 100_000);
                (dir, store, reply)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("store", |b| {
        b.iter_batched(
            || fresh(&key, Some(b"<reply/>")),
            |(dir, mut store, import_id)| {
                store.ingest_import(import_id, &result).unwrap();
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    for (name, page_size) in [
        ("bare_insert", lupa_store::PAGE_SIZE),
        ("bare_insert_4k_pages", 4096),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let conn = bare_connection(&dir.path().join("bare.db"), &key, page_size);
                    (dir, conn)
                },
                |(dir, mut conn)| {
                    assert_eq!(bare_insert(&mut conn, &result), 100_000);
                    (dir, conn)
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.bench_function("schema_bare_insert", |b| {
        let accounts_only = CommandResult {
            accounts: result.accounts.as_ref().map(|accounts| {
                accounts
                    .iter()
                    .map(|account| lupa_kontomatik::model::Account {
                        money_transactions: Some(Vec::new()),
                        ..account.clone()
                    })
                    .collect()
            }),
            ..CommandResult::default()
        };
        b.iter_batched(
            || {
                let (dir, mut store, import_id) = fresh(&key, Some(b"<reply/>"));
                store.ingest_import(import_id, &accounts_only).unwrap();
                (dir, store, import_id)
            },
            |(dir, store, import_id)| {
                assert_eq!(schema_bare_insert(&store, import_id, &result), 100_000);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("index_search", |b| {
        b.iter_batched(
            || {
                let (dir, mut store, import_id) = fresh(&key, Some(b"<reply/>"));
                store.ingest_import(import_id, &result).unwrap();
                (dir, store)
            },
            |(dir, store)| {
                assert_eq!(store.index_search().unwrap(), 100_000);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("parse_and_bare_insert", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let conn =
                    bare_connection(&dir.path().join("bare.db"), &key, lupa_store::PAGE_SIZE);
                (dir, conn)
            },
            |(dir, mut conn)| {
                let result = result_of(&body);
                assert_eq!(bare_insert(&mut conn, &result), 100_000);
                (dir, conn)
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("reimport_same_reply", |b| {
        b.iter_batched(
            || {
                let (dir, mut store, first) = fresh(&key, Some(b"<reply/>"));
                store.ingest_import(first, &result).unwrap();
                let (_, second) = store
                    .create_case_and_import(&NewImport {
                        environment: Environment::Sandbox,
                        owner_external_id: "large",
                        target: "KontoBank",
                        session_id: Some("session-2"),
                        since: None,
                        flow: Flow::Default,
                    })
                    .unwrap();
                store.save_raw_reply(second, &raw(b"<reply/>")).unwrap();
                (dir, store, second)
            },
            |(dir, mut store, second)| {
                let report = store.ingest_import(second, &result).unwrap();
                assert_eq!(report.new_transactions, 0);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// The `large` persona stored in a fresh file: the state the query benchmarks read.
struct Loaded {
    _dir: TempDir,
    store: Store,
    case_id: CaseId,
    account: lupa_store::AccountId,
}

fn load_large() -> Loaded {
    let key = DbKey::generate().unwrap();
    let body = large_reply();
    let (dir, mut store, import_id) = fresh(&key, None);
    let report = store.ingest_raw_reply(import_id, &raw(&body)).unwrap();
    // What the app does at idle once the import is shown.
    store.index_search().unwrap();
    store.checkpoint().unwrap();
    let case_id = report.case_id;
    let account = store.case_overview(case_id).unwrap().accounts[0].account.id;
    Loaded {
        _dir: dir,
        store,
        case_id,
        account,
    }
}

fn queries(c: &mut Criterion) {
    // Loaded on first use, so filtering out these benchmarks skips the setup.
    let loaded: OnceCell<Loaded> = OnceCell::new();
    let state = || loaded.get_or_init(load_large);
    let mut group = c.benchmark_group("query");
    let page = |l: &Loaded| TxQuery {
        account_id: Some(l.account),
        from: Some(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()),
        to: Some(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()),
        max_amount: Some(Decimal::ZERO),
        sort: TxSort {
            key: TxSortKey::Amount,
            descending: false,
        },
        limit: 200,
        offset: 0,
        ..TxQuery::for_case(l.case_id)
    };
    group.bench_function("page_filtered_sorted", |b| {
        let l = state();
        let query = page(l);
        assert_eq!(l.store.transactions(&query).unwrap().len(), 200);
        b.iter(|| black_box(l.store.transactions(&query).unwrap()))
    });
    group.bench_function("count_filtered", |b| {
        let l = state();
        let query = page(l);
        b.iter(|| black_box(l.store.count_transactions(&query).unwrap()))
    });
    group.bench_function("page_by_date", |b| {
        let l = state();
        let query = TxQuery {
            min_amount: Some(Decimal::new(-10_000, 2)),
            ..TxQuery::for_case(l.case_id)
        };
        b.iter(|| black_box(l.store.transactions(&query).unwrap()))
    });
    group.bench_function("page_offset_99000", |b| {
        let l = state();
        let query = TxQuery {
            offset: 99_000,
            ..TxQuery::for_case(l.case_id)
        };
        b.iter(|| black_box(l.store.transactions(&query).unwrap()))
    });
    for (name, text, sort) in [
        ("fts", "biedronka", TxSortKey::Date),
        ("fts_common_amount_sorted", "karta", TxSortKey::Amount),
        ("fts_no_match", "nikt", TxSortKey::Date),
    ] {
        let printed = Cell::new(false);
        group.bench_function(name, |b| {
            let l = state();
            let query = TxQuery {
                text: Some(text.into()),
                sort: TxSort {
                    key: sort,
                    descending: true,
                },
                ..TxQuery::for_case(l.case_id)
            };
            if !printed.replace(true) {
                let matches = l.store.count_transactions(&query).unwrap();
                println!("{name}: {matches} matches");
            }
            b.iter(|| black_box(l.store.transactions(&query).unwrap()))
        });
    }
    group.finish();
}

const FIRST: &[&str] = &[
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krzysztof",
    "Piotr",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Marcin",
    "Łukasz",
    "Grażyna",
];
const LAST: &[&str] = &[
    "Nowak",
    "Kowalska",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamińska",
    "Lewandowski",
    "Zielińska",
    "Szymański",
    "Woźniak",
    "Dąbrowska",
    "Kozłowski",
    "Jankowska",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowska",
    "Grabowski",
    "Nowakowska",
    "Pawłowski",
    "Michalska",
];

fn ten_thousand_cases() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("lupa.db"), &DbKey::generate().unwrap()).unwrap();
    for index in 0..10_000usize {
        let owner = format!("owner-{index:05}");
        let (_, import_id) = store
            .create_case_and_import(&NewImport {
                environment: Environment::ALL[index % 3],
                owner_external_id: &owner,
                target: "KontoBank",
                session_id: None,
                since: None,
                flow: Flow::File,
            })
            .unwrap();
        store.save_raw_reply(import_id, &raw(b"<reply/>")).unwrap();
        let name = format!(
            "{} {}",
            FIRST[index % FIRST.len()],
            LAST[(index / FIRST.len()) % LAST.len()]
        );
        let accounts = (0..2)
            .map(|n| lupa_kontomatik::model::Account {
                iban: iban(index * 2 + n),
                currency_name: Some("PLN".into()),
                money_transactions: Some(Vec::new()),
                ..Default::default()
            })
            .collect();
        let result = CommandResult {
            owners: Some(vec![lupa_kontomatik::model::Owner {
                name,
                kind: Some("OWNER".into()),
                ..Default::default()
            }]),
            accounts: Some(accounts),
            ..CommandResult::default()
        };
        store.ingest_import(import_id, &result).unwrap();
    }
    (dir, store)
}

/// A deterministic, realistic-looking Polish IBAN (26 scattered digits).
fn iban(n: usize) -> String {
    let a = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) % 10_000_000_000_000;
    let b = (n as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F) % 10_000_000_000_000;
    format!("PL{a:013}{b:013}")
}

fn case_list(c: &mut Criterion) {
    // Part of case 4321's first IBAN, typed with spaces as on a statement.
    let digits = &iban(4321 * 2)[6..22];
    let iban_fragment = format!(
        "{} {} {} {}",
        &digits[..4],
        &digits[4..8],
        &digits[8..12],
        &digits[12..]
    );
    let loaded: OnceCell<(TempDir, Store)> = OnceCell::new();
    let store = || &loaded.get_or_init(ten_thousand_cases).1;
    let mut group = c.benchmark_group("cases");
    for (name, search) in [
        ("search_name", Some("kowalczyk")),
        ("search_iban", Some(iban_fragment.as_str())),
        ("search_no_match", Some("nikogo takiego")),
        ("first_page", None),
    ] {
        let printed = Cell::new(false);
        group.bench_function(name, |b| {
            let store = store();
            let query = CaseQuery {
                search: search.map(str::to_owned),
                limit: 100,
                ..CaseQuery::default()
            };
            if !printed.replace(true) {
                println!("{name}: {} cases", store.list_cases(&query).unwrap().len());
            }
            b.iter(|| black_box(store.list_cases(&query).unwrap()))
        });
    }
    group.finish();
}

/// Wall time and this process's CPU time (all threads, `/proc/self/stat`, 10 ms ticks) of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    fn cpu() -> Duration {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let ticks: u64 = after
            .split_whitespace()
            .skip(11)
            .take(2)
            .filter_map(|field| field.parse::<u64>().ok())
            .sum();
        Duration::from_millis(ticks * 10)
    }
    let (wall, cpu_before) = (Instant::now(), cpu());
    let value = f();
    (value, wall.elapsed(), cpu().saturating_sub(cpu_before))
}

/// `LUPA_STORE_RUNS=N`: no criterion, just `N` runs of the main ingest benchmarks with their wall
/// and CPU times and the best wall time of each (quick comparisons and profiling).
/// `LUPA_STORE_ONLY=name,name` picks some of `parse_and_store`, `store`, `index_search`,
/// `bare_insert`, `bare_insert_4k_pages`, `parse_and_bare_insert`.
fn quick(runs: usize) {
    let only = std::env::var("LUPA_STORE_ONLY").ok();
    let wanted = |name: &str| {
        only.as_deref()
            .is_none_or(|only| only.split(',').any(|n| n == name))
    };
    let key = DbKey::generate().unwrap();
    let body = large_reply();
    let result = result_of(&body);
    let report = |name: &str, times: &[(Duration, Duration)]| {
        for (wall, cpu) in times {
            println!(
                "{name:>21}: wall {:7.1} ms  cpu {:7.1} ms",
                ms(*wall),
                ms(*cpu)
            );
        }
        let best = times.iter().map(|(wall, _)| *wall).min().unwrap();
        println!("{name:>21}: best wall {:7.1} ms", ms(best));
    };
    if wanted("parse_and_store") {
        let times: Vec<_> = (0..runs)
            .map(|_| {
                let (dir, mut store, import_id) = fresh(&key, None);
                let reply = raw(&body);
                let (_, wall, cpu) = timed(|| store.ingest_raw_reply(import_id, &reply).unwrap());
                drop((store, dir, reply));
                (wall, cpu)
            })
            .collect();
        report("parse_and_store", &times);
    }
    if wanted("store") {
        let times: Vec<_> = (0..runs)
            .map(|_| {
                let (dir, mut store, import_id) = fresh(&key, Some(b"<reply/>"));
                let (_, wall, cpu) = timed(|| store.ingest_import(import_id, &result).unwrap());
                if std::env::var_os("LUPA_STORE_SIZES").is_some() {
                    print_sizes(&store, dir.path());
                }
                drop((store, dir));
                (wall, cpu)
            })
            .collect();
        report("store", &times);
    }
    if wanted("index_search") {
        let times: Vec<_> = (0..runs)
            .map(|_| {
                let (dir, mut store, import_id) = fresh(&key, Some(b"<reply/>"));
                store.ingest_import(import_id, &result).unwrap();
                let (_, wall, cpu) = timed(|| store.index_search().unwrap());
                drop((store, dir));
                (wall, cpu)
            })
            .collect();
        report("index_search", &times);
    }
    for (name, page_size) in [
        ("bare_insert", lupa_store::PAGE_SIZE),
        ("bare_insert_4k_pages", 4096),
    ] {
        if !wanted(name) {
            continue;
        }
        let times: Vec<_> = (0..runs)
            .map(|_| {
                let dir = tempfile::tempdir().unwrap();
                let mut conn = bare_connection(&dir.path().join("bare.db"), &key, page_size);
                let (_, wall, cpu) = timed(|| bare_insert(&mut conn, &result));
                drop((conn, dir));
                (wall, cpu)
            })
            .collect();
        report(name, &times);
    }
    if wanted("parse_and_bare_insert") {
        let times: Vec<_> = (0..runs)
            .map(|_| {
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join("bare.db");
                let mut conn = bare_connection(&path, &key, lupa_store::PAGE_SIZE);
                let (_, wall, cpu) = timed(|| bare_insert(&mut conn, &result_of(&body)));
                drop((conn, dir));
                (wall, cpu)
            })
            .collect();
        report("parse_and_bare_insert", &times);
    }
}

/// `LUPA_STORE_SIZES=1`: the bytes an ingest wrote, by table and index (`dbstat`), and the WAL.
fn print_sizes(store: &Store, dir: &Path) {
    let conn = store.connection();
    let mut stmt = conn
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12")
        .unwrap();
    let rows = stmt
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })
        .unwrap();
    for row in rows {
        let (name, bytes) = row.unwrap();
        println!("{name:>32}: {:6.2} MB", bytes as f64 / 1e6);
    }
    let wal = std::fs::metadata(dir.join("lupa.db-wal")).map_or(0, |m| m.len());
    println!("{:>32}: {:6.2} MB", "WAL", wal as f64 / 1e6);
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

criterion_group!(benches, ingest, queries, case_list);

fn main() {
    if let Some(runs) = std::env::var("LUPA_STORE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        quick(runs);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
