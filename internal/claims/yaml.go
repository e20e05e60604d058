package claims

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// maxNodes caps the nodes a file may expand to through YAML aliases, so an
// alias bomb costs nothing.
const maxNodes = 200_000

// maxDepth caps the nesting of a file, aliases followed.
const maxDepth = 200

// yamlDetail is the fix for YAML syntax errors.
const yamlDetail = `The file must be valid YAML: indent with spaces, not tabs, and quote values that contain ": " or start with a special character such as *, &, !, [ or {.`

// reader walks the YAML nodes of one file and collects diagnostics.
type reader struct {
	file  string
	lines []string // the input's lines, to keep reported positions inside it
	ds    diag.Diagnostics
}

func newReader(file string, src []byte) *reader {
	return &reader{file: file, lines: strings.Split(string(src), "\n")}
}

// clamp keeps the diagnostics about this file inside it: yaml.v3 places an
// implicit null (a key with nothing after it at the end of the file) just
// past the last line.
func (r *reader) clamp() {
	for i := range r.ds {
		p := &r.ds[i].Pos
		if p.File != r.file || p.Line <= 0 {
			continue
		}
		if p.Line > len(r.lines) {
			p.Line = len(r.lines)
			p.Column = utf8.RuneCountInString(r.lines[p.Line-1]) + 1
			continue
		}
		if limit := utf8.RuneCountInString(r.lines[p.Line-1]) + 1; p.Column > limit {
			p.Column = limit
		}
	}
}

// pos returns the position of n in the file.
func (r *reader) pos(n *yaml.Node) diag.Pos {
	if n == nil || n.Line <= 0 {
		return diag.Pos{File: r.file}
	}
	return diag.Pos{File: r.file, Line: n.Line, Column: n.Column}
}

func (r *reader) errorf(n *yaml.Node, detail, format string, args ...any) {
	r.ds.Errorf(r.pos(n), detail, format, args...)
}

func (r *reader) warnf(n *yaml.Node, detail, format string, args ...any) {
	r.ds.Warnf(r.pos(n), detail, format, args...)
}

// document parses src as exactly one YAML document and returns its root
// node, or nil after reporting why there is none. what names the file in
// messages ("claims file").
func (r *reader) document(src []byte, what, emptyDetail string) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.ds.Errorf(diag.Pos{File: r.file}, emptyDetail, "the %s is empty", what)
			return nil
		}
		r.syntaxError(err)
		return nil
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		r.errorf(&extra, "Keep one document per file: remove the \"---\" line and everything after it, or merge the documents.",
			"the %s holds more than one YAML document", what)
	case !errors.Is(err, io.EOF):
		r.syntaxError(err)
		return nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		r.ds.Errorf(diag.Pos{File: r.file}, emptyDetail, "the %s is empty", what)
		return nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" && root.Value == "" {
		r.ds.Errorf(diag.Pos{File: r.file}, emptyDetail, "the %s is empty", what)
		return nil
	}
	if !r.checkAliases(root) {
		return nil
	}
	return root
}

// syntaxError reports a YAML parse error at the line yaml.v3 names.
func (r *reader) syntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				line, msg = n, tail
			}
		}
	}
	if line > len(r.lines) {
		line = len(r.lines)
	}
	r.ds.Errorf(diag.Pos{File: r.file, Line: line}, yamlDetail, "invalid YAML: %s", msg)
}

// checkAliases rejects aliases that refer to themselves or that expand the
// document beyond maxNodes, so walking it afterwards is safe.
func (r *reader) checkAliases(root *yaml.Node) bool {
	sizes := map[*yaml.Node]int{}
	active := map[*yaml.Node]bool{}
	ok := true
	var size func(n *yaml.Node, depth int) int
	size = func(n *yaml.Node, depth int) int {
		if n == nil || !ok {
			return 0
		}
		if s, done := sizes[n]; done {
			return s
		}
		if depth > maxDepth {
			ok = false
			r.errorf(n, "Flatten the structure; tomcheck's files need only a few levels.", "the YAML nests more than %d levels deep", maxDepth)
			return 0
		}
		if active[n] {
			ok = false
			r.errorf(n, "Anchor a node and refer to it elsewhere, never from inside itself.", "YAML anchor %q contains an alias to itself", n.Anchor)
			return 0
		}
		active[n] = true
		total := 1
		if n.Kind == yaml.AliasNode {
			total += size(n.Alias, depth+1)
		}
		for _, c := range n.Content {
			total += size(c, depth+1)
			if total > maxNodes {
				total = maxNodes + 1
			}
		}
		active[n] = false
		sizes[n] = total
		return total
	}
	if size(root, 0) > maxNodes && ok {
		r.errorf(root, "Write the repeated parts out, or use fewer nested aliases.",
			"the file expands to more than %d YAML nodes through aliases", maxNodes)
		return false
	}
	return ok
}

// resolve follows aliases; the document passed checkAliases, so this ends.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// isNull reports whether n is absent or a YAML null ("key:" with nothing after it).
func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// kindName describes a node for "got …" in messages.
func kindName(n *yaml.Node) string {
	n = resolve(n)
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "null"
	case "!!bool":
		return "boolean " + n.Value
	case "!!int", "!!float":
		return "number " + n.Value
	}
	return fmt.Sprintf("string %q", n.Value)
}

// fields is a mapping read by reader.mapping: its known keys and values.
type fields struct {
	keys map[string]*yaml.Node
	vals map[string]*yaml.Node
}

// has reports whether the mapping sets key (to anything, null included).
func (f *fields) has(key string) bool {
	_, ok := f.vals[key]
	return ok
}

// val returns the value of key with aliases resolved, or nil.
func (f *fields) val(key string) *yaml.Node {
	return resolve(f.vals[key])
}

// key returns the key node of key, or nil.
func (f *fields) key(key string) *yaml.Node {
	return f.keys[key]
}

// mapping reads n as a mapping with the given keys, reporting a node that is
// not a mapping, duplicate keys and unknown keys (with a suggestion). what
// names the mapping in messages ("claim"), example shows its shape.
func (r *reader) mapping(n *yaml.Node, what, example string, allowed []string) (*fields, bool) {
	f := &fields{keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		r.errorf(n, fmt.Sprintf("Write %s as key: value pairs, e.g. %s.", what, example), "%s must be a mapping, got %s", what, kindName(n))
		return f, false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			r.errorf(k, "Write each key as a plain word.", "a key of %s must be a string, got %s", what, kindName(k))
			continue
		}
		key := k.Value
		if first, dup := f.keys[key]; dup {
			r.errorf(k, fmt.Sprintf("It is first set at line %d; remove one of them.", first.Line), "duplicate key %q in %s", key, what)
			continue
		}
		if !contains(allowed, key) {
			detail := fmt.Sprintf("Valid keys: %s.", strings.Join(allowed, ", "))
			if key == "<<" {
				detail = "YAML merge keys are not supported; write the keys out. " + detail
			} else if s := diag.Suggest(key, allowed); s != "" {
				detail = fmt.Sprintf("Did you mean %q? ", s) + detail
			}
			r.errorf(k, detail, "unknown key %q in %s", key, what)
			continue
		}
		f.keys[key], f.vals[key] = k, v
	}
	return f, true
}

// text reads a scalar as the text written; ok is false for null (the
// caller decides whether that is missing) and for lists and mappings,
// which it reports.
func (r *reader) text(n *yaml.Node, what, example string) (string, bool) {
	n = resolve(n)
	if isNull(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, fmt.Sprintf("Write %s as text, e.g. %s.", what, example), "%s must be text, got %s", what, kindName(n))
		return "", false
	}
	return n.Value, true
}

// textList reads a list of non-empty texts, returning each with its node.
func (r *reader) textList(n *yaml.Node, what, example string) ([]string, []*yaml.Node) {
	n = resolve(n)
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		r.errorf(n, fmt.Sprintf("Write %s as a list, e.g. %s.", what, example), "%s must be a list, got %s", what, kindName(n))
		return nil, nil
	}
	var out []string
	var nodes []*yaml.Node
	for _, el := range n.Content {
		el = resolve(el)
		s, ok := r.text(el, "each entry of "+what, example)
		if !ok {
			if isNull(el) {
				r.errorf(el, fmt.Sprintf("Remove the empty entry or fill it in, e.g. %s.", example), "empty entry in %s", what)
			}
			continue
		}
		if strings.TrimSpace(s) == "" {
			r.errorf(el, fmt.Sprintf("Remove the empty entry or fill it in, e.g. %s.", example), "empty entry in %s", what)
			continue
		}
		out = append(out, s)
		nodes = append(nodes, el)
	}
	return out, nodes
}

// number reads a finite number.
func (r *reader) number(n *yaml.Node, what, example string) (float64, bool) {
	n = resolve(n)
	if n != nil && n.Kind == yaml.ScalarNode {
		if tag := n.ShortTag(); tag == "!!int" || tag == "!!float" {
			var f float64
			if err := n.Decode(&f); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f, true
			}
		}
	}
	r.errorf(n, fmt.Sprintf("Write %s as a number, e.g. %s.", what, example), "%s must be a number, got %s", what, kindName(n))
	return 0, false
}

// boolean reads true or false.
func (r *reader) boolean(n *yaml.Node, what string) (bool, bool) {
	n = resolve(n)
	if n != nil && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		var b bool
		if err := n.Decode(&b); err == nil {
			return b, true
		}
	}
	r.errorf(n, fmt.Sprintf("Write %s: true or %s: false.", what, what), "%s must be true or false, got %s", what, kindName(n))
	return false, false
}

// plain converts a node into JSON-compatible Go values: map[string]any,
// []any, string, int64, float64, bool, nil. Timestamps and non-finite
// numbers stay the text written.
func plain(n *yaml.Node) any {
	n = resolve(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := resolve(n.Content[i]); k != nil {
				m[k.Value] = plain(n.Content[i+1])
			}
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, el := range n.Content {
			l = append(l, plain(el))
		}
		return l
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
		var f float64
		if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			return f
		}
	}
	return n.Value
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
