//! The default import as a use-case (F-IMP-3): session input in, Kontomatik's driver in between,
//! the outcome and a summary out. Storage joins here in the next step (raw replies first).

use chrono::{Months, NaiveDate};
use lupa_kontomatik::client::SessionCredentials;
use lupa_kontomatik::import::{self, ImportConfig, ImportEvent, ImportFailure, ImportOutcome};
use lupa_kontomatik::{Client, protocol};
use tokio::sync::mpsc::UnboundedSender;

use crate::session_input::SessionInput;
use crate::summary::{ImportSummary, summarize};

/// `since` when the analyst does not choose: [`protocol::DEFAULT_SINCE_YEARS`] years before `today`.
pub fn default_since(today: NaiveDate) -> NaiveDate {
    let months = Months::new(12 * protocol::DEFAULT_SINCE_YEARS.unsigned_abs());
    today.checked_sub_months(months).unwrap_or(today)
}

/// A finished import and what it brought.
#[derive(Debug, Clone)]
pub struct ImportReport {
    /// The driver's outcome: command id, final command, final raw reply, polls, time.
    pub outcome: ImportOutcome,
    /// Owners, accounts and transaction counts.
    pub summary: ImportSummary,
}

/// Runs the session's one default import, reporting progress on `events`.
pub async fn import_default(
    client: &Client,
    input: &SessionInput,
    since: NaiveDate,
    config: &ImportConfig,
    events: &UnboundedSender<ImportEvent>,
) -> Result<ImportReport, ImportFailure> {
    let credentials = SessionCredentials {
        session_id: input.session_id.clone(),
        signature: input.session_id_signature.clone(),
    };
    let outcome = import::run(client, &credentials, since, config, events).await?;
    let summary = outcome
        .command
        .result
        .as_ref()
        .map(summarize)
        .unwrap_or_else(|| summarize(&Default::default()));
    Ok(ImportReport { outcome, summary })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_since_is_five_years_back_even_on_a_leap_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(default_since(day(2026, 11, 25)), day(2021, 11, 25));
        assert_eq!(default_since(day(2028, 2, 29)), day(2023, 2, 28));
    }
}
