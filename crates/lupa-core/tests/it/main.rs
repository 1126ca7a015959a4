//! Integration tests of lupa-core against real components.

mod analysis;
mod keychain;
mod review;
mod workbench;
