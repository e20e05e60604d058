#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what it needs, prints a timer per phase.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
phase_start=$(date +%s)
total_start=$phase_start
phase() {
  local now; now=$(date +%s)
  [ -n "${PHASE:-}" ] && printf '== phase %-22s %4ds\n' "$PHASE" $((now - phase_start))
  PHASE=$1; phase_start=$now
  [ -n "$1" ] && echo "== $1"
  return 0
}

phase "tools"
command -v "$GO" >/dev/null || { echo "missing: go (Go 1.26) is not on PATH" >&2; exit 1; }
make --no-print-directory tools

phase "download"
$GO mod download
$GO mod verify

phase "gofmt"
unformatted=$(git ls-files -co --exclude-standard -- '*.go' | xargs -r gofmt -l)
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

phase "vet"
$GO vet ./...

phase "lint"
make --no-print-directory lint

phase "unit+rego"
$GO test -count=1 ./...

phase "race"
$GO test -count=1 -race $(grep -E '^RACE_PKGS' Makefile | sed 's/.*:= //')

phase "fuzz"
bash scripts/fuzz.sh "${FUZZTIME:-5s}"

phase ""
echo "== all tests passed in $(( $(date +%s) - total_start ))s"
