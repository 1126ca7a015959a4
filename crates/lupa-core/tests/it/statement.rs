//! PDF statements (F-IMP-11) against the embedded sandbox over loopback: a persona's statement
//! downloaded from the widget stand-in becomes an import whose transactions are the bank
//! import's (deduplicated, every check passing); Kontomatik's refusals are recorded with their
//! reason and change no data; files Lupa refuses before sending change nothing at all.

use lupa_core::export::{ExportFormat, ExportRequest};
use lupa_core::statement::{PdfProblem, StatementVerdict};
use lupa_core::workbench::{IpcCode, IpcError, Workbench};
use lupa_store::{CaseId, CheckOutcome, ImportState, TxQuery};

use crate::support::{import, workbench};

async fn download(workbench: &Workbench, persona: &str, variant: &str) -> Vec<u8> {
    let base = workbench
        .app_info()
        .await
        .unwrap()
        .widget_url
        .expect("sandbox");
    let url = format!("{base}statements/{persona}.pdf?variant={variant}");
    let reply = reqwest::get(&url).await.unwrap();
    assert!(reply.status().is_success(), "{url}: {}", reply.status());
    reply.bytes().await.unwrap().to_vec()
}

/// Each account's IBAN and balance, as the case shows them.
fn balances(workbench: &Workbench, case_id: i64) -> Vec<(String, Option<rust_decimal::Decimal>)> {
    let store = workbench.open_store().unwrap();
    let overview = store.case_overview(CaseId(case_id)).unwrap();
    overview
        .accounts
        .iter()
        .map(|account| (account.account.iban.clone(), account.account.balance))
        .collect()
}

async fn export(workbench: &Workbench, case_id: i64, format: ExportFormat) -> Vec<u8> {
    let summary = workbench
        .export_case(
            case_id,
            ExportRequest {
                format,
                filter: None,
                redact: false,
                locale: "pl".into(),
            },
        )
        .await
        .unwrap();
    std::fs::read(&summary.path).unwrap()
}

fn counts(workbench: &Workbench, case_id: i64) -> (usize, i64) {
    let store = workbench.open_store().unwrap();
    let overview = store.case_overview(CaseId(case_id)).unwrap();
    (overview.imports.len(), overview.transactions)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persona_statement_matches_its_bank_import_and_bad_ones_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let workbench = workbench(dir.path(), "statement").await;
    let exports = dir.path().join("exports");
    workbench
        .set_export_dir(Some(exports.display().to_string()))
        .await
        .unwrap();
    let bank = import(&workbench, "test").await;
    let case_id = bank.case_id;
    let (imports_before, transactions_before) = counts(&workbench, case_id);
    let balances_before = balances(&workbench, case_id);

    // The genuine statement: parsed, verified, every transaction already known from the bank.
    let pdf = download(&workbench, "salaried", "genuine").await;
    let outcome = workbench
        .import_statement(case_id, "wyciąg.pdf".into(), pdf.clone(), false)
        .await
        .unwrap();
    assert_eq!(outcome.verdict, StatementVerdict::Imported, "{outcome:?}");
    let report = outcome.report.expect("counts");
    assert!(report.transactions > 20, "{report:?}");
    assert_eq!(
        report.new_transactions, 0,
        "deduplicated against the bank import"
    );
    assert_eq!(report.matched, report.transactions);
    let upload = &outcome.upload;
    assert_eq!(upload.file_name, "wyciąg.pdf");
    assert_eq!(upload.size, pdf.len() as u64);
    assert_eq!(upload.sha256.len(), 64);
    assert_eq!(upload.is_consistent, Some(true));
    assert!(upload.failed_verifications.is_empty());
    for check in &upload.checks {
        assert_eq!(check.outcome, CheckOutcome::Pass, "{check:?}");
    }
    assert_eq!(upload.checks.len(), 3);
    let (imports_after, transactions_after) = counts(&workbench, case_id);
    assert_eq!(imports_after, imports_before + 1);
    assert_eq!(transactions_after, transactions_before, "no duplicates");
    assert_eq!(
        balances(&workbench, case_id),
        balances_before,
        "an older statement does not overwrite the bank's current balances"
    );

    // The statement import's transactions are exactly the bank import's of that account and
    // period: the same stored rows.
    {
        let statement_import = upload.import_id;
        let mut store = workbench.open_store().unwrap();
        assert_eq!(
            store.import(statement_import).unwrap().state,
            ImportState::Saved
        );
        let ids = |store: &lupa_store::Store, query: TxQuery| -> Vec<i64> {
            let mut ids: Vec<i64> = store
                .transactions(&TxQuery {
                    limit: 100_000,
                    ..query
                })
                .unwrap()
                .iter()
                .map(|row| row.id.0)
                .collect();
            ids.sort_unstable();
            ids
        };
        let from_statement = ids(
            &store,
            TxQuery {
                import_id: Some(statement_import),
                ..TxQuery::for_case(CaseId(case_id))
            },
        );
        assert_eq!(from_statement.len(), report.transactions);
        let account = store
            .transactions(&TxQuery {
                import_id: Some(statement_import),
                limit: 1,
                ..TxQuery::for_case(CaseId(case_id))
            })
            .unwrap()[0]
            .account_id;
        let from_bank = ids(
            &store,
            TxQuery {
                import_id: Some(lupa_store::ImportId(bank.import_id)),
                account_id: account,
                from: upload.period_from,
                to: upload.period_to,
                ..TxQuery::for_case(CaseId(case_id))
            },
        );
        assert_eq!(from_statement, from_bank);
        // Re-deriving it from the stored raw reply gives the same counts.
        let again = store.reingest(statement_import).unwrap();
        assert_eq!(again.transactions, report.transactions);
        assert_eq!(again.new_transactions, 0);
    }

    // A tampered copy (one amount edited): refused with the reason, recorded, no data changed.
    let tampered = download(&workbench, "salaried", "tampered").await;
    let outcome = workbench
        .import_statement(case_id, "tampered.pdf".into(), tampered, false)
        .await
        .unwrap();
    assert_eq!(outcome.verdict, StatementVerdict::Refused);
    assert_eq!(outcome.refusal.as_deref(), Some("tampered"));
    assert!(
        !outcome.upload.failed_verifications.is_empty(),
        "{outcome:?}"
    );
    assert!(outcome.message.contains("altered"), "{}", outcome.message);
    {
        let store = workbench.open_store().unwrap();
        let import = store.import(outcome.upload.import_id).unwrap();
        assert_eq!(import.state, ImportState::Failed);
        assert_eq!(import.error_code.as_deref(), Some("tampered"));
        assert_eq!(
            store.import_raw_replies(import.id).unwrap().len(),
            1,
            "the refusal is evidence"
        );
    }
    assert_eq!(counts(&workbench, case_id).1, transactions_before);

    // An account history: refused as inconsistent unless accepted, then marked.
    let history = download(&workbench, "salaried", "history").await;
    let refused = workbench
        .import_statement(case_id, "historia.pdf".into(), history.clone(), false)
        .await
        .unwrap();
    assert_eq!(
        refused.refusal.as_deref(),
        Some("inconsistent"),
        "{refused:?}"
    );
    let accepted = workbench
        .import_statement(case_id, "historia.pdf".into(), history, true)
        .await
        .unwrap();
    assert_eq!(accepted.verdict, StatementVerdict::Imported, "{accepted:?}");
    assert_eq!(accepted.upload.is_consistent, Some(false));
    assert!(accepted.upload.accept_inconsistent);
    assert!(
        accepted.message.contains("inconsistent"),
        "{}",
        accepted.message
    );

    // Kontomatik's other refusals.
    for (variant, refusal) in [
        ("corporate", "corporate_account"),
        ("unsupported-layout", "unsupported_layout"),
        ("english", "unsupported_language"),
    ] {
        let pdf = download(&workbench, "salaried", variant).await;
        let outcome = workbench
            .import_statement(case_id, format!("{variant}.pdf"), pdf, false)
            .await
            .unwrap();
        assert_eq!(
            outcome.refusal.as_deref(),
            Some(refusal),
            "{variant}: {outcome:?}"
        );
    }

    // Files Lupa refuses before sending: nothing sent, nothing stored.
    let before = counts(&workbench, case_id);
    let mut huge = pdf.clone();
    huge.resize(50 * 1024 * 1024, b' ');
    for (name, bytes, problem) in [
        ("empty.pdf", Vec::new(), PdfProblem::Empty),
        ("huge.pdf", huge, PdfProblem::TooLarge),
        (
            "not.pdf",
            download(&workbench, "salaried", "not-a-pdf").await,
            PdfProblem::NotAPdf,
        ),
        (
            "locked.pdf",
            download(&workbench, "salaried", "encrypted").await,
            PdfProblem::Encrypted,
        ),
        (
            "scan.pdf",
            download(&workbench, "salaried", "scan").await,
            PdfProblem::NoTextLayer,
        ),
    ] {
        let error = workbench
            .import_statement(case_id, name.into(), bytes, false)
            .await
            .unwrap_err();
        let ipc = IpcError::from(&error);
        assert_eq!(ipc.code, IpcCode::BadPdf, "{name}: {ipc:?}");
        assert_eq!(
            ipc.detail,
            problem.code(),
            "the window can say which problem"
        );
        match &error {
            lupa_core::error::Error::BadPdf(rejected) => assert_eq!(rejected.problem, problem),
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(
        counts(&workbench, case_id),
        before,
        "bad files change nothing"
    );

    // The case view lists every statement with its evidence, oldest first.
    let view = workbench.case_overview(case_id).await.unwrap();
    let refusals: Vec<Option<&str>> = view
        .statements
        .iter()
        .map(|statement| statement.refusal.as_deref())
        .collect();
    assert_eq!(
        refusals,
        [
            None,
            Some("tampered"),
            Some("inconsistent"),
            None,
            Some("corporate_account"),
            Some("unsupported_layout"),
            Some("unsupported_language"),
        ]
    );

    // The exports carry the evidence: the JSON per import, the memo's appendix by SHA-256.
    let genuine_sha = view.statements[0].sha256.clone();
    let json = export(&workbench, case_id, ExportFormat::Json).await;
    let document: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let statements: Vec<&serde_json::Value> = document["imports"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|import| import.get("statement").filter(|s| !s.is_null()))
        .collect();
    assert_eq!(statements.len(), 7);
    assert_eq!(statements[0]["sha256"], genuine_sha.as_str());
    assert_eq!(statements[1]["refusal"], "tampered");
    let memo = export(&workbench, case_id, ExportFormat::Pdf).await;
    let memo_path = dir.path().join("memo.pdf");
    std::fs::write(&memo_path, memo).unwrap();
    let text = std::process::Command::new("pdftotext")
        .args([memo_path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout).replace(char::is_whitespace, "");
    assert!(text.contains("WyciągiPDF"), "appendix title");
    assert!(
        text.contains(&genuine_sha[..16]),
        "the PDF's SHA-256 in the appendix"
    );

    // A decided case takes no statement.
    workbench
        .record_decision(
            case_id,
            lupa_store::Decision::Approve,
            "ok".into(),
            "Ewa".into(),
        )
        .await
        .unwrap();
    let error = workbench
        .import_statement(case_id, "late.pdf".into(), pdf, false)
        .await
        .unwrap_err();
    assert_eq!(IpcError::from(&error).code, IpcCode::CaseDecided);
}
