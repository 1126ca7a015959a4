//! `lupa-cli statement-pdf` and `lupa-cli import-pdf` (F-IMP-11) on a case imported from the
//! sandbox over loopback: the persona's statement matches its bank import, a tampered copy and an
//! account history are refused (the latter accepted on request), a bad file changes nothing.

use crate::support::cli;

#[tokio::test]
async fn a_statement_pdf_imports_beside_the_bank_import() {
    let sandbox = lupa_sandbox::start(lupa_sandbox::SandboxConfig::default())
        .await
        .unwrap();
    let url = sandbox.url().to_string();
    let minted = sandbox
        .mint_session("pensioner", Some("wniosek-808"), None)
        .unwrap();
    let link = format!(
        "lupa://import?target={}&sessionId={}&sessionIdSignature={}&ownerExternalId=wniosek-808",
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
    // The parser catalog lists the persona's bank.
    let (ok, stdout, stderr) = cli(&db, &["catalog", "--pdf", "--base-url", &url]).await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("Alior Bank"), "{stdout}");
    assert!(stderr.contains("statement parsers for pl"), "{stderr}");

    let pdf = |variant: &str| dir.path().join(format!("{variant}.pdf"));
    for variant in ["genuine", "tampered", "history"] {
        let out = pdf(variant);
        let (ok, _, stderr) = cli(
            &db,
            &[
                "statement-pdf",
                "pensioner",
                "--variant",
                variant,
                "--out",
                out.to_str().unwrap(),
            ],
        )
        .await;
        assert!(ok, "{stderr}");
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    }

    let (ok, stdout, stderr) = cli(
        &db,
        &[
            "import-pdf",
            "wniosek-808",
            pdf("genuine").to_str().unwrap(),
            "--base-url",
            &url,
            "--json",
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    let outcome: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(outcome["verdict"], "imported", "{outcome}");
    assert_eq!(outcome["report"]["newTransactions"], 0, "{outcome}");
    assert!(
        outcome["report"]["transactions"].as_u64().unwrap() > 5,
        "{outcome}"
    );
    for check in outcome["upload"]["checks"].as_array().unwrap() {
        assert_eq!(check["outcome"], "pass", "{check}");
    }

    let (ok, stdout, stderr) = cli(
        &db,
        &[
            "import-pdf",
            "wniosek-808",
            pdf("tampered").to_str().unwrap(),
            "--base-url",
            &url,
        ],
    )
    .await;
    assert!(!ok);
    assert!(
        stdout.contains("REFUSED") && stdout.contains("altered"),
        "{stdout}"
    );
    assert!(stdout.contains("failed verification"), "{stdout}");
    assert!(stderr.contains("refused"), "{stderr}");

    let history = pdf("history");
    let (ok, _, stderr) = cli(
        &db,
        &[
            "import-pdf",
            "wniosek-808",
            history.to_str().unwrap(),
            "--base-url",
            &url,
        ],
    )
    .await;
    assert!(!ok);
    assert!(stderr.contains("--accept-inconsistent"), "{stderr}");
    let (ok, stdout, stderr) = cli(
        &db,
        &[
            "import-pdf",
            "wniosek-808",
            history.to_str().unwrap(),
            "--base-url",
            &url,
            "--accept-inconsistent",
        ],
    )
    .await;
    assert!(ok, "{stderr}");
    assert!(stdout.contains("inconsistent (accepted)"), "{stdout}");

    // A bad file is refused before anything is sent or stored.
    let (_, before, _) = cli(&db, &["show", "wniosek-808", "--json"]).await;
    let empty = dir.path().join("empty.pdf");
    std::fs::write(&empty, b"").unwrap();
    let (ok, _, stderr) = cli(
        &db,
        &[
            "import-pdf",
            "wniosek-808",
            empty.to_str().unwrap(),
            "--base-url",
            &url,
        ],
    )
    .await;
    assert!(!ok);
    assert!(
        stderr.contains("bad_pdf") && stderr.contains("empty"),
        "{stderr}"
    );
    let (_, after, _) = cli(&db, &["show", "wniosek-808", "--json"]).await;
    assert_eq!(before, after, "nothing changed");
}
