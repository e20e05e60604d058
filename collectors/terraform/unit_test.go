package terraform

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/zclconf/go-cty/cty"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/diag"
)

func TestStripInstanceKeys(t *testing.T) {
	cases := map[string]string{
		"aws_s3_bucket.b":   "aws_s3_bucket.b",
		"aws_subnet.a[0]":   "aws_subnet.a",
		`aws_subnet.a["x"]`: "aws_subnet.a",
		`module.net["a.b"].aws_security_group.web[0]`:    "module.net.aws_security_group.web",
		`module.a[1].module.b["]\"["].data.aws_caller.x`: "module.a.module.b.data.aws_caller.x",
	}
	for in, want := range cases {
		if got := stripInstanceKeys(in); got != want {
			t.Errorf("stripInstanceKeys(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStringKey(t *testing.T) {
	cases := map[string]string{
		"a":      `["a"]`,
		`a"b`:    `["a\"b"]`,
		`a\b`:    `["a\\b"]`,
		"x\ny":   `["x\ny"]`,
		"${x}":   `["$${x}"]`,
		"\x01":   `["\u0001"]`,
		"grüße!": `["grüße!"]`,
	}
	for in, want := range cases {
		if got := stringKey(in); got != want {
			t.Errorf("stringKey(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLabelable(t *testing.T) {
	cases := []struct {
		mode, typ string
		want      bool
	}{
		{ModeManaged, "aws_s3_bucket", true},
		{ModeManaged, "aws_iam_account_password_policy", false},
		{ModeManaged, "aws_ebs_encryption_by_default", false},
		{ModeManaged, "aws_s3_bucket_server_side_encryption_configuration", false},
		{ModeManaged, "aws_kms_alias", false},
		{ModeManaged, "aws_security_group_rule", false},
		{ModeManaged, "aws_vpc_security_group_ingress_rule", true},
		{ModeManaged, "random_password", false},
		{ModeManaged, "kubernetes_namespace", true},
		{ModeData, "aws_s3_bucket", false},
	}
	c := New()
	for _, tc := range cases {
		r := evidence.Record{Kind: Kind, Data: map[string]any{"mode": tc.mode, "type": tc.typ}}
		if got := c.Labelable(r); got != tc.want {
			t.Errorf("Labelable(%s %s) = %v, want %v", tc.mode, tc.typ, got, tc.want)
		}
	}
	if c.Labelable(evidence.Record{Kind: "aws.s3.bucket", Data: map[string]any{"mode": ModeManaged, "type": "aws_s3_bucket"}}) {
		t.Error("Labelable accepted a record of another kind")
	}
}

func TestLabels(t *testing.T) {
	cases := []struct {
		name string
		in   Instance
		want map[string]string
	}{
		{"tags_all wins", Instance{Mode: ModeManaged, Type: "aws_s3_bucket",
			Values:      map[string]any{"tags": map[string]any{"a": "1"}, "tags_all": map[string]any{"a": "1", "env": "prod"}},
			DefaultTags: map[string]string{"env": "dev"}},
			map[string]string{"a": "1", "env": "prod"}},
		{"unknown tags_all: tags over default_tags", Instance{Mode: ModeManaged, Type: "aws_s3_bucket",
			Values:      map[string]any{"tags": map[string]any{"env": "prod", "n": json.Number("1")}},
			Unknown:     map[string]any{"tags_all": true},
			DefaultTags: map[string]string{"env": "dev", "team": "shop"}},
			map[string]string{"env": "prod", "team": "shop"}},
		{"sensitive values are no labels", Instance{Mode: ModeManaged, Type: "aws_s3_bucket",
			Values: map[string]any{"tags": map[string]any{"k": sensitiveValue}}},
			nil},
		{"untaggable type", Instance{Mode: ModeManaged, Type: "aws_s3_bucket_policy",
			DefaultTags: map[string]string{"env": "prod"}},
			nil},
	}
	for _, tc := range cases {
		if got := labelsOf(&tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: labels %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestRecordsMerge checks how sources combine into one record per address.
func TestRecordsMerge(t *testing.T) {
	hcl := &Config{Instances: []Instance{
		{Address: "aws_s3_bucket.b", ConfigAddress: "aws_s3_bucket.b", Mode: ModeManaged, Type: "aws_s3_bucket", Provider: "aws.eu", ProviderRegion: "eu-central-1",
			Values: map[string]any{"bucket": "b"}, Unknown: map[string]any{"arn": true},
			References: map[string][]string{"policy": {"data.aws_iam_policy_document.p"}}, Pos: posOf("main.tf", 3, 1)},
		{Address: "aws_subnet.s", ConfigAddress: "aws_subnet.s", Mode: ModeManaged, Type: "aws_subnet", Provider: "aws",
			Values: map[string]any{}, Unknown: map[string]any{"cidr_block": true}, InstancesUnknown: true, Pos: posOf("net.tf", 1, 1)},
		{Address: "aws_vpc.only_hcl", ConfigAddress: "aws_vpc.only_hcl", Mode: ModeManaged, Type: "aws_vpc", Provider: "aws",
			Values: map[string]any{"cidr_block": "10.0.0.0/16"}, Unknown: map[string]any{}, Pos: posOf("net.tf", 9, 1)},
	}}
	plan := &Plan{Instances: []Instance{
		{Address: "aws_s3_bucket.b", ConfigAddress: "aws_s3_bucket.b", Mode: ModeManaged, Type: "aws_s3_bucket", Provider: "aws",
			Values: map[string]any{"bucket": "b", "tags_all": map[string]any{"env": "prod"}}, Unknown: map[string]any{"arn": true},
			References: map[string][]string{"bucket": {"random_id.x"}}},
		{Address: "aws_subnet.s[0]", ConfigAddress: "aws_subnet.s", Mode: ModeManaged, Type: "aws_subnet", Provider: "aws",
			Values: map[string]any{"cidr_block": "10.0.1.0/24"}, Unknown: map[string]any{"id": true}},
	}}
	state := &State{Instances: []Instance{
		{Address: "aws_s3_bucket.b", Mode: ModeManaged, Type: "aws_s3_bucket", Provider: "aws",
			Values: map[string]any{"bucket": "b", "arn": "arn:aws:s3:::b", "tags_all": map[string]any{"env": "prod", "x": "y"}}, ResourceID: "arn:aws:s3:::b"},
	}}
	hcl.Instances = append(hcl.Instances, Instance{Address: "aws_eip.nat", ConfigAddress: "aws_eip.nat", Mode: ModeManaged, Type: "aws_eip", Provider: "aws",
		InstancesUnknown: true, Pos: posOf("net.tf", 20, 1)})
	plan.declared = map[string]bool{"aws_s3_bucket.b": true, "aws_subnet.s": true, "aws_eip.nat": true}
	recs := Records(Sources{Target: "infra", HCL: hcl, Plan: plan, State: state, PlanFile: "plan.json", StateFile: "state.json", Now: fixedNow})
	var subjects []string
	for _, r := range recs {
		subjects = append(subjects, r.Subject)
	}
	// aws_eip.nat: its count is unknown in HCL, and the complete plan
	// declares it with no instance, so there is none.
	if want := "tf:infra/aws_s3_bucket.b tf:infra/aws_subnet.s[0] tf:infra/aws_vpc.only_hcl"; strings.Join(subjects, " ") != want {
		t.Fatalf("subjects %v, want %s", subjects, want)
	}
	b := recs[0]
	if got := b.Data["from"]; !reflect.DeepEqual(got, []any{FromHCL, FromPlan, FromState}) {
		t.Errorf("from %v", got)
	}
	if b.ResourceID != "arn:aws:s3:::b" || b.Data["provider"] != "aws.eu" || b.Data["provider_region"] != "eu-central-1" {
		t.Errorf("resource_id %q provider %v region %v", b.ResourceID, b.Data["provider"], b.Data["provider_region"])
	}
	if !reflect.DeepEqual(b.Data["unknown"], map[string]any{}) {
		t.Errorf("unknown %v: state values have no unknowns", b.Data["unknown"])
	}
	if !reflect.DeepEqual(b.Labels, map[string]string{"env": "prod", "x": "y"}) {
		t.Errorf("labels %v, want the state's tags_all", b.Labels)
	}
	wantRefs := map[string]any{"bucket": []any{"random_id.x"}, "policy": []any{"data.aws_iam_policy_document.p"}}
	if !reflect.DeepEqual(b.Data["references"], wantRefs) {
		t.Errorf("references %v, want %v", b.Data["references"], wantRefs)
	}
	if b.Source.File != "main.tf" || b.Source.Line != 3 {
		t.Errorf("source %+v, want the HCL block", b.Source)
	}
	s := recs[1]
	if !reflect.DeepEqual(s.Data["from"], []any{FromHCL, FromPlan}) || s.Data["instances_unknown"] != nil || s.Source.File != "net.tf" {
		t.Errorf("subnet: from %v, instances_unknown %v, source %+v: the HCL block with unknown count is covered by the plan's instance", s.Data["from"], s.Data["instances_unknown"], s.Source)
	}
	if !reflect.DeepEqual(s.Data["unknown"], map[string]any{"id": true}) {
		t.Errorf("subnet unknown %v, want the plan's", s.Data["unknown"])
	}
}

func posOf(file string, line, col int) diag.Pos {
	return diag.Pos{File: file, Line: line, Column: col}
}

// TestSecretsScrubbed: values holding a secret of the project file never
// reach a record, even when the configuration does not mark them sensitive.
func TestSecretsScrubbed(t *testing.T) {
	fsys := fstest.MapFS{"main.tf": {Data: []byte(`
variable "token" {}
resource "aws_ssm_document" "d" {
  name    = "d"
  content = "token=${var.token}"
  tags    = { t = var.token, plain = "p" }
}
`)}}
	cfg, ds := LoadModule(fsys, ".", Options{Vars: map[string]any{"token": "s3cr3t"}, Secrets: []string{"s3cr3t"}})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	recs := Records(Sources{Target: "t", HCL: cfg, Secrets: []string{"s3cr3t"}, Now: fixedNow})
	raw, err := json.Marshal(recs)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "s3cr3t") {
		t.Errorf("a secret reached the records: %s", raw)
	}
	if got := recs[0].Data["values"].(map[string]any)["content"]; got != sensitiveValue {
		t.Errorf("content %v, want %s", got, sensitiveValue)
	}
	if !reflect.DeepEqual(recs[0].Labels, map[string]string{"plain": "p"}) {
		t.Errorf("labels %v", recs[0].Labels)
	}
}

// TestLoadModuleLimits covers what LoadModule refuses, with exact texts.
func TestLoadModuleLimits(t *testing.T) {
	cases := []struct {
		name string
		fsys fstest.MapFS
		opts Options
		want []string
		n    int
	}{
		{"module outside the tree", fstest.MapFS{"main.tf": {Data: []byte("module \"up\" {\n  source = \"../../x\"\n}\n")}}, Options{},
			[]string{`main.tf:1:1: error: module "up": source "../../x" is outside the readable tree`}, 0},
		{"module depth", fstest.MapFS{
			"main.tf":     {Data: []byte("module \"a\" {\n  source = \"./a\"\n}\n")},
			"a/main.tf":   {Data: []byte("module \"b\" {\n  source = \"./b\"\n}\nresource \"aws_vpc\" \"v\" {}\n")},
			"a/b/main.tf": {Data: []byte("resource \"aws_vpc\" \"v\" {}\n")},
		}, Options{MaxModuleDepth: 1},
			[]string{`a/main.tf:1:1: error: module "b": nesting too deep`}, 1},
		{"instances capped", fstest.MapFS{"main.tf": {Data: []byte("resource \"aws_vpc\" \"v\" {\n  count = 12\n}\n")}}, Options{MaxInstances: 10},
			[]string{"main.tf:2:11: error: aws_vpc.v has 12 instances"}, 10},
		{"nesting", fstest.MapFS{"main.tf": {Data: []byte("locals {\n  x = " + strings.Repeat("[", 1001) + "\n}\n")}}, Options{},
			[]string{"main.tf:2:1006: error: Nesting too deep"}, 0},
		{"no files", fstest.MapFS{"README": {Data: []byte("x")}}, Options{},
			[]string{".: error: no Terraform configuration files in ."}, 0},
		{"invalid variable value", fstest.MapFS{"main.tf": {Data: []byte("variable \"n\" {\n  type = number\n}\nresource \"aws_vpc\" \"v\" {\n  tags = { n = var.n }\n}\n")}},
			Options{Vars: map[string]any{"n": "many"}},
			[]string{`main.tf:1:1: error: Invalid value for variable "n": a number is required`}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, ds := LoadModule(tc.fsys, ".", tc.opts)
			var got []string
			for _, d := range ds {
				got = append(got, strings.SplitN(d.Error(), "\n", 2)[0])
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if cfg == nil || len(cfg.Instances) != tc.n {
				t.Errorf("instances: %v, want %d", cfg, tc.n)
			}
		})
	}
}

// TestFunctions checks the functions whose Terraform meaning differs from
// cty's stdlib or that tomcheck implements itself.
func TestFunctions(t *testing.T) {
	cases := map[string]cty.Value{
		`coalesce("", null, "b")`:               cty.StringVal("b"),
		`length("grüße")`:                       cty.NumberIntVal(5),
		`length({a = 1, b = 2})`:                cty.NumberIntVal(2),
		`replace("a-b", "/[-]/", "+")`:          cty.StringVal("a+b"),
		`replace("a/b", "/", "+")`:              cty.StringVal("a+b"),
		`cidrsubnet("10.0.0.0/16", 8, 2)`:       cty.StringVal("10.0.2.0/24"),
		`cidrsubnet("fd00::/56", 8, 255)`:       cty.StringVal("fd00:0:0:ff::/64"),
		`cidrhost("10.0.0.0/24", 5)`:            cty.StringVal("10.0.0.5"),
		`cidrhost("10.0.0.0/24", -1)`:           cty.StringVal("10.0.0.255"),
		`cidrnetmask("10.0.0.0/12")`:            cty.StringVal("255.240.0.0"),
		`alltrue([true, true])`:                 cty.True,
		`anytrue([false, true])`:                cty.True,
		`startswith("arn:aws", "arn:")`:         cty.True,
		`try(local.missing_attr.x, "fallback")`: cty.StringVal("fallback"),
		`format("%05d", 42)`:                    cty.StringVal("00042"),
		`tostring(tonumber("7"))`:               cty.StringVal("7"),
	}
	for src, want := range cases {
		fsys := fstest.MapFS{"main.tf": {Data: []byte("locals {\n  missing_attr = {}\n}\nresource \"aws_ssm_document\" \"d\" {\n  content = " + src + "\n}\n")}}
		cfg, ds := LoadModule(fsys, ".", Options{})
		if len(ds) > 0 || len(cfg.Instances) != 1 {
			t.Fatalf("%s: %v", src, ds)
		}
		got, ok := cfg.Instances[0].Values["content"]
		wantJSON, _ := jsonValue(want)
		if !ok || !reflect.DeepEqual(got, wantJSON) {
			t.Errorf("%s = %v, want %v", src, got, wantJSON)
		}
	}
	unknown := []string{
		`file("x")`, `timestamp()`, `uuid()`, `base64encode("x")`, `format("%9999d", 1)`,
		`cidrsubnet("10.0.0.0/30", 8, 1)`, `coalesce("", null)`, `provider::aws::arn_parse("x")`,
	}
	for _, src := range unknown {
		fsys := fstest.MapFS{"main.tf": {Data: []byte("resource \"aws_ssm_document\" \"d\" {\n  content = " + src + "\n}\n")}}
		cfg, ds := LoadModule(fsys, ".", Options{})
		if len(ds) > 0 || len(cfg.Instances) != 1 {
			t.Fatalf("%s: %v", src, ds)
		}
		if u := cfg.Instances[0].Unknown["content"]; u != true {
			t.Errorf("%s: unknown %v, want true (never guessed)", src, u)
		}
	}
}
