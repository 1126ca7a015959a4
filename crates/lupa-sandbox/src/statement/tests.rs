//! Tests of the statements: real PDFs rendered, inspected, read by lopdf and poppler, and
//! downloaded from a running sandbox.

use std::process::Command;

use chrono::NaiveDate;
use lupa_kontomatik::model::MoneyTransaction;

use super::layout::spaced_iban;
use super::*;
use crate::personas::{self, Generated};
use crate::{SandboxConfig, start};

const SEED: u64 = 2026;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn persona(id: &str) -> &'static PersonaSpec {
    personas::find(id).unwrap_or_else(|| panic!("persona {id}"))
}

fn spec(id: &str, variant: Variant) -> StatementSpec {
    StatementSpec {
        variant,
        ..StatementSpec::default_for(persona(id), today())
    }
}

/// One month only: enough for the tests that look at the document's form, not its data.
fn short(id: &str, variant: Variant) -> StatementSpec {
    StatementSpec {
        from: day(2026, 10, 1),
        ..spec(id, variant)
    }
}

fn generated(id: &str) -> Generated {
    personas::generate(persona(id), SEED, today())
}

/// The account's transactions in `from..=to`, newest first, straight from the generator.
fn expected(
    generated: &Generated,
    account: usize,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<MoneyTransaction> {
    generated.accounts[account]
        .money_transactions
        .clone()
        .unwrap_or_default()
        .into_iter()
        .filter(|tx| tx.transaction_on >= from && tx.transaction_on <= to)
        .collect()
}

fn parsed(verdict: Verdict) -> ParsedStatement {
    match verdict {
        Verdict::Parsed(statement) => statement,
        Verdict::Refused {
            problem,
            message,
            failed_verifications,
        } => panic!("refused as {problem:?}: {message} {failed_verifications:?}"),
    }
}

fn refused(verdict: &Verdict) -> (Problem, &str, &[(String, String)]) {
    match verdict {
        Verdict::Refused {
            problem,
            message,
            failed_verifications,
        } => (*problem, message.as_str(), failed_verifications.as_slice()),
        Verdict::Parsed(statement) => panic!("parsed: {}", statement.statement_id),
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .expect("poppler-utils' pdftotext is installed");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_default_period_is_the_three_whole_months_before_today() {
    let salaried = persona("salaried");
    let spec = StatementSpec::default_for(salaried, today());
    assert_eq!((spec.from, spec.to), (day(2026, 8, 1), day(2026, 10, 31)));
    assert_eq!(spec.account, 0);
    assert_eq!(spec.variant, Variant::Genuine);
    assert_eq!(
        file_name(&spec),
        "wyciag-salaried-2026-08-01-2026-10-31.pdf"
    );
    let january = StatementSpec::default_for(salaried, day(2026, 1, 1));
    assert_eq!(
        (january.from, january.to),
        (day(2025, 10, 1), day(2025, 12, 31))
    );
    let long = StatementSpec {
        from: day(2020, 1, 1),
        account: 1,
        variant: Variant::NotAPdf,
        ..spec
    };
    assert_eq!(long.period(), (day(2025, 11, 1), day(2026, 10, 31)));
    assert_eq!(
        file_name(&long),
        "wyciag-salaried-konto2-2025-11-01-2026-10-31-not-a-pdf.pdf"
    );
}

#[test]
fn variants_read_back_from_their_names() {
    for variant in Variant::ALL {
        assert_eq!(Variant::from_query(variant.as_str()), Some(variant));
    }
    assert_eq!(Variant::from_query("Not_A_PDF"), Some(Variant::NotAPdf));
    assert_eq!(Variant::from_query("forged"), None);
}

#[test]
fn genuine_statements_parse_back_to_the_bank_import_data() {
    for id in [
        "salaried",
        "gambler",
        "joint",
        "multi-currency",
        "self-employed",
    ] {
        let spec_persona = persona(id);
        let generated = personas::generate(spec_persona, SEED, today());
        for account in 0..generated.accounts.len() {
            let spec = StatementSpec {
                account,
                ..StatementSpec::default_for(spec_persona, today())
            };
            let pdf = render(&spec, SEED, today());
            let statement = parsed(inspect(&pdf, false));
            let want = expected(&generated, account, spec.from, spec.to);
            assert!(
                account > 0 || !want.is_empty(),
                "{id} account {account} has transactions"
            );
            let got = statement.account.money_transactions.clone().unwrap();
            assert_eq!(got.len(), want.len(), "{id} account {account}");
            for (got, want) in got.iter().zip(&want) {
                assert_eq!(got.transaction_on, want.transaction_on);
                assert_eq!(got.booked_on, want.booked_on);
                assert_eq!(got.currency_amount, want.currency_amount);
                assert_eq!(got.currency_amount.scale(), want.currency_amount.scale());
                assert_eq!(got.currency_balance, want.currency_balance);
                assert_eq!(got.title, want.title);
                assert_eq!(got.party, want.party);
                assert_eq!(got.party_iban, want.party_iban);
                assert_eq!(got.kind, want.kind);
                assert_eq!(got.status, want.status);
                assert_eq!(got, want);
            }
            let bank = &generated.accounts[account];
            assert_eq!(statement.account.iban, bank.iban);
            assert_eq!(statement.account.currency_name, bank.currency_name);
            if let Some(newest) = want.first() {
                assert_eq!(statement.account.currency_balance, newest.currency_balance);
            }
            assert_eq!(Some(statement.owners.clone()), bank.owners);
            assert!(statement.is_consistent);
            assert!(statement.failed_verifications.is_empty());
            assert_eq!((statement.from, statement.to), (spec.from, spec.to));
            assert!(statement.statement_id.len() >= 10);
            assert!(statement.statement_id.chars().all(|c| c.is_ascii_digit()));
            assert_eq!(
                parsed(inspect(&pdf, true)),
                statement,
                "same PDF, same data"
            );
        }
    }
}

#[test]
fn a_period_without_transactions_is_a_statement_too() {
    let thin = persona("thin");
    let spec = StatementSpec {
        from: day(2025, 1, 1),
        to: day(2025, 3, 31),
        ..StatementSpec::default_for(thin, today())
    };
    let pdf = render(&spec, SEED, today());
    let statement = parsed(inspect(&pdf, false));
    assert_eq!(statement.account.money_transactions, Some(Vec::new()));
    assert!(pdftotext(&pdf).contains("Brak operacji w wybranym okresie."));
    let tampered = render(
        &StatementSpec {
            variant: Variant::Tampered,
            ..spec
        },
        SEED,
        today(),
    );
    let verdict = inspect(&tampered, false);
    let (problem, _, failed) = refused(&verdict);
    assert_eq!(problem, Problem::Tampered);
    assert!(
        failed.iter().any(|(code, _)| code == "AMOUNT_CONSISTENCY"),
        "{failed:?}"
    );
}

#[test]
fn rendering_is_deterministic() {
    for variant in Variant::ALL {
        let spec = short("gambler", variant);
        let first = render(&spec, SEED, today());
        assert_eq!(first, render(&spec, SEED, today()), "{variant:?}");
        assert!(first.len() > 200, "{variant:?}");
    }
    let genuine = render(&short("gambler", Variant::Genuine), SEED, today());
    assert_ne!(
        genuine,
        render(&short("gambler", Variant::Genuine), SEED + 1, today())
    );
    let other = StatementSpec {
        from: day(2026, 10, 2),
        ..short("gambler", Variant::Genuine)
    };
    assert_ne!(genuine, render(&other, SEED, today()));
}

#[test]
fn every_variant_gets_kontomatiks_answer() {
    let expected = [
        (Variant::Tampered, Problem::Tampered),
        (Variant::History, Problem::Inconsistent),
        (Variant::UnsupportedLayout, Problem::UnsupportedLayout),
        (Variant::Corporate, Problem::CorporateAccount),
        (Variant::English, Problem::UnsupportedLanguage),
        (Variant::Scan, Problem::UnsupportedLayout),
        (Variant::Encrypted, Problem::Encrypted),
        (Variant::NotAPdf, Problem::NotAPdf),
    ];
    for (variant, problem) in expected {
        let pdf = render(&short("salaried", variant), SEED, today());
        let verdict = inspect(&pdf, false);
        let (got, message, failed) = refused(&verdict);
        assert_eq!(got, problem, "{variant:?}: {message}");
        assert!(!message.is_empty());
        assert_eq!(
            failed.is_empty(),
            variant != Variant::Tampered,
            "{variant:?}: {failed:?}"
        );
        if variant != Variant::History {
            assert!(
                matches!(inspect(&pdf, true), Verdict::Refused { .. }),
                "{variant:?}"
            );
        }
    }
    let genuine = render(&short("salaried", Variant::Genuine), SEED, today());
    assert!(matches!(inspect(&genuine, false), Verdict::Parsed(_)));
}

#[test]
fn a_tampered_statement_names_the_checks_it_fails() {
    let spec = spec("salaried", Variant::Tampered);
    let pdf = render(&spec, SEED, today());
    let verdict = inspect(&pdf, true);
    let (problem, _, failed) = refused(&verdict);
    assert_eq!(problem, Problem::Tampered);
    let codes: Vec<&str> = failed.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(
        codes,
        ["DIGITAL_SIGNATURE", "AMOUNT_CONSISTENCY", "METADATA"],
        "{failed:?}"
    );
    // The edited transaction is the period's largest amount; its date is named.
    let generated = generated("salaried");
    let largest = expected(&generated, 0, spec.from, spec.to)
        .into_iter()
        .rev()
        .max_by_key(|tx| tx.currency_amount)
        .unwrap();
    let words = &failed[1].1;
    assert!(
        words.contains(&format!(
            "the balance after the transaction of {} does not follow from its amount",
            largest.transaction_on
        )),
        "{words}"
    );
    assert!(
        words.contains("closing balance minus the opening balance"),
        "{words}"
    );
    // The edit shows in the text: the raised amount is printed, the genuine one is not.
    let text = pdftotext(&pdf);
    let raised = layout::amount(
        largest.currency_amount + rust_decimal::Decimal::new(200_000, 2),
        token::Lang::Pl,
    );
    assert!(text.contains(&raised), "{raised} in the edited text");
}

#[test]
fn an_account_history_needs_accept_inconsistent() {
    let spec = spec("joint", Variant::History);
    let pdf = render(&spec, SEED, today());
    let verdict = inspect(&pdf, false);
    let (problem, message, _) = refused(&verdict);
    assert_eq!(problem, Problem::Inconsistent);
    assert!(message.contains("acceptInconsistent"), "{message}");
    let history = parsed(inspect(&pdf, true));
    assert!(!history.is_consistent);
    assert_eq!(history.account.currency_balance, None);
    let want = expected(&generated("joint"), 0, spec.from, spec.to);
    let got = history.account.money_transactions.unwrap();
    assert_eq!(got.len(), want.len());
    for (got, want) in got.iter().zip(&want) {
        assert_eq!(got.currency_balance, None, "a history prints no balances");
        let want = MoneyTransaction {
            currency_balance: None,
            ..want.clone()
        };
        assert_eq!(*got, want);
    }
    let text = pdftotext(&pdf);
    assert!(text.contains("Historia rachunku"));
    assert!(!text.contains("Saldo po"), "no balance column");
    assert!(!text.contains("Saldo początkowe"), "no opening balance");
}

#[test]
fn a_changed_byte_never_passes_as_genuine() {
    let pdf = render(&short("salaried", Variant::Genuine), SEED, today());
    assert!(matches!(inspect(&pdf, false), Verdict::Parsed(_)));
    let mut positions: Vec<usize> = (1..40).map(|i| pdf.len() * i / 40).collect();
    positions.extend([0, 5, pdf.len() - 1]);
    // Inside the token: its MAC, its signature and the persona it names.
    for needle in [b"mac=".as_slice(), b"sig=", b"persona="] {
        let at = pdf.windows(needle.len()).position(|w| w == needle).unwrap();
        positions.push(at + needle.len() + 3);
    }
    for at in positions {
        let mut flipped = pdf.clone();
        flipped[at] ^= 0x01;
        let verdict = inspect(&flipped, false);
        assert!(
            !matches!(verdict, Verdict::Parsed(_)),
            "a flip at byte {at} of {} parsed as genuine",
            pdf.len()
        );
    }
}

#[test]
fn poppler_reads_the_owners_diacritics_and_the_iban() {
    let generated = generated("joint");
    let pdf = render(&spec("joint", Variant::Genuine), SEED, today());
    let text = pdftotext(&pdf);
    for name in [
        "Anna Dąbrowska",
        "Marek Dąbrowski",
        "Gdańsk",
        "Wyciąg z rachunku",
        "Pekao SA",
    ] {
        assert!(text.contains(name), "{name} in:\n{text}");
    }
    let iban = spaced_iban(&generated.accounts[0].iban);
    assert!(iban.starts_with("PL") && iban.len() == 34, "{iban}");
    assert!(text.contains(&iban), "{iban} in:\n{text}");
    // lopdf, which the MAC is computed over, reads the same words.
    let lopdf_text = check::page_text(&pdf).unwrap();
    assert!(lopdf_text.contains("Anna Dąbrowska") && lopdf_text.contains(&iban));
    // The metadata carries the bank's producer and the token.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let producer = lopdf::decode_text_string(info.get(b"Producer").unwrap()).unwrap();
    assert_eq!(producer, "Pekao SA e-Wyciąg (Lupa sandbox)");
    let keywords = lopdf::decode_text_string(info.get(b"Keywords").unwrap()).unwrap();
    assert!(keywords.starts_with("lupa-sandbox-statement/v1 persona=joint seed=2026 today=2026-11-20 account=0 from=2026-08-01 to=2026-10-31 kind=statement layout=standard holder=individual lang=pl mac="), "{keywords}");
}

#[test]
fn the_other_forms_are_what_they_claim() {
    let salaried = generated("salaried");
    let iban = spaced_iban(&salaried.accounts[0].iban);
    // Encrypted: the genuine statement behind the password.
    let encrypted = render(&short("salaried", Variant::Encrypted), SEED, today());
    let doc = lopdf::Document::load_mem_with_options(
        &encrypted,
        lopdf::LoadOptions::with_password(ENCRYPTION_PASSWORD),
    )
    .unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    assert!(doc.extract_text(&pages).unwrap().contains(&iban));
    // A scan: an image, no fonts, no text.
    let scan = render(&short("salaried", Variant::Scan), SEED, today());
    let doc = lopdf::Document::load_mem(&scan).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    assert!(doc.get_page_fonts(page).unwrap().is_empty());
    assert_eq!(doc.get_page_images(page).unwrap().len(), 1);
    assert!(pdftotext(&scan).trim().is_empty());
    // Not a PDF: text named .pdf.
    let text = render(&short("salaried", Variant::NotAPdf), SEED, today());
    assert!(!text.starts_with(b"%PDF"));
    assert!(String::from_utf8(text).unwrap().contains(&iban));
    // English and company statements are typeset, in their own words.
    let english = pdftotext(&render(&short("salaried", Variant::English), SEED, today()));
    assert!(english.contains("Account statement") && english.contains("Opening balance"));
    let company = pdftotext(&render(
        &short("salaried", Variant::Corporate),
        SEED,
        today(),
    ));
    assert!(
        company.contains("SOCHACKA CONSULTING SP. Z O.O."),
        "{company}"
    );
    let unknown = pdftotext(&render(
        &short("salaried", Variant::UnsupportedLayout),
        SEED,
        today(),
    ));
    assert!(unknown.contains("Zestawienie operacji") && unknown.contains("Uznania"));
    // Rubbish and an empty upload.
    assert_eq!(refused(&inspect(b"", false)).0, Problem::NotAPdf);
    assert_eq!(
        refused(&inspect(b"%PDF-1.7\nrubbish", false)).0,
        Problem::NotAPdf
    );
}

#[test]
fn a_pdf_from_elsewhere_has_an_unknown_layout() {
    let memo = lupa_memo::Memo {
        title: "Wyciąg z rachunku".into(),
        generated: "x".into(),
        blocks: vec![lupa_memo::Block::Paragraph(
            "Saldo początkowe 100,00".into(),
        )],
        ..lupa_memo::Memo::default()
    };
    let pdf = lupa_memo::render(&memo).unwrap();
    let verdict = inspect(&pdf, true);
    let (problem, message, _) = refused(&verdict);
    assert_eq!(problem, Problem::UnsupportedLayout);
    assert!(message.contains("layout"), "{message}");
}

#[tokio::test]
async fn the_sandbox_serves_statements_as_downloads() {
    let sandbox = start(SandboxConfig {
        today: Some(today()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let get = |path: &str| {
        let url = sandbox.url().join(path).unwrap();
        let client = client.clone();
        async move { client.get(url).send().await.unwrap() }
    };

    let page = get("").await.text().await.unwrap();
    assert!(page.contains("Wyciągi PDF"), "{page}");
    assert!(page.contains("href=\"/statements/joint.pdf\""), "{page}");
    assert!(
        page.contains("href=\"/statements/joint.pdf?variant=history\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"/statements/large.pdf?variant=not-a-pdf\""),
        "{page}"
    );

    let response = get("statements/joint.pdf").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"wyciag-joint-2026-08-01-2026-10-31.pdf\""
    );
    let body = response.bytes().await.unwrap();
    let spec = spec("joint", Variant::Genuine);
    assert_eq!(
        body.as_ref(),
        render(&spec, SandboxConfig::default().seed, today())
    );
    assert!(matches!(inspect(&body, false), Verdict::Parsed(_)));

    let response =
        get("statements/gambler.pdf?variant=tampered&from=2026-09-01&to=2026-09-30&account=0")
            .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"wyciag-gambler-2026-09-01-2026-09-30-tampered.pdf\""
    );
    let tampered = response.bytes().await.unwrap();
    assert_eq!(refused(&inspect(&tampered, false)).0, Problem::Tampered);

    let history = get("statements/salaried.pdf?variant=history&account=1").await;
    assert_eq!(history.status(), 200);
    let history = parsed(inspect(&history.bytes().await.unwrap(), true));
    assert_eq!(history.account.iban, generated("salaried").accounts[1].iban);

    assert_eq!(get("statements/nobody.pdf").await.status(), 404);
    assert_eq!(get("statements/salaried").await.status(), 404);
    assert_eq!(
        get("statements/salaried.pdf?account=99").await.status(),
        404
    );
    assert_eq!(
        get("statements/salaried.pdf?variant=forged").await.status(),
        400
    );
    assert_eq!(
        get("statements/salaried.pdf?from=yesterday").await.status(),
        400
    );
    assert_eq!(
        get("statements/salaried.pdf?from=2026-10-01&to=2026-09-01")
            .await
            .status(),
        400
    );
    sandbox.stop().await;
}
