package terraform

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/tomcheck/tomcheck/internal/diag"
)

// Modes of a resource, as plan JSON names them.
const (
	ModeManaged = "managed"
	ModeData    = "data"
)

// Source names, in the order a record's data.from lists them.
const (
	FromHCL   = "hcl"
	FromPlan  = "plan"
	FromState = "state"
)

// sensitiveValue replaces every sensitive value in a record.
const sensitiveValue = "(sensitive)"

// Instance is one resource or data source instance as one source (HCL, plan
// or state) describes it, before the sources are merged into a record.
type Instance struct {
	// Address is the instance address: module.net.aws_security_group.web[0].
	Address string
	// ConfigAddress is Address without instance keys: module.net.aws_security_group.web.
	ConfigAddress string
	Mode          string // ModeManaged or ModeData
	Type          string
	// Provider is the provider's local name and alias as the resource uses
	// it: "aws" or "aws.replica".
	Provider string
	// ProviderRegion is the provider configuration's region when known.
	ProviderRegion string
	// DefaultTags are the provider's default_tags, known string values only.
	DefaultTags map[string]string
	// Values has the shape of plan JSON planned values; sensitive values are
	// "(sensitive)", unknown values are left out.
	Values map[string]any
	// Unknown mirrors after_unknown: true where a value is unknown until apply.
	Unknown map[string]any
	// References maps an attribute path to the resource and data config
	// addresses its expression refers to.
	References map[string][]string
	// ResourceID is the state's arn, else its id.
	ResourceID string
	// InstancesUnknown is set when count or for_each could not be evaluated:
	// the instance stands for all instances of its config address.
	InstancesUnknown bool
	// Pos is the resource block in HCL (File relative to the target's
	// directory); empty for plan and state.
	Pos diag.Pos
}

// Data is the data of a terraform.resource record; its JSON Schema is
// data.schema.json beside this file (Schema returns it).
type Data struct {
	Type             string              `json:"type"`
	Address          string              `json:"address"`
	Mode             string              `json:"mode"`
	Provider         string              `json:"provider"`
	ProviderRegion   string              `json:"provider_region,omitempty"`
	From             []string            `json:"from"`
	Values           map[string]any      `json:"values"`
	Unknown          map[string]any      `json:"unknown"`
	References       map[string][]string `json:"references"`
	InstancesUnknown bool                `json:"instances_unknown,omitempty"`
}

//go:embed data.schema.json
var schema []byte

// Schema returns the JSON Schema of a terraform.resource record's data.
func Schema() []byte { return append([]byte(nil), schema...) }

// Map returns d as the plain map a record's data holds.
func (d Data) Map() map[string]any {
	from := make([]any, len(d.From))
	for i, f := range d.From {
		from[i] = f
	}
	refs := make(map[string]any, len(d.References))
	for k, v := range d.References {
		list := make([]any, len(v))
		for i, s := range v {
			list[i] = s
		}
		refs[k] = list
	}
	values, unknown := d.Values, d.Unknown
	if values == nil {
		values = map[string]any{}
	}
	if unknown == nil {
		unknown = map[string]any{}
	}
	m := map[string]any{
		"type":       d.Type,
		"address":    d.Address,
		"mode":       d.Mode,
		"provider":   d.Provider,
		"from":       from,
		"values":     values,
		"unknown":    unknown,
		"references": refs,
	}
	if d.ProviderRegion != "" {
		m["provider_region"] = d.ProviderRegion
	}
	if d.InstancesUnknown {
		m["instances_unknown"] = true
	}
	return m
}

// stripInstanceKeys returns addr without its instance keys ([0], ["a"]),
// leaving quoted strings intact: module.a["x.y"].b.c[1] → module.a.b.c.
func stripInstanceKeys(addr string) string {
	var b strings.Builder
	depth, inQuote, escaped := 0, false, false
	for _, r := range addr {
		switch {
		case inQuote:
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				inQuote = false
			}
		case r == '"' && depth > 0:
			inQuote = true
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// intKey renders a count index the way Terraform writes it in an address.
func intKey(i int) string { return "[" + strconv.Itoa(i) + "]" }

// stringKey renders a for_each key as Terraform quotes it in addresses.
func stringKey(k string) string {
	var b strings.Builder
	b.WriteString(`["`)
	rs := []rune(k)
	for i, r := range rs {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case (r == '$' || r == '%') && i+1 < len(rs) && rs[i+1] == '{':
			b.WriteRune(r)
			b.WriteRune(r)
		case !unicode.IsPrint(r):
			b.WriteString(`\u`)
			s := strconv.FormatInt(int64(r), 16)
			b.WriteString(strings.Repeat("0", max(0, 4-len(s))))
			b.WriteString(s)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(`"]`)
	return b.String()
}

// refKind classifies what a traversal refers to.
type refKind int

const (
	refOther refKind = iota
	refResource
	refData
	refModule
	refVar
	refLocal
)

// ref is the address part of a traversal: what it refers to, by name.
type ref struct {
	kind refKind
	// For resources and data: type and name. For modules: call name and
	// output (empty when the traversal names the whole module). For var and
	// local: the name.
	a, b string
}

// classify reads the object a traversal refers to. skip holds names that
// are local to the expression (dynamic block iterators) and never resources.
func classify(tr hcl.Traversal, skip map[string]bool) ref {
	if len(tr) == 0 {
		return ref{}
	}
	root, ok := tr[0].(hcl.TraverseRoot)
	if !ok {
		return ref{}
	}
	attr := func(i int) (string, bool) {
		if i >= len(tr) {
			return "", false
		}
		a, ok := tr[i].(hcl.TraverseAttr)
		return a.Name, ok
	}
	switch root.Name {
	case "var":
		if n, ok := attr(1); ok {
			return ref{kind: refVar, a: n}
		}
	case "local":
		if n, ok := attr(1); ok {
			return ref{kind: refLocal, a: n}
		}
	case "data":
		t, ok1 := attr(1)
		n, ok2 := attr(2)
		if ok1 && ok2 {
			return ref{kind: refData, a: t, b: n}
		}
	case "module":
		n, ok := attr(1)
		if !ok {
			return ref{}
		}
		i := 2
		if i < len(tr) {
			if _, isIdx := tr[i].(hcl.TraverseIndex); isIdx {
				i++
			}
		}
		out, _ := attr(i)
		return ref{kind: refModule, a: n, b: out}
	case "count", "each", "path", "terraform", "self", "ephemeral", "resource", "provider", "run", "check":
		return ref{}
	default:
		if skip[root.Name] {
			return ref{}
		}
		if n, ok := attr(1); ok {
			return ref{kind: refResource, a: root.Name, b: n}
		}
	}
	return ref{}
}

// parseRefString parses a reference string of plan JSON
// ("aws_backup_plan.daily.id", "module.net[0].sg_id") as a traversal.
func parseRefString(s string) (hcl.Traversal, bool) {
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, false
	}
	return tr, true
}

// refSet collects referenced addresses per attribute path. A nested
// block's path (rule, rule.copy_action) also holds what its attributes
// refer to: providers declare some blocks as attributes (the ingress of
// aws_security_group), and a plan's configuration then names the block
// path only, so checks can look there whatever the source.
type refSet map[string]map[string]bool

func (rs refSet) add(path string, addrs []string) {
	if len(addrs) == 0 {
		return
	}
	for p := path; ; {
		m := rs[p]
		if m == nil {
			m = map[string]bool{}
			rs[p] = m
		}
		for _, a := range addrs {
			m[a] = true
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return
		}
		p = p[:i]
	}
}

// lists returns the set as sorted lists.
func (rs refSet) lists() map[string][]string {
	out := make(map[string][]string, len(rs))
	for p, m := range rs {
		if len(m) == 0 {
			continue
		}
		out[p] = sortedKeys(m)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// uniqueSorted returns the sorted distinct strings of in.
func uniqueSorted(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	m := make(map[string]bool, len(in))
	for _, s := range in {
		m[s] = true
	}
	return sortedKeys(m)
}
