// Command runbench times `tomcheck evaluate` and `opa eval` doing the same
// evaluation over the same generated estate, side by side in one run, and
// prints wall time, records/s, peak memory and the ratio.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"syscall"
	"time"
)

func main() {
	tomcheck := flag.String("tomcheck", "bin/tomcheck", "tomcheck binary")
	opa := flag.String("opa", "opa", "opa binary (same version as the embedded OPA)")
	dir := flag.String("dir", "", "directory made by genestate")
	records := flag.Int("records", 0, "number of records in the estate")
	runs := flag.Int("runs", 3, "runs per tool; the median is reported")
	flag.Parse()
	if err := run(*tomcheck, *opa, *dir, *records, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "runbench:", err)
		os.Exit(1)
	}
}

type sample struct {
	wall time.Duration
	rss  int64 // KiB
}

func measure(name string, args []string, stdout string) (sample, error) {
	out, err := os.Create(filepath.Clean(stdout))
	if err != nil {
		return sample{}, err
	}
	defer func() { _ = out.Close() }()
	cmd := exec.Command(name, args...) //nolint:gosec // the benchmark runs the tools it is told to
	cmd.Stdout = out
	cmd.Stderr = os.Stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		var ee *exec.ExitError
		// tomcheck exits 1 when a claim is refuted: that is a result, not a failure
		if !errorsAs(err, &ee) || ee.ExitCode() != 1 {
			return sample{}, fmt.Errorf("%s: %w", name, err)
		}
	}
	var rss int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rss = ru.Maxrss
	}
	return sample{wall: wall, rss: rss}, nil
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError) //nolint:errorlint // exec returns it unwrapped
	if ok {
		*target = e
	}
	return ok
}

func median(s []sample) sample {
	sort.Slice(s, func(i, j int) bool { return s[i].wall < s[j].wall })
	m := s[len(s)/2]
	for _, x := range s {
		if x.rss > m.rss {
			m.rss = x.rss
		}
	}
	return m
}

func run(tomcheck, opa, dir string, records, runs int) error {
	tcArgs := []string{"evaluate", "--evidence", filepath.Join(dir, "run"), "--format", "json", "--max-evidence-age", "0", "--quiet"}
	opaArgs := []string{"eval", "--v1-compatible", "-d", "policies/", "--ignore", "*_test.rego",
		"-d", filepath.Join(dir, "opa", "data.json"), "-d", filepath.Join(dir, "opa", "bench.rego"),
		"--format", "json", "data.benchrun.results"}
	var tc, op []sample
	for i := 0; i < runs; i++ {
		s, err := measure(tomcheck, tcArgs, filepath.Join(dir, "tomcheck.json"))
		if err != nil {
			return err
		}
		tc = append(tc, s)
		s, err = measure(opa, opaArgs, filepath.Join(dir, "opa.json"))
		if err != nil {
			return err
		}
		op = append(op, s)
	}
	tcFindings, err := tomcheckFindings(filepath.Join(dir, "tomcheck.json"))
	if err != nil {
		return err
	}
	opaFindings, err := opaFindings(filepath.Join(dir, "opa.json"))
	if err != nil {
		return err
	}
	same := "same findings per claim"
	for id, n := range opaFindings {
		if tcFindings[id] != n {
			same = fmt.Sprintf("DIFFERENT findings: claim %s tomcheck %d, opa %d", id, tcFindings[id], n)
		}
	}
	if len(tcFindings) != len(opaFindings) {
		same = fmt.Sprintf("DIFFERENT claims: tomcheck %d, opa %d", len(tcFindings), len(opaFindings))
	}
	t, o := median(tc), median(op)
	total := 0
	for _, n := range tcFindings {
		total += n
	}
	fmt.Printf("records=%d claims=%d findings=%d (%s), median of %d runs\n", records, len(tcFindings), total, same, runs)
	fmt.Printf("  %-18s wall %8.2fs  %10.0f records/s  peak %6.0f MiB\n", "tomcheck evaluate", t.wall.Seconds(), float64(records)/t.wall.Seconds(), float64(t.rss)/1024)
	fmt.Printf("  %-18s wall %8.2fs  %10.0f records/s  peak %6.0f MiB\n", "opa eval", o.wall.Seconds(), float64(records)/o.wall.Seconds(), float64(o.rss)/1024)
	fmt.Printf("  ratio opa/tomcheck: time %.2fx, memory %.2fx\n", o.wall.Seconds()/t.wall.Seconds(), float64(o.rss)/float64(t.rss))
	return nil
}

func tomcheckFindings(path string) (map[string]int, error) {
	raw, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		return nil, err
	}
	var res struct {
		Claims []struct {
			ID       string              `json:"id"`
			Verdict  string              `json:"verdict"`
			Reason   struct{ EN string } `json:"reason"`
			Findings []any               `json:"findings"`
		} `json:"claims"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, fmt.Errorf("read tomcheck output: %w", err)
	}
	out := map[string]int{}
	for _, c := range res.Claims {
		if c.Verdict == "error" {
			return nil, fmt.Errorf("tomcheck: claim %s: %s", c.ID, c.Reason.EN)
		}
		out[c.ID] = len(c.Findings)
	}
	return out, nil
}

func opaFindings(path string) (map[string]int, error) {
	raw, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		return nil, err
	}
	var res struct {
		Result []struct {
			Expressions []struct {
				Value map[string]int `json:"value"`
			} `json:"expressions"`
		} `json:"result"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, fmt.Errorf("read opa output: %w", err)
	}
	if len(res.Result) == 0 || len(res.Result[0].Expressions) == 0 {
		return nil, fmt.Errorf("opa eval returned no result")
	}
	return res.Result[0].Expressions[0].Value, nil
}
