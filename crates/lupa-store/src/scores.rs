//! Kontomatik Score requests (F-SCO-1, F-SCO-2): every request goes into the ledger with its
//! outcome and raw reply, in one transaction with its audit line.

use crate::error::Result;
use crate::ids::CaseId;
use crate::review::ensure_open;
use crate::store::Store;
use crate::table::{audit_log, raw_replies, score_requests};
use crate::types::AuditAction;

pub use score_requests::{NewScoreRequest, ScoreModelRow, ScoreRequestRow};

impl Store {
    /// Records a request and what came back; returns its id. A decided case is read-only
    /// ([`crate::Error::CaseDecided`]): reopen it first.
    pub fn record_score_request(&mut self, new: &NewScoreRequest<'_>) -> Result<i64> {
        let packed = new
            .raw
            .map(|raw| raw_replies::pack(&raw.body))
            .transpose()?;
        let now = self.now();
        let tx = self.write()?;
        ensure_open(&tx, new.case_id)?;
        let id = score_requests::insert(&tx, new, packed.as_ref())?;
        audit_log::insert(
            &tx,
            now,
            AuditAction::ScoreRequested,
            Some(new.case_id),
            None,
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// The case's score requests, newest first.
    pub fn score_requests(&self, case_id: CaseId) -> Result<Vec<ScoreRequestRow>> {
        score_requests::for_case(&self.conn, case_id)
    }

    /// A score request's raw reply (checked against its SHA-256); `None` when none came.
    pub fn score_reply(&self, request_id: i64) -> Result<Option<Vec<u8>>> {
        score_requests::body(&self.conn, request_id)
    }

    /// Writes an `case_exported` audit line (a memo, CSV or JSON left the database).
    pub fn record_export(&mut self, case_id: CaseId) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        audit_log::insert(&tx, now, AuditAction::CaseExported, Some(case_id), None)?;
        tx.commit()?;
        Ok(())
    }
}
