package claims

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/internal/diag"
	"github.com/tomcheck/tomcheck/internal/isodur"
)

// DefaultTOM is the claims file a project uses when tomcheck.yaml names none.
const DefaultTOM = "tom.yaml"

// Project is a loaded project file (tomcheck.yaml).
type Project struct {
	Path    string // the file as named by the caller
	Dir     string // its directory: relative paths resolve from here
	Name    string // project:, else the directory's name
	TOMPath string // the claims file, resolved against Dir
	Digest  string // "sha256:<hex>" of Raw
	// Raw is the file as written: it holds only ${env:…} and ${file:…}
	// references, never their values, so it is the copy a run keeps.
	Raw      []byte
	Scope    *Scope              // the default scope; nil when none is set
	Groups   map[string][]string // group → sorted target ids, from groups: and the targets' own groups:
	Targets  []collectors.Target // in file order
	Defaults Defaults
	// Secrets are the values substituted for ${env:…} and ${file:…}; they
	// never appear in diagnostics, records or reports.
	Secrets []string
}

// Defaults are the project's defaults for command-line flags; zero values
// mean "not set", and a flag given on the command line wins.
type Defaults struct {
	Lang           string        // "de" or "en"
	FailOn         []string      // refuted, inconclusive, unattested, regression
	MaxEvidenceAge time.Duration // 0: not set
	RequireLive    bool
	Strict         bool
}

func projectKeys() []string {
	return []string{"project", "tom", "scope", "groups", "targets", "defaults", "notify"}
}

func defaultsKeys() []string {
	return []string{"lang", "fail_on", "max_evidence_age", "require_live", "strict"}
}

func failOnValues() []string { return []string{"refuted", "inconclusive", "unattested", "regression"} }

// nameKeys are the keys a target's name comes from, in order of preference.
func nameKeys() []string { return []string{"name", "host", "context", "path", "plan", "state"} }

// EffectiveScope returns the scope that applies to c: its own, else the
// project's default (nil: everything is in scope).
func (p *Project) EffectiveScope(c *Claim) *Scope {
	if c != nil && c.Scope != nil {
		return c.Scope
	}
	if p == nil {
		return nil
	}
	return p.Scope
}

// Target returns the target with the given id ("terraform/infra").
func (p *Project) Target(id string) (collectors.Target, bool) {
	for _, t := range p.Targets {
		if t.ID() == id {
			return t, true
		}
	}
	return collectors.Target{}, false
}

// CheckScopes reports every scope.targets entry of the claims that names
// neither a group nor a target of the project, at its place in the claims
// file. (LoadProject checks the default scope itself.)
func (p *Project) CheckScopes(t *TOM) diag.Diagnostics {
	var ds diag.Diagnostics
	if p == nil || t == nil {
		return ds
	}
	known := p.scopeNames()
	for _, c := range t.Claims {
		checkTargets(c.Scope, known, filepath.Base(p.Path), &ds)
	}
	ds.Sort()
	return ds
}

// scopeNames returns every name a scope's targets may use: groups and target ids.
func (p *Project) scopeNames() map[string]bool {
	known := map[string]bool{}
	for g := range p.Groups {
		known[g] = true
	}
	for _, t := range p.Targets {
		known[t.ID()] = true
	}
	return known
}

// LoadProject reads and parses the project file at path; see ParseProject.
func LoadProject(path string, reg *collectors.Registry) (*Project, diag.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		var ds diag.Diagnostics
		ds.Errorf(diag.Pos{File: path}, `Create one with "tomcheck init", or name another project file with -c.`, "read project file: %v", err)
		return newProject(path, nil), ds
	}
	return ParseProject(path, src, reg)
}

func newProject(path string, src []byte) *Project {
	dir := filepath.Dir(path)
	name := filepath.Base(dir)
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs)
	}
	return &Project{
		Path: path, Dir: dir, Name: name, TOMPath: filepath.Join(dir, DefaultTOM),
		Digest: digestOf(src), Raw: src, Groups: map[string][]string{},
	}
}

// ParseProject parses the project file src read from path: it substitutes
// ${env:NAME} and ${file:PATH} in every scalar value (PATH relative to the
// file's directory), builds the targets and lets each one's collector in reg
// validate it. It reports every problem at once, sorted, with every secret
// masked. The Project holds what could be read even when ds has errors.
func ParseProject(path string, src []byte, reg *collectors.Registry) (*Project, diag.Diagnostics) {
	p := newProject(path, src)
	r := newReader(path, src)
	root := r.document(src, "project file", `A project file names the claims file and the targets to collect from; "tomcheck init" writes a starter file.`)
	if root != nil {
		pp := &projectParser{reader: r, p: p, reg: reg}
		pp.substitute(root)
		pp.project(root)
	}
	r.clamp()
	r.ds.Sort()
	return p, maskSecrets(r.ds, p.Secrets)
}

// projectParser holds what parsing one project file needs.
type projectParser struct {
	*reader
	p   *Project
	reg *collectors.Registry
}

func (pp *projectParser) project(root *yaml.Node) {
	p := pp.p
	f, ok := pp.mapping(root, "the project file", "tom: tom.yaml", projectKeys())
	if !ok {
		return
	}
	if f.has("project") {
		if name, ok := pp.text(f.val("project"), "project", "project: shop-prod"); ok && strings.TrimSpace(name) != "" {
			p.Name = name
		} else if ok || isNull(f.val("project")) {
			pp.errorf(f.val("project"), "Name the project, e.g. project: shop-prod, or remove the key to use the directory's name.", "project is empty")
		}
	}
	if f.has("tom") {
		if tom, ok := pp.text(f.val("tom"), "tom", "tom: tom.yaml"); ok && strings.TrimSpace(tom) != "" {
			if filepath.IsAbs(tom) {
				p.TOMPath = tom
			} else {
				p.TOMPath = filepath.Join(p.Dir, tom)
			}
		} else if ok || isNull(f.val("tom")) {
			pp.errorf(f.val("tom"), "Name the claims file relative to this file, e.g. tom: tom.yaml, or remove the key.", "tom is empty")
		}
	}
	pp.targets(f.val("targets"))
	if !f.has("targets") {
		pp.warnf(root, `Add a "targets:" section; without targets nothing is collected and every claim stays inconclusive.`, "the project file has no targets")
	}
	ownGroups := p.Groups
	p.Groups = map[string][]string{}
	pp.groups(f.val("groups"))
	for g, ids := range ownGroups {
		p.Groups[g] = append(p.Groups[g], ids...)
	}
	pp.memberships()
	if f.has("scope") {
		p.Scope = pp.scope(f.val("scope"), "scope")
		checkTargets(p.Scope, p.scopeNames(), filepath.Base(p.Path), &pp.ds)
	}
	if f.has("defaults") && !isNull(f.val("defaults")) {
		pp.defaults(f.val("defaults"))
	}
	if f.has("notify") {
		pp.errorf(f.key("notify"), "Remove notify: alert channels (Slack, Teams, webhook, e-mail) come with a later version; until then, act on the exit code.",
			"notify is not supported by this version of tomcheck")
	}
	pp.validateTargets()
}

// targets reads targets: a mapping of collector names to lists of specs.
// Own groups of each target are collected in p.Groups.
func (pp *projectParser) targets(n *yaml.Node) {
	n = resolve(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		pp.errorf(n, "Write targets as a mapping of target types to lists, e.g. targets: {terraform: [{path: infra/}]}.", "targets must be a mapping, got %s", kindName(n))
		return
	}
	var names []string
	if pp.reg != nil {
		names = pp.reg.Names()
	}
	first := map[string]*yaml.Node{}
	seenKey := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			pp.errorf(k, "Write each target type as a plain word, e.g. terraform.", "a target type must be a string, got %s", kindName(k))
			continue
		}
		collector := k.Value
		if line, dup := seenKey[collector]; dup {
			pp.errorf(k, fmt.Sprintf("It is first set at line %d; list all %s targets under one key.", line, collector), "duplicate target type %q", collector)
			continue
		}
		seenKey[collector] = k.Line
		if pp.reg == nil || !contains(names, collector) {
			detail := "This version of tomcheck collects from no target types."
			if len(names) > 0 {
				detail = fmt.Sprintf("This version of tomcheck collects from: %s.", strings.Join(names, ", "))
				if s := diag.Suggest(collector, names); s != "" {
					detail = fmt.Sprintf("Did you mean %q? ", s) + detail
				}
			}
			pp.errorf(k, detail, "%s", collectors.ErrUnknownCollector{Name: collector}.Error())
			continue
		}
		if isNull(v) {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			pp.errorf(v, fmt.Sprintf("Write each %s target as a list entry starting with \"- \".", collector), "targets.%s must be a list, got %s", collector, kindName(v))
			continue
		}
		for _, en := range v.Content {
			pp.target(collector, resolve(en), first)
		}
	}
}

// target reads one target spec of a collector.
func (pp *projectParser) target(collector string, n *yaml.Node, first map[string]*yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		pp.errorf(n, "Write each target as key: value pairs after \"- \", e.g. \"- name: prod\".", "a %s target must be a mapping, got %s", collector, kindName(n))
		return
	}
	vals := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k != nil && k.Kind == yaml.ScalarNode {
			if _, dup := vals[k.Value]; !dup {
				vals[k.Value] = resolve(n.Content[i+1])
			}
		}
	}
	name := ""
	for _, key := range nameKeys() {
		v, ok := vals[key]
		if !ok {
			continue
		}
		if v == nil || v.Kind != yaml.ScalarNode || isNull(v) {
			pp.errorf(v, fmt.Sprintf("Write %s as text, e.g. %s: prod; the target's name comes from it.", key, key), "%s of a %s target must be text, got %s", key, collector, kindName(v))
			return
		}
		if strings.TrimSpace(v.Value) == "" {
			pp.errorf(v, fmt.Sprintf("Write %s as text, e.g. %s: prod; the target's name comes from it.", key, key), "%s of a %s target is empty", key, collector)
			return
		}
		name = v.Value
		if key == "path" || key == "plan" || key == "state" {
			if trimmed := strings.TrimRight(name, "/"); trimmed != "" {
				name = trimmed
			}
		}
		break
	}
	if name == "" {
		pp.errorf(n, fmt.Sprintf("Give the target a name (name: prod), or a host, context, path, plan or state it is named after; its id is %s/<name>.", collector),
			"%s target has no name", collector)
		return
	}
	t := collectors.Target{Collector: collector, Name: name, Node: n, File: pp.p.Path, Dir: pp.p.Dir}
	if prev, dup := first[t.ID()]; dup {
		pp.errorf(n, fmt.Sprintf("The target at line %d has the same name; give one of them its own \"name:\".", prev.Line), "duplicate target %q", t.ID())
		return
	}
	first[t.ID()] = n
	if g, ok := vals["groups"]; ok {
		list, nodes := pp.textList(g, "groups", "groups: [prod]")
		for i, group := range list {
			if pp.groupName(nodes[i], group) {
				pp.p.Groups[group] = append(pp.p.Groups[group], t.ID())
			}
		}
	}
	pp.p.Targets = append(pp.p.Targets, t)
}

// groupName checks a group's name; a slash would make it look like a target id.
func (pp *projectParser) groupName(n *yaml.Node, name string) bool {
	if strings.Contains(name, "/") {
		pp.errorf(n, `Target ids have the form <type>/<name>; name groups without "/", e.g. prod-aws.`, "group name %q contains \"/\"", name)
		return false
	}
	return true
}

// groups reads the top-level groups: group name → list of target ids.
func (pp *projectParser) groups(n *yaml.Node) {
	n = resolve(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		pp.errorf(n, "Write groups as a mapping of group names to lists of target ids, e.g. groups: {prod-aws: [aws/prod]}.", "groups must be a mapping, got %s", kindName(n))
		return
	}
	ids := make([]string, 0, len(pp.p.Targets))
	known := map[string]bool{}
	for _, t := range pp.p.Targets {
		ids = append(ids, t.ID())
		known[t.ID()] = true
	}
	sort.Strings(ids)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k == nil {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			pp.errorf(k, "Write each group name as a plain word, e.g. prod-aws.", "a group name must be a string, got %s", kindName(k))
			continue
		}
		group := k.Value
		if line, dup := seen[group]; dup {
			pp.errorf(k, fmt.Sprintf("It is first set at line %d; remove one of them.", line), "duplicate group %q", group)
			continue
		}
		seen[group] = k.Line
		if !pp.groupName(k, group) {
			continue
		}
		members := []string{}
		list, nodes := pp.textList(v, fmt.Sprintf("group %q", group), "[terraform/infra]")
		for j, id := range list {
			if !known[id] {
				detail := "The project file defines no targets yet; add them under targets:."
				if len(ids) > 0 {
					detail = fmt.Sprintf("Groups list target ids <type>/<name>: %s.", strings.Join(ids, ", "))
					if s := diag.Suggest(id, ids); s != "" {
						detail = fmt.Sprintf("Did you mean %q? ", s) + detail
					}
				}
				pp.errorf(nodes[j], detail, "unknown target %q in group %q", id, group)
				continue
			}
			members = append(members, id)
		}
		pp.p.Groups[group] = append(pp.p.Groups[group], members...)
	}
}

// memberships sorts the groups and gives every target its groups: its own
// id first, then every group it belongs to, sorted.
func (pp *projectParser) memberships() {
	byTarget := map[string][]string{}
	for g, ids := range pp.p.Groups {
		pp.p.Groups[g] = uniqueSorted(ids)
		for _, id := range pp.p.Groups[g] {
			byTarget[id] = append(byTarget[id], g)
		}
	}
	for i := range pp.p.Targets {
		t := &pp.p.Targets[i]
		t.Groups = append([]string{t.ID()}, uniqueSorted(byTarget[t.ID()])...)
	}
}

func uniqueSorted(list []string) []string {
	out := make([]string, 0, len(list))
	seen := map[string]bool{}
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// validateTargets hands every target to its collector.
func (pp *projectParser) validateTargets() {
	if pp.reg == nil {
		return
	}
	for i := range pp.p.Targets {
		t := &pp.p.Targets[i]
		t.Secrets = pp.p.Secrets
		c, ok := pp.reg.Get(t.Collector)
		if !ok {
			continue
		}
		pp.ds = append(pp.ds, c.Validate(*t)...)
	}
}

// defaults reads the defaults section.
func (pp *projectParser) defaults(n *yaml.Node) {
	d := &pp.p.Defaults
	f, ok := pp.mapping(n, "defaults", "{lang: de, fail_on: [refuted]}", defaultsKeys())
	if !ok {
		return
	}
	if f.has("lang") {
		lang, ok := pp.text(f.val("lang"), "lang", "lang: de")
		switch {
		case ok && (lang == "de" || lang == "en"):
			d.Lang = lang
		case ok || isNull(f.val("lang")):
			pp.errorf(f.val("lang"), "Write lang: de or lang: en.", "unsupported lang %q", lang)
		}
	}
	if f.has("fail_on") {
		list, nodes := pp.textList(f.val("fail_on"), "fail_on", "fail_on: [refuted, regression]")
		for i, v := range list {
			if contains(failOnValues(), v) {
				d.FailOn = append(d.FailOn, v)
				continue
			}
			detail := fmt.Sprintf("Use any of: %s.", strings.Join(failOnValues(), ", "))
			if s := diag.Suggest(v, failOnValues()); s != "" {
				detail = fmt.Sprintf("Did you mean %q? ", s) + detail
			}
			pp.errorf(nodes[i], detail, "unknown fail_on value %q", v)
		}
	}
	if f.has("max_evidence_age") {
		v := f.val("max_evidence_age")
		const fix = "Write a duration such as 24h, 90m or 168h, or in ISO-8601 such as P1D or PT12H."
		if s, ok := pp.text(v, "max_evidence_age", "max_evidence_age: 24h"); ok {
			age, err := time.ParseDuration(s)
			if err != nil {
				if iso, ierr := isodur.Parse(s); ierr == nil {
					age, err = iso.Approx(), nil
				}
			}
			switch {
			case err != nil:
				pp.errorf(v, fix, "invalid max_evidence_age %q", s)
			case age <= 0:
				pp.errorf(v, fix, "max_evidence_age %q must be longer than zero", s)
			default:
				d.MaxEvidenceAge = age
			}
		} else if isNull(v) {
			pp.errorf(v, fix, "max_evidence_age is empty")
		}
	}
	if f.has("require_live") {
		d.RequireLive, _ = pp.boolean(f.val("require_live"), "require_live")
	}
	if f.has("strict") {
		d.Strict, _ = pp.boolean(f.val("strict"), "strict")
	}
}

// substitute replaces ${env:NAME} and ${file:PATH} in every scalar value
// (not in keys), once per node, and records the substituted values as
// secrets. A substituted value is always a string.
func (pp *projectParser) substitute(root *yaml.Node) {
	done := map[*yaml.Node]bool{}
	var walk func(n *yaml.Node, isKey bool)
	walk = func(n *yaml.Node, isKey bool) {
		n = resolve(n)
		if n == nil || done[n] {
			return
		}
		done[n] = true
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], false)
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c, false)
			}
		case yaml.ScalarNode:
			if !isKey && strings.Contains(n.Value, "${") {
				if v, ok := pp.expand(n); ok {
					n.Value, n.Tag = v, "!!str"
				}
			}
		}
	}
	walk(root, false)
}

// expand substitutes the references in one scalar.
func (pp *projectParser) expand(n *yaml.Node) (string, bool) {
	s := n.Value
	var b strings.Builder
	ok := true
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], '}')
		if end < 0 {
			pp.errorf(n, "Close it with \"}\": ${env:NAME} or ${file:PATH}.", "unterminated reference %q", s[i:])
			return "", false
		}
		ref := s[i : i+end+1]
		inner := ref[2 : len(ref)-1]
		s = s[i+end+1:]
		var val string
		switch {
		case strings.HasPrefix(inner, "env:"):
			name := strings.TrimPrefix(inner, "env:")
			if !validEnvName(name) {
				pp.errorf(n, "An environment variable name is letters, digits and _, not starting with a digit, e.g. ${env:SLACK_WEBHOOK_URL}.", "invalid environment variable name in %s", ref)
				ok = false
				continue
			}
			v, set := os.LookupEnv(name)
			if !set {
				pp.errorf(n, fmt.Sprintf("Set %s in the environment tomcheck runs in; secrets never stand in the project file.", name), "environment variable %s is not set", name)
				ok = false
				continue
			}
			val = v
		case strings.HasPrefix(inner, "file:"):
			rel := strings.TrimPrefix(inner, "file:")
			if strings.TrimSpace(rel) == "" {
				pp.errorf(n, "Name the file to read, relative to the project file, e.g. ${file:secrets/token}.", "empty path in %s", ref)
				ok = false
				continue
			}
			path := rel
			if !filepath.IsAbs(path) {
				path = filepath.Join(pp.p.Dir, rel)
			}
			data, err := readSecretFile(path)
			if err != nil {
				pp.errorf(n, fmt.Sprintf("%v. The path is relative to the project file's directory.", err), "cannot read %s", ref)
				ok = false
				continue
			}
			val = strings.TrimRight(string(data), "\r\n")
		default:
			pp.errorf(n, "Write ${env:NAME} for an environment variable or ${file:PATH} for a file's contents.", "unknown reference %q", ref)
			ok = false
			continue
		}
		if val != "" && !contains(pp.p.Secrets, val) {
			pp.p.Secrets = append(pp.p.Secrets, val)
		}
		b.WriteString(val)
	}
	return b.String(), ok
}

// maxSecretFile caps a ${file:…} read: a secret is small, and a device
// such as /dev/zero must not hang the load.
const maxSecretFile = 1 << 20

// readSecretFile reads a file of at most maxSecretFile bytes.
func readSecretFile(path string) ([]byte, error) {
	f, err := os.Open(path) // #nosec G703 -- ${file:…} reads what the user's own project file names, by design
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, err // an *fs.PathError that names the operation and the path already
	}
	if len(data) > maxSecretFile {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxSecretFile)
	}
	return data, nil
}

// validEnvName reports whether s is a portable environment variable name.
func validEnvName(s string) bool {
	for i, r := range s {
		switch {
		case r == '_', r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z':
		case i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return s != ""
}

// maskSecrets replaces every secret in the diagnostics' texts, longest first.
func maskSecrets(ds diag.Diagnostics, secrets []string) diag.Diagnostics {
	if len(secrets) == 0 {
		return ds
	}
	sorted := append([]string(nil), secrets...)
	sort.Slice(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	pairs := make([]string, 0, 2*len(sorted))
	for _, s := range sorted {
		pairs = append(pairs, s, "(secret)")
	}
	repl := strings.NewReplacer(pairs...)
	for i := range ds {
		ds[i].Summary = repl.Replace(ds[i].Summary)
		ds[i].Detail = repl.Replace(ds[i].Detail)
	}
	return ds
}
