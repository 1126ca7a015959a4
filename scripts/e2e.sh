#!/usr/bin/env bash
# Drives the real app (target/debug/lupa, UI embedded) through WebDriver: tauri-driver in front of
# WebKitWebDriver, in a throwaway home with its own D-Bus session and unlocked gnome-keyring.
# Run it under Xvfb: `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/e2e.sh`.
# Screenshots and figures go to e2e-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
TAURI_DRIVER="${TAURI_DRIVER:-$(command -v tauri-driver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver")}"
ARTIFACTS="$ROOT/e2e-artifacts"
rm -rf "$ARTIFACTS" && mkdir -p "$ARTIFACTS"
# Exports (memo, CSV, JSON) land beside the screenshots. Exported before tauri-driver starts: the
# app inherits the driver's environment.
export LUPA_EXPORT_DIR="$ARTIFACTS/exports"
mkdir -p "$LUPA_EXPORT_DIR"

# Isolate the app's data, keychain and .desktop registration. Only now, after cargo ran.
HOME="$(mktemp -d)"
export HOME XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
mkdir -p "$XDG_DATA_HOME/applications"
echo -n e2e-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null

"$TAURI_DRIVER" --port 4444 --native-port 4445 >"$ARTIFACTS/tauri-driver.log" 2>&1 &
DRIVER=$!
trap 'kill $DRIVER 2>/dev/null || true; rm -rf "$HOME"' EXIT
for _ in $(seq 100); do
  curl -fs http://127.0.0.1:4444/status >/dev/null 2>&1 && break
  sleep 0.1
done

# One file at a time: with single-instance, a second app would hand over to the first and exit.
# Arguments pick test files (default: all of e2e/).
if [ $# -eq 0 ]; then set -- "$ROOT"/e2e/*.test.mjs; fi
LUPA_E2E_ARTIFACTS="$ARTIFACTS" node --test --test-concurrency=1 "$@"

# Secrets the tests typed into the app (e2e/07 saves an API key and lists it in secrets.txt) must
# appear nowhere: not in the data directory, database, settings, keyring files or any log. The
# driver is stopped first so its log is complete; a planted copy proves the scan can fail.
if [ -s "$ARTIFACTS/secrets.txt" ]; then
  kill "$DRIVER" 2>/dev/null || true
  wait "$DRIVER" 2>/dev/null || true
  canary="$(mktemp -d)"
  head -n 1 "$ARTIFACTS/secrets.txt" >"$canary/planted"
  if scripts/scan-secrets.sh "$ARTIFACTS/secrets.txt" "$canary" 2>/dev/null; then
    echo "scan-secrets did not find a planted secret" >&2
    exit 1
  fi
  rm -rf "$canary"
  scripts/scan-secrets.sh "$ARTIFACTS/secrets.txt" "$HOME" "$ARTIFACTS"
fi
