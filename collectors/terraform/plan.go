package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// maxJSONSize caps the plan and state files read.
const maxJSONSize = 512 << 20

// maxRefDepth bounds how far references are followed through module
// variables and outputs of a plan's configuration.
const maxRefDepth = 64

// Plan is a plan JSON (terraform show -json PLANFILE) read into instances.
type Plan struct {
	FormatVersion    string
	TerraformVersion string
	// Instances are the resources and data sources the plan will leave,
	// sorted by address: planned creations, updates and no-ops, reads, and
	// data sources read while planning.
	Instances []Instance
	// Incomplete says why the plan does not cover its whole configuration
	// (it errored, or -target or deferred changes left parts out); empty
	// when it does.
	Incomplete string
	// declared holds the config addresses of the plan's configuration
	// section, whatever their number of instances (zero included).
	declared map[string]bool
}

// State is a state JSON (terraform show -json) read into instances.
type State struct {
	FormatVersion    string
	TerraformVersion string
	Instances        []Instance // sorted by address
}

// InputError is a problem with a plan or state file; Line and Column are
// set when the problem has a position.
type InputError struct {
	Line, Column int
	Msg          string
}

func (e *InputError) Error() string { return e.Msg }

// readJSONObject reads r as one JSON object, keeping its raw bytes.
func readJSONObject(r io.Reader, what string) ([]byte, map[string]json.RawMessage, error) {
	raw, err := io.ReadAll(io.LimitReader(r, maxJSONSize+1))
	if err != nil {
		return nil, nil, &InputError{Msg: fmt.Sprintf("cannot read: %v", err)}
	}
	if len(raw) > maxJSONSize {
		return nil, nil, &InputError{Msg: fmt.Sprintf("not a %s: larger than %d bytes", what, maxJSONSize)}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col := lineCol(raw, se.Offset)
			return nil, nil, &InputError{Line: line, Column: col, Msg: fmt.Sprintf("not valid JSON: %v", se)}
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, nil, &InputError{Msg: fmt.Sprintf("not a %s: the file holds a JSON %s, not an object", what, te.Value)}
		}
		return nil, nil, &InputError{Msg: fmt.Sprintf("not valid JSON: %v", err)}
	}
	if top == nil {
		return nil, nil, &InputError{Msg: fmt.Sprintf("not a %s: the file holds JSON null, not an object", what)}
	}
	return raw, top, nil
}

// lineCol converts the offset of a json.SyntaxError (the bytes read,
// including the offending one) into the 1-based line and column of that byte.
func lineCol(raw []byte, off int64) (int, int) {
	off--
	if off < 0 {
		off = 0
	}
	if off > int64(len(raw)) {
		off = int64(len(raw))
	}
	before := raw[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// checkFormatVersion reads format_version: present, a string, major 0 or 1.
func checkFormatVersion(top map[string]json.RawMessage, what string) (string, error) {
	rawV, ok := top["format_version"]
	if !ok {
		return "", &InputError{Msg: fmt.Sprintf("not a %s: format_version missing", what)}
	}
	var v string
	if err := json.Unmarshal(rawV, &v); err != nil {
		return "", &InputError{Msg: fmt.Sprintf("not a %s: format_version is not a string", what)}
	}
	major, _, _ := strings.Cut(v, ".")
	if n, err := strconv.Atoi(major); err != nil || n < 0 || n > 1 {
		return "", &InputError{Msg: fmt.Sprintf("unsupported %s format_version %q: tomcheck reads format versions 0.x and 1.x", what, v)}
	}
	return v, nil
}

// ReadPlan reads the JSON of `terraform show -json PLANFILE` (or tofu's).
func ReadPlan(r io.Reader) (*Plan, error) {
	raw, top, err := readJSONObject(r, "plan")
	if err != nil {
		return nil, err
	}
	if _, err := checkFormatVersion(top, "plan"); err != nil {
		return nil, err
	}
	_, hasValues := top["values"]
	_, hasPlanned := top["planned_values"]
	_, hasChanges := top["resource_changes"]
	_, hasConfig := top["configuration"]
	if hasValues && !hasPlanned && !hasChanges && !hasConfig {
		return nil, &InputError{Msg: "not a plan: it has values but no planned_values, so it is a state (terraform show -json without a plan file); set it as state: instead"}
	}
	var p tfjson.Plan
	p.UseJSONNumber(true)
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, &InputError{Msg: fmt.Sprintf("not a plan: %v", err)}
	}
	out := &Plan{FormatVersion: p.FormatVersion, TerraformVersion: p.TerraformVersion}
	var errored bool
	if raw, ok := top["errored"]; ok && json.Unmarshal(raw, &errored) == nil && errored {
		out.Incomplete = "the plan errored, so it does not hold every resource of the configuration"
	} else if p.Complete != nil && !*p.Complete {
		out.Incomplete = "the plan is not complete (made with -target, or with deferred changes), so it does not hold every resource of the configuration"
	}
	cfg := indexConfig(p.Config)
	out.declared = map[string]bool{}
	for addr := range cfg.resources {
		out.declared[addr] = true
	}
	seen := map[string]bool{}
	add := func(in Instance) {
		if in.Address == "" || seen[in.Address] {
			return
		}
		seen[in.Address] = true
		cfg.annotate(&in)
		out.Instances = append(out.Instances, in)
	}
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil || rc.DeposedKey != "" || !knownMode(string(rc.Mode)) {
			continue
		}
		after, ok := normalizeJSON(rc.Change.After).(map[string]any)
		if !ok {
			// A planned deletion leaves nothing behind.
			continue
		}
		unknown, _ := normalizeJSON(rc.Change.AfterUnknown).(map[string]any)
		values, _ := applySensitive(after, normalizeJSON(rc.Change.AfterSensitive)).(map[string]any)
		add(Instance{
			Address:  rc.Address,
			Mode:     string(rc.Mode),
			Type:     rc.Type,
			Provider: providerLocalName(rc.ProviderName),
			Values:   values,
			Unknown:  nonNilMap(unknown),
		})
	}
	if p.PlannedValues != nil {
		walkStateModule(p.PlannedValues.RootModule, 0, func(sr *tfjson.StateResource) {
			add(stateInstance(sr))
		})
	}
	if p.PriorState != nil && p.PriorState.Values != nil {
		// Data sources read while planning appear only in the prior state.
		walkStateModule(p.PriorState.Values.RootModule, 0, func(sr *tfjson.StateResource) {
			if sr.Mode == tfjson.DataResourceMode {
				add(stateInstance(sr))
			}
		})
	}
	sortInstances(out.Instances)
	return out, nil
}

// ReadState reads the JSON of `terraform show -json` of a state (or tofu's).
func ReadState(r io.Reader) (*State, error) {
	raw, top, err := readJSONObject(r, "state")
	if err != nil {
		return nil, err
	}
	if _, err := checkFormatVersion(top, "state"); err != nil {
		return nil, err
	}
	_, hasPlanned := top["planned_values"]
	_, hasChanges := top["resource_changes"]
	if hasPlanned || hasChanges {
		return nil, &InputError{Msg: "not a state: it has planned_values, so it is a plan (terraform show -json PLANFILE); set it as plan: instead"}
	}
	var s tfjson.State
	s.UseJSONNumber(true)
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, &InputError{Msg: fmt.Sprintf("not a state: %v", err)}
	}
	out := &State{FormatVersion: s.FormatVersion, TerraformVersion: s.TerraformVersion}
	if s.Values != nil {
		seen := map[string]bool{}
		walkStateModule(s.Values.RootModule, 0, func(sr *tfjson.StateResource) {
			in := stateInstance(sr)
			if in.Address == "" || seen[in.Address] {
				return
			}
			seen[in.Address] = true
			in.ResourceID = resourceID(in.Values)
			out.Instances = append(out.Instances, in)
		})
	}
	sortInstances(out.Instances)
	return out, nil
}

func knownMode(m string) bool { return m == ModeManaged || m == ModeData }

func nonNilMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func sortInstances(ins []Instance) {
	sort.Slice(ins, func(i, j int) bool { return ins[i].Address < ins[j].Address })
}

// walkStateModule visits the current (not deposed) resources of a module
// tree of planned values or state.
func walkStateModule(m *tfjson.StateModule, depth int, fn func(*tfjson.StateResource)) {
	if m == nil || depth > maxRefDepth {
		return
	}
	for _, r := range m.Resources {
		if r == nil || r.DeposedKey != "" || !knownMode(string(r.Mode)) {
			continue
		}
		fn(r)
	}
	for _, c := range m.ChildModules {
		walkStateModule(c, depth+1, fn)
	}
}

// stateInstance converts a resource of planned values or state.
func stateInstance(sr *tfjson.StateResource) Instance {
	values := map[string]any{}
	for k, v := range sr.AttributeValues {
		values[k] = normalizeJSON(v)
	}
	var sens any
	if len(sr.SensitiveValues) > 0 {
		dec := json.NewDecoder(bytes.NewReader(sr.SensitiveValues))
		dec.UseNumber()
		if err := dec.Decode(&sens); err != nil {
			// Unreadable markers: hide every value rather than risk a secret.
			sens = true
		}
	}
	masked, ok := applySensitive(values, sens).(map[string]any)
	if !ok {
		masked = map[string]any{}
		for k := range values {
			masked[k] = sensitiveValue
		}
	}
	return Instance{
		Address:  sr.Address,
		Mode:     string(sr.Mode),
		Type:     sr.Type,
		Provider: providerLocalName(sr.ProviderName),
		Values:   masked,
		Unknown:  map[string]any{},
	}
}

// resourceID is the state's arn, else its id.
func resourceID(values map[string]any) string {
	for _, k := range []string{"arn", "id"} {
		if s, ok := values[k].(string); ok && s != "" && s != sensitiveValue {
			return s
		}
	}
	return ""
}

// providerLocalName guesses the local name from a provider source address
// (registry.opentofu.org/hashicorp/aws → aws); the configuration, when
// there is one, says better.
func providerLocalName(full string) string {
	if i := strings.LastIndexByte(full, '/'); i >= 0 {
		full = full[i+1:]
	}
	return strings.Trim(full, `"]`)
}

// normalizeJSON turns float64 numbers (from parts decoded without
// UseNumber) into json.Number, so all numbers print alike.
func normalizeJSON(v any) any {
	switch x := v.(type) {
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case []any:
		for i, e := range x {
			x[i] = normalizeJSON(e)
		}
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeJSON(e)
		}
	}
	return v
}

// applySensitive replaces the values that a sensitive-values tree (true
// where sensitive) marks by "(sensitive)".
func applySensitive(v any, sens any) any {
	switch s := sens.(type) {
	case bool:
		if s && v != nil {
			return sensitiveValue
		}
	case map[string]any:
		if vm, ok := v.(map[string]any); ok {
			for k, se := range s {
				if ev, ok := vm[k]; ok {
					vm[k] = applySensitive(ev, se)
				}
			}
		}
	case []any:
		if vl, ok := v.([]any); ok {
			for i := range vl {
				if i < len(s) {
					vl[i] = applySensitive(vl[i], s[i])
				}
			}
		}
	}
	return v
}

// planConfig indexes a plan's configuration section by config address.
type planConfig struct {
	providers map[string]*tfjson.ProviderConfig
	resources map[string]*cfgResource
}

type cfgResource struct {
	providerKey string // the opaque provider_config_key
	refs        refSet
}

// cfgModule is a module of the configuration section with its call chain.
type cfgModule struct {
	mod      *tfjson.ConfigModule
	parent   *cfgModule
	callName string
	prefix   string
	depth    int
}

func indexConfig(c *tfjson.Config) *planConfig {
	pc := &planConfig{resources: map[string]*cfgResource{}}
	if c == nil {
		return pc
	}
	pc.providers = c.ProviderConfigs
	if c.RootModule != nil {
		pc.walk(&cfgModule{mod: c.RootModule})
	}
	return pc
}

func (pc *planConfig) walk(cm *cfgModule) {
	if cm.mod == nil || cm.depth > maxRefDepth {
		return
	}
	for _, r := range cm.mod.Resources {
		if r == nil || r.Address == "" {
			continue
		}
		cr := &cfgResource{providerKey: r.ProviderConfigKey, refs: refSet{}}
		walkExpressions(r.Expressions, "", 0, func(path string, refs []string) {
			cr.refs.add(path, cm.resolve(refs, 0, map[string]bool{}))
		})
		pc.resources[cm.prefix+r.Address] = cr
	}
	for _, name := range sortedKeys(cm.mod.ModuleCalls) {
		call := cm.mod.ModuleCalls[name]
		if call == nil || call.Module == nil {
			continue
		}
		pc.walk(cm.child(name, call))
	}
}

func (cm *cfgModule) child(name string, call *tfjson.ModuleCall) *cfgModule {
	return &cfgModule{mod: call.Module, parent: cm, callName: name, prefix: cm.prefix + "module." + name + ".", depth: cm.depth + 1}
}

// walkExpressions visits the references of every expression, nested
// blocks included, with attribute paths joined by ".".
func walkExpressions(exprs map[string]*tfjson.Expression, prefix string, depth int, fn func(path string, refs []string)) {
	if depth > maxRefDepth {
		return
	}
	for _, k := range sortedKeys(exprs) {
		e := exprs[k]
		if e == nil || e.ExpressionData == nil {
			continue
		}
		if len(e.References) > 0 {
			fn(prefix+k, e.References)
		}
		for _, nb := range e.NestedBlocks {
			walkExpressions(nb, prefix+k+".", depth+1, fn)
		}
	}
}

// resolve maps plan reference strings to resource and data config
// addresses, following module outputs and input variables.
func (cm *cfgModule) resolve(refs []string, depth int, seen map[string]bool) []string {
	if depth > maxRefDepth {
		return nil
	}
	// Terraform lists a module call beside the outputs read from it
	// (module.net.vpc_id and module.net): the call alone stands for all
	// outputs only when no output of it is named.
	named := map[string]bool{}
	for _, s := range refs {
		if tr, ok := parseRefString(s); ok {
			if r := classify(tr, nil); r.kind == refModule && r.b != "" {
				named[r.a] = true
			}
		}
	}
	var out []string
	for _, s := range refs {
		key := cm.prefix + "\x00" + s
		if seen[key] {
			continue
		}
		seen[key] = true
		tr, ok := parseRefString(s)
		if !ok {
			continue
		}
		r := classify(tr, nil)
		switch r.kind {
		case refResource:
			out = append(out, cm.prefix+r.a+"."+r.b)
		case refData:
			out = append(out, cm.prefix+"data."+r.a+"."+r.b)
		case refModule:
			call := cm.mod.ModuleCalls[r.a]
			if call == nil || call.Module == nil || (r.b == "" && named[r.a]) {
				continue
			}
			child := cm.child(r.a, call)
			for _, name := range sortedKeys(call.Module.Outputs) {
				if r.b != "" && name != r.b {
					continue
				}
				o := call.Module.Outputs[name]
				if o != nil && o.Expression != nil && o.Expression.ExpressionData != nil {
					out = append(out, child.resolve(o.Expression.References, depth+1, seen)...)
				}
			}
		case refVar:
			if cm.parent == nil || cm.parent.mod == nil {
				continue
			}
			call := cm.parent.mod.ModuleCalls[cm.callName]
			if call == nil {
				continue
			}
			if e := call.Expressions[r.a]; e != nil && e.ExpressionData != nil {
				out = append(out, cm.parent.resolve(e.References, depth+1, seen)...)
			}
		}
	}
	return uniqueSorted(out)
}

// annotate adds what the configuration knows to a plan instance: its
// references, the provider as the resource names it, and the provider's
// region and default tags when they are constants.
func (pc *planConfig) annotate(in *Instance) {
	in.ConfigAddress = stripInstanceKeys(in.Address)
	cr := pc.resources[in.ConfigAddress]
	if cr == nil {
		return
	}
	in.References = cr.refs.lists()
	key := cr.providerKey
	if key == "" {
		return
	}
	local := key
	if i := strings.LastIndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	in.Provider = local
	p := pc.providers[key]
	if p == nil {
		p = pc.providers[local]
	}
	if p == nil {
		return
	}
	if e := p.Expressions["region"]; e != nil && e.ExpressionData != nil {
		if s, ok := e.ConstantValue.(string); ok && len(e.References) == 0 {
			in.ProviderRegion = s
		}
	}
	if e := p.Expressions["default_tags"]; e != nil && e.ExpressionData != nil {
		for _, nb := range e.NestedBlocks {
			t := nb["tags"]
			if t == nil || t.ExpressionData == nil || len(t.References) > 0 {
				continue
			}
			if m, ok := t.ConstantValue.(map[string]any); ok {
				in.DefaultTags = stringMap(m)
			}
		}
	}
}
