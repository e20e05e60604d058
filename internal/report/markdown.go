package report

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/tomcheck/tomcheck/internal/engine"
)

// mdWriter renders the Markdown report for auditors.
type mdWriter struct {
	b    *bytes.Buffer
	res  *engine.Result
	l    lang
	opts Options
}

func renderMarkdown(b *bytes.Buffer, res *engine.Result, l lang, opts Options) {
	mw := &mdWriter{b: b, res: res, l: l, opts: opts}
	mw.header()
	mw.summary()
	mw.claims()
	mw.exceptions()
	mw.unmapped()
	mw.gaps()
	mw.collectors()
	mw.warnings()
}

// mdText escapes untrusted text for a line of Markdown: characters that
// could start emphasis, code, links or HTML, and pipes (the text may stand
// in a table). An underscore inside a word starts nothing, so
// "recovery_point" stays readable.
func mdText(s string) string {
	r := []rune(clean(s))
	var b strings.Builder
	for i, c := range r {
		switch c {
		case '\\', '`', '*', '[', ']', '|':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '_':
			if i > 0 && i+1 < len(r) && isWordRune(r[i-1]) && isWordRune(r[i+1]) {
				b.WriteRune(c)
			} else {
				b.WriteString(`\_`)
			}
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// mdCell escapes untrusted text for a table cell: pipes are escaped, line
// breaks become <br>.
func mdCell(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		lines[i] = mdText(ln)
	}
	return strings.Join(lines, "<br>")
}

// mdCodeCell renders s as an inline code span inside a table cell, where
// GitHub Markdown needs pipes escaped even in code.
func mdCodeCell(s string) string {
	return strings.ReplaceAll(mdCode(s), "|", `\|`)
}

// mdCode renders s as an inline code span.
func mdCode(s string) string {
	s = clean(s)
	if s == "" {
		return ""
	}
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || fence != "`" {
		s = " " + s + " "
	}
	return fence + s + fence
}

func (mw *mdWriter) p(format string, args ...any) {
	fmt.Fprintf(mw.b, format, args...)
}

// table writes a Markdown table; cells are already escaped.
func (mw *mdWriter) table(head []string, align []string, rows [][]string) {
	mw.p("| %s |\n", strings.Join(head, " | "))
	mw.p("|%s|\n", strings.Join(align, "|"))
	for _, r := range rows {
		mw.p("| %s |\n", strings.Join(r, " | "))
	}
	mw.p("\n")
}

func cols(n int) []string {
	a := make([]string, n)
	for i := range a {
		a[i] = "---"
	}
	return a
}

func (mw *mdWriter) header() {
	res, l := mw.res, mw.l
	mw.p("# %s\n\n", l.t("title.markdown"))
	mw.p("%s\n\n", l.t("intro.markdown"))
	var rows [][]string
	add := func(key, v string, code bool) {
		if v == "" {
			return
		}
		if code {
			rows = append(rows, []string{l.t(key), mdCodeCell(v)})
		} else {
			rows = append(rows, []string{l.t(key), mdCell(v)})
		}
	}
	add("meta.org", res.Metadata.Organisation, false)
	add("meta.document", res.Metadata.Document, false)
	add("meta.project", res.Project, false)
	add("meta.run", res.RunID, true)
	add("meta.now", dateTime(res), false)
	add("meta.tool", res.ToolVersion, false)
	add("meta.d.claims", res.Digests.Claims, true)
	add("meta.d.config", res.Digests.Config, true)
	add("meta.d.policies", res.Digests.Policies, true)
	add("meta.d.evidence", res.Digests.Evidence, true)
	mw.table([]string{l.t("meta.field"), l.t("meta.value")}, cols(2), rows)
}

func (mw *mdWriter) summary() {
	l, s := mw.l, mw.res.Summary
	mw.p("## %s\n\n", l.t("h.summary"))
	var rows [][]string
	for _, v := range engine.Verdicts {
		rows = append(rows, []string{l.verdict(v), fmt.Sprint(s.Count(v))})
	}
	rows = append(rows,
		[]string{l.t("sum.row.exc"), fmt.Sprint(s.Excepted)},
		[]string{l.t("sum.row.unm"), fmt.Sprint(s.Unmapped)})
	mw.table([]string{l.t("col.verdict"), l.t("col.count")}, []string{"---", "--:"}, rows)
}

func (mw *mdWriter) claims() {
	l := mw.l
	if len(mw.res.Claims) == 0 {
		mw.p("%s\n\n", l.t("no.claims"))
		return
	}
	mw.p("## %s\n\n", l.t("h.claims"))
	for _, g := range groupByArea(mw.res.Claims) {
		mw.p("### %s\n\n", mdText(l.area(g.area)))
		var rows [][]string
		for _, c := range g.claims {
			rows = append(rows, []string{mdCell(verdictLabel(l, c)), mdCodeCell(c.ID), mdCell(c.Statement), mdCell(l.msg(c.Reason))})
		}
		mw.table([]string{l.t("col.verdict"), l.t("col.claim"), l.t("col.statement"), l.t("col.reason")}, cols(4), rows)
		for _, c := range g.claims {
			mw.claim(c)
		}
	}
}

// item writes one list item of a claim's details.
func (mw *mdWriter) item(label, value string) {
	mw.p("- **%s** %s\n", label, value)
}

// label returns the label key followed by a colon.
func label(l lang, key string) string {
	return l.t(key) + ":"
}

func (mw *mdWriter) claim(c *engine.ClaimResult) {
	l := mw.l
	mw.p("#### %s — %s\n\n", mdCode(c.ID), mdText(verdictLabel(l, c)))
	mw.item(label(l, "col.statement"), mdText(c.Statement))
	if s := sourceText(l, c.Source); s != "" {
		mw.item(label(l, "col.source"), mdText(s))
	}
	if c.Location != "" {
		mw.item(label(l, "lbl.location"), mdCode(c.Location))
	}
	if c.Check != "" {
		v := mdCode(c.Check)
		if title := l.msg(c.CheckTitle); title != "" {
			v += " — " + mdText(title)
		}
		mw.item(label(l, "lbl.check"), v)
	}
	if len(c.Params) > 0 {
		mw.item(label(l, "lbl.params"), mdCode(paramList(c.Params)))
	}
	if len(c.DefaultsApplied) > 0 {
		mw.item(label(l, "lbl.defaults"), mdCode(defaultsList(c)))
	}
	if c.Basis != "" {
		mw.item(label(l, "lbl.basis"), mdText(l.value("basis", c.Basis)))
	}
	if r := l.msg(c.Reason); r != "" {
		mw.item(label(l, "col.reason"), mdText(r))
	}
	if a := c.Attestation; a != nil {
		mw.item(label(l, "lbl.attestation"), mdAttestation(l, a))
	}
	for _, g := range c.Gaps {
		mw.item(label(l, "lbl.gap"), mdText(gapText(l, g)))
	}
	if c.Remediation != nil && c.Verdict == engine.Refuted {
		mw.item(label(l, "lbl.remediation"), mdText(l.msg(*c.Remediation)))
	}
	mw.p("\n")
	mw.findings(c)
}

func (mw *mdWriter) findings(c *engine.ClaimResult) {
	l := mw.l
	if len(c.Findings) == 0 {
		return
	}
	mw.p("**%s**\n\n", l.t("h.findings"))
	line := func(f engine.Finding, status string) {
		s := "- " + status + " " + mdCode(f.Subject)
		if m := findingMessage(l, f); m != "" {
			s += " — " + mdText(m)
		}
		if f.Location != "" {
			s += " (" + mdCode(f.Location) + ")"
		}
		mw.p("%s\n", s)
	}
	for _, f := range byClass(c.Findings, classFailing) {
		line(f, "**"+l.t("f.fail")+"**")
	}
	for _, f := range byClass(c.Findings, classExcepted) {
		line(f, "*"+l.t("f.excepted")+"*")
		mw.p("  - %s\n", mdText(l.f("d.excepted", f.Excepted.Reason, f.Excepted.ApprovedBy, f.Excepted.Expires)))
	}
	for _, f := range byClass(c.Findings, classUnknown) {
		line(f, "*"+l.t("f.unknown")+"*")
	}
	passing := byClass(c.Findings, classPassing)
	if mw.opts.Verbose {
		for _, f := range passing {
			line(f, l.t("f.pass"))
		}
	} else if len(passing) > 0 {
		mw.p("- %s\n", plural(l, "d.passing", len(passing)))
	}
	mw.p("\n")
}

func (mw *mdWriter) exceptions() {
	l := mw.l
	if len(mw.res.Exceptions) == 0 {
		return
	}
	mw.p("## %s\n\n", l.t("h.exceptions"))
	var rows [][]string
	for _, x := range mw.res.Exceptions {
		state := mdCell(l.value("state", x.State))
		if x.State == engine.ExceptionExpired || x.State == engine.ExceptionStale {
			state = "**" + state + "**"
		}
		rows = append(rows, []string{mdCodeCell(x.Claim), mdCodeCell(x.Subject), mdCell(x.Reason), mdCell(x.ApprovedBy), mdCell(x.Expires), state})
	}
	mw.table([]string{l.t("col.claim"), l.t("col.subject"), l.t("col.reason"), l.t("col.approvedby"), l.t("col.expires"), l.t("col.state")}, cols(6), rows)
}

func (mw *mdWriter) unmapped() {
	l := mw.l
	if len(mw.res.Unmapped) == 0 {
		return
	}
	mw.p("## %s\n\n", l.t("h.unmapped"))
	mw.p("%s.\n\n", plural(l, "unmapped", len(mw.res.Unmapped)))
	var rows [][]string
	for _, u := range mw.res.Unmapped {
		rows = append(rows, []string{mdCell(u.Statement), mdCell(sourceText(l, u.Source)), mdCodeCell(u.Type)})
	}
	mw.table([]string{l.t("col.statement"), l.t("col.source"), l.t("col.type")}, cols(3), rows)
}

func (mw *mdWriter) gaps() {
	l := mw.l
	if len(mw.res.Gaps) == 0 {
		return
	}
	mw.p("## %s\n\n", l.t("h.gaps"))
	var rows [][]string
	for _, g := range mw.res.Gaps {
		rows = append(rows, []string{mdCodeCell(g.Target), mdCodeCell(g.Kind), mdCodeCell(g.Subject), mdCell(g.Reason), mdCodeCell(g.MissingPermission)})
	}
	mw.table([]string{l.t("col.target"), l.t("col.kind"), l.t("col.subject"), l.t("col.reason"), l.t("col.permission")}, cols(5), rows)
}

func (mw *mdWriter) collectors() {
	l := mw.l
	if len(mw.res.Collectors) == 0 {
		return
	}
	mw.p("## %s\n\n", l.t("h.collectors"))
	var rows [][]string
	for _, c := range mw.res.Collectors {
		rows = append(rows, []string{mdCodeCell(c.Collector), mdCodeCell(c.Target), mdCell(l.value("outcome", c.Outcome)), fmt.Sprint(c.Records), mdCell(c.Error)})
	}
	mw.table([]string{l.t("col.collector"), l.t("col.target"), l.t("col.outcome"), l.t("col.records"), l.t("col.error")},
		[]string{"---", "---", "---", "--:", "---"}, rows)
}

func (mw *mdWriter) warnings() {
	l := mw.l
	if len(mw.res.Warnings) == 0 {
		return
	}
	mw.p("## %s\n\n", l.t("h.warnings"))
	for _, w := range mw.res.Warnings {
		mw.p("- %s\n", mdText(l.msg(w)))
	}
	mw.p("\n")
}

// mdAttestation describes the attestation behind a claim's verdict.
func mdAttestation(l lang, a *engine.Attestation) string {
	parts := []string{mdCode(a.File)}
	if a.Document != "" {
		parts = append(parts, mdText(l.t("lbl.document"))+" "+mdCode(a.Document))
	}
	if a.SignedOffBy != "" {
		parts = append(parts, mdText(l.f("d.att.signed", a.SignedOffBy, a.Date)))
	}
	if a.Expires != "" {
		parts = append(parts, mdText(l.f("d.att.until", a.Expires)))
	}
	if a.Statement != "" {
		parts = append(parts, mdText(l.f("d.att.stmt", a.Statement)))
	}
	if a.Evidence != "" {
		parts = append(parts, mdText(l.t("lbl.evidence"))+" "+mdCode(a.Evidence))
	}
	return strings.Join(parts, "; ")
}
