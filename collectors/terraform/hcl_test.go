package terraform

import (
	"path/filepath"
	"testing"
)

// TestCollectHCL runs the collector over the HCL cases under testdata/hcl
// and compares records and gaps with testdata/golden/hcl_<case>.jsonl.
func TestCollectHCL(t *testing.T) {
	cases := []struct {
		name    string
		spec    string
		secrets []string
	}{
		{name: "variables", spec: `{path: ., var_files: [prod.tfvars], vars: {from_vars: vars, region: eu-central-1}}`},
		{name: "locals", spec: `{path: .}`},
		{name: "count_foreach", spec: `{path: .}`},
		{name: "modules", spec: `{path: .}`},
		{name: "dynamic", spec: `{path: .}`},
		{name: "default_tags", spec: `{path: .}`},
		{name: "sensitive", spec: `{path: ., vars: {api_token: tok-123}}`, secrets: []string{"tok-123"}},
		{name: "references", spec: `{path: .}`},
		{name: "functions", spec: `{path: .}`},
		{name: "syntax_error", spec: `{path: .}`},
		{name: "recursion", spec: `{path: .}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("testdata", "hcl", tc.name)
			tg := target(t, dir, tc.name, tc.spec)
			tg.Secrets = tc.secrets
			s, err := collect(t, tg)
			if err != nil {
				t.Fatalf("Collect: %v", err)
			}
			golden(t, "hcl_"+tc.name+".jsonl", render(t, s))
		})
	}
}
