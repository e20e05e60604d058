package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/collectors/attestation"
	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/isodur"
)

// attRec builds a sealed attestation record the way the collector does.
func attRec(t *testing.T, claim, file, date, validFor, expires string, mods ...func(map[string]any)) evidence.Record {
	t.Helper()
	data := map[string]any{
		"claim": claim, "statement": "Stichprobe Besucherbuch", "document": "docs/besucherbuch.pdf",
		"document_found": true, "sha256_expected": "aa", "sha256_actual": "aa", "hash_matches": true,
		"date": date, "valid_for": validFor, "expires": expires, "signed_off_by": "J. Weber", "file": file,
	}
	for _, m := range mods {
		m(data)
	}
	r := evidence.Record{
		Kind: AttestationKind, Subject: "attestation:" + claim + "/" + file, Origin: evidence.OriginLive,
		Source:      evidence.Source{Collector: "attestations", CollectorVersion: 1, Target: "attestations", File: file, Line: 1},
		CollectedAt: time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC), Data: data,
	}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	return r
}

func mustDur(t *testing.T, s string) *isodur.Duration {
	t.Helper()
	d, err := isodur.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return &d
}

func at(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func TestJudgeAttestation(t *testing.T) {
	const claim = "visitors-escorted"
	tampered := func(d map[string]any) { d["hash_matches"] = false; d["sha256_actual"] = "bb" }
	missing := func(d map[string]any) {
		d["document_found"] = false
		d["sha256_actual"] = ""
		d["hash_matches"] = false
	}

	tests := []struct {
		name     string
		maxAge   string
		recs     func(t *testing.T) []evidence.Record
		now      string
		verdict  Verdict
		en, de   string
		file     string // of the returned Attestation; "" means nil
		expires  string
		evidence int // index of the record whose digest is cited; -1 for none
	}{
		{
			name:    "no records",
			recs:    func(t *testing.T) []evidence.Record { return nil },
			now:     "2027-01-01T00:00:00Z",
			verdict: Unattested, en: "no attestation for claim visitors-escorted", de: "keine Attestierung für die Aussage visitors-escorted",
			evidence: -1,
		},
		{
			name: "records of other claims and kinds are ignored",
			recs: func(t *testing.T) []evidence.Record {
				other := attRec(t, claim, "x.yaml", "2026-10-01", "P12M", "")
				other.Kind = "tls.endpoint"
				return []evidence.Record{attRec(t, "dr-test", "dr.yaml", "2026-10-01", "P12M", ""), other}
			},
			now:     "2027-01-01T00:00:00Z",
			verdict: Unattested, en: "no attestation for claim visitors-escorted", de: "keine Attestierung für die Aussage visitors-escorted",
			evidence: -1,
		},
		{
			name: "P12M valid on its last second",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "a/q3.yaml", "2026-10-01", "P12M", "")}
			},
			now:     "2027-09-30T23:59:59Z",
			verdict: Attested, en: "attested by J. Weber on 2026-10-01, valid until 2027-09-30", de: "attestiert von J. Weber am 2026-10-01, gültig bis 2027-09-30",
			file: "a/q3.yaml", expires: "2027-09-30",
		},
		{
			name: "P12M expired at the next midnight",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "a/q3.yaml", "2026-10-01", "P12M", "")}
			},
			now:     "2027-10-01T00:00:00Z",
			verdict: Unattested, en: "attestation a/q3.yaml expired on 2027-09-30", de: "Attestierung a/q3.yaml ist abgelaufen (gültig bis 2027-09-30)",
			file: "a/q3.yaml", expires: "2027-09-30",
		},
		{
			name: "expires 2027-09-30 valid through that day",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "a/q3.yaml", "2026-10-01", "", "2027-09-30")}
			},
			now:     "2027-09-30T23:59:59Z",
			verdict: Attested, en: "attested by J. Weber on 2026-10-01, valid until 2027-09-30", de: "attestiert von J. Weber am 2026-10-01, gültig bis 2027-09-30",
			file: "a/q3.yaml", expires: "2027-09-30",
		},
		{
			name: "expires 2027-09-30 expired the day after",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "a/q3.yaml", "2026-10-01", "", "2027-09-30")}
			},
			now:     "2027-10-01T00:00:00Z",
			verdict: Unattested, en: "attestation a/q3.yaml expired on 2027-09-30", de: "Attestierung a/q3.yaml ist abgelaufen (gültig bis 2027-09-30)",
			file: "a/q3.yaml", expires: "2027-09-30",
		},
		{
			name: "both valid_for and expires: the earlier wins",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "q3.yaml", "2026-10-01", "P24M", "2027-03-31")}
			},
			now:     "2027-04-01T00:00:00Z",
			verdict: Unattested, en: "attestation q3.yaml expired on 2027-03-31", de: "Attestierung q3.yaml ist abgelaufen (gültig bis 2027-03-31)",
			file: "q3.yaml", expires: "2027-03-31",
		},
		{
			name:   "max_age shorter than valid_for limits it",
			maxAge: "P6M",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "q3.yaml", "2026-10-01", "P12M", "")}
			},
			now:     "2027-03-31T12:00:00Z",
			verdict: Attested, en: "attested by J. Weber on 2026-10-01, valid until 2027-03-31", de: "attestiert von J. Weber am 2026-10-01, gültig bis 2027-03-31",
			file: "q3.yaml", expires: "2027-03-31",
		},
		{
			name:   "max_age alone limits an attestation without validity",
			maxAge: "P12M",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "q3.yaml", "2026-10-01", "", "")}
			},
			now:     "2027-10-01T00:00:00Z",
			verdict: Unattested, en: "attestation q3.yaml expired on 2027-09-30", de: "Attestierung q3.yaml ist abgelaufen (gültig bis 2027-09-30)",
			file: "q3.yaml", expires: "2027-09-30",
		},
		{
			name: "nothing limits it",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "q3.yaml", "2020-01-01", "", "")}
			},
			now:     "2027-10-01T00:00:00Z",
			verdict: Attested, en: "attested by J. Weber on 2020-01-01, without expiry", de: "attestiert von J. Weber am 2020-01-01, ohne Ablaufdatum",
			file: "q3.yaml",
		},
		{
			name: "dated today is valid",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "q3.yaml", "2026-11-22", "P1Y", "")}
			},
			now:     "2026-11-22T00:00:00Z",
			verdict: Attested, en: "attested by J. Weber on 2026-11-22, valid until 2027-11-21", de: "attestiert von J. Weber am 2026-11-22, gültig bis 2027-11-21",
			file: "q3.yaml", expires: "2027-11-21",
		},
		{
			name: "future-dated",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "next.yaml", "2027-01-01", "P12M", "")}
			},
			now:     "2026-12-31T23:59:59Z",
			verdict: Unattested, en: "attestation next.yaml is dated 2027-01-01, after the run's time", de: "Attestierung next.yaml ist auf den 2027-01-01 datiert, nach dem Zeitpunkt des Laufs",
			file: "next.yaml", expires: "2027-12-31",
		},
		{
			name: "hash mismatch",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "att/q3.yaml", "2026-10-01", "P12M", "", tampered)}
			},
			now:     "2027-01-01T00:00:00Z",
			verdict: Unattested, en: "document att/docs/besucherbuch.pdf does not match its sha256 (expected aa, found bb)", de: "Dokument att/docs/besucherbuch.pdf stimmt nicht mit seinem SHA-256 überein (erwartet aa, gefunden bb)",
			file: "att/q3.yaml", expires: "2027-09-30",
		},
		{
			name: "document missing",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{attRec(t, claim, "att/q3.yaml", "2026-10-01", "P12M", "", missing)}
			},
			now:     "2027-01-01T00:00:00Z",
			verdict: Unattested, en: "document att/docs/besucherbuch.pdf not found (attestation att/q3.yaml)", de: "Dokument att/docs/besucherbuch.pdf nicht gefunden (Attestierung att/q3.yaml)",
			file: "att/q3.yaml", expires: "2027-09-30",
		},
		{
			name: "the newest valid attestation counts",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{
					attRec(t, claim, "2026-q2.yaml", "2026-07-01", "P12M", ""),
					attRec(t, claim, "2026-q3.yaml", "2026-10-01", "P12M", ""),
					attRec(t, claim, "2026-q1.yaml", "2026-04-01", "P12M", ""),
				}
			},
			now:     "2027-01-01T00:00:00Z",
			verdict: Attested, en: "attested by J. Weber on 2026-10-01, valid until 2027-09-30", de: "attestiert von J. Weber am 2026-10-01, gültig bis 2027-09-30",
			file: "2026-q3.yaml", expires: "2027-09-30", evidence: 1,
		},
		{
			name: "a tampered newer one leaves an older valid one",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{
					attRec(t, claim, "2026-q3.yaml", "2026-10-01", "P12M", "", tampered),
					attRec(t, claim, "2026-q2.yaml", "2026-07-01", "P12M", ""),
				}
			},
			now:     "2027-01-01T00:00:00Z",
			verdict: Attested, en: "attested by J. Weber on 2026-07-01, valid until 2027-06-30", de: "attestiert von J. Weber am 2026-07-01, gültig bis 2027-06-30",
			file: "2026-q2.yaml", expires: "2027-06-30", evidence: 1,
		},
		{
			name: "none valid: the newest one's problem",
			recs: func(t *testing.T) []evidence.Record {
				return []evidence.Record{
					attRec(t, claim, "2025.yaml", "2025-01-01", "P12M", ""),
					attRec(t, claim, "2026.yaml", "2026-01-01", "P12M", ""),
				}
			},
			now:     "2027-01-01T00:00:00Z",
			verdict: Unattested, en: "attestation 2026.yaml expired on 2026-12-31", de: "Attestierung 2026.yaml ist abgelaufen (gültig bis 2026-12-31)",
			file: "2026.yaml", expires: "2026-12-31", evidence: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var maxAge *isodur.Duration
			if tt.maxAge != "" {
				maxAge = mustDur(t, tt.maxAge)
			}
			recs := tt.recs(t)
			v, msg, att := JudgeAttestation(claim, maxAge, recs, at(t, tt.now))
			if v != tt.verdict {
				t.Errorf("verdict = %s, want %s", v, tt.verdict)
			}
			if msg.EN != tt.en {
				t.Errorf("EN = %q\nwant %q", msg.EN, tt.en)
			}
			if msg.DE != tt.de {
				t.Errorf("DE = %q\nwant %q", msg.DE, tt.de)
			}
			if tt.file == "" {
				if att != nil {
					t.Errorf("attestation = %+v, want nil", att)
				}
				return
			}
			if att == nil {
				t.Fatalf("attestation = nil, want %s", tt.file)
			}
			if att.File != tt.file || att.Expires != tt.expires {
				t.Errorf("attestation file, expires = %s, %s; want %s, %s", att.File, att.Expires, tt.file, tt.expires)
			}
			if want := recs[tt.evidence].Digest; att.Evidence != want {
				t.Errorf("evidence = %s, want %s", att.Evidence, want)
			}
			if att.SignedOffBy != "J. Weber" || att.Document != "docs/besucherbuch.pdf" || att.Statement == "" {
				t.Errorf("attestation details incomplete: %+v", att)
			}
		})
	}
}

// TestJudgeAttestationValidForEqualsExpires walks the days around the end of
// validity: P12M from 2026-10-01 and expires 2027-09-30 must agree every hour.
func TestJudgeAttestationValidForEqualsExpires(t *testing.T) {
	byDuration := attRec(t, "c", "d.yaml", "2026-10-01", "P12M", "")
	byDate := attRec(t, "c", "e.yaml", "2026-10-01", "", "2027-09-30")
	for now := at(t, "2027-09-29T00:00:00Z"); now.Before(at(t, "2027-10-03T00:00:00Z")); now = now.Add(time.Hour) {
		v1, _, a1 := JudgeAttestation("c", nil, []evidence.Record{byDuration}, now)
		v2, _, a2 := JudgeAttestation("c", nil, []evidence.Record{byDate}, now)
		want := Attested
		if !now.Before(at(t, "2027-10-01T00:00:00Z")) {
			want = Unattested
		}
		if v1 != want || v2 != want {
			t.Errorf("%s: P12M → %s, expires → %s; want %s", now.Format(time.RFC3339), v1, v2, want)
		}
		if a1.Expires != "2027-09-30" || a2.Expires != "2027-09-30" {
			t.Errorf("%s: last valid days %s and %s, want 2027-09-30", now.Format(time.RFC3339), a1.Expires, a2.Expires)
		}
	}
}

// recordSink keeps the records a collector hands on.
type recordSink struct {
	recs []evidence.Record
	gaps []evidence.Gap
}

func (s *recordSink) Record(r evidence.Record) error { s.recs = append(s.recs, r); return nil }
func (s *recordSink) Gap(g evidence.Gap)             { s.gaps = append(s.gaps, g) }

// TestJudgeCollectedAttestations runs the real collector over a folder of
// attestations and documents and judges what it recorded: the two halves
// must agree on the record's data.
func TestJudgeCollectedAttestations(t *testing.T) {
	dir := t.TempDir()
	put := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256([]byte(content))
		return hex.EncodeToString(h[:])
	}
	visitors := put("att/docs/besucherbuch.pdf", "Besucherbuch Q3\n")
	training := put("att/docs/schulung.pdf", "Schulung 2026\n")
	put("att/docs/schulung.pdf", "Schulung 2026, geändert\n")
	put("att/2026-q3.yaml", "claim: visitors-escorted\ndocument: docs/besucherbuch.pdf\nsha256: "+visitors+"\ndate: 2026-10-01\nvalid_for: P12M\nsigned_off_by: J. Weber\n")
	put("att/2027-q1.yaml", "claim: visitors-escorted\ndocument: docs/besucherbuch.pdf\nsha256: "+visitors+"\ndate: 2027-01-01\nvalid_for: P12M\nsigned_off_by: J. Weber\n")
	put("att/2025.yaml", "claim: dr-tested\ndocument: docs/besucherbuch.pdf\nsha256: "+visitors+"\ndate: 2025-01-15\nexpires: 2026-01-14\nsigned_off_by: K. Braun\n")
	put("att/training.yaml", "claim: staff-trained\ndocument: docs/schulung.pdf\nsha256: "+training+"\ndate: 2026-05-01\nvalid_for: P1Y\nsigned_off_by: M. Schulz\n")
	put("att/pentest.yaml", "claim: pentest\ndocument: ../reports/pentest.pdf\nsha256: "+training+"\ndate: 2026-05-01\nvalid_for: P1Y\nsigned_off_by: CISO\n")

	var node yaml.Node
	if err := yaml.Unmarshal([]byte("path: att\n"), &node); err != nil {
		t.Fatal(err)
	}
	c := attestation.New()
	c.Now = func() time.Time { return at(t, "2026-11-22T10:00:00Z") }
	var sink recordSink
	tg := collectors.Target{Collector: "attestations", Name: "att", Node: node.Content[0], File: "tomcheck.yaml", Dir: dir}
	if err := c.Collect(context.Background(), tg, &sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.gaps) != 0 {
		t.Fatalf("unexpected gaps: %+v", sink.gaps)
	}
	now := at(t, "2026-11-22T10:00:00Z")
	tests := []struct {
		claim   string
		verdict Verdict
		en      string
	}{
		{"visitors-escorted", Attested, "attested by J. Weber on 2026-10-01, valid until 2027-09-30"},
		{"dr-tested", Unattested, "attestation att/2025.yaml expired on 2026-01-14"},
		{"staff-trained", Unattested, "document att/docs/schulung.pdf does not match its sha256 (expected " + training + ", found " + put("x", "Schulung 2026, geändert\n") + ")"},
		{"pentest", Unattested, "document reports/pentest.pdf not found (attestation att/pentest.yaml)"},
		{"clean-desk", Unattested, "no attestation for claim clean-desk"},
	}
	for _, tt := range tests {
		v, msg, _ := JudgeAttestation(tt.claim, nil, sink.recs, now)
		if v != tt.verdict || msg.EN != tt.en {
			t.Errorf("%s: %s %q\nwant %s %q", tt.claim, v, msg.EN, tt.verdict, tt.en)
		}
	}
}
