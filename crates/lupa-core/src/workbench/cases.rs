//! The case list (F-REV-1) and the first screen of a case: owners, accounts, balances, imports and
//! the headline metrics with the checklist's verdict.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use lupa_kontomatik::protocol;
use lupa_store::{CaseId, CaseOverview, CaseQuery, CaseSummary};
use serde::Serialize;
use ts_rs::TS;

use super::Workbench;
use crate::analysis::{MetricValue, Outcome};
use crate::error::{Error, Result};

/// The metrics the case screen opens with, in this order; the review screens show all of them.
pub const HEADLINE: [&str; 9] = [
    "income_90d_avg",
    "main_employer",
    "essential_exp_avg",
    "debt_service_avg",
    "dsti",
    "min_balance",
    "negative_balance_days",
    "gambling_out_sum_90d",
    "bailiff_events",
];

/// One headline metric of one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct HeadlineMetric {
    /// ISO 4217 code.
    pub currency: String,
    /// The §5.2 name, e.g. `income_90d_avg`.
    pub name: String,
    /// The value; `null` when it cannot be computed.
    pub value: Option<MetricValue>,
    /// How many transactions are behind it (the review screen drills into them).
    pub transactions: u32,
}

/// The checklist's verdict in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct ChecklistCounts {
    /// ISO 4217 code.
    pub currency: String,
    /// Rules passed.
    pub pass: u32,
    /// Rules failed.
    pub fail: u32,
    /// Rules that need the analyst.
    pub review: u32,
    /// Ids of the failed rules.
    pub failed_rules: Vec<String>,
}

/// What opening a case shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct CaseView {
    /// Owners, accounts, cards, imports, counts.
    pub overview: CaseOverview,
    /// The analysis date.
    pub as_of: NaiveDate,
    /// Headline metrics per currency.
    pub headline: Vec<HeadlineMetric>,
    /// The checklist per currency.
    pub checklist: Vec<ChecklistCounts>,
    /// The applicant's refreshable access, when granted (F-IMP-7).
    pub multiple_access: Option<MultipleAccessView>,
    /// Every PDF statement uploaded to the case, with its evidence, oldest first (F-IMP-11).
    pub statements: Vec<lupa_store::StatementUploadRow>,
}

/// A multiple-access consent as the case screen shows it (F-IMP-7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "workbench.ts")]
pub struct MultipleAccessView {
    /// When the applicant granted it.
    pub granted_at: DateTime<Utc>,
    /// When it lapses (granted + 180 days).
    pub expires_at: DateTime<Utc>,
    /// Refreshes made in the last 24 hours.
    pub refreshes_last_24h: u32,
    /// Refreshes Kontomatik still allows in this 24-hour window (4 per 24 h).
    pub refreshes_left: u32,
    /// Every refresh so far.
    pub refreshes: u32,
    /// When the analyst revoked it.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl MultipleAccessView {
    /// The view of `row` at `now`.
    pub fn of(
        row: &lupa_store::table::multiple_access::MultipleAccessRow,
        now: DateTime<Utc>,
    ) -> Self {
        let day_ago = now - Duration::hours(24);
        let recent = row.refreshes.iter().filter(|at| **at > day_ago).count() as u32;
        MultipleAccessView {
            granted_at: row.granted_at,
            expires_at: row.granted_at + Duration::days(protocol::MULTIPLE_ACCESS_CONSENT_DAYS),
            refreshes_last_24h: recent,
            refreshes_left: protocol::MULTIPLE_ACCESS_REFRESHES_PER_DAY.saturating_sub(recent),
            refreshes: row.refreshes.len() as u32,
            revoked_at: row.revoked_at,
        }
    }
}

impl Workbench {
    /// The case list with search and filters.
    pub async fn list_cases(&self, query: CaseQuery) -> Result<Vec<CaseSummary>> {
        let mut query = query;
        query.limit = query.limit.clamp(1, 500);
        if let Some(search) = &query.search
            && search.chars().count() > 200
        {
            return Err(Error::InvalidInput(
                "a search is at most 200 characters".into(),
            ));
        }
        Ok(self.store().list_cases(&query)?)
    }

    /// A case's overview and headline analysis (as of today). Runs off the async workers: on
    /// 100 000 transactions the analysis takes ~150 ms.
    pub async fn case_overview(&self, case_id: i64) -> Result<CaseView> {
        self.blocking(move |workbench| workbench.case_overview_blocking(CaseId(case_id)))
            .await
    }

    fn case_overview_blocking(&self, case_id: CaseId) -> Result<CaseView> {
        let (overview, consent, statements) = {
            let store = self.store();
            (
                store.case_overview(case_id)?,
                store.multiple_access(case_id)?,
                store.case_statements(case_id)?,
            )
        };
        // The review screens reuse this model: the case is loaded and analysed once.
        let model = self.model(case_id)?;
        let model = model.read().unwrap_or_else(|e| e.into_inner());
        let (as_of, analysis) = (model.as_of, &model.analysis);
        let mut headline = Vec::new();
        let mut checklist = Vec::new();
        for currency in &analysis.currencies {
            for name in HEADLINE {
                if let Some(metric) = currency.metric(name) {
                    headline.push(HeadlineMetric {
                        currency: currency.currency.clone(),
                        name: name.to_owned(),
                        value: metric.value.clone(),
                        transactions: metric.transaction_ids.len() as u32,
                    });
                }
            }
            let count = |outcome: Outcome| {
                currency
                    .checklist
                    .iter()
                    .filter(|check| check.outcome == outcome)
                    .count() as u32
            };
            checklist.push(ChecklistCounts {
                currency: currency.currency.clone(),
                pass: count(Outcome::Pass),
                fail: count(Outcome::Fail),
                review: count(Outcome::NeedsReview),
                failed_rules: currency
                    .checklist
                    .iter()
                    .filter(|check| check.outcome == Outcome::Fail)
                    .map(|check| check.rule_id.clone())
                    .collect(),
            });
        }
        Ok(CaseView {
            overview,
            as_of,
            headline,
            checklist,
            multiple_access: consent.map(|row| MultipleAccessView::of(&row, Utc::now())),
            statements,
        })
    }
}
