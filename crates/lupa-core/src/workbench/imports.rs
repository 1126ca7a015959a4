//! Imports in the app (F-IMP-1, F-IMP-2, F-IMP-5, F-IMP-6, F-IMP-8): a confirm card from pasted or
//! deep-linked session data, one action to start, an honest live status per import, several at
//! once, resumed after a restart, signed out afterwards where the bank supports it.

use chrono::{DateTime, NaiveDate, Utc};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::SessionCredentials;
use lupa_kontomatik::import::{ImportConfig, ImportEvent};
use lupa_store::table::imports::ImportRow;
use serde::Serialize;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::{IpcError, Workbench, lock};
use crate::error::{Error, Result};
use crate::import::{self, FailedImport, ImportReport};
use crate::session_input::{SessionInput, parse_session_input};

/// Where an import is, in the analyst's words (F-IMP-5). No state claims more than is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "workbench.ts")]
pub enum ImportPhase {
    /// The session is claimed; Kontomatik has not yet accepted the command.
    Setup,
    /// Kontomatik accepted the command and is fetching; polling.
    InProgress,
    /// Kontomatik finished; the data is being written to the database.
    Saving,
    /// The data is stored.
    Saved,
    /// The session is spent, expired or refused: the applicant must sign in to the bank again.
    NeedsNewLogin,
    /// Kontomatik, the bank or the network failed for now: a later attempt may work.
    RetryLater,
    /// It failed for good (fatal, unreadable, refused key); the diagnostic says why.
    Failed,
    /// Polling stopped before the end (the app closed); it resumes at the next start.
    Interrupted,
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct StoredCounts {
    /// Owners named by the import.
    pub owners: u32,
    /// Accounts.
    pub accounts: u32,
    /// Transactions in the reply.
    pub transactions: u32,
    /// Of these, new to the case.
    pub new_transactions: u32,
}

/// One import's live status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct ImportStatus {
    /// The import.
    pub import_id: i64,
    /// Its case.
    pub case_id: i64,
    /// Where it runs.
    pub environment: Environment,
    /// The bank target, e.g. `KontoBank`.
    pub target: String,
    /// The applicant's owner id.
    pub owner_external_id: String,
    /// Where it is.
    pub phase: ImportPhase,
    /// Kontomatik's command id, once accepted (copyable, for support).
    pub command_id: Option<String>,
    /// The command's state as Kontomatik last reported it (`in_progress`, …).
    pub kontomatik_state: Option<String>,
    /// Kontomatik's `progress/value`, when it sends one.
    pub progress: Option<u32>,
    /// Polls sent.
    pub polls: u32,
    /// When it started (or, when resumed, when this run resumed it).
    pub started_at: DateTime<Utc>,
    /// When the last reply arrived.
    pub last_reply_at: Option<DateTime<Utc>>,
    /// Milliseconds until the next poll, from `last_reply_at`.
    pub next_poll_in_ms: Option<u64>,
    /// When it ended.
    pub finished_at: Option<DateTime<Utc>>,
    /// Consecutive failed polls being retried.
    pub transient_failures: u32,
    /// The last transient problem, while retrying.
    pub problem: Option<String>,
    /// Why it ended without data.
    pub error: Option<IpcError>,
    /// What it stored.
    pub stored: Option<StoredCounts>,
    /// Signed out of the bank afterwards: `true`, `false` (tried and failed), or `null` (the
    /// bank does not support it, or the session's signature is no longer known).
    pub signed_out: Option<bool>,
    /// It was resumed after a restart.
    pub resumed: bool,
    /// Grows with every change of this import's status in this run: of two copies, the higher
    /// is newer (a command's reply may reach the window after later events).
    pub revision: u64,
}

/// The confirm card: what would be imported, before anything is sent (F-IMP-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct SessionPreview {
    /// The target (bank) the session names.
    pub target: Option<String>,
    /// The bank's official name from the cached catalog.
    pub bank: Option<String>,
    /// The applicant's owner id (Kontomatik generates one when the widget gave none).
    pub owner_external_id: Option<String>,
    /// The environment the import would run in (the active one).
    pub environment: Environment,
    /// Transactions since this day.
    pub since: NaiveDate,
    /// The end of the session id, to tell sessions apart (the signature is never shown).
    pub session_id_tail: String,
    /// The applicant granted refreshable access (F-IMP-7).
    pub multiple_access: bool,
    /// When this session was already used by an import: starting would be refused.
    pub already_used_at: Option<DateTime<Utc>>,
}

fn tail(text: &str, n: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

fn status_of_row(row: &ImportRow, owner_external_id: String, phase: ImportPhase) -> ImportStatus {
    ImportStatus {
        import_id: row.id.0,
        case_id: row.case_id.0,
        environment: row.environment,
        target: row.target.clone(),
        owner_external_id,
        phase,
        command_id: row.command_id.clone(),
        kontomatik_state: None,
        progress: None,
        polls: 0,
        started_at: row.started_at,
        last_reply_at: None,
        next_poll_in_ms: None,
        finished_at: None,
        transient_failures: 0,
        problem: None,
        error: None,
        stored: None,
        signed_out: None,
        resumed: false,
        revision: 0,
    }
}

/// The phase an import ends in when it fails with `error`.
fn failure_phase(error: &Error) -> ImportPhase {
    use super::IpcCode::*;
    match super::IpcCode::of(error) {
        SessionAlreadyUsed | SessionExpired | NeedsNewLogin => ImportPhase::NeedsNewLogin,
        RetryLater => ImportPhase::RetryLater,
        Interrupted => ImportPhase::Interrupted,
        _ => ImportPhase::Failed,
    }
}

/// Applies one driver event to a status.
fn apply(status: &mut ImportStatus, event: &ImportEvent) {
    let now = Utc::now();
    match event {
        ImportEvent::RawReply(_) => status.last_reply_at = Some(now),
        ImportEvent::Started {
            command_id, state, ..
        } => {
            status.command_id = Some(command_id.clone());
            status.kontomatik_state = Some(state.as_str().to_owned());
            status.phase = ImportPhase::InProgress;
        }
        ImportEvent::Resumed { command_id } => {
            status.command_id = Some(command_id.clone());
            status.phase = ImportPhase::InProgress;
        }
        ImportEvent::Polled {
            poll,
            state,
            progress,
            next_poll_in,
            ..
        } => {
            status.polls = *poll;
            status.kontomatik_state = Some(state.as_str().to_owned());
            status.progress = *progress;
            status.next_poll_in_ms = next_poll_in.map(|d| d.as_millis() as u64);
            status.transient_failures = 0;
            status.problem = None;
        }
        ImportEvent::StateChanged { .. } => {}
        ImportEvent::TransientFailure {
            attempt,
            message,
            retry_in,
            ..
        } => {
            status.polls += 1;
            status.transient_failures = *attempt;
            status.problem = Some(message.clone());
            status.next_poll_in_ms = Some(retry_in.as_millis() as u64);
        }
        ImportEvent::Finished {
            error_code, polls, ..
        } => {
            status.polls = *polls;
            status.next_poll_in_ms = None;
            if error_code.is_none() {
                status.phase = ImportPhase::Saving;
            }
        }
    }
}

impl Workbench {
    /// Reads pasted or deep-linked session data into the confirm card. Sends nothing.
    pub async fn preview_session(&self, text: String) -> Result<SessionPreview> {
        let input = parse_session_input(&text)?;
        let environment = self.environment();
        let bank = input.target.as_ref().and_then(|target| {
            self.cached_catalog(environment).and_then(|catalog| {
                catalog
                    .targets
                    .into_iter()
                    .find(|t| &t.name == target)
                    .map(|t| t.official_name)
            })
        });
        let already_used_at = self
            .store()
            .used_session(environment, &input.session_id)?
            .map(|used| used.used_at);
        Ok(SessionPreview {
            target: input.target.clone(),
            bank,
            owner_external_id: input.owner_external_id.clone(),
            environment,
            since: import::default_since(Utc::now().date_naive()),
            session_id_tail: tail(&input.session_id, 6),
            multiple_access: input.multiple_access_id.is_some(),
            already_used_at,
        })
    }

    /// Starts the default import of pasted or deep-linked session data in the active environment
    /// and returns at once; the status then arrives as events. A used session is refused here,
    /// before any network call.
    pub async fn start_import(&self, text: String) -> Result<ImportStatus> {
        let input = parse_session_input(&text)?;
        let environment = self.environment();
        // A missing key fails before the session is spent.
        let client = self.client(environment, None).await?;
        self.launch_import(client, environment, input, None).await
    }

    /// Refreshes a case's bank data with the applicant's multiple-access consent (F-IMP-7):
    /// Kontomatik opens a new session from the consent, which is then imported like any other.
    pub async fn refresh_import(&self, case_id: i64) -> Result<ImportStatus> {
        let case_id = lupa_store::CaseId(case_id);
        let (case, consent) = {
            let store = self.store();
            (store.case(case_id)?, store.multiple_access(case_id)?)
        };
        let consent = consent.ok_or_else(|| {
            Error::InvalidInput("the applicant did not grant refreshable (multiple) access".into())
        })?;
        if consent.revoked_at.is_some() {
            return Err(Error::InvalidInput(
                "the multiple-access consent was revoked: a new bank login is needed".into(),
            ));
        }
        let client = self.client(case.environment, None).await?;
        let session = client
            .reuse_multiple_access(&consent.multiple_access_id)
            .await?
            .value;
        let input = SessionInput {
            target: session.target.or(Some(consent.target.clone())),
            session_id: session.id,
            session_id_signature: lupa_kontomatik::Sensitive::new(session.signature),
            owner_external_id: Some(case.owner_external_id),
            multiple_access_id: None,
        };
        self.launch_import(client, case.environment, input, Some(consent.id))
            .await
    }

    /// Revokes a case's multiple-access consent at Kontomatik and records it.
    pub async fn revoke_multiple_access(&self, case_id: i64) -> Result<()> {
        let case_id = lupa_store::CaseId(case_id);
        let (case, consent) = {
            let store = self.store();
            (store.case(case_id)?, store.multiple_access(case_id)?)
        };
        let consent = consent
            .ok_or_else(|| Error::NotFound("the case has no multiple-access consent".into()))?;
        let client = self.client(case.environment, None).await?;
        client
            .delete_multiple_access(&consent.multiple_access_id)
            .await?;
        self.store().revoke_multiple_access(consent.id)?;
        Ok(())
    }

    /// Claims the session, records a consent or a refresh, and runs the import on a task.
    async fn launch_import(
        &self,
        client: lupa_kontomatik::Client,
        environment: Environment,
        input: SessionInput,
        refresh_of: Option<i64>,
    ) -> Result<ImportStatus> {
        let since = import::default_since(Utc::now().date_naive());
        let (row, owner) = {
            let mut store = self.store();
            let (case_id, import_id) =
                import::claim_session(&mut store, environment, &input, since)?;
            if let Some(consent) = refresh_of {
                store.record_refresh(consent, import_id)?;
            }
            if let Some(consent) = &input.multiple_access_id {
                let target = input.target.as_deref().unwrap_or_default();
                store.record_multiple_access(case_id, import_id, consent, target)?;
            }
            let owner = store.case(case_id)?.owner_external_id;
            (store.import(import_id)?, owner)
        };
        let status = status_of_row(&row, owner, ImportPhase::Setup);
        self.publish(&status);
        let workbench = self.clone_handle();
        let config = self.import_config(environment);
        tokio::spawn(async move {
            workbench
                .run_import(client, status, input, since, config)
                .await;
        });
        Ok(self.import_status(row.id.0).expect("just published"))
    }

    /// Every import this run started or resumed, newest first.
    pub async fn list_imports(&self) -> Result<Vec<ImportStatus>> {
        Ok(lock(&self.inner.imports).values().rev().cloned().collect())
    }

    fn import_status(&self, import_id: i64) -> Option<ImportStatus> {
        lock(&self.inner.imports).get(&import_id).cloned()
    }

    fn publish(&self, status: &ImportStatus) {
        let published = {
            let mut imports = lock(&self.inner.imports);
            let revision = imports
                .get(&status.import_id)
                .map_or(1, |known| known.revision + 1);
            let published = ImportStatus {
                revision,
                ..status.clone()
            };
            imports.insert(status.import_id, published.clone());
            published
        };
        self.inner.sink.import_changed(&published);
    }

    fn import_config(&self, environment: Environment) -> ImportConfig {
        let token = CancellationToken::new();
        let config = ImportConfig {
            poll_interval: self.inner.options.poll_interval,
            cancel: token,
            ..ImportConfig::default()
        };
        if environment == Environment::Sandbox {
            ImportConfig {
                poll_interval: self.inner.options.sandbox_poll_interval,
                ..config
            }
        } else {
            config.production_checked()
        }
    }

    /// Resumes the imports a previous run left running (F-IMP-6). One without a command id
    /// never got Kontomatik's answer to its start: its session is spent, so it fails with
    /// advice to sign in again.
    pub(super) async fn resume_running_imports(&self) -> Result<()> {
        let running = self.store().running_imports()?;
        for row in running {
            let owner = self
                .store()
                .case(row.case_id)
                .map(|case| case.owner_external_id)
                .unwrap_or_default();
            let Some(command_id) = row.command_id.clone() else {
                let error = Error::Kontomatik(lupa_kontomatik::Error::StartOutcomeUnknown {
                    message: "Lupa closed before Kontomatik confirmed the start".into(),
                    raw: None,
                });
                let mut status = status_of_row(&row, owner, failure_phase(&error));
                self.store().finish_import_failed(
                    row.id,
                    error.code(),
                    None,
                    Some("interrupted before Kontomatik confirmed the start"),
                )?;
                status.error = Some(IpcError::from(&error));
                status.finished_at = Some(Utc::now());
                self.publish(&status);
                continue;
            };
            let mut status = status_of_row(&row, owner, ImportPhase::InProgress);
            status.resumed = true;
            status.started_at = Utc::now();
            let client = match self.client(row.environment, None).await {
                Ok(client) => client,
                Err(error) => {
                    // Left running in the store: it resumes once the key is back.
                    status.phase = ImportPhase::Interrupted;
                    status.error = Some(IpcError::from(&error));
                    self.publish(&status);
                    continue;
                }
            };
            self.publish(&status);
            let workbench = self.clone_handle();
            let config = self.import_config(row.environment);
            tokio::spawn(async move {
                workbench
                    .resume_one(client, status, command_id, config)
                    .await;
            });
        }
        Ok(())
    }

    async fn run_import(
        &self,
        client: lupa_kontomatik::Client,
        status: ImportStatus,
        input: SessionInput,
        since: NaiveDate,
        config: ImportConfig,
    ) {
        let import_id = lupa_store::ImportId(status.import_id);
        let (client, input_ref, config_ref) = (&client, &input, &config);
        let result = self
            .drive_task(status, &config, |mut store, progress| async move {
                import::run_claimed_import(
                    &mut store, client, import_id, input_ref, since, config_ref, &progress,
                )
                .await
            })
            .await;
        let signed_out = match &result {
            Ok(_) => self.sign_out_if_supported(&input).await,
            Err(_) => None,
        };
        self.finish(import_id.0, result, signed_out);
    }

    async fn resume_one(
        &self,
        client: lupa_kontomatik::Client,
        status: ImportStatus,
        command_id: String,
        config: ImportConfig,
    ) {
        let import_id = lupa_store::ImportId(status.import_id);
        let (client, command_id, config_ref) = (&client, &command_id, &config);
        let result = self
            .drive_task(status, &config, |mut store, progress| async move {
                import::resume_import(
                    &mut store, client, import_id, command_id, config_ref, &progress,
                )
                .await
            })
            .await;
        self.finish(import_id.0, result, None);
    }

    /// Runs one import's `work` on its own database connection (so the UI's queries never wait
    /// for it), cancellable through `config`, publishing its driver events as statuses.
    async fn drive_task<F, Fut>(
        &self,
        status: ImportStatus,
        config: &ImportConfig,
        work: F,
    ) -> std::result::Result<ImportReport, FailedImport>
    where
        F: FnOnce(lupa_store::Store, mpsc::UnboundedSender<ImportEvent>) -> Fut,
        Fut: Future<Output = std::result::Result<ImportReport, FailedImport>>,
    {
        lock(&self.inner.cancels).insert(status.import_id, config.cancel.clone());
        match self.open_store() {
            Ok(store) => {
                self.with_progress(status, |progress| work(store, progress))
                    .await
            }
            Err(error) => Err(FailedImport::from(error)),
        }
    }

    /// Runs `work` while turning its driver events into published statuses.
    async fn with_progress<F, Fut>(
        &self,
        mut status: ImportStatus,
        work: F,
    ) -> std::result::Result<ImportReport, FailedImport>
    where
        F: FnOnce(mpsc::UnboundedSender<ImportEvent>) -> Fut,
        Fut: Future<Output = std::result::Result<ImportReport, FailedImport>>,
    {
        let (sender, mut receiver) = mpsc::unbounded_channel();
        let publisher = async {
            while let Some(event) = receiver.recv().await {
                apply(&mut status, &event);
                if !matches!(event, ImportEvent::RawReply(_)) {
                    self.publish(&status);
                }
            }
        };
        let (result, ()) = tokio::join!(work(sender), publisher);
        result
    }

    fn finish(
        &self,
        import_id: i64,
        result: std::result::Result<ImportReport, FailedImport>,
        signed_out: Option<bool>,
    ) {
        tracing::info!(import_id, ok = result.is_ok(), "import finished");
        lock(&self.inner.cancels).remove(&import_id);
        let Some(mut status) = self.import_status(import_id) else {
            return;
        };
        status.next_poll_in_ms = None;
        match result {
            Ok(report) => {
                self.checkpoint_later();
                self.forget_review(lupa_store::CaseId(status.case_id));
                status.phase = ImportPhase::Saved;
                status.finished_at = Some(Utc::now());
                status.command_id = Some(report.outcome.command_id.clone());
                status.stored = Some(StoredCounts {
                    owners: report.stored.owners as u32,
                    accounts: report.stored.accounts as u32,
                    transactions: report.stored.transactions as u32,
                    new_transactions: report.stored.new_transactions as u32,
                });
                status.signed_out = signed_out;
                // Kontomatik may have generated the owner id: show what the case is filed under.
                let case = {
                    let store = self.store();
                    store
                        .import(report.import_id)
                        .and_then(|row| store.case(row.case_id))
                };
                if let Ok(case) = case {
                    status.owner_external_id = case.owner_external_id;
                }
            }
            Err(failed) => {
                status.phase = failure_phase(&failed.error);
                if status.phase != ImportPhase::Interrupted {
                    status.finished_at = Some(Utc::now());
                }
                if let Some(command_id) = failed.command_id {
                    status.command_id = Some(command_id);
                }
                status.error = Some(IpcError::from(&failed.error));
            }
        }
        self.publish(&status);
    }

    /// The work an import leaves for idle time, off the UI's connection so the ingest never
    /// waits for it: the full-text index catches up (`Store::index_search`; a search would
    /// otherwise do it first), then the WAL moves into the database file (`Store::checkpoint`).
    fn checkpoint_later(&self) {
        let workbench = self.clone_handle();
        tokio::task::spawn_blocking(move || match workbench.open_store() {
            Ok(store) => {
                if let Err(error) = store.index_search() {
                    tracing::warn!(%error, "search index catch-up failed; a search will retry");
                }
                if let Err(error) = store.checkpoint() {
                    tracing::warn!(%error, "checkpoint failed; SQLite will do it later");
                }
            }
            Err(error) => tracing::warn!(%error, "no connection for the checkpoint"),
        });
    }

    /// F-IMP-8: signs out of the bank session when the catalog lists `SignOutCommand` for the
    /// target. `None` when the bank does not support it or the catalog is unavailable.
    async fn sign_out_if_supported(&self, input: &SessionInput) -> Option<bool> {
        let environment = self.environment();
        let target = input.target.as_ref()?;
        let catalog = match self.cached_catalog(environment) {
            Some(catalog) => catalog,
            None => self.catalog(true).await.ok()?,
        };
        let supported = catalog
            .targets
            .iter()
            .any(|t| &t.name == target && t.supports(lupa_kontomatik::protocol::SIGN_OUT_COMMAND));
        if !supported {
            return None;
        }
        let client = self.client(environment, None).await.ok()?;
        let credentials = SessionCredentials {
            session_id: input.session_id.clone(),
            signature: input.session_id_signature.clone(),
        };
        match client.sign_out(&credentials).await {
            Ok(_) => Some(true),
            Err(error) => {
                tracing::warn!(code = error.code(), "sign-out failed");
                Some(false)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_and_failure_phases() {
        assert_eq!(tail("455026009", 4), "6009");
        assert_eq!(tail("ab", 6), "ab");
        let expired = Error::Kontomatik(lupa_kontomatik::Error::StartOutcomeUnknown {
            message: "x".into(),
            raw: None,
        });
        assert_eq!(failure_phase(&expired), ImportPhase::NeedsNewLogin);
        assert_eq!(
            failure_phase(&Error::NotFound("x".into())),
            ImportPhase::Failed
        );
    }
}
