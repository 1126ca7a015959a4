//! The polling loop behind [`super::run`] and [`super::resume`]: waits, polls, retries transient
//! failures with backoff, honours cancellation and the deadline, and emits the events.

use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use super::{ImportConfig, ImportEvent, ImportFailure, ImportOutcome};
use crate::client::{Client, RawReply};
use crate::error::Error;
use crate::model::{Command, CommandState};
use crate::protocol;

/// The state of one import.
pub(super) struct Driver<'a> {
    client: &'a Client,
    config: &'a ImportConfig,
    events: &'a UnboundedSender<ImportEvent>,
    pub(super) command_id: Option<String>,
    pub(super) owner_external_id: Option<String>,
    pub(super) state: Option<CommandState>,
    polls: u32,
    began: Instant,
    deadline: Instant,
}

/// Why waiting stopped early.
enum Interrupted {
    Cancelled,
    Deadline,
}

impl<'a> Driver<'a> {
    pub(super) fn new(
        client: &'a Client,
        config: &'a ImportConfig,
        events: &'a UnboundedSender<ImportEvent>,
        command_id: Option<String>,
    ) -> Self {
        let began = Instant::now();
        Driver {
            client,
            config,
            events,
            command_id,
            owner_external_id: None,
            state: None,
            polls: 0,
            began,
            // A deadline too far to represent is no deadline (about 30 years).
            deadline: began
                .checked_add(config.deadline)
                .unwrap_or_else(|| began + Duration::from_secs(30 * 365 * 24 * 3600)),
        }
    }

    pub(super) fn emit(&self, event: ImportEvent) {
        // A dropped receiver only means nobody listens; the import goes on.
        let _ = self.events.send(event);
    }

    pub(super) fn emit_raw_of(&self, error: &Error) {
        if let Some(raw) = error.raw() {
            self.emit(ImportEvent::RawReply(raw.clone()));
        }
    }

    /// Polls until a final state, starting after `first_wait`.
    pub(super) async fn poll(
        &mut self,
        first_wait: Duration,
    ) -> Result<ImportOutcome, ImportFailure> {
        let command_id = self.command_id.clone().unwrap_or_default();
        let mut wait = first_wait;
        let mut failures = 0u32;
        loop {
            if let Err(interrupted) = self.wait(wait).await {
                return Err(self.interrupted(interrupted));
            }
            self.polls += 1;
            let reply = tokio::select! {
                biased;
                () = self.config.cancel.cancelled() => {
                    return Err(self.interrupted(Interrupted::Cancelled));
                }
                () = tokio::time::sleep_until(self.deadline) => {
                    return Err(self.interrupted(Interrupted::Deadline));
                }
                reply = self.client.get_command(&command_id) => reply,
            };
            match reply {
                Ok(exchange) => {
                    self.emit(ImportEvent::RawReply(exchange.raw.clone()));
                    failures = 0;
                    let command = exchange.value;
                    let is_final = command.state.is_final();
                    self.emit(ImportEvent::Polled {
                        poll: self.polls,
                        state: command.state.clone(),
                        progress: command.progress,
                        elapsed: self.began.elapsed(),
                        next_poll_in: (!is_final).then_some(self.config.poll_interval),
                    });
                    if self.state.as_ref() != Some(&command.state) {
                        let from = self.state.replace(command.state.clone());
                        self.emit(ImportEvent::StateChanged {
                            from,
                            to: command.state.clone(),
                        });
                    }
                    if is_final {
                        return self.finish(command, exchange.raw);
                    }
                    wait = self.config.poll_interval;
                }
                Err(error) => {
                    self.emit_raw_of(&error);
                    if !error.is_transient() || failures >= self.config.max_transient_failures {
                        return Err(self.fail(error));
                    }
                    failures += 1;
                    let retry_in = self.config.backoff(failures);
                    tracing::info!(
                        command_id = %command_id,
                        attempt = failures,
                        code = error.code(),
                        retry_in_ms = retry_in.as_millis() as u64,
                        "transient poll failure; retrying"
                    );
                    self.emit(ImportEvent::TransientFailure {
                        attempt: failures,
                        error_code: error.code(),
                        message: error.to_string(),
                        retry_in,
                    });
                    wait = retry_in;
                }
            }
        }
    }

    /// Sleeps `duration`, unless cancelled or past the deadline first.
    async fn wait(&self, duration: Duration) -> Result<(), Interrupted> {
        if self.config.cancel.is_cancelled() {
            return Err(Interrupted::Cancelled);
        }
        if Instant::now() >= self.deadline {
            return Err(Interrupted::Deadline);
        }
        if duration.is_zero() {
            return Ok(());
        }
        tokio::select! {
            biased;
            () = self.config.cancel.cancelled() => Err(Interrupted::Cancelled),
            () = tokio::time::sleep_until(self.deadline) => Err(Interrupted::Deadline),
            () = tokio::time::sleep(duration) => Ok(()),
        }
    }

    fn interrupted(&self, interrupted: Interrupted) -> ImportFailure {
        let command_id = self.command_id.clone();
        let error = match (interrupted, command_id) {
            (Interrupted::Deadline, Some(command_id)) => Error::DeadlineExceeded {
                command_id,
                elapsed: self.began.elapsed(),
            },
            (_, command_id) => Error::Cancelled { command_id },
        };
        self.fail(error)
    }

    /// A command in a final state: the outcome, or the error its state means.
    pub(super) fn finish(
        &self,
        command: Command,
        raw: RawReply,
    ) -> Result<ImportOutcome, ImportFailure> {
        if command.state == CommandState::Successful {
            if protocol::SUCCESSFUL_IMPORT_NEEDS_RESULT && command.result.is_none() {
                return Err(self.fail(Error::Protocol {
                    http_status: raw.http_status,
                    message: format!(
                        "command {} is successful but its reply has no <result>",
                        command.id
                    ),
                    first_bytes: raw.first_bytes(),
                    raw: Some(Box::new(raw)),
                }));
            }
            let elapsed = self.began.elapsed();
            self.emit(ImportEvent::Finished {
                command_id: Some(command.id.clone()),
                state: Some(command.state.clone()),
                error_code: None,
                polls: self.polls,
                elapsed,
            });
            return Ok(ImportOutcome {
                command_id: command.id.clone(),
                owner_external_id: self.owner_external_id.clone(),
                command,
                raw,
                polls: self.polls,
                elapsed,
            });
        }
        let error = Error::from_failed_command(&command, Some(raw)).unwrap_or_else(|| {
            // Unreachable: `finish` is only called for final states.
            Error::Cancelled {
                command_id: Some(command.id.clone()),
            }
        });
        Err(self.fail(error))
    }

    /// Emits `Finished` for a failure and wraps it.
    pub(super) fn fail(&self, error: Error) -> ImportFailure {
        let command_id = self
            .command_id
            .clone()
            .or_else(|| error.command_id().map(str::to_owned));
        tracing::info!(
            command_id = command_id.as_deref().unwrap_or("-"),
            code = error.code(),
            "import ended without success"
        );
        self.emit(ImportEvent::Finished {
            command_id: command_id.clone(),
            state: self.state.clone(),
            error_code: Some(error.code()),
            polls: self.polls,
            elapsed: self.began.elapsed(),
        });
        ImportFailure {
            error: Box::new(error),
            command_id,
        }
    }
}
