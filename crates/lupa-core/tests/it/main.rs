//! Integration tests of lupa-core against real components.

mod analysis;
mod export;
mod faults;
mod fuzz_regressions;
mod keychain;
mod load;
mod lock;
mod maintenance;
mod review;
mod score;
mod statement;
mod support;
mod workbench;
