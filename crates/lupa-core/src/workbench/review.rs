//! The review screens' commands (F-REV-2..7): a case is loaded once into a [`CaseModel`] and kept
//! (the two most recent cases) while the analyst works; edits re-analyse it in place. Loading and
//! analysing run on blocking tasks, never on the async workers.

use std::sync::{Arc, RwLock};

use chrono::{NaiveDate, Utc};
use lupa_charts::{ChartOptions, Locale, Theme};
use lupa_store::table::case_decisions::DecisionRow;
use lupa_store::table::saved_views::SavedViewRow;
use lupa_store::{CaseId, Decision, ImportId};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Workbench, lock};
use crate::case_charts::{ChartKind, case_chart_in};
use crate::error::{Error, Result};
use crate::review::{CaseModel, Edit, EditOutcome, ReviewOverview, TxFilter, TxPage};

/// Cases kept in memory for review.
const KEEP_MODELS: usize = 2;
/// Most rows one page returns.
const MAX_PAGE: u32 = 1000;
/// Longest rationale or reason, in characters.
const MAX_RATIONALE_CHARS: usize = 4000;

/// Models and undo histories of the cases under review.
#[derive(Default)]
pub(super) struct Reviews {
    models: Vec<(CaseId, Arc<RwLock<CaseModel>>)>,
    histories: std::collections::HashMap<CaseId, crate::review::EditHistory>,
}

/// The review overview with what the edit history allows and the decision history.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct ReviewState {
    /// Figures, checklist, what-if, accounts.
    pub overview: ReviewOverview,
    /// Something can be undone.
    pub can_undo: bool,
    /// Something can be redone.
    pub can_redo: bool,
    /// Decisions and reopenings, oldest first.
    pub decisions: Vec<DecisionRow>,
}

/// Which chart, over which period, drawn how.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "review.ts")]
pub struct ChartRequest {
    /// `balance`, `cashflow`, `categories` or `income`.
    pub kind: String,
    /// ISO 4217 code.
    pub currency: String,
    /// First day, inclusive (none: the default period).
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// `pl` or `en`.
    pub locale: String,
    /// `light` or `dark`.
    pub theme: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// One transaction changed between two imports.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct DiffRow {
    /// Transaction id.
    pub id: i64,
    /// `transactionOn`.
    pub transaction_on: NaiveDate,
    /// Signed amount.
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// `title`.
    pub title: Option<String>,
    /// `party`.
    pub party: Option<String>,
    /// Status the earlier import saw.
    pub status_before: Option<String>,
    /// Status the later import saw.
    pub status_after: Option<String>,
    /// Booking date the earlier import saw.
    pub booked_before: Option<NaiveDate>,
    /// Booking date the later import saw.
    pub booked_after: Option<NaiveDate>,
}

/// What changed between two imports of a case (F-STO-4).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct DiffView {
    /// The earlier import.
    pub earlier: i64,
    /// The later import.
    pub later: i64,
    /// Seen by the later import only.
    pub new: Vec<DiffRow>,
    /// Seen by the earlier only.
    pub vanished: Vec<DiffRow>,
    /// Pending before, booked now.
    pub pending_to_booked: Vec<DiffRow>,
    /// Otherwise changed.
    pub changed: Vec<DiffRow>,
}

fn row_of(tx: &lupa_store::table::transactions::TransactionRow) -> DiffRow {
    DiffRow {
        id: tx.id.0,
        transaction_on: tx.transaction_on,
        amount: tx.amount,
        currency: tx.currency.clone(),
        title: tx.title.clone(),
        party: tx.party.clone(),
        status_before: None,
        status_after: tx.status.clone(),
        booked_before: None,
        booked_after: tx.booked_on,
    }
}

fn changed_row(change: &lupa_store::ChangedTransaction) -> DiffRow {
    DiffRow {
        status_before: change.before.status.clone(),
        status_after: change.after.status.clone(),
        booked_before: change.before.booked_on,
        booked_after: change.after.booked_on,
        ..row_of(&change.transaction)
    }
}

pub(super) fn bounded(what: &str, text: &str, max: usize) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::InvalidInput(format!("{what} is required")));
    }
    if text.chars().count() > max {
        return Err(Error::InvalidInput(format!(
            "{what} is at most {max} characters"
        )));
    }
    Ok(text.to_owned())
}

impl Workbench {
    /// Runs `work` on a blocking task with this workbench (loading and analysing a case takes
    /// seconds on 100 000 transactions in a debug build; the async workers must not wait for it).
    pub(super) async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Workbench) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let workbench = self.clone_handle();
        tokio::task::spawn_blocking(move || work(&workbench))
            .await
            .map_err(|error| Error::NotFound(format!("the case task failed: {error}")))?
    }

    /// The case's model, loaded (and analysed as of today) when not kept. The load runs without the
    /// `reviews` lock, so other cases' screens and an import's completion never wait for it.
    pub(super) fn model(&self, case_id: CaseId) -> Result<Arc<RwLock<CaseModel>>> {
        if let Some(model) = self.kept_model(case_id) {
            return Ok(model);
        }
        let (input, notes) = {
            let store = self.store();
            (
                crate::case_analysis::analysis_input(&store, case_id)?,
                store.notes(case_id)?,
            )
        };
        let loaded = CaseModel::new(case_id, Utc::now().date_naive(), input, notes);
        let model = {
            let mut reviews = lock(&self.inner.reviews);
            // Two screens may have loaded it at once: the first one kept wins.
            if let Some((_, kept)) = reviews.models.iter().find(|(id, _)| *id == case_id) {
                return Ok(Arc::clone(kept));
            }
            let model = Arc::new(RwLock::new(loaded));
            reviews.models.push((case_id, Arc::clone(&model)));
            if reviews.models.len() > KEEP_MODELS {
                reviews.models.remove(0);
            }
            model
        };
        // The sort orders are built in the background, one read lock per key, so an edit (which
        // needs the write lock) never waits for more than one of them.
        let warming = Arc::clone(&model);
        std::thread::spawn(move || {
            for key in crate::review::SortKey::ALL {
                warming
                    .read()
                    .unwrap_or_else(|e| e.into_inner())
                    .warm_order(key);
            }
        });
        Ok(model)
    }

    /// The kept model of `case_id`, marked most recently used.
    fn kept_model(&self, case_id: CaseId) -> Option<Arc<RwLock<CaseModel>>> {
        let mut reviews = lock(&self.inner.reviews);
        let position = reviews.models.iter().position(|(id, _)| *id == case_id)?;
        let entry = reviews.models.remove(position);
        let model = Arc::clone(&entry.1);
        reviews.models.push(entry);
        Some(model)
    }

    /// Drops a kept model (its case got a new import).
    pub(super) fn forget_review(&self, case_id: CaseId) {
        lock(&self.inner.reviews)
            .models
            .retain(|(id, _)| *id != case_id);
    }

    /// The overview in F-REV-2's order; `instalment` adds the affordability what-if.
    pub async fn review_overview(
        &self,
        case_id: i64,
        instalment: Option<String>,
        instalment_currency: Option<String>,
    ) -> Result<ReviewState> {
        let instalment = instalment
            .filter(|text| !text.trim().is_empty())
            .map(|text| {
                text.trim()
                    .replace(',', ".")
                    .replace(' ', "")
                    .parse::<Decimal>()
                    .ok()
                    .filter(|value| !value.is_sign_negative())
                    .ok_or_else(|| {
                        Error::InvalidInput(format!("{text:?} is not an instalment amount"))
                    })
            })
            .transpose()?;
        self.blocking(move |workbench| {
            let case_id = CaseId(case_id);
            let model = workbench.model(case_id)?;
            let model = model.read().unwrap_or_else(|e| e.into_inner());
            let overview =
                model.overview(instalment, instalment_currency.as_deref().unwrap_or("PLN"));
            let decisions = workbench.store().decision_history(case_id)?;
            let reviews = lock(&workbench.inner.reviews);
            let history = reviews.histories.get(&case_id);
            Ok(ReviewState {
                overview,
                can_undo: history.is_some_and(|h| h.can_undo()),
                can_redo: history.is_some_and(|h| h.can_redo()),
                decisions,
            })
        })
        .await
    }

    /// Rows `offset..offset + limit` of the case's transactions that `filter` selects.
    pub async fn review_transactions(
        &self,
        case_id: i64,
        filter: TxFilter,
        offset: u32,
        limit: u32,
    ) -> Result<TxPage> {
        if filter
            .text
            .as_deref()
            .is_some_and(|text| text.chars().count() > 200)
        {
            return Err(Error::InvalidInput(
                "a search is at most 200 characters".into(),
            ));
        }
        self.blocking(move |workbench| {
            let model = workbench.model(CaseId(case_id))?;
            let model = model.read().unwrap_or_else(|e| e.into_inner());
            model.page(&filter, offset, limit.clamp(1, MAX_PAGE))
        })
        .await
    }

    /// Every transaction id `filter` selects (for "select all").
    pub async fn review_transaction_ids(&self, case_id: i64, filter: TxFilter) -> Result<Vec<i64>> {
        self.blocking(move |workbench| {
            let model = workbench.model(CaseId(case_id))?;
            let model = model.read().unwrap_or_else(|e| e.into_inner());
            model.ids(&filter)
        })
        .await
    }

    fn after_edit(
        &self,
        case_id: CaseId,
        change: impl FnOnce(
            &mut crate::review::EditHistory,
            &mut lupa_store::Store,
        ) -> Result<EditOutcome>,
    ) -> Result<EditOutcome> {
        let model = self.model(case_id)?;
        // The history is taken out while the store is written, so no lock is held inside another.
        let mut history = lock(&self.inner.reviews)
            .histories
            .remove(&case_id)
            .unwrap_or_default();
        let outcome = change(&mut history, &mut self.store());
        lock(&self.inner.reviews).histories.insert(case_id, history);
        let outcome = outcome?;
        let mut model = model.write().unwrap_or_else(|e| e.into_inner());
        model.refresh_edits(&self.store())?;
        Ok(outcome)
    }

    /// Applies an edit to transactions of a case (refused when the case is decided).
    pub async fn edit_transactions(
        &self,
        case_id: i64,
        transaction_ids: Vec<i64>,
        edit: Edit,
    ) -> Result<EditOutcome> {
        self.blocking(move |workbench| {
            let case_id = CaseId(case_id);
            workbench.after_edit(case_id, |history, store| {
                history.apply(store, case_id, &transaction_ids, &edit)
            })
        })
        .await
    }

    /// Undoes the case's last edit.
    pub async fn undo_edit(&self, case_id: i64) -> Result<EditOutcome> {
        self.blocking(move |workbench| {
            let case_id = CaseId(case_id);
            workbench.after_edit(case_id, |history, store| history.undo(store, case_id))
        })
        .await
    }

    /// Redoes the case's last undone edit.
    pub async fn redo_edit(&self, case_id: i64) -> Result<EditOutcome> {
        self.blocking(move |workbench| {
            let case_id = CaseId(case_id);
            workbench.after_edit(case_id, |history, store| history.redo(store, case_id))
        })
        .await
    }

    /// Records approve / decline / refer with rationale and analyst; the case becomes read-only.
    pub async fn record_decision(
        &self,
        case_id: i64,
        decision: Decision,
        rationale: String,
        analyst: String,
    ) -> Result<()> {
        let rationale = bounded("a rationale", &rationale, MAX_RATIONALE_CHARS)?;
        let analyst = bounded("the analyst's name", &analyst, 200)?;
        self.blocking(move |workbench| {
            Ok(workbench.store().record_decision(
                CaseId(case_id),
                decision,
                &rationale,
                &analyst,
            )?)
        })
        .await
    }

    /// Reopens a decided case with a reason.
    pub async fn reopen_case(&self, case_id: i64, reason: String, analyst: String) -> Result<()> {
        let reason = bounded("a reason", &reason, MAX_RATIONALE_CHARS)?;
        let analyst = bounded("the analyst's name", &analyst, 200)?;
        self.blocking(move |workbench| {
            Ok(workbench
                .store()
                .reopen_case(CaseId(case_id), &reason, &analyst)?)
        })
        .await
    }

    /// One of the four charts as SVG, with hover targets.
    pub async fn case_chart(&self, case_id: i64, request: ChartRequest) -> Result<String> {
        let kind = match request.kind.as_str() {
            "balance" => ChartKind::Balance,
            "cashflow" => ChartKind::Cashflow,
            "categories" => ChartKind::Categories,
            "income" => ChartKind::Income,
            other => return Err(Error::InvalidInput(format!("no chart called {other:?}"))),
        };
        let options = ChartOptions {
            locale: if request.locale == "en" {
                Locale::En
            } else {
                Locale::Pl
            },
            width: request.width.clamp(240, 4000),
            height: request.height.clamp(160, 3000),
            theme: if request.theme == "dark" {
                Theme::Dark
            } else {
                Theme::Light
            },
            currency: request.currency.clone(),
        };
        let period = match (request.from, request.to) {
            (None, None) => None,
            (from, to) => Some((from.unwrap_or(NaiveDate::MIN), to.unwrap_or(NaiveDate::MAX))),
        };
        self.blocking(move |workbench| {
            let model = workbench.model(CaseId(case_id))?;
            let model = model.read().unwrap_or_else(|e| e.into_inner());
            Ok(case_chart_in(
                &model.input,
                &model.analysis,
                kind,
                &options,
                period,
            ))
        })
        .await
    }

    /// What changed between two imports of a case.
    pub async fn import_diff(&self, earlier: i64, later: i64) -> Result<DiffView> {
        self.blocking(move |workbench| {
            let diff = workbench
                .store()
                .diff_imports(ImportId(earlier), ImportId(later))?;
            Ok(DiffView {
                earlier,
                later,
                new: diff.new.iter().map(row_of).collect(),
                vanished: diff.vanished.iter().map(row_of).collect(),
                pending_to_booked: diff.pending_to_booked.iter().map(changed_row).collect(),
                changed: diff.changed.iter().map(changed_row).collect(),
            })
        })
        .await
    }

    /// Every saved view of the transactions table.
    pub async fn saved_views(&self) -> Result<Vec<SavedViewRow>> {
        Ok(self.store().saved_views()?)
    }

    /// Saves the filter under a name (replacing a view of that name).
    pub async fn save_view(&self, name: String, filter: TxFilter) -> Result<i64> {
        let name = bounded("a view's name", &name, 100)?;
        let filter = serde_json::to_string(&filter)
            .map_err(|error| Error::InvalidInput(error.to_string()))?;
        Ok(self.store().save_view(&name, &filter)?)
    }

    /// Deletes a saved view.
    pub async fn delete_view(&self, id: i64) -> Result<()> {
        if !self.store().delete_view(id)? {
            return Err(Error::NotFound(format!("saved view {id}")));
        }
        Ok(())
    }
}
