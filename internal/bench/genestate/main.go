// Command genestate writes a synthetic estate for `make bench`: a run
// directory for `tomcheck evaluate` and the same work as data for `opa eval`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/tomcheck/tomcheck/internal/bench"
	"github.com/tomcheck/tomcheck/internal/engine"
	"github.com/tomcheck/tomcheck/policies"
)

func main() {
	n := flag.Int("n", 10000, "number of evidence records")
	out := flag.String("o", "", "output directory (created)")
	flag.Parse()
	if err := run(*n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genestate:", err)
		os.Exit(1)
	}
}

func run(n int, out string) error {
	if out == "" {
		return fmt.Errorf("-o DIR is required")
	}
	lib, err := engine.LoadLibrary(engine.PolicySource{Name: "builtin", FS: policies.FS, Builtin: true})
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Second)
	est, err := bench.Generate(n, now)
	if err != nil {
		return err
	}
	tom := bench.TOM(lib.Catalog)
	project := []byte("project: bench\ntom: tom.yaml\ntargets: {}\n")
	if err := est.WriteRunDir(filepath.Join(out, "run"), tom, project, now, now); err != nil {
		return err
	}
	params := map[string]map[string]any{}
	for _, ch := range lib.Catalog.All() {
		p := map[string]any{}
		props, _ := ch.Params["properties"].(map[string]any)
		for name, raw := range props {
			if prop, ok := raw.(map[string]any); ok {
				if def, ok := prop["default"]; ok {
					p[name] = def
				}
			}
		}
		params[ch.ID] = p
	}
	params["backup.max_interval"]["hours"] = 24
	params["backup.retention"]["min_days"] = 30
	params["logging.retention"]["min_days"] = 90
	if err := os.MkdirAll(filepath.Join(out, "opa"), 0o750); err != nil {
		return err
	}
	return est.WriteOPAData(filepath.Join(out, "opa"), lib.Catalog, params, now)
}
