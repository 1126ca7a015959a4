//! How the client classifies failures: Kontomatik's exception and 401 captures, failed commands,
//! unreadable bodies, gateway pages, timeouts, cut connections and refused connections, and that
//! no error text contains a secret.

use std::time::Duration;

use lupa_kontomatik::Error;
use lupa_kontomatik::error::TransportKind;
use lupa_kontomatik::model::CommandState;

use super::{CATALOG_PATH, check_texts, since};
use crate::replay::{
    API_KEY, COMMAND_ID, COMMAND_PATH, Replay, START_PATH, Step, assert_no_secret, client,
    client_for, client_with_timeout, exception_reply, fixture, fixture_with, refused_url, session,
};

#[tokio::test]
async fn unauthorized_names_both_causes() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        CATALOG_PATH,
        [Step::fixture(401, "unauthorized-reply.xml")],
    );
    let error = client(&replay).catalog().await.expect_err("401");
    assert_eq!(error.code(), "unauthorized");
    let message = error.to_string();
    assert!(message.contains("API key"), "{message}");
    assert!(message.contains("IP address"), "{message}");
    assert!(
        message.contains("whitelisted in Kontomatik Insight"),
        "{message}"
    );
    assert!(error.advice().contains("whitelist"), "{}", error.advice());
    let Error::Unauthorized {
        comment,
        http_status,
        raw,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert!(
        comment.starts_with("We don't know who you are."),
        "{comment}"
    );
    assert_eq!(*http_status, 401);
    assert_eq!(raw.body, fixture("unauthorized-reply.xml"));
    check_texts(&error);
}

#[tokio::test]
async fn an_api_key_echoed_by_kontomatik_is_redacted() {
    let replay = Replay::start().await;
    let echoed = fixture_with(
        "unauthorized-reply.xml",
        &[("\"f7**************1f\"", &format!("\"{API_KEY}\""))],
    );
    replay.on("GET", CATALOG_PATH, [Step::xml(401, echoed.clone())]);
    let error = client(&replay).catalog().await.expect_err("401");
    let Error::Unauthorized { comment, raw, .. } = &error else {
        panic!("{error:?}")
    };
    assert_no_secret(comment);
    assert!(
        comment.contains(&format!("\"{}\"", "*".repeat(API_KEY.len()))),
        "{comment}"
    );
    assert_eq!(raw.body.len(), echoed.len(), "redaction keeps the length");
    check_texts(&error);
}

#[tokio::test]
async fn expired_session_capture_is_session_invalid() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        START_PATH,
        [Step::fixture(404, "session-expired-reply.xml")],
    );
    let error = client(&replay)
        .start_default_import(&session(), since())
        .await
        .expect_err("404");
    assert_eq!(error.code(), "session_invalid_or_expired");
    let exception = error.exception().expect("exception");
    assert_eq!(exception.name, "InvalidSessionId");
    assert_eq!(exception.message.as_deref(), Some("Session expired."));
    assert_eq!(error.http_status(), Some(404));
    assert_eq!(
        error.raw().unwrap().body,
        fixture("session-expired-reply.xml")
    );
    let message = check_texts(&error);
    assert!(
        message.contains("InvalidSessionId: Session expired"),
        "{message}"
    );
}

#[tokio::test]
async fn sign_out_on_kontobank_is_command_not_available() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        "/v1/command/sign-out.xml",
        [
            Step::fixture(400, "command-not-available-reply.xml"),
            Step::xml(200, ""),
        ],
    );
    let client = client(&replay);
    let error = client.sign_out(&session()).await.expect_err("400");
    assert_eq!(error.code(), "command_not_available");
    assert_eq!(error.http_status(), Some(400));
    assert_eq!(
        error.exception().and_then(|e| e.message.as_deref()),
        Some("Command SignOutCommand is not available for target KontoBank.")
    );
    check_texts(&error);
    let request = &replay.requests()[0];
    assert!(
        request.has_session_form(),
        "session form missing or wrong: {request:?}"
    );
    // A target that supports sign-out: any 2xx, even empty, is success.
    let signed_out = client.sign_out(&session()).await.expect("signed out");
    assert_eq!(signed_out.raw.http_status, 200);
}

#[tokio::test]
async fn other_exceptions_keep_name_and_status() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        START_PATH,
        [
            Step::xml(
                400,
                exception_reply("400 Bad Request", "InvalidSince", "Bad since."),
            ),
            Step::xml(
                400,
                exception_reply("400 Bad Request", "DefaultImportAlreadyExecuted", "Done."),
            ),
            Step::xml(
                503,
                exception_reply(
                    "503 Service Unavailable",
                    "ServiceTemporarilyUnavailable",
                    "Try later.",
                ),
            ),
        ],
    );
    let client = client(&replay);
    let error = client
        .start_default_import(&session(), since())
        .await
        .expect_err("400");
    assert_eq!(error.code(), "kontomatik");
    assert_eq!(error.exception().unwrap().name, "InvalidSince");
    assert_eq!(error.http_status(), Some(400));
    assert!(check_texts(&error).contains("InvalidSince: Bad since"));

    let error = client
        .start_default_import(&session(), since())
        .await
        .expect_err("400");
    assert_eq!(error.code(), "session_already_used");

    let error = client
        .start_default_import(&session(), since())
        .await
        .expect_err("503");
    assert_eq!(error.code(), "retry_later");
    assert_eq!(
        error.exception().unwrap().name,
        "ServiceTemporarilyUnavailable"
    );
    assert_eq!(error.http_status(), Some(503));
    assert!(error.is_transient());
    check_texts(&error);
}

#[tokio::test]
async fn failed_command_is_a_value_and_maps_to_needs_new_login() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        "/v1/command/000000.xml",
        [Step::fixture(200, "v1.command-reply.exception.xml")],
    );
    let polled = client(&replay)
        .get_command("000000")
        .await
        .expect("200 reply");
    assert_eq!(polled.value.state, CommandState::Error);
    assert_eq!(polled.value.progress, Some(20));
    let error = Error::from_failed_command(&polled.value, Some(polled.raw.clone())).unwrap();
    assert_eq!(error.code(), "needs_new_login");
    assert_eq!(error.command_id(), Some("000000"));
    let exception = error.exception().unwrap();
    assert_eq!(exception.name, "SessionExpired");
    assert_eq!(
        exception.friendly_message.as_deref(),
        Some("Exception message in local language")
    );
    assert_eq!(error.http_status(), Some(200));
    assert_eq!(
        error.raw().unwrap().body,
        fixture("v1.command-reply.exception.xml")
    );
    check_texts(&error);
}

#[tokio::test]
async fn truncated_body_is_a_protocol_error_with_first_bytes() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        COMMAND_PATH,
        [Step::truncated(
            200,
            "v1.command-reply.default-import.xml",
            700,
        )],
    );
    let error = client(&replay)
        .get_command(COMMAND_ID)
        .await
        .expect_err("truncated");
    assert_eq!(error.code(), "protocol");
    let Error::Protocol {
        http_status,
        first_bytes,
        raw,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*http_status, 200);
    assert!(
        first_bytes.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
        "{first_bytes}"
    );
    assert_eq!(raw.as_ref().unwrap().body.len(), 700);
    assert!(!error.is_transient());
    check_texts(&error);
}

#[tokio::test]
async fn html_pages_are_retry_later_on_5xx_and_protocol_otherwise() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        COMMAND_PATH,
        [Step::html(502), Step::html(500), Step::html(200)],
    );
    let client = client(&replay);
    let error = client.get_command(COMMAND_ID).await.expect_err("502");
    assert_eq!(error.code(), "retry_later");
    assert_eq!(error.http_status(), Some(502));
    assert!(error.is_transient());
    assert!(error.raw().unwrap().body.starts_with(b"<html>"));
    let error = client.get_command(COMMAND_ID).await.expect_err("500");
    assert_eq!(error.code(), "retry_later");
    let error = client.get_command(COMMAND_ID).await.expect_err("200 html");
    assert_eq!(error.code(), "protocol");
    let Error::Protocol { first_bytes, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(first_bytes.starts_with("<html>"), "{first_bytes}");
    check_texts(&error);
}

#[tokio::test]
async fn start_failures_after_sending_are_outcome_unknown() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        START_PATH,
        [
            Step::fixture(202, "v1.default-import-reply.xml").delay(Duration::from_secs(3)),
            Step::cut_connection(),
            Step::cut_mid_body(),
            Step::html(504),
            Step::truncated(202, "v1.default-import-reply.xml", 120),
        ],
    );
    let client = client_with_timeout(&replay, Duration::from_secs(1));
    for expected in ["timeout", "cut", "cut mid-body", "504", "truncated 202"] {
        let error = client
            .start_default_import(&session(), since())
            .await
            .expect_err(expected);
        assert_eq!(
            error.code(),
            "start_outcome_unknown",
            "{expected}: {error:?}"
        );
        assert!(!error.is_transient());
        let message = check_texts(&error);
        assert!(message.contains("must not be used again"), "{message}");
    }
    assert_eq!(replay.count("POST", START_PATH), 5);
}

#[tokio::test]
async fn connect_refused_is_transport_connect() {
    let client = client_for(refused_url().await, Duration::from_secs(5));
    let error = client
        .start_default_import(&session(), since())
        .await
        .expect_err("refused");
    assert_eq!(error.code(), "transport");
    let Error::Transport { kind, message } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, TransportKind::Connect);
    assert!(
        message.starts_with("POST /v1/command/default-import.xml"),
        "{message}"
    );
    assert!(error.is_transient());
    check_texts(&error);
    let error = client.catalog().await.expect_err("refused");
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Connect,
                ..
            }
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn poll_timeout_and_cut_connection_are_transport_errors() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        COMMAND_PATH,
        [
            Step::xml(200, crate::replay::in_progress_reply(COMMAND_ID, 0))
                .delay(Duration::from_secs(3)),
            Step::cut_connection(),
            Step::cut_mid_body(),
        ],
    );
    let client = client_with_timeout(&replay, Duration::from_secs(1));
    let error = client.get_command(COMMAND_ID).await.expect_err("timeout");
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    check_texts(&error);
    let error = client.get_command(COMMAND_ID).await.expect_err("cut");
    assert_eq!(error.code(), "transport");
    assert!(error.is_transient());
    check_texts(&error);
    let error = client
        .get_command(COMMAND_ID)
        .await
        .expect_err("cut mid-body");
    let Error::Transport { kind, message } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*kind, TransportKind::Other);
    assert!(
        message.contains("reading the body of an HTTP 200 reply"),
        "{message}"
    );
    assert!(error.is_transient());
    check_texts(&error);
}

#[tokio::test]
async fn invalid_settings_are_rejected() {
    use lupa_kontomatik::client::ClientConfig;
    let config = ClientConfig::new(url::Url::parse("ftp://example.com/").unwrap());
    let error = lupa_kontomatik::Client::new(config).expect_err("ftp");
    assert_eq!(error.code(), "invalid_config");
    let config = ClientConfig::new(url::Url::parse("https://api.kontomatik.com").unwrap())
        .with_api_key(lupa_kontomatik::ApiKey::new(
            "f7secret\nkey0123456789".into(),
        ));
    let error = lupa_kontomatik::Client::new(config).expect_err("newline in key");
    assert!(!error.to_string().contains("f7secret"), "{error}");
}
