package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/claims"
	"github.com/tomcheck/tomcheck/internal/diag"
	"github.com/tomcheck/tomcheck/internal/engine"
	"github.com/tomcheck/tomcheck/internal/report"
)

// judgeOptions are the flags of the commands that evaluate (run, evaluate).
type judgeOptions struct {
	FailOn         []string
	Now            string
	MaxEvidenceAge time.Duration
	RequireLive    bool

	now time.Time // parsed Now, zero when not given
}

var failOnValues = []string{"refuted", "inconclusive", "unattested", "regression"}

func (o *judgeOptions) validate() error {
	for _, v := range o.FailOn {
		ok := false
		for _, k := range failOnValues {
			if v == k {
				ok = true
			}
		}
		if !ok {
			return inputErrf("--fail-on %q: use one or more of %s", v, strings.Join(failOnValues, ", "))
		}
		if v == "regression" {
			return inputErrf("--fail-on regression needs a run history, and this project has none yet (history arrives in a later version); use --fail-on refuted")
		}
	}
	if o.Now != "" {
		t, err := parseNow(o.Now)
		if err != nil {
			return inputErrf("--now %q: %v", o.Now, err)
		}
		o.now = t
	}
	if o.MaxEvidenceAge < 0 {
		return inputErrf("--max-evidence-age must not be negative")
	}
	return nil
}

// parseNow accepts RFC 3339 or a date (midnight UTC).
func parseNow(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("use RFC 3339 (2026-11-23T10:00:00Z) or a date (2026-11-23)")
}

func addJudgeFlags(o *judgeOptions, fs interface {
	StringSliceVar(*[]string, string, []string, string)
	StringVar(*string, string, string, string)
	DurationVar(*time.Duration, string, time.Duration, string)
	BoolVar(*bool, string, bool, string)
}) {
	fs.StringSliceVar(&o.FailOn, "fail-on", []string{"refuted"}, "verdicts that make the exit code 1: refuted, inconclusive, unattested, regression (comma-separated)")
	fs.StringVar(&o.Now, "now", "", "judge as of this time (RFC 3339 or date) instead of the end of collection")
	fs.DurationVar(&o.MaxEvidenceAge, "max-evidence-age", 24*time.Hour, "warn (and fail under --strict) when the evidence is older than this")
	fs.BoolVar(&o.RequireLive, "require-live", false, "claims verified on declared (Terraform) evidence alone become inconclusive")
}

// inputs are the loaded project and claims.
type inputs struct {
	proj     *claims.Project
	tom      *claims.TOM
	tomRaw   []byte
	registry *collectors.Registry
}

// loadInputs loads tomcheck.yaml and its claims file, printing every
// diagnostic; any error is an input error. With validateTargets false (the
// copy of a project file in a run directory, whose relative paths point
// elsewhere) target specs are read but not checked against the disk.
func (f *factory) loadInputs(configPath, claimsOverride string, now time.Time, validateTargets bool) (*inputs, error) {
	lib, err := f.Library()
	if err != nil {
		return nil, err
	}
	reg := f.Registry()
	loadReg := reg
	if !validateTargets {
		var wrapped []collectors.Collector
		for _, n := range reg.Names() {
			c, _ := reg.Get(n)
			wrapped = append(wrapped, readOnlySpec{c})
		}
		loadReg = collectors.NewRegistry(wrapped...)
	}
	proj, ds := claims.LoadProject(configPath, loadReg)
	if err := f.printDiagnostics(ds, configPath); err != nil {
		return nil, err
	}
	tomPath := proj.TOMPath
	if claimsOverride != "" {
		tomPath = claimsOverride
	}
	tom, ds := claims.LoadTOM(tomPath, lib.Catalog, now)
	ds = append(ds, proj.CheckScopes(tom)...)
	if err := f.printDiagnostics(ds, tomPath); err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Clean(tomPath))
	if err != nil {
		return nil, inputErrf("read %s: %v", tomPath, err)
	}
	return &inputs{proj: proj, tom: tom, tomRaw: raw, registry: reg}, nil
}

// largeEstate is the record count above which evaluation bounds its memory
// instead of letting the heap grow by GOGC alone: the OPA values of a large
// estate are a live heap of several hundred MiB that every GC cycle marks.
// A soft memory limit lets the heap use the room up to the limit (few GC
// cycles while it is far) and collect harder only near it, which is both
// faster and smaller than a fixed low GOGC (measured on 100,000 records:
// GOGC=50 1.1 GiB peak; limit 900 MiB with GOGC=150 0.9 GiB and less CPU).
const largeEstate = 50_000

// bytesPerRecord is the memory limit allowed per record of a large estate,
// about 2.5 times what a record of a Terraform estate needs as OPA values.
const bytesPerRecord = 9 << 10

// tuneGC bounds the memory of large estates unless the user set GOGC or
// GOMEMLIMIT: a soft limit of 9 KiB per record, at least 900 MiB, and GOGC=150
// below it. An estate whose records are much bigger than usual still works;
// the GC then works harder near the limit.
func tuneGC(records int, env Env) {
	if records <= largeEstate || env("GOGC") != "" || env("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(150)
	debug.SetMemoryLimit(max(int64(900)<<20, int64(records)*bytesPerRecord))
}

// readOnlySpec accepts every target spec of its collector: evaluation reads
// a run directory and never touches the targets.
type readOnlySpec struct{ collectors.Collector }

func (readOnlySpec) Validate(collectors.Target) diag.Diagnostics { return nil }

// applyDefaults takes the project's defaults for the flags the command line did not set.
func (o *judgeOptions) applyDefaults(cmd *cobra.Command, f *factory, d claims.Defaults) error {
	fl := cmd.Flags()
	if len(d.FailOn) > 0 && !fl.Changed("fail-on") {
		o.FailOn = d.FailOn
	}
	if d.MaxEvidenceAge > 0 && !fl.Changed("max-evidence-age") {
		o.MaxEvidenceAge = d.MaxEvidenceAge
	}
	if d.RequireLive && !fl.Changed("require-live") {
		o.RequireLive = true
	}
	if d.Strict && !cmd.Root().PersistentFlags().Changed("strict") {
		f.global.Strict = true
	}
	if d.Lang != "" && !cmd.Root().PersistentFlags().Changed("lang") {
		f.global.Lang = d.Lang
	}
	return o.validate()
}

func newRunID(t time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

// collect runs every target of the project into sink.
func (f *factory) collect(ctx context.Context, in *inputs, sink collectors.Sink) (runs []evidence.CollectorRun, start, end time.Time) {
	start = f.Clock().UTC()
	var prog *progress
	if f.streams.ErrIsTerminal && !f.global.Quiet {
		prog = newProgress(f.streams.ErrOut)
	}
	opts := collectors.RunOptions{}
	if prog != nil {
		opts.Progress = prog.update
	}
	runs = collectors.Run(ctx, in.registry, in.proj.Targets, sink, opts)
	end = f.Clock().UTC()
	return runs, start, end
}

func targetGroups(runs []evidence.CollectorRun) map[string][]string {
	m := map[string][]string{}
	for _, r := range runs {
		m[r.Collector+"/"+r.Target] = r.Groups
	}
	return m
}

// judged is what evaluation produced, plus what the exit code needs.
type judged struct {
	res   *engine.Result
	runs  []evidence.CollectorRun
	stale bool
}

func (f *factory) evaluate(ctx context.Context, in *inputs, recs []evidence.Record, gaps []evidence.Gap, runs []evidence.CollectorRun, info evidence.RunInfo, now time.Time, o *judgeOptions) (*judged, error) {
	eng, err := f.Engine(ctx)
	if err != nil {
		return nil, err
	}
	tuneGC(len(recs), f.env)
	reg := in.registry
	labelable := func(r evidence.Record) bool {
		c, ok := reg.Get(r.Source.Collector)
		if !ok {
			return len(r.Labels) > 0
		}
		l, ok := c.(collectors.Labeler)
		return ok && l.Labelable(r)
	}
	start := time.Now()
	res, err := eng.Evaluate(ctx, engine.Input{
		TOM: in.tom, DefaultScope: in.proj.Scope, TargetGroups: targetGroups(runs),
		Records: recs, Gaps: gaps, Collectors: runs, Now: now,
		RunID: info.RunID, ToolVersion: toolVersion(), Project: in.proj.Name,
		Digests: engine.Digests{
			Claims: in.tom.Digest, Config: in.proj.Digest, Policies: eng.Library().Digest,
			Evidence: info.Evidence.SHA256,
		},
		Labelable: labelable, RequireLive: o.RequireLive,
		Trace: func(what string, took time.Duration) {
			f.tracef("%s in %s", what, took.Round(time.Millisecond))
		},
	})
	if err != nil {
		return nil, err
	}
	f.tracef("evaluated %d claim(s) in %s", len(res.Claims), time.Since(start).Round(time.Millisecond))
	j := &judged{res: res, runs: runs}
	for _, c := range in.tom.Claims {
		if c.Check != "" && len(c.DefaultsApplied) > 0 && f.global.Verbose {
			f.logf("%s: default applied for %s", c.ID, strings.Join(c.DefaultsApplied, ", "))
		}
	}
	if !info.EndedAt.IsZero() && o.MaxEvidenceAge > 0 {
		age := f.Clock().Sub(info.EndedAt)
		if age > o.MaxEvidenceAge {
			j.stale = true
			res.Warn(
				fmt.Sprintf("the evidence is %s old (collected %s), older than --max-evidence-age %s", age.Round(time.Minute), info.EndedAt.Format(time.RFC3339), o.MaxEvidenceAge),
				fmt.Sprintf("die Nachweise sind %s alt (erhoben %s), älter als --max-evidence-age %s", age.Round(time.Minute), info.EndedAt.Format(time.RFC3339), o.MaxEvidenceAge))
		}
	}
	for _, x := range res.Exceptions {
		switch x.State {
		case engine.ExceptionExpired:
			res.Warn(fmt.Sprintf("exception %q of claim %s expired on %s and no longer applies", x.Subject, x.Claim, x.Expires),
				fmt.Sprintf("Ausnahme %q der Aussage %s ist am %s abgelaufen und gilt nicht mehr", x.Subject, x.Claim, x.Expires))
		case engine.ExceptionStale:
			res.Warn(fmt.Sprintf("exception %q of claim %s matches no finding (stale); remove it", x.Subject, x.Claim),
				fmt.Sprintf("Ausnahme %q der Aussage %s trifft auf keinen Befund zu (veraltet); bitte entfernen", x.Subject, x.Claim))
		}
	}
	return j, nil
}

// writeDoc replaces path with the encoded document (mode 0600): it is
// written to a temporary file beside it and renamed over it, so a reader
// never sees half a document and a failed write leaves the old one.
func writeDoc(path string, doc io.WriterTo) (err error) {
	path = filepath.Clean(path)
	file, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(file.Name())
		}
	}()
	if _, err = doc.WriteTo(file); err != nil {
		_ = file.Close()
		return err
	}
	if err = file.Close(); err != nil {
		return err
	}
	return os.Rename(file.Name(), path)
}

// exitFor derives the exit code of a judged run.
func (f *factory) exitFor(j *judged, o *judgeOptions) int {
	code := ExitOK
	failOn := map[string]bool{}
	for _, v := range o.FailOn {
		failOn[v] = true
	}
	if f.global.Strict {
		failOn["refuted"], failOn["inconclusive"], failOn["unattested"] = true, true, true
		if j.stale {
			code = worse(code, ExitFailOn)
		}
	}
	for _, c := range j.res.Claims {
		if c.Verdict == engine.Error {
			code = worse(code, ExitNoJudge)
		}
		if failOn[string(c.Verdict)] {
			code = worse(code, ExitFailOn)
		}
	}
	if len(j.runs) > 0 {
		allFailed, total := true, 0
		for _, r := range j.runs {
			if r.Outcome != evidence.OutcomeFailed {
				allFailed = false
			}
			total += r.Records
		}
		if allFailed || total == 0 {
			code = worse(code, ExitNoJudge)
		}
	} else {
		code = worse(code, ExitNoJudge)
	}
	return code
}

// writeReport renders the result to -o (or stdout). json, when not nil, is
// the result already encoded as JSON: the json format writes it as is.
func (f *factory) writeReport(res *engine.Result, json *report.Encoded) (err error) {
	w := io.Writer(f.streams.Out)
	color := f.streams.OutIsTerminal
	if f.global.Output != "" && f.global.Output != "-" {
		file, err := os.OpenFile(filepath.Clean(f.global.Output), os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
		if err != nil {
			return inputErrf("write report: %v", err)
		}
		defer func() {
			if cerr := file.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("write report: %w", cerr)
			}
		}()
		w = file
		color = false
	}
	if json != nil && f.global.Format == report.FormatJSON {
		if _, err := json.WriteTo(w); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		return nil
	}
	if err := report.Write(w, f.global.Format, res, report.Options{Lang: f.global.Lang, Color: color, Verbose: f.global.Verbose}); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
