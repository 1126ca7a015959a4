//! Analyst edits (F-REV-5): recategorise, include or exclude from income, star, comment — on one
//! transaction or many. An edit is stored as the before and after states of every transaction it
//! touched, so undo and redo write exact states back (and an undo never clobbers fields the edit
//! did not touch). Each write is one store transaction with one audit line.

use lupa_store::{AuditAction, CaseId, Store, TransactionId, TxEditState};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::case_analysis::parse_category;
use crate::error::{Error, Result};

/// Longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;
/// Most undo steps kept per case.
pub const HISTORY_LIMIT: usize = 200;

/// One change the analyst makes to a set of transactions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export_to = "review.ts")]
pub enum Edit {
    /// Sets the category (a §5.1 code), or `null` to return to the automatic one.
    Category {
        /// The code.
        category: Option<String>,
    },
    /// Counts as income (`true`), not (`false`), or as the category says (`null`).
    Income {
        /// The choice.
        include: Option<bool>,
    },
    /// Stars or unstars.
    Star {
        /// Starred.
        starred: bool,
    },
    /// Sets the comment, or removes it (`null` or blank).
    Comment {
        /// The text.
        comment: Option<String>,
    },
}

impl Edit {
    /// The edit with its value checked and normalised (a blank comment is none).
    fn normalised(&self) -> Result<Edit> {
        Ok(match self {
            Edit::Category {
                category: Some(code),
            } => {
                let category = parse_category(code).ok_or_else(|| {
                    Error::InvalidInput(format!("{code:?} is not a category code"))
                })?;
                Edit::Category {
                    category: Some(category.code().to_owned()),
                }
            }
            Edit::Comment {
                comment: Some(text),
            } => {
                let text = text.trim();
                if text.chars().count() > MAX_COMMENT_CHARS {
                    return Err(Error::InvalidInput(format!(
                        "a comment is at most {MAX_COMMENT_CHARS} characters"
                    )));
                }
                Edit::Comment {
                    comment: (!text.is_empty()).then(|| text.to_owned()),
                }
            }
            other => other.clone(),
        })
    }

    fn apply(&self, state: &TxEditState) -> TxEditState {
        let mut next = state.clone();
        match self {
            Edit::Category { category } => next.category = category.clone(),
            Edit::Income { include } => next.include_in_income = *include,
            Edit::Star { starred } => next.starred = *starred,
            Edit::Comment { comment } => next.comment = comment.clone(),
        }
        next
    }
}

/// An applied edit: what each transaction was before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRecord {
    /// States before.
    pub before: Vec<TxEditState>,
    /// States after.
    pub after: Vec<TxEditState>,
}

/// A case's undo and redo stacks (kept in memory while the app runs).
#[derive(Debug, Default)]
pub struct EditHistory {
    undo: Vec<EditRecord>,
    redo: Vec<EditRecord>,
}

/// What an edit, undo or redo leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "review.ts")]
pub struct EditOutcome {
    /// Transactions written.
    pub changed: u32,
    /// Something can be undone.
    pub can_undo: bool,
    /// Something can be redone.
    pub can_redo: bool,
}

impl EditHistory {
    /// Something can be undone.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Something can be redone.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn outcome(&self, changed: usize) -> EditOutcome {
        EditOutcome {
            changed: changed as u32,
            can_undo: self.can_undo(),
            can_redo: self.can_redo(),
        }
    }

    /// Applies `edit` to the transactions `ids` of `case_id`; a new edit clears the redo stack.
    pub fn apply(
        &mut self,
        store: &mut Store,
        case_id: CaseId,
        ids: &[i64],
        edit: &Edit,
    ) -> Result<EditOutcome> {
        if ids.is_empty() {
            return Err(Error::InvalidInput(
                "select at least one transaction".into(),
            ));
        }
        let edit = edit.normalised()?;
        let mut ids: Vec<TransactionId> = ids.iter().copied().map(TransactionId).collect();
        ids.sort_unstable();
        ids.dedup();
        let before = store.edit_states(case_id, &ids)?;
        let after: Vec<TxEditState> = before.iter().map(|state| edit.apply(state)).collect();
        store.apply_edit_states(case_id, &after, AuditAction::TransactionsEdited)?;
        let changed = after.len();
        self.undo.push(EditRecord { before, after });
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(self.outcome(changed))
    }

    /// Undoes the last edit.
    pub fn undo(&mut self, store: &mut Store, case_id: CaseId) -> Result<EditOutcome> {
        let record = self
            .undo
            .pop()
            .ok_or_else(|| Error::InvalidInput("there is nothing to undo".into()))?;
        if let Err(error) =
            store.apply_edit_states(case_id, &record.before, AuditAction::EditUndone)
        {
            self.undo.push(record);
            return Err(error.into());
        }
        let changed = record.before.len();
        self.redo.push(record);
        Ok(self.outcome(changed))
    }

    /// Does the last undone edit again.
    pub fn redo(&mut self, store: &mut Store, case_id: CaseId) -> Result<EditOutcome> {
        let record = self
            .redo
            .pop()
            .ok_or_else(|| Error::InvalidInput("there is nothing to redo".into()))?;
        if let Err(error) = store.apply_edit_states(case_id, &record.after, AuditAction::EditRedone)
        {
            self.redo.push(record);
            return Err(error.into());
        }
        let changed = record.after.len();
        self.undo.push(record);
        Ok(self.outcome(changed))
    }
}
