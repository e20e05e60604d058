package collectors

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
)

// RunOptions tune the runner.
type RunOptions struct {
	// Parallel bounds how many targets are collected at once (default GOMAXPROCS).
	Parallel int
	// Timeout bounds each target's collection (default 10 minutes).
	Timeout time.Duration
	// Progress, when set, is told about each target's start, records and end.
	Progress func(Progress)
}

// Progress is one update about one target's collection.
type Progress struct {
	Target  string // "<collector>/<name>"
	Records int
	Gaps    int
	Done    bool
	Outcome string
}

// Run collects every target concurrently into sink and returns one outcome
// per target, in the order of targets. One failing target never stops the
// others; a collector that panics is not recovered (collectors must not panic).
func Run(ctx context.Context, reg *Registry, targets []Target, sink Sink, opts RunOptions) []evidence.CollectorRun {
	if opts.Parallel <= 0 {
		opts.Parallel = runtime.GOMAXPROCS(0)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Minute
	}
	out := make([]evidence.CollectorRun, len(targets))
	sem := make(chan struct{}, opts.Parallel)
	var wg sync.WaitGroup
	var progressMu sync.Mutex
	report := func(p Progress) {
		if opts.Progress == nil {
			return
		}
		progressMu.Lock()
		defer progressMu.Unlock()
		opts.Progress(p)
	}
	for i, t := range targets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = runOne(ctx, reg, t, sink, opts.Timeout, report)
		}()
	}
	wg.Wait()
	return out
}

func runOne(ctx context.Context, reg *Registry, t Target, sink Sink, timeout time.Duration, report func(Progress)) evidence.CollectorRun {
	res := evidence.CollectorRun{Collector: t.Collector, Target: t.Name, Groups: t.Groups}
	c, ok := reg.Get(t.Collector)
	if !ok {
		res.Outcome = evidence.OutcomeFailed
		res.Error = ErrUnknownCollector{Name: t.Collector}.Error()
		return res
	}
	res.CollectorVersion = c.Version()
	report(Progress{Target: t.ID()})
	cs := &countingSink{next: sink, target: t.ID(), report: report}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	start := time.Now()
	err := c.Collect(ctx, t, cs)
	res.DurationMS = time.Since(start).Milliseconds()
	res.Records, res.Gaps = cs.counts()
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		err = fmt.Errorf("collect %s: timed out after %s", t.ID(), timeout)
	case err != nil:
		err = fmt.Errorf("collect %s: %w", t.ID(), err)
	}
	if err == nil && cs.sinkErr != nil {
		err = fmt.Errorf("collect %s: store records: %w", t.ID(), cs.sinkErr)
	}
	switch {
	case res.Records == 0 && err != nil:
		res.Outcome = evidence.OutcomeFailed
	case res.Records == 0 && res.Gaps > 0:
		res.Outcome = evidence.OutcomeFailed
		err = fmt.Errorf("collect %s: nothing could be read (%d gap(s))", t.ID(), res.Gaps)
	case res.Records == 0:
		res.Outcome = evidence.OutcomeNotApplicable
	case err != nil || res.Gaps > 0:
		res.Outcome = evidence.OutcomePartial
	default:
		res.Outcome = evidence.OutcomeOK
	}
	if err != nil {
		res.Error = err.Error()
		if res.Records == 0 && res.Gaps == 0 {
			// a failed target leaves every kind of its collector unread
			for _, k := range c.Kinds() {
				sink.Gap(evidence.Gap{Collector: t.Collector, Target: t.ID(), Kind: k, Reason: err.Error()})
			}
		}
	}
	report(Progress{Target: t.ID(), Records: res.Records, Gaps: res.Gaps, Done: true, Outcome: res.Outcome})
	return res
}

// countingSink counts what one target delivers and forwards it.
type countingSink struct {
	next    Sink
	target  string
	report  func(Progress)
	mu      sync.Mutex
	records int
	gaps    int
	sinkErr error
}

func (s *countingSink) Record(r evidence.Record) error {
	if err := s.next.Record(r); err != nil {
		s.mu.Lock()
		s.sinkErr = err
		s.mu.Unlock()
		return err
	}
	s.mu.Lock()
	s.records++
	n, g := s.records, s.gaps
	s.mu.Unlock()
	if n%100 == 0 {
		s.report(Progress{Target: s.target, Records: n, Gaps: g})
	}
	return nil
}

func (s *countingSink) Gap(g evidence.Gap) {
	s.next.Gap(g)
	s.mu.Lock()
	s.gaps++
	s.mu.Unlock()
}

func (s *countingSink) counts() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.records, s.gaps
}

// MemorySink keeps records and gaps in memory, for `tomcheck run` and tests.
// It is safe for concurrent use.
type MemorySink struct {
	mu      sync.Mutex
	records []evidence.Record
	gaps    []evidence.Gap
}

// Record stores r.
func (m *MemorySink) Record(r evidence.Record) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.records = append(m.records, r)
	return nil
}

// Gap stores g.
func (m *MemorySink) Gap(g evidence.Gap) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.gaps = append(m.gaps, g)
}

// Records returns the stored records sorted by kind, subject and digest, so
// that evaluation does not depend on collection order.
func (m *MemorySink) Records() []evidence.Record {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]evidence.Record(nil), m.records...)
	SortRecords(out)
	return out
}

// Gaps returns the stored gaps in a stable order.
func (m *MemorySink) Gaps() []evidence.Gap {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]evidence.Gap(nil), m.gaps...)
	SortGaps(out)
	return out
}

// SortRecords orders records by kind, subject and digest.
func SortRecords(rs []evidence.Record) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := &rs[i], &rs[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Digest < b.Digest
	})
}

// SortGaps orders gaps by target, kind, subject and reason.
func SortGaps(gs []evidence.Gap) {
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Reason < b.Reason
	})
}
