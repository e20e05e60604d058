package claims

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testNow is the run's now in every test: 2026-11-22, as in DESIGN.md.
var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// testCatalog is a small catalog with realistic parameter schemas.
func testCatalog(t testing.TB) *checks.Catalog {
	t.Helper()
	schema := func(src string) map[string]any {
		var m map[string]any
		if err := json.Unmarshal([]byte(src), &m); err != nil {
			t.Fatalf("schema: %v", err)
		}
		return m
	}
	cs := []*checks.Check{
		{ID: "transport.tls_min_version", Params: schema(`{"type": "object", "properties": {
			"min_version": {"type": "string", "enum": ["1.0", "1.1", "1.2", "1.3"], "default": "1.2",
				"description": "Lowest TLS version an endpoint may accept."}}}`)},
		{ID: "backup.max_interval", Params: schema(`{"type": "object", "required": ["hours"], "properties": {
			"hours": {"type": "number", "minimum": 1, "description": "Most hours between two backups."}}}`)},
		{ID: "network.no_public_admin_access", Params: schema(`{"type": "object", "properties": {
			"ports": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 65535}, "default": [22, 3389],
				"description": "Administrative ports that must not be reachable from the internet."}}}`)},
		{ID: "storage.encryption_at_rest", Params: schema(`{"type": "object", "properties": {}}`)},
	}
	for _, c := range cs {
		if err := c.ValidateSchema(); err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
	}
	return checks.NewCatalog(cs...)
}

// fakeCollector validates its targets like a real collector: known keys
// only, and a "token" that must not be "bad" (echoing the value, so the
// test can see that secrets are masked).
type fakeCollector struct {
	name string
	keys []string
}

func (c fakeCollector) Name() string    { return c.name }
func (c fakeCollector) Version() int    { return 1 }
func (c fakeCollector) Kinds() []string { return []string{c.name + ".thing"} }

func (c fakeCollector) Validate(t collectors.Target) diag.Diagnostics {
	var ds diag.Diagnostics
	n := t.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		pos := diag.Pos{File: t.File, Line: k.Line, Column: k.Column}
		switch {
		case k.Value == "token" && v.Value == "bad-token-value":
			ds.Errorf(pos, "The token "+v.Value+" was refused.", "token %s is not valid", v.Value)
		case !containsKey(c.keys, k.Value):
			ds.Errorf(pos, "", "unknown key %q in %s target", k.Value, c.name)
		}
	}
	return ds
}

func (c fakeCollector) Collect(context.Context, collectors.Target, collectors.Sink) error { return nil }

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func testRegistry() *collectors.Registry {
	return collectors.NewRegistry(
		fakeCollector{name: "terraform", keys: []string{"name", "groups", "path", "plan", "state", "var_files"}},
		fakeCollector{name: "tls", keys: []string{"name", "groups", "host", "starttls", "token"}},
		fakeCollector{name: "kubernetes", keys: []string{"name", "groups", "context", "exclude_namespaces"}},
		fakeCollector{name: "attestations", keys: []string{"name", "groups", "path"}},
	)
}

// render renders diagnostics one per block, as the CLI prints them.
func render(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Error())
		b.WriteString("\n")
	}
	return b.String()
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run go test -update): %v", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// dump renders a value as indented JSON for golden files.
func dump(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}
