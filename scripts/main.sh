#!/usr/bin/env bash
# The main job: starts Lupa's embedded Kontomatik sandbox and runs a complete import against it
# over real HTTP with lupa-cli, printing the result. Extra arguments go to `lupa-cli demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo run --locked --quiet -p lupa-cli -- demo "$@"
