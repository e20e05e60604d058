package terraform

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestDemoTarget collects the demo project's terraform target as
// examples/demo/tomcheck.yaml declares it (HCL with prod.tfvars, plus the
// real plan JSON): every planned address is read from both sources, with
// the HCL block's position, and nothing is a gap.
func TestDemoTarget(t *testing.T) {
	dir := filepath.Join("..", "..", "examples", "demo")
	s, err := collect(t, target(t, dir, "infra", `{path: infra/, var_files: [infra/prod.tfvars], plan: infra/plan.json}`))
	if err != nil {
		t.Fatalf("Collect: %v", err)
	}
	for _, g := range s.gaps {
		t.Errorf("gap: %s", g.Reason)
	}
	if len(s.records) < 20 {
		t.Fatalf("%d records; the demo declares more", len(s.records))
	}
	for _, r := range s.records {
		from, _ := r.Data["from"].([]any)
		if !slices.Equal(from, []any{FromHCL, FromPlan}) {
			t.Errorf("%s: from %v, want [hcl plan]", r.Subject, from)
		}
		if r.Source.Line == 0 || filepath.Dir(r.Source.File) == "." {
			t.Errorf("%s: source %s:%d, want the HCL block under infra/", r.Subject, r.Source.File, r.Source.Line)
		}
	}
}
