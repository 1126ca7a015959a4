//! Lupa's core: the use-cases the desktop shell and `lupa-cli` share. Nothing here imports Tauri.
//!
//! - [`session_input`]: session data pasted or deep-linked from the SignIn Widget (F-IMP-1).
//! - [`keychain`]: API keys in the OS keychain (F-ENV-2); the only module that touches keyring.
//! - [`database`]: the encrypted database and its key.
//! - [`import`]: the default import as a use-case.
//! - [`summary`]: what an import brought, in numbers.
//! - [`workbench`]: the desktop app's use-cases, one method per Tauri command.
//! - [`export`]: the case document (JSON), the CSV of a view and the PDF memo (F-EXP-1..3).
//! - [`statement`]: PDF bank statements through Kontomatik's PDF Parsing API (F-IMP-11).
//! - [`score`]: Kontomatik Score on request, with its ledger and warnings (F-SCO-1, F-SCO-2).
//! - [`analysis`]: categories, underwriting metrics, continuity and the policy checklist (F-ANA-1..6).

pub mod analysis;
pub mod case_analysis;
pub mod case_charts;
pub mod database;
pub mod error;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod keychain;
pub mod review;
pub mod score;
pub mod session_input;
pub mod statement;
pub mod summary;
pub mod workbench;

pub use error::{Error, Result};
