package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tomcheck/tomcheck/evidence"
)

// TestGaps checks the exact reason of every gap the collector reports for
// unreadable input, and that the rest of the target is still collected.
func TestGaps(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bad.json", "{\n  \"format_version\": \"1.2\",\n  \"planned_values\": {,}\n}\n")
	write("noversion.json", `{"planned_values": {}}`)
	write("v2.json", `{"format_version": "2.0"}`)
	write("array.json", `[1, 2]`)
	write("state.json", `{"format_version": "1.0", "values": {"root_module": {}}}`)
	write("plan.json", `{"format_version": "1.2", "planned_values": {"root_module": {}}}`)
	write("wrongtype.json", `{"format_version": "1.2", "resource_changes": {"a": 1}}`)
	write("errored.json", `{"format_version": "1.2", "errored": true, "planned_values": {"root_module": {}}}`)
	write("targeted.json", `{"format_version": "1.2", "complete": false, "planned_values": {"root_module": {}}}`)
	write("infra/main.tf", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n")

	cases := []struct {
		name    string
		spec    string
		records int
		gaps    []string
		err     string
	}{
		{
			name: "syntax error in one file", spec: `{path: ` + filepath.Join("..", "..", "..", "..", "..") + `}`,
		},
		{
			name: "invalid JSON", spec: `{path: infra, plan: bad.json}`, records: 1,
			gaps: []string{"bad.json:3:22: not valid JSON: invalid character ',' looking for beginning of object key string"},
		},
		{
			name: "format_version missing", spec: `{path: infra, plan: noversion.json}`, records: 1,
			gaps: []string{"noversion.json: not a plan: format_version missing"},
		},
		{
			name: "unsupported format_version", spec: `{path: infra, state: v2.json}`, records: 1,
			gaps: []string{`v2.json: unsupported state format_version "2.0": tomcheck reads format versions 0.x and 1.x`},
		},
		{
			name: "not an object", spec: `{path: infra, plan: array.json}`, records: 1,
			gaps: []string{"array.json: not a plan: the file holds a JSON array, not an object"},
		},
		{
			name: "state given as plan", spec: `{path: infra, plan: state.json}`, records: 1,
			gaps: []string{"state.json: not a plan: it has values but no planned_values, so it is a state (terraform show -json without a plan file); set it as state: instead"},
		},
		{
			name: "plan given as state", spec: `{path: infra, state: plan.json}`, records: 1,
			gaps: []string{"plan.json: not a state: it has planned_values, so it is a plan (terraform show -json PLANFILE); set it as plan: instead"},
		},
		{
			name: "wrong shape", spec: `{path: infra, plan: wrongtype.json}`, records: 1,
			gaps: []string{"wrongtype.json: not a plan: json: cannot unmarshal object into Go struct field rawPlan.resource_changes of type []*tfjson.ResourceChange"},
		},
		{
			name: "errored plan", spec: `{path: infra, plan: errored.json}`, records: 1,
			gaps: []string{"errored.json: the plan errored, so it does not hold every resource of the configuration"},
		},
		{
			name: "incomplete plan", spec: `{path: infra, plan: targeted.json}`, records: 1,
			gaps: []string{"targeted.json: the plan is not complete (made with -target, or with deferred changes), so it does not hold every resource of the configuration"},
		},
		{
			name: "missing plan file", spec: `{path: infra, plan: gone.json}`, records: 1,
			gaps: []string{"gone.json: cannot read: no such file or directory"},
		},
		{
			name: "nothing readable", spec: `{path: vanished/, plan: gone.json}`,
			gaps: []string{
				"gone.json: cannot read: no such file or directory",
				"vanished: cannot read directory vanished: no such file or directory: Check that path names a readable directory of .tf files.",
			},
			err: "collect terraform target terraform/t: none of its 2 source(s) could be read (see its gaps)",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := dir
			if tc.name == "syntax error in one file" {
				// The HCL case of testdata: one file does not parse.
				d = filepath.Join("testdata", "hcl", "syntax_error")
				tc.spec = `{path: .}`
				tc.records = 2
				tc.gaps = []string{
					"bad.tf:1:32: Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.",
					"main_override.tf: override file is not applied: Terraform merges override files into the configuration; tomcheck does not, so the values of this module may differ from what Terraform plans. Cover it with a plan JSON.",
				}
			}
			s := &memSink{}
			err := newTestCollector().Collect(context.Background(), target(t, d, "t", tc.spec), s)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tc.err {
				t.Errorf("error %q, want %q", gotErr, tc.err)
			}
			if len(s.records) != tc.records {
				t.Errorf("%d records, want %d", len(s.records), tc.records)
			}
			var got []string
			for _, g := range s.gaps {
				if g.Collector != Name || g.Target != "terraform/t" || g.Kind != Kind {
					t.Errorf("gap %+v: wrong collector, target or kind", g)
				}
				got = append(got, g.Reason)
			}
			if strings.Join(got, "\n") != strings.Join(tc.gaps, "\n") {
				t.Errorf("gaps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.gaps, "\n"))
			}
		})
	}
}

// TestGapPosition checks that a gap carries file, line and column.
func TestGapPosition(t *testing.T) {
	s, err := collect(t, target(t, filepath.Join("testdata", "hcl", "syntax_error"), "t", `{path: .}`))
	if err != nil {
		t.Fatal(err)
	}
	want := evidence.Gap{File: "bad.tf", Line: 1, Column: 32}
	if len(s.gaps) == 0 || s.gaps[0].File != want.File || s.gaps[0].Line != want.Line || s.gaps[0].Column != want.Column {
		t.Errorf("first gap %+v, want position bad.tf:1:32", s.gaps)
	}
}

// TestUnreadModuleCoveredByPlan: a registry module the HCL reader skips is
// no gap when the plan holds its resources. The plan is hand-written in the
// format of tofu show -json (format_version 1.2), reduced to what matters.
func TestUnreadModuleCoveredByPlan(t *testing.T) {
	dir := t.TempDir()
	tf := `module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}

module "remote" {
  source = "git::https://example.com/net.git"
}
`
	plan := `{
  "format_version": "1.2",
  "terraform_version": "1.10.10",
  "planned_values": {"root_module": {"child_modules": [{
    "address": "module.vpc",
    "resources": [{"address": "module.vpc.aws_vpc.this[0]", "mode": "managed", "type": "aws_vpc", "name": "this", "index": 0,
      "provider_name": "registry.opentofu.org/hashicorp/aws", "schema_version": 1,
      "values": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "main"}}, "sensitive_values": {"tags": {}}}]}]}},
  "resource_changes": [{"address": "module.vpc.aws_vpc.this[0]", "module_address": "module.vpc", "mode": "managed", "type": "aws_vpc", "name": "this", "index": 0,
    "provider_name": "registry.opentofu.org/hashicorp/aws",
    "change": {"actions": ["create"], "before": null,
      "after": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "main"}},
      "after_unknown": {"arn": true, "id": true, "tags": {}, "tags_all": true},
      "before_sensitive": false, "after_sensitive": {"tags": {}, "tags_all": {}}}}],
  "configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.opentofu.org/hashicorp/aws",
      "expressions": {"region": {"constant_value": "eu-central-1"}, "default_tags": [{"tags": {"constant_value": {"env": "prod"}}}]}}},
    "root_module": {"module_calls": {"vpc": {"source": "terraform-aws-modules/vpc/aws", "version_constraint": "5.0.0",
      "module": {"resources": [{"address": "aws_vpc.this", "mode": "managed", "type": "aws_vpc", "name": "this", "provider_config_key": "aws",
        "expressions": {"cidr_block": {"constant_value": "10.0.0.0/16"}}, "schema_version": 1, "count_expression": {"constant_value": 1}}]}}}}}
}`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plan.json"), []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := collect(t, target(t, dir, "net", `{path: ., plan: plan.json}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.gaps) != 1 || s.gaps[0].Reason != `main.tf:6:1: module "remote" from remote source "git::https://example.com/net.git" is not read; use a plan JSON to cover it: Its resources are missing from the evidence until this target also sets plan: to the output of terraform show -json PLANFILE.` {
		t.Errorf("gaps %+v, want only the one of module remote", s.gaps)
	}
	if len(s.records) != 1 {
		t.Fatalf("%d records, want 1", len(s.records))
	}
	r := s.records[0]
	if r.Subject != "tf:net/module.vpc.aws_vpc.this[0]" || r.Source.File != "plan.json" || r.Source.Line != 0 {
		t.Errorf("record %s from %s:%d", r.Subject, r.Source.File, r.Source.Line)
	}
	if r.Data["provider_region"] != "eu-central-1" {
		t.Errorf("provider_region %v, want eu-central-1 from the provider's constant", r.Data["provider_region"])
	}
	// tags_all is unknown: labels are tags over the provider's default_tags.
	if r.Labels["env"] != "prod" || r.Labels["Name"] != "main" || len(r.Labels) != 2 {
		t.Errorf("labels %v, want env=prod (default_tags) and Name=main (tags)", r.Labels)
	}
}
