//! Any text as pasted session data: no panic, a deep-link round trip, no signature in messages
//! (`lupa_core::fuzzing::check_session_input`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        lupa_core::fuzzing::check_session_input(text);
    }
});
