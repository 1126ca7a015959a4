//! The default import as a use-case (F-IMP-2, F-IMP-3, F-IMP-6, F-STO-2): claim the session in the
//! store before any network call, run Kontomatik's driver, store every raw reply the moment it
//! arrives, remember the command id, and ingest the result in one transaction — or record why not
//! (a failed ingest, e.g. on a full disk, leaves the import failed with its raw reply kept).

use chrono::{Months, NaiveDate};
use lupa_kontomatik::client::SessionCredentials;
use lupa_kontomatik::import::{self, ImportConfig, ImportEvent, ImportFailure, ImportOutcome};
use lupa_kontomatik::{Client, Environment, protocol};
use lupa_store::{CaseId, Flow, ImportId, IngestReport, NewImport, Store};
use tokio::sync::mpsc::{self, UnboundedSender};

use crate::error::{Error, Result};
use crate::session_input::SessionInput;
use crate::summary::{ImportSummary, summarize};

/// `since` when the analyst does not choose: [`protocol::DEFAULT_SINCE_YEARS`] years before `today`.
pub fn default_since(today: NaiveDate) -> NaiveDate {
    let months = Months::new(12 * protocol::DEFAULT_SINCE_YEARS.unsigned_abs());
    today.checked_sub_months(months).unwrap_or(today)
}

/// A finished and stored import.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The import's id in the store.
    pub import_id: ImportId,
    /// The driver's outcome: command id, final command, final raw reply, polls, time.
    pub outcome: ImportOutcome,
    /// What the store did with it (new, matched, pending → booked).
    pub stored: IngestReport,
    /// Owners, accounts and transaction counts.
    pub summary: ImportSummary,
}

/// An import that failed, with the store's import id when one was created.
#[derive(Debug)]
pub struct FailedImport {
    /// The import row (failed, or still running when the outcome is unknown).
    pub import_id: Option<ImportId>,
    /// Kontomatik's command, when it was started.
    pub command_id: Option<String>,
    /// What went wrong.
    pub error: Error,
}

impl From<Error> for FailedImport {
    fn from(error: Error) -> Self {
        FailedImport {
            import_id: None,
            command_id: None,
            error,
        }
    }
}

/// The owner id a case is filed under when the widget gave none: Kontomatik then generates one,
/// but only tells it after the start; the session id keeps the case unique until then.
fn provisional_owner(input: &SessionInput) -> String {
    format!("session-{}", input.session_id)
}

/// Runs the session's one default import and stores it. `progress` receives every driver event.
pub async fn import_default(
    store: &mut Store,
    client: &Client,
    environment: Environment,
    input: &SessionInput,
    since: NaiveDate,
    config: &ImportConfig,
    progress: &UnboundedSender<ImportEvent>,
) -> Result<ImportReport, FailedImport> {
    let (_, import_id) = claim_session(store, environment, input, since)?;
    run_claimed_import(store, client, import_id, input, since, config, progress).await
}

/// Files the import under its case and records the session as used (F-IMP-2), before any network
/// call: a session already used is refused here with [`lupa_store::Error::SessionAlreadyUsed`].
pub fn claim_session(
    store: &mut Store,
    environment: Environment,
    input: &SessionInput,
    since: NaiveDate,
) -> Result<(CaseId, ImportId)> {
    let owner = input
        .owner_external_id
        .clone()
        .unwrap_or_else(|| provisional_owner(input));
    let target = input.target.clone().unwrap_or_default();
    Ok(store.create_case_and_import(&NewImport {
        environment,
        owner_external_id: &owner,
        target: &target,
        session_id: Some(&input.session_id),
        since: Some(since),
        flow: Flow::Default,
    })?)
}

/// Runs the default import of a session claimed by [`claim_session`] and stores it.
pub async fn run_claimed_import(
    store: &mut Store,
    client: &Client,
    import_id: ImportId,
    input: &SessionInput,
    since: NaiveDate,
    config: &ImportConfig,
    progress: &UnboundedSender<ImportEvent>,
) -> Result<ImportReport, FailedImport> {
    let credentials = SessionCredentials {
        session_id: input.session_id.clone(),
        signature: input.session_id_signature.clone(),
    };
    let run = |events: UnboundedSender<ImportEvent>| async move {
        import::run(client, &credentials, since, config, &events).await
    };
    drive(store, import_id, run, progress).await
}

/// Goes on polling an import whose command id was stored before the app closed (F-IMP-6).
pub async fn resume_import(
    store: &mut Store,
    client: &Client,
    import_id: ImportId,
    command_id: &str,
    config: &ImportConfig,
    progress: &UnboundedSender<ImportEvent>,
) -> Result<ImportReport, FailedImport> {
    let run = |events: UnboundedSender<ImportEvent>| async move {
        import::resume(client, command_id, config, &events).await
    };
    drive(store, import_id, run, progress).await
}

/// Runs the driver while storing its raw replies and command id, then ingests or records failure.
async fn drive<F, Fut>(
    store: &mut Store,
    import_id: ImportId,
    run: F,
    progress: &UnboundedSender<ImportEvent>,
) -> Result<ImportReport, FailedImport>
where
    F: FnOnce(UnboundedSender<ImportEvent>) -> Fut,
    Fut: Future<Output = Result<ImportOutcome, ImportFailure>>,
{
    let (sender, mut receiver) = mpsc::unbounded_channel();
    let driver = run(sender);
    let recorder = async {
        let mut first_error: Option<Error> = None;
        while let Some(event) = receiver.recv().await {
            let stored = match &event {
                ImportEvent::RawReply(raw) => store.save_raw_reply(import_id, raw).map(|_| ()),
                ImportEvent::Started { command_id, .. } => {
                    store.record_command_started(import_id, command_id)
                }
                _ => Ok(()),
            };
            if let Err(error) = stored {
                first_error.get_or_insert(error.into());
            }
            let _ = progress.send(event);
        }
        first_error
    };
    let (outcome, store_error) = tokio::join!(driver, recorder);
    if let Some(error) = store_error {
        return Err(FailedImport {
            import_id: Some(import_id),
            command_id: None,
            error,
        });
    }
    match outcome {
        Ok(outcome) => {
            let Some(result) = outcome.command.result.as_ref() else {
                return Err(FailedImport {
                    import_id: Some(import_id),
                    command_id: Some(outcome.command_id.clone()),
                    error: Error::NotFound("the finished command has no result".into()),
                });
            };
            let stored = match store.ingest_import(import_id, result) {
                Ok(stored) => stored,
                Err(error) => {
                    // Rolled back whole; the raw reply stays, and `reingest` completes the
                    // import once the cause (a full disk, say) is gone. Recording the failure
                    // is a small write that may fail too: the import then stays running and
                    // is resumed at the next start.
                    let error = Error::from(error);
                    let recorded = store.finish_import_failed(
                        import_id,
                        error.code(),
                        None,
                        Some(&error.to_string()),
                    );
                    if let Err(store_error) = recorded {
                        tracing::warn!(%store_error, "could not record the failed ingest");
                    }
                    return Err(FailedImport {
                        import_id: Some(import_id),
                        command_id: Some(outcome.command_id.clone()),
                        error,
                    });
                }
            };
            let summary = summarize(result);
            Ok(ImportReport {
                import_id,
                outcome,
                stored,
                summary,
            })
        }
        Err(failure) => {
            let error = *failure.error;
            // These leave the import running: a cancelled or timed-out import has a command id to
            // resume (F-IMP-6); a start whose outcome is unknown has spent the session either way.
            // Everything else is final.
            let resumable = matches!(
                error.code(),
                "start_outcome_unknown" | "cancelled" | "deadline_exceeded"
            );
            if !resumable {
                let exception = error.exception();
                let recorded = store.finish_import_failed(
                    import_id,
                    error.code(),
                    exception.map(|e| e.name.as_str()),
                    exception.and_then(|e| e.message.as_deref()),
                );
                if let Err(store_error) = recorded {
                    tracing::warn!(%store_error, "could not record the failed import");
                }
            }
            Err(FailedImport {
                import_id: Some(import_id),
                command_id: failure.command_id,
                error: error.into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_since_is_five_years_back_even_on_a_leap_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(default_since(day(2026, 11, 25)), day(2021, 11, 25));
        assert_eq!(default_since(day(2028, 2, 29)), day(2023, 2, 28));
    }
}
