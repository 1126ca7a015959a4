//! The analyst's review (F-REV-4, F-REV-5, F-REV-7): transaction edits as whole states (so an
//! edit, its undo and its redo are one operation), decisions with their history, saved views.
//! Every change is one SQLite transaction with one audit line (ids only); a decided case refuses
//! edits until it is reopened with a reason.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::codec::instant_text;
use crate::error::{Error, Result};
use crate::ids::{CaseId, TransactionId};
use crate::store::Store;
use crate::table::case_decisions::{self, DecisionRow};
use crate::table::category_overrides::{self, OverrideRow};
use crate::table::saved_views::{self, SavedViewRow};
use crate::table::transaction_notes::{self, NoteRow};
use crate::table::{audit_log, cases};
use crate::types::{AuditAction, Decision};

/// Everything the analyst can set on one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TxEditState {
    /// The transaction.
    pub transaction_id: TransactionId,
    /// The analyst's category code, if chosen.
    pub category: Option<String>,
    /// Counted as income or not, if the analyst chose.
    pub include_in_income: Option<bool>,
    /// Starred.
    pub starred: bool,
    /// The analyst's comment.
    pub comment: Option<String>,
}

fn case_of(tx: &Transaction<'_>, id: TransactionId) -> Result<Option<CaseId>> {
    Ok(tx
        .prepare_cached("SELECT case_id FROM transactions WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?)
}

/// Refuses any change to a decided case (F-REV-7); every analyst write goes through it.
pub(crate) fn ensure_open(tx: &Transaction<'_>, case_id: CaseId) -> Result<()> {
    if cases::get(tx, case_id)?.decision.is_some() {
        return Err(Error::CaseDecided(case_id));
    }
    Ok(())
}

impl Store {
    /// The current states of `ids`, all of which must be in `case_id`.
    pub fn edit_states(
        &mut self,
        case_id: CaseId,
        ids: &[TransactionId],
    ) -> Result<Vec<TxEditState>> {
        // A read transaction: one consistent snapshot of both tables.
        let tx = self.conn.transaction()?;
        let mut states = Vec::with_capacity(ids.len());
        {
            let mut override_stmt = tx.prepare_cached(
                "SELECT category, include_in_income FROM category_overrides WHERE transaction_id = ?1",
            )?;
            let mut note_stmt = tx.prepare_cached(
                "SELECT starred, comment FROM transaction_notes WHERE transaction_id = ?1",
            )?;
            for &id in ids {
                if case_of(&tx, id)? != Some(case_id) {
                    return Err(Error::NotInCase {
                        transaction: id.0,
                        case: case_id,
                    });
                }
                let (category, include_in_income) = override_stmt
                    .query_row([id], |row| {
                        Ok((
                            row.get::<_, Option<String>>(0)?,
                            row.get::<_, Option<i64>>(1)?.map(|value| value != 0),
                        ))
                    })
                    .optional()?
                    .unwrap_or((None, None));
                let (starred, comment) = note_stmt
                    .query_row([id], |row| {
                        Ok((row.get::<_, i64>(0)? != 0, row.get::<_, Option<String>>(1)?))
                    })
                    .optional()?
                    .unwrap_or((false, None));
                states.push(TxEditState {
                    transaction_id: id,
                    category,
                    include_in_income,
                    starred,
                    comment,
                });
            }
        }
        tx.commit()?;
        Ok(states)
    }

    /// Writes `states` (overrides and notes) in one transaction with one `action` audit line.
    /// Refused, changing nothing, when the case is decided or a transaction is not in it.
    pub fn apply_edit_states(
        &mut self,
        case_id: CaseId,
        states: &[TxEditState],
        action: AuditAction,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        ensure_open(&tx, case_id)?;
        for state in states {
            let id = state.transaction_id;
            if case_of(&tx, id)? != Some(case_id) {
                return Err(Error::NotInCase {
                    transaction: id.0,
                    case: case_id,
                });
            }
            if state.category.is_none() && state.include_in_income.is_none() {
                category_overrides::delete(&tx, id)?;
            } else {
                let row = OverrideRow {
                    transaction_id: id,
                    case_id,
                    category: state.category.clone(),
                    include_in_income: state.include_in_income,
                };
                category_overrides::upsert(&tx, now, &row)?;
            }
            let note = NoteRow {
                transaction_id: id,
                starred: state.starred,
                comment: state.comment.clone(),
            };
            transaction_notes::put(&tx, now, case_id, &note)?;
        }
        audit_log::insert(&tx, now, action, Some(case_id), None)?;
        tx.commit()?;
        Ok(())
    }

    /// The case's stars and comments.
    pub fn notes(&self, case_id: CaseId) -> Result<Vec<NoteRow>> {
        transaction_notes::for_case(&self.conn, case_id)
    }

    /// Records the analyst's decision; refused when the case is already decided.
    pub fn record_decision(
        &mut self,
        case_id: CaseId,
        decision: Decision,
        rationale: &str,
        analyst: &str,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        ensure_open(&tx, case_id)?;
        tx.prepare_cached(
            "UPDATE cases SET decision = ?2, decision_rationale = ?3, decided_by = ?4, \
             decided_at = ?5, updated_at = ?5 WHERE id = ?1",
        )?
        .execute(params![
            case_id,
            decision,
            rationale,
            analyst,
            instant_text(now)
        ])?;
        case_decisions::insert(&tx, case_id, decision.as_str(), rationale, analyst, now)?;
        audit_log::insert(&tx, now, AuditAction::DecisionRecorded, Some(case_id), None)?;
        tx.commit()?;
        Ok(())
    }

    /// Reopens a decided case with a reason; its history keeps the earlier decision.
    pub fn reopen_case(&mut self, case_id: CaseId, reason: &str, analyst: &str) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        if cases::get(&tx, case_id)?.decision.is_none() {
            return Err(Error::CaseNotDecided(case_id));
        }
        tx.prepare_cached(
            "UPDATE cases SET decision = NULL, decision_rationale = NULL, decided_by = NULL, \
             decided_at = NULL, updated_at = ?2 WHERE id = ?1",
        )?
        .execute(params![case_id, instant_text(now)])?;
        case_decisions::insert(&tx, case_id, "reopen", reason, analyst, now)?;
        audit_log::insert(&tx, now, AuditAction::CaseReopened, Some(case_id), None)?;
        tx.commit()?;
        Ok(())
    }

    /// The case's decisions and reopenings, oldest first.
    pub fn decision_history(&self, case_id: CaseId) -> Result<Vec<DecisionRow>> {
        case_decisions::for_case(&self.conn, case_id)
    }

    /// Every saved view.
    pub fn saved_views(&self) -> Result<Vec<SavedViewRow>> {
        saved_views::all(&self.conn)
    }

    /// Saves a view under `name` (replacing one of the same name); returns its id.
    pub fn save_view(&mut self, name: &str, filter: &str) -> Result<i64> {
        let now = self.now();
        let tx = self.write()?;
        let id = saved_views::upsert(&tx, name, filter, now)?;
        audit_log::insert(&tx, now, AuditAction::ViewSaved, None, None)?;
        tx.commit()?;
        Ok(id)
    }

    /// Deletes a view; true when it existed.
    pub fn delete_view(&mut self, id: i64) -> Result<bool> {
        let now = self.now();
        let tx = self.write()?;
        let deleted = saved_views::delete(&tx, id)?;
        if deleted {
            audit_log::insert(&tx, now, AuditAction::ViewDeleted, None, None)?;
        }
        tx.commit()?;
        Ok(deleted)
    }
}
