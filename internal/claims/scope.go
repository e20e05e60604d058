package claims

import (
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// Scope selects the records a claim's check judges: by target group or
// target id, by subject glob and by labels. A claim's own scope replaces the
// project's default scope as a whole.
type Scope struct {
	Targets []string          // group names or target ids ("prod-aws", "terraform/infra")
	Include []string          // subject globs, at least one must match when given
	Exclude []string          // subject globs, none may match
	Labels  map[string]string // every label must be present with this value
	Pos     diag.Pos

	targetPos []diag.Pos // where each entry of Targets is written
}

// scopeKeys are the keys of a scope, in the order messages list them.
func scopeKeys() []string { return []string{"targets", "include", "exclude", "labels"} }

// scope reads a scope mapping; what names it in messages ("scope").
func (r *reader) scope(n *yaml.Node, what string) *Scope {
	s := &Scope{Pos: r.pos(resolve(n))}
	f, ok := r.mapping(n, what, "{labels: {env: prod}}", scopeKeys())
	if !ok {
		return s
	}
	var nodes []*yaml.Node
	s.Targets, nodes = r.textList(f.val("targets"), what+".targets", "targets: [prod-aws, terraform/infra]")
	for _, tn := range nodes {
		s.targetPos = append(s.targetPos, r.pos(tn))
	}
	s.Include = r.patterns(f.val("include"), what+".include")
	s.Exclude = r.patterns(f.val("exclude"), what+".exclude")
	if f.has("labels") {
		s.Labels = r.labels(f.val("labels"), what+".labels")
	}
	return s
}

// patterns reads a list of subject globs.
func (r *reader) patterns(n *yaml.Node, what string) []string {
	list, nodes := r.textList(n, what, what[strings.LastIndex(what, ".")+1:]+`: ["*prod*"]`)
	var out []string
	for i, p := range list {
		if r.glob(nodes[i], p, "pattern") {
			out = append(out, p)
		}
	}
	return out
}

// glob checks one pattern, warning about characters other dialects treat
// as special.
func (r *reader) glob(n *yaml.Node, p, what string) bool {
	if _, err := CompileGlob(p); err != nil {
		r.errorf(n, `Write a glob: "*" matches any run of characters, "?" one character, everything else itself.`, "invalid %s %q: %v", what, p, err)
		return false
	}
	if hasClassSyntax(p) {
		r.warnf(n, `Only "*" and "?" are special in a pattern; brackets and braces match themselves. Write one pattern per alternative instead.`,
			"%s %q matches brackets or braces literally", what, p)
	}
	return true
}

// labels reads a label selector: a mapping of strings to strings.
func (r *reader) labels(n *yaml.Node, what string) map[string]string {
	out := map[string]string{}
	n = resolve(n)
	if isNull(n) {
		return out
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n, fmt.Sprintf("Write %s as a mapping of label names to values, e.g. labels: {env: prod}.", what), "%s must be a mapping, got %s", what, kindName(n))
		return out
	}
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k == nil || v == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			r.errorf(k, fmt.Sprintf("Quote the label name: \"%s\".", k.Value), "label name in %s must be a string, got %s", what, kindName(k))
			continue
		}
		if line, dup := first[k.Value]; dup {
			r.errorf(k, fmt.Sprintf("It is first set at line %d; remove one of them.", line), "duplicate label %q in %s", k.Value, what)
			continue
		}
		first[k.Value] = k.Line
		if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
			detail := fmt.Sprintf("Labels and tags are strings: quote the value, e.g. %s: \"%s\".", k.Value, v.Value)
			if v.Kind != yaml.ScalarNode || isNull(v) {
				detail = fmt.Sprintf("Write the label's value as a string, e.g. %s: prod.", k.Value)
			}
			r.errorf(v, detail, "label %q must be a string, got %s", k.Value, kindName(v))
			continue
		}
		out[k.Value] = v.Value
	}
	return out
}

// scopeNames returns the sorted names a scope's targets may use.
func scopeNames(known map[string]bool) []string {
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkTargets reports scope target entries that name neither a group nor a target.
func checkTargets(s *Scope, known map[string]bool, projectFile string, ds *diag.Diagnostics) {
	if s == nil {
		return
	}
	names := scopeNames(known)
	for i, t := range s.Targets {
		if known[t] {
			continue
		}
		pos := s.Pos
		if i < len(s.targetPos) {
			pos = s.targetPos[i]
		}
		var detail string
		if len(names) == 0 {
			detail = fmt.Sprintf("%s defines no targets or groups; add them there first.", projectFile)
		} else {
			detail = fmt.Sprintf("Name a group or target of %s: %s.", projectFile, strings.Join(names, ", "))
			if sug := diag.Suggest(t, names); sug != "" {
				detail = fmt.Sprintf("Did you mean %q? ", sug) + detail
			}
		}
		ds.Errorf(pos, detail, "unknown target or group %q in scope", t)
	}
}
