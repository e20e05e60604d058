package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/internal/engine"
)

const demoNow = "2026-11-23T12:00:00Z"

// TestDemoRun runs the bundled demo end to end and compares its verdict
// JSON with a golden file: every verdict kind, refutations naming address
// and file:line, an excepted finding, attested and unattested claims.
func TestDemoRun(t *testing.T) {
	dir := demoCopy(t)
	r := tomcheck(t, dir, nil, "run", "--now", demoNow, "--format", "json", "--max-evidence-age", "0")
	if r.code != ExitFailOn {
		t.Fatalf("exit %d, want 1 (refuted claims)\n%s", r.code, r.stderr)
	}
	got := normalize(t, []byte(r.stdout))
	golden(t, "demo.json", got)

	var res engine.Result
	if err := json.Unmarshal(got, &res); err != nil {
		t.Fatal(err)
	}
	seen := map[engine.Verdict]bool{}
	excepted := 0
	for _, c := range res.Claims {
		seen[c.Verdict] = true
		for _, f := range c.Findings {
			if f.Excepted != nil {
				excepted++
			}
			if !f.Pass && !f.Inconclusive && f.Excepted == nil && (f.Location == "" || !strings.Contains(f.Message, "aws_")) {
				t.Errorf("refuting finding without address or location: %+v", f)
			}
		}
	}
	for _, v := range []engine.Verdict{engine.Verified, engine.Refuted, engine.Inconclusive, engine.Attested, engine.Unattested} {
		if !seen[v] {
			t.Errorf("the demo shows no %s claim", v)
		}
	}
	if excepted == 0 {
		t.Error("the demo shows no excepted finding")
	}

	// the same run twice gives the same bytes
	again := tomcheck(t, dir, nil, "run", "--now", demoNow, "--format", "json", "--max-evidence-age", "0")
	if !bytes.Equal(normalize(t, []byte(again.stdout)), got) {
		t.Error("two runs over the same inputs gave different verdict JSON")
	}
}

// TestDemoReports renders the demo in every format and language.
func TestDemoReports(t *testing.T) {
	dir := demoCopy(t)
	for _, format := range []string{"table", "markdown"} {
		for _, lang := range []string{"en", "de"} {
			r := tomcheck(t, dir, nil, "run", "--now", demoNow, "--format", format, "--lang", lang, "--max-evidence-age", "0")
			if r.code != ExitFailOn {
				t.Fatalf("%s/%s: exit %d\n%s", format, lang, r.code, r.stderr)
			}
			out := regexp.MustCompile(`\d{8}T\d{6}Z-[0-9a-f]{8}`).ReplaceAllString(r.stdout, "RUN")
			// input digests change with every edit of the files and the policy library
			out = regexp.MustCompile("(?i)(digest[^|]*\\| )`sha256:[0-9a-f]{64}`").ReplaceAllString(out, "$1`DIGEST`")
			golden(t, "demo."+lang+"."+format, []byte(out))
		}
	}
	out := filepath.Join(t.TempDir(), "report.md")
	r := tomcheck(t, dir, nil, "run", "--now", demoNow, "--format", "markdown", "-o", out, "--max-evidence-age", "0")
	raw, err := os.ReadFile(out)
	if r.code != ExitFailOn || err != nil || r.stdout != "" || !strings.HasPrefix(string(raw), "# ") {
		t.Errorf("-o FILE: exit %d, err %v, stdout %q", r.code, err, r.stdout)
	}
}

// TestCollectThenEvaluate: the two halves give the verdicts of run, and a
// half-written or altered run directory is refused with exit 2.
func TestCollectThenEvaluate(t *testing.T) {
	dir := demoCopy(t)
	runDir := filepath.Join(t.TempDir(), "run1")
	c := tomcheck(t, dir, nil, "collect", "-o", runDir)
	if c.code != 0 || !strings.Contains(c.stderr, "collected 89 record(s) and 0 gap(s) from 2 target(s)") {
		t.Fatalf("collect: exit %d\n%s", c.code, c.stderr)
	}
	for _, name := range []string{"run.json", "evidence.jsonl", "gaps.jsonl", "tom.yaml", "tomcheck.yaml"} {
		if _, err := os.Stat(filepath.Join(runDir, name)); err != nil {
			t.Errorf("run directory lacks %s", name)
		}
	}
	e := tomcheck(t, t.TempDir(), nil, "evaluate", "--evidence", runDir, "--now", demoNow, "--format", "json", "--max-evidence-age", "0")
	if e.code != ExitFailOn {
		t.Fatalf("evaluate: exit %d\n%s", e.code, e.stderr)
	}
	want, err := os.ReadFile(filepath.Join(pkgDir, "testdata", "demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := normalize(t, []byte(e.stdout)); !bytes.Equal(got, want) {
		t.Errorf("evaluate over the collected run differs from run:\n%s", got)
	}
	if v, err := os.ReadFile(filepath.Join(runDir, "verdicts.json")); err != nil || string(v) != e.stdout {
		t.Errorf("verdicts.json is not the json report (%v)", err)
	}
	if tmp, _ := filepath.Glob(filepath.Join(runDir, ".verdicts.json.*")); len(tmp) > 0 {
		t.Errorf("evaluate left temporary files: %v", tmp)
	}

	// altered evidence: exit 2, never a silent evaluation
	ev := filepath.Join(runDir, "evidence.jsonl")
	raw, err := os.ReadFile(ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ev, raw[:len(raw)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	e = tomcheck(t, "", nil, "evaluate", "--evidence", runDir)
	if e.code != ExitInput || !strings.Contains(e.stderr, "half-written run directory") {
		t.Errorf("truncated evidence: exit %d\n%s", e.code, e.stderr)
	}
	if err := os.Remove(filepath.Join(runDir, "run.json")); err != nil {
		t.Fatal(err)
	}
	e = tomcheck(t, "", nil, "evaluate", "--evidence", runDir)
	if e.code != ExitInput || !strings.Contains(e.stderr, "run.json is missing, so collection did not finish") {
		t.Errorf("missing run.json: exit %d\n%s", e.code, e.stderr)
	}

	// stale evidence warns, and fails under --strict
	run2 := filepath.Join(t.TempDir(), "run2")
	if c := tomcheck(t, dir, nil, "collect", "-o", run2); c.code != 0 {
		t.Fatal(c.stderr)
	}
	// verdicts.json cannot be replaced: the error names it, and nothing is left behind
	if err := os.MkdirAll(filepath.Join(run2, "verdicts.json", "in-the-way"), 0o750); err != nil {
		t.Fatal(err)
	}
	e = tomcheck(t, "", nil, "evaluate", "--evidence", run2, "--max-evidence-age", "0")
	if e.code == ExitOK || e.code == ExitFailOn || !strings.Contains(e.stderr, "write verdicts.json: rename") {
		t.Errorf("verdicts.json in the way: exit %d\n%s", e.code, e.stderr)
	}
	if tmp, _ := filepath.Glob(filepath.Join(run2, ".verdicts.json.*")); len(tmp) > 0 {
		t.Errorf("a failed write left temporary files: %v", tmp)
	}
	if err := os.RemoveAll(filepath.Join(run2, "verdicts.json")); err != nil {
		t.Fatal(err)
	}

	var out, errOut bytes.Buffer
	f := newFactory(IOStreams{Out: &out, ErrOut: &errOut}, nil)
	f.Clock = func() time.Time { return fixedNow.Add(48 * time.Hour) }
	code := run(context.Background(), f, []string{"evaluate", "--evidence", run2, "--fail-on", "unattested", "--format", "json"})
	if code != ExitFailOn || !strings.Contains(out.String(), "older than --max-evidence-age 24h0m0s") {
		t.Errorf("stale evidence: exit %d\n%s", code, errOut.String())
	}
}

func TestStrictAndFailOn(t *testing.T) {
	dir := demoCopy(t)
	// a verified and an unattested claim: 0 by default, 1 with --strict or --fail-on unattested
	writeFile(t, filepath.Join(dir, "tom.yaml"), `apiVersion: tomcheck/v1
kind: TOM
claims:
  - {id: password-policy, area: Zugangskontrolle, statement: s, check: auth.password_policy, params: {min_length: 12}}
  - {id: restore-tested, area: Wiederherstellbarkeit, statement: s, attestation: {max_age: P6M}}
`)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, ExitOK},
		{[]string{"--strict"}, ExitFailOn},
		{[]string{"--fail-on", "unattested"}, ExitFailOn},
		{[]string{"--fail-on", "refuted,inconclusive"}, ExitOK},
	} {
		args := append([]string{"run", "--now", demoNow, "--format", "json", "--max-evidence-age", "0"}, tc.args...)
		if r := tomcheck(t, dir, nil, args...); r.code != tc.code {
			t.Errorf("%v: exit %d, want %d\n%s", tc.args, r.code, tc.code, r.stderr)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// TestPolicyErrorExits3: a claim whose policy fails at run time is verdict
// error, and the exit code says the run could not judge.
func TestPolicyErrorExits3(t *testing.T) {
	dir := demoCopy(t)
	pol := filepath.Join(t.TempDir(), "pol")
	writeFile(t, filepath.Join(pol, "acme", "broken", "check.rego"), `# METADATA
# title: Broken
# description: Fails at run time.
# custom:
#   check: acme.broken
#   title_de: Kaputt
#   description_de: Scheitert zur Laufzeit.
#   evidence: [terraform.resource:aws_kms_key]
#   params: {type: object, additionalProperties: false, properties: {}}
#   areas: [Verschlüsselung]
#   claim_types: []
#   remediation: none
package tomcheck.checks.acme.broken

import rego.v1

findings contains f if {
	some r in input.evidence
	f := {"subject": r.subject, "pass": to_number(r.data.address) > 0, "evidence": [r.digest], "message": "m", "message_de": "m"}
}
`)
	writeFile(t, filepath.Join(dir, "tom.yaml"), strings.Replace(readFile(t, filepath.Join(dir, "tom.yaml")), "claims:\n", "claims:\n  - {id: broken, area: Verschlüsselung, statement: s, check: acme.broken}\n", 1))
	r := tomcheck(t, dir, nil, "run", "--now", demoNow, "--policies", pol, "--format", "json", "--max-evidence-age", "0")
	if r.code != ExitNoJudge || !strings.Contains(r.stdout, `"verdict": "error"`) {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}
}

// TestInvalidClaimsExit2 shows every diagnostic at once with file:line:col.
func TestInvalidClaimsExit2(t *testing.T) {
	dir := demoCopy(t)
	tom := readFile(t, filepath.Join(dir, "tom.yaml"))
	tom = strings.Replace(tom, "check: transport.tls_min_version", "check: transport.tls_min_versoin", 1)
	tom = strings.Replace(tom, "params: {min_days: 90}", "params: {min_dayz: 90}", 1)
	writeFile(t, filepath.Join(dir, "tom.yaml"), tom)
	r := tomcheck(t, dir, nil, "run")
	if r.code != ExitInput {
		t.Fatalf("exit %d", r.code)
	}
	want := `tom.yaml:54:12: error: unknown check "transport.tls_min_versoin"
  Did you mean "transport.tls_min_version"? "tomcheck checks" lists the available checks.
tom.yaml:77:13: error: missing required parameter "min_days" of check logging.retention
  Add it under params, e.g. params: {min_days: <whole number>}. min_days: The shortest time, in days, logs must be kept.
tom.yaml:77:14: error: unknown parameter "min_dayz" for check logging.retention
  Did you mean "min_days"? logging.retention takes: min_days.
tomcheck: tom.yaml has 3 error(s); fix them and run again
`
	if r.stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
	}
}
