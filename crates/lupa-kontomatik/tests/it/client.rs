//! The HTTP client against the replay server on 127.0.0.1: what it sends (header, form, query,
//! gzip) and what it reads from the real captures; [`failures`] checks how every failure is
//! classified.

mod failures;
mod limits;
mod statement;

use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::Error;
use lupa_kontomatik::model::CommandState;
use rust_decimal::Decimal;

use crate::replay::{
    COMMAND_ID, Replay, START_PATH, Step, assert_no_secret, client, client_for, exception_reply,
    fixture, session,
};

const CATALOG_PATH: &str = "/v1/command-catalog.xml";

fn since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2021, 5, 23).unwrap()
}

/// Display, Debug, advice and code of an error, checked for secrets.
fn check_texts(error: &Error) -> String {
    let shown = format!(
        "{error} | {error:?} | {} | {}",
        error.advice(),
        error.code()
    );
    assert_no_secret(&shown);
    if let Some(raw) = error.raw() {
        assert_no_secret(&String::from_utf8_lossy(&raw.body));
    }
    shown
}

#[tokio::test]
async fn catalog_parses_the_capture_plain_and_gzip() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        CATALOG_PATH,
        [
            Step::fixture(200, "v1.commands-catalog-reply.xml"),
            Step::fixture(200, "v1.commands-catalog-reply.xml").gzip(),
        ],
    );
    let client = client(&replay);
    for _ in 0..2 {
        let catalog = client.catalog().await.expect("catalog");
        assert_eq!(catalog.value.len(), 113);
        assert!(catalog.value.iter().any(|t| t.name == "KontoBank"));
        assert_eq!(catalog.raw.body, fixture("v1.commands-catalog-reply.xml"));
        assert_eq!(catalog.raw.http_status, 200);
        assert_eq!(catalog.raw.call, "GET /v1/command-catalog.xml");
    }
    let requests = replay.requests();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(request.method, "GET");
        assert!(
            request.has_api_key(),
            "X-Api-Key missing or wrong: {request:?}"
        );
        let encoding = request.header("accept-encoding").unwrap_or_default();
        assert!(encoding.contains("gzip"), "Accept-Encoding: {encoding}");
        assert!(
            request
                .header("user-agent")
                .unwrap_or_default()
                .starts_with("Lupa/")
        );
    }
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        "/kontomatik/v1/command-catalog.xml",
        [Step::fixture(200, "v1.commands-catalog-reply.xml")],
    );
    let base = replay.url().join("kontomatik/").unwrap();
    let client = client_for(base, Duration::from_secs(5));
    assert_eq!(client.catalog().await.expect("catalog").value.len(), 113);
    let base = replay.url().join("kontomatik").unwrap();
    let client = client_for(base, Duration::from_secs(5));
    assert_eq!(client.catalog().await.expect("catalog").value.len(), 113);
}

#[tokio::test]
async fn start_sends_the_session_as_a_form_and_reads_the_202_capture() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        START_PATH,
        [Step::fixture(202, "v1.default-import-reply.xml")],
    );
    let started = client(&replay)
        .start_default_import(&session(), since())
        .await
        .expect("202");
    assert_eq!(started.value.command.id, COMMAND_ID);
    assert_eq!(started.value.command.state, CommandState::Setup);
    assert_eq!(started.value.command.name, "DefaultImportCommand");
    assert_eq!(
        started.value.owner_external_id.as_deref(),
        Some("kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27")
    );
    assert_eq!(started.raw.http_status, 202);
    assert_eq!(started.raw.call, "POST /v1/command/default-import.xml");
    assert_eq!(started.raw.body, fixture("v1.default-import-reply.xml"));

    let requests = replay.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert!(
        request.has_api_key(),
        "X-Api-Key missing or wrong: {request:?}"
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.query, None);
    assert!(
        request.has_session_form(),
        "session form missing or wrong: {request:?}"
    );
    let form = request.form();
    assert_eq!(form.get("since").map(String::as_str), Some("2021-05-23"));
    assert_eq!(form.len(), 3);
}

#[tokio::test]
async fn owner_scores_capture() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        "/v1/owner-scores.xml",
        [Step::fixture(200, "v1.owner-scores-reply.xml")],
    );
    let owner = "kontomatik-34cb892d-3db4-407a-bc94-0eeb6ce58721";
    let scores = client(&replay).owner_scores(owner).await.expect("scores");
    assert_eq!(scores.value.len(), 1);
    let model = &scores.value[0];
    assert_eq!(model.id, "common-2023-03-07");
    assert_eq!(
        model.score,
        Some("0.7204348357228043".parse::<Decimal>().unwrap())
    );
    assert_eq!(
        model.score_percentile,
        Some("0.8085198489453809".parse::<Decimal>().unwrap())
    );
    assert_eq!(model.score_tier.as_deref(), Some("C"));
    assert_eq!(
        model.retrained_at.map(|t| t.to_rfc3339()),
        Some("2023-03-16T07:11:33+00:00".to_owned())
    );
    let request = &replay.requests()[0];
    assert_eq!(
        request
            .query_map()
            .get("ownerExternalId")
            .map(String::as_str),
        Some(owner)
    );
    assert!(
        request.has_api_key(),
        "X-Api-Key missing or wrong: {request:?}"
    );
}

#[tokio::test]
async fn data_capture_and_delete() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        "/v1/data.xml",
        [Step::fixture(200, "v1.data-reply.xml").gzip()],
    );
    replay.on("DELETE", "/v1/data.xml", [Step::xml(200, "")]);
    let owner = "kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27";
    let client = client(&replay);
    let data = client.data(owner).await.expect("data");
    assert_eq!(data.value.external_id, owner);
    assert_eq!(data.value.origin.as_deref(), Some("scraper"));
    let target = &data.value.targets[0];
    assert_eq!(target.name, "KontoBank");
    let accounts = target.accounts.as_ref().expect("accounts");
    assert_eq!(accounts[0].iban, "PL69137013140000049678278112");
    assert_eq!(data.raw.body, fixture("v1.data-reply.xml"));

    let deleted = client.delete_data(owner).await.expect("deleted");
    assert_eq!(deleted.raw.call, "DELETE /v1/data.xml");
    let requests = replay.requests();
    assert_eq!(requests[1].method, "DELETE");
    assert_eq!(
        requests[1]
            .query_map()
            .get("ownerExternalId")
            .map(String::as_str),
        Some(owner)
    );
}

#[tokio::test]
async fn advanced_commands_send_their_parameters() {
    let replay = Replay::start().await;
    let accepted = Step::fixture(202, "legacy-import-owners-accepted.xml");
    for path in [
        "/v1/command/import-owners.xml",
        "/v1/command/import-accounts.xml",
        "/v1/command/import-account-transactions.xml",
        "/v1/command/import-credit-cards.xml",
        "/v1/command/import-credit-card-transactions.xml",
    ] {
        replay.on("POST", path, [accepted.clone()]);
    }
    let client = client(&replay);
    let session = session();
    let owners = client.import_owners(&session).await.expect("owners");
    assert_eq!(owners.value.id, "1277680");
    assert_eq!(owners.value.name, "ImportOwnersDetailsCommand");
    assert_eq!(owners.value.state, CommandState::InProgress);
    client.import_accounts(&session).await.expect("accounts");
    client
        .import_account_transactions(&session, "PL69137013140000049678278112", since())
        .await
        .expect("account transactions");
    client.import_credit_cards(&session).await.expect("cards");
    client
        .import_credit_card_transactions(&session, "5100 **** 1234", since())
        .await
        .expect("card transactions");

    let requests = replay.requests();
    assert_eq!(requests.len(), 5);
    for request in &requests {
        assert!(
            request.has_session_form(),
            "session form missing or wrong: {request:?}"
        );
    }
    let form = requests[2].form();
    assert_eq!(
        form.get("iban").map(String::as_str),
        Some("PL69137013140000049678278112")
    );
    assert_eq!(form.get("since").map(String::as_str), Some("2021-05-23"));
    let form = requests[4].form();
    assert_eq!(
        form.get("cardNumber").map(String::as_str),
        Some("5100 **** 1234")
    );
    assert_eq!(form.get("since").map(String::as_str), Some("2021-05-23"));
}

#[tokio::test]
async fn sessions_from_mock_and_multiple_access() {
    let replay = Replay::start().await;
    let session_reply = format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<reply status="200 OK" user="brsolutions-test" responseTimestamp="2023-05-23T07:35:00Z">
   <session id="555000111" signature="{}" multipleAccessId="ma-77"/>
</reply>"#,
        "ab".repeat(32)
    );
    replay.on(
        "POST",
        "/v1/mock-session.xml",
        [Step::xml(200, session_reply.clone())],
    );
    replay.on(
        "POST",
        "/v1/command/reuse-multiple-access.xml",
        [
            Step::xml(200, session_reply),
            Step::xml(
                400,
                exception_reply(
                    "400 Bad Request",
                    "InvalidMultipleAccessId",
                    "Consent expired.",
                ),
            ),
        ],
    );
    replay.on(
        "POST",
        "/v1/command/delete-multiple-access.xml",
        [Step::xml(200, "")],
    );
    let client = client(&replay);
    let mock = client
        .mock_session("test", Some("owner-1"), true)
        .await
        .expect("mock session");
    assert_eq!(mock.value.id, "555000111");
    assert_eq!(mock.value.multiple_access_id.as_deref(), Some("ma-77"));
    let reused = client.reuse_multiple_access("ma-77").await.expect("reuse");
    assert_eq!(reused.value.signature, "ab".repeat(32));
    let error = client
        .reuse_multiple_access("ma-77")
        .await
        .expect_err("expired consent");
    assert_eq!(error.code(), "kontomatik");
    assert_eq!(error.exception().unwrap().name, "InvalidMultipleAccessId");
    client
        .delete_multiple_access("ma-77")
        .await
        .expect("revoked");

    let requests = replay.requests();
    let form = requests[0].form();
    assert_eq!(form.get("login").map(String::as_str), Some("test"));
    assert_eq!(
        form.get("ownerExternalId").map(String::as_str),
        Some("owner-1")
    );
    assert_eq!(form.get("multipleAccess").map(String::as_str), Some("true"));
    assert_eq!(
        requests[1]
            .form()
            .get("multipleAccessId")
            .map(String::as_str),
        Some("ma-77")
    );
    assert_eq!(
        requests[3]
            .form()
            .get("multipleAccessId")
            .map(String::as_str),
        Some("ma-77")
    );
}
