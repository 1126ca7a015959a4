//! The CLI with its encrypted database: imports are stored, found, listed, exported, deduplicated
//! and diffed; a used session is refused before any network call; a wrong key changes nothing.

use std::path::Path;

use chrono::NaiveDate;
use lupa_sandbox::{RunningSandbox, SandboxConfig, personas};

use crate::support::{cli, lupa_cli, run, texts};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

async fn sandbox() -> RunningSandbox {
    lupa_sandbox::start(SandboxConfig {
        today: Some(today()),
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox on loopback")
}

fn link(sandbox: &RunningSandbox, login: &str, owner: &str) -> String {
    let minted = sandbox
        .mint_session(login, Some(owner), None)
        .expect("session");
    format!(
        "lupa://import?target={}&sessionId={}&sessionIdSignature={}&ownerExternalId={owner}",
        minted.session.target.unwrap_or_default(),
        minted.session.id,
        minted.session.signature
    )
}

async fn import(db: &Path, url: &str, session: &str) -> (bool, String, String) {
    cli(
        db,
        &[
            "import",
            "--base-url",
            url,
            "--session",
            session,
            "--since",
            "2025-01-01",
            "--poll-interval",
            "0.05",
            "--json",
        ],
    )
    .await
}

#[tokio::test]
async fn an_import_is_stored_listed_shown_searched_and_exported() {
    let sandbox = sandbox().await;
    let url = sandbox.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let (ok, stdout, stderr) = import(&db, &url, &link(&sandbox, "gambler", "wniosek-101")).await;
    assert!(ok, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let stored_total = report["summary"]["transactions"].as_u64().unwrap();
    assert_eq!(
        report["stored"]["newTransactions"].as_u64(),
        Some(stored_total),
        "all new at first"
    );

    let (ok, stdout, _) = cli(&db, &["cases", "--search", "Kowalczyk"]).await;
    assert!(
        ok && stdout.contains("wniosek-101"),
        "found by name: {stdout}"
    );
    let iban =
        &personas::generate(personas::find("gambler").unwrap(), 2026, today()).accounts[0].iban;
    let (_, stdout, _) = cli(&db, &["cases", "--search", &iban[4..14]]).await;
    assert!(
        stdout.contains("wniosek-101"),
        "found by part of an IBAN: {stdout}"
    );
    let (_, stdout, _) = cli(&db, &["cases", "--search", "nobody-like-this"]).await;
    assert!(!stdout.contains("wniosek-101"));

    let (ok, stdout, _) = cli(&db, &["show", "wniosek-101"]).await;
    assert!(
        ok && stdout.contains("Damian Kowalczyk") && stdout.contains(iban.as_str()),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{stored_total} transactions in all.")),
        "{stdout}"
    );

    let (ok, stdout, _) = cli(
        &db,
        &[
            "transactions",
            "wniosek-101",
            "--search",
            "STS",
            "--json",
            "--limit",
            "500",
        ],
    )
    .await;
    assert!(ok);
    let rows: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty(), "the gambler pays STS");
    assert!(rows.iter().all(|row| {
        let text = format!("{} {} {}", row["title"], row["party"], row["kind"]).to_lowercase();
        text.contains("sts")
    }));
    assert!(
        rows.iter().any(|row| row["category"] == "RISK_GAMBLING"),
        "stakes at STS are categorised as gambling, with their source"
    );
    assert!(
        rows.iter()
            .all(|row| row["category_source"].is_string() && row["flags"].is_object())
    );

    let csv_path = dir.path().join("tx.csv");
    let json_path = dir.path().join("case.json");
    let (ok, _, stderr) = cli(
        &db,
        &[
            "export",
            "wniosek-101",
            "--csv",
            csv_path.to_str().unwrap(),
            "--json",
            json_path.to_str().unwrap(),
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    assert_eq!(reader.headers().unwrap().get(4), Some("amount"));
    assert_eq!(
        reader.records().count() as u64,
        stored_total,
        "every transaction exported"
    );
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(
        case["transactions"].as_array().unwrap().len() as u64,
        stored_total
    );
}

#[tokio::test]
async fn the_same_applicant_twice_holds_one_copy_and_a_used_session_is_refused_offline() {
    let sandbox = sandbox().await;
    let url = sandbox.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let first = link(&sandbox, "pensioner", "wniosek-202");
    let (ok, stdout, stderr) = import(&db, &url, &first).await;
    assert!(ok, "{stderr}");
    let first_report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let total = first_report["summary"]["transactions"].as_u64().unwrap();

    let (ok, stdout, stderr) = import(&db, &url, &link(&sandbox, "pensioner", "wniosek-202")).await;
    assert!(ok, "{stderr}");
    let second: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        second["caseId"], first_report["caseId"],
        "same applicant, same case"
    );
    assert_eq!(second["stored"]["newTransactions"], 0, "nothing duplicated");
    let (_, stdout, _) = cli(&db, &["show", "wniosek-202"]).await;
    assert!(
        stdout.contains(&format!("{total} transactions in all.")),
        "{stdout}"
    );
    let (ok, stdout, _) = cli(&db, &["diff", "wniosek-202"]).await;
    assert!(
        ok && stdout.contains("new: 0") && stdout.contains("vanished: 0"),
        "{stdout}"
    );

    // The first session again, against a port nobody listens on: refused by the store, not the network.
    let closed = "http://127.0.0.1:9/";
    let (ok, _, stderr) = import(&db, closed, &first).await;
    assert!(!ok);
    assert!(stderr.contains("error [session_already_used]"), "{stderr}");
    assert!(stderr.contains("sign in to the bank again"), "{stderr}");
}

#[tokio::test]
async fn a_saved_capture_imports_from_a_file_and_a_wrong_key_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let capture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lupa-kontomatik/tests/fixtures/v1.command-reply.default-import.xml");
    let (ok, stdout, stderr) = cli(&db, &["import-file", capture.to_str().unwrap()]).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("72 transactions (72 new"), "{stdout}");
    // The final capture names no owner: the case is filed under the file's hash, shown as case 1.
    assert!(stdout.contains("in case 1:"), "{stdout}");
    let (_, stdout, _) = cli(&db, &["show", "1"]).await;
    assert!(
        stdout.contains("PL69137013140000049678278112") && stdout.contains("259402.51"),
        "{stdout}"
    );

    let before = std::fs::read(&db).unwrap();
    let mut wrong = lupa_cli(&["--db", db.to_str().unwrap(), "cases"]);
    wrong.env("LUPA_DB_KEY", "ff".repeat(32));
    let output = run(wrong, None).await;
    let (_, stderr) = texts(&output);
    assert!(!output.status.success());
    assert!(stderr.contains("error [wrong_database_key]"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database file is unchanged"
    );
}

#[tokio::test]
async fn a_stored_case_is_analysed_checked_and_charted() {
    let sandbox = sandbox().await;
    let url = sandbox.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let (ok, _, stderr) = import(&db, &url, &link(&sandbox, "bailiff", "wniosek-303")).await;
    assert!(ok, "{stderr}");

    let (ok, stdout, stderr) = cli(
        &db,
        &["metrics", "wniosek-303", "--as-of", "2026-11-20", "--json"],
    )
    .await;
    assert!(ok, "{stderr}");
    let metrics: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let pln = &metrics["currencies"][0];
    assert_eq!(pln["currency"], "PLN");
    let bailiff = pln["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "bailiff_events")
        .expect("bailiff_events is reported");
    assert!(
        !bailiff["transaction_ids"].as_array().unwrap().is_empty(),
        "bailiff events drill down to stored transactions: {bailiff}"
    );

    let (ok, stdout, _) = cli(&db, &["checklist", "wniosek-303", "--as-of", "2026-11-20"]).await;
    assert!(
        ok && stdout.contains("FAIL") && stdout.contains("no_bailiff"),
        "{stdout}"
    );

    for kind in ["balance", "cashflow", "categories", "income"] {
        let out = dir.path().join(format!("{kind}.svg"));
        let (ok, _, stderr) = cli(
            &db,
            &[
                "chart",
                "wniosek-303",
                kind,
                "--as-of",
                "2026-11-20",
                "--out",
                out.to_str().unwrap(),
            ],
        )
        .await;
        assert!(ok, "{kind}: {stderr}");
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.contains("data-empty=\"false\""),
            "{kind} has data"
        );
    }
}

#[tokio::test]
async fn an_analyst_override_wins_changes_the_metric_and_can_be_undone() {
    let sandbox = sandbox().await;
    let url = sandbox.url().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let (ok, _, stderr) = import(&db, &url, &link(&sandbox, "gambler", "wniosek-404")).await;
    assert!(ok, "{stderr}");
    let gambling_sum = |stdout: &str| -> String {
        let metrics: serde_json::Value = serde_json::from_str(stdout).unwrap();
        let list = metrics["currencies"][0]["metrics"]
            .as_array()
            .unwrap()
            .clone();
        let metric = list
            .into_iter()
            .find(|m| m["name"] == "gambling_out_sum_90d")
            .unwrap();
        metric["value"]["value"].as_str().unwrap().to_owned()
    };
    let (_, before, _) = cli(
        &db,
        &["metrics", "wniosek-404", "--as-of", "2026-11-20", "--json"],
    )
    .await;
    let (_, listing, _) = cli(
        &db,
        &[
            "transactions",
            "wniosek-404",
            "--search",
            "STS",
            "--from",
            "2026-09-01",
            "--json",
        ],
    )
    .await;
    let rows: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let stake = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|row| {
            row["category"] == "RISK_GAMBLING" && row["amount"].as_str().unwrap().starts_with('-')
        })
        .expect("a recent stake");
    let id = stake["id"].as_i64().unwrap().to_string();
    let amount: rust_decimal::Decimal = stake["amount"].as_str().unwrap().parse().unwrap();

    let (ok, _, stderr) = cli(&db, &["override", &id, "--category", "DISC_LEISURE"]).await;
    assert!(ok, "{stderr}");
    let (_, after, _) = cli(
        &db,
        &["metrics", "wniosek-404", "--as-of", "2026-11-20", "--json"],
    )
    .await;
    let before_sum: rust_decimal::Decimal = gambling_sum(&before).parse().unwrap();
    let after_sum: rust_decimal::Decimal = gambling_sum(&after).parse().unwrap();
    assert_eq!(
        after_sum,
        before_sum - amount.abs(),
        "the recategorised stake left the gambling total"
    );
    let (_, categorized, _) = cli(&db, &["categorize", "wniosek-404", "--json"]).await;
    let entries: serde_json::Value = serde_json::from_str(&categorized).unwrap();
    let entry = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["transaction_id"].as_i64() == stake["id"].as_i64())
        .unwrap();
    assert_eq!(entry["category"], "DISC_LEISURE");
    assert_eq!(
        entry["source"], "analyst",
        "the analyst wins and is recorded as the source"
    );

    let (ok, stdout, _) = cli(&db, &["override", &id, "--clear"]).await;
    assert!(ok && stdout.contains("Override removed."));
    let (_, undone, _) = cli(
        &db,
        &["metrics", "wniosek-404", "--as-of", "2026-11-20", "--json"],
    )
    .await;
    assert_eq!(
        gambling_sum(&undone),
        gambling_sum(&before),
        "clearing restores the metric"
    );
    let (ok, _, stderr) = cli(&db, &["override", &id, "--category", "NOT_A_CATEGORY"]).await;
    assert!(!ok && stderr.contains("not a category code"), "{stderr}");
}
