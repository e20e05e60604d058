package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/claims"
	"github.com/tomcheck/tomcheck/internal/diag"
)

// evaluation is the state shared by all claims of one Evaluate call.
type evaluation struct {
	eng    *Engine
	in     Input
	st     *store
	scopes map[*claims.Scope]*compiledScope
}

// compiledScope is a claim's scope with its globs compiled.
type compiledScope struct {
	targets  map[string]bool
	include  []*claims.Glob
	exclude  []*claims.Glob
	labels   map[string]string
	hasRules bool
}

func (ev *evaluation) prepareScopes() error {
	ev.scopes = map[*claims.Scope]*compiledScope{}
	add := func(s *claims.Scope) error {
		if s == nil || ev.scopes[s] != nil {
			return nil
		}
		cs := &compiledScope{targets: map[string]bool{}, labels: s.Labels}
		for _, t := range s.Targets {
			cs.targets[t] = true
		}
		for _, p := range s.Include {
			g, err := claims.CompileGlob(p)
			if err != nil {
				return fmt.Errorf("evaluate: scope include %q: %w", p, err)
			}
			cs.include = append(cs.include, g)
		}
		for _, p := range s.Exclude {
			g, err := claims.CompileGlob(p)
			if err != nil {
				return fmt.Errorf("evaluate: scope exclude %q: %w", p, err)
			}
			cs.exclude = append(cs.exclude, g)
		}
		cs.hasRules = len(cs.targets) > 0 || len(cs.include) > 0 || len(cs.exclude) > 0 || len(cs.labels) > 0
		ev.scopes[s] = cs
		return nil
	}
	if err := add(ev.in.DefaultScope); err != nil {
		return err
	}
	for _, c := range ev.in.TOM.Claims {
		if err := add(c.Scope); err != nil {
			return err
		}
	}
	return nil
}

func (ev *evaluation) scopeOf(c *claims.Claim) *compiledScope {
	if c.Scope != nil {
		return ev.scopes[c.Scope]
	}
	if ev.in.DefaultScope != nil {
		return ev.scopes[ev.in.DefaultScope]
	}
	return nil
}

// inTargets reports whether a target id lies in the scope's target groups.
func (ev *evaluation) inTargets(cs *compiledScope, targetID string) bool {
	if cs == nil || len(cs.targets) == 0 {
		return true
	}
	if cs.targets[targetID] {
		return true
	}
	for _, g := range ev.in.TargetGroups[targetID] {
		if cs.targets[g] {
			return true
		}
	}
	return false
}

// inScope reports whether a judged record lies in the scope.
func (ev *evaluation) inScope(cs *compiledScope, i int) bool {
	if cs == nil || !cs.hasRules {
		return true
	}
	r := &ev.st.recs[i]
	if !ev.inTargets(cs, r.Source.Collector+"/"+r.Source.Target) {
		return false
	}
	match := func(gs []*claims.Glob) bool {
		for _, g := range gs {
			if g.Match(r.Subject) || (r.ResourceID != "" && g.Match(r.ResourceID)) {
				return true
			}
		}
		return false
	}
	if len(cs.include) > 0 && !match(cs.include) {
		return false
	}
	if match(cs.exclude) {
		return false
	}
	if len(cs.labels) > 0 && ev.st.labelable[i] {
		for k, v := range cs.labels {
			if r.Labels[k] != v {
				return false
			}
		}
	}
	return true
}

// relevantGaps returns the gaps that leave this claim's check unable to see
// a kind it judges or consults, for a target in the claim's scope.
func (ev *evaluation) relevantGaps(cs *compiledScope, ch *checks.Check) []evidence.Gap {
	kinds := map[string]bool{}
	for _, k := range ch.Kinds() {
		kinds[k] = true
	}
	var out []evidence.Gap
	for _, g := range ev.in.Gaps {
		if (g.Kind == "" || kinds[g.Kind]) && ev.inTargets(cs, g.Target) {
			out = append(out, g)
		}
	}
	return out
}

func (ev *evaluation) claim(ctx context.Context, c *claims.Claim) (ClaimResult, []ExceptionResult) {
	cr := ClaimResult{
		ID: c.ID, Check: c.Check, Area: c.Area, Statement: c.Statement, Source: convertSource(c.Source),
		Location: c.Pos.String(), Params: c.Params, DefaultsApplied: append([]string{}, c.DefaultsApplied...),
		Findings: []Finding{},
	}
	if c.Attestation != nil {
		ev.attestationClaim(c, &cr)
		return cr, nil
	}
	ch, ok := ev.eng.lib.Catalog.Get(c.Check)
	if !ok {
		cr.Verdict = Error
		cr.Reason = messagef("check %q is not in the policy library", "Prüfung %q ist nicht in der Richtlinienbibliothek", c.Check)
		return cr, nil
	}
	cr.CheckTitle = Message{EN: ch.Title, DE: ch.TitleDE}
	if ch.Remediation != "" {
		de := ch.RemediationDE
		if de == "" {
			de = ch.Remediation
		}
		cr.Remediation = &Message{EN: ch.Remediation, DE: de}
	}
	cs := ev.scopeOf(c)

	var judged []int
	selected := ev.st.selectAll(ch.Evidence)
	inEvidence := make(map[int]bool, len(selected))
	for _, i := range selected {
		inEvidence[i] = true
		if ev.inScope(cs, i) {
			judged = append(judged, i)
		}
	}
	var context []int
	for _, i := range ev.st.selectAll(ch.Context) {
		if !inEvidence[i] {
			context = append(context, i)
		}
	}
	gaps := ev.relevantGaps(cs, ch)
	cr.Gaps = gaps

	start := time.Now()
	findings, err := ev.run(ctx, c, ch, judged, context)
	if ev.in.Trace != nil {
		ev.in.Trace(fmt.Sprintf("claim %s (%s): %d record(s) judged, %d consulted", c.ID, c.Check, len(judged), len(context)), time.Since(start))
	}
	if err != nil {
		cr.Verdict = Error
		cr.Reason = messagef("policy error: %s", "Fehler in der Richtlinie: %s", err.Error())
		return cr, ev.exceptionStates(c, nil)
	}
	ev.applyExceptions(c, findings)
	cr.Findings = findings
	ev.decide(&cr, len(judged), gaps)
	return cr, ev.exceptionStates(c, findings)
}

func (ev *evaluation) run(ctx context.Context, c *claims.Claim, ch *checks.Check, judged, context []int) ([]Finding, error) {
	q, ok := ev.eng.queries[ch.ID]
	if !ok {
		return nil, fmt.Errorf("check %s has no prepared query", ch.ID)
	}
	terms := func(idx []int) *ast.Term {
		ts := make([]*ast.Term, len(idx))
		for j, i := range idx {
			ts[j] = ev.st.values[i]
		}
		return ast.ArrayTerm(ts...)
	}
	params, err := ast.InterfaceToValue(c.Params)
	if err != nil {
		return nil, fmt.Errorf("convert params: %w", err)
	}
	claimVal, err := ast.InterfaceToValue(map[string]any{"id": c.ID, "area": c.Area, "statement": c.Statement, "check": c.Check, "type": c.Type})
	if err != nil {
		return nil, fmt.Errorf("convert claim: %w", err)
	}
	input := ast.NewObject(
		ast.Item(ast.StringTerm("claim"), ast.NewTerm(claimVal)),
		ast.Item(ast.StringTerm("params"), ast.NewTerm(params)),
		ast.Item(ast.StringTerm("now"), ast.StringTerm(ev.in.Now.UTC().Format(time.RFC3339))),
		ast.Item(ast.StringTerm("evidence"), terms(judged)),
		ast.Item(ast.StringTerm("context"), terms(context)),
		ast.Item(ast.StringTerm("evidence_by_type"), ev.byType(judged)),
		ast.Item(ast.StringTerm("context_by_type"), ev.byType(context)),
	)
	rs, err := q.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil
	}
	term, ok := rs[0].Expressions[0].Value.(*ast.Term)
	if !ok {
		return nil, fmt.Errorf("findings of %s: unexpected result %T", ch.ID, rs[0].Expressions[0].Value)
	}
	var items []*ast.Term
	switch v := term.Value.(type) {
	case ast.Set:
		items = v.Slice()
	case *ast.Array:
		for i := 0; i < v.Len(); i++ {
			items = append(items, v.Elem(i))
		}
	default:
		return nil, fmt.Errorf("findings of %s is %s, want a set of objects", ch.ID, ast.ValueName(term.Value))
	}
	out := make([]Finding, 0, len(items))
	for _, x := range items {
		f, err := ev.finding(x)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ch.ID, err)
		}
		out = append(out, f)
	}
	sortFindings(out)
	return out, nil
}

// byType is the index of the input's evidence_by_type and context_by_type:
// the Terraform managed resources among the records idx, by resource type,
// in the order of idx. The engine groups them in milliseconds; a policy
// grouping a claim's 25,000 records itself takes a fifth of a second.
func (ev *evaluation) byType(idx []int) *ast.Term {
	groups := map[string][]*ast.Term{}
	var types []string
	for _, i := range idx {
		t := ev.st.managedType[i]
		if t == "" {
			continue
		}
		if _, ok := groups[t]; !ok {
			types = append(types, t)
		}
		groups[t] = append(groups[t], ev.st.values[i])
	}
	items := make([][2]*ast.Term, len(types))
	for j, t := range types {
		items[j] = [2]*ast.Term{ast.StringTerm(t), ast.ArrayTerm(groups[t]...)}
	}
	return ast.NewTerm(ast.NewObject(items...))
}

func (ev *evaluation) finding(x *ast.Term) (Finding, error) {
	obj, ok := x.Value.(ast.Object)
	if !ok {
		return Finding{}, fmt.Errorf("a finding is %s, want an object with subject, pass, evidence, message, message_de", ast.ValueName(x.Value))
	}
	// one pass over the members: a finding has few, and looking each key up
	// would hash it
	var f Finding
	var subject, pass, evidence *ast.Term
	obj.Foreach(func(k, v *ast.Term) {
		key, _ := k.Value.(ast.String)
		switch key {
		case "subject":
			subject = v
		case "pass":
			pass = v
		case "inconclusive":
			if b, ok := v.Value.(ast.Boolean); ok && bool(b) {
				f.Inconclusive = true
			}
		case "message":
			if s, ok := v.Value.(ast.String); ok {
				f.Message = string(s)
			}
		case "message_de":
			if s, ok := v.Value.(ast.String); ok {
				f.MessageDE = string(s)
			}
		case "evidence":
			evidence = v
		}
	})
	if subject != nil {
		s, _ := subject.Value.(ast.String)
		f.Subject = string(s)
	}
	if f.Subject == "" {
		return f, fmt.Errorf("a finding lacks a string subject: %v", obj)
	}
	var b ast.Boolean
	if pass != nil {
		b, ok = pass.Value.(ast.Boolean)
	}
	if pass == nil || !ok {
		return f, fmt.Errorf("finding for %s lacks a boolean pass", f.Subject)
	}
	f.Pass = bool(b) && !f.Inconclusive
	if f.Message == "" {
		return f, fmt.Errorf("finding for %s lacks a message", f.Subject)
	}
	if f.MessageDE == "" {
		f.MessageDE = f.Message
	}
	f.Evidence = []string{}
	if evidence != nil {
		collect := func(e *ast.Term) {
			if s, ok := e.Value.(ast.String); ok {
				f.Evidence = append(f.Evidence, string(s))
			}
		}
		switch v := evidence.Value.(type) {
		case *ast.Array:
			f.Evidence = make([]string, 0, v.Len())
			v.Foreach(collect)
		case ast.Set:
			v.Sorted().Foreach(collect)
		}
	}
	for _, d := range f.Evidence {
		i, ok := ev.st.byDigest[d]
		if !ok {
			continue
		}
		r := &ev.st.recs[i]
		f.ResourceID, f.Origin = r.ResourceID, r.Origin
		if r.Source.File != "" {
			f.Location = diag.Pos{File: r.Source.File, Line: r.Source.Line, Column: r.Source.Column}.String()
		}
		break
	}
	return f, nil
}

// sortFindings orders findings by subject, failing first, then message and
// evidence: a total order over what the verdict JSON shows of a finding, so
// the order never depends on the order the policy produced them in.
func sortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		if c := strings.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		if a.Pass != b.Pass {
			if !a.Pass {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Message, b.Message); c != 0 {
			return c
		}
		if c := slices.Compare(a.Evidence, b.Evidence); c != 0 {
			return c
		}
		if a.Inconclusive != b.Inconclusive {
			if a.Inconclusive {
				return -1
			}
			return 1
		}
		// the rest of a finding (resource id, origin, location) follows from
		// its evidence, so findings equal so far are equal in every field
		// the verdict JSON shows, and their order cannot show
		return strings.Compare(a.MessageDE, b.MessageDE)
	})
}

// expired reports whether an exception's expiry date (valid through that day, UTC) lies before now.
func expired(x claims.Exception, now time.Time) bool {
	return !now.Before(x.Expires.AddDate(0, 0, 1))
}

func exceptionMatches(g *claims.Glob, f Finding) bool {
	return g.Match(f.Subject) || (f.ResourceID != "" && g.Match(f.ResourceID))
}

func (ev *evaluation) applyExceptions(c *claims.Claim, fs []Finding) {
	for _, x := range c.Exceptions {
		if expired(x, ev.in.Now) {
			continue
		}
		g, err := claims.CompileGlob(x.Subject)
		if err != nil {
			continue
		}
		for i := range fs {
			f := &fs[i]
			if f.Pass || f.Inconclusive || f.Excepted != nil || !exceptionMatches(g, *f) {
				continue
			}
			f.Excepted = &Excepted{Reason: x.Reason, ApprovedBy: x.ApprovedBy, Expires: x.Expires.Format("2006-01-02")}
		}
	}
}

func (ev *evaluation) exceptionStates(c *claims.Claim, fs []Finding) []ExceptionResult {
	var out []ExceptionResult
	for _, x := range c.Exceptions {
		er := ExceptionResult{Claim: c.ID, Subject: x.Subject, Reason: x.Reason, ApprovedBy: x.ApprovedBy,
			Expires: x.Expires.Format("2006-01-02"), Location: x.Pos.String()}
		g, err := claims.CompileGlob(x.Subject)
		matchedFail, matchedAny := false, false
		if err == nil {
			for _, f := range fs {
				if exceptionMatches(g, f) {
					matchedAny = true
					if !f.Pass && !f.Inconclusive {
						matchedFail = true
					}
				}
			}
		}
		switch {
		case expired(x, ev.in.Now):
			er.State = ExceptionExpired
		case matchedFail:
			er.State = ExceptionApplied
		case matchedAny:
			er.State = ExceptionUnused
		default:
			er.State = ExceptionStale
		}
		out = append(out, er)
	}
	return out
}

// decide derives the verdict: refuted (a failing finding is proof) →
// inconclusive (no evidence, a gap, an unjudgeable subject) → verified.
func (ev *evaluation) decide(cr *ClaimResult, judged int, gaps []evidence.Gap) {
	var failing, excepted, inconclusive, passing int
	origins := map[string]bool{}
	for _, f := range cr.Findings {
		switch {
		case f.Inconclusive:
			inconclusive++
		case f.Pass:
			passing++
		case f.Excepted != nil:
			excepted++
		default:
			failing++
		}
		if f.Origin != "" {
			origins[f.Origin] = true
		}
	}
	switch {
	case origins[evidence.OriginLive] && origins[evidence.OriginDeclared]:
		cr.Basis = BasisMixed
	case origins[evidence.OriginLive]:
		cr.Basis = BasisLive
	case origins[evidence.OriginDeclared]:
		cr.Basis = BasisDeclared
	}
	total := len(cr.Findings)
	switch {
	case failing > 0:
		cr.Verdict = Refuted
		cr.Reason = messagef("%d of %d subject(s) fail the claim", "%d von %d Prüfobjekten erfüllen die Aussage nicht", failing, total)
	case judged == 0 && len(gaps) > 0:
		cr.Verdict = Inconclusive
		cr.Reason = messagef("no evidence in scope; evidence missing: %s", "keine Nachweise im Geltungsbereich; Nachweise fehlen: %s", joinReasons(gaps))
	case judged == 0:
		cr.Verdict = Inconclusive
		cr.Reason = messagef("no evidence in scope", "keine Nachweise im Geltungsbereich")
	case len(gaps) > 0:
		cr.Verdict = Inconclusive
		cr.Reason = messagef("evidence missing: %s", "Nachweise fehlen: %s", joinReasons(gaps))
	case total == 0:
		cr.Verdict = Inconclusive
		cr.Reason = messagef("no applicable resource in scope", "keine zutreffende Ressource im Geltungsbereich")
	case inconclusive > 0:
		cr.Verdict = Inconclusive
		cr.Reason = messagef("%d of %d subject(s) could not be judged (values unknown before apply)", "%d von %d Prüfobjekten nicht beurteilbar (Werte erst nach dem Anwenden bekannt)", inconclusive, total)
	case ev.in.RequireLive && cr.Basis == BasisDeclared:
		cr.Verdict = Inconclusive
		cr.Reason = messagef("verified on declared evidence only; --require-live asks for live evidence", "nur anhand deklarierter Nachweise bestätigt; --require-live verlangt Live-Nachweise")
	default:
		cr.Verdict = Verified
		if excepted > 0 {
			cr.Reason = messagef("%d subject(s) pass, %d excepted", "%d Prüfobjekte erfüllt, %d per Ausnahme", passing, excepted)
		} else {
			cr.Reason = messagef("all %d subject(s) pass", "alle %d Prüfobjekte erfüllt", passing)
		}
	}
}

func (ev *evaluation) attestationClaim(c *claims.Claim, cr *ClaimResult) {
	var recs []evidence.Record
	for _, i := range ev.st.byKind["attestation"] {
		recs = append(recs, ev.st.recs[i])
	}
	v, reason, att := JudgeAttestation(c.ID, c.Attestation.MaxAge, recs, ev.in.Now)
	cr.Verdict, cr.Reason, cr.Attestation = v, reason, att
	cr.Basis = ""
	if v == Unattested {
		prefix := "attestation:" + c.ID + "/"
		for _, g := range ev.in.Gaps {
			if strings.HasPrefix(g.Subject, prefix) {
				cr.Gaps = append(cr.Gaps, g)
			}
		}
	}
}
