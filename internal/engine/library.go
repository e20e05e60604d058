// Package engine evaluates claims: it loads the Rego check library, hands
// each claim's check the evidence in its scope, and derives verdicts in Go.
package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tomcheck/tomcheck/internal/checks"
)

// PolicySource is one tree of Rego files: the built-in library or a user's --policies directory.
type PolicySource struct {
	Name    string // "builtin" or the directory as given
	FS      fs.FS
	Builtin bool
}

// Library is the compiled check library of one run.
type Library struct {
	Catalog  *checks.Catalog
	Digest   string // sha256 over every policy file's name and content
	compiler *ast.Compiler
	// Modules holds every parsed file, tests included, keyed by "<source>/<path>".
	Modules map[string]*ast.Module
}

// forbiddenBuiltins are builtins a policy may not call: evaluation never
// talks to the network and never reads the clock, so a bundle re-checked
// later reaches the same verdicts.
func forbiddenBuiltin(name string) bool {
	switch name {
	case "time.now_ns", "http.send", "opa.runtime", "trace", "rand.intn", "uuid.rfc4122", "uuid.parse":
		return true
	}
	return strings.HasPrefix(name, "net.") || strings.HasPrefix(name, "rand.") || strings.HasPrefix(name, "io.jwt.decode_verify")
}

// Capabilities returns OPA's capabilities without the forbidden builtins.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if !forbiddenBuiltin(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// LoadLibrary parses and compiles every .rego file of the sources (test
// files are parsed but compiled only by the policy tester) and reads each
// check's METADATA into the catalog. Errors keep OPA's "file:row: msg" form.
func LoadLibrary(sources ...PolicySource) (*Library, error) {
	lib := &Library{Modules: map[string]*ast.Module{}}
	h := sha256.New()
	evalModules := map[string]*ast.Module{}
	var errs []string
	for _, src := range sources {
		var files []string
		err := fs.WalkDir(src.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".rego") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read policies %s: %w", src.Name, err)
		}
		sort.Strings(files)
		for _, p := range files {
			raw, err := fs.ReadFile(src.FS, p)
			if err != nil {
				return nil, fmt.Errorf("read policy %s: %w", p, err)
			}
			name := path.Join(src.Name, p)
			_, _ = fmt.Fprintf(h, "%s\x00%d\x00", name, len(raw))
			_, _ = h.Write(raw)
			m, err := ast.ParseModuleWithOpts(name, string(raw), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
			if err != nil {
				errs = append(errs, err.Error())
				continue
			}
			lib.Modules[name] = m
			if !strings.HasSuffix(p, "_test.rego") {
				evalModules[name] = m
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("parse policies:\n%s", strings.Join(errs, "\n"))
	}
	lib.Digest = "sha256:" + hex.EncodeToString(h.Sum(nil))

	c := ast.NewCompiler().WithCapabilities(Capabilities())
	c.Compile(evalModules)
	if c.Failed() {
		return nil, fmt.Errorf("compile policies:\n%s", c.Errors.Error())
	}
	lib.compiler = c

	cat, err := readCatalog(lib.Modules, sources)
	if err != nil {
		return nil, err
	}
	lib.Catalog = cat
	return lib, nil
}

const checkPackagePrefix = "data.tomcheck.checks."

// readCatalog builds the catalog from the package METADATA of every check.
func readCatalog(mods map[string]*ast.Module, sources []PolicySource) (*checks.Catalog, error) {
	builtinPrefix := map[string]bool{}
	for _, s := range sources {
		if s.Builtin {
			builtinPrefix[s.Name+"/"] = true
		}
	}
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	byID := map[string]*checks.Check{}
	packages := map[string]bool{}
	var errs []string
	for _, name := range names {
		m := mods[name]
		pkg := m.Package.Path.String()
		if !strings.HasPrefix(pkg, checkPackagePrefix) || strings.HasSuffix(name, "_test.rego") {
			continue
		}
		id := strings.TrimPrefix(pkg, checkPackagePrefix)
		packages[id] = true
		for _, a := range m.Annotations {
			if a.Scope != "package" {
				continue
			}
			ch, err := checkFromAnnotations(id, name, a)
			if err != nil {
				errs = append(errs, err.Error())
				continue
			}
			if prev, dup := byID[id]; dup {
				errs = append(errs, fmt.Sprintf("%s:%d: check %q has METADATA in two files (also %s); keep it in one check.rego", name, a.Location.Row, id, prev.File))
				continue
			}
			for p := range builtinPrefix {
				if strings.HasPrefix(name, p) {
					ch.Builtin = true
				}
			}
			byID[id] = ch
		}
	}
	for id := range packages {
		if _, ok := byID[id]; !ok {
			errs = append(errs, fmt.Sprintf("check package %q has no package METADATA; add a '# METADATA' block with title, description and custom.check above its package line", "tomcheck.checks."+id))
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("read check metadata:\n%s", strings.Join(errs, "\n"))
	}
	all := make([]*checks.Check, 0, len(byID))
	for _, ch := range byID {
		all = append(all, ch)
	}
	return checks.NewCatalog(all...), nil
}

func checkFromAnnotations(id, file string, a *ast.Annotations) (*checks.Check, error) {
	at := func(msg string, args ...any) error {
		return fmt.Errorf("%s:%d: check %q: %s", file, a.Location.Row, id, fmt.Sprintf(msg, args...))
	}
	custom := a.Custom
	str := func(key string) string {
		s, _ := custom[key].(string)
		return s
	}
	list := func(key string) ([]string, error) {
		raw, ok := custom[key]
		if !ok || raw == nil {
			return nil, nil
		}
		items, ok := raw.([]any)
		if !ok {
			return nil, at("custom.%s must be a list of strings", key)
		}
		out := make([]string, 0, len(items))
		for _, it := range items {
			s, ok := it.(string)
			if !ok {
				return nil, at("custom.%s must be a list of strings", key)
			}
			out = append(out, s)
		}
		return out, nil
	}
	ch := &checks.Check{
		ID: id, Package: checkPackagePrefix + id, File: file,
		Title: a.Title, Description: a.Description,
		TitleDE: str("title_de"), DescriptionDE: str("description_de"),
		Remediation: str("remediation"), RemediationDE: str("remediation_de"),
	}
	var missing []string
	for key, val := range map[string]string{"title": ch.Title, "description": ch.Description, "custom.title_de": ch.TitleDE,
		"custom.description_de": ch.DescriptionDE, "custom.remediation": ch.Remediation} {
		if strings.TrimSpace(val) == "" {
			missing = append(missing, key)
		}
	}
	if got := str("check"); got != id {
		if got == "" {
			missing = append(missing, "custom.check")
		} else {
			return nil, at("custom.check is %q but the package says %q; make them equal", got, id)
		}
	}
	for _, key := range []string{"evidence", "params", "areas", "claim_types"} {
		if _, ok := custom[key]; !ok {
			missing = append(missing, "custom."+key)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, at("METADATA lacks %s", strings.Join(missing, ", "))
	}
	ev, err := list("evidence")
	if err != nil {
		return nil, err
	}
	if len(ev) == 0 {
		return nil, at("custom.evidence is empty; name the record kinds the check judges")
	}
	ctx, err := list("context")
	if err != nil {
		return nil, err
	}
	for _, s := range ev {
		ch.Evidence = append(ch.Evidence, checks.ParseSelector(s))
	}
	for _, s := range ctx {
		ch.Context = append(ch.Context, checks.ParseSelector(s))
	}
	if ch.Areas, err = list("areas"); err != nil {
		return nil, err
	}
	for i, area := range ch.Areas {
		canon, ok := checks.CanonicalArea(area)
		if !ok {
			return nil, at("unknown area %q in custom.areas", area)
		}
		ch.Areas[i] = canon
	}
	if ch.ClaimTypes, err = list("claim_types"); err != nil {
		return nil, err
	}
	params, ok := custom["params"].(map[string]any)
	if !ok {
		return nil, at("custom.params must be a JSON schema object")
	}
	ch.Params = params
	if err := ch.ValidateSchema(); err != nil {
		return nil, at("custom.params: %v", err)
	}
	return ch, nil
}
