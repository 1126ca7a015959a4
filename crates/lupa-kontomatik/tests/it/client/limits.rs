//! The reply size limit (`ClientConfig::max_reply_bytes`): a reply announcing more is refused
//! before its body is read, one that grows past it (chunked, or gzip inflating beyond it) is
//! refused while reading, a start is never taken as failed for sure, and a reply within the limit
//! is read whole.

use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::client::{ClientConfig, DEFAULT_MAX_REPLY_BYTES};
use lupa_kontomatik::import::{self, ImportConfig};
use lupa_kontomatik::model::CommandState;
use lupa_kontomatik::{ApiKey, Client, Error};

use crate::replay::{
    API_KEY, COMMAND_ID, COMMAND_PATH, Replay, START_PATH, Step, fixture, in_progress_reply,
    session,
};

const MIB: usize = 1024 * 1024;

/// A client reading at most `limit` bytes per reply.
fn limited_client(replay: &Replay, limit: u64) -> Client {
    let mut config = ClientConfig::new(replay.url()).with_api_key(ApiKey::new(API_KEY.to_owned()));
    config.use_system_proxy = false;
    config.request_timeout = Duration::from_secs(10);
    config.max_reply_bytes = limit;
    Client::new(config).expect("client builds")
}

/// An in-progress reply padded with trailing whitespace (still well-formed XML) to `size` bytes.
fn padded_reply(size: usize) -> Vec<u8> {
    let mut body = in_progress_reply(COMMAND_ID, 0);
    body.resize(size.max(body.len()), b' ');
    body
}

fn protocol_message(error: &Error) -> &str {
    match error {
        Error::Protocol { message, raw, .. } => {
            assert!(raw.is_none(), "an oversized reply is not kept");
            message
        }
        other => panic!("expected a protocol error, got {other:?}"),
    }
}

#[test]
fn the_default_limit_is_512_mib() {
    assert_eq!(DEFAULT_MAX_REPLY_BYTES, 512 * 1024 * 1024);
    let config = ClientConfig::new(url::Url::parse("https://api.kontomatik.com").unwrap());
    assert_eq!(config.max_reply_bytes, DEFAULT_MAX_REPLY_BYTES);
}

#[tokio::test]
async fn a_reply_announcing_more_than_the_limit_is_refused_before_its_body() {
    let replay = Replay::start().await;
    replay.on("GET", COMMAND_PATH, [Step::xml(200, padded_reply(2 * MIB))]);
    let error = limited_client(&replay, MIB as u64)
        .get_command(COMMAND_ID)
        .await
        .expect_err("too large");
    assert_eq!(error.code(), "protocol");
    assert!(!error.is_transient(), "the same reply would come again");
    let message = protocol_message(&error);
    assert!(message.contains("larger than 1 MB"), "{message}");
    assert!(message.contains("announced 2 MB"), "{message}");
    assert!(
        error.to_string().contains("larger than 1 MB"),
        "the words reach the analyst: {error}"
    );
}

#[tokio::test]
async fn a_reply_growing_past_the_limit_is_refused_while_reading() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        COMMAND_PATH,
        [
            Step::xml(200, padded_reply(3 * MIB)).chunked(),
            // 3 MiB of mostly spaces is a few KB gzipped: the limit counts decoded bytes.
            Step::xml(200, padded_reply(3 * MIB)).gzip(),
        ],
    );
    let client = limited_client(&replay, MIB as u64);
    for what in ["chunked", "gzip"] {
        let error = client.get_command(COMMAND_ID).await.expect_err(what);
        let message = protocol_message(&error);
        assert!(message.contains("larger than 1 MB"), "{what}: {message}");
        assert!(!message.contains("announced"), "{what}: {message}");
        let Error::Protocol { first_bytes, .. } = &error else {
            unreachable!()
        };
        assert!(first_bytes.starts_with("<?xml"), "{what}: {first_bytes}");
    }
}

#[tokio::test]
async fn a_reply_within_the_limit_is_read_whole() {
    let replay = Replay::start().await;
    let body = padded_reply(MIB);
    replay.on(
        "GET",
        COMMAND_PATH,
        [Step::xml(200, body.clone()).chunked()],
    );
    let exchange = limited_client(&replay, MIB as u64)
        .get_command(COMMAND_ID)
        .await
        .expect("exactly the limit is accepted");
    assert_eq!(exchange.value.state, CommandState::InProgress);
    assert_eq!(exchange.raw.body, body);
}

#[tokio::test]
async fn an_oversized_start_reply_is_an_unknown_outcome_and_an_oversized_poll_ends_the_import() {
    let replay = Replay::start().await;
    let mut accepted = fixture("v1.default-import-reply.xml");
    accepted.resize(2 * MIB, b' ');
    replay.on("POST", START_PATH, [Step::xml(202, accepted)]);
    let client = limited_client(&replay, MIB as u64);
    let since = NaiveDate::from_ymd_opt(2021, 5, 23).unwrap();
    let error = client
        .start_default_import(&session(), since)
        .await
        .expect_err("too large");
    assert_eq!(error.code(), "start_outcome_unknown", "{error:?}");
    assert!(error.to_string().contains("larger than 1 MB"), "{error}");

    let replay = Replay::start().await;
    replay.on(
        "POST",
        START_PATH,
        [Step::fixture(202, "v1.default-import-reply.xml")],
    );
    replay.on(
        "GET",
        COMMAND_PATH,
        [
            Step::xml(200, in_progress_reply(COMMAND_ID, 0)),
            Step::xml(200, padded_reply(2 * MIB)).chunked(),
        ],
    );
    let config = ImportConfig {
        poll_interval: Duration::from_millis(10),
        deadline: Duration::from_secs(10),
        ..ImportConfig::default()
    };
    let (events, _receiver) = tokio::sync::mpsc::unbounded_channel();
    let failure = import::run(
        &limited_client(&replay, MIB as u64),
        &session(),
        since,
        &config,
        &events,
    )
    .await
    .expect_err("an oversized reply ends the import");
    assert_eq!(failure.error.code(), "protocol");
    assert_eq!(failure.command_id.as_deref(), Some(COMMAND_ID));
    assert_eq!(
        replay.count("GET", COMMAND_PATH),
        2,
        "an oversized reply is not polled again"
    );
}
