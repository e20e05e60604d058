package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/engine"
)

// reference is the verdict JSON as encoding/json writes it: the contract
// EncodeJSON keeps byte for byte.
func reference(t *testing.T, res *engine.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encoded(t *testing.T, res *engine.Result) []byte {
	t.Helper()
	e, err := EncodeJSON(res)
	if err != nil {
		t.Fatal(err)
	}
	var w bytes.Buffer
	n, err := e.WriteTo(&w)
	if err != nil || n != int64(w.Len()) {
		t.Fatalf("WriteTo: %d bytes, %v; wrote %d", n, err, w.Len())
	}
	return w.Bytes()
}

func sameJSON(t *testing.T, name string, res *engine.Result) {
	t.Helper()
	got, want := encoded(t, res), reference(t, res)
	if bytes.Equal(got, want) {
		return
	}
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < min(len(g), len(w)); i++ {
		if g[i] != w[i] {
			t.Fatalf("%s: line %d:\n got  %s\n want %s", name, i+1, g[i], w[i])
		}
	}
	t.Fatalf("%s: %d lines, want %d", name, len(g), len(w))
}

// awkward are strings encoding/json escapes in every way it has.
var awkward = []string{
	"plain", "", `quote " backslash \ slash /`, "tab\tnewline\nreturn\r", "\b\f\x00\x01\x1f\x7f",
	"<html> & 'apostrophe'", "Umlaute äöü ß € 😀", "line\u2028para\u2029end", "bad \xff\xfe utf8 \xc3",
}

// fill sets every field reachable from v to a non-zero value: strings from
// awkward, numbers, true, allocated pointers, two-element slices and a
// params map with every kind of YAML value.
func fill(t *testing.T, v reflect.Value, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(awkward[*n%len(awkward)] + fmt.Sprint(*n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		v.Set(reflect.ValueOf(map[string]any{
			"hours": 24, "ratio": 1e-07, "big": 1e21, "neg": -2.5, "on": true, "off": false, "none": nil,
			"text": awkward[*n%len(awkward)], "list": []any{"a", 1, []any{}, map[string]any{}},
			"nested": map[string]any{"b": map[string]any{"c": []any{"x <y>"}}, "a": "first"},
		}))
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 23, 10, 4, 5, 123456789, time.UTC)))
			return
		}
		for i := range v.NumField() {
			fill(t, v.Field(i), n)
		}
	default:
		t.Fatalf("fill: a field of kind %s; teach fill to set it", v.Kind())
	}
}

// TestEncodeJSONIsEncodingJSON compares the hand-written encoder with
// encoding/json: on a result whose every field is set (a field added to the
// verdict JSON without the encoder fails here), on the same result with
// every optional field empty, on the zero result and on the rich result.
func TestEncodeJSONIsEncodingJSON(t *testing.T) {
	var full engine.Result
	n := 0
	fill(t, reflect.ValueOf(&full).Elem(), &n)
	sameJSON(t, "full", &full)

	empty := full
	empty.Claims = append([]engine.ClaimResult(nil), full.Claims...)
	empty.Claims[0] = engine.ClaimResult{Findings: []engine.Finding{{}}, DefaultsApplied: []string{}}
	empty.Claims[1] = engine.ClaimResult{Params: map[string]any{}, Gaps: []evidence.Gap{}}
	empty.Exceptions, empty.Unmapped, empty.Gaps = []engine.ExceptionResult{{}}, []engine.Unmapped{{}}, []evidence.Gap{{}}
	empty.Collectors, empty.Warnings = []engine.CollectorInfo{{}}, []engine.Message{}
	empty.Metadata, empty.Digests, empty.Project = engine.Metadata{}, engine.Digests{}, ""
	sameJSON(t, "empty", &empty)

	sameJSON(t, "zero", &engine.Result{})
	sameJSON(t, "no claims", &engine.Result{Claims: []engine.ClaimResult{}})
	sameJSON(t, "rich", richResult())

	// many claims: the parallel parts come back in order
	many := *richResult()
	for i := range 50 {
		c := many.Claims[i%len(many.Claims)]
		c.ID = fmt.Sprintf("claim-%02d", i)
		many.Claims = append(many.Claims, c)
	}
	sameJSON(t, "many", &many)
}

func TestEncodeJSONErrors(t *testing.T) {
	res := richResult()
	res.Claims[0].Params = map[string]any{"limit": []any{1, map[string]any{"x": func() {}}}}
	if _, err := EncodeJSON(res); err == nil || !strings.Contains(err.Error(), "claim "+res.Claims[0].ID+": params") {
		t.Errorf("error = %v, want one naming the claim's params", err)
	}
	res = richResult()
	res.Now = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := EncodeJSON(res); err == nil || !strings.Contains(err.Error(), "now") {
		t.Errorf("error = %v, want one naming now", err)
	}
}

func BenchmarkEncodeJSON(b *testing.B) {
	res := richResult()
	c := res.Claims[0]
	c.Findings = nil
	for i := range 20000 {
		f := engine.Finding{Subject: fmt.Sprintf("tf:estate/module.svc%d.aws_s3_bucket.data", i), Message: strings.Repeat("observed value and claimed value; ", 4),
			MessageDE: strings.Repeat("beobachteter und behaupteter Wert; ", 4), Evidence: []string{"sha256:" + strings.Repeat("a", 64)}, Origin: "declared"}
		c.Findings = append(c.Findings, f)
	}
	res.Claims = []engine.ClaimResult{c, c, c, c}
	b.Run("tomcheck", func(b *testing.B) {
		for b.Loop() {
			if _, err := EncodeJSON(res); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.MarshalIndent(res, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}
