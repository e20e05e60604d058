package terraform

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// fixedNow is the collected_at of every record in the golden files.
var fixedNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// memSink keeps what a collector hands on.
type memSink struct {
	records []evidence.Record
	gaps    []evidence.Gap
}

func (s *memSink) Record(r evidence.Record) error {
	s.records = append(s.records, r)
	return nil
}

func (s *memSink) Gap(g evidence.Gap) { s.gaps = append(s.gaps, g) }

// target builds a terraform target from YAML text, as the project loader would.
func target(t *testing.T, dir, name, spec string) collectors.Target {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(spec), &doc); err != nil {
		t.Fatalf("parse spec: %v", err)
	}
	if len(doc.Content) != 1 {
		t.Fatalf("spec %q is not one YAML document", spec)
	}
	return collectors.Target{
		Collector: Name,
		Name:      name,
		Groups:    []string{"terraform/" + name},
		Node:      doc.Content[0],
		File:      "tomcheck.yaml",
		Dir:       dir,
	}
}

func newTestCollector() *Collector {
	return &Collector{Now: func() time.Time { return fixedNow }}
}

// collect runs Collect and checks what every run must hold: sealed,
// verifiable records sorted by address.
func collect(t *testing.T, tg collectors.Target) (*memSink, error) {
	t.Helper()
	s := &memSink{}
	err := newTestCollector().Collect(context.Background(), tg, s)
	for i, r := range s.records {
		if err := r.Verify(); err != nil {
			t.Errorf("record %s: %v", r.Subject, err)
		}
		if i > 0 && s.records[i-1].Subject >= r.Subject {
			t.Errorf("records not sorted: %s before %s", s.records[i-1].Subject, r.Subject)
		}
	}
	return s, err
}

// render writes records and then gaps as JSON lines.
func render(t *testing.T, s *memSink) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, r := range s.records {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("marshal record: %v", err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	for _, g := range s.gaps {
		line, err := json.Marshal(map[string]any{"gap": g})
		if err != nil {
			t.Fatalf("marshal gap: %v", err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// golden compares got with testdata/golden/<name>, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test -update and review the diff):\n%s", file, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first differing lines.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 5; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want: " + wl + "\n  got:  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
