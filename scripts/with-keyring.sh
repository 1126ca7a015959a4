#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) in a throwaway home.
# Call it inside `dbus-run-session -- ...` so the keyring lives on a private session bus.
set -euo pipefail
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
HOME="$(mktemp -d)"
export HOME XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
trap 'rm -rf "$HOME"' EXIT
echo -n lupa-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
