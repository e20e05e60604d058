#!/usr/bin/env bash
# Regenerates the real OpenTofu plan/state JSON fixtures of tomcheck.
#
#   bash tools/tffixtures/generate.sh [CONFIG_DIR ...]     (or: make fixtures)
#
# For each Terraform configuration directory (default: all fixture
# configurations of the repository) it runs, in a scratch copy,
#   tofu init; tofu plan -out=plan.bin [-var-file=prod.tfvars];
#   tofu show -json plan.bin > plan.json; tofu apply plan.bin; tofu show -json > state.json
# and copies only plan.json and state.json back beside the configuration.
#
# Needs Go and network access to the Go module proxy (first run only): it
# builds OpenTofu v1.10.10 (tools/tffixtures/tofu) and the stand-in AWS
# provider (tools/tffixtures/provider) into $TOMCHECK_CACHE (default
# ~/.cache/tomcheck) and installs the provider into a filesystem mirror in a
# temporary directory. No provider registry and no cloud are contacted.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cache=${TOMCHECK_CACHE:-$HOME/.cache/tomcheck}
bin=$cache/bin
tofu=$bin/tofu
tofu_version=1.10.10
provider_version=5.0.0
provider_bin=$bin/terraform-provider-aws_v$provider_version
# Every timestamp tofu writes into the JSON (the plan's "timestamp") is set to
# this instant, so that regenerating without changes gives identical files.
fixed_time=${FIXTURE_TIME:-2026-11-22T10:00:00Z}

default_dirs=(
	collectors/terraform/testdata/tofu/basic
	examples/demo/infra
)

t_all=$(date +%s.%N)
phase_start() { t_phase=$(date +%s.%N); phase_name=$1; }
phase_end() {
	local now
	now=$(date +%s.%N)
	printf '[fixtures] %-44s %6.1fs\n' "$phase_name" "$(awk -v a="$now" -v b="$t_phase" 'BEGIN{print a-b}')"
}

mkdir -p "$bin"

# ---- OpenTofu (built once; ~3 min on 2 cores) ----
phase_start "build tofu $tofu_version"
if [[ ! -x $tofu ]] || ! "$tofu" version 2>/dev/null | head -1 | grep -qx "OpenTofu v$tofu_version"; then
	(
		cd "$here/tofu"
		# -mod=mod as in the reference recipe; dev=no makes it report 1.10.10
		# (not 1.10.10-dev) as terraform_version, like the release binaries.
		GOFLAGS="${GOFLAGS:-} -mod=mod" go build -buildvcs=false \
			-ldflags "-X github.com/opentofu/opentofu/version.dev=no" \
			-o "$tofu.tmp" github.com/opentofu/opentofu/cmd/tofu
	)
	mv "$tofu.tmp" "$tofu"
fi
phase_end

# ---- stand-in provider (rebuilt when its sources change; ~15 s) ----
phase_start "build stand-in provider"
src_sum=$(cd "$here/provider" && cat go.mod go.sum ./*.go | sha256sum | cut -d' ' -f1)
if [[ ! -x $provider_bin ]] || [[ "$(cat "$provider_bin.sum" 2>/dev/null)" != "$src_sum" ]]; then
	(cd "$here/provider" && go build -buildvcs=false -o "$provider_bin.tmp" .)
	mv "$provider_bin.tmp" "$provider_bin"
	echo "$src_sum" >"$provider_bin.sum"
fi
phase_end

# ---- filesystem mirror and CLI configuration ----
tmp=$(mktemp -d)
if [[ -n ${FIXTURES_KEEP:-} ]]; then
	echo "[fixtures] keeping scratch directory $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
fi
platform="$(go env GOOS)_$(go env GOARCH)"
pdir=$tmp/mirror/registry.opentofu.org/hashicorp/aws/$provider_version/$platform
mkdir -p "$pdir"
cp "$provider_bin" "$pdir/terraform-provider-aws_v$provider_version"
cat >"$tmp/tofu.rc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$tmp/mirror"
    include = ["registry.opentofu.org/hashicorp/aws"]
  }
  direct { exclude = ["registry.opentofu.org/hashicorp/aws"] }
}
EOF
export TF_CLI_CONFIG_FILE=$tmp/tofu.rc
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_DATA_DIR TF_WORKSPACE TF_LOG TF_PLUGIN_CACHE_DIR

# normalize FILE: pretty-print (2 spaces, key order kept, values untouched),
# pin the plan's timestamp, and sort "relevant_attributes" — tofu orders that
# list by resource address only, so attributes of one resource come out in a
# different order from run to run (the list is a set; its order means nothing).
normalize() {
	python3 - "$1" "$fixed_time" <<'PY'
import json, sys
path, fixed = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    doc = json.load(f)
if "timestamp" in doc:
    doc["timestamp"] = fixed
if "relevant_attributes" in doc:
    doc["relevant_attributes"].sort(key=lambda r: (r["resource"], json.dumps(r["attribute"])))
with open(path, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY
}

dirs=("$@")
if [[ ${#dirs[@]} -eq 0 ]]; then
	dirs=("${default_dirs[@]}")
fi

for dir in "${dirs[@]}"; do
	dir=${dir%/}
	src=$root/$dir
	[[ -d $src ]] || src=$(cd "$dir" && pwd)
	echo "[fixtures] == ${src#"$root"/}"
	work=$tmp/work/$(echo "$dir" | tr '/' '_')
	mkdir -p "$work"
	cp -R "$src/." "$work/"
	rm -rf "$work/.terraform" "$work/.terraform.lock.hcl" "$work"/*.tfstate* "$work/plan.json" "$work/state.json"
	var_args=()
	[[ -f $work/prod.tfvars ]] && var_args+=(-var-file=prod.tfvars)

	(
		cd "$work"
		phase_start "tofu init"
		"$tofu" init -input=false -no-color >init.log 2>&1 || { cat init.log; exit 1; }
		phase_end
		phase_start "tofu plan ${var_args[*]:-}"
		"$tofu" plan -input=false -no-color -out=plan.bin "${var_args[@]}" >plan.log 2>&1 || { cat plan.log; exit 1; }
		phase_end
		phase_start "tofu show -json plan.bin"
		"$tofu" show -json -no-color plan.bin >plan.json
		phase_end
		phase_start "tofu apply plan.bin"
		"$tofu" apply -input=false -no-color -auto-approve plan.bin >apply.log 2>&1 || { cat apply.log; exit 1; }
		phase_end
		phase_start "tofu show -json"
		"$tofu" show -json -no-color >state.json
		phase_end
		grep -E '^Plan:|^Apply complete' plan.log apply.log | sed 's/^/[fixtures]   /'
		# Warnings would end up in nobody's view otherwise.
		if grep -q 'Warning:' plan.log apply.log; then
			grep -h -A4 'Warning:' plan.log apply.log | sed 's/^/[fixtures]   /'
		fi
	)
	normalize "$work/plan.json"
	normalize "$work/state.json"
	cp "$work/plan.json" "$work/state.json" "$src/"
done

printf '[fixtures] %-44s %6.1fs\n' "total" "$(awk -v a="$(date +%s.%N)" -v b="$t_all" 'BEGIN{print a-b}')"
