package checks

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// schemaOf parses a JSON schema the way policy METADATA arrives: plain Go
// values with float64 numbers.
func schemaOf(t *testing.T, src string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(src), &m); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return m
}

func testChecks(t *testing.T) map[string]*Check {
	t.Helper()
	return map[string]*Check{
		"tls": {ID: "transport.tls_min_version", Params: schemaOf(t, `{
			"type": "object",
			"properties": {
				"min_version": {"type": "string", "enum": ["1.0", "1.1", "1.2", "1.3"], "default": "1.2",
					"description": "Lowest TLS version an endpoint may accept."}
			}}`)},
		"backup": {ID: "backup.max_interval", Params: schemaOf(t, `{
			"type": "object",
			"required": ["hours"],
			"properties": {
				"hours": {"type": "number", "minimum": 1, "maximum": 8760, "description": "Most hours between two backups."}
			}}`)},
		"ports": {ID: "network.no_public_admin_access", Params: schemaOf(t, `{
			"type": "object",
			"properties": {
				"ports": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 65535},
					"minItems": 1, "maxItems": 4, "uniqueItems": true, "default": [22, 3389],
					"description": "Administrative ports that must not be reachable from the internet."},
				"protocol": {"type": "string", "enum": ["tcp", "udp"], "default": "tcp"}
			}}`)},
		"rich": {ID: "test.rich", Params: schemaOf(t, `{
			"type": "object",
			"properties": {
				"name": {"type": "string", "minLength": 3, "pattern": "^[a-z]+$", "default": "abc"},
				"ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "default": 0.5},
				"count": {"type": ["integer", "string"], "default": "unspecified"},
				"flag": {"type": "boolean", "default": false},
				"tls": {"type": "object", "default": {},
					"properties": {"version": {"type": "string", "default": "1.2"}, "strict": {"type": "boolean", "default": true}}},
				"req": {"type": "object", "default": {"a": 1}, "required": ["a"], "properties": {"a": {"type": "integer"}}},
				"free": {"type": "object", "additionalProperties": true, "default": {}},
				"any": {"default": null}
			}}`)},
		"mixed": {ID: "test.mixed", Params: schemaOf(t, `{
			"type": "object",
			"properties": {
				"size": {"type": ["integer", "number"], "default": 1},
				"empty": {"type": "object", "default": {}},
				"nested": {"type": "object", "default": {}, "properties": {"v": {"type": "string", "default": "x"}}}
			}}`)},
		"none": {ID: "storage.encryption_at_rest", Params: schemaOf(t, `{"type": "object", "properties": {}}`)},
	}
}

func node(t *testing.T, src string) *yaml.Node {
	t.Helper()
	if src == "" {
		return nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatalf("yaml: %v", err)
	}
	return doc.Content[0]
}

func render(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Error())
		b.WriteString("\n")
	}
	return b.String()
}

func TestTestChecksHaveValidSchemas(t *testing.T) {
	for name, c := range testChecks(t) {
		if err := c.ValidateSchema(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestValidateParams(t *testing.T) {
	tests := []struct {
		name     string
		check    string
		src      string
		want     string // JSON of the params
		defaults []string
		diags    string
	}{
		{name: "nil node gives defaults", check: "tls", want: `{"min_version":"1.2"}`, defaults: []string{"min_version"}},
		{name: "null params gives defaults", check: "tls", src: "~", want: `{"min_version":"1.2"}`, defaults: []string{"min_version"}},
		{name: "given value", check: "tls", src: `{min_version: "1.3"}`, want: `{"min_version":"1.3"}`},
		{name: "integer for number becomes float64", check: "backup", src: `{hours: 24}`, want: `{"hours":24}`},
		{name: "array default of integers", check: "ports", want: `{"ports":[22,3389],"protocol":"tcp"}`, defaults: []string{"ports", "protocol"}},
		{name: "array given", check: "ports", src: `{ports: [5432, 3306]}`, want: `{"ports":[5432,3306],"protocol":"tcp"}`, defaults: []string{"protocol"}},
		{name: "integer written as 24.0", check: "ports", src: `{ports: [22.0]}`, want: `{"ports":[22],"protocol":"tcp"}`, defaults: []string{"protocol"}},
		{name: "aliases resolve", check: "ports", src: "{ports: &p [22], protocol: udp}", want: `{"ports":[22],"protocol":"udp"}`},
		{name: "rich defaults", check: "rich",
			want:     `{"any":null,"count":"unspecified","flag":false,"free":{},"name":"abc","ratio":0.5,"req":{"a":1},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"any", "count", "flag", "free", "name", "ratio", "req", "tls", "tls.strict", "tls.version"}},
		{name: "nested defaults and free object", check: "rich",
			src:      `{tls: {version: "1.3"}, free: {x: [1, 2.5, true, null, 2026-01-01]}, count: 4096, any: {k: v}}`,
			want:     `{"any":{"k":"v"},"count":4096,"flag":false,"free":{"x":[1,2.5,true,null,"2026-01-01"]},"name":"abc","ratio":0.5,"req":{"a":1},"tls":{"strict":true,"version":"1.3"}}`,
			defaults: []string{"flag", "name", "ratio", "req", "tls.strict"}},
		{name: "type list takes a string", check: "rich", src: `{count: unspecified}`,
			want:     `{"any":null,"count":"unspecified","flag":false,"free":{},"name":"abc","ratio":0.5,"req":{"a":1},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"any", "flag", "free", "name", "ratio", "req", "tls", "tls.strict", "tls.version"}},
		{name: "missing required without params", check: "backup", want: `{}`, diags: "tom.yaml:7:5: error: missing required parameter \"hours\" of check backup.max_interval\n" +
			"  Add it under params, e.g. params: {hours: <number>}. hours: Most hours between two backups.\n"},
		{name: "missing required in params", check: "backup", src: "{}", want: `{}`, diags: "tom.yaml:1:1: error: missing required parameter \"hours\" of check backup.max_interval\n" +
			"  Add it under params, e.g. params: {hours: <number>}. hours: Most hours between two backups.\n"},
		{name: "unknown parameter", check: "backup", src: "{hours: 24, hour: 12}", want: `{"hours":24}`,
			diags: "tom.yaml:1:13: error: unknown parameter \"hour\" for check backup.max_interval\n  Did you mean \"hours\"? backup.max_interval takes: hours.\n"},
		{name: "unknown parameter without suggestion", check: "ports", src: "{colour: red}", want: `{"ports":[22,3389],"protocol":"tcp"}`, defaults: []string{"ports", "protocol"},
			diags: "tom.yaml:1:2: error: unknown parameter \"colour\" for check network.no_public_admin_access\n  network.no_public_admin_access takes: ports, protocol.\n"},
		{name: "check without parameters", check: "none", src: "{kms: true}", want: `{}`,
			diags: "tom.yaml:1:2: error: unknown parameter \"kms\" for check storage.encryption_at_rest\n  storage.encryption_at_rest takes no parameters; remove it.\n"},
		{name: "duplicate parameter", check: "backup", src: "hours: 24\nhours: 12\n", want: `{"hours":24}`,
			diags: "tom.yaml:2:1: error: duplicate parameter \"hours\"\n  It is first set at line 1; remove one of them.\n"},
		{name: "params not a mapping", check: "backup", src: "[24]",
			diags: "tom.yaml:1:1: error: params must be a mapping, got a list\n  Write the parameters as a mapping of names to values, e.g. params: {hours: <number>}.\n"},
		{name: "params not a mapping, optional params", check: "ports", src: "22",
			diags: "tom.yaml:1:1: error: params must be a mapping, got number 22\n  Write the parameters as a mapping of names to values, e.g. params: {ports: <list>}.\n"},
		{name: "params not a mapping, no params", check: "none", src: "[kms]",
			diags: "tom.yaml:1:1: error: params must be a mapping, got a list\n  storage.encryption_at_rest takes no parameters; remove params.\n"},
		{name: "string for number", check: "backup", src: `{hours: "24"}`, want: `{}`,
			diags: "tom.yaml:1:9: error: parameter \"hours\" must be a number, got string \"24\"\n  Remove the quotes: 24. hours: Most hours between two backups.\n"},
		{name: "word for number", check: "backup", src: `{hours: daily}`, want: `{}`,
			diags: "tom.yaml:1:9: error: parameter \"hours\" must be a number, got string \"daily\"\n  Write a number. hours: Most hours between two backups.\n"},
		{name: "number for string", check: "tls", src: `{min_version: 1.2}`, want: `{}`,
			diags: "tom.yaml:1:15: error: parameter \"min_version\" must be a string, got number 1.2\n  Quote the value: \"1.2\". min_version: Lowest TLS version an endpoint may accept.\n"},
		{name: "null with default", check: "tls", src: `{min_version: }`, want: `{}`,
			diags: "tom.yaml:1:15: error: parameter \"min_version\" must be a string, got null\n  Write a string, or leave min_version out to use its default. min_version: Lowest TLS version an endpoint may accept.\n"},
		{name: "fraction for integer", check: "ports", src: `{ports: [22.5]}`, want: `{"protocol":"tcp"}`, defaults: []string{"protocol"},
			diags: "tom.yaml:1:10: error: parameter \"ports[0]\" must be a whole number, got number 22.5\n  Write a whole number.\n"},
		{name: "not a list", check: "ports", src: `{ports: 22}`, want: `{"protocol":"tcp"}`, defaults: []string{"protocol"},
			diags: "tom.yaml:1:9: error: parameter \"ports\" must be a list, got number 22\n  Write a list. ports: Administrative ports that must not be reachable from the internet.\n"},
		{name: "yes is not a boolean", check: "rich", src: `{flag: yes, tls: {strict: 1}}`,
			want:     `{"any":null,"count":"unspecified","free":{},"name":"abc","ratio":0.5,"req":{"a":1},"tls":{"version":"1.2"}}`,
			defaults: []string{"any", "count", "free", "name", "ratio", "req", "tls.version"},
			diags: "tom.yaml:1:8: error: parameter \"flag\" must be true or false, got string \"yes\"\n  Write true or false.\n" +
				"tom.yaml:1:27: error: parameter \"tls.strict\" must be true or false, got number 1\n  Write true or false.\n"},
		{name: "non-finite number", check: "backup", src: `{hours: .inf}`, want: `{}`,
			diags: "tom.yaml:1:9: error: parameter \"hours\" must be a number, got number .inf\n  Write a number. hours: Most hours between two backups.\n"},
		{name: "below minimum", check: "backup", src: `{hours: 0}`, want: `{}`,
			diags: "tom.yaml:1:9: error: parameter \"hours\" is 0, below the minimum 1\n  Write a number that is at least 1 and at most 8760. hours: Most hours between two backups.\n"},
		{name: "above maximum", check: "backup", src: `{hours: 10000}`, want: `{}`,
			diags: "tom.yaml:1:9: error: parameter \"hours\" is 10000, above the maximum 8760\n  Write a number that is at least 1 and at most 8760. hours: Most hours between two backups.\n"},
		{name: "exclusive bounds", check: "rich", src: `{ratio: 0, req: {a: 2}}`,
			want:     `{"any":null,"count":"unspecified","flag":false,"free":{},"name":"abc","req":{"a":2},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"any", "count", "flag", "free", "name", "tls", "tls.strict", "tls.version"},
			diags:    "tom.yaml:1:9: error: parameter \"ratio\" is 0, but must be greater than 0\n  Write a number that is greater than 0 and less than 1.\n"},
		{name: "exclusive maximum", check: "rich", src: `{ratio: 1.0, name: abcd, flag: true, count: 1, any: 1, free: {}, req: {a: 1}, tls: {}}`,
			want:     `{"any":1,"count":1,"flag":true,"free":{},"name":"abcd","req":{"a":1},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"tls.strict", "tls.version"},
			diags:    "tom.yaml:1:9: error: parameter \"ratio\" is 1.0, but must be less than 1\n  Write a number that is greater than 0 and less than 1.\n"},
		{name: "enum with suggestion", check: "ports", src: `{protocol: tcpp}`, want: `{"ports":[22,3389]}`, defaults: []string{"ports"},
			diags: "tom.yaml:1:12: error: parameter \"protocol\" is \"tcpp\", not an allowed value\n  Did you mean \"tcp\"? Write one of: \"tcp\", \"udp\".\n"},
		{name: "enum short value, no suggestion", check: "tls", src: `{min_version: "1.5"}`, want: `{}`,
			diags: "tom.yaml:1:15: error: parameter \"min_version\" is \"1.5\", not an allowed value\n  Write one of: \"1.0\", \"1.1\", \"1.2\", \"1.3\". min_version: Lowest TLS version an endpoint may accept.\n"},
		{name: "min length and pattern", check: "rich", src: `{name: ab}`,
			want:     `{"any":null,"count":"unspecified","flag":false,"free":{},"ratio":0.5,"req":{"a":1},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"any", "count", "flag", "free", "ratio", "req", "tls", "tls.strict", "tls.version"},
			diags:    "tom.yaml:1:8: error: parameter \"name\" is shorter than 3 character(s)\n  Write at least 3 character(s).\n"},
		{name: "pattern", check: "rich", src: `{name: ABCD}`,
			want:     `{"any":null,"count":"unspecified","flag":false,"free":{},"ratio":0.5,"req":{"a":1},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"any", "count", "flag", "free", "ratio", "req", "tls", "tls.strict", "tls.version"},
			diags:    "tom.yaml:1:8: error: parameter \"name\" does not match its pattern\n  The value must match the regular expression ^[a-z]+$.\n"},
		{name: "items: range, unique, min and max", check: "ports", src: "ports: [22, 0, 22]\n", want: `{"protocol":"tcp"}`, defaults: []string{"protocol"},
			diags: "tom.yaml:1:13: error: parameter \"ports[1]\" is 0, below the minimum 1\n  Write a whole number that is at least 1 and at most 65535.\n" +
				"tom.yaml:1:16: error: parameter \"ports\" lists 22 twice\n  Remove the repeated item; ports lists each value once.\n"},
		{name: "too few items", check: "ports", src: "ports: []\n", want: `{"protocol":"tcp"}`, defaults: []string{"protocol"},
			diags: "tom.yaml:1:8: error: parameter \"ports\" has 0 item(s), fewer than the minimum 1\n  List at least 1 item(s). ports: Administrative ports that must not be reachable from the internet.\n"},
		{name: "too many items", check: "ports", src: "ports: [1, 2, 3, 4, 5]\n", want: `{"protocol":"tcp"}`, defaults: []string{"protocol"},
			diags: "tom.yaml:1:8: error: parameter \"ports\" has 5 item(s), more than the maximum 4\n  List at most 4 item(s). ports: Administrative ports that must not be reachable from the internet.\n"},
		{name: "nested unknown, missing and duplicate keys", check: "rich", src: "tls: {vrsion: x, strict: true, strict: false}\nreq: {}\nfree: {[1]: 2}\n",
			want:     `{"any":null,"count":"unspecified","flag":false,"free":{},"name":"abc","ratio":0.5,"req":{},"tls":{"strict":true,"version":"1.2"}}`,
			defaults: []string{"any", "count", "flag", "name", "ratio", "tls.version"},
			diags: "tom.yaml:1:7: error: unknown key \"vrsion\" in parameter \"tls\"\n  Did you mean \"version\"? tls takes: strict, version.\n" +
				"tom.yaml:1:32: error: duplicate key \"strict\" in parameter \"tls\"\n  It is first set at line 1; remove one of them.\n" +
				"tom.yaml:2:6: error: parameter \"req\" lacks the required key \"a\"\n  Add a: <whole number> to req.\n" +
				"tom.yaml:3:8: error: a key of parameter \"free\" must be a string\n  Write each name as a plain word.\n"},
		{name: "integer or number: integer literal", check: "mixed", src: `{size: 24}`, want: `{"empty":{},"nested":{"v":"x"},"size":24}`, defaults: []string{"empty", "nested", "nested.v"}},
		{name: "integer or number: float literal", check: "mixed", src: `{size: 24.0, empty: {}, nested: {v: y}}`, want: `{"empty":{},"nested":{"v":"y"},"size":24}`},
		{name: "object without keys", check: "mixed", src: `{empty: {x: 1}, nested: [1], size: [1]}`, want: `{"empty":{}}`,
			diags: "tom.yaml:1:10: error: unknown key \"x\" in parameter \"empty\"\n  empty takes no keys; remove it.\n" +
				"tom.yaml:1:25: error: parameter \"nested\" must be a mapping, got a list\n  Write a mapping.\n" +
				"tom.yaml:1:36: error: parameter \"size\" must be a whole number or a number, got a list\n  Write a whole number or a number.\n"},
		{name: "list for a number", check: "backup", src: `{hours: [24]}`, want: `{}`,
			diags: "tom.yaml:1:9: error: parameter \"hours\" must be a number, got a list\n  Write a number. hours: Most hours between two backups.\n"},
		{name: "non-string parameter name", check: "backup", src: "{[1]: 2, hours: 3}", want: `{"hours":3}`,
			diags: "tom.yaml:1:2: error: a parameter name must be a string\n  Write each name as a plain word.\n"},
	}
	cs := testChecks(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params, defaults, ds := ValidateParams(cs[tt.check], node(t, tt.src), diag.Pos{File: "tom.yaml", Line: 7, Column: 5})
			if got := render(ds); got != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diags)
			}
			if tt.want != "" {
				b, err := json.Marshal(params)
				if err != nil {
					t.Fatal(err)
				}
				if string(b) != tt.want {
					t.Errorf("params = %s, want %s", b, tt.want)
				}
			}
			if !reflect.DeepEqual(defaults, tt.defaults) {
				t.Errorf("defaults = %q, want %q", defaults, tt.defaults)
			}
		})
	}
}

// TestValidateParamsGoTypes pins the Go types params come out as.
func TestValidateParamsGoTypes(t *testing.T) {
	cs := testChecks(t)
	params, _, ds := ValidateParams(cs["rich"], node(t, `{count: 7, ratio: 0.25}`), diag.Pos{File: "f"})
	if len(ds) > 0 {
		t.Fatal(render(ds))
	}
	if _, ok := params["count"].(int64); !ok {
		t.Errorf("count is %T, want int64", params["count"])
	}
	if _, ok := params["ratio"].(float64); !ok {
		t.Errorf("ratio is %T, want float64", params["ratio"])
	}
	params, _, _ = ValidateParams(cs["mixed"], node(t, `{size: 24.0}`), diag.Pos{File: "f"})
	if _, ok := params["size"].(float64); !ok {
		t.Errorf("size 24.0 is %T, want float64", params["size"])
	}
	params, _, _ = ValidateParams(cs["mixed"], node(t, `{size: 24}`), diag.Pos{File: "f"})
	if _, ok := params["size"].(int64); !ok {
		t.Errorf("size 24 is %T, want int64", params["size"])
	}
	params, _, _ = ValidateParams(cs["backup"], node(t, `{hours: 24}`), diag.Pos{File: "f"})
	if _, ok := params["hours"].(float64); !ok {
		t.Errorf("hours is %T, want float64", params["hours"])
	}
	params, _, _ = ValidateParams(cs["ports"], nil, diag.Pos{File: "f"})
	ports, _ := params["ports"].([]any)
	if len(ports) != 2 {
		t.Fatalf("ports = %#v", params["ports"])
	}
	if _, ok := ports[0].(int64); !ok {
		t.Errorf("ports[0] is %T, want int64", ports[0])
	}
	// Defaults are copies: changing them must not change the schema.
	ports[0] = int64(1)
	again, _, _ := ValidateParams(cs["ports"], nil, diag.Pos{File: "f"})
	if again["ports"].([]any)[0] != int64(22) {
		t.Errorf("default was shared with a caller: %v", again["ports"])
	}
}

func TestValidateParamsAliasBomb(t *testing.T) {
	src := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g"} {
		src += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	src = "{free: {bomb: " + "*" + prev + "}}"
	full := "x: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev = "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g"} {
		full += n + ": &" + n + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
		prev = n
	}
	full += "params: " + src + "\n"
	root := node(t, full)
	params := root.Content[len(root.Content)-1]
	_, _, ds := ValidateParams(testChecks(t)["rich"], params, diag.Pos{File: "f"})
	if got := render(ds); !strings.Contains(got, "error: parameters nest too deeply or expand too many aliases") {
		t.Errorf("diagnostics = %s", got)
	}
	cyclic := node(t, "free: &a {x: *a}")
	_, _, ds = ValidateParams(testChecks(t)["rich"], cyclic, diag.Pos{File: "f"})
	if got := render(ds); !strings.Contains(got, "error: parameters nest too deeply or expand too many aliases") {
		t.Errorf("diagnostics = %s", got)
	}
}

func TestValidateSchema(t *testing.T) {
	tests := []struct {
		name, schema, want string
	}{
		{"empty schema", `{}`, ""},
		{"no params", `{"type": "object", "properties": {}}`, ""},
		{"annotations", `{"type": "object", "$schema": "x", "title": "t", "$comment": "c", "properties": {"a": {"type": "string", "x-personal": true, "examples": ["x"], "default": "x"}}}`, ""},
		{"root not an object", `{"type": "array"}`, "the params schema must have type object, not array"},
		{"unsupported keyword", `{"type": "object", "properties": {"a": {"type": "string", "format": "date", "default": "x"}}}`,
			`properties.a: unsupported keyword "format"; the params schema supports type, properties, required, additionalProperties, default, enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, pattern, items, minItems, maxItems, uniqueItems, description`},
		{"optional without default", `{"type": "object", "properties": {"hours": {"type": "number"}}}`,
			`properties.hours: an optional parameter needs a default; add one or list "hours" in required`},
		{"unknown type", `{"type": "object", "required": ["a"], "properties": {"a": {"type": ["int", "string", "string"]}}}`,
			`properties.a: unsupported type "int"; use one of array, boolean, integer, number, object, string; properties.a: type lists "string" twice`},
		{"bad type values", `{"type": "object", "required": ["a", "b", "c"], "properties": {"a": {"type": 1}, "b": {"type": []}, "c": {"type": [1]}}}`,
			`properties.a: type must be a type name or a list of them, got a number; properties.b: type must not be an empty list; properties.c: type must name types as strings, got a number`},
		{"keyword for the wrong type", `{"type": "object", "required": ["a"], "properties": {"a": {"type": "string", "minimum": 1, "items": {}}}}`,
			`properties.a: items applies to type array, but the type is string; properties.a: minimum applies to type integer or number, but the type is string`},
		{"bad keyword values", `{"type": "object", "required": ["a", "b"], "properties": {"a": {"type": "string", "minLength": -1, "pattern": "(", "enum": []}, "b": {"type": "array", "items": 1, "uniqueItems": "yes", "minItems": 3, "maxItems": 1}}}`,
			"properties.a: enum must be a non-empty list, got a list; properties.a: minLength must be a non-negative whole number, got a number; properties.a: pattern \"(\" is not a valid regular expression: error parsing regexp: missing closing ): `(`; properties.b: items must be a schema (a mapping), got a number; properties.b: uniqueItems must be true or false, got a string; properties.b: minItems 3 is greater than maxItems 1"},
		{"bad structure", `{"type": "object", "properties": [], "required": "a", "additionalProperties": {}}`,
			`additionalProperties must be true or false (schemas are not supported), got a mapping; properties must be a mapping of names to schemas, got a list; required must be a list of property names, got a string`},
		{"bad property and required", `{"type": "object", "properties": {"a": 1}, "required": ["b", 2, "b"]}`,
			`properties.a must be a schema (a mapping), got a number; required must list property names as strings, got a number; required lists "b" twice; required names "b", which is not in properties`},
		{"bad numbers and annotations", `{"type": "object", "required": ["a"], "properties": {"a": {"type": "number", "minimum": "1", "maximum": 5, "exclusiveMinimum": null, "exclusiveMaximum": true, "description": 1, "title": 2, "examples": 3}}}`,
			`properties.a: description must be a string, got a number; properties.a: examples must be a list, got a number; properties.a: exclusiveMaximum must be a number, got a boolean; properties.a: exclusiveMinimum must be a number, got null; properties.a: minimum must be a number, got a string; properties.a: title must be a string, got a number`},
		{"min above max", `{"type": "object", "required": ["a"], "properties": {"a": {"type": "number", "minimum": 5, "maximum": 1}}}`,
			`properties.a: minimum 5 is greater than maximum 1`},
		{"default of the wrong type", `{"type": "object", "properties": {"a": {"type": "integer", "default": "24"}}}`,
			`properties.a.default: parameter "a" must be a whole number, got string "24"`},
		{"default out of range", `{"type": "object", "properties": {"a": {"type": "integer", "minimum": 1, "default": 0}}}`,
			`properties.a.default: parameter "a" is 0, below the minimum 1`},
		{"default not in enum", `{"type": "object", "properties": {"a": {"type": "string", "enum": ["x", "y"], "default": "z"}}}`,
			`properties.a.default: parameter "a" is "z", not an allowed value`},
		{"enum value of the wrong type", `{"type": "object", "properties": {"a": {"type": "string", "enum": ["x", 1.5], "default": "x"}}}`,
			`properties.a.enum[1]: parameter "a" must be a string, got number 1.5`},
		{"nested items default", `{"type": "object", "properties": {"a": {"type": "array", "items": {"type": "integer", "default": "x"}, "default": []}}}`,
			`properties.a.items.default: parameter "a[]" must be a whole number, got string "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Check{ID: "x.y", Params: schemaOf(t, tt.schema)}
			err := c.ValidateSchema()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("ValidateSchema() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestValidateSchemaGoValues covers schemas built in Go or from YAML, whose
// numbers are int, int64 or json.Number rather than float64.
func TestValidateSchemaGoValues(t *testing.T) {
	c := &Check{ID: "x.y", Params: map[string]any{
		"type":     "object",
		"required": []any{"n"},
		"properties": map[string]any{
			"n": map[string]any{"type": "integer", "minimum": 1, "maximum": int64(10), "enum": []any{1, int64(2), json.Number("3"), 4.0}},
			"m": map[string]any{"type": "array", "items": map[string]any{"type": "number"}, "default": []any{json.Number("1.5"), 2}},
		},
	}}
	if err := c.ValidateSchema(); err != nil {
		t.Fatal(err)
	}
	params, defaults, ds := ValidateParams(c, node(t, "{n: 3}"), diag.Pos{File: "f"})
	if len(ds) > 0 {
		t.Fatal(render(ds))
	}
	b, _ := json.Marshal(params)
	if string(b) != `{"m":[1.5,2],"n":3}` || !reflect.DeepEqual(defaults, []string{"m"}) {
		t.Errorf("params = %s, defaults %v", b, defaults)
	}
	_, _, ds = ValidateParams(c, node(t, "{n: 5}"), diag.Pos{File: "f"})
	if got := render(ds); got != "f:1:5: error: parameter \"n\" is 5, not an allowed value\n  Write one of: 1, 2, 3, 4.\n" {
		t.Errorf("diagnostics = %s", got)
	}
	bad := &Check{ID: "x.z", File: "policies/x/z/check.rego", Params: map[string]any{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "string"}}}}
	_, _, ds = ValidateParams(bad, nil, diag.Pos{File: "tom.yaml", Line: 3, Column: 5})
	want := "tom.yaml:3:5: error: check x.z has an invalid parameter schema: properties.a: an optional parameter needs a default; add one or list \"a\" in required\n" +
		"  This is a bug in the policy, not in the claim: fix custom.params in the METADATA of policies/x/z/check.rego.\n"
	if got := render(ds); got != want {
		t.Errorf("diagnostics = %s\nwant %s", got, want)
	}
	c.Params["properties"].(map[string]any)["m"].(map[string]any)["default"] = []any{struct{}{}}
	if err := c.ValidateSchema(); err == nil || err.Error() != "properties.m.default: unsupported value of type struct {}" {
		t.Errorf("ValidateSchema() = %v", err)
	}
}
