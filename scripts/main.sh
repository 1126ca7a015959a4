#!/usr/bin/env bash
# Builds and starts Lupa's desktop app on the embedded sandbox (no credentials needed), installing
# what a fresh Debian machine lacks first. Extra arguments go to the app (e.g. a lupa:// link).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
npm run build
cargo build -p lupa --locked
exec target/debug/lupa "$@"
