//! PDF statements from the case screen (F-IMP-11): the upload of a dropped or picked file, and
//! the evidence of every statement of a case.

use lupa_store::{CaseId, StatementUploadRow};

use super::Workbench;
use crate::error::Result;
use crate::statement::{
    StatementOptions, StatementOutcome, finish_statement, prepare_statement, send_statement,
};

impl Workbench {
    /// Sends a statement for the case and stores the outcome. Lupa's own checks refuse a bad
    /// file first (`bad_pdf`, nothing changed); Kontomatik's refusals come back as a `refused`
    /// outcome with the reason, recorded with the case.
    pub async fn import_statement(
        &self,
        case_id: i64,
        file_name: String,
        pdf: Vec<u8>,
        accept_inconsistent: bool,
    ) -> Result<StatementOutcome> {
        let options = StatementOptions {
            accept_inconsistent,
            ..StatementOptions::default()
        };
        let pdf = std::sync::Arc::new(pdf);
        let (prepared, options) = {
            let pdf = pdf.clone();
            self.blocking(move |workbench| {
                let prepared = prepare_statement(
                    &mut workbench.store(),
                    CaseId(case_id),
                    &file_name,
                    &pdf,
                    &options,
                )?;
                Ok((prepared, options))
            })
            .await?
        };
        let sent = match self.client(prepared.environment, None).await {
            Ok(client) => send_statement(&client, &prepared, &pdf).await,
            Err(error) => {
                let message = error.to_string();
                let code = error.code();
                self.blocking(move |workbench| {
                    workbench.store().finish_import_failed(
                        prepared.import_id,
                        code,
                        None,
                        Some(&message),
                    )?;
                    Ok(())
                })
                .await?;
                return Err(error);
            }
        };
        self.blocking(move |workbench| {
            let outcome = finish_statement(&mut workbench.store(), &prepared, sent, &options);
            workbench.forget_review(prepared.case_id);
            outcome
        })
        .await
    }

    /// Every statement uploaded to the case, with its evidence, oldest first.
    pub async fn case_statements(&self, case_id: i64) -> Result<Vec<StatementUploadRow>> {
        self.blocking(move |workbench| Ok(workbench.store().case_statements(CaseId(case_id))?))
            .await
    }
}
