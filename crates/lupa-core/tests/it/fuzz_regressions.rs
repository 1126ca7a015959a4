//! The `session_input` fuzz target's property (`lupa_core::fuzzing::check_session_input`) on its
//! seeds (`fuzz/seeds/session_input/`) and on every crash it has found
//! (`fuzz/regressions/session_input/`), without cargo-fuzz. See docs/fuzzing.md.

use std::path::{Path, PathBuf};

use lupa_core::fuzzing::check_session_input;

/// The files in `fuzz/<kind>/session_input/`, sorted; none when the directory does not exist.
fn inputs(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join("session_input");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// As the fuzz target does: text that is not UTF-8 is skipped.
fn check(path: &Path) {
    let data = std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    if let Ok(text) = std::str::from_utf8(&data) {
        let outcome = std::panic::catch_unwind(|| check_session_input(text));
        assert!(
            outcome.is_ok(),
            "{} fails the fuzz property",
            path.display()
        );
    }
}

#[test]
fn fuzz_seeds_hold_the_property() {
    let seeds = inputs("seeds");
    assert!(seeds.len() >= 10, "fuzz/seeds/session_input/ has the seeds");
    seeds.iter().for_each(|path| check(path));
}

#[test]
fn fuzz_regressions_hold_the_property() {
    inputs("regressions").iter().for_each(|path| check(path));
}
