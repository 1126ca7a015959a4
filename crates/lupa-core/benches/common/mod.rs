//! The fixed persona the benches share: `large`, exactly 100 000 transactions, as of 2026-11-20.

use chrono::NaiveDate;
use lupa_core::analysis::AnalysisInput;
use lupa_kontomatik::model::CommandResult;
use lupa_sandbox::personas::{find, generate};

/// The as-of date of every bench.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
}

/// The `large` persona's accounts and transactions as analysis input.
pub fn large_input() -> AnalysisInput {
    let generated = generate(find("large").expect("persona"), 2026, today());
    let result = CommandResult {
        owners: Some(generated.owners),
        accounts: Some(generated.accounts),
        ..CommandResult::default()
    };
    let input = AnalysisInput::from_command_result(&result);
    assert_eq!(input.transactions.len(), 100_000);
    input
}
