package claims

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
)

// targetView is what a test compares of a collectors.Target.
type targetView struct {
	ID, Collector, Name string
	Groups              []string
	File, Dir           string
	Line                int
}

func view(ts []collectors.Target) []targetView {
	var out []targetView
	for _, t := range ts {
		out = append(out, targetView{ID: t.ID(), Collector: t.Collector, Name: t.Name, Groups: t.Groups, File: t.File, Dir: t.Dir, Line: t.Pos().Line})
	}
	return out
}

func TestLoadProjectValid(t *testing.T) {
	t.Setenv("TOMCHECK_TEST_TOKEN", "s3cr3t-from-env")
	path := filepath.Join("testdata", "project", "tomcheck.yaml")
	p, ds := LoadProject(path, testRegistry())
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", render(ds))
	}
	dir := filepath.Join("testdata", "project")
	if p.Name != "shop-prod" || p.Dir != dir || p.TOMPath != filepath.Join(dir, "claims", "tom.yaml") || p.Path != path {
		t.Errorf("project = %q, dir %q, tom %q, path %q", p.Name, p.Dir, p.TOMPath, p.Path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Raw) != string(raw) || p.Digest != digestOf(raw) {
		t.Error("Raw or Digest is not the file as written")
	}
	if strings.Contains(string(p.Raw), "s3cr3t") {
		t.Error("Raw holds a secret")
	}
	wantTargets := []targetView{
		{"terraform/infra", "terraform", "infra", []string{"terraform/infra", "iac", "prod"}, path, dir, 10},
		{"terraform/network/plan.json", "terraform", "network/plan.json", []string{"terraform/network/plan.json"}, path, dir, 14},
		{"terraform/state", "terraform", "state", []string{"terraform/state"}, path, dir, 15},
		{"tls/shop.example.com:443", "tls", "shop.example.com:443", []string{"tls/shop.example.com:443", "edge", "prod"}, path, dir, 17},
		{"tls/mail", "tls", "mail", []string{"tls/mail"}, path, dir, 19},
		{"kubernetes/prod-cluster", "kubernetes", "prod-cluster", []string{"kubernetes/prod-cluster"}, path, dir, 23},
		{"attestations/attestations", "attestations", "attestations", []string{"attestations/attestations"}, path, dir, 26},
	}
	if got := view(p.Targets); !reflect.DeepEqual(got, wantTargets) {
		t.Errorf("targets:\n%s\nwant:\n%s", dump(t, got), dump(t, wantTargets))
	}
	wantGroups := map[string][]string{
		"prod": {"terraform/infra", "tls/shop.example.com:443"},
		"edge": {"tls/shop.example.com:443"},
		"iac":  {"terraform/infra"},
	}
	if !reflect.DeepEqual(p.Groups, wantGroups) {
		t.Errorf("groups = %v", p.Groups)
	}
	wantSecrets := []string{"s3cr3t-from-env", "s3cr3t-from-file"}
	if !reflect.DeepEqual(p.Secrets, wantSecrets) {
		t.Errorf("secrets = %q", p.Secrets)
	}
	for _, tg := range p.Targets {
		if !reflect.DeepEqual(tg.Secrets, wantSecrets) {
			t.Errorf("%s: secrets = %q", tg.ID(), tg.Secrets)
		}
	}
	mail, ok := p.Target("tls/mail")
	if !ok {
		t.Fatal("no tls/mail")
	}
	var spec struct{ Token string }
	if err := mail.Node.Decode(&spec); err != nil || spec.Token != "Bearer s3cr3t-from-file" {
		t.Errorf("token = %q, %v", spec.Token, err)
	}
	if _, ok := p.Target("tls/nope"); ok {
		t.Error("Target(tls/nope) found something")
	}
	wantDefaults := Defaults{Lang: "de", FailOn: []string{"refuted", "regression"}, MaxEvidenceAge: 24 * time.Hour, RequireLive: true}
	if !reflect.DeepEqual(p.Defaults, wantDefaults) {
		t.Errorf("defaults = %+v", p.Defaults)
	}
	if p.Scope == nil || p.Scope.Labels["env"] != "prod" || !reflect.DeepEqual(p.Scope.Targets, []string{"prod"}) {
		t.Errorf("scope = %+v", p.Scope)
	}
}

// TestParseProjectBroken renders the diagnostics of a project file that has
// one of every mistake.
func TestParseProjectBroken(t *testing.T) {
	t.Setenv("X", "unused")
	src, err := os.ReadFile(filepath.Join("testdata", "broken-project.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p, ds := ParseProject("tomcheck.yaml", src, testRegistry())
	if p == nil || !ds.HasErrors() {
		t.Fatal("no errors")
	}
	golden(t, "broken-project.golden", render(ds))
}

func TestParseProjectCases(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "tomcheck.yaml: error: the project file is empty\n" +
			"  A project file names the claims file and the targets to collect from; \"tomcheck init\" writes a starter file.\n"},
		{"syntax error", "targets:\n  tls: [\n", "tomcheck.yaml:2: error: invalid YAML: did not find expected node content\n  " + yamlDetail + "\n"},
		{"not a mapping", "[]", "tomcheck.yaml:1:1: error: the project file must be a mapping, got a list\n" +
			"  Write the project file as key: value pairs, e.g. tom: tom.yaml.\n"},
		{"no targets", "project: x\n", "tomcheck.yaml:1:1: warning: the project file has no targets\n" +
			"  Add a \"targets:\" section; without targets nothing is collected and every claim stays inconclusive.\n"},
		{"empty sections", "targets:\n  tls:\ngroups:\ndefaults:\n", ""},
		{"targets not a mapping", "targets: [tls]\n", "tomcheck.yaml:1:10: error: targets must be a mapping, got a list\n" +
			"  Write targets as a mapping of target types to lists, e.g. targets: {terraform: [{path: infra/}]}.\n"},
		{"target type twice", "targets:\n  tls: []\n  tls: []\n  [x]: []\n", "tomcheck.yaml:3:3: error: duplicate target type \"tls\"\n" +
			"  It is first set at line 2; list all tls targets under one key.\n" +
			"tomcheck.yaml:4:3: error: a target type must be a string, got a list\n" +
			"  Write each target type as a plain word, e.g. terraform.\n"},
		{"groups not a mapping, without targets", "targets: {}\ngroups: [a]\n", "tomcheck.yaml:2:9: error: groups must be a mapping, got a list\n" +
			"  Write groups as a mapping of group names to lists of target ids, e.g. groups: {prod-aws: [aws/prod]}.\n"},
		{"group of unknown targets, none defined", "targets: {}\ngroups:\n  prod: [aws/prod]\n  prod: []\n  [x]: []\n", "tomcheck.yaml:3:10: error: unknown target \"aws/prod\" in group \"prod\"\n" +
			"  The project file defines no targets yet; add them under targets:.\n" +
			"tomcheck.yaml:4:3: error: duplicate group \"prod\"\n" +
			"  It is first set at line 3; remove one of them.\n" +
			"tomcheck.yaml:5:3: error: a group name must be a string, got a list\n" +
			"  Write each group name as a plain word, e.g. prod-aws.\n"},
		{"scope without targets", "targets: {}\nscope: {targets: [prod]}\n", "tomcheck.yaml:2:19: error: unknown target or group \"prod\" in scope\n" +
			"  tomcheck.yaml defines no targets or groups; add them there first.\n"},
		{"defaults not a mapping", "targets: {}\ndefaults: [de]\n", "tomcheck.yaml:2:11: error: defaults must be a mapping, got a list\n" +
			"  Write defaults as key: value pairs, e.g. {lang: de, fail_on: [refuted]}.\n"},
		{"defaults edge values", "targets: {}\ndefaults: {max_evidence_age: P1D, lang: , strict: true, fail_on: refuted}\n", "tomcheck.yaml:2:41: error: unsupported lang \"\"\n" +
			"  Write lang: de or lang: en.\n" +
			"tomcheck.yaml:2:66: error: fail_on must be a list, got string \"refuted\"\n" +
			"  Write fail_on as a list, e.g. fail_on: [refuted, regression].\n"},
		{"max_evidence_age zero and empty", "targets: {}\ndefaults: {max_evidence_age: 0s}\n", "tomcheck.yaml:2:30: error: max_evidence_age \"0s\" must be longer than zero\n" +
			"  Write a duration such as 24h, 90m or 168h, or in ISO-8601 such as P1D or PT12H.\n"},
		{"max_evidence_age empty", "targets: {}\ndefaults: {max_evidence_age: }\n", "tomcheck.yaml:2:30: error: max_evidence_age is empty\n" +
			"  Write a duration such as 24h, 90m or 168h, or in ISO-8601 such as P1D or PT12H.\n"},
		{"empty tom and project", "project:\ntom: ' '\ntargets: {}\n", "tomcheck.yaml:1:9: error: project is empty\n" +
			"  Name the project, e.g. project: shop-prod, or remove the key to use the directory's name.\n" +
			"tomcheck.yaml:2:6: error: tom is empty\n" +
			"  Name the claims file relative to this file, e.g. tom: tom.yaml, or remove the key.\n"},
		{"unreadable file reference", "targets: {}\nproject: ${file:.}\n", "tomcheck.yaml:2:10: error: cannot read ${file:.}\n" +
			"  read .: is a directory. The path is relative to the project file's directory.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := ParseProject("tomcheck.yaml", []byte(tt.src), testRegistry())
			if got := render(ds); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestParseProjectDefaults(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tomcheck.yaml")
	p, ds := ParseProject(path, []byte("targets:\n  tls:\n    - host: a:443\ndefaults: {max_evidence_age: P1D}\n"), testRegistry())
	if len(ds) > 0 {
		t.Fatal(render(ds))
	}
	if p.Name != filepath.Base(dir) || p.TOMPath != filepath.Join(dir, "tom.yaml") || p.Scope != nil || p.Defaults.MaxEvidenceAge != 24*time.Hour {
		t.Errorf("project = %+v", p)
	}
	p, _ = ParseProject("tomcheck.yaml", []byte("tom: /abs/tom.yaml\ntargets: {}\n"), testRegistry())
	if p.TOMPath != "/abs/tom.yaml" || p.Dir != "." {
		t.Errorf("tom = %q, dir %q", p.TOMPath, p.Dir)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != filepath.Base(wd) {
		t.Errorf("name = %q, want the working directory's name %q", p.Name, filepath.Base(wd))
	}
}

// TestParseProjectSecrets checks substitution and that no secret reaches a
// diagnostic, even one a collector writes with the value in it.
func TestParseProjectSecrets(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "token"), []byte("bad-token-value\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TOMCHECK_TEST_HOST", "db.internal:5432")
	t.Setenv("TOMCHECK_TEST_EMPTY", "")
	src := "targets:\n  tls:\n    - host: ${env:TOMCHECK_TEST_HOST}\n      token: ${file:token}\n" +
		"    - host: x:443\n      token: &t \"${env:TOMCHECK_TEST_EMPTY}${env:TOMCHECK_TEST_HOST}\"\n      starttls: *t\n" +
		"      name: ${env:TOMCHECK_TEST_HOST}x\n"
	path := filepath.Join(dir, "tomcheck.yaml")
	p, ds := ParseProject(path, []byte(src), testRegistry())
	want := path + ":4:7: error: token (secret) is not valid\n  The token (secret) was refused.\n"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(ds.Error(), "bad-token-value") {
		t.Error("a diagnostic prints the secret")
	}
	if !reflect.DeepEqual(p.Secrets, []string{"db.internal:5432", "bad-token-value"}) {
		t.Errorf("secrets = %q", p.Secrets)
	}
	ids := []string{}
	for _, tg := range p.Targets {
		ids = append(ids, tg.ID())
	}
	// The name comes from the substituted value, as the collector sees it.
	if !reflect.DeepEqual(ids, []string{"tls/db.internal:5432", "tls/db.internal:5432x"}) {
		t.Errorf("targets = %q", ids)
	}
	var spec struct{ Token, Starttls string }
	if err := p.Targets[1].Node.Decode(&spec); err != nil || spec.Token != "db.internal:5432" || spec.Starttls != "db.internal:5432" {
		t.Errorf("spec = %+v, %v (an aliased value is substituted once)", spec, err)
	}
	// Substituted values are strings, even when they look like numbers.
	t.Setenv("TOMCHECK_TEST_PORT", "5432")
	p, _ = ParseProject(path, []byte("targets:\n  tls:\n    - host: ${env:TOMCHECK_TEST_PORT}\n"), testRegistry())
	if n := p.Targets[0].Node.Content[1]; n.ShortTag() != "!!str" || n.Value != "5432" {
		t.Errorf("host node = %s %q", n.ShortTag(), n.Value)
	}
	// A substituted value is not substituted again.
	t.Setenv("TOMCHECK_TEST_NESTED", "${env:TOMCHECK_TEST_HOST}")
	p, ds = ParseProject(path, []byte("targets:\n  tls:\n    - host: ${env:TOMCHECK_TEST_NESTED}\n"), testRegistry())
	if len(ds) > 0 || p.Targets[0].Name != "${env:TOMCHECK_TEST_HOST}" {
		t.Errorf("name = %q, diagnostics %s", p.Targets[0].Name, render(ds))
	}
	// Keys are never substituted.
	_, ds = ParseProject(path, []byte("targets:\n  tls:\n    - host: a\n      ${env:TOMCHECK_TEST_HOST}: x\n"), testRegistry())
	if got := render(ds); got != path+":4:7: error: unknown key \"${env:TOMCHECK_TEST_HOST}\" in tls target\n" {
		t.Errorf("diagnostics:\n%s", got)
	}
}

func TestReadSecretFileLimit(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, make([]byte, maxSecretFile+1), 0o600); err != nil {
		t.Fatal(err)
	}
	_, ds := ParseProject(filepath.Join(dir, "tomcheck.yaml"), []byte("targets: {}\nproject: ${file:big}\n"), testRegistry())
	want := filepath.Join(dir, "tomcheck.yaml") + ":2:10: error: cannot read ${file:big}\n  " + big + " is larger than 1048576 bytes. The path is relative to the project file's directory.\n"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestLoadProjectMissing(t *testing.T) {
	p, ds := LoadProject(filepath.Join("testdata", "nope", "tomcheck.yaml"), testRegistry())
	want := "testdata/nope/tomcheck.yaml: error: read project file: open testdata/nope/tomcheck.yaml: no such file or directory\n" +
		"  Create one with \"tomcheck init\", or name another project file with -c.\n"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if p == nil || p.Name != "nope" || p.TOMPath != filepath.Join("testdata", "nope", "tom.yaml") {
		t.Errorf("project = %+v", p)
	}
}

func TestParseProjectNilRegistry(t *testing.T) {
	_, ds := ParseProject("tomcheck.yaml", []byte("targets:\n  tls: []\n"), nil)
	want := "tomcheck.yaml:2:3: error: target type \"tls\" is not supported by this version of tomcheck\n" +
		"  This version of tomcheck collects from no target types.\n"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestCheckScopes(t *testing.T) {
	p, ds := ParseProject("dir/tomcheck.yaml", []byte("targets:\n  tls:\n    - host: shop:443\n  terraform:\n    - path: infra/\n      groups: [iac]\ngroups:\n  prod: [tls/shop:443]\n"), testRegistry())
	if len(ds) > 0 {
		t.Fatal(render(ds))
	}
	src := "apiVersion: tomcheck/v1\nkind: TOM\nclaims:\n" +
		"  - id: a\n    statement: s\n    check: storage.encryption_at_rest\n    scope: {targets: [prod, iac, tls/shop:443, terraform/infra]}\n" +
		"  - id: b\n    statement: s\n    check: storage.encryption_at_rest\n    scope:\n      targets:\n        - prd\n        - terraform/infr\n        - staging\n" +
		"  - id: c\n    statement: s\n    check: storage.encryption_at_rest\n"
	tom, ds := ParseTOM("dir/tom.yaml", []byte(src), testCatalog(t), testNow)
	if len(ds) > 0 {
		t.Fatal(render(ds))
	}
	want := "dir/tom.yaml:13:11: error: unknown target or group \"prd\" in scope\n" +
		"  Did you mean \"prod\"? Name a group or target of tomcheck.yaml: iac, prod, terraform/infra, tls/shop:443.\n" +
		"dir/tom.yaml:14:11: error: unknown target or group \"terraform/infr\" in scope\n" +
		"  Did you mean \"terraform/infra\"? Name a group or target of tomcheck.yaml: iac, prod, terraform/infra, tls/shop:443.\n" +
		"dir/tom.yaml:15:11: error: unknown target or group \"staging\" in scope\n" +
		"  Name a group or target of tomcheck.yaml: iac, prod, terraform/infra, tls/shop:443.\n"
	if got := render(p.CheckScopes(tom)); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if len(p.CheckScopes(nil)) != 0 || len((*Project)(nil).CheckScopes(tom)) != 0 {
		t.Error("nil project or TOM reported something")
	}
	// The effective scope: the claim's own, else the project's default.
	p.Scope = &Scope{Labels: map[string]string{"env": "prod"}}
	if p.EffectiveScope(tom.Claim("a")) != tom.Claim("a").Scope || p.EffectiveScope(tom.Claim("c")) != p.Scope {
		t.Error("EffectiveScope picked the wrong scope")
	}
	if (*Project)(nil).EffectiveScope(tom.Claim("c")) != nil {
		t.Error("EffectiveScope without a project is not nil")
	}
}

// TestTargetNodeIsTheSpec checks that collectors get the entry's own node.
func TestTargetNodeIsTheSpec(t *testing.T) {
	p, ds := ParseProject("tomcheck.yaml", []byte("targets:\n  tls:\n    - &a {host: a:443}\n"), testRegistry())
	if len(ds) > 0 {
		t.Fatal(render(ds))
	}
	if n := p.Targets[0].Node; n.Kind != yaml.MappingNode || n.Line != 3 {
		t.Errorf("node = %v at line %d", n.Kind, n.Line)
	}
}
