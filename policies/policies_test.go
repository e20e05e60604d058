package policies_test

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/tomcheck/tomcheck/policies"
)

// canonicalAreas are the control areas of DESIGN.md, "Control areas".
var canonicalAreas = map[string]bool{
	"Zutrittskontrolle": true, "Zugangskontrolle": true, "Zugriffskontrolle": true,
	"Weitergabekontrolle": true, "Eingabekontrolle": true, "Auftragskontrolle": true,
	"Verfügbarkeitskontrolle": true, "Wiederherstellbarkeit": true, "Trennungskontrolle": true,
	"Integrität": true, "Vertraulichkeit": true, "Pseudonymisierung": true,
	"Verschlüsselung": true, "Überprüfung": true,
}

// forbiddenCalls are builtins a policy must not call: they would make a
// verdict depend on the time or place of evaluation (DESIGN.md, Policy contract).
var forbiddenCalls = []string{"time.now_ns", "http.send", "net.", "rand.", "opa.runtime"}

var selectorRe = regexp.MustCompile(`^[a-z0-9]+(\.[a-z0-9_]+)*(:[a-z0-9_]+)?$`)

// parseLibrary parses every .rego file of the embedded library as Rego v1.
func parseLibrary(t testing.TB) map[string]*ast.Module {
	t.Helper()
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if err != nil {
			return fmt.Errorf("parse %s: %w", p, err)
		}
		modules[p] = m
		return nil
	})
	if err != nil {
		t.Fatalf("load library: %v", err)
	}
	if len(modules) == 0 {
		t.Fatal("the embedded library holds no .rego file")
	}
	return modules
}

func sortedPaths(modules map[string]*ast.Module) []string {
	paths := make([]string, 0, len(modules))
	for p := range modules {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// TestRegoTests runs every test_ rule of the library, raising builtin errors
// so that a type mistake fails instead of quietly making a rule undefined.
func TestRegoTests(t *testing.T) {
	modules := parseLibrary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	runner := tester.NewRunner().
		SetDefaultRegoVersion(ast.RegoV1).
		SetModules(modules).
		RaiseBuiltinErrors(true).
		SetTimeout(time.Minute)
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		t.Fatalf("run rego tests: %v", err)
	}
	n := 0
	for r := range ch {
		n++
		switch {
		case r.Error != nil:
			t.Errorf("%s: %s.%s: error: %v", r.Location, r.Package, r.Name, r.Error)
		case r.Fail:
			t.Errorf("%s: %s.%s: FAIL", r.Location, r.Package, r.Name)
		}
	}
	if n == 0 {
		t.Fatal("the library holds no Rego test")
	}
}

// compile compiles the library strictly as Rego v1, failing the test on any error.
func compile(t *testing.T, modules map[string]*ast.Module) *ast.Compiler {
	t.Helper()
	c := ast.NewCompiler().
		WithDefaultRegoVersion(ast.RegoV1).
		WithCapabilities(ast.CapabilitiesForThisVersion()).
		WithStrict(true)
	c.Compile(modules)
	if c.Failed() {
		for _, e := range c.Errors {
			t.Errorf("%v", e)
		}
		t.FailNow()
	}
	return c
}

func TestCompilesCleanWithoutForbiddenBuiltins(t *testing.T) {
	c := compile(t, parseLibrary(t))
	for _, p := range sortedPaths(c.Modules) {
		// A call's operator is a ref too, so walking refs finds calls and
		// builtins passed around as values alike.
		ast.WalkRefs(c.Modules[p], func(r ast.Ref) bool {
			name := r.String()
			for _, f := range forbiddenCalls {
				if name == f || (strings.HasSuffix(f, ".") && strings.HasPrefix(name, f)) {
					t.Errorf("%v: uses %s, which policies must not call", r[0].Location, name)
				}
			}
			return false
		})
	}
}

// TestLayout checks the library's shape: every policy file has its test,
// every file's package matches its folder, and no file holds two checks.
func TestLayout(t *testing.T) {
	modules := parseLibrary(t)
	checks := map[string]bool{}
	for _, p := range sortedPaths(modules) {
		dir, file := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		parts := strings.Split(dir, "/")
		pkg := strings.TrimPrefix(modules[p].Package.Path.String(), "data.")
		var want string
		switch {
		case len(parts) == 1 && parts[0] == "lib":
			want = "tomcheck.lib." + strings.TrimSuffix(strings.TrimSuffix(file, ".rego"), "_test")
		case len(parts) == 2:
			want = "tomcheck.checks." + parts[0] + "." + parts[1]
			checks[dir] = true
		default:
			t.Errorf("%s: policies live in lib/ or in <id prefix>/<id rest>/", p)
			continue
		}
		if pkg != want {
			t.Errorf("%s: declares package %s, want %s", p, pkg, want)
		}
		if strings.HasSuffix(file, "_test.rego") {
			if _, ok := modules[strings.TrimSuffix(p, "_test.rego")+".rego"]; !ok {
				t.Errorf("%s: tests a file that does not exist", p)
			}
			continue
		}
		if _, ok := modules[strings.TrimSuffix(p, ".rego")+"_test.rego"]; !ok {
			t.Errorf("%s: has no %s beside it", p, strings.TrimSuffix(file, ".rego")+"_test.rego")
		}
	}
	for dir := range checks {
		if _, ok := modules[dir+"/check.rego"]; !ok {
			t.Errorf("%s: a check folder needs check.rego with the package METADATA", dir)
		}
	}
	if len(checks) == 0 {
		t.Error("the library holds no check")
	}
}

// packageAnnotations returns the package-scoped METADATA of a module.
func packageAnnotations(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			return a
		}
	}
	return nil
}

func TestMetadata(t *testing.T) {
	modules := parseLibrary(t)
	for _, p := range sortedPaths(modules) {
		dir, file := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		if dir == "lib" || strings.HasSuffix(file, "_test.rego") {
			continue
		}
		a := packageAnnotations(modules[p])
		if file != "check.rego" {
			if a != nil {
				t.Errorf("%s: only check.rego carries the package METADATA", p)
			}
			continue
		}
		t.Run(dir, func(t *testing.T) {
			if a == nil {
				t.Fatalf("%s: no package METADATA", p)
			}
			for _, problem := range metadataProblems(strings.ReplaceAll(dir, "/", "."), a) {
				t.Errorf("%s: %s", p, problem)
			}
		})
	}
}

// metadataProblems lists what is missing or wrong in a check's METADATA.
func metadataProblems(id string, a *ast.Annotations) []string {
	var problems []string
	if strings.TrimSpace(a.Title) == "" {
		problems = append(problems, "title is missing")
	}
	if strings.TrimSpace(a.Description) == "" {
		problems = append(problems, "description is missing")
	}
	c := a.Custom
	if c == nil {
		return append(problems, "custom is missing")
	}
	if got, _ := c["check"].(string); got != id {
		problems = append(problems, fmt.Sprintf("custom.check is %q, want %q (the package path)", got, id))
	}
	for _, k := range []string{"title_de", "description_de", "remediation"} {
		if s, _ := c[k].(string); strings.TrimSpace(s) == "" {
			problems = append(problems, fmt.Sprintf("custom.%s is missing", k))
		}
	}
	problems = append(problems, selectorProblems(c, "evidence", true)...)
	problems = append(problems, selectorProblems(c, "context", false)...)
	areas, ok := c["areas"].([]any)
	if !ok || len(areas) == 0 {
		problems = append(problems, "custom.areas is missing")
	}
	for _, x := range areas {
		if s, _ := x.(string); !canonicalAreas[s] {
			problems = append(problems, fmt.Sprintf("custom.areas: %v is not a canonical control area", x))
		}
	}
	if ct, ok := c["claim_types"].([]any); !ok {
		problems = append(problems, "custom.claim_types is missing (it may be [])")
	} else {
		for _, x := range ct {
			if s, _ := x.(string); !selectorRe.MatchString(s) || strings.Contains(s, ":") {
				problems = append(problems, fmt.Sprintf("custom.claim_types: %v is not a claim type id", x))
			}
		}
	}
	return append(problems, paramsProblems(c["params"])...)
}

func selectorProblems(c map[string]any, key string, required bool) []string {
	v, present := c[key]
	if !present {
		if required {
			return []string{fmt.Sprintf("custom.%s is missing", key)}
		}
		return nil
	}
	list, ok := v.([]any)
	if !ok || (required && len(list) == 0) {
		return []string{fmt.Sprintf("custom.%s must be a list of record kinds", key)}
	}
	var problems []string
	for _, x := range list {
		if s, _ := x.(string); !selectorRe.MatchString(s) {
			problems = append(problems, fmt.Sprintf("custom.%s: %v is not a kind or kind:type", key, x))
		}
	}
	return problems
}

// paramsProblems checks that params is an object schema without extra
// properties whose every property is described and, unless required, has a default.
func paramsProblems(v any) []string {
	schema, ok := v.(map[string]any)
	if !ok {
		return []string{"custom.params is missing or not an object"}
	}
	var problems []string
	if schema["type"] != "object" {
		problems = append(problems, "custom.params must have type: object")
	}
	if schema["additionalProperties"] != false {
		problems = append(problems, "custom.params must have additionalProperties: false")
	}
	props, ok := schema["properties"].(map[string]any)
	if !ok {
		return append(problems, "custom.params must have properties (may be {})")
	}
	required := map[string]bool{}
	if list, ok := schema["required"].([]any); ok {
		for _, x := range list {
			name, _ := x.(string)
			required[name] = true
			if _, ok := props[name]; !ok {
				problems = append(problems, fmt.Sprintf("custom.params requires %q, which is not a property", name))
			}
		}
	}
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p, ok := props[n].(map[string]any)
		if !ok {
			problems = append(problems, fmt.Sprintf("custom.params.%s is not a schema", n))
			continue
		}
		if d, _ := p["description"].(string); strings.TrimSpace(d) == "" {
			problems = append(problems, fmt.Sprintf("custom.params.%s has no description", n))
		}
		if _, ok := p["type"]; !ok {
			problems = append(problems, fmt.Sprintf("custom.params.%s has no type", n))
		}
		if _, ok := p["default"]; !ok && !required[n] {
			problems = append(problems, fmt.Sprintf("custom.params.%s is not required and has no default", n))
		}
	}
	return problems
}

func TestMetadataProblemsAreReported(t *testing.T) {
	parse := func(src string) *ast.Annotations {
		t.Helper()
		m, err := ast.ParseModuleWithOpts("x.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		return packageAnnotations(m)
	}
	a := parse(`# METADATA
# title: T
# custom:
#   check: a.wrong
#   evidence: ["bad kind!"]
#   areas: [Zugangskontrolle, Nirgendwo]
#   params:
#     type: object
#     properties:
#       n: {type: integer}
package tomcheck.checks.a.b
`)
	got := metadataProblems("a.b", a)
	want := []string{
		"description is missing",
		`custom.check is "a.wrong", want "a.b" (the package path)`,
		"custom.title_de is missing",
		"custom.description_de is missing",
		"custom.remediation is missing",
		"custom.evidence: bad kind! is not a kind or kind:type",
		"custom.areas: Nirgendwo is not a canonical control area",
		"custom.claim_types is missing (it may be [])",
		"custom.params must have additionalProperties: false",
		"custom.params.n has no description",
		"custom.params.n is not required and has no default",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestEveryCheckDefinesFindings makes sure each check package has the
// findings rule the engine queries.
func TestEveryCheckDefinesFindings(t *testing.T) {
	c := compile(t, parseLibrary(t))
	for _, p := range sortedPaths(c.Modules) {
		if !strings.HasSuffix(p, "/check.rego") || strings.HasPrefix(p, "lib/") {
			continue
		}
		pkg := c.Modules[p].Package.Path
		ref := append(pkg.Copy(), ast.StringTerm("findings"))
		if len(c.GetRulesExact(ref)) == 0 {
			t.Errorf("%s: package %s defines no findings rule", p, pkg)
		}
	}
}
