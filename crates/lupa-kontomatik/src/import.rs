//! The default-import driver (F-IMP-3, F-IMP-5, F-IMP-6): start the session's one default import,
//! poll `GET /v1/command/{id}.xml` until a final state, and report every step as an
//! [`ImportEvent`] on a [`tokio::sync::mpsc::UnboundedSender`].
//!
//! Event order: for every reply received (success or error) an [`ImportEvent::RawReply`] comes
//! first, before the driver acts on it, so the store can persist it. Then `Started` (after the
//! start reply) or `Resumed`; per successful poll `Polled`, then `StateChanged` when the state
//! differs from the last one seen; `TransientFailure` for a poll failure that will be retried;
//! `Finished` last, on success and on every failure. A dropped receiver does not stop the import.
//!
//! Guarantees: the start request is sent at most once (a failure after sending is
//! [`Error::StartOutcomeUnknown`]); only poll failures that [`Error::is_transient`] are retried,
//! with exponential backoff and a cap on consecutive failures; cancellation
//! ([`ImportConfig::cancel`]) and the overall deadline stop polling and return the command id, so
//! [`resume`] can continue later. Cancellation does not interrupt the start request itself (its
//! outcome would become unknown); it is honoured right after the start reply.

use std::fmt;
use std::time::Duration;

use chrono::NaiveDate;
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

use crate::client::{Client, RawReply, SessionCredentials};
use crate::error::Error;
use crate::model::{Command, CommandState};
use crate::protocol;

mod driver;
use driver::Driver;

/// Default overall deadline of one import.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30 * 60);
/// Default number of consecutive transient poll failures tolerated (the next one fails the import).
pub const DEFAULT_MAX_TRANSIENT_FAILURES: u32 = 8;
/// Default cap of the backoff between retried polls.
pub const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(60);

/// How the driver polls.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// Time between polls (default [`protocol::POLL_INTERVAL_DEFAULT`], 3 s). Any value is
    /// accepted here (tests use milliseconds); use [`ImportConfig::production_checked`] for real
    /// Kontomatik environments, which ask for 2–5 s.
    pub poll_interval: Duration,
    /// Overall deadline from the start of [`run`] or [`resume`] (default 30 min).
    pub deadline: Duration,
    /// Consecutive transient poll failures tolerated (default 8); the next one fails the import.
    pub max_transient_failures: u32,
    /// Cap of the exponential backoff after a transient failure (default 60 s). The n-th
    /// consecutive failure waits `poll_interval × 2^(n-1)`, at most this.
    pub backoff_max: Duration,
    /// Cancels the import; a fresh (never cancelled) token by default.
    pub cancel: CancellationToken,
}

impl Default for ImportConfig {
    fn default() -> Self {
        ImportConfig {
            poll_interval: protocol::POLL_INTERVAL_DEFAULT,
            deadline: DEFAULT_DEADLINE,
            max_transient_failures: DEFAULT_MAX_TRANSIENT_FAILURES,
            backoff_max: DEFAULT_BACKOFF_MAX,
            cancel: CancellationToken::new(),
        }
    }
}

impl ImportConfig {
    /// The configuration with the poll interval clamped to Kontomatik's 2–5 s
    /// ([`protocol::POLL_INTERVAL_MIN`]..=[`protocol::POLL_INTERVAL_MAX`]) and the backoff cap
    /// at least the interval. Use for the test and production environments.
    pub fn production_checked(mut self) -> Self {
        let clamped = self
            .poll_interval
            .clamp(protocol::POLL_INTERVAL_MIN, protocol::POLL_INTERVAL_MAX);
        if clamped != self.poll_interval {
            tracing::warn!(
                requested_ms = self.poll_interval.as_millis() as u64,
                used_ms = clamped.as_millis() as u64,
                "poll interval outside Kontomatik's 2-5 s; clamped"
            );
            self.poll_interval = clamped;
        }
        self.backoff_max = self.backoff_max.max(self.poll_interval);
        self
    }

    /// True when the poll interval is within Kontomatik's 2–5 s.
    pub fn is_production_safe(&self) -> bool {
        (protocol::POLL_INTERVAL_MIN..=protocol::POLL_INTERVAL_MAX).contains(&self.poll_interval)
    }

    /// The wait after the `failures`-th consecutive transient failure (1-based).
    pub fn backoff(&self, failures: u32) -> Duration {
        let factor = 2u32.saturating_pow(failures.saturating_sub(1).min(16));
        self.poll_interval
            .saturating_mul(factor)
            .min(self.backoff_max.max(self.poll_interval))
    }
}

/// One step of an import, for the UI and the store.
#[derive(Debug, Clone)]
pub enum ImportEvent {
    /// A reply was received (any status, success or error), before the driver interprets it.
    RawReply(RawReply),
    /// Kontomatik accepted the default import.
    Started {
        /// The command to poll; persist it to resume after a restart.
        command_id: String,
        /// `reply/@ownerExternalId` of the 202 reply.
        owner_external_id: Option<String>,
        /// The state in the 202 reply (`setup` in the capture).
        state: CommandState,
    },
    /// Polling of an existing command continues (after a restart).
    Resumed {
        /// The command being polled.
        command_id: String,
    },
    /// A poll was answered.
    Polled {
        /// Poll number, 1-based, counting every poll request (failed ones too).
        poll: u32,
        /// The command's state.
        state: CommandState,
        /// `progress/value`.
        progress: Option<u32>,
        /// Time since [`run`] or [`resume`] began.
        elapsed: Duration,
        /// When the next poll will be sent; `None` when the state is final.
        next_poll_in: Option<Duration>,
    },
    /// The command's state changed (`from` is `None` for the first poll after [`resume`]).
    StateChanged {
        /// The previous state.
        from: Option<CommandState>,
        /// The new state.
        to: CommandState,
    },
    /// A poll failed transiently and will be retried.
    TransientFailure {
        /// Consecutive failure number, 1-based.
        attempt: u32,
        /// [`Error::code`] of the failure.
        error_code: &'static str,
        /// [`Error`]'s Display text.
        message: String,
        /// Wait before the next poll.
        retry_in: Duration,
    },
    /// The import ended (the last event, on success and on failure).
    Finished {
        /// The command, when the import had started.
        command_id: Option<String>,
        /// The final state seen, when one was.
        state: Option<CommandState>,
        /// `None` on success, else [`Error::code`].
        error_code: Option<&'static str>,
        /// Poll requests sent.
        polls: u32,
        /// Time since [`run`] or [`resume`] began.
        elapsed: Duration,
    },
}

/// A successful default import.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// The command.
    pub command_id: String,
    /// `ownerExternalId` from the 202 reply (`None` after [`resume`]).
    pub owner_external_id: Option<String>,
    /// The final command, `state="successful"`, with its `<result>`.
    pub command: Command,
    /// The final reply, as received.
    pub raw: RawReply,
    /// Poll requests sent.
    pub polls: u32,
    /// Time since [`run`] or [`resume`] began.
    pub elapsed: Duration,
}

/// A failed, cancelled or timed-out import.
#[derive(Debug, Clone)]
pub struct ImportFailure {
    /// What went wrong.
    pub error: Box<Error>,
    /// The command, when the import had started: resume with it after `Cancelled` or
    /// `DeadlineExceeded`, or show it in the diagnostic.
    pub command_id: Option<String>,
}

impl fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for ImportFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.error)
    }
}

/// Starts the session's default import with `since` and polls it to the end.
pub async fn run(
    client: &Client,
    session: &SessionCredentials,
    since: NaiveDate,
    config: &ImportConfig,
    events: &UnboundedSender<ImportEvent>,
) -> Result<ImportOutcome, ImportFailure> {
    let mut driver = Driver::new(client, config, events, None);
    if config.cancel.is_cancelled() {
        return Err(driver.fail(Error::Cancelled { command_id: None }));
    }
    let started = match client.start_default_import(session, since).await {
        Ok(started) => started,
        Err(error) => {
            driver.emit_raw_of(&error);
            return Err(driver.fail(error));
        }
    };
    driver.emit(ImportEvent::RawReply(started.raw.clone()));
    let command = started.value.command;
    driver.command_id = Some(command.id.clone());
    driver.owner_external_id = started.value.owner_external_id.clone();
    driver.state = Some(command.state.clone());
    driver.emit(ImportEvent::Started {
        command_id: command.id.clone(),
        owner_external_id: started.value.owner_external_id,
        state: command.state.clone(),
    });
    if command.state.is_final() {
        return driver.finish(command, started.raw);
    }
    driver.poll(config.poll_interval).await
}

/// Continues polling an existing command (the app persisted its id before a restart). The
/// first poll is sent at once.
pub async fn resume(
    client: &Client,
    command_id: &str,
    config: &ImportConfig,
    events: &UnboundedSender<ImportEvent>,
) -> Result<ImportOutcome, ImportFailure> {
    let mut driver = Driver::new(client, config, events, Some(command_id.to_owned()));
    driver.emit(ImportEvent::Resumed {
        command_id: command_id.to_owned(),
    });
    driver.poll(Duration::ZERO).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let config = ImportConfig {
            poll_interval: Duration::from_secs(3),
            backoff_max: Duration::from_secs(20),
            ..ImportConfig::default()
        };
        let waits: Vec<u64> = (1..=6).map(|n| config.backoff(n).as_secs()).collect();
        assert_eq!(waits, [3, 6, 12, 20, 20, 20]);
        assert_eq!(config.backoff(u32::MAX), Duration::from_secs(20));
    }

    #[test]
    fn an_unrepresentable_deadline_does_not_panic() {
        let config = ImportConfig {
            deadline: Duration::MAX,
            ..ImportConfig::default()
        };
        let client = crate::client::Client::new(crate::client::ClientConfig::new(
            url::Url::parse("http://127.0.0.1:9/").unwrap(),
        ))
        .unwrap();
        let (events, _) = tokio::sync::mpsc::unbounded_channel();
        let _ = driver::Driver::new(&client, &config, &events, None);
    }

    #[test]
    fn production_check_clamps_the_interval() {
        let fast = ImportConfig {
            poll_interval: Duration::from_millis(10),
            ..Default::default()
        };
        assert!(!fast.is_production_safe());
        let checked = fast.production_checked();
        assert_eq!(checked.poll_interval, protocol::POLL_INTERVAL_MIN);
        assert!(checked.is_production_safe());
        let slow = ImportConfig {
            poll_interval: Duration::from_secs(60),
            ..Default::default()
        };
        assert_eq!(
            slow.production_checked().poll_interval,
            protocol::POLL_INTERVAL_MAX
        );
        assert!(ImportConfig::default().is_production_safe());
    }
}
