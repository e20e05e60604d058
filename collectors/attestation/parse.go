package attestation

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/internal/diag"
	"github.com/tomcheck/tomcheck/internal/isodur"
)

// fileKeys are the keys of an attestation file, in the order the docs list them.
var fileKeys = []string{"claim", "statement", "document", "sha256", "date", "valid_for", "expires", "signed_off_by"}

// dateLayout is how attestation dates are written.
const dateLayout = "2006-01-02"

// attFile is one parsed attestation file.
type attFile struct {
	Claim       string
	Statement   string
	Document    string // as written: relative to the attestation file
	DocumentPos position
	SHA256      string // lowercase hex
	Date        string // YYYY-MM-DD
	ValidFor    string // ISO-8601 duration as written, or ""
	Expires     string // YYYY-MM-DD, or ""
	SignedOffBy string
}

// position is a line and column in the attestation file; zero means unknown.
type position struct{ Line, Column int }

// problem is one thing wrong with an attestation file, with the fix.
type problem struct {
	position
	Message string
}

// yamlLine finds the line in yaml.v3's syntax errors ("yaml: line 3: …").
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse reads an attestation file. It returns every problem it finds; the
// claim id is filled in whenever it could be read, so gaps can name it.
func parse(src []byte) (attFile, []problem) {
	var a attFile
	var probs []problem
	add := func(n *yaml.Node, format string, args ...any) {
		p := problem{Message: fmt.Sprintf(format, args...)}
		if n != nil {
			p.Line, p.Column = n.Line, n.Column
		}
		probs = append(probs, p)
	}

	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return a, []problem{{position{1, 1}, "the file is empty; an attestation names claim, document, sha256, date, signed_off_by and valid_for or expires"}}
		}
		return a, []problem{yamlProblem(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		p := problem{position{extra.Line, extra.Column}, "the file holds more than one YAML document; write one attestation per file"}
		if err != nil {
			p = yamlProblem(err)
		}
		return a, []problem{p}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		add(root, "an attestation must be a YAML mapping with the keys %s", strings.Join(fileKeys, ", "))
		return a, probs
	}

	values := map[string]*yaml.Node{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if !known(k.Value) {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := didYouMean(k.Value); s != "" {
				msg += "; " + s
			} else {
				msg += "; an attestation has the keys " + strings.Join(fileKeys, ", ")
			}
			add(k, "%s", msg)
			continue
		}
		if _, dup := values[k.Value]; dup {
			add(k, "key %q appears twice; keep one", k.Value)
			continue
		}
		values[k.Value] = v
	}

	// str returns a key's scalar value; a non-scalar value is a problem.
	str := func(key string) (string, *yaml.Node) {
		v := values[key]
		if v == nil || (v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
			return "", v
		}
		if v.Kind != yaml.ScalarNode {
			add(v, "%s must be a single value, not a list or mapping", key)
			return "", v
		}
		return strings.TrimSpace(v.Value), v
	}
	required := map[string]string{
		"claim":         "add the id of the claim in tom.yaml that this attestation covers, e.g. claim: visitors-escorted",
		"document":      "add the path of the signed-off document, relative to this file, e.g. document: docs/besucherbuch-2026-q3.pdf",
		"sha256":        "add the document's SHA-256 as sha256sum prints it",
		"date":          "add the day of the sign-off as YYYY-MM-DD, e.g. date: 2026-10-01",
		"signed_off_by": "add who signed the attestation off, e.g. signed_off_by: Facility Management, J. Weber",
	}
	need := func(key string) (string, *yaml.Node) {
		s, n := str(key)
		if s == "" && (n == nil || n.Kind == yaml.ScalarNode) {
			at := n
			if at == nil {
				at = root
			}
			add(at, "missing %s: %s", key, required[key])
		}
		return s, n
	}

	a.Claim, _ = need("claim")
	a.Statement, _ = str("statement")
	var docNode *yaml.Node
	a.Document, docNode = need("document")
	if docNode != nil {
		a.DocumentPos = position{docNode.Line, docNode.Column}
	}

	sum, sumNode := need("sha256")
	if sum != "" {
		if !isSHA256(sum) {
			add(sumNode, "sha256 %q is not a SHA-256: write the 64 hex digits that sha256sum prints for the document", sum)
		} else {
			a.SHA256 = strings.ToLower(sum)
		}
	}

	var date time.Time
	dateText, dateNode := need("date")
	if dateText != "" {
		d, err := time.Parse(dateLayout, dateText)
		if err != nil {
			add(dateNode, "date %q is not a date: write it as YYYY-MM-DD, e.g. 2026-10-01", dateText)
		} else {
			date, a.Date = d, d.Format(dateLayout)
		}
	}

	a.SignedOffBy, _ = need("signed_off_by")

	if vf, vfNode := str("valid_for"); vf != "" {
		d, err := isodur.Parse(vf)
		switch {
		case err != nil:
			add(vfNode, "valid_for: %v", err)
		case d.IsZero():
			add(vfNode, "valid_for %q adds nothing: give how long the attestation stays valid, e.g. P12M", vf)
		default:
			a.ValidFor = vf
		}
	}
	if ex, exNode := str("expires"); ex != "" {
		e, err := time.Parse(dateLayout, ex)
		switch {
		case err != nil:
			add(exNode, "expires %q is not a date: write the last valid day as YYYY-MM-DD, e.g. 2027-09-30", ex)
		case !date.IsZero() && e.Before(date):
			add(exNode, "expires %s is before date %s: give the last day the attestation is valid", e.Format(dateLayout), a.Date)
		default:
			a.Expires = e.Format(dateLayout)
		}
	}
	return a, probs
}

// yamlProblem turns a yaml.v3 syntax error into a problem with its line.
func yamlProblem(err error) problem {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, convErr := strconv.Atoi(m[1])
		if convErr == nil {
			return problem{position{line, 0}, "invalid YAML: " + m[2]}
		}
	}
	return problem{position{}, "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

func known(key string) bool {
	for _, k := range fileKeys {
		if k == key {
			return true
		}
	}
	return false
}

func didYouMean(key string) string {
	return diag.DidYouMean(key, fileKeys)
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
