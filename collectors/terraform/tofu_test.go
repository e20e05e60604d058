package terraform

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestCollectTofu reads real `tofu show -json` plan and state output (see
// testdata/tofu/<case>/, generated with OpenTofu and a stand-in AWS
// provider), alone and combined with the HCL of the same configuration.
func TestCollectTofu(t *testing.T) {
	cases := []struct {
		name, dir, spec string
	}{
		{"basic_hcl", "basic", `{path: ., var_files: [prod.tfvars]}`},
		{"basic_plan", "basic", `{plan: plan.json}`},
		{"basic_state", "basic", `{state: state.json}`},
		{"basic_combined", "basic", `{path: ., var_files: [prod.tfvars], plan: plan.json, state: state.json}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("testdata", "tofu", tc.dir)
			s, err := collect(t, target(t, dir, tc.dir, tc.spec))
			if err != nil {
				t.Fatalf("Collect: %v", err)
			}
			out := render(t, s)
			// variables.tf marks db_password sensitive; its value (set in
			// terraform.tfvars, and in plain text in the plan's variables)
			// must never reach a record.
			if bytes.Contains(out, []byte("fixture-only-not-a-secret")) {
				t.Error("the sensitive db_password reached a record")
			}
			golden(t, "tofu_"+tc.name+".jsonl", out)
		})
	}
}

// TestHCLAgreesWithPlan checks the static evaluator against OpenTofu: every
// value HCL evaluation claims to know must be what tofu planned, and every
// planned address must be found in HCL (or covered by an HCL block whose
// instances are unknown).
func TestHCLAgreesWithPlan(t *testing.T) {
	cases := []struct {
		dir      string
		varFiles []string
	}{
		{filepath.Join("testdata", "tofu", "basic"), []string{"prod.tfvars"}},
		{filepath.Join("..", "..", "examples", "demo", "infra"), []string{"prod.tfvars"}},
	}
	for _, tc := range cases {
		t.Run(filepath.Base(tc.dir), func(t *testing.T) {
			dir := tc.dir
			cfg, ds := LoadModule(os.DirFS(dir), ".", Options{VarFiles: tc.varFiles})
			if len(ds) > 0 {
				t.Fatalf("LoadModule: %v", ds)
			}
			plan, err := readFile(filepath.Join(dir, "plan.json"), ReadPlan)
			if err != nil {
				t.Fatalf("ReadPlan: %v", err)
			}
			hcl := map[string]Instance{}
			blocks := map[string]bool{}
			for _, in := range cfg.Instances {
				hcl[in.Address] = in
				if in.InstancesUnknown {
					blocks[in.ConfigAddress] = true
				}
			}
			for _, p := range plan.Instances {
				h, ok := hcl[p.Address]
				if !ok {
					if !blocks[p.ConfigAddress] {
						t.Errorf("%s: planned, but not found in HCL", p.Address)
					}
					continue
				}
				if h.Provider != p.Provider {
					t.Errorf("%s: provider %q in HCL, %q planned", p.Address, h.Provider, p.Provider)
				}
				for _, d := range agree(p.Address, "", h.Values, p.Values, p.Unknown) {
					t.Error(d)
				}
				for path, refs := range p.References {
					if got := h.References[path]; !equalStrings(got, refs) {
						t.Errorf("%s: references of %s: %v in HCL, %v in the plan's configuration", p.Address, path, got, refs)
					}
				}
			}
		})
	}
}

// agree lists where a known HCL value differs from the plan's; path is
// relative to the resource.
func agree(addr, path string, h, p, unknown any) []string {
	where := addr + "." + path
	if u, ok := unknown.(bool); ok && u {
		if h == nil {
			return nil // an unknown list element: null in both
		}
		return []string{where + ": HCL knows " + jsonText(h) + ", tofu plans it unknown"}
	}
	switch hv := h.(type) {
	case map[string]any:
		pv, ok := p.(map[string]any)
		if !ok {
			return []string{where + ": HCL has an object, tofu plans " + jsonText(p)}
		}
		um, _ := unknown.(map[string]any)
		var out []string
		for _, k := range sortedKeys(hv) {
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			out = append(out, agree(addr, sub, hv[k], pv[k], um[k])...)
		}
		return out
	case []any:
		pv, ok := p.([]any)
		if !ok || len(pv) != len(hv) {
			return []string{where + ": HCL has " + jsonText(h) + ", tofu plans " + jsonText(p)}
		}
		if setTyped[path] {
			// Sets: tofu orders them, HCL keeps the written order.
			return agreeSet(where, hv, pv)
		}
		ul, _ := unknown.([]any)
		var out []string
		for i := range hv {
			var u any
			if i < len(ul) {
				u = ul[i]
			}
			out = append(out, agree(addr, path+"["+strconv.Itoa(i)+"]", hv[i], pv[i], u)...)
		}
		return out
	}
	if jsonText(h) != jsonText(p) {
		return []string{where + ": HCL has " + jsonText(h) + ", tofu plans " + jsonText(p)}
	}
	return nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// setTyped lists the set-typed attributes and blocks of the fixtures
// (by address-less path): their order is tofu's, not the configuration's.
var setTyped = map[string]bool{
	"aliases": true,
	"default_cache_behavior[0].allowed_methods": true,
	"default_cache_behavior[0].cached_methods":  true,
	"ingress": true,
	"egress":  true,
}

// agreeSet compares two lists as sets: every HCL element must match some
// planned element.
func agreeSet(path string, h, p []any) []string {
	var out []string
	for _, e := range h {
		found := false
		for _, pe := range p {
			if subsetMatch(e, pe) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, path+": HCL has element "+jsonText(e)+", not among the planned "+jsonText(p))
		}
	}
	return out
}

// subsetMatch reports whether every non-null value of h is in p: the
// planned element also holds the attributes the configuration leaves out.
func subsetMatch(h, p any) bool {
	switch hv := h.(type) {
	case nil:
		return true
	case map[string]any:
		pv, ok := p.(map[string]any)
		if !ok {
			return false
		}
		for k, e := range hv {
			if !subsetMatch(e, pv[k]) {
				return false
			}
		}
		return true
	case []any:
		pv, ok := p.([]any)
		if !ok || len(pv) != len(hv) {
			return false
		}
		for i := range hv {
			if !subsetMatch(hv[i], pv[i]) {
				return false
			}
		}
		return true
	}
	return jsonText(h) == jsonText(p)
}
