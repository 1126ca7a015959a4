//! Integration tests of lupa-kontomatik: one binary, one module per concern.

mod client;
mod fixtures;
mod fuzz_regressions;
mod import;
mod parse;
mod replay;
mod roundtrip;
mod statement;
