//! Kontomatik Score from the case screen (F-SCO-1, F-SCO-2): the status with its warnings, and
//! the request, which is refused until the analyst confirms the warnings.

use chrono::Utc;
use lupa_store::CaseId;

use super::review::bounded;
use super::{Workbench, lock};
use crate::error::Result;
use crate::score::{
    ScoreStatus, ensure_confirmed, fetch_score, record_score, score_status as status_of,
};

impl Workbench {
    /// The case's score ledger, latest models and the warnings before a new request.
    pub async fn score_status(&self, case_id: i64) -> Result<ScoreStatus> {
        let hours = lock(&self.inner.settings).score_retention_hours;
        self.blocking(move |workbench| {
            status_of(&workbench.store(), CaseId(case_id), Utc::now(), hours)
        })
        .await
    }

    /// Requests a score for the case's owner and records the outcome, whatever it is, in the
    /// ledger. With warnings (a repeat, a passed retention window) it fails with
    /// `needs_confirmation` unless `confirmed`. A decided case refuses (`case_decided`).
    pub async fn request_score(
        &self,
        case_id: i64,
        analyst: String,
        confirmed: bool,
    ) -> Result<ScoreStatus> {
        let analyst = bounded("the analyst's name", &analyst, 200)?;
        let status = self.score_status(case_id).await?;
        ensure_confirmed(&status, confirmed)?;
        if let Some(decided) = self.store().case(CaseId(case_id))?.decision {
            tracing::debug!(case_id, ?decided, "score request on a decided case");
            return Err(lupa_store::Error::CaseDecided(CaseId(case_id)).into());
        }
        let client = self.client(status.environment, None).await?;
        let attempt = fetch_score(&client, &status.owner_external_id).await;
        self.blocking(move |workbench| {
            record_score(&mut workbench.store(), CaseId(case_id), &analyst, &attempt)?;
            workbench.forget_review(CaseId(case_id));
            Ok(())
        })
        .await?;
        self.score_status(case_id).await
    }
}
