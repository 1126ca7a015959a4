//! Housekeeping the app does by itself: the retention purge (F-STO-5) at start and then daily, on
//! its own connection so the window never waits for it, and the audit log for the analyst
//! (ids and action codes only).

use std::time::Duration;

use chrono::Utc;
use lupa_store::table::audit_log::AuditRow;
use lupa_store::{CaseId, PurgeReport};

use super::Workbench;
use crate::error::Result;

/// How often the running app purges expired cases.
pub const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// Most audit lines one call returns.
const MAX_AUDIT_LINES: u32 = 5000;

impl Workbench {
    /// Deletes every case past its delete-after date (with its raw replies), one audit line
    /// each, then vacuums. Runs on a second connection.
    pub async fn purge_expired(&self) -> Result<PurgeReport> {
        self.blocking(|workbench| {
            let mut store = workbench.open_store()?;
            let report = store.purge_expired(Utc::now().date_naive())?;
            for case_id in &report.cases {
                workbench.forget_review(*case_id);
            }
            if !report.cases.is_empty() {
                tracing::info!(
                    cases = report.cases.len(),
                    transactions = report.transactions,
                    "retention purge"
                );
            }
            Ok(report)
        })
        .await
    }

    /// Purges now and then every [`PURGE_EVERY`] until [`Workbench::shutdown`]. A failed purge is
    /// logged and tried again at the next tick; it never stops the app.
    pub(super) fn schedule_retention(&self) {
        if self
            .inner
            .retention_scheduled
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        let workbench = self.clone_handle();
        let token = self.inner.shutdown.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(PURGE_EVERY);
            loop {
                tokio::select! {
                    _ = token.cancelled() => return,
                    _ = ticks.tick() => {}
                }
                if let Err(error) = workbench.purge_expired().await {
                    tracing::warn!(
                        code = error.code(),
                        "retention purge failed; retrying later"
                    );
                }
            }
        });
    }

    /// The newest audit lines, of one case or of all, newest first.
    pub async fn audit_log(&self, case_id: Option<i64>, limit: u32) -> Result<Vec<AuditRow>> {
        let limit = limit.clamp(1, MAX_AUDIT_LINES);
        let store = self.store();
        Ok(match case_id {
            Some(id) => store.case_audit_log(CaseId(id), limit)?,
            None => store.audit_log(limit)?,
        })
    }
}
