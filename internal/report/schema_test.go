package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/internal/engine"
)

// jsonSchema is the loaded schema with $ref resolution.
type jsonSchema struct {
	root map[string]any
}

func loadSchema(t *testing.T) *jsonSchema {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	if root["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("schema.json: $schema is %v, want draft 2020-12", root["$schema"])
	}
	return &jsonSchema{root: root}
}

// resolve follows a node's $ref (local "#/$defs/x" only) and returns the
// node and its JSON pointer.
func (s *jsonSchema) resolve(t *testing.T, node map[string]any, ptr string) (map[string]any, string) {
	t.Helper()
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			return node, ptr
		}
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		defs, _ := s.root["$defs"].(map[string]any)
		def, found := defs[name].(map[string]any)
		if !ok || !found {
			t.Fatalf("%s: unresolvable $ref %q", ptr, ref)
		}
		node, ptr = def, "#/$defs/"+name
	}
}

// kindOf names a decoded JSON value's type as JSON Schema does.
func kindOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// allows reports whether the schema node accepts a value of kind k.
func allows(node map[string]any, k string) bool {
	var types []string
	switch ty := node["type"].(type) {
	case string:
		types = []string{ty}
	case []any:
		for _, x := range ty {
			s, _ := x.(string)
			types = append(types, s)
		}
	}
	if enum, ok := node["enum"].([]any); ok && len(types) == 0 {
		for _, e := range enum {
			types = append(types, kindOf(e))
		}
	}
	if one, ok := node["oneOf"].([]any); ok && len(types) == 0 {
		for _, o := range one {
			if m, ok := o.(map[string]any); ok {
				if _, ref := m["$ref"]; ref {
					types = append(types, "object")
				} else if s, ok := m["type"].(string); ok {
					types = append(types, s)
				}
			}
		}
	}
	for _, ty := range types {
		if ty == k || (ty == "number" && k == "integer") {
			return true
		}
	}
	return false
}

// walk checks value against node: every object key must be a documented
// property, every value of an allowed type; it marks the properties seen.
func (s *jsonSchema) walk(t *testing.T, value any, node map[string]any, ptr, at string, seen map[string]bool) {
	t.Helper()
	node, ptr = s.resolve(t, node, ptr)
	if !allows(node, kindOf(value)) {
		t.Errorf("%s: a %s is not allowed by %s (type %v)", at, kindOf(value), ptr, node["type"])
		return
	}
	if enum, ok := node["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == value
		}
		if !found {
			t.Errorf("%s: %v is not in the enum of %s", at, value, ptr)
		}
	}
	switch v := value.(type) {
	case map[string]any:
		if one, ok := node["oneOf"].([]any); ok {
			for i, o := range one {
				if m, ok := o.(map[string]any); ok && m["$ref"] != nil {
					s.walk(t, value, m, fmt.Sprintf("%s/oneOf/%d", ptr, i), at, seen)
				}
			}
			return
		}
		props, hasProps := node["properties"].(map[string]any)
		if !hasProps {
			if node["additionalProperties"] != true {
				t.Errorf("%s: %s has neither properties nor additionalProperties: true", at, ptr)
			}
			return
		}
		if node["additionalProperties"] != false {
			t.Errorf("%s: %s must set additionalProperties: false", at, ptr)
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := props[k].(map[string]any)
			if !ok {
				t.Errorf("%s.%s: not documented in %s/properties", at, k, ptr)
				continue
			}
			pp := ptr + "/properties/" + k
			seen[pp] = true
			s.walk(t, v[k], p, pp, at+"."+k, seen)
		}
	case []any:
		items, ok := node["items"].(map[string]any)
		if !ok {
			t.Errorf("%s: %s has no items", at, ptr)
			return
		}
		for i, x := range v {
			s.walk(t, x, items, ptr+"/items", fmt.Sprintf("%s[%d]", at, i), seen)
		}
	}
}

// properties lists the JSON pointer of every property the schema declares,
// and checks that each has a description.
func (s *jsonSchema) properties(t *testing.T) []string {
	var out []string
	var visit func(node map[string]any, ptr string)
	visit = func(node map[string]any, ptr string) {
		if props, ok := node["properties"].(map[string]any); ok {
			for k, p := range props {
				pp := ptr + "/properties/" + k
				out = append(out, pp)
				m, _ := p.(map[string]any)
				if d, _ := m["description"].(string); strings.TrimSpace(d) == "" {
					t.Errorf("%s has no description", pp)
				}
				visit(m, pp)
			}
		}
		if items, ok := node["items"].(map[string]any); ok {
			visit(items, ptr+"/items")
		}
	}
	visit(s.root, "#")
	defs, _ := s.root["$defs"].(map[string]any)
	for name, d := range defs {
		m, _ := d.(map[string]any)
		if desc, _ := m["description"].(string); desc == "" {
			t.Errorf("#/$defs/%s has no description", name)
		}
		visit(m, "#/$defs/"+name)
	}
	sort.Strings(out)
	return out
}

// TestSchemaCoversOutput walks the json output of a fully populated result
// against schema.json: every field must be documented there with a
// matching type, and every documented property must occur in the output.
func TestSchemaCoversOutput(t *testing.T) {
	s := loadSchema(t)
	res := richResult()
	assertPopulated(t, reflect.ValueOf(res))
	var b bytes.Buffer
	if err := Write(&b, FormatJSON, res, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	s.walk(t, doc, s.root, "#", "$", seen)
	for _, p := range s.properties(t) {
		if !seen[p] {
			t.Errorf("%s is documented but never occurs in the output of a fully populated result (stale schema, or extend richResult)", p)
		}
	}
}

// TestSchemaRequired checks the schema's required lists against the Go
// types: a field without omitempty is always written and must be required;
// one with omitempty may be absent and must not be.
func TestSchemaRequired(t *testing.T) {
	s := loadSchema(t)
	var visit func(ty reflect.Type, node map[string]any, ptr string)
	visit = func(ty reflect.Type, node map[string]any, ptr string) {
		node, ptr = s.resolve(t, node, ptr)
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
			if ty.Kind() == reflect.Slice {
				items, _ := node["items"].(map[string]any)
				node, ptr = s.resolve(t, items, ptr+"/items")
			}
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty == reflect.TypeOf(time.Time{}) {
			return
		}
		if one, ok := node["oneOf"].([]any); ok {
			for _, o := range one {
				if m, ok := o.(map[string]any); ok && m["$ref"] != nil {
					node, ptr = s.resolve(t, m, ptr)
				}
			}
		}
		props, _ := node["properties"].(map[string]any)
		required := map[string]bool{}
		if req, ok := node["required"].([]any); ok {
			for _, r := range req {
				name, _ := r.(string)
				required[name] = true
			}
		}
		for i := 0; i < ty.NumField(); i++ {
			f := ty.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			omit := strings.Contains(opts, "omitempty")
			if required[name] == omit {
				t.Errorf("%s: field %s.%s (json %q, omitempty %v) but required in the schema is %v", ptr, ty.Name(), f.Name, name, omit, required[name])
			}
			p, ok := props[name].(map[string]any)
			if !ok {
				t.Errorf("%s: field %s.%s (json %q) is not documented", ptr, ty.Name(), f.Name, name)
				continue
			}
			visit(f.Type, p, ptr+"/properties/"+name)
		}
	}
	visit(reflect.TypeOf(engine.Result{}), s.root, "#")
}

// assertPopulated fails when a struct field is zero in every instance the
// fixture holds, so a new field of engine.Result cannot escape the schema
// test by being absent from the fixture.
func assertPopulated(t *testing.T, v reflect.Value) {
	t.Helper()
	set := map[string]bool{}
	var visit func(v reflect.Value)
	visit = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				visit(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				visit(v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == reflect.TypeOf(time.Time{}) {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if !f.IsExported() {
					continue
				}
				key := v.Type().String() + "." + f.Name
				if _, ok := set[key]; !ok {
					set[key] = false
				}
				if !v.Field(i).IsZero() {
					set[key] = true
				}
				visit(v.Field(i))
			}
		}
	}
	visit(v)
	for k, ok := range set {
		if !ok {
			t.Errorf("richResult leaves %s zero everywhere; set it so the schema test covers it", k)
		}
	}
}
