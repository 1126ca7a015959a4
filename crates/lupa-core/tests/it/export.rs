//! Exports (F-EXP-1..3) of a sandbox case imported into a real database: the JSON round-trips and
//! validates against the committed schema, the CSV round-trips a filtered view, redaction leaves
//! no name or IBAN, and the memo's text (pdftotext) holds the key figures with Polish diacritics.

use std::path::Path;
use std::process::Command;

use lupa_core::export::{CaseDocument, ExportFormat, ExportRequest, case_document_schema};
use lupa_core::review::{TxFilter, TxFlag};

use crate::support::{import, workbench};

fn schema_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/case-export.schema.json")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = case_document_schema();
    if std::env::var_os("LUPA_BLESS").is_some() {
        std::fs::write(schema_path(), &generated).unwrap();
    }
    let committed = std::fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/case-export.schema.json is stale: run `LUPA_BLESS=1 cargo test -p lupa-core schema`"
    );
}

fn pdftotext(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs: install poppler-utils (scripts/setup.sh does)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_csv_and_memo_of_a_joint_case() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    let workbench = workbench(dir.path(), "export").await;
    let saved = import(&workbench, "joint").await;
    let case_id = saved.case_id;
    workbench
        .request_score(case_id, "Ewa Analityk".into(), false)
        .await
        .unwrap();
    let page = workbench
        .review_transactions(case_id, TxFilter::default(), 0, 5)
        .await
        .unwrap();
    workbench
        .edit_transactions(
            case_id,
            vec![page.rows[0].id],
            lupa_core::review::Edit::Comment {
                comment: Some("Sprawdzić źródło wpływu".into()),
            },
        )
        .await
        .unwrap();

    let export = |format, filter, redact, locale: &str| {
        let request = ExportRequest {
            format,
            filter,
            redact,
            locale: locale.to_owned(),
        };
        let workbench = &workbench;
        let exports = exports.clone();
        async move {
            let summary = workbench.export_case(case_id, request).await.unwrap();
            let path = std::path::PathBuf::from(&summary.path);
            assert_eq!(path.parent(), Some(exports.as_path()), "{summary:?}");
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(bytes.len() as u64, summary.bytes);
            (summary, bytes)
        }
    };
    workbench
        .set_export_dir(Some(exports.display().to_string()))
        .await
        .unwrap();

    // JSON: parses back into the same document, validates against the committed schema.
    let (summary, bytes) = export(ExportFormat::Json, None, false, "pl").await;
    let document: CaseDocument = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(document.format, "lupa-case-export");
    assert_eq!(document.transactions.len() as u32, summary.transactions);
    assert_eq!(document.transactions.len() as u32, page.total);
    let reserialised = serde_json::to_vec_pretty(&document).unwrap();
    assert_eq!(&bytes[..bytes.len() - 1], reserialised.as_slice());
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let instance: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut broken = instance.clone();
    broken["transactions"][0]["amount"] = serde_json::json!("12,30");
    assert!(!validator.is_valid(&broken), "the schema checks amounts");
    assert!(
        document.accounts.iter().any(|a| a.co_owned),
        "joint account"
    );
    assert_eq!(document.scores[0].outcome, "scored");
    assert!(
        document
            .imports
            .iter()
            .flat_map(|i| &i.raw_replies)
            .all(|r| r.sha256.len() == 64)
    );
    let commented = document
        .transactions
        .iter()
        .find(|t| t.id == page.rows[0].id)
        .unwrap();
    assert_eq!(
        commented.comment.as_deref(),
        Some("Sprawdzić źródło wpływu")
    );
    let ibans: Vec<String> = document.accounts.iter().map(|a| a.iban.clone()).collect();
    let owner = document.owners[0].name.clone();
    assert!(owner.contains("Dąbrowska"), "{owner}");

    // CSV of a filtered view: exactly that view's rows, in its order, with the stored values.
    let filter = TxFilter {
        flag: Some(TxFlag::Income),
        ..TxFilter::default()
    };
    let view = workbench
        .review_transactions(case_id, filter.clone(), 0, 10_000)
        .await
        .unwrap();
    let (summary, bytes) = export(ExportFormat::Csv, Some(filter), false, "pl").await;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "id");
    assert_eq!(header[4], "amount");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len() as u32, view.total);
    assert_eq!(summary.transactions, view.total);
    for (record, row) in records.iter().zip(&view.rows) {
        assert_eq!(record[0].parse::<i64>().unwrap(), row.id);
        assert_eq!(record[4], format!("{:.2}", row.amount));
        assert_eq!(record[7], row.title.clone().unwrap_or_default());
        assert_eq!(record[13], row.category);
    }

    // Redaction: no account IBAN and no owner name in the JSON or CSV.
    let (_, redacted_json) = export(ExportFormat::Json, None, true, "pl").await;
    let (_, redacted_csv) = export(ExportFormat::Csv, None, true, "pl").await;
    for bytes in [&redacted_json, &redacted_csv] {
        let text = String::from_utf8_lossy(bytes);
        for iban in &ibans {
            assert!(!text.contains(iban.as_str()), "IBAN {iban} leaked");
        }
        if let Some(at) = text.find("Dąbrowska") {
            panic!(
                "name leaked: {}",
                &text[at.saturating_sub(100)..(at + 200).min(text.len())]
            );
        }
    }

    // The memo: key figures and Polish names with diacritics.
    let (_, pdf) = export(ExportFormat::Pdf, None, false, "pl").await;
    assert!(pdf.starts_with(b"%PDF-"));
    let memo = dir.path().join("memo.pdf");
    std::fs::write(&memo, &pdf).unwrap();
    let text = pdftotext(&memo);
    for needle in [
        "Notatka kredytowa",
        "Anna Dąbrowska",
        "Wnioskodawca",
        "Rachunki i pokrycie",
        "Dochody",
        "Sygnały ryzyka",
        "Lista kontrolna",
        "Kontomatik Score",
        "Sprawdzić źródło wpływu",
        "Załącznik: dowody",
    ] {
        assert!(text.contains(needle), "memo lacks {needle:?}:\n{text}");
    }
    for iban in &ibans {
        // Grouped by four and wrapped in its column: the first line holds the first 16.
        let first_line = grouped(iban).chars().take(19).collect::<String>();
        assert!(text.contains(&first_line), "memo lists {iban}:\n{text}");
    }
    let sha = &document.imports[0].raw_replies[0].sha256;
    for group in sha.as_bytes().chunks(8) {
        let group = std::str::from_utf8(group).unwrap();
        assert!(
            text.contains(group),
            "the evidence appendix lists the raw reply's SHA-256 ({sha}):\n{text}"
        );
    }
    if let Some(dir) = std::env::var_os("LUPA_MEMO_PNG_DIR") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&memo, Path::new(&dir).join("case-memo.pdf")).unwrap();
    }

    // The redacted memo in English hides names and IBANs.
    let (_, pdf) = export(ExportFormat::Pdf, None, true, "en").await;
    std::fs::write(&memo, &pdf).unwrap();
    let text = pdftotext(&memo);
    assert!(text.contains("Credit memo"), "{text}");
    assert!(!text.contains("Dąbrowska"));
    for iban in &ibans {
        let digits = grouped(iban).chars().skip(5).take(14).collect::<String>();
        assert!(!text.contains(&digits), "IBAN {iban} in the redacted memo");
    }
}

fn grouped(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}
