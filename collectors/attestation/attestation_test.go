package attestation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
)

// memSink keeps what a collector hands on.
type memSink struct {
	recs []evidence.Record
	gaps []evidence.Gap
}

func (s *memSink) Record(r evidence.Record) error { s.recs = append(s.recs, r); return nil }
func (s *memSink) Gap(g evidence.Gap)             { s.gaps = append(s.gaps, g) }

var _ collectors.Collector = (*Collector)(nil)

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// target builds a target from a YAML snippet as it stands under targets.attestations.
func target(t *testing.T, dir, spec string) collectors.Target {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(spec), &doc); err != nil {
		t.Fatal(err)
	}
	return collectors.Target{Collector: "attestations", Name: "attestations", Groups: []string{"attestations/attestations"},
		Node: doc.Content[0], File: "tomcheck.yaml", Dir: dir}
}

const (
	visitorsDoc = "%PDF-1.7 Besucherbuch Q3 2026, Stichprobe 40 Einträge\n"
	drDoc       = "%PDF-1.7 DR-Test 2025: Wiederherstellung in 3h12m\n"
	trainingDoc = "%PDF-1.7 Schulungsnachweis Datenschutz 2026, 48 Teilnehmende\n"
)

// project lays out a project folder with attestations and their documents.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "attestations/docs/besucherbuch-2026-q3.pdf", visitorsDoc)
	write(t, dir, "attestations/docs/dr-test-2025.pdf", drDoc)
	// The training record was altered after sign-off.
	write(t, dir, "attestations/sub/training-2026.pdf", trainingDoc+"nachträglich geändert\n")

	write(t, dir, "attestations/2026-q3.yaml", `claim: visitors-escorted
statement: Besucherbuch und Begleitpflicht, Stichprobe Q3
document: docs/besucherbuch-2026-q3.pdf
sha256: `+strings.ToUpper(sum(visitorsDoc))+`
date: 2026-10-01
valid_for: P12M
signed_off_by: Facility Management, J. Weber
`)
	write(t, dir, "attestations/2025-dr.yml", `claim: dr-tested
document: docs/dr-test-2025.pdf
sha256: `+sum(drDoc)+`
date: 2025-03-01
expires: 2026-02-28
signed_off_by: IT-Leitung, K. Braun
`)
	write(t, dir, "attestations/sub/training.yaml", `claim: staff-trained
document: training-2026.pdf
sha256: `+sum(trainingDoc)+`
date: 2026-05-01
valid_for: P1Y
expires: 2027-03-31
signed_off_by: DSB, M. Schulz
`)
	write(t, dir, "attestations/future.yaml", `claim: visitors-escorted
document: docs/besucherbuch-2026-q3.pdf
sha256: `+sum(visitorsDoc)+`
date: 2027-01-01
valid_for: P12M
signed_off_by: Facility Management, J. Weber
`)
	write(t, dir, "attestations/broken.yaml", `claim: visitors-escorted
document: docs/besucherbuch-2026-q3.pdf
date: 2026-13-01
signed_of_by: J. Weber
valid_for: 12M
`)
	write(t, dir, "attestations/missing-doc.yaml", `claim: pentest-yearly
document: ../reports/pentest-2026.pdf
sha256: `+sum("gone")+`
date: 2026-06-01
signed_off_by: CISO
`)
	write(t, dir, "attestations/README.txt", "not an attestation\n")
	return dir
}

func TestCollect(t *testing.T) {
	dir := project(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 123, time.UTC)
	c := New()
	c.Now = func() time.Time { return now }
	tg := target(t, dir, "path: attestations/\ngroups: [org]\n")
	if ds := c.Validate(tg); len(ds) > 0 {
		t.Fatalf("Validate: %v", ds)
	}
	var sink memSink
	if err := c.Collect(context.Background(), tg, &sink); err != nil {
		t.Fatalf("Collect: %v", err)
	}

	type want struct {
		subject string
		data    map[string]any
	}
	wants := []want{
		{"attestation:dr-tested/2025-dr.yml", map[string]any{
			"claim": "dr-tested", "statement": "", "document": "docs/dr-test-2025.pdf", "document_found": true,
			"sha256_expected": sum(drDoc), "sha256_actual": sum(drDoc), "hash_matches": true,
			"date": "2025-03-01", "valid_for": "", "expires": "2026-02-28", "signed_off_by": "IT-Leitung, K. Braun",
			"file": "attestations/2025-dr.yml"}},
		{"attestation:visitors-escorted/2026-q3.yaml", map[string]any{
			"claim": "visitors-escorted", "statement": "Besucherbuch und Begleitpflicht, Stichprobe Q3",
			"document": "docs/besucherbuch-2026-q3.pdf", "document_found": true,
			"sha256_expected": sum(visitorsDoc), "sha256_actual": sum(visitorsDoc), "hash_matches": true,
			"date": "2026-10-01", "valid_for": "P12M", "expires": "", "signed_off_by": "Facility Management, J. Weber",
			"file": "attestations/2026-q3.yaml"}},
		{"attestation:visitors-escorted/future.yaml", map[string]any{
			"claim": "visitors-escorted", "statement": "", "document": "docs/besucherbuch-2026-q3.pdf", "document_found": true,
			"sha256_expected": sum(visitorsDoc), "sha256_actual": sum(visitorsDoc), "hash_matches": true,
			"date": "2027-01-01", "valid_for": "P12M", "expires": "", "signed_off_by": "Facility Management, J. Weber",
			"file": "attestations/future.yaml"}},
		{"attestation:pentest-yearly/missing-doc.yaml", map[string]any{
			"claim": "pentest-yearly", "statement": "", "document": "../reports/pentest-2026.pdf", "document_found": false,
			"sha256_expected": sum("gone"), "sha256_actual": "", "hash_matches": false,
			"date": "2026-06-01", "valid_for": "", "expires": "", "signed_off_by": "CISO",
			"file": "attestations/missing-doc.yaml"}},
		{"attestation:staff-trained/sub/training.yaml", map[string]any{
			"claim": "staff-trained", "statement": "", "document": "training-2026.pdf", "document_found": true,
			"sha256_expected": sum(trainingDoc), "sha256_actual": sum(trainingDoc + "nachträglich geändert\n"), "hash_matches": false,
			"date": "2026-05-01", "valid_for": "P1Y", "expires": "2027-03-31", "signed_off_by": "DSB, M. Schulz",
			"file": "attestations/sub/training.yaml"}},
	}
	if len(sink.recs) != len(wants) {
		for _, r := range sink.recs {
			t.Logf("record %s", r.Subject)
		}
		t.Fatalf("got %d records, want %d", len(sink.recs), len(wants))
	}
	for i, w := range wants {
		r := sink.recs[i]
		if r.Subject != w.subject {
			t.Errorf("record %d: subject %s, want %s", i, r.Subject, w.subject)
		}
		if !reflect.DeepEqual(r.Data, w.data) {
			t.Errorf("record %s: data\n got %#v\nwant %#v", r.Subject, r.Data, w.data)
		}
		wantSrc := evidence.Source{Collector: "attestations", CollectorVersion: 1, Target: "attestations", File: w.data["file"].(string), Line: 1}
		if r.Source != wantSrc {
			t.Errorf("record %s: source %+v, want %+v", r.Subject, r.Source, wantSrc)
		}
		if r.Kind != "attestation" || r.Origin != evidence.OriginLive || !r.CollectedAt.Equal(now.Truncate(time.Second)) {
			t.Errorf("record %s: kind %s, origin %s, collected_at %s", r.Subject, r.Kind, r.Origin, r.CollectedAt)
		}
		if err := r.Verify(); err != nil || r.Digest == "" {
			t.Errorf("record %s is not sealed: %v", r.Subject, err)
		}
	}

	wantGaps := []evidence.Gap{
		{Collector: "attestations", Target: "attestations/attestations", Kind: "attestation",
			Subject: "attestation:visitors-escorted/broken.yaml",
			Reason:  `attestations/broken.yaml:4:1: unknown key "signed_of_by"; did you mean "signed_off_by"?`,
			File:    "attestations/broken.yaml", Line: 4, Column: 1},
		{Collector: "attestations", Target: "attestations/attestations", Kind: "attestation",
			Subject: "attestation:visitors-escorted/broken.yaml",
			Reason:  `attestations/broken.yaml:1:1: missing sha256: add the document's SHA-256 as sha256sum prints it`,
			File:    "attestations/broken.yaml", Line: 1, Column: 1},
		{Collector: "attestations", Target: "attestations/attestations", Kind: "attestation",
			Subject: "attestation:visitors-escorted/broken.yaml",
			Reason:  `attestations/broken.yaml:3:7: date "2026-13-01" is not a date: write it as YYYY-MM-DD, e.g. 2026-10-01`,
			File:    "attestations/broken.yaml", Line: 3, Column: 7},
		{Collector: "attestations", Target: "attestations/attestations", Kind: "attestation",
			Subject: "attestation:visitors-escorted/broken.yaml",
			Reason:  `attestations/broken.yaml:1:1: missing signed_off_by: add who signed the attestation off, e.g. signed_off_by: Facility Management, J. Weber`,
			File:    "attestations/broken.yaml", Line: 1, Column: 1},
		{Collector: "attestations", Target: "attestations/attestations", Kind: "attestation",
			Subject: "attestation:visitors-escorted/broken.yaml",
			Reason:  `attestations/broken.yaml:5:12: valid_for: invalid ISO-8601 duration "12M": it must start with P, e.g. P12M, P30D or PT12H`,
			File:    "attestations/broken.yaml", Line: 5, Column: 12},
	}
	if !reflect.DeepEqual(sink.gaps, wantGaps) {
		for _, g := range sink.gaps {
			t.Logf("gap %#v", g)
		}
		t.Errorf("gaps differ from the expected %d", len(wantGaps))
	}
}

func TestCollectDocumentIsAFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/docs/x/keep", "")
	write(t, dir, "a/x.yaml", "claim: c\ndocument: docs/x\nsha256: "+sum("")+"\ndate: 2026-01-01\nsigned_off_by: A\n")
	c := New()
	var sink memSink
	if err := c.Collect(context.Background(), target(t, dir, "path: a\n"), &sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.recs) != 0 || len(sink.gaps) != 1 {
		t.Fatalf("got %d records and %d gaps, want 0 and 1", len(sink.recs), len(sink.gaps))
	}
	want := "a/x.yaml:2:11: document docs/x cannot be read (it is a folder, not a file); point document at a readable file, relative to this attestation"
	if g := sink.gaps[0]; g.Reason != want || g.Subject != "attestation:c/x.yaml" {
		t.Errorf("gap %s %q\nwant %q", g.Subject, g.Reason, want)
	}
}

func TestCollectCancelled(t *testing.T) {
	dir := project(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var sink memSink
	err := New().Collect(ctx, target(t, dir, "path: attestations\n"), &sink)
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Fatalf("Collect on a canceled context: %v", err)
	}
}

func TestValidate(t *testing.T) {
	dir := project(t)
	tests := []struct {
		name string
		spec string
		want []string // Diagnostic.Error() of each diagnostic
	}{
		{name: "valid", spec: "path: attestations/\nname: org\ngroups: [org]\n"},
		{name: "absolute path", spec: "path: " + filepath.Join(dir, "attestations") + "\n"},
		{
			name: "unknown key with suggestion",
			spec: "path: attestations/\npaht: x\n",
			want: []string{"tomcheck.yaml:2:1: error: unknown key \"paht\" in attestations target\n  Did you mean \"path\"? An attestations target takes path (a folder of attestation files, relative to the project file), name and groups."},
		},
		{
			name: "unknown key without suggestion, and no path",
			spec: "folder: attestations/\n",
			want: []string{
				"tomcheck.yaml:1:1: error: unknown key \"folder\" in attestations target\n  An attestations target takes path (a folder of attestation files, relative to the project file), name and groups.",
				"tomcheck.yaml:1:1: error: attestations target has no path\n  Add path: with the folder that holds the attestation files, relative to the project file, e.g. path: attestations/",
			},
		},
		{
			name: "path is a file",
			spec: "name: org\npath: attestations/2026-q3.yaml\n",
			want: []string{"tomcheck.yaml:2:7: error: attestations path attestations/2026-q3.yaml is not a folder\n  path names a folder whose *.yaml and *.yml files (searched recursively) are the attestations; point it at that folder, not at a single file."},
		},
		{
			name: "path does not exist",
			spec: "path: attestaions/\n",
			want: []string{"tomcheck.yaml:1:7: error: attestations folder attestaions/ does not exist\n  The path is resolved from the project file's directory (" + dir + "): create the folder or correct the path."},
		},
		{
			name: "path is a list",
			spec: "path: [a, b]\n",
			want: []string{"tomcheck.yaml:1:7: error: path must be a folder name\n  Give the folder of attestation files as a string, e.g. path: attestations/"},
		},
		{
			name: "not a mapping",
			spec: "attestations/\n",
			want: []string{"tomcheck.yaml:1:1: error: an attestations target must be a mapping with path (and optionally name and groups)\n  Write the target as a mapping, e.g.\n    attestations:\n      - path: attestations/"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := New().Validate(target(t, dir, tt.spec))
			var got []string
			for _, d := range ds {
				got = append(got, d.Error())
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("diagnostics\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCollectorIdentity(t *testing.T) {
	c := New()
	if c.Name() != "attestations" || c.Version() != 1 || !reflect.DeepEqual(c.Kinds(), []string{"attestation"}) {
		t.Errorf("identity: %s v%d %v", c.Name(), c.Version(), c.Kinds())
	}
}
