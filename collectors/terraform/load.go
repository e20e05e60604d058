package terraform

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// Defaults of Options.
const (
	DefaultMaxInstances   = 10_000
	DefaultMaxModuleDepth = 16
	maxFileSize           = 8 << 20
	maxNesting            = 1000
)

// Options control how LoadModule reads and evaluates a configuration.
type Options struct {
	// VarFiles are extra .tfvars files (paths in the file system given to
	// LoadModule), applied in order after terraform.tfvars and *.auto.tfvars.
	VarFiles []string
	// Vars are set like -var, applied last; values as decoded from YAML or
	// JSON (string, bool, int, float64, []any, map[string]any).
	Vars map[string]any
	// Secrets are values substituted into the project file from the
	// environment or files; variables holding them are sensitive.
	Secrets []string
	// Display turns a path of the file system into the name that
	// diagnostics and records show; the identity when nil.
	Display func(fsysPath string) string
	// MaxInstances caps the instances of one resource or module call
	// (default DefaultMaxInstances); the rest are reported, not evaluated.
	MaxInstances int
	// MaxModuleDepth caps module nesting (default DefaultMaxModuleDepth).
	MaxModuleDepth int
}

// Config is a root module read from HCL and evaluated statically.
type Config struct {
	// Instances are the resource and data source instances, sorted by address.
	Instances []Instance
	// UnreadModules are module calls whose source is not a local path.
	UnreadModules []UnreadModule
}

// UnreadModule is a module call that LoadModule does not read (a registry
// or remote source): its resources are missing unless a plan covers them.
type UnreadModule struct {
	Address string // module.vpc, module.net.module.vpc
	Source  string
	Kind    string // "registry" or "remote"
	Pos     diag.Pos
}

// Diagnostic summary texts that callers and tests match.
const (
	unreadModuleDetail = "Its resources are missing from the evidence until this target also sets plan: to the output of terraform show -json PLANFILE."
)

// module is one parsed module directory.
type module struct {
	dir       string
	variables map[string]*variableDecl
	locals    map[string]*hcl.Attribute
	outputs   map[string]*hcl.Attribute
	outSens   map[string]bool
	providers map[string]*providerDecl // by "name" or "name.alias"
	resources []*resourceDecl
	calls     []*moduleCall
	callByKey map[string]*moduleCall
	files     int // configuration files read
}

type variableDecl struct {
	name      string
	def       hcl.Expression
	typ       cty.Type
	defaults  *typeexpr.Defaults
	hasType   bool
	sensitive bool
	pos       hcl.Range
}

type resourceDecl struct {
	mode, typ, name string
	body            hcl.Body
	count, forEach  hcl.Expression
	provider        string // "aws.replica" when set with provider =
	pos             hcl.Range
}

type moduleCall struct {
	name, source   string
	count, forEach hcl.Expression
	args           map[string]*hcl.Attribute
	providers      map[string]string // child key → parent key
	pos            hcl.Range
}

type providerDecl struct {
	name, alias string
	body        hcl.Body
	pos         hcl.Range
}

// fileSchema picks the top-level blocks the evaluator reads; the others
// (terraform, moved, import, removed, check, ephemeral) do not describe
// resources' values.
var fileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "provider", LabelNames: []string{"name"}},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
	},
}

// LoadModule reads the root module in dir of fsys (its .tf and .tf.json
// files, tfvars, and local child modules) and evaluates it statically into
// instances. Problems are diagnostics, and the rest is still read; Config
// is nil only when dir itself cannot be read.
func LoadModule(fsys fs.FS, dir string, opts Options) (*Config, diag.Diagnostics) {
	if opts.MaxInstances <= 0 {
		opts.MaxInstances = DefaultMaxInstances
	}
	if opts.MaxModuleDepth <= 0 {
		opts.MaxModuleDepth = DefaultMaxModuleDepth
	}
	if opts.Display == nil {
		opts.Display = func(p string) string { return p }
	}
	dir = path.Clean(dir)
	l := &loader{fsys: fsys, opts: opts, modules: map[string]*module{}, funcs: functions()}
	if _, err := fs.ReadDir(fsys, dir); err != nil {
		l.errorf(diag.Pos{File: opts.Display(dir)}, "Check that path names a readable directory of .tf files.", "cannot read directory %s: %v", opts.Display(dir), unwrapPathError(err))
		return nil, l.diags
	}
	root := l.module(dir)
	if root.files == 0 {
		l.errorf(diag.Pos{File: opts.Display(dir)}, "path must name the directory of the root module, which holds its .tf files.", "no Terraform configuration files in %s", opts.Display(dir))
	}
	inst := l.rootInstance(root)
	inst.collect()
	sort.Slice(l.instances, func(i, j int) bool { return l.instances[i].Address < l.instances[j].Address })
	sort.Slice(l.unread, func(i, j int) bool { return l.unread[i].Address < l.unread[j].Address })
	return &Config{Instances: l.instances, UnreadModules: l.unread}, l.diags
}

// unwrapPathError drops the operation and path of an fs.PathError, which
// the message already names.
func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// loader holds the state of one LoadModule call.
type loader struct {
	fsys      fs.FS
	opts      Options
	diags     diag.Diagnostics
	modules   map[string]*module
	funcs     map[string]function.Function
	total     int // instances taken, against maxTotalInstances
	instances []Instance
	unread    []UnreadModule
}

func (l *loader) errorf(pos diag.Pos, detail, format string, args ...any) {
	l.diags.Errorf(pos, detail, format, args...)
}

// pos converts an hcl position to a diag position with the display name.
func (l *loader) pos(r hcl.Range) diag.Pos {
	return diag.Pos{File: l.opts.Display(r.Filename), Line: r.Start.Line, Column: r.Start.Column}
}

// addHCLDiags turns hcl error diagnostics into ours.
func (l *loader) addHCLDiags(ds hcl.Diagnostics) {
	for _, d := range ds {
		if d.Severity != hcl.DiagError {
			continue
		}
		p := diag.Pos{}
		if d.Subject != nil {
			p = l.pos(*d.Subject)
		}
		l.diags = append(l.diags, diag.Diagnostic{Severity: diag.Error, Pos: p, Summary: d.Summary, Detail: d.Detail})
	}
}

// readFile reads one file, refusing huge ones.
func (l *loader) readFile(name string) ([]byte, bool) {
	info, err := fs.Stat(l.fsys, name)
	if err != nil {
		l.errorf(diag.Pos{File: l.opts.Display(name)}, "Check that the file exists and is readable.", "cannot read %s: %v", l.opts.Display(name), unwrapPathError(err))
		return nil, false
	}
	if info.Size() > maxFileSize {
		l.errorf(diag.Pos{File: l.opts.Display(name)}, "Split the file, or cover this configuration with a plan JSON.", "%s is too large to read (%d bytes, at most %d)", l.opts.Display(name), info.Size(), maxFileSize)
		return nil, false
	}
	src, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		l.errorf(diag.Pos{File: l.opts.Display(name)}, "Check that the file is readable.", "cannot read %s: %v", l.opts.Display(name), unwrapPathError(err))
		return nil, false
	}
	return src, true
}

// parseFile parses one configuration or tfvars file; nil when it does not
// parse (the diagnostics say why).
func (l *loader) parseFile(name string) *hcl.File {
	src, ok := l.readFile(name)
	if !ok {
		return nil
	}
	display := l.opts.Display(name)
	if line, col, deep := tooDeep(src); deep {
		l.errorf(diag.Pos{File: display, Line: line, Column: col}, "Brackets, braces and parentheses may nest at most 1000 levels deep.", "Nesting too deep")
		return nil
	}
	var f *hcl.File
	var ds hcl.Diagnostics
	if strings.HasSuffix(name, ".json") {
		f, ds = hcljson.Parse(src, name)
	} else {
		f, ds = hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	}
	if ds.HasErrors() {
		l.addHCLDiags(ds)
		return nil
	}
	return f
}

// tooDeep reports where src first nests brackets deeper than maxNesting;
// the parser recurses per level, so this bounds its stack.
func tooDeep(src []byte) (line, col int, deep bool) {
	depth := 0
	line, col = 1, 1
	for _, c := range src {
		switch c {
		case '(', '[', '{':
			depth++
			if depth > maxNesting {
				return line, col, true
			}
		case ')', ']', '}':
			if depth > 0 {
				depth--
			}
		}
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return 0, 0, false
}

// module parses the module in dir once.
func (l *loader) module(dir string) *module {
	if m, ok := l.modules[dir]; ok {
		return m
	}
	m := &module{
		dir:       dir,
		variables: map[string]*variableDecl{},
		locals:    map[string]*hcl.Attribute{},
		outputs:   map[string]*hcl.Attribute{},
		outSens:   map[string]bool{},
		providers: map[string]*providerDecl{},
		callByKey: map[string]*moduleCall{},
	}
	l.modules[dir] = m
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.errorf(diag.Pos{File: l.opts.Display(dir)}, "Check that the module's source names a readable directory.", "cannot read module directory %s: %v", l.opts.Display(dir), unwrapPathError(err))
		return m
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !isConfigFile(n) {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		name := path.Join(dir, n)
		base := strings.TrimSuffix(strings.TrimSuffix(n, ".json"), ".tf")
		if base == "override" || strings.HasSuffix(base, "_override") {
			l.errorf(diag.Pos{File: l.opts.Display(name)},
				"Terraform merges override files into the configuration; tomcheck does not, so the values of this module may differ from what Terraform plans. Cover it with a plan JSON.",
				"override file is not applied")
			continue
		}
		m.files++
		f := l.parseFile(name)
		if f == nil {
			continue
		}
		l.readBody(m, f.Body)
	}
	return m
}

// readBody collects the declarations of one file.
func (l *loader) readBody(m *module, body hcl.Body) {
	content, _, ds := body.PartialContent(fileSchema)
	l.addHCLDiags(ds)
	if content == nil {
		return
	}
	for _, b := range content.Blocks {
		switch b.Type {
		case "variable":
			l.readVariable(m, b)
		case "locals":
			attrs, ds := b.Body.JustAttributes()
			l.addHCLDiags(ds)
			for _, name := range sortedKeys(attrs) {
				a := attrs[name]
				if prev, dup := m.locals[name]; dup {
					l.errorf(l.pos(a.NameRange), fmt.Sprintf("A local value may be defined only once; the first definition is at %s.", l.pos(prev.NameRange)), "Duplicate local value definition %q", name)
					continue
				}
				m.locals[name] = a
			}
		case "output":
			l.readOutput(m, b)
		case "provider":
			l.readProvider(m, b)
		case "resource", "data":
			l.readResource(m, b)
		case "module":
			l.readModuleCall(m, b)
		}
	}
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "default"}, {Name: "type"}, {Name: "sensitive"}, {Name: "description"},
		{Name: "nullable"}, {Name: "ephemeral"},
	},
}

func (l *loader) readVariable(m *module, b *hcl.Block) {
	name := b.Labels[0]
	if _, dup := m.variables[name]; dup {
		l.errorf(l.pos(b.DefRange), "A variable may be declared only once.", "Duplicate variable declaration %q", name)
		return
	}
	content, _, ds := b.Body.PartialContent(variableSchema)
	l.addHCLDiags(ds)
	v := &variableDecl{name: name, typ: cty.DynamicPseudoType, pos: b.DefRange}
	if content != nil {
		if a, ok := content.Attributes["default"]; ok {
			v.def = a.Expr
		}
		if a, ok := content.Attributes["type"]; ok {
			ty, defaults, ds := typeexpr.TypeConstraintWithDefaults(a.Expr)
			if ds.HasErrors() {
				l.addHCLDiags(ds)
			} else {
				v.typ, v.defaults, v.hasType = ty, defaults, true
			}
		}
		if a, ok := content.Attributes["sensitive"]; ok {
			v.sensitive = constBool(a.Expr)
		}
		if a, ok := content.Attributes["ephemeral"]; ok && constBool(a.Expr) {
			// Ephemeral values never reach a plan; treat them like secrets.
			v.sensitive = true
		}
	}
	m.variables[name] = v
}

// constBool evaluates a literal bool; anything else counts as false.
func constBool(expr hcl.Expression) bool {
	v, ds := expr.Value(nil)
	v = safe(v)
	if ds.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.Bool {
		return false
	}
	v, _ = v.Unmark()
	return v.True()
}

// constString evaluates a literal string.
func constString(expr hcl.Expression) (string, bool) {
	v, ds := expr.Value(nil)
	if ds.HasErrors() {
		return "", false
	}
	return knownString(safe(v))
}

var outputSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "value"}, {Name: "sensitive"}},
}

func (l *loader) readOutput(m *module, b *hcl.Block) {
	content, _, ds := b.Body.PartialContent(outputSchema)
	l.addHCLDiags(ds)
	if content == nil {
		return
	}
	if a, ok := content.Attributes["value"]; ok {
		m.outputs[b.Labels[0]] = a
	}
	if a, ok := content.Attributes["sensitive"]; ok {
		m.outSens[b.Labels[0]] = constBool(a.Expr)
	}
}

var providerSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "alias"}}}

func (l *loader) readProvider(m *module, b *hcl.Block) {
	p := &providerDecl{name: b.Labels[0], pos: b.DefRange}
	content, rest, _ := b.Body.PartialContent(providerSchema)
	p.body = rest
	if content != nil {
		if a, ok := content.Attributes["alias"]; ok {
			alias, ok := constString(a.Expr)
			if !ok {
				l.errorf(l.pos(a.Expr.Range()), "Write the alias as a literal string: alias = \"replica\".", "Invalid provider alias")
				return
			}
			p.alias = alias
		}
	}
	key := p.name
	if p.alias != "" {
		key += "." + p.alias
	}
	if _, dup := m.providers[key]; dup {
		l.errorf(l.pos(b.DefRange), "Each provider configuration needs a distinct alias.", "Duplicate provider configuration %q", key)
		return
	}
	m.providers[key] = p
}

var resourceSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "count"}, {Name: "for_each"}, {Name: "provider"}},
}

func (l *loader) readResource(m *module, b *hcl.Block) {
	mode := ModeManaged
	if b.Type == "data" {
		mode = ModeData
	}
	r := &resourceDecl{mode: mode, typ: b.Labels[0], name: b.Labels[1], pos: b.DefRange}
	content, rest, ds := b.Body.PartialContent(resourceSchema)
	l.addHCLDiags(ds)
	r.body = rest
	if content != nil {
		if a, ok := content.Attributes["count"]; ok {
			r.count = a.Expr
		}
		if a, ok := content.Attributes["for_each"]; ok {
			r.forEach = a.Expr
		}
		if a, ok := content.Attributes["provider"]; ok {
			key, ok := providerKey(a.Expr)
			if !ok {
				l.errorf(l.pos(a.Expr.Range()), "Write provider = aws or provider = aws.alias, without quotes.", "Invalid provider reference")
			}
			r.provider = key
		}
	}
	if r.count != nil && r.forEach != nil {
		l.errorf(l.pos(r.count.Range()), "A resource may use count or for_each, not both.", "Invalid combination of \"count\" and \"for_each\"")
		r.forEach = nil
	}
	m.resources = append(m.resources, r)
}

// providerKey reads a provider reference (aws or aws.replica).
func providerKey(expr hcl.Expression) (string, bool) {
	tr, ds := hcl.AbsTraversalForExpr(expr)
	if ds.HasErrors() || len(tr) == 0 || len(tr) > 2 {
		if s, ok := constString(expr); ok {
			return s, true
		}
		return "", false
	}
	key := tr.RootName()
	if len(tr) == 2 {
		a, ok := tr[1].(hcl.TraverseAttr)
		if !ok {
			return "", false
		}
		key += "." + a.Name
	}
	return key, true
}

var moduleCallSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "source", Required: true}, {Name: "version"}, {Name: "count"}, {Name: "for_each"},
		{Name: "providers"}, {Name: "depends_on"},
	},
}

func (l *loader) readModuleCall(m *module, b *hcl.Block) {
	c := &moduleCall{name: b.Labels[0], pos: b.DefRange, providers: map[string]string{}}
	if _, dup := m.callByKey[c.name]; dup {
		l.errorf(l.pos(b.DefRange), "Each module call needs a distinct name.", "Duplicate module call %q", c.name)
		return
	}
	content, rest, ds := b.Body.PartialContent(moduleCallSchema)
	l.addHCLDiags(ds)
	if content == nil {
		return
	}
	if a, ok := content.Attributes["source"]; ok {
		src, ok := constString(a.Expr)
		if !ok {
			l.errorf(l.pos(a.Expr.Range()), "A module source must be a literal string.", "Invalid module source")
			return
		}
		c.source = src
	}
	if a, ok := content.Attributes["count"]; ok {
		c.count = a.Expr
	}
	if a, ok := content.Attributes["for_each"]; ok {
		c.forEach = a.Expr
	}
	if c.count != nil && c.forEach != nil {
		l.errorf(l.pos(c.count.Range()), "A module call may use count or for_each, not both.", "Invalid combination of \"count\" and \"for_each\"")
		c.forEach = nil
	}
	if a, ok := content.Attributes["providers"]; ok {
		pairs, ds := hcl.ExprMap(a.Expr)
		l.addHCLDiags(ds)
		for _, kv := range pairs {
			child, ok1 := providerKey(kv.Key)
			parent, ok2 := providerKey(kv.Value)
			if ok1 && ok2 {
				c.providers[child] = parent
			}
		}
	}
	attrs, ds := rest.JustAttributes()
	l.addHCLDiags(ds)
	c.args = attrs
	m.calls = append(m.calls, c)
	m.callByKey[c.name] = c
}

// isConfigFile reports the files of a module's configuration.
func isConfigFile(name string) bool {
	return strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json")
}

// localSource reports whether a module source is a local path, which is
// all LoadModule reads.
func localSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || src == "." || src == ".."
}

// sourceKind names a non-local source for the gap message.
func sourceKind(src string) string {
	if strings.Contains(src, "::") || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") ||
		strings.HasPrefix(src, "github.com/") || strings.HasPrefix(src, "bitbucket.org/") || strings.HasPrefix(src, "/") {
		return "remote"
	}
	return "registry"
}

// tfvarsFiles lists the variable files Terraform reads on its own:
// terraform.tfvars(.json), then *.auto.tfvars(.json) in lexical order.
func (l *loader) tfvarsFiles(dir string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		return nil
	}
	var out, auto []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		switch n := e.Name(); {
		case n == "terraform.tfvars" || n == "terraform.tfvars.json":
			out = append(out, path.Join(dir, n))
		case strings.HasSuffix(n, ".auto.tfvars") || strings.HasSuffix(n, ".auto.tfvars.json"):
			auto = append(auto, path.Join(dir, n))
		}
	}
	sort.Strings(out)
	sort.Strings(auto)
	return append(out, auto...)
}

// readTfvars evaluates the assignments of one tfvars file; only literal
// values are allowed there, as in Terraform.
func (l *loader) readTfvars(name string) map[string]varValue {
	f := l.parseFile(name)
	if f == nil {
		return nil
	}
	attrs, ds := f.Body.JustAttributes()
	l.addHCLDiags(ds)
	out := map[string]varValue{}
	for n, a := range attrs {
		v, ds := a.Expr.Value(nil)
		if ds.HasErrors() {
			l.addHCLDiags(ds)
			v = cty.DynamicVal
		}
		out[n] = varValue{val: safe(v), pos: a.NameRange}
	}
	return out
}

// varValue is one assignment to a variable.
type varValue struct {
	val       cty.Value
	pos       hcl.Range
	sensitive bool
}
