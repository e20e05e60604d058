package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/internal/engine"
)

var update = flag.Bool("update", false, "rewrite golden files")

// pkgDir is the package directory: tests chdir into temporary directories.
var pkgDir string

func TestMain(m *testing.M) {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	pkgDir = wd
	os.Exit(m.Run())
}

// fixedNow is the wall clock of every CLI test.
var fixedNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

type result struct {
	code           int
	stdout, stderr string
}

// tomcheck runs one command line in process, in dir, with a fixed clock.
func tomcheck(t *testing.T, dir string, env map[string]string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	f := newFactory(IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, func(k string) string { return env[k] })
	f.Clock = func() time.Time { return fixedNow }
	if dir != "" {
		t.Chdir(dir)
	}
	code := run(context.Background(), f, args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// demoCopy copies examples/demo into a temporary directory.
func demoCopy(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join(pkgDir, "..", "..", "examples", "demo")
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o750)
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, raw, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--nope"}, "tomcheck: unknown flag: --nope\n"},
		{[]string{"run", "--lang", "fr"}, "tomcheck: --lang \"fr\": use de or en\n"},
		{[]string{"run", "--format", "pdf"}, "tomcheck: --format \"pdf\": use one of table, json, markdown\n"},
		{[]string{"run", "--fail-on", "sometimes"}, "tomcheck: --fail-on \"sometimes\": use one or more of refuted, inconclusive, unattested, regression\n"},
		{[]string{"run", "--fail-on", "regression"}, "tomcheck: --fail-on regression needs a run history, and this project has none yet (history arrives in a later version); use --fail-on refuted\n"},
		{[]string{"run", "--now", "yesterday"}, "tomcheck: --now \"yesterday\": use RFC 3339 (2026-11-23T10:00:00Z) or a date (2026-11-23)\n"},
		{[]string{"evaluate"}, "tomcheck: evaluate needs --evidence RUN_DIR (made by 'tomcheck collect -o RUN_DIR')\n"},
		{[]string{"collect"}, "tomcheck: collect needs -o RUN_DIR: the run directory to create\n"},
		{[]string{"run", "extra"}, "tomcheck: unknown command \"extra\" for \"tomcheck run\"\n"},
		{[]string{"frobnicate"}, "tomcheck: unknown command \"frobnicate\" for \"tomcheck\"\n"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := tomcheck(t, t.TempDir(), nil, tc.args...)
			if r.code != ExitInput || r.stderr != tc.want {
				t.Errorf("exit %d, stderr %q\nwant exit 2, stderr %q", r.code, r.stderr, tc.want)
			}
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
		})
	}
}

func TestMissingProjectFile(t *testing.T) {
	r := tomcheck(t, t.TempDir(), nil, "run")
	if r.code != ExitInput || !strings.Contains(r.stderr, "tomcheck.yaml") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestLangFromEnv(t *testing.T) {
	for env, want := range map[string]string{"de_DE.UTF-8": "de", "en_US.UTF-8": "en", "": "en", "C": "en"} {
		if got := langFromEnv(func(k string) string {
			if k == "LANG" {
				return env
			}
			return ""
		}); got != want {
			t.Errorf("LANG=%q: %s, want %s", env, got, want)
		}
	}
}

func TestWorse(t *testing.T) {
	if worse(ExitFailOn, ExitNoJudge) != ExitNoJudge || worse(ExitNoJudge, ExitInput) != ExitInput || worse(ExitOK, ExitFailOn) != ExitFailOn || worse(ExitInput, ExitFailOn) != ExitInput {
		t.Error("exit code precedence is not 2 > 3 > 1 > 0")
	}
}

func TestVersion(t *testing.T) {
	r := tomcheck(t, "", nil, "version")
	if r.code != 0 || !strings.Contains(r.stdout, "tomcheck ") || !strings.Contains(r.stdout, "collector terraform v1") || !strings.Contains(r.stdout, "collector attestations v1") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func TestChecksJSON(t *testing.T) {
	r := tomcheck(t, "", nil, "checks", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var all []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, c := range all {
		ids[c["id"].(string)] = true
	}
	for _, id := range []string{"storage.encryption_at_rest", "backup.max_interval", "backup.retention", "backup.offsite_copy",
		"transport.tls_min_version", "transport.https_only", "network.no_public_admin_access", "logging.audit_trail",
		"logging.retention", "crypto.key_rotation", "auth.password_policy", "availability.redundancy"} {
		if !ids[id] {
			t.Errorf("check %s missing from 'tomcheck checks'", id)
		}
	}
	de := tomcheck(t, "", nil, "checks", "--lang", "de")
	if !strings.Contains(de.stdout, "Daten sind im Ruhezustand verschlüsselt") || de.code != 0 {
		t.Errorf("German checks table: exit %d\n%s", de.code, de.stdout)
	}
}

func TestPoliciesTest(t *testing.T) {
	r := tomcheck(t, "", nil, "policies", "test")
	if r.code != 0 || !regexp.MustCompile(`policies: \d+ passed, 0 failed`).MatchString(r.stdout) {
		t.Errorf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// a user directory with a failing test exits 1 and names it
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "acme", "x", "check_test.rego"), "package tomcheck.checks.acme.x_test\n\nimport rego.v1\n\ntest_fails if {\n\tfalse\n}\n")
	r = tomcheck(t, "", nil, "policies", "test", dir)
	if r.code != ExitFailOn || !strings.Contains(r.stdout, "FAIL "+filepath.ToSlash(dir)) || !strings.Contains(r.stdout, "test_fails") {
		t.Errorf("exit %d\n%s", r.code, r.stdout)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestInit(t *testing.T) {
	dir := t.TempDir()
	r := tomcheck(t, dir, nil, "init")
	if r.code != 0 {
		t.Fatalf("init: exit %d: %s", r.code, r.stderr)
	}
	again := tomcheck(t, dir, nil, "init")
	if again.code != ExitInput || !strings.Contains(again.stderr, "exists; edit it, or run 'tomcheck init --force'") {
		t.Errorf("second init: exit %d: %s", again.code, again.stderr)
	}
	// the starter files load without a diagnostic once the folders they name exist;
	// with nothing to collect the run cannot judge (exit 3), never a silent 0
	for _, d := range []string{"infra", "attestations"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o750); err != nil {
			t.Fatal(err)
		}
	}
	r = tomcheck(t, dir, nil, "run", "--quiet")
	if r.code != ExitNoJudge || strings.Contains(r.stderr, "error:") || strings.Contains(r.stderr, "warning:") {
		t.Errorf("run on the starter files: exit %d\n%s", r.code, r.stderr)
	}
}

// normalize removes what differs between runs: run ids, times and the evidence digest.
func normalize(t *testing.T, raw []byte) []byte {
	t.Helper()
	var res engine.Result
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("verdict JSON: %v\n%s", err, raw)
	}
	res.RunID = "RUN"
	res.Digests.Evidence = ""
	res.Digests.Config = ""
	res.Digests.Claims = ""
	res.Digests.Policies = "" // changes with every edit of the library
	// evaluate names the claims file copy in the run directory
	for i := range res.Claims {
		if k := strings.LastIndex(res.Claims[i].Location, "tom.yaml"); k > 0 {
			res.Claims[i].Location = res.Claims[i].Location[k:]
		}
	}
	for i := range res.Exceptions {
		if k := strings.LastIndex(res.Exceptions[i].Location, "tom.yaml"); k > 0 {
			res.Exceptions[i].Location = res.Exceptions[i].Location[k:]
		}
	}
	for i := range res.Collectors {
		res.Collectors[i].Error = strings.ReplaceAll(res.Collectors[i].Error, "\\", "/")
	}
	out, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(pkgDir, "testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test ./internal/cli -update and review the diff)\ngot:\n%s", name, got)
	}
}

func TestTuneGC(t *testing.T) {
	gogc, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(gogc); debug.SetMemoryLimit(limit) })
	read := func() (int, int64) {
		g := debug.SetGCPercent(100)
		debug.SetGCPercent(g)
		return g, debug.SetMemoryLimit(-1)
	}
	none := func(string) string { return "" }
	cases := []struct {
		records   int
		env       Env
		wantGOGC  int
		wantLimit int64
	}{
		{10_000, none, 100, math.MaxInt64},
		{100_000, none, 150, 900 << 20},
		{200_000, none, 150, 200_000 * 9 << 10},
		{200_000, func(k string) string { return map[string]string{"GOGC": "80"}[k] }, 100, math.MaxInt64},
		{200_000, func(k string) string { return map[string]string{"GOMEMLIMIT": "2GiB"}[k] }, 100, math.MaxInt64},
	}
	for _, tc := range cases {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
		tuneGC(tc.records, tc.env)
		if g, l := read(); g != tc.wantGOGC || l != tc.wantLimit {
			t.Errorf("tuneGC(%d): GOGC %d, limit %d; want %d, %d", tc.records, g, l, tc.wantGOGC, tc.wantLimit)
		}
	}
}
