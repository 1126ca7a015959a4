//! Multiple-access consents (F-IMP-7) on the store: record one when an import brings a
//! `multipleAccessId`, count the refreshes made with it, mark it revoked.

use crate::error::Result;
use crate::ids::{CaseId, ImportId};
use crate::store::Store;
use crate::table::multiple_access::{self, MultipleAccessRow};

impl Store {
    /// Records that import `import_id` of `case_id` brought consent `multiple_access_id` for
    /// `target` (once; later calls with the same id change nothing).
    pub fn record_multiple_access(
        &mut self,
        case_id: CaseId,
        import_id: ImportId,
        multiple_access_id: &str,
        target: &str,
    ) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        multiple_access::insert(&tx, case_id, import_id, multiple_access_id, target, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a refresh (import `import_id`) made with consent `consent` (its row id).
    pub fn record_refresh(&mut self, consent: i64, import_id: ImportId) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        multiple_access::insert_refresh(&tx, consent, import_id, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Marks consent `consent` (its row id) revoked.
    pub fn revoke_multiple_access(&mut self, consent: i64) -> Result<()> {
        let now = self.now();
        let tx = self.write()?;
        multiple_access::revoke(&tx, consent, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The case's newest consent, with its refreshes.
    pub fn multiple_access(&self, case_id: CaseId) -> Result<Option<MultipleAccessRow>> {
        multiple_access::newest_for_case(&self.conn, case_id)
    }
}
