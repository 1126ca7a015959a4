//! Tauri's build step; the capabilities live in src-tauri/ while tauri.conf.json is at the top.
//! The app manifest gives each command an `allow-<command>` permission, so the capability is the
//! complete list of what the window may call.

include!("src/command_names.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/command_names.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
