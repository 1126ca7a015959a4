//! The default-import driver against the replay server: start once, poll, events in order, raw
//! replies first, transient retries, cancellation, deadline and resume; [`failures`] covers the
//! imports that end in an error.

mod failures;

use std::time::Duration;

use chrono::NaiveDate;
use lupa_kontomatik::Error;
use lupa_kontomatik::import::{self, ImportConfig, ImportEvent, ImportFailure, ImportOutcome};
use lupa_kontomatik::model::CommandState;
use tokio::sync::mpsc::{self, UnboundedReceiver};

use crate::replay::{
    COMMAND_ID, COMMAND_PATH, Replay, START_PATH, Step, assert_no_secret, client,
    client_with_timeout, fixture, in_progress_reply, session,
};

const SUCCESS: &str = "v1.command-reply.default-import.xml";
const ACCEPTED: &str = "v1.default-import-reply.xml";
const FAILED: &str = "v1.command-reply.exception.xml";

fn since() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 5, 23).unwrap()
}

fn fast() -> ImportConfig {
    ImportConfig {
        poll_interval: Duration::from_millis(20),
        backoff_max: Duration::from_millis(80),
        max_transient_failures: 3,
        deadline: Duration::from_secs(20),
        ..ImportConfig::default()
    }
}

fn running() -> Step {
    Step::xml(200, in_progress_reply(COMMAND_ID, 0))
}

/// Scripts the 202 start reply.
fn accept(replay: &Replay) {
    replay.on("POST", START_PATH, [Step::fixture(202, ACCEPTED)]);
}

async fn run(
    replay: &Replay,
    config: &ImportConfig,
) -> (Result<ImportOutcome, ImportFailure>, Vec<ImportEvent>) {
    let (tx, rx) = mpsc::unbounded_channel();
    let result = import::run(&client(replay), &session(), since(), config, &tx).await;
    (result, drain(rx))
}

fn drain(mut rx: UnboundedReceiver<ImportEvent>) -> Vec<ImportEvent> {
    let mut events = Vec::new();
    while let Ok(event) = rx.try_recv() {
        events.push(event);
    }
    events
}

/// A compact name per event, for order assertions.
fn names(events: &[ImportEvent]) -> Vec<String> {
    events
        .iter()
        .map(|event| match event {
            ImportEvent::RawReply(raw) => format!("raw {}", raw.http_status),
            ImportEvent::Started { state, .. } => format!("started {}", state.as_str()),
            ImportEvent::Resumed { .. } => "resumed".to_owned(),
            ImportEvent::Polled { poll, state, .. } => format!("polled {poll} {}", state.as_str()),
            ImportEvent::StateChanged { from, to } => format!(
                "changed {}>{}",
                from.as_ref().map_or("-", CommandState::as_str),
                to.as_str()
            ),
            ImportEvent::TransientFailure {
                attempt,
                error_code,
                ..
            } => {
                format!("transient {attempt} {error_code}")
            }
            ImportEvent::Finished { error_code, .. } => {
                format!("finished {}", error_code.unwrap_or("ok"))
            }
        })
        .collect()
}

fn failure_code(result: &Result<ImportOutcome, ImportFailure>) -> &'static str {
    match result {
        Ok(outcome) => panic!(
            "expected a failure, got success after {} polls",
            outcome.polls
        ),
        Err(failure) => {
            assert_no_secret(&format!("{failure} {failure:?}"));
            failure.error.code()
        }
    }
}

#[tokio::test]
async fn default_import_runs_to_success() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on(
        "GET",
        COMMAND_PATH,
        [running(), running(), Step::fixture(200, SUCCESS).gzip()],
    );
    let (result, events) = run(&replay, &fast()).await;
    let outcome = result.expect("import succeeds");

    assert_eq!(outcome.command_id, COMMAND_ID);
    assert_eq!(
        outcome.owner_external_id.as_deref(),
        Some("kontomatik-27452a6f-3efc-4e17-b07e-6f0dc6225b27")
    );
    assert_eq!(outcome.command.state, CommandState::Successful);
    assert_eq!(outcome.polls, 3);
    let result = outcome.command.result.as_ref().expect("result");
    let accounts = result.accounts.as_ref().expect("accounts");
    assert_eq!(accounts.len(), 1);
    assert_eq!(
        accounts[0]
            .money_transactions
            .as_ref()
            .expect("transactions")
            .len(),
        72
    );
    assert_eq!(outcome.raw.body, fixture(SUCCESS));

    assert_eq!(
        names(&events),
        [
            "raw 202",
            "started setup",
            "raw 200",
            "polled 1 in_progress",
            "changed setup>in_progress",
            "raw 200",
            "polled 2 in_progress",
            "raw 200",
            "polled 3 successful",
            "changed in_progress>successful",
            "finished ok",
        ]
    );
    let raws: Vec<&Vec<u8>> = events
        .iter()
        .filter_map(|event| match event {
            ImportEvent::RawReply(raw) => Some(&raw.body),
            _ => None,
        })
        .collect();
    assert_eq!(raws[0], &fixture(ACCEPTED));
    assert_eq!(raws[1], &in_progress_reply(COMMAND_ID, 0));
    assert_eq!(raws[3], &fixture(SUCCESS));
    let ImportEvent::Started { command_id, .. } = &events[1] else {
        panic!()
    };
    assert_eq!(command_id, COMMAND_ID);
    let ImportEvent::Polled { next_poll_in, .. } = &events[3] else {
        panic!()
    };
    assert_eq!(*next_poll_in, Some(Duration::from_millis(20)));
    let ImportEvent::Polled { next_poll_in, .. } = &events[8] else {
        panic!()
    };
    assert_eq!(*next_poll_in, None);

    assert_eq!(replay.count("POST", START_PATH), 1);
    let polls: Vec<_> = replay
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET")
        .collect();
    assert_eq!(polls.len(), 3);
    assert!(
        polls
            .iter()
            .all(|r| r.path == COMMAND_PATH && r.query.is_none())
    );
}

#[tokio::test]
async fn html_502_while_polling_is_retried() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on(
        "GET",
        COMMAND_PATH,
        [
            running(),
            Step::html(502),
            Step::cut_connection(),
            Step::cut_mid_body(),
            Step::fixture(200, SUCCESS),
        ],
    );
    let (result, events) = run(&replay, &fast()).await;
    let outcome = result.expect("import succeeds after retries");
    assert_eq!(outcome.polls, 5);
    let names = names(&events);
    assert!(
        names.contains(&"transient 1 retry_later".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"transient 2 transport".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"transient 3 transport".to_owned()),
        "{names:?}"
    );
    let retry_in: Vec<Duration> = events
        .iter()
        .filter_map(|event| match event {
            ImportEvent::TransientFailure { retry_in, .. } => Some(*retry_in),
            _ => None,
        })
        .collect();
    assert_eq!(retry_in, [20, 40, 80].map(Duration::from_millis));
    // The HTML page was handed over as a raw reply before the retry.
    let position = names
        .iter()
        .position(|n| n == "transient 1 retry_later")
        .unwrap();
    assert_eq!(names[position - 1], "raw 502");
}

#[tokio::test]
async fn poll_timeouts_are_retried() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on(
        "GET",
        COMMAND_PATH,
        [
            running().delay(Duration::from_secs(3)),
            running(),
            Step::fixture(200, SUCCESS),
        ],
    );
    let (tx, rx) = mpsc::unbounded_channel();
    let client = client_with_timeout(&replay, Duration::from_secs(1));
    let outcome = import::run(&client, &session(), since(), &fast(), &tx)
        .await
        .expect("succeeds");
    assert_eq!(outcome.polls, 3);
    let names = names(&drain(rx));
    assert!(
        names.contains(&"transient 1 transport".to_owned()),
        "{names:?}"
    );
}

#[tokio::test]
async fn cancellation_stops_polling_and_keeps_the_command_id() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on("GET", COMMAND_PATH, [running()]);
    let config = fast();
    let cancel = config.cancel.clone();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let client = client(&replay);
    let session = session();
    let driver = import::run(&client, &session, since(), &config, &tx);
    let canceller = async {
        let mut seen = Vec::new();
        while let Some(event) = rx.recv().await {
            let second_poll = matches!(event, ImportEvent::Polled { poll: 2, .. });
            seen.push(event);
            if second_poll {
                cancel.cancel();
                break;
            }
        }
        seen
    };
    let (result, _) = tokio::join!(driver, canceller);
    assert_eq!(failure_code(&result), "cancelled");
    let failure = result.unwrap_err();
    assert_eq!(failure.command_id.as_deref(), Some(COMMAND_ID));
    assert_eq!(failure.error.command_id(), Some(COMMAND_ID));
    assert_eq!(replay.count("GET", COMMAND_PATH), 2);

    // Cancelled before the start: nothing is sent.
    let replay = Replay::start().await;
    let config = fast();
    config.cancel.cancel();
    let (result, events) = run(&replay, &config).await;
    assert_eq!(failure_code(&result), "cancelled");
    assert!(replay.requests().is_empty());
    assert_eq!(names(&events), ["finished cancelled"]);
}

#[tokio::test]
async fn cancellation_interrupts_a_slow_poll() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on(
        "GET",
        COMMAND_PATH,
        [running().delay(Duration::from_secs(4))],
    );
    let config = fast();
    let cancel = config.cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        cancel.cancel();
    });
    let started = std::time::Instant::now();
    let (result, _) = run(&replay, &config).await;
    assert_eq!(failure_code(&result), "cancelled");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn deadline_returns_the_command_for_resuming() {
    let replay = Replay::start().await;
    accept(&replay);
    replay.on("GET", COMMAND_PATH, [running()]);
    let config = ImportConfig {
        deadline: Duration::from_millis(800),
        ..fast()
    };
    let (result, events) = run(&replay, &config).await;
    assert_eq!(failure_code(&result), "deadline_exceeded");
    let failure = result.unwrap_err();
    assert_eq!(failure.command_id.as_deref(), Some(COMMAND_ID));
    let Error::DeadlineExceeded {
        command_id,
        elapsed,
    } = &*failure.error
    else {
        panic!("{failure:?}")
    };
    assert_eq!(command_id, COMMAND_ID);
    assert!(*elapsed >= Duration::from_millis(800), "{elapsed:?}");
    assert!(replay.count("GET", COMMAND_PATH) >= 1);
    assert_eq!(names(&events).last().unwrap(), "finished deadline_exceeded");
}

#[tokio::test]
async fn resume_continues_polling_an_existing_command() {
    let replay = Replay::start().await;
    replay.on(
        "GET",
        COMMAND_PATH,
        [running(), Step::fixture(200, SUCCESS)],
    );
    let (tx, rx) = mpsc::unbounded_channel();
    let outcome = import::resume(&client(&replay), COMMAND_ID, &fast(), &tx)
        .await
        .expect("resumed");
    assert_eq!(outcome.polls, 2);
    assert_eq!(outcome.owner_external_id, None);
    assert_eq!(outcome.raw.body, fixture(SUCCESS));
    assert_eq!(
        names(&drain(rx)),
        [
            "resumed",
            "raw 200",
            "polled 1 in_progress",
            "changed ->in_progress",
            "raw 200",
            "polled 2 successful",
            "changed in_progress>successful",
            "finished ok",
        ]
    );
    assert_eq!(replay.count("POST", START_PATH), 0);
}

#[tokio::test]
async fn production_check_keeps_kontomatiks_interval() {
    let config = fast().production_checked();
    assert_eq!(config.poll_interval, Duration::from_secs(2));
    assert!(config.is_production_safe());
    assert!(!fast().is_production_safe());
    assert_eq!(
        ImportConfig::default().poll_interval,
        Duration::from_secs(3)
    );
}
