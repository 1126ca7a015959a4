//! The `parse_reply` fuzz target's property (`lupa_kontomatik::fuzzing::check_reply`) on its seeds
//! (`fuzz/seeds/parse_reply/`, the captures) and on every crash it has found
//! (`fuzz/regressions/parse_reply/`), without cargo-fuzz. See docs/fuzzing.md.

use std::path::{Path, PathBuf};

use lupa_kontomatik::fuzzing::check_reply;

/// The files in `fuzz/<kind>/parse_reply/`, sorted; none when the directory does not exist.
fn inputs(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz")
        .join(kind)
        .join("parse_reply");
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

fn check(path: &Path) {
    let data = std::fs::read(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let outcome = std::panic::catch_unwind(|| check_reply(&data));
    assert!(
        outcome.is_ok(),
        "{} fails the fuzz property",
        path.display()
    );
}

#[test]
fn fuzz_seeds_hold_the_property() {
    let seeds = inputs("seeds");
    assert!(
        seeds.len() >= 10,
        "fuzz/seeds/parse_reply/ has the captures"
    );
    seeds.iter().for_each(|path| check(path));
}

#[test]
fn fuzz_regressions_hold_the_property() {
    inputs("regressions").iter().for_each(|path| check(path));
}
