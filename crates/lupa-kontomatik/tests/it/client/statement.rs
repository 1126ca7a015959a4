//! The statement adapter against the replay server: what the upload sends (multipart text fields,
//! the header, no PDF anywhere else), how the constructed replies are read, that a refusal is
//! Kontomatik's exception with its verifications and that nothing is repeated. The same calls
//! against the sandbox are in `lupa-sandbox`'s `tests/statement.rs`.

use std::collections::HashMap;

use axum::extract::{FromRequest, Multipart};
use lupa_kontomatik::Error;
use lupa_kontomatik::client::{ClientConfig, StatementApi, StatementUpload};
use lupa_kontomatik::protocol::StatementRefusal;
use lupa_kontomatik::protocol::statement::decode_pdf;

use super::check_texts;
use crate::replay::{Recorded, Replay, Step, client, fixture};

const STATEMENT_PATH: &str = "/v1/statement.xml";
const PARSER_CATALOG_PATH: &str = "/v1/parser-catalog.xml";

/// A small PDF-looking file with bytes that are not text.
const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n%%EOF\n";

fn upload(owner: Option<&'static str>, accept_inconsistent: bool) -> StatementUpload<'static> {
    StatementUpload {
        pdf: PDF,
        owner_external_id: owner,
        accept_inconsistent,
    }
}

/// The multipart fields of a recorded request: name → (value, whether it had a file name).
async fn multipart_fields(request: &Recorded) -> HashMap<String, (String, bool)> {
    let content_type = request.header("content-type").expect("content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let http = axum::http::Request::builder()
        .method("POST")
        .header("content-type", content_type)
        .body(axum::body::Body::from(request.body.clone()))
        .expect("request");
    let mut multipart = Multipart::from_request(http, &()).await.expect("multipart");
    let mut fields = HashMap::new();
    while let Some(field) = multipart.next_field().await.expect("field") {
        let name = field.name().expect("field name").to_owned();
        let has_file_name = field.file_name().is_some();
        let value = field.text().await.expect("text");
        assert!(fields.insert(name, (value, has_file_name)).is_none());
    }
    fields
}

#[tokio::test]
async fn the_upload_is_multipart_text_fields_with_the_key_header() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        STATEMENT_PATH,
        [Step::fixture(200, "constructed/statement-reply.xml")],
    );
    let client = client(&replay);
    let parsed = client
        .parse_statement(&upload(Some("LUPA-APP-123"), false))
        .await
        .expect("statement");
    assert_eq!(parsed.value.id, "12323423");
    assert_eq!(parsed.value.is_consistent, Some(true));
    assert_eq!(parsed.value.accounts.as_ref().unwrap().len(), 1);
    assert_eq!(parsed.raw.call, "POST /v1/statement.xml");
    assert_eq!(parsed.raw.http_status, 200);
    assert_eq!(parsed.raw.body, fixture("constructed/statement-reply.xml"));

    client
        .parse_statement(&upload(None, true))
        .await
        .expect("statement");
    let requests = replay.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.method, "POST");
        assert_eq!(request.query, None);
        assert!(request.has_api_key(), "X-Api-Key: {request:?}");
    }
    let first = multipart_fields(&requests[0]).await;
    let (base64, is_file) = &first["pdfAsBase64"];
    assert!(!is_file, "pdfAsBase64 is a text field, not a file part");
    assert!(!base64.contains(['\n', '\r', ' ']), "one line of base64");
    assert!(base64.ends_with('='), "padded standard base64: {base64}");
    assert_eq!(decode_pdf(base64).unwrap(), PDF);
    assert_eq!(first["acceptInconsistent"].0, "false");
    assert_eq!(first["ownerExternalId"].0, "LUPA-APP-123");
    assert_eq!(first.len(), 3);
    let second = multipart_fields(&requests[1]).await;
    assert_eq!(second["acceptInconsistent"].0, "true");
    assert!(!second.contains_key("ownerExternalId"));
    assert_eq!(second.len(), 2);
}

#[tokio::test]
async fn a_refusal_is_kontomatiks_exception_with_its_verifications() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        STATEMENT_PATH,
        [Step::fixture(
            400,
            "constructed/statement-refused-reply.xml",
        )],
    );
    let error = client(&replay)
        .parse_statement(&upload(None, false))
        .await
        .expect_err("refused");
    let shown = check_texts(&error);
    assert!(!shown.contains(&lupa_kontomatik::protocol::statement::encode_pdf(PDF)));
    let Error::Kontomatik {
        exception,
        http_status,
        raw,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*http_status, 400);
    assert_eq!(
        StatementRefusal::from_exception(&exception.name),
        Some(StatementRefusal::Tampered)
    );
    let names: Vec<&str> = exception
        .failed_verifications
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["AMOUNT_CONSISTENCY", "METADATA"]);
    assert_eq!(raw.body, fixture("constructed/statement-refused-reply.xml"));
    assert_eq!(replay.count("POST", STATEMENT_PATH), 1, "never repeated");
}

#[tokio::test]
async fn failures_are_not_retried() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        STATEMENT_PATH,
        [Step::html(503), Step::cut_connection()],
    );
    let client = client(&replay);
    let error = client
        .parse_statement(&upload(None, false))
        .await
        .expect_err("503");
    assert_eq!(error.code(), "retry_later", "{error:?}");
    assert_eq!(replay.count("POST", STATEMENT_PATH), 1);
    let error = client
        .parse_statement(&upload(None, false))
        .await
        .expect_err("cut");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(replay.count("POST", STATEMENT_PATH), 2);
    check_texts(&error);
}

#[tokio::test]
async fn a_reply_that_is_not_a_statement_is_a_protocol_error() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        STATEMENT_PATH,
        [Step::fixture(200, "v1.owner-scores-reply.xml")],
    );
    let error = client(&replay)
        .parse_statement(&upload(None, false))
        .await
        .expect_err("wrong payload");
    let Error::Protocol { message, raw, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains("expected <statement>"), "{message}");
    assert!(raw.is_some());
}

#[tokio::test]
async fn the_parser_catalog_is_asked_per_country() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        PARSER_CATALOG_PATH,
        [
            Step::fixture(200, "constructed/parser-catalog-reply.xml"),
            Step::xml(200, "<reply status=\"200 OK\"/>"),
        ],
    );
    let client = client(&replay);
    let catalog = client.parser_catalog("pl").await.expect("catalog");
    let names: Vec<&str> = catalog.value.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Alior", "Bgz", "Bos"]);
    assert_eq!(catalog.raw.call, "GET /v1/parser-catalog.xml");
    let empty = client.parser_catalog("de").await.expect("empty catalog");
    assert!(empty.value.is_empty());
    let requests = replay.requests();
    assert_eq!(requests[0].query.as_deref(), Some("country=pl"));
    assert_eq!(requests[1].query.as_deref(), Some("country=de"));
    assert!(requests.iter().all(Recorded::has_api_key));
}

#[test]
fn the_xml_api_is_the_default() {
    let config = ClientConfig::new("https://api.kontomatik.com".parse().unwrap());
    assert_eq!(config.statement_api, StatementApi::XmlV1);
    assert_eq!(StatementApi::default(), StatementApi::XmlV1);
}
