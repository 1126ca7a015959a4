//! Rebuilds the crate when a migration changes: the SQL files are embedded with `include_str!`.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
