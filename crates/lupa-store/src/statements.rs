//! PDF bank statements (F-IMP-11): an uploaded statement becomes an import of its case (flow
//! `file`) with its evidence in `statement_uploads`.
//!
//! Three transactions, like a live import: the import with the upload's facts (before anything is
//! sent), the raw reply ([`Store::save_raw_reply`]), then the data with what the reply said and
//! Lupa's checks ([`Store::ingest_statement`]), or the refusal ([`Store::refuse_statement`]).
//! Transactions are deduplicated against the case's bank imports by the usual fingerprint; a
//! statement never overwrites what a bank import said about an account (its balance is older).

use lupa_kontomatik::Environment;
use lupa_kontomatik::model::Statement;

use crate::error::{Error, Result};
use crate::ids::{CaseId, ImportId};
use crate::ingest::{AccountRefresh, IngestReport, statement_result};
use crate::lifecycle::NewImport;
use crate::review::ensure_open;
use crate::store::Store;
use crate::table::statement_uploads::{
    self, NewStatementUpload, StatementFindings, StatementUploadRow,
};
use crate::table::{audit_log, cases, imports};
use crate::types::{AuditAction, Flow, ImportState};

/// The target recorded for a statement import (the reply names no bank in any known shape).
pub const STATEMENT_TARGET: &str = "pdf-statement";

impl Store {
    /// Creates the import of a statement about to be sent, with the upload's facts, in the case
    /// of `owner_external_id` (created if new). A decided case is read-only
    /// ([`Error::CaseDecided`]).
    pub fn create_statement_import(
        &mut self,
        environment: Environment,
        owner_external_id: &str,
        upload: &NewStatementUpload<'_>,
    ) -> Result<(CaseId, ImportId)> {
        if let Some(case) = cases::find(&self.conn, environment, owner_external_id)? {
            let tx = self.write()?;
            ensure_open(&tx, case.id)?;
            tx.commit()?;
        }
        let (case_id, import_id) = self.create_case_and_import(&NewImport {
            environment,
            owner_external_id,
            target: STATEMENT_TARGET,
            session_id: None,
            since: None,
            flow: Flow::File,
        })?;
        let tx = self.write()?;
        statement_uploads::insert(&tx, import_id, upload)?;
        tx.commit()?;
        Ok((case_id, import_id))
    }

    /// Stores a parsed statement's data and findings in one transaction and marks the import
    /// saved. Its raw reply must be stored first.
    pub fn ingest_statement(
        &mut self,
        import_id: ImportId,
        statement: &Statement,
        findings: &StatementFindings,
    ) -> Result<IngestReport> {
        let result = statement_result(statement.clone());
        self.without_autocheckpoint(|store| {
            let now = store.now();
            let tx = store.write()?;
            let import = imports::get(&tx, import_id)?;
            if import.state != ImportState::Running {
                return Err(Error::ImportState {
                    import_id,
                    state: import.state,
                    expected: "running (a saved statement is re-derived with reingest)",
                });
            }
            if crate::table::raw_replies::for_import(&tx, import_id)?.is_empty() {
                return Err(Error::NoRawReply(import_id));
            }
            let report = crate::ingest::ingest_result(
                &tx,
                &import,
                &result,
                None,
                Some(now),
                AccountRefresh::IfNew,
            )?;
            statement_uploads::set_findings(&tx, import_id, findings)?;
            audit_log::insert(
                &tx,
                now,
                AuditAction::StatementUploaded,
                Some(import.case_id),
                Some(import_id),
            )?;
            tx.commit()?;
            Ok(report)
        })
    }

    /// Ends a statement's import without data: Kontomatik (or Lupa's pre-flight) refused it.
    /// `code` is Lupa's classification (e.g. `tampered`), `name` Kontomatik's exception.
    pub fn refuse_statement(
        &mut self,
        import_id: ImportId,
        findings: &StatementFindings,
        code: &str,
        name: Option<&str>,
        message: &str,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        let import = imports::get(&tx, import_id)?;
        if import.state != ImportState::Running {
            return Err(Error::ImportState {
                import_id,
                state: import.state,
                expected: "running (to refuse its statement)",
            });
        }
        imports::mark_failed(&tx, import_id, now, code, name, Some(message))?;
        statement_uploads::set_findings(&tx, import_id, findings)?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::StatementRefused,
            Some(import.case_id),
            Some(import_id),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The evidence of an import, when it is a statement.
    pub fn statement_upload(&self, import_id: ImportId) -> Result<Option<StatementUploadRow>> {
        statement_uploads::get(&self.conn, import_id)
    }

    /// Every statement uploaded to a case (saved or refused), oldest first.
    pub fn case_statements(&self, case_id: CaseId) -> Result<Vec<StatementUploadRow>> {
        statement_uploads::for_case(&self.conn, case_id)
    }
}
