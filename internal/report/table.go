package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/tomcheck/tomcheck/internal/engine"
)

// Layout of the terminal table.
const (
	statementWidth = 80 // runes of a statement shown without --verbose
	maxIDWidth     = 32 // longer ids push their statement right
	detailIndent   = "      "
	subIndent      = "          "
)

// ANSI SGR codes.
const (
	sgrBold    = "1"
	sgrRed     = "31"
	sgrGreen   = "32"
	sgrYellow  = "33"
	sgrMagenta = "35"
	sgrCyan    = "36"
	sgrBoldRed = "1;31"
)

// painter adds ANSI colours when on.
type painter struct{ on bool }

func (p painter) paint(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

// verdictColor returns the SGR code of a verdict.
func verdictColor(v engine.Verdict) string {
	switch v {
	case engine.Verified:
		return sgrGreen
	case engine.Refuted:
		return sgrRed
	case engine.Inconclusive:
		return sgrYellow
	case engine.Attested:
		return sgrCyan
	case engine.Unattested:
		return sgrMagenta
	case engine.Error:
		return sgrBoldRed
	}
	return ""
}

// tableWriter renders the terminal report.
type tableWriter struct {
	b    *bytes.Buffer
	res  *engine.Result
	l    lang
	opts Options
	p    painter
}

func renderTable(b *bytes.Buffer, res *engine.Result, l lang, opts Options) {
	tw := &tableWriter{b: b, res: res, l: l, opts: opts, p: painter{on: opts.Color}}
	tw.header()
	tw.claims()
	tw.exceptions()
	tw.unmapped()
	tw.gaps()
	tw.collectors()
	tw.warnings()
	tw.summary()
}

func (tw *tableWriter) line(parts ...string) {
	tw.b.WriteString(strings.Join(parts, ""))
	tw.b.WriteByte('\n')
}

func (tw *tableWriter) heading(s string) {
	tw.line(tw.p.paint(sgrBold, s))
}

func (tw *tableWriter) header() {
	res, l := tw.res, tw.l
	tw.heading(l.t("title.table"))
	rows := [][2]string{
		{l.t("meta.org"), res.Metadata.Organisation},
		{l.t("meta.document"), res.Metadata.Document},
		{l.t("meta.project"), res.Project},
		{l.t("meta.run"), res.RunID},
		{l.t("meta.now"), dateTime(res)},
		{l.t("meta.tool"), res.ToolVersion},
	}
	w := 0
	for _, r := range rows {
		if r[1] != "" {
			w = max(w, width(r[0]))
		}
	}
	for _, r := range rows {
		if r[1] != "" {
			tw.line("  ", pad(r[0], w), "  ", clean(r[1]))
		}
	}
}

func (tw *tableWriter) claims() {
	l := tw.l
	vw, iw := 0, 0
	for i := range tw.res.Claims {
		c := &tw.res.Claims[i]
		vw = max(vw, width(verdictLabel(l, c)))
		iw = max(iw, min(width(c.ID), maxIDWidth))
	}
	if len(tw.res.Claims) == 0 {
		tw.line()
		tw.line("  ", l.t("no.claims"))
	}
	for _, g := range groupByArea(tw.res.Claims) {
		tw.line()
		tw.heading(clean(l.area(g.area)))
		for _, c := range g.claims {
			label := verdictLabel(l, c)
			st := clean(c.Statement)
			if !tw.opts.Verbose {
				st = truncate(st, statementWidth)
			}
			tw.line("  ", tw.p.paint(verdictColor(c.Verdict), label), strings.Repeat(" ", vw-width(label)),
				"  ", pad(clean(c.ID), iw), "  ", st)
			tw.claimDetails(c)
		}
	}
}

func (tw *tableWriter) detail(s string) { tw.line(detailIndent, clean(s)) }

func (tw *tableWriter) claimDetails(c *engine.ClaimResult) {
	l, verbose := tw.l, tw.opts.Verbose
	showReason := verbose || (c.Verdict != engine.Verified && c.Verdict != engine.Refuted)
	if r := l.msg(c.Reason); r != "" && showReason {
		tw.detail(r)
	}
	if verbose {
		if c.Check != "" {
			if title := l.msg(c.CheckTitle); title != "" {
				tw.detail(l.f("d.checktitle", c.Check, title))
			} else {
				tw.detail(l.f("d.check", c.Check))
			}
		}
		if len(c.Params) > 0 {
			tw.detail(l.f("d.params", paramList(c.Params)))
		}
		if s := sourceText(l, c.Source); s != "" {
			tw.detail(l.f("d.source", s))
		}
		if c.Location != "" {
			tw.detail(l.f("d.location", c.Location))
		}
	}
	if len(c.DefaultsApplied) > 0 {
		tw.detail(l.f("d.default", defaultsList(c)))
	}
	if a := c.Attestation; a != nil {
		tw.detail(attestationText(l, a, verbose))
	}
	for _, f := range byClass(c.Findings, classFailing) {
		tw.finding(f, "✗", sgrRed)
	}
	for _, f := range byClass(c.Findings, classExcepted) {
		tw.finding(f, "~", sgrYellow)
		tw.line(subIndent, clean(l.f("d.excepted", f.Excepted.Reason, f.Excepted.ApprovedBy, f.Excepted.Expires)))
	}
	for _, f := range byClass(c.Findings, classUnknown) {
		tw.finding(f, "?", sgrYellow)
	}
	if verbose {
		for _, f := range byClass(c.Findings, classPassing) {
			tw.finding(f, "✓", sgrGreen)
		}
	}
	for _, g := range c.Gaps {
		tw.detail(l.f("d.gap", gapText(l, g)))
	}
	if c.Verdict == engine.Refuted && c.Remediation != nil {
		tw.detail(l.f("d.remediation", l.msg(*c.Remediation)))
	}
}

// attestationText describes the attestation behind a claim's verdict on one line.
func attestationText(l lang, a *engine.Attestation, verbose bool) string {
	parts := []string{l.f("d.attestation", a.File)}
	if a.Document != "" {
		parts = append(parts, l.f("d.att.doc", a.Document))
	}
	if verbose {
		if a.SignedOffBy != "" {
			parts = append(parts, l.f("d.att.signed", a.SignedOffBy, a.Date))
		}
		if a.Expires != "" {
			parts = append(parts, l.f("d.att.until", a.Expires))
		}
		if a.Statement != "" {
			parts = append(parts, l.f("d.att.stmt", a.Statement))
		}
	}
	return strings.Join(parts, "; ")
}

func (tw *tableWriter) finding(f engine.Finding, marker, color string) {
	s := clean(f.Subject)
	if m := findingMessage(tw.l, f); m != "" {
		s += " — " + clean(m)
	}
	if f.Location != "" {
		s += " (" + clean(f.Location) + ")"
	}
	tw.line(detailIndent, tw.p.paint(color, marker), " ", s)
}

func (tw *tableWriter) exceptions() {
	if len(tw.res.Exceptions) == 0 {
		return
	}
	l := tw.l
	tw.line()
	tw.heading(l.t("h.exceptions"))
	sw, cw, xw := 0, 0, 0
	for _, x := range tw.res.Exceptions {
		sw = max(sw, width(l.value("state", x.State)))
		cw = max(cw, min(width(x.Claim), maxIDWidth))
		xw = max(xw, min(width(x.Subject), maxIDWidth))
	}
	for _, x := range tw.res.Exceptions {
		state := l.value("state", x.State)
		color := ""
		if x.State == engine.ExceptionExpired || x.State == engine.ExceptionStale {
			color = sgrYellow
		}
		tw.line("  ", tw.p.paint(color, state), strings.Repeat(" ", sw-width(state)), "  ", pad(clean(x.Claim), cw), "  ",
			pad(clean(x.Subject), xw), "  ", clean(l.f("exc.line", x.Expires, x.Reason, x.ApprovedBy)))
	}
}

func (tw *tableWriter) unmapped() {
	n := len(tw.res.Unmapped)
	if n == 0 {
		return
	}
	l := tw.l
	tw.line()
	tw.heading(l.t("h.unmapped"))
	tw.line("  ", plural(l, "unmapped", n))
	if !tw.opts.Verbose {
		return
	}
	for _, u := range tw.res.Unmapped {
		s := "- " + clean(u.Statement)
		if src := sourceText(l, u.Source); src != "" {
			s += " (" + clean(src) + ")"
		}
		if u.Type != "" {
			s += " [" + clean(u.Type) + "]"
		}
		tw.line("    ", s)
	}
}

func (tw *tableWriter) gaps() {
	if len(tw.res.Gaps) == 0 {
		return
	}
	tw.line()
	tw.heading(tw.l.t("h.gaps"))
	for _, g := range tw.res.Gaps {
		tw.line("  - ", clean(gapText(tw.l, g)))
	}
}

func (tw *tableWriter) collectors() {
	if len(tw.res.Collectors) == 0 {
		return
	}
	l := tw.l
	tw.line()
	tw.heading(l.t("h.collectors"))
	nw, ow := 0, 0
	for _, c := range tw.res.Collectors {
		nw = max(nw, width(c.Collector+"/"+c.Target))
		ow = max(ow, width(l.value("outcome", c.Outcome)))
	}
	for _, c := range tw.res.Collectors {
		outcome := l.value("outcome", c.Outcome)
		color := ""
		switch c.Outcome {
		case "failed":
			color = sgrRed
		case "partial":
			color = sgrYellow
		}
		s := "  " + pad(clean(c.Collector+"/"+c.Target), nw) + "  " + tw.p.paint(color, outcome) +
			strings.Repeat(" ", ow-width(outcome)) + "  " + plural(l, "records", c.Records)
		if c.Error != "" {
			s += "  " + clean(c.Error)
		}
		tw.line(s)
	}
}

func (tw *tableWriter) warnings() {
	if len(tw.res.Warnings) == 0 {
		return
	}
	tw.line()
	tw.heading(tw.l.t("h.warnings"))
	for _, w := range tw.res.Warnings {
		tw.line("  ", tw.p.paint(sgrYellow, "!"), " ", clean(tw.l.msg(w)))
	}
}

func (tw *tableWriter) summary() {
	l, s := tw.l, tw.res.Summary
	parts := make([]string, 0, len(engine.Verdicts))
	for _, v := range engine.Verdicts {
		n := s.Count(v)
		part := fmt.Sprintf("%d %s", n, l.verdict(v))
		if n > 0 {
			part = tw.p.paint(verdictColor(v), part)
		}
		parts = append(parts, part)
	}
	line := strings.Join(parts, ", ")
	line += " · " + plural(l, "sum.excepted", s.Excepted) + " · " + plural(l, "sum.unmapped", s.Unmapped)
	tw.line()
	tw.line(tw.p.paint(sgrBold, l.t("sum.label")+":"), " ", line)
}
