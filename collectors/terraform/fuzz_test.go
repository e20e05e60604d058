package terraform

import (
	"bytes"
	"testing"
	"testing/fstest"
)

// FuzzLoadHCL loads one file's bytes as a module: it must never panic nor
// hang, whatever the file holds (deep nesting, huge count or for_each,
// self-referencing locals, recursive modules). Seeds: testdata/fuzz/FuzzLoadHCL.
func FuzzLoadHCL(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"main.tf":          {Data: src},
			"terraform.tfvars": {Data: src},
			"mod/main.tf":      {Data: src},
		}
		cfg, _ := LoadModule(fsys, ".", Options{MaxInstances: 50, Vars: map[string]any{"x": "y"}})
		if cfg == nil {
			t.Fatal("LoadModule returned no configuration for a readable directory")
		}
		for _, r := range Records(Sources{Target: "fuzz", HCL: cfg, Now: fixedNow}) {
			if err := r.Seal(); err != nil {
				t.Fatalf("seal %s: %v", r.Subject, err)
			}
		}
	})
}

// FuzzReadPlan reads bytes as plan and as state JSON and builds records
// from whatever was read: it must never panic. Seeds: testdata/fuzz/FuzzReadPlan.
func FuzzReadPlan(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, perr := ReadPlan(bytes.NewReader(data))
		state, serr := ReadState(bytes.NewReader(data))
		if perr != nil && serr != nil {
			return
		}
		for _, r := range Records(Sources{Target: "fuzz", Plan: plan, State: state, PlanFile: "plan.json", StateFile: "state.json", Now: fixedNow}) {
			if err := r.Seal(); err != nil {
				t.Fatalf("seal %s: %v", r.Subject, err)
			}
		}
	})
}
