// Package checks describes the checks of the policy library as the rest of
// tomcheck sees them: id, titles, the evidence they judge and the schema of
// their parameters, read from each policy's METADATA.
package checks

import (
	"sort"
	"strings"
)

// Check is one named, parameterised claim type backed by one Rego package.
type Check struct {
	ID            string         `json:"id"`
	Package       string         `json:"package"` // data.tomcheck.checks.<id>
	Title         string         `json:"title"`
	TitleDE       string         `json:"title_de"`
	Description   string         `json:"description"`
	DescriptionDE string         `json:"description_de"`
	Evidence      []Selector     `json:"evidence"`
	Context       []Selector     `json:"context,omitempty"`
	Params        map[string]any `json:"params"` // a JSON schema of type object
	Areas         []string       `json:"areas"`
	ClaimTypes    []string       `json:"claim_types"`
	Remediation   string         `json:"remediation"`
	RemediationDE string         `json:"remediation_de,omitempty"`
	File          string         `json:"file"` // the policy file carrying the METADATA
	Builtin       bool           `json:"builtin"`
}

// Selector names a record kind, optionally narrowed to one Terraform
// resource type: "terraform.resource:aws_backup_plan".
type Selector struct {
	Kind string `json:"kind"`
	Type string `json:"type,omitempty"`
}

// ParseSelector parses "kind" or "kind:type".
func ParseSelector(s string) Selector {
	kind, typ, _ := strings.Cut(s, ":")
	return Selector{Kind: kind, Type: typ}
}

// String renders the selector as it is written in METADATA.
func (s Selector) String() string {
	if s.Type == "" {
		return s.Kind
	}
	return s.Kind + ":" + s.Type
}

// ParamNames returns the names of the check's parameters, sorted.
func (c *Check) ParamNames() []string {
	props, _ := c.Params["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Kinds returns every record kind the check judges or consults, without type narrowing, sorted and unique.
func (c *Check) Kinds() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]Selector{}, c.Evidence...), c.Context...) {
		if !seen[s.Kind] {
			seen[s.Kind] = true
			out = append(out, s.Kind)
		}
	}
	sort.Strings(out)
	return out
}

// Catalog is the set of checks available to one run.
type Catalog struct {
	byID map[string]*Check
}

// NewCatalog returns a catalog of the given checks; a later check with the
// same id replaces an earlier one.
func NewCatalog(cs ...*Check) *Catalog {
	c := &Catalog{byID: map[string]*Check{}}
	for _, ch := range cs {
		c.byID[ch.ID] = ch
	}
	return c
}

// Get returns the check with the given id.
func (c *Catalog) Get(id string) (*Check, bool) {
	ch, ok := c.byID[id]
	return ch, ok
}

// IDs returns all check ids, sorted.
func (c *Catalog) IDs() []string {
	ids := make([]string, 0, len(c.byID))
	for id := range c.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// All returns all checks, sorted by id.
func (c *Catalog) All() []*Check {
	out := make([]*Check, 0, len(c.byID))
	for _, id := range c.IDs() {
		out = append(out, c.byID[id])
	}
	return out
}
