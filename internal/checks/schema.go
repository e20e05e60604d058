package checks

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// The params schema of a check is a strict subset of JSON Schema: type
// (object, array, string, integer, number, boolean, or a list of them),
// properties, required, additionalProperties (true or false), default, enum,
// minimum, maximum, exclusiveMinimum, exclusiveMaximum (numbers), minLength,
// pattern (an RE2 expression, unanchored like JSON Schema's), items,
// minItems, maxItems, uniqueItems, and the annotations description, title,
// examples, $comment, $schema, $id and any "x-" extension (x-personal).
// Unlike JSON Schema, an object schema rejects keys it does not list unless
// it says additionalProperties: true, so a typo never passes silently.

// Limits that keep hostile input (YAML alias bombs, deep nesting) cheap.
const (
	maxParamNodes = 100_000
	maxParamDepth = 64
)

// schemaTypes returns the JSON types the subset supports.
func schemaTypes() []string {
	return []string{"array", "boolean", "integer", "number", "object", "string"}
}

// schema is one parsed level of a params schema.
type schema struct {
	path        string   // where it sits, for messages: "properties.hours"
	types       []string // empty: any type
	properties  map[string]*schema
	required    []string
	additional  bool // additionalProperties: true
	hasDefault  bool
	def         any
	enum        []any
	enumJSON    []string // canonical JSON of each enum value, for comparison
	minimum     *float64
	maximum     *float64
	exclMinimum *float64
	exclMaximum *float64
	minLength   int // -1: none
	pattern     *regexp.Regexp
	items       *schema
	minItems    int // -1: none
	maxItems    int // -1: none
	uniqueItems bool
	description string
}

// ValidateSchema checks that the check's params schema stays within the
// supported subset, that every default and enum value satisfies its own
// schema, and that every parameter the schema does not mark required has a
// default. An empty or nil schema means the check takes no parameters.
func (c *Check) ValidateSchema() error {
	_, err := parseParamsSchema(c.Params)
	return err
}

// parseParamsSchema parses and checks a check's top-level params schema.
func parseParamsSchema(params map[string]any) (*schema, error) {
	var errs []string
	root := parseSchema(params, "", &errs)
	if len(root.types) > 0 && (len(root.types) != 1 || root.types[0] != "object") {
		errs = append(errs, fmt.Sprintf("the params schema must have type object, not %s", strings.Join(root.types, ", ")))
	}
	required := map[string]bool{}
	for _, r := range root.required {
		required[r] = true
	}
	for _, name := range sortedKeys(root.properties) {
		if p := root.properties[name]; !required[name] && !p.hasDefault {
			errs = append(errs, fmt.Sprintf("properties.%s: an optional parameter needs a default; add one or list %q in required", name, name))
		}
	}
	if len(errs) == 0 {
		checkValues(root, "", &errs)
	}
	if len(errs) > 0 {
		return nil, errors.New(strings.Join(errs, "; "))
	}
	return root, nil
}

// parseSchema reads one schema level, appending every problem to errs.
func parseSchema(m map[string]any, path string, errs *[]string) *schema {
	s := &schema{path: path, minLength: -1, minItems: -1, maxItems: -1}
	at := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if path != "" {
			msg = path + ": " + msg
		}
		*errs = append(*errs, msg)
	}
	join := func(key string) string {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	number := func(key string, v any) *float64 {
		f, ok := toFloat(v)
		if !ok {
			at("%s must be a number, got %s", key, goTypeName(v))
			return nil
		}
		return &f
	}
	count := func(key string, v any) int {
		f, ok := toFloat(v)
		if !ok || f < 0 || f != math.Trunc(f) || f > math.MaxInt32 {
			at("%s must be a non-negative whole number, got %s", key, goTypeName(v))
			return -1
		}
		return int(f)
	}
	for _, key := range sortedKeys(m) {
		v := m[key]
		switch key {
		case "type":
			s.types = parseTypes(v, at)
		case "properties":
			props, ok := v.(map[string]any)
			if !ok {
				at("properties must be a mapping of names to schemas, got %s", goTypeName(v))
				continue
			}
			s.properties = map[string]*schema{}
			for _, name := range sortedKeys(props) {
				sub, ok := props[name].(map[string]any)
				if !ok {
					at("properties.%s must be a schema (a mapping), got %s", name, goTypeName(props[name]))
					continue
				}
				s.properties[name] = parseSchema(sub, join("properties."+name), errs)
			}
		case "required":
			list, ok := v.([]any)
			if !ok {
				at("required must be a list of property names, got %s", goTypeName(v))
				continue
			}
			seen := map[string]bool{}
			for _, r := range list {
				name, ok := r.(string)
				switch {
				case !ok:
					at("required must list property names as strings, got %s", goTypeName(r))
				case seen[name]:
					at("required lists %q twice", name)
				default:
					seen[name] = true
					s.required = append(s.required, name)
				}
			}
		case "additionalProperties":
			b, ok := v.(bool)
			if !ok {
				at("additionalProperties must be true or false (schemas are not supported), got %s", goTypeName(v))
				continue
			}
			s.additional = b
		case "default":
			s.hasDefault, s.def = true, v
		case "enum":
			list, ok := v.([]any)
			if !ok || len(list) == 0 {
				at("enum must be a non-empty list, got %s", goTypeName(v))
				continue
			}
			s.enum = list
		case "minimum":
			s.minimum = number(key, v)
		case "maximum":
			s.maximum = number(key, v)
		case "exclusiveMinimum":
			s.exclMinimum = number(key, v)
		case "exclusiveMaximum":
			s.exclMaximum = number(key, v)
		case "minLength":
			s.minLength = count(key, v)
		case "minItems":
			s.minItems = count(key, v)
		case "maxItems":
			s.maxItems = count(key, v)
		case "pattern":
			p, ok := v.(string)
			if !ok {
				at("pattern must be a string, got %s", goTypeName(v))
				continue
			}
			re, err := regexp.Compile(p)
			if err != nil {
				at("pattern %q is not a valid regular expression: %v", p, err)
				continue
			}
			s.pattern = re
		case "items":
			sub, ok := v.(map[string]any)
			if !ok {
				at("items must be a schema (a mapping), got %s", goTypeName(v))
				continue
			}
			s.items = parseSchema(sub, join("items"), errs)
		case "uniqueItems":
			b, ok := v.(bool)
			if !ok {
				at("uniqueItems must be true or false, got %s", goTypeName(v))
				continue
			}
			s.uniqueItems = b
		case "description":
			d, ok := v.(string)
			if !ok {
				at("description must be a string, got %s", goTypeName(v))
				continue
			}
			s.description = d
		case "title", "$comment", "$schema", "$id":
			if _, ok := v.(string); !ok {
				at("%s must be a string, got %s", key, goTypeName(v))
			}
		case "examples":
			if _, ok := v.([]any); !ok {
				at("examples must be a list, got %s", goTypeName(v))
			}
		default:
			if strings.HasPrefix(key, "x-") {
				continue
			}
			at("unsupported keyword %q; the params schema supports type, properties, required, additionalProperties, default, enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, pattern, items, minItems, maxItems, uniqueItems, description", key)
		}
	}
	checkApplicable(s, m, at)
	for _, r := range s.required {
		if _, ok := s.properties[r]; !ok {
			at("required names %q, which is not in properties", r)
		}
	}
	if s.minimum != nil && s.maximum != nil && *s.minimum > *s.maximum {
		at("minimum %s is greater than maximum %s", fmtNum(*s.minimum), fmtNum(*s.maximum))
	}
	if s.minItems >= 0 && s.maxItems >= 0 && s.minItems > s.maxItems {
		at("minItems %d is greater than maxItems %d", s.minItems, s.maxItems)
	}
	return s
}

// parseTypes reads the type keyword: one type name or a list of them.
func parseTypes(v any, at func(string, ...any)) []string {
	var names []any
	switch t := v.(type) {
	case string:
		names = []any{t}
	case []any:
		names = t
	default:
		at("type must be a type name or a list of them, got %s", goTypeName(v))
		return nil
	}
	if len(names) == 0 {
		at("type must not be an empty list")
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		name, ok := n.(string)
		switch {
		case !ok:
			at("type must name types as strings, got %s", goTypeName(n))
		case !contains(schemaTypes(), name):
			at("unsupported type %q; use one of %s", name, strings.Join(schemaTypes(), ", "))
		case seen[name]:
			at("type lists %q twice", name)
		default:
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// checkApplicable rejects keywords that cannot apply to the declared types,
// which are almost always a mistake (a minimum on a string).
func checkApplicable(s *schema, m map[string]any, at func(string, ...any)) {
	if len(s.types) == 0 {
		return
	}
	has := func(ts ...string) bool {
		for _, t := range ts {
			if contains(s.types, t) {
				return true
			}
		}
		return false
	}
	groups := []struct {
		keys  []string
		types []string
		name  string
	}{
		{[]string{"properties", "required", "additionalProperties"}, []string{"object"}, "object"},
		{[]string{"items", "minItems", "maxItems", "uniqueItems"}, []string{"array"}, "array"},
		{[]string{"minLength", "pattern"}, []string{"string"}, "string"},
		{[]string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}, []string{"integer", "number"}, "integer or number"},
	}
	for _, g := range groups {
		if has(g.types...) {
			continue
		}
		for _, k := range g.keys {
			if _, ok := m[k]; ok {
				at("%s applies to type %s, but the type is %s", k, g.name, strings.Join(s.types, ", "))
			}
		}
	}
}

// checkValues checks every default and enum value against its own schema.
func checkValues(s *schema, name string, errs *[]string) {
	prefix := func(key string) string {
		if s.path == "" {
			return key
		}
		return s.path + "." + key
	}
	if s.enum != nil {
		bare := *s
		bare.enum, bare.hasDefault = nil, false
		for i, v := range s.enum {
			n, err := goToNode(v, 0)
			if err != nil {
				*errs = append(*errs, fmt.Sprintf("%s[%d]: %v", prefix("enum"), i, err))
				continue
			}
			d := newDecoder("")
			val, ok := d.value(&bare, n, name, 0)
			for _, p := range d.problems {
				*errs = append(*errs, fmt.Sprintf("%s[%d]: %s", prefix("enum"), i, p.summary))
			}
			if ok {
				s.enumJSON = append(s.enumJSON, canonicalJSON(val))
			}
		}
	}
	if s.hasDefault {
		n, err := goToNode(s.def, 0)
		if err != nil {
			*errs = append(*errs, fmt.Sprintf("%s: %v", prefix("default"), err))
		} else {
			d := newDecoder("")
			d.value(s, n, name, 0)
			for _, p := range d.problems {
				*errs = append(*errs, fmt.Sprintf("%s: %s", prefix("default"), p.summary))
			}
		}
	}
	for _, key := range sortedKeys(s.properties) {
		checkValues(s.properties[key], label(name, key), errs)
	}
	if s.items != nil {
		checkValues(s.items, name+"[]", errs)
	}
}

// ValidateParams checks the params a claim gives for check c against the
// check's schema and returns them as plain JSON-compatible Go values
// (map[string]any, []any, string, int64 for integer, float64 for number,
// bool), with every default filled in. node is the claim's params value;
// nil means none were given. at is where the claim's params are, or the
// claim itself when it has none: its File names the file of every
// diagnostic, and its position stands for problems that have no node of
// their own (a missing required parameter). defaultsApplied lists the
// parameters whose default was used, sorted; nested ones as "outer.inner".
func ValidateParams(c *Check, node *yaml.Node, at diag.Pos) (params map[string]any, defaultsApplied []string, ds diag.Diagnostics) {
	root, err := parseParamsSchema(c.Params)
	if err != nil {
		where := c.File
		if where == "" {
			where = "the check's policy"
		}
		ds.Errorf(at, "This is a bug in the policy, not in the claim: fix custom.params in the METADATA of "+where+".",
			"check %s has an invalid parameter schema: %v", c.ID, err)
		return map[string]any{}, nil, ds
	}
	d := newDecoder(c.ID)
	params = d.object(root, node, "", 0)
	for _, p := range d.problems {
		pos := at
		if p.node != nil {
			pos = diag.Pos{File: at.File, Line: p.node.Line, Column: p.node.Column}
		}
		ds.Errorf(pos, p.detail, "%s", p.summary)
	}
	sort.Strings(d.applied)
	if params == nil {
		params = map[string]any{}
	}
	return params, d.applied, ds
}

// problem is one violation found while decoding params.
type problem struct {
	node    *yaml.Node // nil: the params mapping as a whole, or the claim
	summary string
	detail  string
}

// decoder turns YAML nodes into plain values while checking them against a schema.
type decoder struct {
	check     string // check id; empty while checking the schema's own values
	budget    int
	exhausted bool
	applied   []string
	problems  []problem
}

func newDecoder(check string) *decoder {
	return &decoder{check: check, budget: maxParamNodes}
}

func (d *decoder) report(n *yaml.Node, detail, format string, args ...any) {
	d.problems = append(d.problems, problem{node: n, summary: fmt.Sprintf(format, args...), detail: detail})
}

// resolve follows aliases; it returns nil once the node budget is spent.
func (d *decoder) resolve(n *yaml.Node, depth int) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n == nil || n.Kind == yaml.AliasNode {
		return nil
	}
	if d.exhausted {
		return nil
	}
	d.budget--
	if d.budget < 0 || depth > maxParamDepth {
		d.exhausted = true
		d.report(n, "Write the parameters out plainly; YAML aliases that expand this far are not accepted.",
			"parameters nest too deeply or expand too many aliases")
		return nil
	}
	return n
}

// label names a parameter in messages: "hours", "tls.version", "ports[1]".
func label(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// about returns " name: description" to append to a detail, or "".
func about(s *schema, name string) string {
	if s.description == "" || name == "" {
		return ""
	}
	return " " + name + ": " + s.description
}

// value decodes n against s. ok is false when n does not have a usable value.
func (d *decoder) value(s *schema, n *yaml.Node, name string, depth int) (any, bool) {
	n = d.resolve(n, depth)
	if n == nil {
		return nil, false
	}
	typ, ok := d.pickType(s, n, name)
	if !ok {
		return nil, false
	}
	var v any
	switch typ {
	case "object":
		m := d.object(s, n, name, depth)
		if m == nil {
			return nil, false
		}
		v = m
	case "array":
		l, ok := d.array(s, n, name, depth)
		if !ok {
			return nil, false
		}
		v = l
	case "any":
		v = plain(n, d, depth)
	default:
		sv, _ := scalar(n)
		switch typ {
		case "string":
			str := n.Value
			if !d.checkString(s, n, name, str) {
				return nil, false
			}
			v = str
		case "integer":
			i, ok := toInt64(sv)
			if !ok {
				return nil, false
			}
			if !d.checkBounds(s, n, name, float64(i), "a whole number") {
				return nil, false
			}
			v = i
		case "number":
			f, _ := toFloat(sv)
			if !d.checkBounds(s, n, name, f, "a number") {
				return nil, false
			}
			v = f
		case "boolean":
			v = sv
		}
	}
	if !d.checkEnum(s, n, name, v) {
		return nil, false
	}
	return v, true
}

// pickType decides which of the schema's types n is, reporting a mismatch.
// It returns "any" for a schema without a type that has nothing to check.
func (d *decoder) pickType(s *schema, n *yaml.Node, name string) (string, bool) {
	if len(s.types) == 0 {
		switch {
		case n.Kind == yaml.MappingNode && s.properties != nil:
			return "object", true
		case n.Kind == yaml.SequenceNode && s.items != nil:
			return "array", true
		}
		return "any", true
	}
	has := func(t string) bool { return contains(s.types, t) }
	switch n.Kind {
	case yaml.MappingNode:
		if has("object") {
			return "object", true
		}
	case yaml.SequenceNode:
		if has("array") {
			return "array", true
		}
	case yaml.ScalarNode:
		v, kind := scalar(n)
		switch kind {
		case "string":
			if has("string") {
				return "string", true
			}
		case "boolean":
			if has("boolean") {
				return "boolean", true
			}
		case "integer":
			if has("integer") {
				return "integer", true
			}
			if has("number") {
				return "number", true
			}
		case "number":
			f, _ := v.(float64)
			if has("integer") && f == math.Trunc(f) && math.Abs(f) < 1<<63 && (!has("number") || !isFloatLiteral(n)) {
				return "integer", true
			}
			if has("number") {
				return "number", true
			}
		}
	}
	d.typeMismatch(s, n, name)
	return "", false
}

// isFloatLiteral reports whether the scalar was written with a fraction or exponent.
func isFloatLiteral(n *yaml.Node) bool {
	return strings.ContainsAny(n.Value, ".eE")
}

// typeMismatch reports a value of the wrong type, with the fix.
func (d *decoder) typeMismatch(s *schema, n *yaml.Node, name string) {
	want := expectPhrase(s.types)
	got := describe(n)
	v, kind := scalar(n)
	fix := "Write " + want + "."
	switch {
	case n.Kind != yaml.ScalarNode:
	case contains(s.types, "string") && kind != "null" && kind != "string":
		fix = fmt.Sprintf("Quote the value: %q.", n.Value)
	case kind == "string" && (contains(s.types, "number") || contains(s.types, "integer")) && looksNumeric(n.Value):
		fix = "Remove the quotes: " + strings.TrimSpace(n.Value) + "."
	case kind == "number" && contains(s.types, "integer") && !contains(s.types, "number"):
		if f, _ := v.(float64); !math.IsNaN(f) && !math.IsInf(f, 0) {
			fix = "Write a whole number."
		}
	case kind == "null" && s.hasDefault:
		fix = fmt.Sprintf("Write %s, or leave %s out to use its default.", want, name)
	}
	d.report(n, fix+about(s, name), "parameter %q must be %s, got %s", name, want, got)
}

func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

// expectPhrase renders the expected types: "a number", "a string or a list".
func expectPhrase(types []string) string {
	phrases := make([]string, 0, len(types))
	for _, t := range types {
		phrases = append(phrases, typePhrase(t))
	}
	return strings.Join(phrases, " or ")
}

func typePhrase(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	}
	return "a string"
}

// describe renders a node for "got …": `string "24h"`, `number 1.2`, `a list`.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	_, kind := scalar(n)
	switch kind {
	case "null":
		return "null"
	case "string":
		return fmt.Sprintf("string %q", n.Value)
	case "boolean":
		return "boolean " + n.Value
	}
	return "number " + n.Value
}

// object decodes a mapping against an object schema; n may be nil (no
// value given: defaults only). It returns nil when n is not a mapping.
func (d *decoder) object(s *schema, n *yaml.Node, name string, depth int) map[string]any {
	out := map[string]any{}
	if n != nil {
		n = d.resolve(n, depth)
		if n == nil {
			return nil
		}
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && name == "" {
			n = nil // "params:" with nothing after it
		} else if n.Kind != yaml.MappingNode {
			if name == "" {
				detail := fmt.Sprintf("Write the parameters as a mapping of names to values, e.g. params: {%s}.", example(s))
				if len(s.properties) == 0 && !s.additional {
					detail = fmt.Sprintf("%s takes no parameters; remove params.", d.check)
				}
				d.report(n, detail, "params must be a mapping, got %s", describe(n))
				return nil
			}
			d.typeMismatch(&schema{types: []string{"object"}, description: s.description}, n, name)
			return nil
		}
	}
	mapping := n
	seen := map[string]*yaml.Node{}
	if mapping != nil {
		for i := 0; i+1 < len(mapping.Content); i += 2 {
			k, v := d.resolve(mapping.Content[i], depth+1), mapping.Content[i+1]
			if k == nil {
				continue
			}
			if k.Kind != yaml.ScalarNode {
				d.report(k, "Write each name as a plain word.", "%s must be a string", keyNoun(name))
				continue
			}
			key := k.Value
			if first, dup := seen[key]; dup {
				d.report(k, fmt.Sprintf("It is first set at line %d; remove one of them.", first.Line), "duplicate %s", keyName(name, key))
				continue
			}
			seen[key] = k
			prop, known := s.properties[key]
			if !known {
				if s.additional {
					out[key] = plain(v, d, depth+1)
					continue
				}
				d.unknownKey(s, k, name)
				continue
			}
			if val, ok := d.value(prop, v, label(name, key), depth+1); ok {
				out[key] = val
			}
		}
	}
	for _, r := range s.required {
		if _, ok := seen[r]; ok {
			continue
		}
		prop := s.properties[r]
		if name == "" {
			d.report(mapping, fmt.Sprintf("Add it under params, e.g. params: {%s: <%s>}.%s", r, placeholder(prop), about(prop, r)),
				"missing required parameter %q of check %s", r, d.check)
		} else {
			d.report(mapping, fmt.Sprintf("Add %s: <%s> to %s.%s", r, placeholder(prop), name, about(prop, r)),
				"parameter %q lacks the required key %q", name, r)
		}
	}
	for _, key := range sortedKeys(s.properties) {
		prop := s.properties[key]
		if _, ok := seen[key]; ok || !prop.hasDefault {
			continue
		}
		dn, err := goToNode(prop.def, 0)
		if err != nil {
			continue // ValidateSchema has rejected such a default already
		}
		sub := newDecoder(d.check)
		if val, ok := sub.value(prop, dn, label(name, key), depth+1); ok && len(sub.problems) == 0 {
			out[key] = val
			d.applied = append(d.applied, label(name, key))
			d.applied = append(d.applied, sub.applied...)
		}
	}
	return out
}

// example renders a parameter for "params: {…}": the first required one,
// else the first one, else a placeholder.
func example(s *schema) string {
	names := sortedKeys(s.properties)
	if len(s.required) > 0 {
		names = s.required
	}
	if len(names) == 0 {
		return "name: value" // additionalProperties: true and nothing listed
	}
	return fmt.Sprintf("%s: <%s>", names[0], placeholder(s.properties[names[0]]))
}

// keyNoun names the keys of a mapping in messages.
func keyNoun(name string) string {
	if name == "" {
		return "a parameter name"
	}
	return fmt.Sprintf("a key of parameter %q", name)
}

// keyName names one key in messages.
func keyName(name, key string) string {
	if name == "" {
		return fmt.Sprintf("parameter %q", key)
	}
	return fmt.Sprintf("key %q in parameter %q", key, name)
}

// placeholder renders the type of a parameter for an example: "number".
func placeholder(s *schema) string {
	if len(s.types) == 0 {
		return "value"
	}
	return strings.TrimPrefix(strings.TrimPrefix(typePhrase(s.types[0]), "a "), "an ")
}

// unknownKey reports a key the schema does not list, with a suggestion.
func (d *decoder) unknownKey(s *schema, k *yaml.Node, name string) {
	names := sortedKeys(s.properties)
	owner := name
	if name == "" {
		owner = d.check
	}
	var detail string
	if len(names) == 0 {
		detail = fmt.Sprintf("%s takes no parameters; remove it.", owner)
		if name != "" {
			detail = fmt.Sprintf("%s takes no keys; remove it.", name)
		}
	} else {
		detail = fmt.Sprintf("%s takes: %s.", owner, strings.Join(names, ", "))
		if s := diag.Suggest(k.Value, names); s != "" {
			detail = fmt.Sprintf("Did you mean %q? ", s) + detail
		}
	}
	if name == "" {
		d.report(k, detail, "unknown parameter %q for check %s", k.Value, d.check)
		return
	}
	d.report(k, detail, "unknown key %q in parameter %q", k.Value, name)
}

// array decodes a sequence against an array schema.
func (d *decoder) array(s *schema, n *yaml.Node, name string, depth int) ([]any, bool) {
	out := make([]any, 0, len(n.Content))
	ok := true
	firstAt := map[string]int{}
	for i, el := range n.Content {
		item := s.items
		if item == nil {
			item = &schema{minLength: -1, minItems: -1, maxItems: -1}
		}
		v, good := d.value(item, el, fmt.Sprintf("%s[%d]", name, i), depth+1)
		if !good {
			ok = false
			continue
		}
		if s.uniqueItems {
			key := canonicalJSON(v)
			if _, dup := firstAt[key]; dup {
				at := d.resolve(el, depth+1)
				d.report(at, fmt.Sprintf("Remove the repeated item; %s lists each value once.", name), "parameter %q lists %s twice", name, key)
				ok = false
				continue
			}
			firstAt[key] = i
		}
		out = append(out, v)
	}
	if s.minItems >= 0 && len(n.Content) < s.minItems {
		d.report(n, fmt.Sprintf("List at least %d item(s).%s", s.minItems, about(s, name)),
			"parameter %q has %d item(s), fewer than the minimum %d", name, len(n.Content), s.minItems)
		ok = false
	}
	if s.maxItems >= 0 && len(n.Content) > s.maxItems {
		d.report(n, fmt.Sprintf("List at most %d item(s).%s", s.maxItems, about(s, name)),
			"parameter %q has %d item(s), more than the maximum %d", name, len(n.Content), s.maxItems)
		ok = false
	}
	return out, ok
}

// checkString applies minLength and pattern.
func (d *decoder) checkString(s *schema, n *yaml.Node, name, v string) bool {
	if s.minLength >= 0 && utf8.RuneCountInString(v) < s.minLength {
		d.report(n, fmt.Sprintf("Write at least %d character(s).%s", s.minLength, about(s, name)),
			"parameter %q is shorter than %d character(s)", name, s.minLength)
		return false
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		d.report(n, fmt.Sprintf("The value must match the regular expression %s.%s", s.pattern.String(), about(s, name)),
			"parameter %q does not match its pattern", name)
		return false
	}
	return true
}

// checkBounds applies minimum, maximum and their exclusive forms.
func (d *decoder) checkBounds(s *schema, n *yaml.Node, name string, f float64, what string) bool {
	var lower, upper string
	switch {
	case s.minimum != nil:
		lower = "at least " + fmtNum(*s.minimum)
	case s.exclMinimum != nil:
		lower = "greater than " + fmtNum(*s.exclMinimum)
	}
	switch {
	case s.maximum != nil:
		upper = "at most " + fmtNum(*s.maximum)
	case s.exclMaximum != nil:
		upper = "less than " + fmtNum(*s.exclMaximum)
	}
	bounds := lower
	if upper != "" {
		if bounds != "" {
			bounds += " and "
		}
		bounds += upper
	}
	fix := fmt.Sprintf("Write %s that is %s.%s", what, bounds, about(s, name))
	switch {
	case s.minimum != nil && f < *s.minimum:
		d.report(n, fix, "parameter %q is %s, below the minimum %s", name, n.Value, fmtNum(*s.minimum))
	case s.exclMinimum != nil && f <= *s.exclMinimum:
		d.report(n, fix, "parameter %q is %s, but must be greater than %s", name, n.Value, fmtNum(*s.exclMinimum))
	case s.maximum != nil && f > *s.maximum:
		d.report(n, fix, "parameter %q is %s, above the maximum %s", name, n.Value, fmtNum(*s.maximum))
	case s.exclMaximum != nil && f >= *s.exclMaximum:
		d.report(n, fix, "parameter %q is %s, but must be less than %s", name, n.Value, fmtNum(*s.exclMaximum))
	default:
		return true
	}
	return false
}

// checkEnum applies enum, comparing canonical JSON so 24 equals 24.0.
func (d *decoder) checkEnum(s *schema, n *yaml.Node, name string, v any) bool {
	if s.enum == nil {
		return true
	}
	enumJSON := s.enumJSON // filled by checkValues, which every parsed schema has passed
	got := canonicalJSON(v)
	if contains(enumJSON, got) {
		return true
	}
	detail := fmt.Sprintf("Write one of: %s.%s", strings.Join(enumJSON, ", "), about(s, name))
	if str, ok := v.(string); ok && utf8.RuneCountInString(str) >= 4 {
		var cands []string
		for _, e := range s.enum {
			if es, ok := e.(string); ok {
				cands = append(cands, es)
			}
		}
		if sug := diag.Suggest(str, cands); sug != "" {
			detail = fmt.Sprintf("Did you mean %q? ", sug) + detail
		}
	}
	if name == "" {
		name = "value"
	}
	d.report(n, detail, "parameter %q is %s, not an allowed value", name, got)
	return false
}

// scalar returns a scalar node's value and its kind: "null", "boolean",
// "integer", "number" or "string". Timestamps, binary and custom tags come
// back as the string written.
func scalar(n *yaml.Node) (any, string) {
	switch n.ShortTag() {
	case "!!null":
		return nil, "null"
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b, "boolean"
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i, "integer"
		}
		var f float64
		if n.Decode(&f) == nil {
			return f, numberKind(f)
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil {
			return f, numberKind(f)
		}
	}
	return n.Value, "string"
}

// numberKind keeps NaN and infinities out of numbers: JSON has neither.
func numberKind(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "non-finite"
	}
	return "number"
}

// plain converts a node without a schema into plain JSON-compatible values.
func plain(n *yaml.Node, d *decoder, depth int) any {
	n = d.resolve(n, depth)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := d.resolve(n.Content[i], depth+1)
			if k == nil {
				continue
			}
			m[k.Value] = plain(n.Content[i+1], d, depth+1)
		}
		return m
	case yaml.SequenceNode:
		l := make([]any, 0, len(n.Content))
		for _, el := range n.Content {
			l = append(l, plain(el, d, depth+1))
		}
		return l
	}
	v, kind := scalar(n)
	if kind == "non-finite" {
		return n.Value
	}
	return v
}

// goToNode turns a schema value (decoded from JSON or YAML) into a YAML node,
// so defaults and enum values are checked and normalised like user input.
func goToNode(v any, depth int) (*yaml.Node, error) {
	if depth > maxParamDepth {
		return nil, errors.New("value nests too deeply")
	}
	sc := func(tag, val string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: val}
	}
	switch t := v.(type) {
	case nil:
		return sc("!!null", "null"), nil
	case bool:
		return sc("!!bool", strconv.FormatBool(t)), nil
	case string:
		return sc("!!str", t), nil
	case int:
		return sc("!!int", strconv.FormatInt(int64(t), 10)), nil
	case int32:
		return sc("!!int", strconv.FormatInt(int64(t), 10)), nil
	case int64:
		return sc("!!int", strconv.FormatInt(t, 10)), nil
	case uint64:
		return sc("!!int", strconv.FormatUint(t, 10)), nil
	case float32:
		return goToNode(float64(t), depth)
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, fmt.Errorf("%v is not a JSON number", t)
		}
		if t == math.Trunc(t) && math.Abs(t) < 1<<53 {
			return sc("!!int", strconv.FormatInt(int64(t), 10)), nil
		}
		return sc("!!float", strconv.FormatFloat(t, 'g', -1, 64)), nil
	case json.Number:
		if _, err := t.Int64(); err == nil {
			return sc("!!int", t.String()), nil
		}
		if _, err := t.Float64(); err == nil {
			return sc("!!float", t.String()), nil
		}
		return nil, fmt.Errorf("%q is not a number", t.String())
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, el := range t {
			c, err := goToNode(el, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		return n, nil
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range sortedKeys(t) {
			c, err := goToNode(t[k], depth+1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, sc("!!str", k), c)
		}
		return n, nil
	}
	return nil, fmt.Errorf("unsupported value of type %T", v)
}

// canonicalJSON renders a plain value as JSON with sorted keys; numbers
// print alike whether int64 or float64, so 24 equals 24.0.
func canonicalJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// toFloat reads any numeric Go value as float64.
func toFloat(v any) (float64, bool) {
	switch t := v.(type) {
	case int:
		return float64(t), true
	case int32:
		return float64(t), true
	case int64:
		return float64(t), true
	case uint64:
		return float64(t), true
	case float32:
		return float64(t), true
	case float64:
		return t, !math.IsNaN(t) && !math.IsInf(t, 0)
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	}
	return 0, false
}

// toInt64 reads an integral numeric value as int64.
func toInt64(v any) (int64, bool) {
	switch t := v.(type) {
	case int64:
		return t, true
	case float64:
		if t != math.Trunc(t) || math.Abs(t) >= 1<<63 {
			return 0, false
		}
		return int64(t), true
	}
	return 0, false
}

// goTypeName names a schema value's type in messages.
func goTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	}
	if _, ok := toFloat(v); ok {
		return "a number"
	}
	return fmt.Sprintf("%T", v)
}

func fmtNum(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
