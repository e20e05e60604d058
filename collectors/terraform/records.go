package terraform

import (
	"sort"
	"strings"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
)

// Sources are what one target read: HCL, plan and state, each optional.
type Sources struct {
	// Target is the target's name: subjects are tf:<Target>/<address>.
	Target string
	HCL    *Config
	Plan   *Plan
	State  *State
	// PlanFile and StateFile name the files (relative to the project
	// directory) for records that have no HCL block.
	PlanFile, StateFile string
	// Secrets are scrubbed from every value and label.
	Secrets []string
	Now     time.Time
}

// entry is one address as the sources describe it.
type entry struct {
	hcl, plan, state *Instance
	// hclBlock is an HCL instance with unknown count or for_each that
	// stands for this address: it gives position and references, not values.
	hclBlock *Instance
}

// Records merges the sources into one unsealed record per address, sorted
// by address: values from the most concrete source (state, else plan,
// else HCL), references from HCL and the plan's configuration.
func Records(s Sources) []evidence.Record {
	entries := map[string]*entry{}
	get := func(addr string) *entry {
		e := entries[addr]
		if e == nil {
			e = &entry{}
			entries[addr] = e
		}
		return e
	}
	concrete := map[string][]string{} // config address → plan/state addresses
	if s.HCL != nil {
		for i := range s.HCL.Instances {
			in := &s.HCL.Instances[i]
			get(in.Address).hcl = in
		}
	}
	if s.Plan != nil {
		for i := range s.Plan.Instances {
			in := &s.Plan.Instances[i]
			get(in.Address).plan = in
			concrete[in.ConfigAddress] = append(concrete[in.ConfigAddress], in.Address)
		}
	}
	if s.State != nil {
		for i := range s.State.Instances {
			in := &s.State.Instances[i]
			in.ConfigAddress = stripInstanceKeys(in.Address)
			get(in.Address).state = in
			concrete[in.ConfigAddress] = append(concrete[in.ConfigAddress], in.Address)
		}
	}
	// An HCL block whose instances could not be counted is covered by the
	// instances a plan or state names for it.
	for addr, e := range entries {
		if e.hcl == nil || !e.hcl.InstancesUnknown || e.plan != nil || e.state != nil {
			continue
		}
		covered := concrete[e.hcl.ConfigAddress]
		if len(covered) == 0 {
			if s.Plan != nil && s.Plan.Incomplete == "" && s.Plan.declared[e.hcl.ConfigAddress] {
				// A complete plan that declares the block and plans no
				// instance of it says there are none.
				delete(entries, addr)
			}
			continue
		}
		for _, a := range covered {
			if ce := entries[a]; ce.hcl == nil {
				ce.hclBlock = e.hcl
			}
		}
		delete(entries, addr)
	}
	addrs := sortedKeys(entries)
	out := make([]evidence.Record, 0, len(addrs))
	for _, addr := range addrs {
		out = append(out, s.record(addr, entries[addr]))
	}
	return out
}

func (s Sources) record(addr string, e *entry) evidence.Record {
	hcl := e.hcl
	if hcl == nil {
		hcl = e.hclBlock
	}
	var from []string
	if hcl != nil {
		from = append(from, FromHCL)
	}
	if e.plan != nil {
		from = append(from, FromPlan)
	}
	if e.state != nil {
		from = append(from, FromState)
	}
	chosen, file := e.hcl, ""
	switch {
	case e.state != nil:
		chosen, file = e.state, s.StateFile
	case e.plan != nil:
		chosen, file = e.plan, s.PlanFile
	}
	values := nonNilMap(copyMap(chosen.Values))
	unknown := map[string]any{}
	if chosen != e.state {
		unknown = nonNilMap(copyMap(chosen.Unknown))
	}
	refs := refSet{}
	for _, in := range []*Instance{hcl, e.plan} {
		if in == nil {
			continue
		}
		for p, list := range in.References {
			refs.add(p, list)
		}
	}
	provider, region := chosen.Provider, ""
	var defaultTags map[string]string
	for _, in := range []*Instance{e.plan, hcl} { // later wins: HCL knows aliases and evaluated regions
		if in == nil {
			continue
		}
		if in.Provider != "" {
			provider = in.Provider
		}
		if in.ProviderRegion != "" {
			region = in.ProviderRegion
		}
		if in.DefaultTags != nil {
			defaultTags = in.DefaultTags
		}
	}
	scrubSecrets(values, s.Secrets)
	labels := labelsOf(&Instance{Mode: chosen.Mode, Type: chosen.Type, Values: values, Unknown: unknown, DefaultTags: defaultTags})
	for k, v := range labels {
		if containsSecret(k, s.Secrets) || containsSecret(v, s.Secrets) {
			delete(labels, k)
		}
	}
	src := evidence.Source{Collector: Name, CollectorVersion: Version, Target: s.Target, File: file}
	if hcl != nil {
		src.File, src.Line, src.Column = hcl.Pos.File, hcl.Pos.Line, hcl.Pos.Column
	}
	resourceID := ""
	if e.state != nil && !containsSecret(e.state.ResourceID, s.Secrets) {
		resourceID = e.state.ResourceID
	}
	d := Data{
		Type:             chosen.Type,
		Address:          addr,
		Mode:             chosen.Mode,
		Provider:         provider,
		ProviderRegion:   scrubText(region, s.Secrets),
		From:             from,
		Values:           values,
		Unknown:          unknown,
		References:       refs.lists(),
		InstancesUnknown: chosen == e.hcl && e.hcl.InstancesUnknown,
	}
	if len(labels) == 0 {
		labels = nil
	}
	return evidence.Record{
		Kind:        Kind,
		Subject:     "tf:" + s.Target + "/" + addr,
		ResourceID:  resourceID,
		Labels:      labels,
		Origin:      evidence.OriginDeclared,
		Source:      src,
		CollectedAt: s.Now,
		Data:        d.Map(),
	}
}

func copyMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out, _ := deepCopyJSON(m).(map[string]any)
	return out
}

// coveredBy reports whether any instance lies inside the module address.
func coveredBy(moduleAddr string, sets ...[]Instance) bool {
	prefix := moduleAddr + "."
	for _, ins := range sets {
		for _, in := range ins {
			if strings.HasPrefix(stripInstanceKeys(in.Address), prefix) {
				return true
			}
		}
	}
	return false
}

// sortGaps orders gaps by file, line, column and reason.
func sortGaps(gs []evidence.Gap) {
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Reason < b.Reason
	})
}
