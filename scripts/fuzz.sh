#!/usr/bin/env bash
# Runs every fuzz target of the module for a bounded time each (default 5s).
set -euo pipefail
cd "$(dirname "$0")/.."
time=${1:-5s}
found=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    found=$((found + 1))
    echo "-- fuzz $pkg $target ($time)"
    go test -run='^$' -fuzz="^${target}\$" -fuzztime="$time" "$pkg"
  done
done
echo "fuzz: $found target(s) ran"
[ "$found" -gt 0 ]
