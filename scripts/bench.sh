#!/usr/bin/env bash
# make bench: tomcheck evaluate vs opa eval (same pinned OPA) over synthetic
# estates of 10,000 and 100,000 Terraform records, side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
OPA=${OPA:?set OPA to the opa binary}
SIZES=${BENCH_SIZES:-"10000 100000"}
RUNS=${BENCH_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/genestate" ./internal/bench/genestate
go build -o "$work/runbench" ./internal/bench/runbench
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), $("$OPA" version | head -1)"
for n in $SIZES; do
  "$work/genestate" -n "$n" -o "$work/$n"
  "$work/runbench" -tomcheck bin/tomcheck -opa "$OPA" -dir "$work/$n" -records "$n" -runs "$RUNS"
done
