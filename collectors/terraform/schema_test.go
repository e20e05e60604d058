package terraform

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestDataSchema keeps data.schema.json, the Data type and the records in
// step: the schema's properties are Data's JSON fields, and every golden
// record's data has the required keys and no others.
func TestDataSchema(t *testing.T) {
	raw, err := os.ReadFile("data.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("data.schema.json: %v", err)
	}
	var fields []string
	ty := reflect.TypeOf(Data{})
	for i := 0; i < ty.NumField(); i++ {
		name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		fields = append(fields, name)
	}
	sort.Strings(fields)
	if props := sortedKeys(schema.Properties); !slices.Equal(props, fields) {
		t.Errorf("schema properties %v, Data fields %v", props, fields)
	}
	goldens, err := filepath.Glob(filepath.Join("testdata", "golden", "*.jsonl"))
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, g := range goldens {
		f, err := os.Open(g)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			var line struct {
				Subject string         `json:"subject"`
				Data    map[string]any `json:"data"`
			}
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Fatalf("%s: %v", g, err)
			}
			if line.Data == nil {
				continue // a gap
			}
			for _, k := range schema.Required {
				if _, ok := line.Data[k]; !ok {
					t.Errorf("%s: %s lacks %s", g, line.Subject, k)
				}
			}
			for k := range line.Data {
				if _, ok := schema.Properties[k]; !ok {
					t.Errorf("%s: %s has %s, which the schema does not define", g, line.Subject, k)
				}
			}
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
