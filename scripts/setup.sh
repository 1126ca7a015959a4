#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with only a Rust toolchain lacks to build and test Lupa.
# Idempotent: it installs only packages that are missing. Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential pkg-config curl ca-certificates
  libssl-dev             # SQLCipher (rusqlite bundled-sqlcipher) links the system libcrypto
  libdbus-1-dev          # keyring's Secret Service backend (libdbus-sys)
  dbus gnome-keyring     # a real Secret Service for the keychain tests
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  echo "setup: installing cargo-nextest" >&2
  cargo install cargo-nextest --locked
fi
