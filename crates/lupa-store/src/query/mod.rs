//! Reads for the review screens and the CLI: the case list, a case's overview, the transactions
//! table, an import read back as Kontomatik's model, and diffs between imports.

pub mod cases;
pub mod diff;
pub mod import_result;
pub mod transactions;
