//! Tauri's build step; the capabilities live in src-tauri/ while tauri.conf.json is at the top.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*"),
    )
    .expect("tauri-build failed");
}
