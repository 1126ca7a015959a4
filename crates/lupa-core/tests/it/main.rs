//! Integration tests of lupa-core against real components.

mod analysis;
mod export;
mod keychain;
mod lock;
mod maintenance;
mod review;
mod score;
mod support;
mod workbench;
