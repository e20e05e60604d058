// Package claims reads the two files a user writes: the claims file
// (tom.yaml), the checkable statements of a TOM document, and the project
// file (tomcheck.yaml), what to collect from; it reports every problem of
// both at once with file:line:col.
package claims

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/diag"
	"github.com/tomcheck/tomcheck/internal/isodur"
)

// APIVersion is the apiVersion of the claims files this version reads.
const APIVersion = "tomcheck/v1"

// KindTOM is the kind of a claims file.
const KindTOM = "TOM"

// maxExceptionMonths is how far ahead of now an exception may expire.
const maxExceptionMonths = 12

// TOM is a loaded claims file.
type TOM struct {
	Path       string // the file as named by the caller
	Digest     string // "sha256:<hex>" of the file's bytes
	APIVersion string
	Kind       string
	Metadata   Metadata
	Claims     []*Claim   // in file order
	Unmapped   []Unmapped // statements kept for review, never evaluated
}

// Metadata names the organisation and the TOM document the claims come from.
type Metadata struct {
	Organisation string
	Document     string
}

// Source says where in the TOM document a statement stands.
type Source struct {
	Document string
	Section  string
	Line     int
	Quote    string
}

// AttestationReq marks an organizational claim, proven by an attestation
// instead of a check.
type AttestationReq struct {
	MaxAge *isodur.Duration // nil: the attestation's own validity counts alone
	Pos    diag.Pos
}

// Claim is one checkable statement of the TOM. Exactly one of Check and
// Attestation is set in a claims file that loads without errors.
type Claim struct {
	ID        string
	Area      string // canonical control area, "" when the claim names none
	Statement string
	Type      string // CLAIM-TYPES.md id, optional
	Check     string
	Note      string
	Source    *Source
	// Params are the check's parameters as plain JSON values (int64 for
	// integers, float64 for numbers), defaults filled in.
	Params          map[string]any
	DefaultsApplied []string // parameters whose default was used, sorted
	Attestation     *AttestationReq
	Scope           *Scope // nil: the project's default scope applies
	Exceptions      []Exception
	Confidence      *float64 // 0..1, written by tomcheck import
	Analysis        any      // free-form, written by tomcheck import; never read
	Pos             diag.Pos
}

// Exception excuses failing findings whose subject or resource id matches a glob.
type Exception struct {
	Subject    string
	Reason     string
	ApprovedBy string
	Expires    time.Time // a date at UTC midnight; the exception holds through that day
	Pos        diag.Pos
}

// Unmapped is a statement of the TOM that is neither a check nor an
// attestation yet; reports count it so nothing is dropped silently.
type Unmapped struct {
	Statement  string
	Source     *Source
	Type       string
	Confidence *float64
	Pos        diag.Pos
}

// Claim returns the claim with the given id, or nil.
func (t *TOM) Claim(id string) *Claim {
	for _, c := range t.Claims {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// digestOf returns "sha256:<hex>" of b.
func digestOf(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// LoadTOM reads and parses the claims file at path; see ParseTOM.
func LoadTOM(path string, cat *checks.Catalog, now time.Time) (*TOM, diag.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		var ds diag.Diagnostics
		ds.Errorf(diag.Pos{File: path}, `Write the claims file, e.g. with "tomcheck init", or point "tom:" in tomcheck.yaml at it.`, "read claims file: %v", err)
		return &TOM{Path: path}, ds
	}
	return ParseTOM(path, src, cat, now)
}

// ParseTOM parses a claims file named name. It checks every claim against
// the catalog (check ids and parameters; a nil catalog skips both and keeps
// params as written) and the exceptions' expiry against now. It returns
// every problem at once, sorted by position; warnings (an exception that has
// expired, a pattern with brackets) do not make ds fail. The TOM holds what
// could be read even when ds has errors, so cross-file checks can report
// too, but it must not be evaluated then.
func ParseTOM(name string, src []byte, cat *checks.Catalog, now time.Time) (*TOM, diag.Diagnostics) {
	t := &TOM{Path: name, Digest: digestOf(src)}
	r := newReader(name, src)
	root := r.document(src, "claims file", `A claims file starts with "apiVersion: tomcheck/v1" and "kind: TOM"; "tomcheck init" writes a starter file.`)
	if root != nil {
		p := &tomParser{reader: r, cat: cat, now: now, ids: map[string]int{}}
		p.tom(root, t)
	}
	r.clamp()
	r.ds.Sort()
	return t, r.ds
}

// tomParser holds what parsing one claims file needs.
type tomParser struct {
	*reader
	cat *checks.Catalog
	now time.Time
	ids map[string]int // claim id → line of its first use
}

func topKeys() []string { return []string{"apiVersion", "kind", "metadata", "claims", "unmapped"} }

func claimKeys() []string {
	return []string{"id", "area", "statement", "source", "type", "check", "params", "attestation", "scope", "exceptions", "confidence", "analysis", "note"}
}

func (p *tomParser) tom(root *yaml.Node, t *TOM) {
	f, ok := p.mapping(root, "the claims file", "apiVersion: tomcheck/v1", topKeys())
	if !ok {
		return
	}
	var ok1, ok2 bool
	t.APIVersion, ok1 = p.text(f.val("apiVersion"), "apiVersion", APIVersion)
	switch {
	case !ok1 && !isNull(f.val("apiVersion")):
	case t.APIVersion == "":
		p.errorf(root, `Add "apiVersion: tomcheck/v1" at the top of the file.`, "missing apiVersion")
	case t.APIVersion != APIVersion:
		p.errorf(f.val("apiVersion"), fmt.Sprintf("This version of tomcheck reads apiVersion %s; write that, or use the tomcheck release that wrote the file.", APIVersion),
			"unsupported apiVersion %q", t.APIVersion)
	}
	t.Kind, ok2 = p.text(f.val("kind"), "kind", KindTOM)
	switch {
	case !ok2 && !isNull(f.val("kind")):
	case t.Kind == "":
		p.errorf(root, `Add "kind: TOM" at the top of the file.`, "missing kind")
	case t.Kind != KindTOM:
		p.errorf(f.val("kind"), `A claims file has "kind: TOM"; the project file is tomcheck.yaml and has no kind.`,
			"kind is %q, expected %q", t.Kind, KindTOM)
	}
	if f.has("metadata") && !isNull(f.val("metadata")) {
		if mf, ok := p.mapping(f.val("metadata"), "metadata", "{organisation: Beispiel GmbH, document: TOM 2026-04}", []string{"organisation", "document"}); ok {
			t.Metadata.Organisation, _ = p.text(mf.val("organisation"), "metadata.organisation", "Beispiel GmbH")
			t.Metadata.Document, _ = p.text(mf.val("document"), "metadata.document", "TOM nach Art. 32 DSGVO, Stand 2026-04")
		}
	}
	claims := f.val("claims")
	switch {
	case !f.has("claims"):
		p.warnf(root, `Add a "claims:" list; every report would be empty without it.`, "the claims file has no claims")
	case isNull(claims):
	case claims.Kind != yaml.SequenceNode:
		p.errorf(claims, `Write claims as a list, each entry starting with "- id: …".`, "claims must be a list, got %s", kindName(claims))
	default:
		for _, cn := range claims.Content {
			t.Claims = append(t.Claims, p.claim(cn))
		}
	}
	unmapped := f.val("unmapped")
	switch {
	case isNull(unmapped):
	case unmapped.Kind != yaml.SequenceNode:
		p.errorf(unmapped, `Write unmapped as a list, each entry starting with "- statement: …".`, "unmapped must be a list, got %s", kindName(unmapped))
	default:
		for _, un := range unmapped.Content {
			if u, ok := p.unmapped(un); ok {
				t.Unmapped = append(t.Unmapped, u)
			}
		}
	}
}

// claim reads one entry of claims.
func (p *tomParser) claim(n *yaml.Node) *Claim {
	n = resolve(n)
	c := &Claim{Pos: p.pos(n)}
	f, ok := p.mapping(n, "claim", "{id: transport-tls, statement: …, check: transport.tls_min_version}", claimKeys())
	if !ok {
		return c
	}
	p.claimID(c, f, n)
	name := "claim"
	if c.ID != "" {
		name = fmt.Sprintf("claim %q", c.ID)
	}

	if f.has("area") && !isNull(f.val("area")) {
		if area, ok := p.text(f.val("area"), "area", "Zugangskontrolle"); ok {
			c.Area = p.area(f.val("area"), area)
		}
	}
	if s, ok := p.text(f.val("statement"), "statement", "Die Übertragung erfolgt über HTTPS."); ok && strings.TrimSpace(s) != "" {
		c.Statement = s
	} else if !f.has("statement") || isNull(f.val("statement")) || ok {
		p.errorf(n, "Add the statement of the TOM document the claim checks, in its own words, e.g. \"statement: Die Übertragung erfolgt über HTTPS (min. TLS 1.2).\"",
			"%s has no statement", name)
	}
	if f.has("source") && !isNull(f.val("source")) {
		c.Source = p.source(f.val("source"))
	}
	c.Type, _ = p.text(f.val("type"), "type", "transport.tls_min_version")
	c.Note, _ = p.text(f.val("note"), "note", "an explanation")
	if f.has("confidence") && !isNull(f.val("confidence")) {
		c.Confidence = p.confidence(f.val("confidence"))
	}
	if f.has("analysis") {
		c.Analysis = plain(f.val("analysis"))
	}

	hasCheck := f.has("check") && !isNull(f.val("check"))
	hasAtt := f.has("attestation")
	switch {
	case hasCheck && hasAtt:
		p.errorf(f.key("attestation"), "A claim is either proven by a check or attested by a signed-off document; split it into two claims.",
			"%s has both check and attestation", name)
	case !hasCheck && !hasAtt:
		p.errorf(n, `Add "check: <id>" for a technical measure ("tomcheck checks" lists them) or "attestation: {max_age: P12M}" for an organizational one; a statement that is neither belongs under unmapped.`,
			"%s has neither check nor attestation", name)
	}
	if hasAtt {
		c.Attestation = p.attestation(f.val("attestation"))
	}
	if hasAtt && !hasCheck {
		if f.has("params") {
			p.errorf(f.key("params"), "An attested claim has no check and takes no parameters; remove params, or replace attestation with a check.",
				"params on attestation %s", name)
		}
		if f.has("scope") {
			p.warnf(f.key("scope"), "Attestations are matched by claim id; remove the scope.", "scope has no effect on attestation %s", name)
		}
		if f.has("exceptions") {
			p.warnf(f.key("exceptions"), "Exceptions excuse failing findings of a check; an attested claim has none. Remove them.",
				"exceptions have no effect on attestation %s", name)
		}
	}
	if hasCheck {
		p.checkAndParams(c, f)
	}
	if f.has("scope") {
		c.Scope = p.scope(f.val("scope"), "scope")
	}
	if f.has("exceptions") {
		c.Exceptions = p.exceptions(f.val("exceptions"))
	}
	return c
}

// claimID reads and checks a claim's id.
func (p *tomParser) claimID(c *Claim, f *fields, n *yaml.Node) {
	id, ok := p.text(f.val("id"), "id", "transport-tls")
	if !ok || strings.TrimSpace(id) == "" {
		if !f.has("id") || isNull(f.val("id")) || ok {
			p.errorf(n, `Add a unique id, e.g. "id: transport-tls"; reports, attestations and history refer to claims by id.`, "claim has no id")
		}
		return
	}
	c.ID = id
	if !validID(id) {
		p.errorf(f.val("id"), fmt.Sprintf("An id is lowercase letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit, e.g. %q.", suggestID(id)),
			"invalid claim id %q", id)
	}
	if line, dup := p.ids[id]; dup {
		p.errorf(f.val("id"), fmt.Sprintf("The id is first used at line %d; give each claim its own id.", line), "duplicate claim id %q", id)
		return
	}
	p.ids[id] = resolve(f.val("id")).Line
}

// validID reports whether id matches [a-z0-9][a-z0-9._-]*.
func validID(id string) bool {
	for i, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case i > 0 && (r == '.' || r == '_' || r == '-'):
		default:
			return false
		}
	}
	return id != ""
}

// suggestID turns an invalid id into a valid one for the fix: "Transport TLS" → "transport-tls".
func suggestID(id string) string {
	repl := strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss")
	s := repl.Replace(strings.ToLower(id))
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_':
			if b.Len() == 0 && (r == '.' || r == '_') {
				continue
			}
			b.WriteRune(r)
			dash = false
		default:
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.TrimRight(b.String(), "-._")
	if out == "" {
		return "claim-1"
	}
	return out
}

// area returns the canonical name of an area, reporting an unknown one.
func (p *tomParser) area(n *yaml.Node, given string) string {
	if canon, ok := checks.CanonicalArea(given); ok {
		return canon
	}
	detail := fmt.Sprintf("Use a control area: %s (any case; ae, oe, ue for ä, ö, ü; the English names work too).", strings.Join(checks.Areas, ", "))
	folded := map[string]string{}
	var names []string
	for _, a := range checks.AreaNames() {
		canon, _ := checks.CanonicalArea(a)
		f := foldArea(a)
		if _, seen := folded[f]; !seen {
			folded[f] = canon
			names = append(names, f)
		}
	}
	if s := diag.Suggest(foldArea(given), names); s != "" {
		detail = fmt.Sprintf("Did you mean %q? ", folded[s]) + detail
	}
	p.errorf(n, detail, "unknown area %q", given)
	return ""
}

// foldArea lowercases a name and spells umlauts out, as checks.CanonicalArea compares.
func foldArea(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(s)
}

// source reads a statement's source.
func (p *tomParser) source(n *yaml.Node) *Source {
	s := &Source{}
	f, ok := p.mapping(n, "source", `{document: tom.pdf, section: "4", line: 112}`, []string{"document", "section", "line", "quote"})
	if !ok {
		return s
	}
	s.Document, _ = p.text(f.val("document"), "source.document", "tom.pdf")
	s.Section, _ = p.text(f.val("section"), "source.section", `"4.2"`)
	s.Quote, _ = p.text(f.val("quote"), "source.quote", "the sentence quoted")
	if f.has("line") && !isNull(f.val("line")) {
		v, ok := p.number(f.val("line"), "source.line", "line: 112")
		if ok && (v < 1 || v != float64(int(v))) {
			p.errorf(f.val("line"), "Write the line of the statement in the document as a whole number from 1, e.g. line: 112.", "source.line %s is not a line number", f.val("line").Value)
		} else if ok {
			s.Line = int(v)
		}
	}
	return s
}

// confidence reads a number from 0 to 1.
func (p *tomParser) confidence(n *yaml.Node) *float64 {
	v, ok := p.number(n, "confidence", "confidence: 0.8")
	if !ok {
		return nil
	}
	if v < 0 || v > 1 {
		p.errorf(n, "confidence is a number from 0 to 1, as tomcheck import writes it, e.g. confidence: 0.8.", "confidence %s is out of range", resolve(n).Value)
		return nil
	}
	return &v
}

// attestation reads a claim's attestation requirement.
func (p *tomParser) attestation(n *yaml.Node) *AttestationReq {
	a := &AttestationReq{Pos: p.pos(resolve(n))}
	if isNull(n) {
		return a
	}
	f, ok := p.mapping(n, "attestation", "{max_age: P12M}", []string{"max_age"})
	if !ok || !f.has("max_age") {
		return a
	}
	s, ok := p.text(f.val("max_age"), "attestation.max_age", "max_age: P12M")
	if !ok {
		if isNull(f.val("max_age")) {
			p.errorf(f.val("max_age"), "Write an ISO-8601 duration such as P12M (a year) or P6M, or remove max_age.", "attestation.max_age is empty")
		}
		return a
	}
	d, err := isodur.Parse(s)
	switch {
	case err != nil:
		p.errorf(f.val("max_age"), "Write an ISO-8601 duration such as P12M (twelve months), P1Y or P90D.", "invalid attestation.max_age: %v", err)
	case d.IsZero():
		p.errorf(f.val("max_age"), "Write a duration longer than zero, such as P12M.", "attestation.max_age %q is zero", s)
	default:
		a.MaxAge = &d
	}
	return a
}

// checkAndParams reads check and params, validating params against the
// check's schema.
func (p *tomParser) checkAndParams(c *Claim, f *fields) {
	id, ok := p.text(f.val("check"), "check", "transport.tls_min_version")
	if !ok {
		return
	}
	c.Check = id
	paramsNode := f.val("params")
	if p.cat == nil {
		if paramsNode != nil && !isNull(paramsNode) {
			if m, ok := plain(paramsNode).(map[string]any); ok {
				c.Params = m
			} else {
				p.errorf(paramsNode, "Write the parameters as a mapping of names to values, e.g. params: {hours: 24}.", "params must be a mapping, got %s", kindName(paramsNode))
			}
		}
		return
	}
	ch, known := p.cat.Get(id)
	if !known {
		detail := `"tomcheck checks" lists the available checks.`
		if s := diag.Suggest(id, p.cat.IDs()); s != "" {
			detail = fmt.Sprintf("Did you mean %q? ", s) + detail
		}
		p.errorf(f.val("check"), detail, "unknown check %q", id)
		return
	}
	at := c.Pos
	if f.has("params") {
		at = p.pos(paramsNode)
	}
	params, applied, ds := checks.ValidateParams(ch, paramsNode, at)
	c.Params, c.DefaultsApplied = params, applied
	p.ds = append(p.ds, ds...)
}

// exceptionKeys are the keys of an exception; all are required.
func exceptionKeys() []string { return []string{"subject", "reason", "approved_by", "expires"} }

// exceptions reads a claim's exceptions.
func (p *tomParser) exceptions(n *yaml.Node) []Exception {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, `Write exceptions as a list, each entry starting with "- subject: …".`, "exceptions must be a list, got %s", kindName(n))
		return nil
	}
	var out []Exception
	for _, en := range n.Content {
		if x, ok := p.exception(en); ok {
			out = append(out, x)
		}
	}
	return out
}

// exception reads one exception; ok is false when it is unusable.
func (p *tomParser) exception(n *yaml.Node) (Exception, bool) {
	n = resolve(n)
	x := Exception{Pos: p.pos(n)}
	f, ok := p.mapping(n, "exception", `{subject: "*bastion*", reason: …, approved_by: …, expires: 2027-03-31}`, exceptionKeys())
	if !ok {
		return x, false
	}
	fixes := map[string]string{
		"subject":     `Give a glob matched against the subjects and resource ids of findings, e.g. subject: "*bastion*".`,
		"reason":      "Say why the failing finding is acceptable, e.g. reason: Bastion host, replaced by SSM in Q1.",
		"approved_by": "Name who approved the exception, e.g. approved_by: ISB Müller.",
		"expires":     fmt.Sprintf("Give the last day the exception holds, at most %d months ahead, e.g. expires: %s.", maxExceptionMonths, p.latestExpiry().Format(time.DateOnly)),
	}
	good := true
	texts := map[string]string{}
	for _, key := range exceptionKeys() {
		s, ok := p.text(f.val(key), "exception "+key, "…")
		if !ok || strings.TrimSpace(s) == "" {
			if !f.has(key) || isNull(f.val(key)) || ok {
				p.errorf(n, fixes[key], "exception is missing %s", key)
			}
			good = false
			continue
		}
		texts[key] = s
	}
	x.Subject, x.Reason, x.ApprovedBy = texts["subject"], texts["reason"], texts["approved_by"]
	if x.Subject != "" && !p.glob(f.val("subject"), x.Subject, "exception subject") {
		good = false
	}
	if s, ok := texts["expires"]; ok {
		exp, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		latest := p.latestExpiry()
		switch {
		case err != nil:
			p.errorf(f.val("expires"), fixes["expires"], "exception expires %q is not a date (YYYY-MM-DD)", s)
			good = false
		case exp.After(latest):
			p.errorf(f.val("expires"), fmt.Sprintf("An exception lasts at most %d months from today (%s): set expires to %s or earlier, and renew it then.",
				maxExceptionMonths, p.today().Format(time.DateOnly), latest.Format(time.DateOnly)),
				"exception expires %s, more than %d months ahead", exp.Format(time.DateOnly), maxExceptionMonths)
			good = false
		default:
			x.Expires = exp
			if !p.now.Before(exp.AddDate(0, 0, 1)) {
				p.warnf(f.val("expires"), "It no longer applies and every report flags it; renew it with a new expires date or remove it.",
					"exception %q expired on %s", x.Subject, exp.Format(time.DateOnly))
			}
		}
	}
	return x, good
}

// today is the date of now in UTC, at midnight.
func (p *tomParser) today() time.Time {
	y, m, d := p.now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// latestExpiry is the last date an exception may name.
func (p *tomParser) latestExpiry() time.Time {
	return p.today().AddDate(0, maxExceptionMonths, 0)
}

// unmapped reads one entry of unmapped.
func (p *tomParser) unmapped(n *yaml.Node) (Unmapped, bool) {
	n = resolve(n)
	u := Unmapped{Pos: p.pos(n)}
	f, ok := p.mapping(n, "unmapped statement", "{statement: Die Mitarbeiter sind angehalten …}", []string{"statement", "source", "type", "confidence"})
	if !ok {
		return u, false
	}
	s, ok := p.text(f.val("statement"), "statement", "Die Mitarbeiter sind angehalten …")
	if !ok || strings.TrimSpace(s) == "" {
		if !f.has("statement") || isNull(f.val("statement")) || ok {
			p.errorf(n, "Add the statement of the TOM document, in its own words; reports list it as not checked.", "unmapped statement has no statement")
		}
	}
	u.Statement = s
	if f.has("source") && !isNull(f.val("source")) {
		u.Source = p.source(f.val("source"))
	}
	u.Type, _ = p.text(f.val("type"), "type", "org.clean_desk_screen")
	if f.has("confidence") && !isNull(f.val("confidence")) {
		u.Confidence = p.confidence(f.val("confidence"))
	}
	return u, true
}
