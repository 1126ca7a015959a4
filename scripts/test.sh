#!/usr/bin/env bash
# Runs every check and test of Lupa: formatting, lints, and all tests against real components
# (loopback HTTP, the sandbox, a real Secret Service keychain).
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local start=$SECONDS; "$@"; echo "[time] $((SECONDS - start))s: $*" >&2; }

t scripts/setup.sh
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
t cargo fmt --all -- --check
t cargo clippy --workspace --all-targets --locked -- -D warnings
t dbus-run-session -- scripts/with-keyring.sh \
  cargo nextest run --workspace --locked --no-fail-fast
