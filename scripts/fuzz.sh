#!/usr/bin/env bash
# Coverage-guided fuzzing (docs/fuzzing.md): runs every cargo-fuzz target in fuzz/ for a bounded
# time on the stable toolchain (`--sanitizer none`: no nightly, no -Z flag), each from a fresh
# corpus seeded from fuzz/seeds/<target>/ and fuzz/regressions/<target>/. A crash, timeout or
# out-of-memory input is copied to fuzz/regressions/<target>/ (which the normal test suite replays)
# and the script fails.
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 60 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
t() { local start=$SECONDS; "$@"; echo "[time] $((SECONDS - start))s: $*" >&2; }

seconds="${1:-60}"
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(parse_reply session_input)
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2; }

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
CARGO_FUZZ_VERSION=0.13.2
if ! cargo fuzz --version >/dev/null 2>&1; then
  t cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION"
fi

# cargo-fuzz has no --locked. fuzz/Cargo.lock pins the versions of the main Cargo.lock; when a crate
# gained a dependency since, cargo adds it while building: say so rather than fail the run.
if ! cargo metadata --manifest-path fuzz/Cargo.toml --locked --format-version 1 >/dev/null 2>&1; then
  echo "warning: fuzz/Cargo.lock is out of date; cargo updates it now: commit the change" >&2
fi
# Optimised, with debug assertions and overflow checks (cargo-fuzz's default), no sanitizer.
build=(--fuzz-dir fuzz --sanitizer none)
t cargo fuzz build "${build[@]}"

# Per target: the largest input and the dictionary.
max_len() { case "$1" in parse_reply) echo 262144 ;; *) echo 4096 ;; esac; }
dict() { case "$1" in parse_reply) echo fuzz/dict/xml.dict ;; *) echo "fuzz/dict/$1.dict" ;; esac; }

failed=()
for target in "${targets[@]}"; do
  corpus="target/fuzz-corpus/$target"
  artifacts="target/fuzz-artifacts/$target"
  log="target/fuzz-logs/$target.log"
  rm -rf "$corpus" "$artifacts"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  cp fuzz/seeds/"$target"/* "$corpus"/
  if [[ -d "fuzz/regressions/$target" ]]; then
    find "fuzz/regressions/$target" -maxdepth 1 -type f -exec cp {} "$corpus"/ \;
  fi
  options=(
    -max_total_time="$seconds"
    -rss_limit_mb=2048
    -timeout=10
    -max_len="$(max_len "$target")"
    -artifact_prefix="$artifacts/"
    -print_final_stats=1
  )
  [[ -f "$(dict "$target")" ]] && options+=(-dict="$(dict "$target")")
  echo "fuzzing $target for ${seconds}s (log: $log)" >&2
  start=$SECONDS
  status=0
  cargo fuzz run "${build[@]}" "$target" "$corpus" -- "${options[@]}" >"$log" 2>&1 || status=$?
  # The last status line ("#N DONE cov: .. exec/s: ..") and the final stats.
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "$log" | tail -n 12 >&2 || true
  echo "[time] $((SECONDS - start))s: fuzz $target" >&2
  found=()
  while IFS= read -r -d '' file; do found+=("$file"); done \
    < <(find "$artifacts" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -print0)
  if [[ $status -ne 0 || ${#found[@]} -gt 0 ]]; then
    tail -n 60 "$log" >&2
    for file in "${found[@]}"; do
      mkdir -p "fuzz/regressions/$target"
      cp "$file" "fuzz/regressions/$target/"
      echo "FUZZ FAILURE: $target: input saved as fuzz/regressions/$target/$(basename "$file")" >&2
    done
    [[ ${#found[@]} -gt 0 ]] || echo "FUZZ FAILURE: $target: cargo fuzz exited with $status and no input (see $log)" >&2
    failed+=("$target")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzzing failed: ${failed[*]}. Replay an input with: cargo fuzz run --fuzz-dir fuzz --sanitizer none <target> fuzz/regressions/<target>/<file>; fix the bug and commit the input (the test suite replays fuzz/regressions/)." >&2
  exit 1
fi
echo "fuzzing passed: ${targets[*]}, ${seconds}s each" >&2
