//! lupa-store's integration tests: real SQLCipher files in temporary directories, the real
//! Kontomatik captures and the sandbox's personas.

mod dedup;
mod disk_full;
mod fidelity;
mod integrity;
mod lifecycle;
mod open;
mod queries;
mod retention;
mod review;
mod scale;
mod scores;
mod search_index;
mod support;
