package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/engine"
)

// Encoded is the verdict JSON of a result in parts, in order: the claims are
// encoded side by side, and writing the parts one after the other spares a
// copy of the whole document (100 MB for 100,000 records).
type Encoded struct {
	parts [][]byte
}

// WriteTo writes the document to w.
func (e *Encoded) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, p := range e.parts {
		m, err := w.Write(p)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// EncodeJSON encodes res exactly as encoding/json's MarshalIndent(res, "",
// "  ") with HTML escaping off, plus a final newline: the JSON report and a
// run directory's verdicts.json. The encoder is written out per type (a
// test compares it with encoding/json on fully populated results, so a new
// field that it misses fails the test); it is several times faster than
// reflection, and the claims, nearly all of the document, are encoded in
// parallel.
func EncodeJSON(res *engine.Result) (*Encoded, error) {
	head := &encoder{depth: 1}
	head.b = append(head.b, '{')
	o := object{e: head}
	o.int("schema_version", res.SchemaVersion)
	o.str("run_id", res.RunID)
	if err := o.time("now", res.Now); err != nil {
		return nil, err
	}
	o.str("tool_version", res.ToolVersion)
	o.strOmit("project", res.Project)
	o.key("metadata")
	head.metadata(res.Metadata)
	o.key("digests")
	head.digests(res.Digests)
	o.key("summary")
	head.summary(res.Summary)
	o.key("claims")
	parts := [][]byte{nil}
	switch {
	case res.Claims == nil:
		head.b = append(head.b, "null"...)
	case len(res.Claims) == 0:
		head.b = append(head.b, "[]"...)
	default:
		head.b = append(head.b, '[')
		claims, err := encodeClaims(res.Claims)
		if err != nil {
			return nil, err
		}
		parts = append(parts, claims...)
	}
	parts[0] = head.b

	tail := &encoder{depth: 1}
	if len(res.Claims) > 0 {
		tail.newline()
		tail.b = append(tail.b, ']')
	}
	o.e = tail
	o.key("exceptions")
	list(tail, res.Exceptions, (*encoder).exception)
	o.key("unmapped")
	list(tail, res.Unmapped, (*encoder).unmapped)
	o.key("gaps")
	list(tail, res.Gaps, (*encoder).gap)
	o.key("collectors")
	list(tail, res.Collectors, (*encoder).collector)
	o.key("warnings")
	list(tail, res.Warnings, (*encoder).message)
	o.end()
	tail.b = append(tail.b, '\n')
	return &Encoded{parts: append(parts, tail.b)}, nil
}

// encodeClaims encodes each claim as an element of the claims array (with
// its separating comma and line break), spread over GOMAXPROCS workers.
func encodeClaims(cs []engine.ClaimResult) ([][]byte, error) {
	parts := make([][]byte, len(cs))
	errs := make([]error, len(cs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(cs) {
					return
				}
				e := &encoder{depth: 2, b: make([]byte, 0, claimSize(&cs[i]))}
				if i > 0 {
					e.b = append(e.b, ',')
				}
				e.newline()
				errs[i] = e.claim(&cs[i])
				parts[i] = e.b
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// claimSize estimates the encoded size of a claim, so that its buffer is
// allocated once: the findings' texts plus their keys and indentation.
func claimSize(c *engine.ClaimResult) int {
	n := 4096
	for i := range c.Findings {
		f := &c.Findings[i]
		n += 320 + len(f.Subject) + len(f.ResourceID) + len(f.Message) + len(f.MessageDE) + len(f.Location)
		for _, d := range f.Evidence {
			n += len(d) + 12
		}
	}
	return n + n/16
}

// encoder appends indented JSON to b; depth is the nesting of the value
// being written.
type encoder struct {
	b     []byte
	depth int
}

func (e *encoder) newline() {
	e.b = append(e.b, '\n')
	for range e.depth {
		e.b = append(e.b, ' ', ' ')
	}
}

// object writes the members of an object whose '{' is written.
type object struct {
	e *encoder
	n int
}

func (e *encoder) object() object {
	e.b = append(e.b, '{')
	e.depth++
	return object{e: e}
}

func (o *object) key(k string) {
	if o.n > 0 {
		o.e.b = append(o.e.b, ',')
	}
	o.n++
	o.e.newline()
	o.e.b = appendString(o.e.b, k)
	o.e.b = append(o.e.b, ':', ' ')
}

func (o *object) end() {
	o.e.depth--
	if o.n > 0 {
		o.e.newline()
	}
	o.e.b = append(o.e.b, '}')
}

func (o *object) str(k, v string) {
	o.key(k)
	o.e.b = appendString(o.e.b, v)
}

func (o *object) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *object) int(k string, v int) {
	o.key(k)
	o.e.b = strconv.AppendInt(o.e.b, int64(v), 10)
}

func (o *object) intOmit(k string, v int) {
	if v != 0 {
		o.int(k, v)
	}
}

func (o *object) bool(k string, v bool) {
	o.key(k)
	o.e.b = strconv.AppendBool(o.e.b, v)
}

func (o *object) time(k string, t time.Time) error {
	b, err := t.MarshalJSON()
	if err != nil {
		return fmt.Errorf("render json report: %s: %w", k, err)
	}
	o.key(k)
	o.e.b = append(o.e.b, b...)
	return nil
}

// list writes xs as an array (null when nil), each element by f.
func list[T any](e *encoder, xs []T, f func(*encoder, *T)) {
	if xs == nil {
		e.b = append(e.b, "null"...)
		return
	}
	if len(xs) == 0 {
		e.b = append(e.b, '[', ']')
		return
	}
	e.b = append(e.b, '[')
	e.depth++
	for i := range xs {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.newline()
		f(e, &xs[i])
	}
	e.depth--
	e.newline()
	e.b = append(e.b, ']')
}

func (e *encoder) text(s *string) { e.b = appendString(e.b, *s) }

func (e *encoder) metadata(m engine.Metadata) {
	o := e.object()
	o.strOmit("organisation", m.Organisation)
	o.strOmit("document", m.Document)
	o.end()
}

func (e *encoder) digests(d engine.Digests) {
	o := e.object()
	o.strOmit("claims", d.Claims)
	o.strOmit("config", d.Config)
	o.strOmit("policies", d.Policies)
	o.strOmit("evidence", d.Evidence)
	o.end()
}

func (e *encoder) summary(s engine.Summary) {
	o := e.object()
	o.int("verified", s.Verified)
	o.int("refuted", s.Refuted)
	o.int("inconclusive", s.Inconclusive)
	o.int("attested", s.Attested)
	o.int("unattested", s.Unattested)
	o.int("error", s.Error)
	o.int("unmapped", s.Unmapped)
	o.int("excepted", s.Excepted)
	o.end()
}

func (e *encoder) message(m *engine.Message) {
	o := e.object()
	o.str("en", m.EN)
	o.str("de", m.DE)
	o.end()
}

func (e *encoder) source(s *engine.Source) {
	o := e.object()
	o.strOmit("document", s.Document)
	o.strOmit("section", s.Section)
	o.intOmit("line", s.Line)
	o.strOmit("quote", s.Quote)
	o.end()
}

func (e *encoder) claim(c *engine.ClaimResult) error {
	o := e.object()
	o.str("id", c.ID)
	o.strOmit("check", c.Check)
	o.key("check_title")
	e.message(&c.CheckTitle)
	o.str("area", c.Area)
	o.str("statement", c.Statement)
	if c.Source != nil {
		o.key("source")
		e.source(c.Source)
	}
	o.strOmit("location", c.Location)
	if len(c.Params) > 0 {
		o.key("params")
		if err := e.any(c.Params); err != nil {
			return fmt.Errorf("render json report: claim %s: params: %w", c.ID, err)
		}
	}
	o.key("defaults_applied")
	list(e, c.DefaultsApplied, (*encoder).text)
	o.str("verdict", string(c.Verdict))
	o.strOmit("basis", c.Basis)
	o.key("reason")
	e.message(&c.Reason)
	if c.Remediation != nil {
		o.key("remediation")
		e.message(c.Remediation)
	}
	o.key("findings")
	list(e, c.Findings, (*encoder).finding)
	if len(c.Gaps) > 0 {
		o.key("gaps")
		list(e, c.Gaps, (*encoder).gap)
	}
	if c.Attestation != nil {
		o.key("attestation")
		e.attestation(c.Attestation)
	}
	o.end()
	return nil
}

// any writes a value of a claim's params (from YAML: maps, lists, strings,
// numbers, booleans) through encoding/json, indented in place.
func (e *encoder) any(v any) error {
	var raw bytes.Buffer
	enc := json.NewEncoder(&raw)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	var out bytes.Buffer
	prefix := make([]byte, 2*e.depth)
	for i := range prefix {
		prefix[i] = ' '
	}
	if err := json.Indent(&out, bytes.TrimSuffix(raw.Bytes(), []byte{'\n'}), string(prefix), "  "); err != nil {
		return err
	}
	e.b = append(e.b, out.Bytes()...)
	return nil
}

func (e *encoder) finding(f *engine.Finding) {
	o := e.object()
	o.str("subject", f.Subject)
	o.strOmit("resource_id", f.ResourceID)
	o.bool("pass", f.Pass)
	if f.Inconclusive {
		o.bool("inconclusive", true)
	}
	o.key("excepted")
	if f.Excepted == nil {
		e.b = append(e.b, "null"...)
	} else {
		x := e.object()
		x.str("reason", f.Excepted.Reason)
		x.str("approved_by", f.Excepted.ApprovedBy)
		x.str("expires", f.Excepted.Expires)
		x.end()
	}
	o.str("message", f.Message)
	o.str("message_de", f.MessageDE)
	o.key("evidence")
	list(e, f.Evidence, (*encoder).text)
	o.strOmit("origin", f.Origin)
	o.strOmit("location", f.Location)
	o.end()
}

func (e *encoder) attestation(a *engine.Attestation) {
	o := e.object()
	o.str("file", a.File)
	o.strOmit("statement", a.Statement)
	o.strOmit("document", a.Document)
	o.strOmit("date", a.Date)
	o.strOmit("expires", a.Expires)
	o.strOmit("signed_off_by", a.SignedOffBy)
	o.strOmit("evidence", a.Evidence)
	o.end()
}

func (e *encoder) exception(x *engine.ExceptionResult) {
	o := e.object()
	o.str("claim", x.Claim)
	o.str("subject", x.Subject)
	o.str("reason", x.Reason)
	o.str("approved_by", x.ApprovedBy)
	o.str("expires", x.Expires)
	o.str("state", x.State)
	o.strOmit("location", x.Location)
	o.end()
}

func (e *encoder) unmapped(u *engine.Unmapped) {
	o := e.object()
	o.str("statement", u.Statement)
	if u.Source != nil {
		o.key("source")
		e.source(u.Source)
	}
	o.strOmit("type", u.Type)
	o.end()
}

func (e *encoder) gap(g *evidence.Gap) {
	o := e.object()
	o.str("collector", g.Collector)
	o.str("target", g.Target)
	o.strOmit("kind", g.Kind)
	o.strOmit("subject", g.Subject)
	o.str("reason", g.Reason)
	o.strOmit("missing_permission", g.MissingPermission)
	o.strOmit("file", g.File)
	o.intOmit("line", g.Line)
	o.intOmit("column", g.Column)
	o.end()
}

func (e *encoder) collector(c *engine.CollectorInfo) {
	o := e.object()
	o.str("collector", c.Collector)
	o.str("target", c.Target)
	o.str("outcome", c.Outcome)
	o.int("records", c.Records)
	o.strOmit("error", c.Error)
	o.end()
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json writes it
// with HTML escaping off: '"', '\\' and control characters escaped (\b, \f,
// \n, \r, \t by name, the others as \u00XX), each invalid UTF-8 byte as
// \ufffd, and U+2028 and U+2029 as \u2028 and \u2029.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
