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

/// The hardening the release build relies on (issue 8), read from the files that configure it:
/// a strict CSP without remote origins, `eval` or inline scripts; no global Tauri object; a
/// frozen prototype; no developer tools in release builds (Tauri enables them only in debug
/// builds unless the `devtools` feature is on); only event listening among the core
/// permissions; and the commands that work while the app is locked are exactly the lock's.
#[test]
fn the_window_is_locked_down() {
    let root = env!("CARGO_MANIFEST_DIR");
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{root}/tauri.conf.json")).unwrap())
            .unwrap();
    let security = &config["app"]["security"];
    let csp = security["csp"].as_object().unwrap();
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        assert!(!value.contains("unsafe-eval"), "{directive}: {value}");
        assert!(
            !value.contains("https:") && !value.contains('*'),
            "{directive} allows remote content: {value}"
        );
        if directive != "connect-src" {
            assert!(!value.contains("http:"), "{directive}: {value}");
        }
    }
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-src"], "'none'");
    assert_eq!(security["freezePrototype"], true);
    assert_eq!(config["app"]["withGlobalTauri"], false);
    let windows = config["app"]["windows"].as_array().unwrap();
    assert!(
        windows.iter().all(|w| w.get("url").is_none()),
        "no remote window"
    );

    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    let tauri_line = manifest
        .lines()
        .find(|line| line.starts_with("tauri = "))
        .unwrap();
    assert!(!tauri_line.contains("devtools"), "{tauri_line}");

    let capability: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/src-tauri/capabilities/default.json")).unwrap(),
    )
    .unwrap();
    let core: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| p.starts_with("core:") || p.contains(':'))
        .collect();
    assert_eq!(
        core,
        ["core:event:allow-listen", "core:event:allow-unlisten"]
    );

    let commands: String = std::fs::read_to_string(format!("{root}/src-tauri/src/commands.rs"))
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bodies: Vec<(&str, &str)> = commands
        .split("#[tauri::command]")
        .skip(1)
        .map(|body| {
            let name = body
                .split_once("fn")
                .and_then(|(_, rest)| rest.split('(').next())
                .unwrap();
            (name, body)
        })
        .collect();
    for (name, body) in &bodies {
        assert!(
            body.contains("shell.workbench()?") || body.contains("shell.unguarded()?"),
            "{name} must go through the lock check (shell.workbench) or be listed below"
        );
    }
    let mut unguarded: Vec<&str> = bodies
        .iter()
        .filter(|(_, body)| body.contains("shell.unguarded()"))
        .map(|(name, _)| *name)
        .collect();
    unguarded.sort_unstable();
    assert_eq!(
        unguarded,
        ["app_info", "lock_now", "lock_status", "start", "unlock"],
        "only these work while the app is locked"
    );
}
