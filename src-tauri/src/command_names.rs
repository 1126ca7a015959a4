// The app's commands, for the permission manifest: with it, a command the capability does not
// allow is refused (Tauri otherwise allows every app command). Included by build.rs and by the
// crate's tests, which check the capability against it.
pub const COMMANDS: &[&str] = &[
    "start",
    "app_info",
    "settings",
    "set_environment",
    "set_proxy",
    "key_status",
    "set_api_key",
    "delete_api_key",
    "check_api_key",
    "preview_session",
    "start_import",
    "refresh_import",
    "revoke_multiple_access",
    "list_imports",
    "list_cases",
    "case_overview",
    "catalog",
    "take_deep_links",
    "open_widget",
];
