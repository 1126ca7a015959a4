//! An import's life before and after its data: creating the case and import, claiming the bank
//! session, storing raw replies, remembering the command id, failing, and reading it all back.

use chrono::{Days, NaiveDate};
use lupa_kontomatik::Environment;
use lupa_kontomatik::client::RawReply;
use rusqlite::{Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::ids::{CaseId, ImportId, RawReplyId};
use crate::store::Store;
use crate::table::audit_log::{self, AuditRow};
use crate::table::cases::{self, CaseRow};
use crate::table::imports::{self, ImportRow, NewImportRow};
use crate::table::raw_replies::{self, RawReplyRow};
use crate::table::used_sessions;
use crate::types::{AuditAction, Flow, ImportState};

/// What starting an import needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewImport<'a> {
    /// Where it runs.
    pub environment: Environment,
    /// Kontomatik's `ownerExternalId`: with the environment, it selects the case.
    pub owner_external_id: &'a str,
    /// The target (bank).
    pub target: &'a str,
    /// The bank session; claimed as used (F-IMP-2) unless the flow is `file`.
    pub session_id: Option<&'a str>,
    /// `since` asked for.
    pub since: Option<NaiveDate>,
    /// Default, advanced or file.
    pub flow: Flow,
}

impl Store {
    /// Starts a write transaction that takes the write lock at once (no deadlock on upgrade).
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Creates the import, and its case unless the applicant (owner id + environment) already
    /// has one (F-STO-4). With a session id (not for files) the session is claimed in the same
    /// transaction: if it was used before, nothing is created and the error is
    /// [`Error::SessionAlreadyUsed`].
    pub fn create_case_and_import(&mut self, new: &NewImport<'_>) -> Result<(CaseId, ImportId)> {
        self.create_import_with(new, None)
    }

    pub(crate) fn create_import_with(
        &mut self,
        new: &NewImport<'_>,
        file_target_index: Option<i64>,
    ) -> Result<(CaseId, ImportId)> {
        let now = self.now();
        let keep_until = now
            .date_naive()
            .checked_add_days(Days::new(u64::from(self.retention_days())))
            .unwrap_or(NaiveDate::MAX);
        let tx = self.write()?;
        let case_id = match cases::find(&tx, new.environment, new.owner_external_id)? {
            Some(case) => {
                cases::touch(&tx, case.id, now, keep_until)?;
                case.id
            }
            None => {
                let id =
                    cases::insert(&tx, new.environment, new.owner_external_id, now, keep_until)?;
                audit_log::insert(&tx, now, AuditAction::CaseCreated, Some(id), None)?;
                id
            }
        };
        let import_id = imports::insert(
            &tx,
            &NewImportRow {
                case_id,
                environment: new.environment,
                flow: new.flow,
                target: new.target,
                session_id: new.session_id,
                since: new.since,
                started_at: now,
                file_target_index,
            },
        )?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::ImportStarted,
            Some(case_id),
            Some(import_id),
        )?;
        if let Some(session_id) = new.session_id.filter(|_| new.flow != Flow::File) {
            used_sessions::claim(&tx, new.environment, session_id, import_id, now)?;
            audit_log::insert(
                &tx,
                now,
                AuditAction::SessionClaimed,
                Some(case_id),
                Some(import_id),
            )?;
        }
        tx.commit()?;
        Ok((case_id, import_id))
    }

    /// Records a bank session as used by `import_id` (F-IMP-2), before any network call.
    /// Claiming again for the same import is harmless; for another import it is
    /// [`Error::SessionAlreadyUsed`] with when and by which import it was used.
    pub fn claim_session(
        &mut self,
        environment: Environment,
        session_id: &str,
        import_id: ImportId,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        let import = imports::get(&tx, import_id)?;
        if used_sessions::claim(&tx, environment, session_id, import_id, now)? {
            audit_log::insert(
                &tx,
                now,
                AuditAction::SessionClaimed,
                Some(import.case_id),
                Some(import_id),
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The record of a used session, if any.
    pub fn used_session(
        &self,
        environment: Environment,
        session_id: &str,
    ) -> Result<Option<used_sessions::UsedSessionRow>> {
        used_sessions::get(&self.conn, environment, session_id)
    }

    /// Stores Kontomatik's command id of a running import, so polling resumes after a restart
    /// (F-IMP-6).
    pub fn record_command_started(&mut self, import_id: ImportId, command_id: &str) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        let import = running(&tx, import_id, "running (to record its command)")?;
        imports::set_command_id(&tx, import_id, command_id)?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::CommandStarted,
            Some(import.case_id),
            Some(import_id),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Ends a running import without data: `code` is Lupa's classification (e.g.
    /// `needs_new_login`), `name` and `message` Kontomatik's exception, when there was one.
    pub fn finish_import_failed(
        &mut self,
        import_id: ImportId,
        code: &str,
        name: Option<&str>,
        message: Option<&str>,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        let import = running(&tx, import_id, "running (to fail it)")?;
        imports::mark_failed(&tx, import_id, now, code, name, message)?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::ImportFailed,
            Some(import.case_id),
            Some(import_id),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stores one reply verbatim, in its own transaction, before anything is derived from it
    /// (F-STO-2). Hashing and compression happen before the write lock is taken.
    pub fn save_raw_reply(&mut self, import_id: ImportId, reply: &RawReply) -> Result<RawReplyId> {
        let packed = raw_replies::pack(&reply.body)?;
        let now = self.now();
        let tx = self.write()?;
        let import = imports::get(&tx, import_id)?;
        let id = raw_replies::insert(&tx, import_id, reply, &packed)?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::RawReplySaved,
            Some(import.case_id),
            Some(import_id),
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Imports still running, oldest first: after a restart, each one either has a command id
    /// to poll again, a stored result to [`Store::reingest`], or neither (the start's outcome is
    /// unknown and the session must not be reused).
    pub fn running_imports(&self) -> Result<Vec<ImportRow>> {
        imports::running(&self.conn)
    }

    /// One import.
    pub fn import(&self, import_id: ImportId) -> Result<ImportRow> {
        imports::get(&self.conn, import_id)
    }

    /// One case.
    pub fn case(&self, case_id: CaseId) -> Result<CaseRow> {
        cases::get(&self.conn, case_id)
    }

    /// The case of an applicant in an environment, if there is one.
    pub fn find_case(
        &self,
        environment: Environment,
        owner_external_id: &str,
    ) -> Result<Option<CaseRow>> {
        cases::find(&self.conn, environment, owner_external_id)
    }

    /// Sets a case's delete-after date (F-STO-5), earlier or later.
    pub fn set_delete_after(&mut self, case_id: CaseId, date: NaiveDate) -> Result<()> {
        let tx = self.write()?;
        if cases::set_delete_after(&tx, case_id, date)? == 0 {
            return Err(Error::NotFound {
                what: "case",
                id: case_id.0,
            });
        }
        tx.commit()?;
        Ok(())
    }

    /// An import's raw replies (ids, calls, times, SHA-256): the evidence appendix (F-EXP-1).
    pub fn import_raw_replies(&self, import_id: ImportId) -> Result<Vec<RawReplyRow>> {
        raw_replies::for_import(&self.conn, import_id)
    }

    /// A raw reply's body exactly as received, checked against its SHA-256.
    pub fn raw_reply_body(&self, raw_reply_id: RawReplyId) -> Result<Vec<u8>> {
        raw_replies::body(&self.conn, raw_reply_id)
    }

    /// The newest `limit` audit lines, newest first.
    pub fn audit_log(&self, limit: u32) -> Result<Vec<AuditRow>> {
        audit_log::recent(&self.conn, limit)
    }

    /// The newest `limit` audit lines about one case, newest first.
    pub fn case_audit_log(&self, case_id: CaseId, limit: u32) -> Result<Vec<AuditRow>> {
        audit_log::recent_for_case(&self.conn, case_id, limit)
    }
}

/// The import, which must be running.
fn running(tx: &Transaction<'_>, import_id: ImportId, expected: &'static str) -> Result<ImportRow> {
    let import = imports::get(tx, import_id)?;
    if import.state != ImportState::Running {
        return Err(Error::ImportState {
            import_id,
            state: import.state,
            expected,
        });
    }
    Ok(import)
}
