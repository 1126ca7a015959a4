#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine with only a Rust toolchain lacks to build, run and test
# Lupa. Idempotent: it installs only what is missing. Uses sudo when not run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential pkg-config curl ca-certificates file
  libssl-dev             # SQLCipher (rusqlite bundled-sqlcipher) links the system libcrypto
  libdbus-1-dev          # keyring's Secret Service backend (libdbus-sys)
  libwebkit2gtk-4.1-dev  # Tauri's webview on Linux (pulls GTK 3, libsoup 3, JavaScriptCore)
  dbus gnome-keyring     # a real Secret Service for the keychain tests
  xdg-utils desktop-file-utils libglib2.0-bin  # the lupa:// scheme registration (xdg-mime, gio)
  xvfb xauth at-spi2-core webkit2gtk-driver    # end-to-end tests: a display and WebKitWebDriver
  poppler-utils          # the memo tests: pdftotext (text and diacritics), pdftoppm (pages to PNG)
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

# The UI is built with Vite 8, which needs Node.js 20.19 or newer (with npm).
node_ok() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  echo "setup: Node.js >= 20.19 with npm is required for the UI (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "setup: install it from your distribution's backports or nodejs.org packages, then run again." >&2
  exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the UI's npm packages" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  echo "setup: installing cargo-nextest" >&2
  cargo install cargo-nextest --locked
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "setup: installing tauri-driver (WebDriver for the end-to-end tests)" >&2
  cargo install tauri-driver --version '^2' --locked
fi
