//! Running the built `lupa-cli` binary with a clean environment.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// A folder of this test process's own, removed when it ends.
fn test_home() -> &'static tempfile::TempDir {
    static HOME: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
}

/// A `lupa-cli` command without inherited Lupa variables, keyed to a test-only keychain service.
pub fn lupa_cli(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lupa-cli"));
    command.args(args);
    for (name, _) in std::env::vars() {
        if name.starts_with("LUPA_") {
            command.env_remove(name);
        }
    }
    // Each test process has its own keychain entries and, unless a test passes --db, its own database.
    command.env(
        "LUPA_KEYCHAIN_SERVICE",
        format!("lupa-cli-test-{}", std::process::id()),
    );
    command.env("LUPA_DB", test_home().path().join("lupa.db"));
    command
}

/// Runs a command (off the async runtime) and returns its output.
pub async fn run(mut command: Command, stdin: Option<&str>) -> Output {
    let stdin = stdin.map(str::to_owned);
    tokio::task::spawn_blocking(move || {
        command.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("lupa-cli starts");
        if let Some(text) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        child.wait_with_output().expect("lupa-cli ends")
    })
    .await
    .expect("blocking task")
}

/// stdout and stderr as text.
pub fn texts(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The database key the `--db` tests use (passed as `LUPA_DB_KEY`: no keychain needed).
pub const DB_KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// `lupa-cli --db DB ARGS` with [`DB_KEY`] and the analyst `ewa`: success, stdout, stderr.
pub async fn cli(db: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let mut command = lupa_cli(&all);
    command.env("LUPA_DB_KEY", DB_KEY).env("USER", "ewa");
    let output = run(command, None).await;
    let (stdout, stderr) = texts(&output);
    (output.status.success(), stdout, stderr)
}
