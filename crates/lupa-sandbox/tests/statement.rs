//! The PDF Parsing API endpoints over real HTTP on 127.0.0.1, through `lupa-kontomatik`'s client
//! (the statement adapter) and, for malformed uploads, through plain reqwest: a genuine statement
//! of every persona parses back to its bank account; every document Kontomatik refuses comes back
//! as the refusal's exception; a wrong key is 401; the parser catalog lists the personas' banks;
//! the sandbox-wide faults reach uploads.

use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::client::{ClientConfig, StatementUpload};
use lupa_kontomatik::model::{Payload, Statement};
use lupa_kontomatik::protocol::StatementRefusal;
use lupa_kontomatik::protocol::statement::encode_pdf;
use lupa_kontomatik::xml::parse_reply;
use lupa_kontomatik::xml::shape::shape;
use lupa_kontomatik::{ApiKey, Client, Error};
use lupa_sandbox::personas::{self, PersonaSpec};
use lupa_sandbox::statement::{StatementSpec, Variant, render};
use lupa_sandbox::{Fault, RunningSandbox, SandboxConfig};

/// The last day of every history in these tests.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid date")
}

async fn sandbox_with(mut config: SandboxConfig) -> RunningSandbox {
    config.today = Some(today());
    lupa_sandbox::start(config)
        .await
        .expect("sandbox starts on loopback")
}

async fn sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig::default()).await
}

fn client_with_key(sandbox: &RunningSandbox, key: &str) -> Client {
    let mut config = ClientConfig::new(sandbox.url().clone()).with_api_key(ApiKey::new(key.into()));
    config.use_system_proxy = false;
    config.request_timeout = Duration::from_secs(30);
    Client::new(config).expect("client builds")
}

fn client(sandbox: &RunningSandbox) -> Client {
    client_with_key(sandbox, sandbox.api_key())
}

fn persona(id: &str) -> &'static PersonaSpec {
    personas::catalog()
        .iter()
        .find(|persona| persona.id == id)
        .unwrap_or_else(|| panic!("persona {id}"))
}

/// The sandbox's PDF of `persona` (default period, first account) in `variant`.
fn pdf(persona: &'static PersonaSpec, variant: Variant) -> Vec<u8> {
    let spec = StatementSpec {
        variant,
        ..StatementSpec::default_for(persona, today())
    };
    render(&spec, SandboxConfig::default().seed, today())
}

fn upload<'a>(pdf: &'a [u8], owner: Option<&'a str>, accept: bool) -> StatementUpload<'a> {
    StatementUpload {
        pdf,
        owner_external_id: owner,
        accept_inconsistent: accept,
    }
}

/// The refusal an error stands for, checking it is Kontomatik's 400 exception.
fn refusal_of(error: &Error) -> StatementRefusal {
    let Error::Kontomatik {
        exception,
        http_status,
        raw,
    } = error
    else {
        panic!("expected a Kontomatik exception, got {error:?}")
    };
    assert_eq!(*http_status, 400, "{error}");
    assert_eq!(raw.http_status, 400);
    StatementRefusal::from_exception(&exception.name)
        .unwrap_or_else(|| panic!("unknown exception {}", exception.name))
}

#[tokio::test]
async fn a_genuine_statement_parses_back_to_the_persona_account() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let salaried = persona("salaried");
    let document = pdf(salaried, Variant::Genuine);
    let parsed = client
        .parse_statement(&upload(&document, Some("case-17"), false))
        .await
        .expect("a genuine statement parses");
    let statement: &Statement = &parsed.value;
    assert!(!statement.id.is_empty());
    assert!(
        statement.id.bytes().all(|b| b.is_ascii_digit()),
        "{}",
        statement.id
    );
    assert_eq!(statement.is_consistent, Some(true));
    assert!(statement.failed_verifications.is_empty());
    assert!(statement.skipped.is_empty());
    assert!(!statement.owners.as_deref().unwrap().is_empty());
    let accounts = statement.accounts.as_deref().unwrap();
    assert_eq!(accounts.len(), 1);
    let generated = personas::generate(salaried, SandboxConfig::default().seed, today());
    assert_eq!(accounts[0].iban, generated.accounts[0].iban);
    assert!(
        !accounts[0]
            .money_transactions
            .as_deref()
            .unwrap()
            .is_empty(),
        "three months of transactions"
    );

    // The raw reply is kept, carries the owner id and has the constructed reply's shape.
    assert_eq!(parsed.raw.call, "POST /v1/statement.xml");
    assert_eq!(parsed.raw.http_status, 200);
    let reply = parse_reply(&parsed.raw.body).expect("raw reply parses");
    assert_eq!(reply.envelope.owner_external_id.as_deref(), Some("case-17"));
    assert_eq!(reply.envelope.status.as_deref(), Some("200 OK"));
    assert!(matches!(reply.payload, Payload::Statement(_)));
    let have = shape(&parsed.raw.body).unwrap();
    let want = shape(&constructed("statement-reply.xml")).unwrap();
    assert_eq!(
        have.get("reply").unwrap().attributes,
        want.get("reply").unwrap().attributes
    );
    assert_eq!(
        have.get("reply/statement").unwrap().attributes,
        want.get("reply/statement").unwrap().attributes
    );
    assert_eq!(
        have.get("reply/statement").unwrap().children,
        ["owners", "accounts"]
    );

    // The same document again is the same statement.
    let again = client
        .parse_statement(&upload(&document, None, false))
        .await
        .expect("parses again");
    assert_eq!(again.value.id, statement.id);
}

#[tokio::test]
async fn a_statement_of_every_persona_is_supported() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let catalog = client.parser_catalog("pl").await.expect("catalog").value;
    for persona in personas::catalog() {
        if persona.id == "large" {
            // 100 000 transactions: generating them is the slow part, not the statement.
            continue;
        }
        assert!(
            catalog.iter().any(|parser| parser.name == persona.target),
            "{}",
            persona.id
        );
        let document = pdf(persona, Variant::Genuine);
        let parsed = client
            .parse_statement(&upload(&document, None, false))
            .await
            .unwrap_or_else(|error| panic!("{}: {error:?}", persona.id));
        assert_eq!(parsed.value.is_consistent, Some(true), "{}", persona.id);
    }
}

#[tokio::test]
async fn every_refused_document_comes_back_as_its_refusal() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let salaried = persona("salaried");
    for (variant, expected) in [
        (Variant::Tampered, StatementRefusal::Tampered),
        (Variant::History, StatementRefusal::Inconsistent),
        (
            Variant::UnsupportedLayout,
            StatementRefusal::UnsupportedLayout,
        ),
        (Variant::Scan, StatementRefusal::UnsupportedLayout),
        (Variant::Corporate, StatementRefusal::CorporateAccount),
        (Variant::English, StatementRefusal::UnsupportedLanguage),
        (Variant::Encrypted, StatementRefusal::Encrypted),
        (Variant::NotAPdf, StatementRefusal::NotAPdf),
    ] {
        let document = pdf(salaried, variant);
        let error = client
            .parse_statement(&upload(&document, Some("case-17"), false))
            .await
            .expect_err(variant.as_str());
        assert_eq!(refusal_of(&error), expected, "{}", variant.as_str());
        let Error::Kontomatik { exception, raw, .. } = &error else {
            unreachable!()
        };
        assert!(exception.message.is_some(), "{}", variant.as_str());
        let text = String::from_utf8_lossy(&raw.body);
        assert!(
            !text.contains(&encode_pdf(&document)[..40]),
            "the reply never echoes the upload"
        );
        if expected == StatementRefusal::Tampered {
            assert!(
                !exception.failed_verifications.is_empty(),
                "a tampered statement names the checks it failed"
            );
            assert!(text.contains("<failedVerifications>"), "{text}");
        }
        let reply = parse_reply(&raw.body).unwrap();
        assert_eq!(reply.envelope.status.as_deref(), Some("400 Bad Request"));
        assert_eq!(reply.envelope.owner_external_id.as_deref(), Some("case-17"));
    }
}

#[tokio::test]
async fn a_history_passes_with_accept_inconsistent() {
    let sandbox = sandbox().await;
    let document = pdf(persona("salaried"), Variant::History);
    let parsed = client(&sandbox)
        .parse_statement(&upload(&document, None, true))
        .await
        .expect("accepted when inconsistent documents are");
    assert_eq!(parsed.value.is_consistent, Some(false));
    assert_eq!(parsed.value.accounts.as_deref().unwrap().len(), 1);
}

#[tokio::test]
async fn a_wrong_key_is_unauthorized() {
    let sandbox = sandbox().await;
    let document = pdf(persona("salaried"), Variant::Genuine);
    let client = client_with_key(&sandbox, "not-the-sandbox-key");
    let error = client
        .parse_statement(&upload(&document, None, false))
        .await
        .expect_err("401");
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
    let error = client.parser_catalog("pl").await.expect_err("401");
    assert!(matches!(error, Error::Unauthorized { .. }), "{error:?}");
}

#[tokio::test]
async fn the_parser_catalog_lists_polish_banks_only() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let catalog = client.parser_catalog("pl").await.expect("pl");
    let names: Vec<&str> = catalog.value.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(&names[..3], ["Alior", "Bgz", "Bos"]);
    assert_eq!(catalog.value[1].official_name.as_deref(), Some("BGŻ"));
    assert!(names.contains(&"KontoBank"));
    let reply = parse_reply(&catalog.raw.body).unwrap();
    assert!(matches!(reply.payload, Payload::ParserCatalog(_)));
    // The documented sample's shape (constructed fixture), in today's envelope: the sample
    // (2018 or older) has no `user` or `responseTimestamp`, like the other replies of its time.
    let have = shape(&catalog.raw.body).unwrap();
    let want = shape(&constructed("parser-catalog-reply.xml")).unwrap();
    let (have_reply, want_reply) = (have.get("reply").unwrap(), want.get("reply").unwrap());
    assert_eq!(have_reply.children, want_reply.children);
    assert_eq!(
        have_reply.attributes,
        [
            want_reply.attributes.as_slice(),
            &["user".into(), "responseTimestamp".into()]
        ]
        .concat()
    );
    assert_eq!(
        have.get("reply/target").unwrap(),
        want.get("reply/target").unwrap()
    );

    let german = client.parser_catalog("de").await.expect("de");
    assert!(german.value.is_empty());
}

/// Uploads through plain reqwest: what the client never sends.
#[tokio::test]
async fn malformed_uploads_are_refused_with_kontomatik_exceptions() {
    let sandbox = sandbox().await;
    let http = reqwest::Client::new();
    let url = format!("{}v1/statement.xml", sandbox.url());
    let post = |form: reqwest::multipart::Form| {
        http.post(&url)
            .header("X-Api-Key", sandbox.api_key())
            .multipart(form)
            .send()
    };
    let answer = |response: reqwest::Response| async move {
        let status = response.status().as_u16();
        let body = response.bytes().await.expect("body");
        let reply = parse_reply(&body).expect("an XML reply");
        let Payload::Exception(exception) = reply.payload else {
            panic!("expected an exception: {}", String::from_utf8_lossy(&body))
        };
        (status, exception.name)
    };
    let invalid_pdf = (400, "InvalidPdf".to_owned());

    let missing = reqwest::multipart::Form::new().text("acceptInconsistent", "false");
    assert_eq!(answer(post(missing).await.unwrap()).await, invalid_pdf);
    let not_base64 = reqwest::multipart::Form::new().text("pdfAsBase64", "%PDF-1.7 not base64!");
    assert_eq!(answer(post(not_base64).await.unwrap()).await, invalid_pdf);
    let bad_flag = reqwest::multipart::Form::new()
        .text("pdfAsBase64", encode_pdf(b"%PDF-1.7"))
        .text("acceptInconsistent", "maybe");
    assert_eq!(
        answer(post(bad_flag).await.unwrap()).await,
        (400, "InvalidParameter".to_owned())
    );
    let urlencoded = http
        .post(&url)
        .header("X-Api-Key", sandbox.api_key())
        .form(&[("pdfAsBase64", encode_pdf(b"%PDF-1.7"))])
        .send()
        .await
        .unwrap();
    assert_eq!(answer(urlencoded).await, invalid_pdf);

    // A file part and base64 wrapped in lines, as `base64 file | curl -F pdfAsBase64=@-` sends.
    let document = pdf(persona("salaried"), Variant::Genuine);
    let wrapped: String = encode_pdf(&document)
        .as_bytes()
        .chunks(76)
        .map(|line| format!("{}\n", String::from_utf8_lossy(line)))
        .collect();
    let part = reqwest::multipart::Part::text(wrapped).file_name("statement.b64");
    let response = post(reqwest::multipart::Form::new().part("pdfAsBase64", part))
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);

    // The key in the query is accepted as for every endpoint.
    let response = http
        .get(format!(
            "{}v1/parser-catalog.xml?country=pl&apiKey={}",
            sandbox.url(),
            sandbox.api_key()
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

#[tokio::test]
async fn sandbox_wide_faults_reach_uploads() {
    let document = pdf(persona("salaried"), Variant::Genuine);
    for (fault, code) in [
        (Fault::ConnectionReset, "transport"),
        (Fault::TruncatedXml, "protocol"),
        (Fault::MalformedXml, "protocol"),
    ] {
        let sandbox = sandbox_with(SandboxConfig {
            fault: Some(fault),
            ..SandboxConfig::default()
        })
        .await;
        let error = client(&sandbox)
            .parse_statement(&upload(&document, None, false))
            .await
            .expect_err(fault.as_str());
        assert_eq!(error.code(), code, "{fault}: {error:?}");
    }
    let sandbox = sandbox_with(SandboxConfig {
        fault: Some(Fault::Timeout),
        hang: Duration::from_millis(300),
        ..SandboxConfig::default()
    })
    .await;
    let started = std::time::Instant::now();
    client(&sandbox)
        .parse_statement(&upload(&document, None, false))
        .await
        .expect("a slow statement still parses");
    assert!(started.elapsed() >= Duration::from_millis(300));
}

/// A constructed fixture of lupa-kontomatik (NOT a capture).
fn constructed(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lupa-kontomatik/tests/fixtures/constructed")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
