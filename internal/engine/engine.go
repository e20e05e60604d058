package engine

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/claims"
)

// Engine evaluates claims against evidence with a compiled library.
type Engine struct {
	lib     *Library
	queries map[string]rego.PreparedEvalQuery
}

// New prepares one query per check of the library.
func New(ctx context.Context, lib *Library) (*Engine, error) {
	e := &Engine{lib: lib, queries: map[string]rego.PreparedEvalQuery{}}
	for _, ch := range lib.Catalog.All() {
		q, err := rego.New(
			rego.Compiler(lib.compiler),
			rego.Query(ch.Package+".findings"),
			rego.Capabilities(Capabilities()),
			rego.StrictBuiltinErrors(true),
			// keep results as OPA terms: findings are read straight from the
			// AST instead of through a generic conversion to interfaces
			rego.GenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }),
		).PrepareForEval(ctx)
		if err != nil {
			return nil, fmt.Errorf("prepare check %s: %w", ch.ID, err)
		}
		e.queries[ch.ID] = q
	}
	return e, nil
}

// Library returns the engine's compiled library.
func (e *Engine) Library() *Library { return e.lib }

// Input is everything one evaluation needs. Evaluation never reads the
// clock or the network: Now is the end of the run's collection (or --now).
type Input struct {
	TOM          *claims.TOM
	DefaultScope *claims.Scope
	// TargetGroups maps a target id "<collector>/<name>" to its groups.
	TargetGroups map[string][]string
	Records      []evidence.Record
	Gaps         []evidence.Gap
	Collectors   []evidence.CollectorRun
	Now          time.Time
	RunID        string
	ToolVersion  string
	Project      string
	Digests      Digests
	// Labelable reports whether a record's resource type can carry labels;
	// nil means every record can (an unlabelled one then fails a label selector).
	Labelable func(evidence.Record) bool
	// RequireLive turns claims verified on declared evidence alone into inconclusive ones.
	RequireLive bool
	// Parallel bounds concurrent claim evaluations (default GOMAXPROCS).
	Parallel int
}

// store holds the records of one evaluation with their OPA values, indexed
// by selector, converted once and shared by every claim.
type store struct {
	// recs are shallow copies of the input records; once a record is
	// converted, its Go data is dropped (attestations keep theirs, the
	// engine judges them in Go), so the evaluation holds each record's
	// content once, as an OPA value.
	recs      []evidence.Record
	labelable []bool
	values    []*ast.Term
	byKind    map[string][]int
	byType    map[checks.Selector][]int
	byDigest  map[string]int
}

func newStore(in []evidence.Record, labelable func(evidence.Record) bool, needed []checks.Selector, parallel int) (*store, error) {
	recs := append([]evidence.Record(nil), in...)
	s := &store{recs: recs, labelable: make([]bool, len(recs)), values: make([]*ast.Term, len(recs)), byKind: map[string][]int{}, byType: map[checks.Selector][]int{}, byDigest: make(map[string]int, len(recs))}
	for i := range recs {
		r := &recs[i]
		// sources without labels (TLS, hosts, attestations) and resource types
		// that cannot carry tags always pass a label selector
		s.labelable[i] = labelable == nil || labelable(*r)
		s.byKind[r.Kind] = append(s.byKind[r.Kind], i)
		if t, ok := r.Data["type"].(string); ok {
			sel := checks.Selector{Kind: r.Kind, Type: t}
			s.byType[sel] = append(s.byType[sel], i)
		}
		if _, dup := s.byDigest[r.Digest]; !dup {
			s.byDigest[r.Digest] = i
		}
	}
	// convert only the records some claim's check will see
	var pending []int
	seen := make([]bool, len(recs))
	for _, sel := range needed {
		for _, i := range s.select1(sel) {
			if !seen[i] {
				seen[i] = true
				pending = append(pending, i)
			}
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, parallel)
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := w; j < len(pending); j += parallel {
				i := pending[j]
				v, err := recordValue(&s.recs[i])
				if err != nil {
					errs[w] = err
					return
				}
				s.values[i] = ast.NewTerm(v)
				if s.recs[i].Kind != AttestationKind {
					s.recs[i].Data = nil
				}
			}
		}()
	}
	wg.Wait()
	return s, errors.Join(errs...)
}

func (s *store) select1(sel checks.Selector) []int {
	if sel.Type == "" {
		return s.byKind[sel.Kind]
	}
	return s.byType[sel]
}

// selectAll returns the indexes of records matching any selector, in record order, without duplicates.
func (s *store) selectAll(sels []checks.Selector) []int {
	var out []int
	for _, sel := range sels {
		out = append(out, s.select1(sel)...)
	}
	sort.Ints(out)
	uniq := out[:0]
	for i, v := range out {
		if i == 0 || v != out[i-1] {
			uniq = append(uniq, v)
		}
	}
	return uniq
}

// recordValue converts a record to the OPA value policies see, building the
// object directly rather than through a JSON round trip.
func recordValue(r *evidence.Record) (ast.Value, error) {
	data, err := ast.InterfaceToValue(r.Data)
	if err != nil {
		return nil, fmt.Errorf("convert record %s: %w", r.Subject, err)
	}
	labels := ast.NewObject()
	for k, v := range r.Labels {
		labels.Insert(ast.StringTerm(k), ast.StringTerm(v))
	}
	src := ast.NewObject(
		ast.Item(ast.StringTerm("collector"), ast.StringTerm(r.Source.Collector)),
		ast.Item(ast.StringTerm("collector_version"), ast.IntNumberTerm(r.Source.CollectorVersion)),
		ast.Item(ast.StringTerm("target"), ast.StringTerm(r.Source.Target)),
	)
	for _, kv := range [][2]string{{"account", r.Source.Account}, {"region", r.Source.Region}, {"call", r.Source.Call},
		{"request_id", r.Source.RequestID}, {"object", r.Source.Object}, {"probe", r.Source.Probe}, {"file", r.Source.File}} {
		if kv[1] != "" {
			src.Insert(ast.StringTerm(kv[0]), ast.StringTerm(kv[1]))
		}
	}
	if r.Source.Line > 0 {
		src.Insert(ast.StringTerm("line"), ast.IntNumberTerm(r.Source.Line))
	}
	if r.Source.Column > 0 {
		src.Insert(ast.StringTerm("column"), ast.IntNumberTerm(r.Source.Column))
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("kind"), ast.StringTerm(r.Kind)),
		ast.Item(ast.StringTerm("subject"), ast.StringTerm(r.Subject)),
		ast.Item(ast.StringTerm("resource_id"), ast.StringTerm(r.ResourceID)),
		ast.Item(ast.StringTerm("labels"), ast.NewTerm(labels)),
		ast.Item(ast.StringTerm("origin"), ast.StringTerm(r.Origin)),
		ast.Item(ast.StringTerm("source"), ast.NewTerm(src)),
		ast.Item(ast.StringTerm("collected_at"), ast.StringTerm(r.CollectedAt.UTC().Format(time.RFC3339))),
		ast.Item(ast.StringTerm("data"), ast.NewTerm(data)),
		ast.Item(ast.StringTerm("digest"), ast.StringTerm(r.Digest)),
	), nil
}

// Evaluate judges every claim of in.TOM and returns the verdict document.
// A policy's runtime error becomes verdict "error" for that claim; Evaluate
// itself fails only when its inputs cannot be used at all.
func (e *Engine) Evaluate(ctx context.Context, in Input) (*Result, error) {
	if in.TOM == nil {
		return nil, errors.New("evaluate: no claims")
	}
	parallel := in.Parallel
	if parallel <= 0 {
		parallel = runtime.GOMAXPROCS(0)
	}
	var needed []checks.Selector
	for _, c := range in.TOM.Claims {
		if ch, ok := e.lib.Catalog.Get(c.Check); ok {
			needed = append(needed, ch.Evidence...)
			needed = append(needed, ch.Context...)
		}
	}
	st, err := newStore(in.Records, in.Labelable, needed, parallel)
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	// the store holds what evaluation needs; letting go of the input slice
	// lets the caller's copy of the records be collected during evaluation
	in.Records = nil
	ev := &evaluation{eng: e, in: in, st: st}
	if err := ev.prepareScopes(); err != nil {
		return nil, err
	}

	res := &Result{
		SchemaVersion: SchemaVersion, RunID: in.RunID, Now: in.Now.UTC(), ToolVersion: in.ToolVersion,
		Project: in.Project, Digests: in.Digests,
		Metadata:   Metadata{Organisation: in.TOM.Metadata.Organisation, Document: in.TOM.Metadata.Document},
		Claims:     make([]ClaimResult, len(in.TOM.Claims)),
		Exceptions: []ExceptionResult{}, Unmapped: []Unmapped{}, Gaps: append([]evidence.Gap{}, in.Gaps...),
		Collectors: []CollectorInfo{}, Warnings: []Message{},
	}
	excs := make([][]ExceptionResult, len(in.TOM.Claims))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < parallel; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				res.Claims[i], excs[i] = ev.claim(ctx, in.TOM.Claims[i])
			}
		}()
	}
	for i := range in.TOM.Claims {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	for _, x := range excs {
		res.Exceptions = append(res.Exceptions, x...)
	}
	for _, u := range in.TOM.Unmapped {
		res.Unmapped = append(res.Unmapped, Unmapped{Statement: u.Statement, Source: convertSource(u.Source), Type: u.Type})
	}
	for _, c := range in.Collectors {
		res.Collectors = append(res.Collectors, CollectorInfo{Collector: c.Collector, Target: c.Target, Outcome: c.Outcome, Records: c.Records, Error: c.Error})
	}
	res.Warnings = append(res.Warnings, orphanAttestations(in.TOM, st)...)
	res.Summary = summarize(res)
	return res, nil
}

func summarize(res *Result) Summary {
	var s Summary
	for _, c := range res.Claims {
		switch c.Verdict {
		case Verified:
			s.Verified++
		case Refuted:
			s.Refuted++
		case Inconclusive:
			s.Inconclusive++
		case Attested:
			s.Attested++
		case Unattested:
			s.Unattested++
		case Error:
			s.Error++
		}
		for _, f := range c.Findings {
			if f.Excepted != nil {
				s.Excepted++
			}
		}
	}
	s.Unmapped = len(res.Unmapped)
	return s
}

func convertSource(s *claims.Source) *Source {
	if s == nil {
		return nil
	}
	return &Source{Document: s.Document, Section: s.Section, Line: s.Line, Quote: s.Quote}
}

// Warn appends a warning to the result.
func (r *Result) Warn(en, de string) {
	r.Warnings = append(r.Warnings, Message{EN: en, DE: de})
}

// messagef builds a bilingual message.
func messagef(en, de string, args ...any) Message {
	return Message{EN: fmt.Sprintf(en, args...), DE: fmt.Sprintf(de, args...)}
}

func joinReasons(gaps []evidence.Gap) string {
	var parts []string
	for _, g := range gaps {
		p := g.Target
		if g.Kind != "" {
			p += " (" + g.Kind + ")"
		}
		parts = append(parts, p+": "+g.Reason)
	}
	return strings.Join(parts, "; ")
}

// orphanAttestations warns about attestation files naming a claim that the
// claims file does not have as an organisational claim: usually a typo in
// `claim:`, which would otherwise leave the intended claim unattested silently.
func orphanAttestations(tom *claims.TOM, st *store) []Message {
	org := map[string]bool{}
	for _, c := range tom.Claims {
		if c.Attestation != nil {
			org[c.ID] = true
		}
	}
	var out []Message
	for _, i := range st.byKind[AttestationKind] {
		r := &st.recs[i]
		id, _ := r.Data["claim"].(string)
		if org[id] {
			continue
		}
		file, _ := r.Data["file"].(string)
		out = append(out, messagef("attestation %s names claim %q, which is not an organisational claim of the claims file",
			"Attestierung %s nennt die Aussage %q, die keine organisatorische Aussage der Aussagendatei ist", file, id))
	}
	return out
}
