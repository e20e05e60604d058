// Package report renders the verdicts of a run (an engine.Result) for
// people and machines, in German or English.
package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/engine"
)

// Format names accepted by Write.
const (
	FormatTable    = "table"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
)

// Options tune a report.
type Options struct {
	// Lang is the report language: "de" or "en" (the default when empty).
	Lang string
	// Color adds ANSI colours to the table format; the others ignore it.
	Color bool
	// Verbose lists passing findings and prints statements in full.
	Verbose bool
}

// Formats returns the names of the report formats, for flag help and validation.
func Formats() []string {
	return []string{FormatTable, FormatJSON, FormatMarkdown}
}

// Write renders res in the named format to w.
func Write(w io.Writer, format string, res *engine.Result, opts Options) error {
	if res == nil {
		return errors.New("render report: no result")
	}
	var l lang
	switch opts.Lang {
	case "", "en":
		l = "en"
	case "de":
		l = "de"
	default:
		return fmt.Errorf("render report: unknown language %q: use de or en", opts.Lang)
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case FormatJSON:
		// written as it is: the buffer would copy the biggest report once more
		enc, err := EncodeJSON(res)
		if err != nil {
			return err
		}
		if _, err := enc.WriteTo(w); err != nil {
			return fmt.Errorf("write %s report: %w", format, err)
		}
		return nil
	case FormatTable:
		renderTable(&buf, res, l, opts)
	case FormatMarkdown:
		renderMarkdown(&buf, res, l, opts)
	default:
		return fmt.Errorf("render report: unknown format %q: use one of %s", format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s report: %w", format, err)
	}
	return nil
}

// areaGroup is the claims of one control area, in claims-file order.
type areaGroup struct {
	area   string
	claims []*engine.ClaimResult
}

// groupByArea groups claims by control area in canonical order; unknown
// areas follow in alphabetical order, claims without an area come last.
func groupByArea(cs []engine.ClaimResult) []areaGroup {
	idx := map[string]int{}
	var groups []areaGroup
	for i := range cs {
		a := cs[i].Area
		j, ok := idx[a]
		if !ok {
			j = len(groups)
			idx[a] = j
			groups = append(groups, areaGroup{area: a})
		}
		groups[j].claims = append(groups[j].claims, &cs[i])
	}
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i].area, groups[j].area
		if (a == "") != (b == "") {
			return b == ""
		}
		ia, ib := checks.AreaIndex(a), checks.AreaIndex(b)
		if ia != ib {
			return ia < ib
		}
		return a < b
	})
	return groups
}

// findingClass sorts a claim's findings for display.
type findingClass int

const (
	classFailing findingClass = iota
	classExcepted
	classUnknown
	classPassing
)

func classify(f engine.Finding) findingClass {
	switch {
	case f.Excepted != nil:
		return classExcepted
	case f.Inconclusive:
		return classUnknown
	case f.Pass:
		return classPassing
	}
	return classFailing
}

// byClass returns the claim's findings of class c, in their order.
func byClass(fs []engine.Finding, c findingClass) []engine.Finding {
	var out []engine.Finding
	for _, f := range fs {
		if classify(f) == c {
			out = append(out, f)
		}
	}
	return out
}

// verdictLabel is the verdict's name with its basis when that is not live:
// "verified (declared)".
func verdictLabel(l lang, c *engine.ClaimResult) string {
	v := l.verdict(c.Verdict)
	if c.Basis != "" && c.Basis != engine.BasisLive {
		v += " (" + l.value("basis", c.Basis) + ")"
	}
	return v
}

// findingMessage returns a finding's message in the language.
func findingMessage(l lang, f engine.Finding) string {
	return l.pick(f.Message, f.MessageDE)
}

// paramValue renders a parameter value: strings as they are, the rest as JSON.
func paramValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// paramList renders all parameters as "a=1, b=x", sorted by name.
func paramList(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+paramValue(p[k]))
	}
	return strings.Join(parts, ", ")
}

// defaultsList renders the defaults applied to a claim's parameters with
// their values: "min_version=1.2".
func defaultsList(c *engine.ClaimResult) string {
	parts := make([]string, 0, len(c.DefaultsApplied))
	for _, name := range c.DefaultsApplied {
		if v, ok := c.Params[name]; ok && !strings.Contains(name, "=") {
			parts = append(parts, name+"="+paramValue(v))
		} else {
			parts = append(parts, name)
		}
	}
	return strings.Join(parts, ", ")
}

// sourceText renders where a claim stands in the TOM document.
func sourceText(l lang, s *engine.Source) string {
	if s == nil {
		return ""
	}
	var parts []string
	if s.Document != "" {
		parts = append(parts, s.Document)
	}
	if s.Section != "" {
		parts = append(parts, l.f("src.section", s.Section))
	}
	if s.Line > 0 {
		parts = append(parts, l.f("src.line", s.Line))
	}
	out := strings.Join(parts, ", ")
	if s.Quote != "" {
		if out != "" {
			out += ": "
		}
		out += l.f("quote", s.Quote)
	}
	return out
}

// gapText renders a gap on one line: target (kind) subject: reason; missing permission.
func gapText(l lang, g evidence.Gap) string {
	var b strings.Builder
	b.WriteString(g.Target)
	if g.Kind != "" {
		b.WriteString(" (" + g.Kind + ")")
	}
	if g.Subject != "" {
		b.WriteString(" " + g.Subject)
	}
	b.WriteString(": " + g.Reason)
	if g.MissingPermission != "" {
		b.WriteString("; " + l.f("d.permission", g.MissingPermission))
	}
	return b.String()
}

// plural picks the "one" or "other" form of key for n.
func plural(l lang, key string, n int) string {
	if n == 1 {
		return l.t(key + ".one")
	}
	return l.f(key+".other", n)
}

// clean makes untrusted text safe for one line of a terminal or document:
// line breaks and tabs become spaces, other control characters (which could
// carry terminal escape sequences from evidence) become U+FFFD.
func clean(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// truncate shortens s to at most n runes, cutting at a word boundary when
// one is near and marking the cut with an ellipsis.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := len(r)
	for i := len(r) - 1; i > len(r)-20 && i > 0; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ,;:.") + "…"
}

// width is the display width of s, counted in runes.
func width(s string) int { return utf8.RuneCountInString(s) }

// pad right-pads s with spaces to n runes.
func pad(s string, n int) string {
	if w := width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// dateTime formats the run's time for people.
func dateTime(res *engine.Result) string {
	if res.Now.IsZero() {
		return "—"
	}
	return res.Now.UTC().Format("2006-01-02 15:04:05 UTC")
}
