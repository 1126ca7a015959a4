//! End-to-end tests of the `lupa-cli` binary over real HTTP on 127.0.0.1: against the sandbox,
//! against a server replaying Kontomatik's captured replies, and with a real keychain.

mod exports;
mod faults;
mod import;
mod keys;
mod replay;
mod statements;
mod store;
mod store_crash;
mod support;
