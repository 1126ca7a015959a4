//! A killed process loses nothing: `import-file` of the 100 000-transaction persona is killed
//! (SIGKILL) at several points; each time the case is complete or absent, nothing is orphaned,
//! the raw reply is kept, and `reingest` completes an import whose data was not yet derived.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;
use lupa_kontomatik::model::{Command, CommandResult, CommandState, Payload, Reply};
use lupa_kontomatik::xml::{WriteOptions, write_reply};
use lupa_sandbox::personas;
use lupa_store::{CaseQuery, DbKey, ImportState, Store};

use crate::support::{lupa_cli, run, texts};

const KEY: &str = "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf";
const TRANSACTIONS: i64 = 100_000;

fn large_reply(path: &Path) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let generated = personas::generate(personas::find("large").unwrap(), 2026, today);
    let reply = Reply {
        envelope: lupa_kontomatik::model::Envelope {
            status: Some("200 OK".into()),
            owner_external_id: Some("wniosek-crash".into()),
            ..Default::default()
        },
        payload: Payload::Command(Command {
            id: "900000001".into(),
            state: CommandState::Successful,
            name: "DefaultImportCommand".into(),
            target: Some("AliorApi".into()),
            institution: Some("Alior".into()),
            progress: Some(0),
            result: Some(CommandResult {
                owners: Some(generated.owners),
                accounts: Some(generated.accounts),
                ..CommandResult::default()
            }),
            exception: None,
        }),
    };
    std::fs::write(path, write_reply(&reply, &WriteOptions::default())).unwrap();
}

fn import_file(db: &Path, file: &Path) -> std::process::Command {
    let mut command = lupa_cli(&[
        "--db",
        db.to_str().unwrap(),
        "import-file",
        file.to_str().unwrap(),
    ]);
    command.env("LUPA_DB_KEY", KEY);
    command
}

/// What the killed run left: "absent", "whole" or "raw only" (then completed by reingest).
async fn inspect(db: &Path) -> &'static str {
    if !db.exists() {
        return "absent";
    }
    let key = DbKey::from_hex(KEY).unwrap();
    let store = Store::open(db, &key).expect("the database opens after a kill");
    assert_eq!(
        store.check_integrity().unwrap(),
        Vec::<String>::new(),
        "no orphans, FTS in sync"
    );
    let cases = store.list_cases(&CaseQuery::default()).unwrap();
    let Some(case) = cases.first() else {
        return "absent";
    };
    let overview = store.case_overview(case.case.id).unwrap();
    let Some(import) = overview.imports.first() else {
        return "absent";
    };
    match import.state {
        ImportState::Saved => {
            assert_eq!(
                overview.transactions, TRANSACTIONS,
                "a saved import is whole"
            );
            "whole"
        }
        _ => {
            assert_eq!(
                overview.transactions, 0,
                "an unsaved import has no derived rows"
            );
            let raw = store.import_raw_replies(import.id).unwrap();
            if raw.is_empty() {
                return "absent";
            }
            let id = import.id.0.to_string();
            drop(store);
            let mut reingest = lupa_cli(&["--db", db.to_str().unwrap(), "reingest", &id]);
            reingest.env("LUPA_DB_KEY", KEY);
            let output = run(reingest, None).await;
            assert!(output.status.success(), "reingest: {}", texts(&output).1);
            let store = Store::open(db, &key).unwrap();
            assert_eq!(
                store.case_overview(case.case.id).unwrap().transactions,
                TRANSACTIONS
            );
            assert!(store.check_integrity().unwrap().is_empty());
            "raw only"
        }
    }
}

#[tokio::test]
async fn killing_import_file_at_any_point_leaves_the_case_whole_or_absent() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.xml");
    large_reply(&file);

    // A full run tells how long an import takes on this machine.
    let full_db = dir.path().join("full.db");
    let started = Instant::now();
    let output = run(import_file(&full_db, &file), None).await;
    assert!(output.status.success(), "{}", texts(&output).1);
    let full = started.elapsed();
    assert_eq!(inspect(&full_db).await, "whole");

    let mut seen = Vec::new();
    for (step, fraction) in [0.1, 0.35, 0.6, 0.85].into_iter().enumerate() {
        let db = dir.path().join(format!("killed-{step}.db"));
        let mut child = import_file(&db, &file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        tokio::time::sleep(full.mul_f64(fraction)).await;
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        seen.push(inspect(&db).await);
    }
    eprintln!("full run {full:?}; after kills: {seen:?}");
    assert!(
        seen.iter().any(|s| *s != "whole"),
        "at least one kill landed before the end: {seen:?}"
    );
}
