package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/internal/diag"
)

// specKeys returns the keys of a terraform target, sorted.
func specKeys() []string {
	return []string{"groups", "name", "path", "plan", "state", "var_files", "vars"}
}

// maxVarNodes caps the YAML nodes read from vars, so aliases that expand
// exponentially cannot exhaust memory.
const maxVarNodes = 100_000

// spec is a decoded terraform target.
type spec struct {
	Path, Plan, State string
	pathNode          *yaml.Node
	planNode          *yaml.Node
	stateNode         *yaml.Node
	VarFiles          []string
	varFileNodes      []*yaml.Node
	varFilesNode      *yaml.Node
	Vars              map[string]any
	varsNode          *yaml.Node
	varKeyNodes       map[string]*yaml.Node
}

func nodePos(file string, n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: file}
	}
	return diag.Pos{File: file, Line: n.Line, Column: n.Column}
}

// resolveAlias follows YAML aliases and unwraps a document node.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 100; i++ {
		switch {
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		case n.Kind == yaml.DocumentNode && len(n.Content) == 1:
			n = n.Content[0]
		default:
			return n
		}
	}
	return n
}

func isString(n *yaml.Node) bool {
	return n != nil && n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.ShortTag() == "!!str")
}

// decodeSpec reads a target's YAML node; it checks shapes, not files.
func decodeSpec(t collectors.Target) (spec, diag.Diagnostics) {
	var s spec
	var ds diag.Diagnostics
	n := resolveAlias(t.Node)
	if n == nil || n.Kind != yaml.MappingNode {
		ds.Errorf(nodePos(t.File, t.Node), "Write a mapping such as {path: infra/} or {plan: plan.json}.", "terraform target must be a mapping")
		return s, ds
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolveAlias(n.Content[i+1])
		key := k.Value
		if seen[key] {
			ds.Errorf(nodePos(t.File, k), "Each key may appear once in a target; remove one of them.", "duplicate key %q in terraform target", key)
			continue
		}
		seen[key] = true
		str := func(what string) (string, bool) {
			if !isString(v) {
				ds.Errorf(nodePos(t.File, v), fmt.Sprintf("Write %s as a string, e.g. %s: %s.", key, key, what), "%s must be a string", key)
				return "", false
			}
			if strings.TrimSpace(v.Value) == "" {
				ds.Errorf(nodePos(t.File, v), fmt.Sprintf("Write %s as a path, e.g. %s: %s, or leave the key out.", key, key, what), "%s must not be empty", key)
				return "", false
			}
			return v.Value, true
		}
		switch key {
		case "path":
			s.Path, _ = str("infra/")
			s.pathNode = v
		case "plan":
			s.Plan, _ = str("infra/plan.json")
			s.planNode = v
		case "state":
			s.State, _ = str("infra/state.json")
			s.stateNode = v
		case "name":
			if !isString(v) {
				ds.Errorf(nodePos(t.File, v), "Write name as a string, e.g. name: infra.", "name must be a string")
			}
		case "groups":
			// The project loader reads groups.
		case "var_files":
			s.varFilesNode = v
			if v == nil || v.Kind != yaml.SequenceNode {
				ds.Errorf(nodePos(t.File, v), "Write var_files as a list, e.g. var_files: [prod.tfvars]; paths are relative to the directory of the project file.", "var_files must be a list of strings")
				continue
			}
			for _, item := range v.Content {
				item = resolveAlias(item)
				if !isString(item) || strings.TrimSpace(item.Value) == "" {
					ds.Errorf(nodePos(t.File, item), "Write var_files as a list, e.g. var_files: [prod.tfvars]; paths are relative to the directory of the project file.", "var_files must be a list of strings")
					continue
				}
				s.VarFiles = append(s.VarFiles, item.Value)
				s.varFileNodes = append(s.varFileNodes, item)
			}
		case "vars":
			s.varsNode = v
			if v == nil || v.Kind != yaml.MappingNode {
				ds.Errorf(nodePos(t.File, v), "Write vars as a mapping of variable names to values, e.g. vars: {region: eu-central-1}.", "vars must be a mapping of variable names to values")
				continue
			}
			s.Vars = map[string]any{}
			s.varKeyNodes = map[string]*yaml.Node{}
			budget := maxVarNodes
			for j := 0; j+1 < len(v.Content); j += 2 {
				vk := v.Content[j]
				name := vk.Value
				if !hclsyntax.ValidIdentifier(name) {
					ds.Errorf(nodePos(t.File, vk), "Variable names start with a letter or underscore and hold letters, digits, underscores and dashes.", "vars: %q is not a valid variable name", name)
					continue
				}
				if _, dup := s.Vars[name]; dup {
					ds.Errorf(nodePos(t.File, vk), "Each variable may be set once in vars; remove one of them.", "vars sets %q twice", name)
					continue
				}
				val, err := yamlValue(v.Content[j+1], &budget, 0)
				if err != nil {
					ds.Errorf(nodePos(t.File, v.Content[j+1]), "Give the variable a string, number, bool, list or mapping.", "vars: invalid value for %q: %v", name, err)
					continue
				}
				s.Vars[name] = val
				s.varKeyNodes[name] = vk
			}
		default:
			keys := specKeys()
			summary := fmt.Sprintf("unknown key %q in terraform target", key)
			if dym := diag.DidYouMean(key, keys); dym != "" {
				summary += " — " + dym
			}
			ds.Errorf(nodePos(t.File, k), "A terraform target takes the keys "+strings.Join(keys[:len(keys)-1], ", ")+" and "+keys[len(keys)-1]+".", "%s", summary)
		}
	}
	if s.Path == "" && s.Plan == "" && s.State == "" && s.pathNode == nil && s.planNode == nil && s.stateNode == nil {
		ds.Errorf(nodePos(t.File, n), "Set path to a directory of .tf files, plan to the output of terraform show -json PLANFILE, or state to the output of terraform show -json.", "terraform target needs path, plan or state")
	}
	if s.pathNode == nil {
		if s.varFilesNode != nil {
			ds.Errorf(nodePos(t.File, s.varFilesNode), "Variables are only read with path (a directory of .tf files); a plan or state already holds their values.", "var_files needs path")
		}
		if s.varsNode != nil {
			ds.Errorf(nodePos(t.File, s.varsNode), "Variables are only read with path (a directory of .tf files); a plan or state already holds their values.", "vars needs path")
		}
	}
	return s, ds
}

// yamlValue converts a YAML node to string, bool, int64, json-style number,
// []any or map[string]any, reading scalars by their tag.
func yamlValue(n *yaml.Node, budget *int, depth int) (any, error) {
	*budget--
	if *budget < 0 || depth > 100 {
		return nil, errors.New("value too large or too deeply nested")
	}
	if n == nil {
		return nil, nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		return yamlValue(n.Alias, budget, depth+1)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return yamlValue(n.Content[0], budget, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := yamlValue(c, budget, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := resolveAlias(n.Content[i])
			if k == nil || k.Kind != yaml.ScalarNode {
				return nil, errors.New("mapping keys must be scalars")
			}
			v, err := yamlValue(n.Content[i+1], budget, depth+1)
			if err != nil {
				return nil, err
			}
			out[k.Value] = v
		}
		return out, nil
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil, nil
		case "!!bool":
			var b bool
			if err := n.Decode(&b); err == nil {
				return b, nil
			}
		case "!!int":
			var i int64
			if err := n.Decode(&i); err == nil {
				return i, nil
			}
		case "!!float":
			var f float64
			if err := n.Decode(&f); err == nil {
				return json.Number(strconv.FormatFloat(f, 'g', -1, 64)), nil
			}
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("unsupported YAML node")
}

// resolvePath resolves a target path from the project directory.
func resolvePath(dir, p string) string {
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Clean(filepath.Join(dir, p))
}

// Validate decodes a terraform target and checks that its files exist.
func (c *Collector) Validate(t collectors.Target) diag.Diagnostics {
	s, ds := decodeSpec(t)
	if s.Path != "" {
		if ok := checkPath(&ds, t, "path", s.Path, s.pathNode, true); ok {
			checkVarsDeclared(&ds, t, s)
		}
	}
	if s.Plan != "" {
		checkPath(&ds, t, "plan", s.Plan, s.planNode, false)
	}
	if s.State != "" {
		checkPath(&ds, t, "state", s.State, s.stateNode, false)
	}
	for i, f := range s.VarFiles {
		if s.pathNode == nil {
			break // decodeSpec said var_files needs path
		}
		checkPath(&ds, t, "var file", f, s.varFileNodes[i], false)
	}
	return ds
}

// checkPath reports a path that does not exist or is of the wrong kind.
func checkPath(ds *diag.Diagnostics, t collectors.Target, what, p string, n *yaml.Node, wantDir bool) bool {
	pos := nodePos(t.File, n)
	info, err := os.Stat(resolvePath(t.Dir, p))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		ds.Errorf(pos, fixFor(what, p), "%s %q does not exist", what, p)
		return false
	case err != nil:
		ds.Errorf(pos, "Check the file's permissions.", "cannot read %s %q: %v", what, p, unwrapPathError(err))
		return false
	case wantDir && !info.IsDir():
		dir := path.Dir(filepath.ToSlash(p)) + "/"
		ds.Errorf(pos, fmt.Sprintf("path takes the directory of the root module, not a file: write %q.", dir), "path %q is not a directory", p)
		return false
	case !wantDir && info.IsDir():
		ds.Errorf(pos, fixFor(what, p), "%s %q is a directory, not a file", what, p)
		return false
	}
	return true
}

func fixFor(what, p string) string {
	const rel = " Relative paths resolve from the directory of the project file."
	switch what {
	case "path":
		return "Point path at the directory that holds the root module's .tf files." + rel
	case "plan":
		return fmt.Sprintf("Write the plan with terraform plan -out=plan.bin && terraform show -json plan.bin > %s, or fix the path.%s", p, rel)
	case "state":
		return fmt.Sprintf("Write the state with terraform show -json > %s, or fix the path.%s", p, rel)
	}
	return "var_files are relative to the directory of the project file, not to path; fix the path."
}

// checkVarsDeclared reports vars that the root module does not declare,
// which Terraform refuses for -var as well. A module that does not parse is
// left to Collect, which reports why.
func checkVarsDeclared(ds *diag.Diagnostics, t collectors.Target, s spec) {
	if len(s.Vars) == 0 {
		return
	}
	dir := resolvePath(t.Dir, s.Path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	declared := map[string]bool{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !isConfigFile(n) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return
		}
		if _, _, deep := tooDeep(src); deep {
			return
		}
		var f *hcl.File
		var hds hcl.Diagnostics
		if strings.HasSuffix(n, ".json") {
			f, hds = hcljson.Parse(src, n)
		} else {
			f, hds = hclsyntax.ParseConfig(src, n, hcl.InitialPos)
		}
		if hds.HasErrors() {
			return
		}
		content, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "variable", LabelNames: []string{"name"}}}})
		if content == nil {
			continue
		}
		for _, b := range content.Blocks {
			declared[b.Labels[0]] = true
		}
	}
	names := sortedKeys(declared)
	for _, name := range sortedKeys(s.Vars) {
		if declared[name] {
			continue
		}
		summary := fmt.Sprintf("vars sets undeclared variable %q", name)
		if dym := diag.DidYouMean(name, names); dym != "" {
			summary += " — " + dym
		}
		ds.Errorf(nodePos(t.File, s.varKeyNodes[name]), fmt.Sprintf("The root module in %s declares no variable %q; declare it, or remove it from vars.", s.Path, name), "%s", summary)
	}
}
