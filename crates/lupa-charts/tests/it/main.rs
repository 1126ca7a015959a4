//! Integration tests of lupa-charts: one binary (conventions §7.2.8).
//!
//! Snapshots live in `snapshots/`; insta never writes them when `CI` is set (it runs as
//! `INSTA_UPDATE=no`), so a changed chart fails CI. Review changes with
//! `INSTA_UPDATE=always cargo test -p lupa-charts` and `git diff`.

mod balance;
mod cashflow;
mod category;
mod common;
mod income;
