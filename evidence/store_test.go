package evidence

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func sealed(t *testing.T, i int) Record {
	t.Helper()
	r := Record{Kind: "terraform.resource", Subject: fmt.Sprintf("tf:infra/aws_s3_bucket.b%d", i), Origin: OriginDeclared,
		CollectedAt: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC), Data: map[string]any{"i": float64(i)}}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	return r
}

func writeRun(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "run")
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.Record(sealed(t, i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	w.Gap(Gap{Collector: "terraform", Target: "terraform/infra", Kind: "terraform.resource", Reason: "main.tf:1:1: bad"})
	if err := w.WriteFile("tom.yaml", []byte("claims: []\n")); err != nil {
		t.Fatal(err)
	}
	info, err := w.Close(RunInfo{RunID: "r1", ToolVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if info.Evidence.Count != n || info.Gaps.Count != 1 {
		t.Fatalf("counts %d/%d", info.Evidence.Count, info.Gaps.Count)
	}
	return dir
}

func TestRunDirectoryRoundTrip(t *testing.T) {
	dir := writeRun(t, 200)
	run, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	err = run.ReadRecords(func(r Record) error {
		if err := r.Verify(); err != nil {
			return err
		}
		seen[r.Subject] = true
		return nil
	})
	if err != nil || len(seen) != 200 {
		t.Fatalf("read %d records: %v", len(seen), err)
	}
	all, err := run.ReadAll(3)
	if err != nil || len(all) != 200 {
		t.Fatalf("ReadAll: %d records: %v", len(all), err)
	}
	for i, r := range all {
		if !seen[r.Subject] || r.Verify() != nil {
			t.Fatalf("ReadAll record %d: %s", i, r.Subject)
		}
	}
	lean, err := run.ReadAllRaw(2)
	if err != nil || len(lean) != len(all) {
		t.Fatalf("ReadAllRaw: %d records: %v", len(lean), err)
	}
	for i, r := range lean {
		full := all[i]
		if r.Data != nil || r.Subject != full.Subject || r.Digest != full.Digest || r.Source != full.Source || !r.CollectedAt.Equal(full.CollectedAt) {
			t.Fatalf("ReadAllRaw record %d = %+v, want the header of %+v without Data", i, r, full)
		}
		if err := json.Unmarshal(r.RawData, &r.Data); err != nil {
			t.Fatalf("ReadAllRaw record %d: raw data %q: %v", i, r.RawData, err)
		}
		if r.Verify() != nil {
			t.Fatalf("ReadAllRaw record %d: its raw data is not the record's data", i)
		}
	}
	gaps, err := run.ReadGaps()
	if err != nil || len(gaps) != 1 || gaps[0].Reason != "main.tf:1:1: bad" {
		t.Fatalf("gaps %+v: %v", gaps, err)
	}
	if _, err := Create(dir); err == nil || !strings.Contains(err.Error(), "it is not empty") {
		t.Errorf("Create over an existing run: %v", err)
	}
}

func TestHalfWrittenRunDirectory(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(dir string) error
		want  string
	}{
		{"no run.json", func(dir string) error { return os.Remove(filepath.Join(dir, RunFile)) },
			"run.json is missing, so collection did not finish; collect again with 'tomcheck collect -o DIR'"},
		{"truncated evidence", func(dir string) error {
			p := filepath.Join(dir, EvidenceFile)
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, raw[:len(raw)-40], 0o600)
		}, "evidence.jsonl ends in a partial line"},
		{"a line removed", func(dir string) error {
			p := filepath.Join(dir, EvidenceFile)
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			lines := strings.SplitAfter(string(raw), "\n")
			return os.WriteFile(p, []byte(strings.Join(lines[1:], "")), 0o600)
		}, "evidence.jsonl has 9 lines with sha256"},
		{"a value altered", func(dir string) error {
			p := filepath.Join(dir, EvidenceFile)
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(p, []byte(strings.Replace(string(raw), `"i":3`, `"i":4`, 1)), 0o600)
		}, "the file was truncated or altered"},
		{"run.json garbage", func(dir string) error { return os.WriteFile(filepath.Join(dir, RunFile), []byte("{"), 0o600) },
			"run.json is not valid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeRun(t, 10)
			if err := tc.spoil(dir); err != nil {
				t.Fatal(err)
			}
			run, err := Open(dir)
			if err == nil {
				err = run.ReadRecords(func(Record) error { return nil })
				if _, err2 := run.ReadAll(2); !errors.Is(err2, ErrHalfWritten) {
					t.Errorf("ReadAll: %v", err2)
				}
				if _, err2 := run.ReadAllRaw(2); !errors.Is(err2, ErrHalfWritten) {
					t.Errorf("ReadAllRaw: %v", err2)
				}
			}
			if !errors.Is(err, ErrHalfWritten) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant ErrHalfWritten containing %q", err, tc.want)
			}
		})
	}
}
