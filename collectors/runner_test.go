package collectors

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/diag"
)

// fake is a collector whose behaviour each test sets.
type fake struct {
	name    string
	records int
	gaps    int
	err     error
	block   bool
	running *atomic.Int32
	peak    *atomic.Int32
}

func (f *fake) Name() string                     { return f.name }
func (f *fake) Version() int                     { return 2 }
func (f *fake) Kinds() []string                  { return []string{"fake.thing", "fake.other"} }
func (f *fake) Validate(Target) diag.Diagnostics { return nil }
func (f *fake) Collect(ctx context.Context, t Target, out Sink) error {
	if f.running != nil {
		n := f.running.Add(1)
		defer f.running.Add(-1)
		for {
			p := f.peak.Load()
			if n <= p || f.peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	if f.block {
		<-ctx.Done()
		return ctx.Err()
	}
	for i := 0; i < f.records; i++ {
		r := evidence.Record{Kind: "fake.thing", Subject: fmt.Sprintf("fake://%s/%d", t.Name, i), Origin: evidence.OriginLive}
		if err := r.Seal(); err != nil {
			return err
		}
		if err := out.Record(r); err != nil {
			return err
		}
	}
	for i := 0; i < f.gaps; i++ {
		out.Gap(evidence.Gap{Collector: f.name, Target: t.ID(), Kind: "fake.other", Reason: "403"})
	}
	return f.err
}

func TestRunOutcomes(t *testing.T) {
	reg := NewRegistry(
		&fake{name: "ok", records: 250},
		&fake{name: "partial", records: 2, gaps: 1},
		&fake{name: "failed", err: errors.New("connection refused")},
		&fake{name: "gapsonly", gaps: 2},
		&fake{name: "empty"},
		&fake{name: "slow", block: true},
	)
	targets := []Target{
		{Collector: "ok", Name: "a"}, {Collector: "partial", Name: "b"}, {Collector: "failed", Name: "c"},
		{Collector: "gapsonly", Name: "d"}, {Collector: "empty", Name: "e"}, {Collector: "slow", Name: "f"},
		{Collector: "aws", Name: "prod"},
	}
	sink := &MemorySink{}
	var updates atomic.Int32
	runs := Run(context.Background(), reg, targets, sink, RunOptions{Timeout: 50 * time.Millisecond, Progress: func(Progress) { updates.Add(1) }})
	got := make([]string, len(runs))
	for i, r := range runs {
		got[i] = fmt.Sprintf("%s/%s %s records=%d gaps=%d err=%q", r.Collector, r.Target, r.Outcome, r.Records, r.Gaps, r.Error)
	}
	want := []string{
		`ok/a ok records=250 gaps=0 err=""`,
		`partial/b partial records=2 gaps=1 err=""`,
		`failed/c failed records=0 gaps=0 err="collect failed/c: connection refused"`,
		`gapsonly/d failed records=0 gaps=2 err="collect gapsonly/d: nothing could be read (2 gap(s))"`,
		`empty/e not applicable records=0 gaps=0 err=""`,
		`slow/f failed records=0 gaps=0 err="collect slow/f: timed out after 50ms"`,
		`aws/prod failed records=0 gaps=0 err="target type \"aws\" is not supported by this version of tomcheck"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outcomes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(sink.Records()); n != 252 {
		t.Errorf("%d records stored, want 252", n)
	}
	// a failed target leaves every kind of its collector unread: one gap per kind
	var failedGaps []string
	for _, g := range sink.Gaps() {
		if g.Target == "failed/c" || g.Target == "slow/f" {
			failedGaps = append(failedGaps, g.Target+" "+g.Kind)
		}
	}
	if strings.Join(failedGaps, ",") != "failed/c fake.other,failed/c fake.thing,slow/f fake.other,slow/f fake.thing" {
		t.Errorf("gaps of failed targets: %v", failedGaps)
	}
	if updates.Load() < 14 {
		t.Errorf("only %d progress updates", updates.Load())
	}
}

func TestRunBoundsParallelism(t *testing.T) {
	var running, peak atomic.Int32
	c := &fake{name: "ok", records: 1, running: &running, peak: &peak}
	var targets []Target
	for i := 0; i < 12; i++ {
		targets = append(targets, Target{Collector: "ok", Name: fmt.Sprint(i)})
	}
	Run(context.Background(), NewRegistry(c), targets, &MemorySink{}, RunOptions{Parallel: 3})
	if p := peak.Load(); p > 3 || p < 1 {
		t.Errorf("peak concurrency %d, want 1..3", p)
	}
}
