//! The window's capability allows exactly the app's commands (and listening to events).

include!("command_names.rs");

#[test]
fn the_capability_allows_exactly_the_commands() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src-tauri/capabilities/default.json"
    );
    let capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut allowed: Vec<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .filter(|p| !p.starts_with("core:event:"))
        .collect();
    let mut expected: Vec<String> = COMMANDS
        .iter()
        .map(|name| format!("allow-{}", name.replace('_', "-")))
        .collect();
    allowed.sort();
    expected.sort();
    assert_eq!(allowed, expected);
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
}
