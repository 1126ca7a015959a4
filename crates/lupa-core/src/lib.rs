//! Lupa's core: the use-cases the desktop shell and `lupa-cli` share. Nothing here imports Tauri.
//!
//! - [`session_input`]: session data pasted or deep-linked from the SignIn Widget (F-IMP-1).
//! - [`keychain`]: API keys in the OS keychain (F-ENV-2); the only module that touches keyring.
//! - [`database`]: the encrypted database and its key.
//! - [`import`]: the default import as a use-case.
//! - [`summary`]: what an import brought, in numbers.
//! - [`workbench`]: the desktop app's use-cases, one method per Tauri command.
//! - [`analysis`]: categories, underwriting metrics, continuity and the policy checklist (F-ANA-1..6).

pub mod analysis;
pub mod case_analysis;
pub mod case_charts;
pub mod database;
pub mod error;
pub mod import;
pub mod keychain;
pub mod review;
pub mod session_input;
pub mod summary;
pub mod workbench;

pub use error::{Error, Result};
