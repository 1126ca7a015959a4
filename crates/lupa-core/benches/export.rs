//! Exports of the fixed 100 000-transaction persona (issue 7): the JSON case document, the CSV of
//! every transaction, and the PDF memo with its four charts, each from a loaded case model.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use lupa_core::export::files::export_bytes;
use lupa_core::export::{ExportFormat, ExportRequest};
use lupa_core::review::CaseModel;
use lupa_kontomatik::Environment;
use lupa_kontomatik::model::{Command, CommandResult, CommandState, Envelope, Payload, Reply};
use lupa_sandbox::personas::{find, generate};
use lupa_store::{DbKey, Store};

/// The benches' fixed as-of date (as in `common`).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

fn large_reply() -> Vec<u8> {
    let generated = generate(find("large").expect("persona"), 2026, today());
    let reply = Reply {
        envelope: Envelope {
            status: Some("200 OK".into()),
            owner_external_id: Some("bench-large".into()),
            ..Envelope::default()
        },
        payload: Payload::Command(Command {
            id: "1".into(),
            state: CommandState::Successful,
            name: "DefaultImportCommand".into(),
            target: Some("KontoBank".into()),
            institution: Some("KontoBank".into()),
            progress: Some(0),
            result: Some(CommandResult {
                owners: Some(generated.owners),
                accounts: Some(generated.accounts),
                ..CommandResult::default()
            }),
            exception: None,
        }),
    };
    lupa_kontomatik::xml::write_reply(&reply, &Default::default()).into_bytes()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut store = Store::open(
        &dir.path().join("bench.db"),
        &DbKey::generate().expect("key"),
    )
    .expect("store");
    let imported = store
        .ingest_file(Environment::Sandbox, &large_reply(), None)
        .expect("ingest");
    let case_id = imported.reports[0].case_id;
    let model = CaseModel::load(&store, case_id, today()).expect("model");
    assert_eq!(model.input.transactions.len(), 100_000);
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
    let mut group = c.benchmark_group("export_100k");
    group.sample_size(10);
    for (name, format) in [
        ("json", ExportFormat::Json),
        ("csv", ExportFormat::Csv),
        ("memo_pdf", ExportFormat::Pdf),
    ] {
        let request = ExportRequest {
            format,
            filter: None,
            redact: false,
            locale: "pl".into(),
        };
        group.bench_function(name, |b| {
            b.iter(|| export_bytes(&store, &model, &request, now).expect("export"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
