package terraform

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// maxTotalInstances caps the instances of a whole configuration, so nested
// count and for_each cannot multiply beyond memory.
const maxTotalInstances = 100_000

// maxForDepth is how deeply for expressions may nest in one expression;
// deeper ones multiply their collections' sizes and are left unknown.
const maxForDepth = 2

// Memo states.
const (
	unvisited = iota
	visiting
	done
)

// memo is a lazily evaluated named value (local or output) with the
// resource addresses it refers to.
type memo struct {
	state int
	val   cty.Value
	refs  []string
}

// modInst is one instance of a module: the root, or one key of a module call.
type modInst struct {
	l      *loader
	mod    *module
	parent *modInst
	call   *moduleCall
	// addr is the module instance address ("module.a[0].module.b"), cfgAddr
	// the same without keys; both empty for the root.
	addr, cfgAddr string
	keyUnknown    bool   // this or an enclosing module call has unknown count/for_each
	key           string // the for_each key of this instance
	depth         int
	dirs          map[string]bool // the module directories above and including this one
	pathModule    string

	vars    map[string]cty.Value
	varRefs map[string][]string
	varObj  cty.Value
	locals  map[string]*memo
	outputs map[string]*memo
	calls   map[string]*callResult
	provs   map[string]*provInst
}

// callResult is the expansion of one module call in one module instance.
type callResult struct {
	state    int
	unknown  bool // count or for_each of the call is unknown
	insts    []*modInst
	valState int
	val      cty.Value
}

// provInst is a provider configuration as a resource sees it.
type provInst struct {
	region      string
	defaultTags map[string]string
}

// scope holds the names an expression may use beyond module-level ones.
type scope struct {
	count *cty.Value
	each  *[2]cty.Value // key, value
	iters map[string]cty.Value
	// iterRefs are the addresses a dynamic block's for_each refers to: an
	// attribute built from the iterator refers to them as well.
	iterRefs map[string][]string
}

func (sc *scope) iterNames() map[string]bool {
	if sc == nil || len(sc.iters) == 0 {
		return nil
	}
	m := make(map[string]bool, len(sc.iters))
	for k := range sc.iters {
		m[k] = true
	}
	return m
}

// withIter returns a copy of sc with one more dynamic-block iterator.
func (sc *scope) withIter(name string, v cty.Value, refs []string) *scope {
	out := &scope{iters: map[string]cty.Value{name: v}, iterRefs: map[string][]string{name: refs}}
	if sc != nil {
		out.count, out.each = sc.count, sc.each
		for k, iv := range sc.iters {
			if k != name {
				out.iters[k] = iv
				out.iterRefs[k] = sc.iterRefs[k]
			}
		}
	}
	return out
}

func (l *loader) rootInstance(mod *module) *modInst {
	m := l.newInstance(mod, nil, nil, "", "", false)
	m.pathModule = "."
	m.vars, m.varRefs = l.rootVars(mod)
	m.varObj = objectOrEmpty(m.vars)
	return m
}

func (l *loader) newInstance(mod *module, parent *modInst, call *moduleCall, addr, cfgAddr string, keyUnknown bool) *modInst {
	m := &modInst{
		l: l, mod: mod, parent: parent, call: call, addr: addr, cfgAddr: cfgAddr, keyUnknown: keyUnknown,
		dirs:    map[string]bool{mod.dir: true},
		vars:    map[string]cty.Value{},
		varRefs: map[string][]string{},
		locals:  map[string]*memo{},
		outputs: map[string]*memo{},
		calls:   map[string]*callResult{},
		provs:   map[string]*provInst{},
	}
	if parent != nil {
		m.depth = parent.depth + 1
		for d := range parent.dirs {
			m.dirs[d] = true
		}
	}
	return m
}

func objectOrEmpty(m map[string]cty.Value) cty.Value {
	if len(m) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(m)
}

// prefix is the config address prefix of this module's resources.
func (m *modInst) cfgPrefix() string {
	if m.cfgAddr == "" {
		return ""
	}
	return m.cfgAddr + "."
}

func (m *modInst) addrPrefix() string {
	if m.addr == "" {
		return ""
	}
	return m.addr + "."
}

// rootVars sets the root module's variables as Terraform does: defaults,
// terraform.tfvars, *.auto.tfvars, the var files in order, then Vars.
func (l *loader) rootVars(mod *module) (map[string]cty.Value, map[string][]string) {
	assigned := map[string]varValue{}
	for name, decl := range mod.variables {
		if decl.def != nil {
			assigned[name] = varValue{val: evalDefault(decl), pos: decl.pos}
		}
	}
	files := append(l.tfvarsFiles(mod.dir), l.opts.VarFiles...)
	for _, f := range files {
		for name, vv := range l.readTfvars(f) {
			if _, ok := mod.variables[name]; ok {
				assigned[name] = vv
			}
		}
	}
	for _, name := range sortedKeys(l.opts.Vars) {
		decl, ok := mod.variables[name]
		if !ok {
			// Validate reports undeclared names with their position.
			continue
		}
		raw := l.opts.Vars[name]
		v, err := ctyFromGo(raw)
		if err != nil {
			l.errorf(diag.Pos{}, "Give the variable a string, number, bool, list or map.", "Invalid value for variable %q: %v", name, err)
			v = cty.DynamicVal
		}
		if s, isStr := raw.(string); isStr && decl.hasType && !decl.typ.IsPrimitiveType() && decl.typ != cty.DynamicPseudoType {
			// Like -var, a string for a structured type is an HCL expression.
			if expr, ds := hclsyntax.ParseExpression([]byte(s), "vars."+name, hcl.InitialPos); !ds.HasErrors() {
				if pv, ds := expr.Value(nil); !ds.HasErrors() {
					v = safe(pv)
				}
			}
		}
		assigned[name] = varValue{val: v, sensitive: goHasSecret(raw, l.opts.Secrets)}
	}
	vars := map[string]cty.Value{}
	for name, decl := range mod.variables {
		vv, ok := assigned[name]
		if !ok {
			vars[name] = cty.DynamicVal
			continue
		}
		v := l.convertVar(decl, vv.val, vv.pos)
		if decl.sensitive || vv.sensitive {
			v = v.Mark(markSensitive)
		}
		vars[name] = v
	}
	return vars, map[string][]string{}
}

// evalDefault evaluates a variable's default, which may only be a literal.
func evalDefault(decl *variableDecl) cty.Value {
	v, ds := decl.def.Value(nil)
	if ds.HasErrors() {
		return cty.DynamicVal
	}
	return safe(v)
}

// convertVar applies the variable's declared type (with optional-attribute
// defaults); a value that does not convert is an error and becomes unknown.
func (l *loader) convertVar(decl *variableDecl, v cty.Value, at hcl.Range) cty.Value {
	v = safe(v)
	if !decl.hasType {
		return v
	}
	if v.IsNull() {
		return cty.NullVal(decl.typ)
	}
	plain, marks := v.UnmarkDeepWithPaths()
	if decl.defaults != nil {
		plain = safe(decl.defaults.Apply(plain))
	}
	cv, err := convert.Convert(plain, decl.typ)
	if err != nil {
		p := l.pos(decl.pos)
		if at.Filename != "" {
			p = l.pos(at)
		}
		l.errorf(p, fmt.Sprintf("Variable %q is declared with type %s; give it a value of that type.", decl.name, typeName(decl.typ)),
			"Invalid value for variable %q: %v", decl.name, err)
		return cty.DynamicVal
	}
	cv = safe(cv)
	for _, pm := range marks {
		if _, err := pm.Path.Apply(cv); err != nil {
			// The conversion moved a marked part: mark all of it rather
			// than lose the mark.
			return cv.Mark(markSensitive)
		}
	}
	return cv.MarkWithPaths(marks)
}

// typeName renders a type constraint for messages.
func typeName(ty cty.Type) string {
	if ty == cty.DynamicPseudoType {
		return "any"
	}
	return ty.FriendlyNameForConstraint()
}

// eval evaluates expr in this module instance: the value (unknown where it
// cannot be determined statically) and the resource and data config
// addresses it refers to, through locals, variables and module outputs.
func (m *modInst) eval(expr hcl.Expression, sc *scope) (cty.Value, []string) {
	if expr == nil {
		return cty.NullVal(cty.DynamicPseudoType), nil
	}
	traversals := expr.Variables()
	refs := m.refsOf(traversals, sc)
	if tooComplex(expr) || m.undeclared(traversals, sc) {
		return cty.DynamicVal, refs
	}
	ctx := &hcl.EvalContext{Variables: m.variables(traversals, sc), Functions: m.l.funcs}
	v, ds := expr.Value(ctx)
	if ds.HasErrors() {
		return cty.DynamicVal, refs
	}
	v = safe(v)
	if tooLarge(v) {
		return cty.DynamicVal, refs
	}
	return v, refs
}

// undeclared reports a reference to a variable, local or module call that
// the module does not declare: Terraform rejects the configuration before
// evaluating anything, so no value (not even try's fallback) is real.
func (m *modInst) undeclared(traversals []hcl.Traversal, sc *scope) bool {
	for _, tr := range traversals {
		root := tr.RootName()
		if sc != nil {
			if _, ok := sc.iters[root]; ok {
				continue
			}
		}
		name, ok := attrAt(tr, 1)
		if !ok {
			continue
		}
		switch root {
		case "var":
			_, ok = m.mod.variables[name]
		case "local":
			_, ok = m.mod.locals[name]
		case "module":
			_, ok = m.mod.callByKey[name]
		}
		if !ok {
			return true
		}
	}
	return false
}

// forDepth tracks the nesting of for expressions.
type forDepth struct{ depth, max int }

func (w *forDepth) Enter(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth++
		w.max = max(w.max, w.depth)
	}
	return nil
}

func (w *forDepth) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(*hclsyntax.ForExpr); ok {
		w.depth--
	}
	return nil
}

// tooComplex reports expressions whose nested for loops could multiply
// collections beyond what a static read should spend.
func tooComplex(expr hcl.Expression) bool {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return false
	}
	w := &forDepth{}
	// The walker reports no diagnostics of its own.
	_ = hclsyntax.Walk(se, w)
	return w.max > maxForDepth
}

// variables builds the names an expression refers to.
func (m *modInst) variables(traversals []hcl.Traversal, sc *scope) map[string]cty.Value {
	vars := map[string]cty.Value{}
	locals := map[string]cty.Value{}
	modules := map[string]cty.Value{}
	for _, tr := range traversals {
		root := tr.RootName()
		if sc != nil {
			if it, ok := sc.iters[root]; ok {
				vars[root] = it
				continue
			}
		}
		switch root {
		case "var":
			vars["var"] = m.varObj
		case "local":
			if name, ok := attrAt(tr, 1); ok {
				if _, declared := m.mod.locals[name]; declared {
					locals[name], _ = m.local(name)
				}
			}
		case "module":
			if name, ok := attrAt(tr, 1); ok {
				if c, declared := m.mod.callByKey[name]; declared {
					modules[name] = m.callValue(c)
				}
			}
		case "path":
			vars["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(m.pathModule),
				"root":   cty.StringVal("."),
				"cwd":    cty.UnknownVal(cty.String),
			})
		case "terraform":
			vars["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "count":
			if sc != nil && sc.count != nil {
				vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": *sc.count})
			} else {
				vars["count"] = cty.DynamicVal
			}
		case "each":
			if sc != nil && sc.each != nil {
				vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": sc.each[0], "value": sc.each[1]})
			} else {
				vars["each"] = cty.DynamicVal
			}
		default:
			// Resources, data sources, self and anything else are only
			// known after apply.
			vars[root] = cty.DynamicVal
		}
	}
	vars["local"] = objectOrEmpty(locals)
	vars["module"] = objectOrEmpty(modules)
	return vars
}

// attrAt returns the attribute name at position i of a traversal.
func attrAt(tr hcl.Traversal, i int) (string, bool) {
	if i >= len(tr) {
		return "", false
	}
	a, ok := tr[i].(hcl.TraverseAttr)
	return a.Name, ok
}

// refsOf resolves the traversals of an expression to resource and data
// config addresses.
func (m *modInst) refsOf(traversals []hcl.Traversal, sc *scope) []string {
	var out []string
	skip := sc.iterNames()
	for _, tr := range traversals {
		if skip[tr.RootName()] {
			out = append(out, sc.iterRefs[tr.RootName()]...)
			continue
		}
		r := classify(tr, skip)
		switch r.kind {
		case refResource:
			out = append(out, m.cfgPrefix()+r.a+"."+r.b)
		case refData:
			out = append(out, m.cfgPrefix()+"data."+r.a+"."+r.b)
		case refVar:
			out = append(out, m.varRefs[r.a]...)
		case refLocal:
			if _, declared := m.mod.locals[r.a]; declared {
				_, refs := m.local(r.a)
				out = append(out, refs...)
			}
		case refModule:
			out = append(out, m.outputRefs(r.a, r.b)...)
		}
	}
	return uniqueSorted(out)
}

// local evaluates a local value once; a reference cycle makes it unknown.
func (m *modInst) local(name string) (cty.Value, []string) {
	return m.memoized(m.locals, m.mod.locals, name, false)
}

// output evaluates an output of this module instance once.
func (m *modInst) output(name string) (cty.Value, []string) {
	return m.memoized(m.outputs, m.mod.outputs, name, m.mod.outSens[name])
}

// memoized evaluates the named attribute once per module instance; a
// reference cycle, or a name without attribute, makes the value unknown.
func (m *modInst) memoized(memos map[string]*memo, attrs map[string]*hcl.Attribute, name string, sensitive bool) (cty.Value, []string) {
	mm := memos[name]
	if mm == nil {
		mm = &memo{}
		memos[name] = mm
	}
	switch mm.state {
	case visiting:
		return cty.DynamicVal, nil
	case done:
		return mm.val, mm.refs
	}
	mm.state = visiting
	v, refs := cty.DynamicVal, []string(nil)
	if attr := attrs[name]; attr != nil {
		v, refs = m.eval(attr.Expr, nil)
	}
	if sensitive {
		v = v.Mark(markSensitive)
	}
	mm.val, mm.refs, mm.state = v, refs, done
	return v, refs
}

// outputRefs resolves module.<call>.<output> to the addresses the output
// refers to; a whole-module reference unites all outputs. Modules that are
// not read contribute nothing: their value is unknown.
func (m *modInst) outputRefs(callName, out string) []string {
	c, ok := m.mod.callByKey[callName]
	if !ok {
		return nil
	}
	cr := m.callResult(c)
	if len(cr.insts) == 0 {
		return nil
	}
	child := cr.insts[0]
	if out != "" {
		if _, declared := child.mod.outputs[out]; !declared {
			return nil
		}
		_, refs := child.output(out)
		return refs
	}
	var all []string
	for _, name := range sortedKeys(child.mod.outputs) {
		_, refs := child.output(name)
		all = append(all, refs...)
	}
	return all
}

// callValue is the value of module.<name> for expressions of this instance.
func (m *modInst) callValue(c *moduleCall) cty.Value {
	cr := m.callResult(c)
	switch cr.valState {
	case visiting:
		return cty.DynamicVal
	case done:
		return cr.val
	}
	cr.valState = visiting
	cr.val = m.buildCallValue(c, cr)
	cr.valState = done
	return cr.val
}

func (m *modInst) buildCallValue(c *moduleCall, cr *callResult) cty.Value {
	if cr.unknown {
		return cty.DynamicVal
	}
	objOf := func(ci *modInst) cty.Value {
		outs := map[string]cty.Value{}
		for _, name := range sortedKeys(ci.mod.outputs) {
			outs[name], _ = ci.output(name)
		}
		return objectOrEmpty(outs)
	}
	switch {
	case !localSource(c.source) || cr.state != done:
		return cty.DynamicVal
	case c.count != nil:
		if len(cr.insts) == 0 {
			return cty.EmptyTupleVal
		}
		elems := make([]cty.Value, len(cr.insts))
		for i, ci := range cr.insts {
			elems[i] = objOf(ci)
		}
		return cty.TupleVal(elems)
	case c.forEach != nil:
		if len(cr.insts) == 0 {
			return cty.EmptyObjectVal
		}
		elems := map[string]cty.Value{}
		for _, ci := range cr.insts {
			elems[ci.key] = objOf(ci)
		}
		return cty.ObjectVal(elems)
	case len(cr.insts) == 1:
		return objOf(cr.insts[0])
	}
	return cty.DynamicVal
}

// callResult expands a module call once: reads its module and creates one
// instance per key, with input variables evaluated here.
func (m *modInst) callResult(c *moduleCall) *callResult {
	if cr, ok := m.calls[c.name]; ok {
		return cr
	}
	cr := &callResult{state: visiting}
	m.calls[c.name] = cr
	defer func() { cr.state = done }()
	pos := m.l.pos(c.pos)
	addr := m.addrPrefix() + "module." + c.name
	cfgAddr := m.cfgPrefix() + "module." + c.name
	if !localSource(c.source) {
		if m.l.unreadSeen(cfgAddr) {
			return cr
		}
		kind := sourceKind(c.source)
		m.l.unread = append(m.l.unread, UnreadModule{Address: cfgAddr, Source: c.source, Kind: kind, Pos: pos})
		return cr
	}
	dir := path.Join(m.mod.dir, c.source)
	if !fs.ValidPath(dir) {
		m.l.errorf(pos, "LoadModule reads modules inside the file system it was given; cover this module with a plan JSON.", "module %q: source %q is outside the readable tree", c.name, c.source)
		return cr
	}
	if m.dirs[dir] {
		m.l.errorf(pos, "A module that calls itself, directly or through others, never ends; Terraform refuses it too.", "module %q: source %q calls a module that is already being read (a recursion)", c.name, c.source)
		return cr
	}
	if m.depth+1 > m.l.opts.MaxModuleDepth {
		m.l.errorf(pos, fmt.Sprintf("Modules may nest at most %d levels deep here; cover the deeper ones with a plan JSON.", m.l.opts.MaxModuleDepth), "module %q: nesting too deep", c.name)
		return cr
	}
	child := m.l.module(dir)
	exp := m.expand(c.count, c.forEach, "module call "+cfgAddr)
	cr.unknown = exp.unknown
	for _, it := range exp.items {
		ci := m.l.newInstance(child, m, c, addr+it.suffix, cfgAddr, m.keyUnknown || exp.unknown)
		ci.key = it.key
		ci.pathModule = path.Join(m.pathModule, c.source)
		for name, decl := range child.variables {
			var v cty.Value
			var refs []string
			a, given := c.args[name]
			switch {
			case given:
				v, refs = m.eval(a.Expr, it.scope)
			case decl.def != nil:
				v = evalDefault(decl)
			default:
				v = cty.DynamicVal
			}
			at := decl.pos
			if given {
				at = a.Expr.Range()
			}
			v = m.l.convertVar(decl, v, at)
			if decl.sensitive {
				v = v.Mark(markSensitive)
			}
			ci.vars[name], ci.varRefs[name] = v, refs
		}
		ci.varObj = objectOrEmpty(ci.vars)
		cr.insts = append(cr.insts, ci)
	}
	return cr
}

func (l *loader) unreadSeen(addr string) bool {
	for _, u := range l.unread {
		if u.Address == addr {
			return true
		}
	}
	return false
}

// provider resolves a provider configuration key ("aws", "aws.replica")
// as Terraform does: declared here, passed by the module call's
// providers, or (default configurations only) inherited from the parent.
func (m *modInst) provider(key string) *provInst {
	if p, ok := m.provs[key]; ok {
		return p
	}
	m.provs[key] = nil // guards against cycles through providers maps
	var p *provInst
	if d, ok := m.mod.providers[key]; ok {
		p = m.evalProvider(d)
	} else if m.parent != nil && m.call != nil {
		if pk, ok := m.call.providers[key]; ok {
			p = m.parent.provider(pk)
		} else if !strings.Contains(key, ".") {
			p = m.parent.provider(key)
		}
	}
	m.provs[key] = p
	return p
}

// evalProvider reads region and default_tags of a provider block.
func (m *modInst) evalProvider(d *providerDecl) *provInst {
	p := &provInst{}
	attrs, blocks := bodyContent(d.body)
	for _, a := range attrs {
		switch a.Name {
		case "region":
			v, _ := m.eval(a.Expr, nil)
			if !isSensitive(v) {
				if s, ok := knownString(v); ok {
					p.region = s
				}
			}
		case "default_tags":
			// JSON configurations write blocks as attributes.
			v, _ := m.eval(a.Expr, nil)
			if jv, ok := jsonValue(v); ok {
				p.defaultTags = tagsFromBlockJSON(jv)
			}
		}
	}
	for _, b := range blocks {
		if b.Type != "default_tags" {
			continue
		}
		battrs, _ := bodyContent(b.Body)
		for _, a := range battrs {
			if a.Name != "tags" {
				continue
			}
			v, _ := m.eval(a.Expr, nil)
			if jv, ok := jsonValue(v); ok {
				if mv, ok := jv.(map[string]any); ok {
					p.defaultTags = stringMap(mv)
				}
			}
		}
	}
	return p
}

// tagsFromBlockJSON reads tags from a default_tags block given as JSON
// ({"tags": {...}} or [{"tags": {...}}]).
func tagsFromBlockJSON(v any) map[string]string {
	if list, ok := v.([]any); ok && len(list) > 0 {
		v = list[0]
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	tags, ok := obj["tags"].(map[string]any)
	if !ok {
		return nil
	}
	return stringMap(tags)
}

// expansion is the instance keys of a resource or module call.
type expansion struct {
	unknown bool
	items   []expItem
}

type expItem struct {
	suffix string // "", "[0]", `["a"]`
	key    string // the for_each key, for module values
	scope  *scope
}

// expand evaluates count or for_each. Unknown values give one item
// without key, with count.index or each unknown.
func (m *modInst) expand(count, forEach hcl.Expression, what string) expansion {
	limit := m.l.opts.MaxInstances
	unknown := func(sc *scope) expansion {
		return expansion{unknown: true, items: []expItem{{scope: sc}}}
	}
	switch {
	case count != nil:
		unknownIdx := cty.UnknownVal(cty.Number)
		v, _ := m.eval(count, nil)
		n, known, problem := countValue(v)
		if problem != "" {
			m.l.errorf(m.l.pos(count.Range()), problem, "Invalid count argument")
			return unknown(&scope{count: &unknownIdx})
		}
		if !known {
			return unknown(&scope{count: &unknownIdx})
		}
		if n > limit {
			m.l.errorf(m.l.pos(count.Range()), fmt.Sprintf("Only the first %d instances are read; cover the configuration with a plan JSON for the rest.", limit), "%s has %d instances", what, n)
			n = limit
		}
		exp := expansion{}
		for i := 0; i < n && m.l.takeInstance(what, count.Range()); i++ {
			idx := cty.NumberIntVal(int64(i))
			exp.items = append(exp.items, expItem{suffix: intKey(i), scope: &scope{count: &idx}})
		}
		return exp
	case forEach != nil:
		unknownEach := &[2]cty.Value{cty.UnknownVal(cty.String), cty.DynamicVal}
		v, _ := m.eval(forEach, nil)
		keys, vals, known, problem := forEachValue(v)
		if problem != "" {
			m.l.errorf(m.l.pos(forEach.Range()), problem, "Invalid for_each argument")
			return unknown(&scope{each: unknownEach})
		}
		if !known {
			return unknown(&scope{each: unknownEach})
		}
		if len(keys) > limit {
			m.l.errorf(m.l.pos(forEach.Range()), fmt.Sprintf("Only the first %d instances are read; cover the configuration with a plan JSON for the rest.", limit), "%s has %d instances", what, len(keys))
			keys, vals = keys[:limit], vals[:limit]
		}
		exp := expansion{}
		for i, k := range keys {
			if !m.l.takeInstance(what, forEach.Range()) {
				break
			}
			each := &[2]cty.Value{cty.StringVal(k), vals[i]}
			exp.items = append(exp.items, expItem{suffix: stringKey(k), key: k, scope: &scope{each: each}})
		}
		return exp
	}
	if !m.l.takeInstance(what, hcl.Range{}) {
		return expansion{}
	}
	return expansion{items: []expItem{{}}}
}

// takeInstance counts one more instance against maxTotalInstances.
func (l *loader) takeInstance(what string, at hcl.Range) bool {
	l.total++
	if l.total == maxTotalInstances+1 {
		l.errorf(l.pos(at), fmt.Sprintf("A configuration is read up to %d instances in all; cover it with a plan JSON.", maxTotalInstances), "too many instances at %s", what)
	}
	return l.total <= maxTotalInstances
}

// countValue reads a count: the number, whether it is known, or a problem.
func countValue(v cty.Value) (int, bool, string) {
	v = safe(v)
	if isSensitive(v) {
		return 0, false, "The count argument may not be derived from a sensitive value."
	}
	v, _ = v.Unmark()
	if !v.IsKnown() {
		return 0, false, ""
	}
	if v.IsNull() {
		return 0, false, "The given \"count\" argument value is null. An integer is required."
	}
	nv, err := convert.Convert(v, cty.Number)
	if err != nil {
		return 0, false, fmt.Sprintf("The given \"count\" argument value is unsuitable: %v.", err)
	}
	nv, _ = nv.Unmark()
	if !nv.IsKnown() {
		return 0, false, ""
	}
	if nv.IsNull() {
		return 0, false, "The given \"count\" argument value is null. An integer is required."
	}
	bf := nv.AsBigFloat()
	if !bf.IsInt() {
		return 0, false, "The given \"count\" argument value is unsuitable: must be a whole number."
	}
	if bf.Sign() < 0 {
		return 0, false, "The given \"count\" argument value is unsuitable: must be greater than or equal to zero."
	}
	if !bf.IsInt() || bf.MantExp(nil) > 31 {
		return maxTotalInstances + 1, true, ""
	}
	n, _ := bf.Int64()
	return int(n), true, ""
}

// forEachValue reads a for_each: sorted keys with their values, whether
// they are known, or a problem.
func forEachValue(v cty.Value) ([]string, []cty.Value, bool, string) {
	v = safe(v)
	if isSensitive(v) {
		return nil, nil, false, "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments."
	}
	v, _ = v.Unmark()
	if !v.IsKnown() {
		return nil, nil, false, ""
	}
	if v.IsNull() {
		return nil, nil, false, "The given \"for_each\" argument value is null. A map, or set of strings, is allowed."
	}
	ty := v.Type()
	var keys []string
	var vals []cty.Value
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			ks, ok := knownString(k)
			if !ok {
				return nil, nil, false, ""
			}
			keys = append(keys, ks)
			vals = append(vals, e)
		}
	case ty.IsSetType():
		if !v.IsWhollyKnown() {
			return nil, nil, false, ""
		}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if isSensitive(e) {
				return nil, nil, false, "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments."
			}
			e, _ = e.Unmark()
			if e.IsNull() {
				return nil, nil, false, "The given \"for_each\" argument value is unsuitable: \"for_each\" sets must not contain null values."
			}
			if e.Type() != cty.String {
				return nil, nil, false, fmt.Sprintf("The given \"for_each\" argument value is unsuitable: \"for_each\" supports maps and sets of strings, but you have provided a set containing type %s.", e.Type().FriendlyName())
			}
			keys = append(keys, e.AsString())
			vals = append(vals, e)
		}
	default:
		return nil, nil, false, fmt.Sprintf("The given \"for_each\" argument value is unsuitable: the \"for_each\" argument must be a map, or set of strings, and you have provided a value of type %s.", ty.FriendlyName())
	}
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return keys[idx[a]] < keys[idx[b]] })
	sk, sv := make([]string, len(keys)), make([]cty.Value, len(keys))
	for i, j := range idx {
		sk[i], sv[i] = keys[j], vals[j]
	}
	return sk, sv, true, ""
}

// collect emits the instances of this module and its children.
func (m *modInst) collect() {
	for _, r := range m.mod.resources {
		m.expandResource(r)
	}
	for _, c := range m.mod.calls {
		for _, ci := range m.callResult(c).insts {
			ci.collect()
		}
	}
}

func resourceAddr(r *resourceDecl) string {
	if r.mode == ModeData {
		return "data." + r.typ + "." + r.name
	}
	return r.typ + "." + r.name
}

// expandResource evaluates every instance of one resource block.
func (m *modInst) expandResource(r *resourceDecl) {
	cfg := m.cfgPrefix() + resourceAddr(r)
	base := m.addrPrefix() + resourceAddr(r)
	key := r.provider
	if key == "" {
		key, _, _ = strings.Cut(r.typ, "_")
	}
	prov := m.provider(key)
	exp := m.expand(r.count, r.forEach, cfg)
	for _, it := range exp.items {
		refs := refSet{}
		values, unknown := m.evalBody(r.body, it.scope, r.typ, "", refs, true)
		in := Instance{
			Address:          base + it.suffix,
			ConfigAddress:    cfg,
			Mode:             r.mode,
			Type:             r.typ,
			Provider:         key,
			Values:           values,
			Unknown:          unknown,
			References:       refs.lists(),
			InstancesUnknown: exp.unknown || m.keyUnknown,
			Pos:              m.l.pos(r.pos),
		}
		if prov != nil {
			in.ProviderRegion = prov.region
			in.DefaultTags = prov.defaultTags
		}
		m.l.instances = append(m.l.instances, in)
	}
}

// bodyContent lists the attributes and blocks of a body without a schema:
// native syntax keeps them apart; JSON cannot without the provider's
// schema, so there everything is an attribute (blocks become lists or
// objects, which is how plan JSON shows them anyway).
func bodyContent(body hcl.Body) ([]*hcl.Attribute, []*hcl.Block) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		attrs := make([]*hcl.Attribute, 0, len(sb.Attributes))
		for _, name := range sortedKeys(sb.Attributes) {
			attrs = append(attrs, sb.Attributes[name].AsHCLAttribute())
		}
		blocks := make([]*hcl.Block, 0, len(sb.Blocks))
		for _, b := range sb.Blocks {
			blocks = append(blocks, b.AsHCLBlock())
		}
		return attrs, blocks
	}
	if body == nil {
		return nil, nil
	}
	am, ds := body.JustAttributes()
	if ds.HasErrors() && len(am) == 0 {
		return nil, nil
	}
	attrs := make([]*hcl.Attribute, 0, len(am))
	for _, name := range sortedKeys(am) {
		attrs = append(attrs, am[name])
	}
	return attrs, nil
}

// metaArgument reports the top-level arguments and blocks of a resource
// that configure Terraform rather than the resource.
func metaArgument(name string) bool {
	switch name {
	case "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection":
		return true
	}
	return false
}

// evalBody evaluates a resource body or nested block into values and
// unknown markers, collecting references under prefix.
func (m *modInst) evalBody(body hcl.Body, sc *scope, typ, prefix string, refs refSet, top bool) (map[string]any, map[string]any) {
	values, unknown := map[string]any{}, map[string]any{}
	attrs, blocks := bodyContent(body)
	for _, a := range attrs {
		if top && metaArgument(a.Name) {
			continue
		}
		if a.Name == "dynamic" {
			if _, native := body.(*hclsyntax.Body); !native {
				// JSON dynamic blocks: their labels are unknown.
				pairs, _ := hcl.ExprMap(a.Expr)
				for _, kv := range pairs {
					if label, ok := constString(kv.Key); ok {
						unknown[label] = true
					}
				}
				continue
			}
		}
		v, r := m.eval(a.Expr, sc)
		refs.add(prefix+a.Name, r)
		if sensitiveAttribute(typ, a.Name) {
			v = v.Mark(markSensitive)
		}
		if jv, ok := jsonValue(v); ok {
			values[a.Name] = jv
		}
		if u := unknownMirror(v); u != false {
			unknown[a.Name] = u
		}
	}
	type group struct {
		vals, unks []any
		unknown    bool
	}
	groups := map[string]*group{}
	var order []string
	groupOf := func(name string) *group {
		g := groups[name]
		if g == nil {
			g = &group{vals: []any{}, unks: []any{}}
			groups[name] = g
			order = append(order, name)
		}
		return g
	}
	for _, b := range blocks {
		if top && metaArgument(b.Type) {
			continue
		}
		if b.Type == "dynamic" {
			if len(b.Labels) != 1 {
				continue
			}
			label := b.Labels[0]
			g := groupOf(label)
			vals, unks, ok := m.expandDynamic(b, sc, typ, prefix+label, refs)
			if !ok {
				g.unknown = true
				continue
			}
			g.vals = append(g.vals, vals...)
			g.unks = append(g.unks, unks...)
			continue
		}
		g := groupOf(b.Type)
		v, u := m.evalBody(b.Body, sc, typ, prefix+b.Type+".", refs, false)
		g.vals = append(g.vals, v)
		g.unks = append(g.unks, u)
	}
	for _, name := range order {
		g := groups[name]
		if g.unknown {
			delete(values, name)
			unknown[name] = true
			continue
		}
		values[name] = g.vals
		unknown[name] = g.unks
	}
	return values, unknown
}

// expandDynamic expands a dynamic block whose for_each is known; ok is
// false when the blocks it makes are unknown.
func (m *modInst) expandDynamic(b *hcl.Block, sc *scope, typ, path string, refs refSet) ([]any, []any, bool) {
	attrs, blocks := bodyContent(b.Body)
	var forEach, iterator hcl.Expression
	for _, a := range attrs {
		switch a.Name {
		case "for_each":
			forEach = a.Expr
		case "iterator":
			iterator = a.Expr
		}
	}
	var content *hcl.Block
	for _, cb := range blocks {
		if cb.Type == "content" {
			if content != nil {
				return nil, nil, false
			}
			content = cb
		}
	}
	if forEach == nil || content == nil {
		return nil, nil, false
	}
	itName := b.Labels[0]
	if iterator != nil {
		tr, ds := hcl.AbsTraversalForExpr(iterator)
		if ds.HasErrors() || len(tr) != 1 {
			return nil, nil, false
		}
		itName = tr.RootName()
	}
	v, r := m.eval(forEach, sc)
	refs.add(path, r)
	v = safe(v)
	unknownBlocks := func() ([]any, []any, bool) {
		// The blocks are unknown, but what their attributes refer to is not.
		m.bodyRefs(content.Body, sc.withIter(itName, cty.DynamicVal, r), path+".", refs)
		return nil, nil, false
	}
	if isSensitive(v) {
		return unknownBlocks()
	}
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return unknownBlocks()
	}
	if v.Type().IsSetType() && !v.IsWhollyKnown() {
		return unknownBlocks()
	}
	if v.LengthInt() > m.l.opts.MaxInstances {
		return unknownBlocks()
	}
	vals, unks := []any{}, []any{}
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if v.Type().IsSetType() {
			k = e
		}
		iter := cty.ObjectVal(map[string]cty.Value{"key": safe(k), "value": safe(e)})
		bv, bu := m.evalBody(content.Body, sc.withIter(itName, iter, r), typ, path+".", refs, false)
		vals = append(vals, bv)
		unks = append(unks, bu)
	}
	return vals, unks, true
}

// bodyRefs collects the references of a body without evaluating it, for
// blocks whose number is unknown.
func (m *modInst) bodyRefs(body hcl.Body, sc *scope, prefix string, refs refSet) {
	attrs, blocks := bodyContent(body)
	for _, a := range attrs {
		refs.add(prefix+a.Name, m.refsOf(a.Expr.Variables(), sc))
	}
	for _, b := range blocks {
		if b.Type != "dynamic" {
			m.bodyRefs(b.Body, sc, prefix+b.Type+".", refs)
			continue
		}
		if len(b.Labels) != 1 {
			continue
		}
		label := b.Labels[0]
		inner, innerBlocks := bodyContent(b.Body)
		itName := label
		var forEachRefs []string
		for _, a := range inner {
			switch a.Name {
			case "for_each":
				forEachRefs = m.refsOf(a.Expr.Variables(), sc)
				refs.add(prefix+label, forEachRefs)
			case "iterator":
				if tr, ds := hcl.AbsTraversalForExpr(a.Expr); !ds.HasErrors() && len(tr) == 1 {
					itName = tr.RootName()
				}
			}
		}
		for _, cb := range innerBlocks {
			if cb.Type == "content" {
				m.bodyRefs(cb.Body, sc.withIter(itName, cty.DynamicVal, forEachRefs), prefix+label+".", refs)
			}
		}
	}
}
