package engine

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// reference is what the engine gave before it decoded JSON itself: Go
// values from encoding/json, converted by OPA.
func reference(t testing.TB, doc string) (ast.Value, error) {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return nil, err
	}
	return ast.InterfaceToValue(v)
}

func TestASTDecoderMatchesInterfaceToValue(t *testing.T) {
	docs := []string{
		`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `7`, `-12`, `511`, `512`, `100000000`, `1.5`, `-3.25e-7`,
		`1E+21`, `1e8`, `0.1`, `123456789012345678901`, `""`, `"plain"`,
		`"esc \" \\ \/ \b \f \n \r \t"`, `"\u00e9t\u00E9"`, `"\ud83d\ude00"`, `"lone \ud800 surrogate"`,
		`"\ud800\u0041"`, "\"raw \xff\xfe bytes\"", "\"mixed \xff and \\n\"", `"ünïcödé"`,
		` { "a" : [ 1 , 2 , { "b" : null } ] , "c" : "d" } `,
		`{"a": 1, "a": 2}`, `{"x": {"a": 1, "b": [true, false]}, "y": {"a": 1, "b": [true, false]}}`,
		`{"values": {"tags": {"env": "prod"}, "list": [[], {}, [{}]]}}`,
		`{"k": "` + strings.Repeat("long ", 20) + `"}`,
	}
	dec := newASTDecoder()
	for _, doc := range docs {
		want, err := reference(t, doc)
		if err != nil {
			t.Fatalf("reference %s: %v", doc, err)
		}
		got, err := dec.decode([]byte(doc))
		if err != nil {
			t.Errorf("decode %s: %v", doc, err)
			continue
		}
		if got.Value.Compare(want) != 0 {
			t.Errorf("decode %s = %v, want %v", doc, got.Value, want)
		}
		if got.Value.Hash() != want.Hash() {
			t.Errorf("decode %s: hash differs from the reference value's", doc)
		}
	}
}

func TestASTDecoderErrors(t *testing.T) {
	cases := map[string]string{
		``:                  "invalid JSON at byte 0: unexpected end of input",
		`{"a": 1`:           "invalid JSON at byte 7: unexpected end of input in an object",
		`{"a" 1}`:           `invalid JSON at byte 5: expected ':' after key "a"`,
		`{1: 2}`:            "invalid JSON at byte 1: expected a string key",
		`[1 2]`:             "invalid JSON at byte 3: expected ',' or ']' in an array",
		`{"a": 1} x`:        `invalid JSON at byte 9: unexpected 'x' after the value`,
		`01`:                "invalid JSON at byte 2: leading zero in a number",
		`1.`:                "invalid JSON at byte 2: expected a digit after '.'",
		`1e`:                "invalid JSON at byte 2: expected a digit in the exponent",
		`-`:                 "invalid JSON at byte 1: expected a digit",
		`1e400`:             "invalid JSON at byte 5: number 1e400 is out of range",
		`tru`:               "invalid JSON at byte 0: expected true",
		`"a` + "\x01" + `"`: "invalid JSON at byte 2: control character 0x1 in a string",
		`"\x"`:              `invalid JSON at byte 2: invalid escape \x`,
		`"\u12"`:            `invalid JSON at byte 2: invalid \u escape`,
		`"open`:             "invalid JSON at byte 5: unterminated string",
		strings.Repeat("[", maxJSONDepth+2) + strings.Repeat("]", maxJSONDepth+2): "invalid JSON at byte 513: nested deeper than 512 levels",
	}
	for doc, want := range cases {
		_, err := newASTDecoder().decode([]byte(doc))
		if err == nil || err.Error() != want {
			t.Errorf("decode %q: error %v, want %q", doc, err, want)
		}
	}
}

func TestASTDecoderSharesRepeatedValues(t *testing.T) {
	dec := newASTDecoder()
	a, err := dec.decode([]byte(`{"tags": {"env": "prod", "team": "a"}, "from": ["hcl", "plan"]}`))
	if err != nil {
		t.Fatal(err)
	}
	b, err := dec.decode([]byte(`{"from": ["hcl", "plan"], "tags": {"team": "a", "env": "prod"}, "other": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	get := func(t *ast.Term, k string) *ast.Term { return t.Value.(ast.Object).Get(ast.StringTerm(k)) }
	if get(a, "tags") != get(b, "tags") || get(a, "from") != get(b, "from") {
		t.Error("equal small blocks of two records are not shared")
	}
	if a == b {
		t.Error("different records were shared")
	}
}

func TestTopScalars(t *testing.T) {
	term, err := newASTDecoder().decode([]byte(`{"type": "aws_s3_bucket", "mode": "managed", "n": 3, "ok": true, "none": null, "values": {"a": 1}, "list": [1]}`))
	if err != nil {
		t.Fatal(err)
	}
	got := topScalars(term)
	want := map[string]any{"type": "aws_s3_bucket", "mode": "managed", "n": 3.0, "ok": true, "none": nil}
	if len(got) != len(want) {
		t.Fatalf("topScalars = %v, want %v", got, want)
	}
	for k, v := range want {
		if gv, ok := got[k]; !ok || gv != v {
			t.Errorf("topScalars[%s] = %v, want %v", k, gv, v)
		}
	}
}

// FuzzASTDecoder checks the decoder against encoding/json + OPA's own
// conversion: both accept the same documents and give equal values.
func FuzzASTDecoder(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, "x", null, true]}`, `"\ud83d\ude00"`, `-0.0e+1`, `{"a":1,"a":{}}`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		got, err := newASTDecoder().decode(doc)
		want, refErr := reference(t, string(doc))
		if refErr != nil {
			if err == nil {
				t.Fatalf("decode %q succeeded, encoding/json says %v", doc, refErr)
			}
			return
		}
		if err != nil {
			if strings.Contains(err.Error(), "nested deeper") {
				return
			}
			t.Fatalf("decode %q: %v; encoding/json accepts it", doc, err)
		}
		if got.Value.Compare(want) != 0 {
			t.Fatalf("decode %q = %v, want %v", doc, got.Value, want)
		}
		// the ordering hint, when it finds a type, finds the decoder's
		if typ, ok := topLevelString(doc, "type"); ok {
			obj, isObj := got.Value.(ast.Object)
			if !isObj || obj.Get(ast.StringTerm("type")) == nil || !obj.Get(ast.StringTerm("type")).Equal(ast.StringTerm(typ)) {
				t.Fatalf("topLevelString(%q) = %q, decoded %v", doc, typ, got.Value)
			}
		}
	})
}

func TestTopLevelString(t *testing.T) {
	for _, c := range []struct {
		doc, want string
		ok        bool
	}{
		{`{"type":"aws_s3_bucket"}`, "aws_s3_bucket", true},
		{` { "address" : "a.b", "values": {"type": "nested", "x": [1, {"type": "deep"}, "]}"]}, "type" : "aws_db_instance" } `, "aws_db_instance", true},
		{`{"a": "say \"type\": \"x\"", "type": "t"}`, "t", true},
		{`{"a": -1.5e3, "b": true, "c": null, "type": "t"}`, "t", true},
		{`{"values": {"type": "nested"}}`, "", false},
		{`{"type": 3}`, "", false},
		{`{"type": "a", "type": "b"}`, "b", true},
		{`{"type": "a", "type": 3}`, "", false},
		{"{\"type\": \"\xff\"}", "", false},
		{`{"type": "esc\u0061ped"}`, "", false},
		{`["type", "t"]`, "", false},
		{`{"type"`, "", false},
		{`{"a": {"b": 1}`, "", false},
		{``, "", false},
	} {
		got, ok := topLevelString([]byte(c.doc), "type")
		if got != c.want || ok != c.ok {
			t.Errorf("topLevelString(%s) = %q, %v; want %q, %v", c.doc, got, ok, c.want, c.ok)
		}
	}
}
