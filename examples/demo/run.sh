#!/usr/bin/env bash
# make demo: run tomcheck on the demo estate of "Beispiel GmbH" and explain
# its exit code. The demo judges as of a fixed time (--now) so that its
# attestations and exceptions give the same picture on every day.
set -uo pipefail
cd "$(dirname "$0")"
bin=../../bin/tomcheck
now=${DEMO_NOW:-2026-11-23T12:00:00Z}
lang=${DEMO_LANG:-de}

echo "\$ tomcheck run -c examples/demo/tomcheck.yaml --now $now --lang $lang"
echo
"$bin" run -c tomcheck.yaml --now "$now" --lang "$lang"
code=$?
echo
case $code in
  0) echo "tomcheck exited 0: no claim matched --fail-on (refuted). The demo expects refutations, so this is unexpected."; exit 1 ;;
  1) echo "tomcheck exited 1: at least one claim is refuted (--fail-on refuted, the default)."
     echo "That is the demo's expected result: its Terraform mixes compliant and non-compliant resources."
     echo "Try: bin/tomcheck run -c examples/demo/tomcheck.yaml --now $now --lang en --format markdown" ;;
  2) echo "tomcheck exited 2: usage or input error (see above). The demo is broken."; exit 1 ;;
  3) echo "tomcheck exited 3: the run could not judge (a policy error, or nothing collected). The demo is broken."; exit 1 ;;
  *) echo "tomcheck exited $code: unexpected."; exit 1 ;;
esac
