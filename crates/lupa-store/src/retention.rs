//! Retention (F-STO-5): cases past their delete-after date are deleted with everything under
//! them, raw replies included; one audit line per case keeps only ids. The file is then
//! vacuumed and the WAL truncated, so deleted pages do not linger.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::ids::CaseId;
use crate::store::Store;
use crate::table::{audit_log, cases};
use crate::types::AuditAction;

/// What a purge deleted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
#[ts(export_to = "store.ts")]
pub struct PurgeReport {
    /// The purged cases.
    #[ts(type = "Array<number>")]
    pub cases: Vec<CaseId>,
    /// Their imports.
    pub imports: u64,
    /// Their transactions.
    pub transactions: u64,
    /// Their raw replies.
    pub raw_replies: u64,
}

impl Store {
    /// Deletes every case whose delete-after date is before `today`, each in its own
    /// transaction with its audit line, then runs `VACUUM`.
    pub fn purge_expired(&mut self, today: NaiveDate) -> Result<PurgeReport> {
        let mut report = PurgeReport::default();
        for case_id in cases::expired(&self.conn, today)? {
            let now = self.now();
            let tx = self.write()?;
            let count = |sql: &str| -> Result<u64> {
                let count: i64 = tx.query_row(sql, [case_id], |row| row.get(0))?;
                Ok(count.unsigned_abs())
            };
            let imports = count("SELECT count(*) FROM imports WHERE case_id = ?1")?;
            let transactions = count("SELECT count(*) FROM transactions WHERE case_id = ?1")?;
            let raw_replies = count(
                "SELECT count(*) FROM raw_replies r JOIN imports i ON i.id = r.import_id \
                 WHERE i.case_id = ?1",
            )?;
            cases::delete(&tx, case_id)?;
            audit_log::insert(&tx, now, AuditAction::CasePurged, Some(case_id), None)?;
            tx.commit()?;
            report.cases.push(case_id);
            report.imports += imports;
            report.transactions += transactions;
            report.raw_replies += raw_replies;
        }
        if !report.cases.is_empty() {
            self.conn.execute_batch("VACUUM;")?;
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(report)
    }
}
