#!/usr/bin/env bash
# Runs every check and test of Lupa: formatting, lints, the UI's typecheck and lint, all Rust tests
# against real components (loopback HTTP, the sandbox, a real Secret Service keychain), and the
# end-to-end tests of the real app window through WebDriver under Xvfb, and a time-boxed fuzzing run.
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local start=$SECONDS; "$@"; echo "[time] $((SECONDS - start))s: $*" >&2; }

t scripts/setup.sh
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
t npm run lint
t npm run build                      # svelte-check (types) + vite build -> dist/, embedded by the app
t cargo fmt --all -- --check
t cargo clippy --workspace --all-targets --locked -- -D warnings
t dbus-run-session -- scripts/with-keyring.sh \
  cargo nextest run --workspace --locked --no-fail-fast
t cargo build -p lupa --locked
t xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/e2e.sh
# Coverage-guided fuzzing of the XML reply parser and the paste / deep-link parser, time-boxed
# (docs/fuzzing.md); a crash is saved under fuzz/regressions/ and fails the run.
t scripts/fuzz.sh "${LUPA_FUZZ_SECONDS:-45}"
