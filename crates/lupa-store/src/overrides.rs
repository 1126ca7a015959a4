//! Analyst overrides (F-ANA-1, F-REV-5): set or clear a transaction's category and its inclusion in
//! income; each change is one transaction with an audit line (ids only). A decided case refuses
//! them, as it refuses the review screen's edits.

use crate::error::Result;
use crate::ids::{CaseId, TransactionId};
use crate::review::ensure_open;
use crate::store::Store;
use crate::table::audit_log;
use crate::table::category_overrides::{self, OverrideRow};
use crate::table::transactions;
use crate::types::AuditAction;

impl Store {
    /// Sets the analyst's category (a §5.1 code) and/or income inclusion for a transaction.
    pub fn set_override(
        &mut self,
        transaction_id: TransactionId,
        category: Option<&str>,
        include_in_income: Option<bool>,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        let case_id = transactions::get(&tx, transaction_id)?.case_id;
        ensure_open(&tx, case_id)?;
        let row = OverrideRow {
            transaction_id,
            case_id,
            category: category.map(str::to_owned),
            include_in_income,
        };
        category_overrides::upsert(&tx, now, &row)?;
        audit_log::insert(&tx, now, AuditAction::OverrideSet, Some(case_id), None)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes the analyst's override of a transaction; true when there was one.
    pub fn clear_override(&mut self, transaction_id: TransactionId) -> Result<bool> {
        let now = self.now();
        let tx = self.write()?;
        let case_id = transactions::get(&tx, transaction_id)?.case_id;
        ensure_open(&tx, case_id)?;
        let removed = category_overrides::delete(&tx, transaction_id)?;
        if removed {
            audit_log::insert(&tx, now, AuditAction::OverrideCleared, Some(case_id), None)?;
        }
        tx.commit()?;
        Ok(removed)
    }

    /// The case a transaction belongs to.
    pub fn transaction_case(&self, transaction_id: TransactionId) -> Result<CaseId> {
        Ok(transactions::get(&self.conn, transaction_id)?.case_id)
    }

    /// The case's overrides.
    pub fn overrides(&self, case_id: CaseId) -> Result<Vec<OverrideRow>> {
        category_overrides::for_case(&self.conn, case_id)
    }
}
