//! Parse throughput on a large default import: a deterministic 100 000-transaction reply (~70 MB)
//! built from the model with `write_reply`, with the field mix of the real capture (parties,
//! IBANs, kinds and labels present or absent in about the same proportions, Polish text, double
//! spaces). Measures `parse_reply` (the transaction list read in two halves on two threads), the
//! same on one thread and, as the ceiling, a bare quick-xml event scan of the same bytes. Run: `cargo bench -p lupa-kontomatik --bench parse`. Results: `docs/performance.md`.

use std::hint::black_box;
use std::str::FromStr;
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, NaiveDate, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lupa_kontomatik::model::{
    Account, Command, CommandResult, CommandState, Envelope, MoneyTransaction, Owner, Payload,
    Reply,
};
use lupa_kontomatik::xml::{Limits, WriteOptions, parse_reply, parse_reply_with, write_reply};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use rust_decimal::Decimal;

const TRANSACTIONS: usize = 100_000;

/// The parser with no list split in two.
const SEQUENTIAL: Limits = Limits {
    max_bytes: 512 * 1024 * 1024,
    max_depth: 64,
    split_lists_from: usize::MAX,
};

/// (title, party, partyIban, kind, labels), as in the capture.
type Template = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

const TEMPLATES: &[Template] = &[
    (
        "5QATW54J1O Oplata weryfikacyjna",
        None,
        Some("PL16156000132367053266830002"),
        Some("PRZELEW ZEWNĘTRZNY"),
        &["monthly", "verification"],
    ),
    (
        "Zwrot za Sylwestra",
        Some("Jan Kowalski Dunikowskiego 23B, 01-200 Warszawa"),
        Some("PL83130000002076700146310001"),
        Some("PRZELEW ZEWNĘTRZNY"),
        &[],
    ),
    (
        "WPLATA",
        None,
        None,
        Some("Wpłata gotówkowa w kasie"),
        &["cash deposit"],
    ),
    (
        "BILETOMAT BILET ZTM    Warszaw",
        Some("MENNICA AUTOMAT"),
        None,
        Some("MDS - płatność kartą - kraj"),
        &["public transport"],
    ),
    (
        "SWIAT PRASY GDYNIA",
        None,
        None,
        Some("TRANSAKCJA KARTĄ PŁATNICZĄ"),
        &["press", "leisure"],
    ),
    (
        "Płatność kartą",
        Some("LPP CROPP  GORNI PL"),
        None,
        None,
        &["apparel"],
    ),
    (
        "Wynagrodzenie za pracę",
        Some("LIDL POLSKA SP Z O O"),
        Some("PL48105000021572771618714189"),
        Some("PRZELEW PRZYCHODZĄCY"),
        &["compensation", "regular wage", "salary"],
    ),
    (
        "Usługi medyczne za okres 01/03/2015 do 31/03/2015",
        Some(
            "Medi-cover Sp. z o.o. Al. Jerozolimskie 95 00-807 Warszawa, Polska NIP: 525-14-77-607",
        ),
        Some("PL21105000995120006501512900"),
        Some("PRZELEW ZEWNĘTRZNY"),
        &["monthly", "healthcare"],
    ),
    (
        "BLIK WYPŁATA ATM KRAJOWY",
        None,
        None,
        Some("WYPŁATA Z BANKOMATU"),
        &["payment processor", "cash withdrawal"],
    ),
    (
        "WPŁATA DLA SERWISU DOTPAY M3931-3131 PIZZAPORTAL YHDFP PIZZAPORTAL.PL",
        Some("DOTPAY SPÓŁKA AKCYJNA UL.WIELICKA 72 30-552 KRAKÓW POLSKA"),
        None,
        Some("PRZELEW MTRANSFER WYCHODZACY"),
        &["payment processor", "food with delivery"],
    ),
];

/// A deterministic xorshift generator: the same reply on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn large_import() -> Vec<u8> {
    let mut rng = Rng(0x5eed_1a2b_3c4d_5e6f);
    let start = NaiveDate::from_ymd_opt(2023, 5, 22).expect("date");
    let mut balance = Decimal::from_str("259402.51").expect("decimal");
    let mut transactions = Vec::with_capacity(TRANSACTIONS);
    for i in 0..TRANSACTIONS {
        let (title, party, party_iban, kind, labels) =
            TEMPLATES[(rng.next() % TEMPLATES.len() as u64) as usize];
        let cents = (rng.next() % 500_000) as i64 - 250_000;
        let amount = Decimal::new(cents, 2);
        let on = start - Days::new((i / 3) as u64);
        transactions.push(MoneyTransaction {
            transaction_on: on,
            booked_on: Some(on + Days::new(1)),
            currency_amount: amount,
            currency_balance: Some(balance),
            title: Some(title.to_owned()),
            party: party.map(str::to_owned),
            party_iban: party_iban.map(str::to_owned),
            kind: kind.map(str::to_owned),
            status: Some("DONE".to_owned()),
            variable_symbol: None,
            constant_symbol: None,
            labels: (!labels.is_empty()).then(|| labels.iter().map(|l| (*l).to_owned()).collect()),
        });
        balance -= amount;
    }
    let owners = vec![
        Owner {
            name: "Tadeusz Krajowy".into(),
            kind: Some("CO_OWNER".into()),
            ..Owner::default()
        },
        Owner {
            name: "Maria Sochacka".into(),
            address: Some("Stolarska 15/2 33-543 Jaworzno".into()),
            kind: Some("OWNER".into()),
            ..Owner::default()
        },
    ];
    let reply = Reply {
        envelope: Envelope {
            schema_location: Some(
                "https://developer.kontomatik.com/schema/v1/default_import.xsd".into(),
            ),
            status: Some("200 OK".into()),
            user: Some("brsolutions-test".into()),
            owner_external_id: None,
            response_timestamp: DateTime::<Utc>::from_timestamp(1_684_827_770, 0),
        },
        payload: Payload::Command(Command {
            id: "455026009".into(),
            state: CommandState::Successful,
            name: "DefaultImportCommand".into(),
            target: Some("KontoBank".into()),
            institution: Some("KontoBank".into()),
            progress: Some(0),
            result: Some(CommandResult {
                owners: Some(owners.clone()),
                accounts: Some(vec![Account {
                    name: Some("Konto 0".into()),
                    friendly_name: Some("Konto".into()),
                    iban: "PL69137013140000049678278112".into(),
                    currency_balance: Some(Decimal::from_str("259402.51").expect("decimal")),
                    currency_funds_available: Some(
                        Decimal::from_str("259402.51").expect("decimal"),
                    ),
                    currency_name: Some("PLN".into()),
                    active_since_at_least: Some(start - Days::new((TRANSACTIONS / 3) as u64)),
                    direct_debit: Some(true),
                    money_transactions: Some(transactions),
                    owners: Some(owners),
                    ..Account::default()
                }]),
                ..CommandResult::default()
            }),
            exception: None,
        }),
    };
    write_reply(&reply, &WriteOptions::default()).into_bytes()
}

/// quick-xml's events over the input, doing nothing with them: the ceiling for any parser on it.
fn bare_scan(bytes: &[u8]) -> usize {
    let mut reader = Reader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(event) => {
                black_box(&event);
                events += 1;
            }
        }
    }
}

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`), else wall time: on a machine
/// shared with other builds it is much steadier than wall time.
fn cpu_time(wall: Instant) -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().next()?.parse().ok())
        .map_or_else(|| wall.elapsed(), Duration::from_nanos)
}

/// `LUPA_PARSE_RUNS=N`: no criterion, just the best CPU time of `N` runs of each, for quick
/// comparisons and profiling on a busy machine.
fn quick(bytes: &[u8], runs: usize) {
    let epoch = Instant::now();
    let best = |f: &dyn Fn()| {
        (0..runs.max(1))
            .map(|_| {
                let started = cpu_time(epoch);
                f();
                cpu_time(epoch).saturating_sub(started)
            })
            .min()
            .unwrap_or_default()
    };
    let mb = bytes.len() as f64 / 1e6;
    let parse = best(&|| drop(black_box(parse_reply(black_box(bytes)))));
    let mut kept = Vec::new();
    let no_drop = (0..runs.max(1))
        .map(|_| {
            let started = cpu_time(epoch);
            kept.push(black_box(parse_reply(black_box(bytes))));
            let time = cpu_time(epoch).saturating_sub(started);
            kept.clear();
            time
        })
        .min()
        .unwrap_or_default();
    eprintln!(
        "parse_reply without the drop: best {no_drop:?}, {:.0} MB/s",
        bytes.len() as f64 / 1e6 / no_drop.as_secs_f64()
    );
    // Wall time (the split parse's second thread is not in this thread's CPU time), the two
    // variants taking turns so that a slow minute hits both.
    let variants = [
        ("parse_reply", Limits::default()),
        ("sequential", SEQUENTIAL),
    ];
    let mut walls = [Vec::new(), Vec::new()];
    for _ in 0..runs.max(1) {
        for ((_, limits), walls) in variants.iter().zip(&mut walls) {
            let started = Instant::now();
            let reply = black_box(parse_reply_with(black_box(bytes), limits));
            let parsed = started.elapsed();
            drop(reply);
            walls.push((parsed, started.elapsed() - parsed));
        }
    }
    for ((name, _), walls) in variants.iter().zip(&mut walls) {
        walls.sort();
        let (best, best_drop) = walls[0];
        let (median, _) = walls[walls.len() / 2];
        eprintln!("{name}: wall best {best:?} (and {best_drop:?} to drop), median {median:?}");
    }
    let scan = best(&|| {
        black_box(bare_scan(black_box(bytes)));
    });
    for (name, time) in [("parse_reply", parse), ("quick_xml_scan", scan)] {
        eprintln!("{name}: best {time:?}, {:.0} MB/s", mb / time.as_secs_f64());
    }
    eprintln!(
        "ratio parse/scan: {:.2}",
        parse.as_secs_f64() / scan.as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    let bytes = large_import();
    if let Some(runs) = std::env::var("LUPA_PARSE_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        quick(&bytes, runs);
        return;
    }
    let reply = parse_reply(&bytes).expect("the generated reply parses");
    let Payload::Command(Command {
        result: Some(result),
        ..
    }) = &reply.payload
    else {
        panic!("not a command result")
    };
    let count = result
        .accounts
        .as_ref()
        .map_or(0, |a| a[0].money_transactions.as_ref().map_or(0, Vec::len));
    assert_eq!(count, TRANSACTIONS);
    eprintln!(
        "generated reply: {} bytes, {TRANSACTIONS} transactions",
        bytes.len()
    );

    let mut group = c.benchmark_group("default_import_100k");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
    // The reply is dropped inside the timing: freeing ~800 000 strings is part of the cost.
    group.bench_function("parse_reply", |b| b.iter(|| parse_reply(black_box(&bytes))));
    // The same on one thread: the transaction list not split in two halves.
    group.bench_function("parse_reply_sequential", |b| {
        b.iter(|| parse_reply_with(black_box(&bytes), &SEQUENTIAL))
    });
    // The same, with the reply dropped after the timing: the parsing alone.
    group.bench_function("parse_reply_without_drop", |b| {
        b.iter_batched(
            || (),
            |()| parse_reply(black_box(&bytes)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("quick_xml_scan", |b| {
        b.iter(|| bare_scan(black_box(&bytes)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
