//! `lupa-cli score` and `lupa-cli export --pdf/--csv/--json` on a case imported from the sandbox
//! over loopback: the score ledger with its warnings, and the three documents.

use std::path::Path;

use crate::support::cli;

#[tokio::test]
async fn score_then_export_the_memo_csv_and_json() {
    let sandbox = lupa_sandbox::start(lupa_sandbox::SandboxConfig::default())
        .await
        .unwrap();
    let url = sandbox.url().to_string();
    let minted = sandbox
        .mint_session("pensioner", Some("wniosek-707"), None)
        .unwrap();
    let link = format!(
        "lupa://import?target={}&sessionId={}&sessionIdSignature={}&ownerExternalId=wniosek-707",
        minted.session.target.unwrap_or_default(),
        minted.session.id,
        minted.session.signature
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lupa.db");
    let (ok, _, stderr) = cli(
        &db,
        &[
            "import",
            "--base-url",
            &url,
            "--session",
            &link,
            "--poll-interval",
            "0.05",
        ],
    )
    .await;
    assert!(ok, "{stderr}");

    // The first request scores; the second is refused without --yes and sends nothing.
    let (ok, stdout, stderr) = cli(&db, &["score", "wniosek-707", "--base-url", &url]).await;
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("scored") && stdout.contains("ewa"),
        "{stdout}"
    );
    assert!(stdout.contains("model common-"), "{stdout}");
    let (ok, _, stderr) = cli(&db, &["score", "wniosek-707", "--base-url", &url]).await;
    assert!(!ok);
    assert!(stderr.contains("needs_confirmation"), "{stderr}");
    assert!(stderr.contains("already requested"), "{stderr}");
    let (ok, stdout, stderr) = cli(
        &db,
        &[
            "score",
            "wniosek-707",
            "--base-url",
            &url,
            "--yes",
            "--json",
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    let row: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(row["outcome"], "scored");
    let (ok, stdout, _) = cli(&db, &["score", "wniosek-707", "--status", "--json"]).await;
    assert!(ok);
    let status: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(status["ledger"].as_array().unwrap().len(), 2);

    // The three documents.
    let pdf = dir.path().join("memo.pdf");
    let csv_path = dir.path().join("tx.csv");
    let json_path = dir.path().join("case.json");
    let (ok, _, stderr) = cli(
        &db,
        &[
            "export",
            "wniosek-707",
            "--pdf",
            pdf.to_str().unwrap(),
            "--csv",
            csv_path.to_str().unwrap(),
            "--json",
            json_path.to_str().unwrap(),
            "--filter",
            r#"{"flag":"income"}"#,
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    assert!(stderr.contains("SHA-256"), "{stderr}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let case: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/case-export.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(jsonschema::is_valid(&schema, &case));
    assert_eq!(case["scores"].as_array().unwrap().len(), 2);
    let csv_bytes = std::fs::read(&csv_path).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let income_rows = reader.records().count();
    let all = case["transactions"].as_array().unwrap();
    let income_in_json = all
        .iter()
        .filter(|tx| tx["includeInIncome"] == true)
        .count();
    assert!(income_rows > 0 && income_rows < all.len(), "{income_rows}");
    assert_eq!(income_rows, income_in_json, "the CSV is the filtered view");

    let (ok, _, stderr) = cli(&db, &["export", "wniosek-707", "--filter", "{}"]).await;
    assert!(!ok && stderr.contains("--pdf FILE"), "{stderr}");
    sandbox.stop().await;
}
