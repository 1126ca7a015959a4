//! Any bytes as a Kontomatik reply: no panic, and what parses survives a write and a re-read
//! (`lupa_kontomatik::fuzzing::check_reply`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| lupa_kontomatik::fuzzing::check_reply(data));
