//! Exports from the case screen (F-EXP-1..3): the memo, the CSV of the table's view and the JSON
//! of the case, written into the export folder under a name made of ids and time only.

use std::path::PathBuf;

use chrono::Utc;
use lupa_store::CaseId;

use super::{Workbench, lock};
use crate::error::Result;
use crate::export::files::{file_name, unique_path};
use crate::export::{ExportRequest, ExportSummary, export_case as write_export};

/// Overrides the export folder (tests, kiosk set-ups).
pub const EXPORT_DIR_VARIABLE: &str = "LUPA_EXPORT_DIR";

impl Workbench {
    /// Where exports go: the folder chosen in the settings, else `LUPA_EXPORT_DIR`, else
    /// `Documents/Lupa`, else the data directory's `exports`.
    pub fn export_dir(&self) -> PathBuf {
        if let Some(dir) = lock(&self.inner.settings).export_dir.clone() {
            return PathBuf::from(dir);
        }
        std::env::var_os(EXPORT_DIR_VARIABLE)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
            .or_else(|| dirs::document_dir().map(|dir| dir.join("Lupa")))
            .unwrap_or_else(|| self.inner.options.data_dir.join("exports"))
    }

    /// Writes the case's memo, CSV or JSON into the export folder.
    pub async fn export_case(&self, case_id: i64, request: ExportRequest) -> Result<ExportSummary> {
        let now = Utc::now();
        let path = unique_path(&self.export_dir(), &file_name(case_id, request.format, now));
        self.blocking(move |workbench| {
            let model = workbench.model(CaseId(case_id))?;
            let model = model.read().unwrap_or_else(|e| e.into_inner());
            // A second connection: a memo of a large case takes a while, and the window's
            // queries must not wait for it on the shared one.
            write_export(&mut workbench.open_store()?, &model, &request, &path, now)
        })
        .await
    }
}
