#!/usr/bin/env bash
# Looks for secrets where they must never be (issue 8): every file under the given directories
# (the e2e run's home with Lupa's data directory, database, settings, sandbox state and keyring
# files; the e2e artifacts with the driver's and the app's logs) is searched, as bytes, for each
# line of SECRETS_FILE. Exits non-zero, naming the file (never the secret), on any hit.
# Usage: scripts/scan-secrets.sh SECRETS_FILE DIR...
set -euo pipefail
secrets_file="$1"
shift
if [ ! -s "$secrets_file" ]; then
  echo "scan-secrets: $secrets_file is missing or empty: nothing to look for" >&2
  exit 1
fi
found=0
files=0
while IFS= read -r secret; do
  [ -n "$secret" ] || continue
  for dir in "$@"; do
    [ -d "$dir" ] || continue
    # -a: binary files as text; -F: fixed string; -r: every file; the secrets file itself is skipped.
    while IFS= read -r hit; do
      [ "$hit" = "$secrets_file" ] && continue
      echo "scan-secrets: a secret appears in $hit" >&2
      found=1
    done < <(grep -rlaF --exclude="$(basename "$secrets_file")" -- "$secret" "$dir" 2>/dev/null || true)
  done
done <"$secrets_file"
for dir in "$@"; do
  [ -d "$dir" ] && files=$((files + $(find "$dir" -type f | wc -l)))
done
if [ "$found" -ne 0 ]; then
  exit 1
fi
echo "scan-secrets: $(grep -c . "$secrets_file") secret(s) absent from $files files" >&2
