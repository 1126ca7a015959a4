//! Imports that end in an error: a start that may have reached Kontomatik is never repeated,
//! failed commands and non-transient replies stop polling at once, and a retry budget ends a
//! burst of transient failures.

use std::time::Duration;

use lupa_kontomatik::import;
use tokio::sync::mpsc;

use super::{ACCEPTED, FAILED, accept, drain, failure_code, fast, names, run, running, since};
use crate::replay::{
    COMMAND_ID, COMMAND_PATH, Replay, START_PATH, Step, client_for, client_with_timeout,
    exception_reply, fixture, fixture_with, refused_url, session,
};

#[tokio::test]
async fn a_burst_of_503s_beyond_the_budget_is_retry_later() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on("GET", COMMAND_PATH, [Step::html(503)]);
    let (result, events) = run(&replay, &fast()).await;
    assert_eq!(failure_code(&result), "retry_later");
    let failure = result.unwrap_err();
    assert_eq!(failure.command_id.as_deref(), Some(COMMAND_ID));
    assert_eq!(failure.error.http_status(), Some(503));
    // 3 failures tolerated, the 4th ends the import.
    assert_eq!(replay.count("GET", COMMAND_PATH), 4);
    let names = names(&events);
    assert_eq!(
        names.iter().filter(|n| n.starts_with("transient")).count(),
        3
    );
    assert_eq!(names.last().unwrap(), "finished retry_later");
}

#[tokio::test]
async fn start_timeout_is_never_repeated() {
    let replay = Replay::start().await;
    replay.on(
        "POST",
        START_PATH,
        [Step::fixture(202, ACCEPTED).delay(Duration::from_secs(3))],
    );
    let (tx, rx) = mpsc::unbounded_channel();
    let client = client_with_timeout(&replay, Duration::from_secs(1));
    let result = import::run(&client, &session(), since(), &fast(), &tx).await;
    assert_eq!(failure_code(&result), "start_outcome_unknown");
    assert_eq!(result.unwrap_err().command_id, None);
    assert_eq!(replay.count("POST", START_PATH), 1);
    assert_eq!(replay.requests().len(), 1);
    assert_eq!(names(&drain(rx)), ["finished start_outcome_unknown"]);
}

#[tokio::test]
async fn start_connect_refused_is_transport() {
    let client = client_for(refused_url().await, Duration::from_secs(5));
    let (tx, rx) = mpsc::unbounded_channel();
    let result = import::run(&client, &session(), since(), &fast(), &tx).await;
    assert_eq!(failure_code(&result), "transport");
    assert_eq!(names(&drain(rx)), ["finished transport"]);
}

#[tokio::test]
async fn failed_commands_end_the_import() {
    let cases = [
        (fixture(FAILED), "needs_new_login", "SessionExpired"),
        (
            fixture_with(FAILED, &[("name=\"SessionExpired\"", "name=\"IO\"")]),
            "retry_later",
            "IO",
        ),
        (
            fixture_with(FAILED, &[("state=\"error\"", "state=\"fatal\"")]),
            "fatal",
            "SessionExpired",
        ),
    ];
    for (body, code, exception) in cases {
        let replay = Replay::start().await;
        accept(&replay);
        replay.on(
            "GET",
            COMMAND_PATH,
            [running(), Step::xml(200, body.clone())],
        );
        let (result, events) = run(&replay, &fast()).await;
        assert_eq!(failure_code(&result), code);
        let failure = result.unwrap_err();
        assert_eq!(failure.command_id.as_deref(), Some(COMMAND_ID));
        assert_eq!(failure.error.exception().unwrap().name, exception);
        assert_eq!(failure.error.raw().unwrap().body, body);
        assert!(!failure.error.is_transient(), "{code}");
        let names = names(&events);
        assert_eq!(names.last().unwrap(), &format!("finished {code}"));
        assert_eq!(
            replay.count("GET", COMMAND_PATH),
            2,
            "no retry after a final state"
        );
    }
}

#[tokio::test]
async fn unauthorized_and_expired_session_while_polling_are_not_retried() {
    for (step, status, code) in [
        (
            Step::fixture(401, "unauthorized-reply.xml"),
            401,
            "unauthorized",
        ),
        (
            Step::fixture(404, "session-expired-reply.xml"),
            404,
            "session_invalid_or_expired",
        ),
        (
            Step::xml(
                404,
                exception_reply("404 Not Found", "InvalidCommandId", "Unknown."),
            ),
            404,
            "kontomatik",
        ),
    ] {
        let replay = Replay::start().await;
        accept(&replay);
        replay.on("GET", COMMAND_PATH, [step]);
        let (result, events) = run(&replay, &fast()).await;
        assert_eq!(failure_code(&result), code);
        assert_eq!(replay.count("GET", COMMAND_PATH), 1);
        let expected = [
            "raw 202".to_owned(),
            "started setup".to_owned(),
            format!("raw {status}"),
            format!("finished {code}"),
        ];
        assert_eq!(names(&events), expected);
    }
}

#[tokio::test]
async fn successful_without_result_is_not_a_success() {
    let replay = Replay::start().await;
    accept(&replay);
    let empty_success = fixture_with(ACCEPTED, &[("state=\"setup\"", "state=\"successful\"")]);
    replay.on("GET", COMMAND_PATH, [Step::xml(200, empty_success)]);
    let (result, _) = run(&replay, &fast()).await;
    assert_eq!(failure_code(&result), "protocol");
}
