//! Integration tests of lupa-kontomatik: one binary, one module per concern.

mod client;
mod fixtures;
mod import;
mod parse;
mod replay;
mod roundtrip;
