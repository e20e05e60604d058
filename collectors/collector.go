// Package collectors defines the collector contract, the registry of the
// collectors this build knows, and the runner that runs them concurrently.
package collectors

import (
	"context"
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/diag"
)

// Collector reads one kind of source and emits evidence records. It only
// ever reads: no collector calls anything that changes its target.
type Collector interface {
	// Name is the key under `targets:` in tomcheck.yaml ("terraform").
	Name() string
	// Version is bumped when the data shape of the collector's records changes.
	Version() int
	// Kinds lists the record kinds the collector can emit.
	Kinds() []string
	// Validate decodes and checks a target spec at load time.
	Validate(t Target) diag.Diagnostics
	// Collect reads the target and hands every record and gap to out.
	Collect(ctx context.Context, t Target, out Sink) error
}

// Labeler is implemented by collectors whose sources carry labels (AWS
// tags, Kubernetes labels, Terraform tags). Labelable reports whether the
// record's resource type can carry labels at all: records of types that
// cannot (an account password policy, EBS default encryption) always pass a
// label selector.
type Labeler interface {
	Labelable(r evidence.Record) bool
}

// Target is one entry under `targets.<collector>` in tomcheck.yaml.
type Target struct {
	Collector string     // "terraform"
	Name      string     // the target's name: its name, host, context or first path
	Groups    []string   // "<collector>/<name>" first, then its own and top-level groups
	Node      *yaml.Node // the raw spec, with positions
	File      string     // the project file, for diagnostics
	Dir       string     // the project file's directory: relative paths resolve from here
	// Secrets lists values substituted from ${env:…} or ${file:…}; collectors
	// must never write them into records or messages.
	Secrets []string
}

// ID returns "<collector>/<name>", the target's own group and its name in gaps.
func (t Target) ID() string { return t.Collector + "/" + t.Name }

// Pos returns the position of the target's spec.
func (t Target) Pos() diag.Pos {
	if t.Node == nil {
		return diag.Pos{File: t.File}
	}
	return diag.Pos{File: t.File, Line: t.Node.Line, Column: t.Node.Column}
}

// Sink receives what a collector reads.
type Sink interface {
	// Record stores one sealed evidence record.
	Record(evidence.Record) error
	// Gap records something that could not be read.
	Gap(evidence.Gap)
}

// Registry is the set of collectors one build knows, by name.
type Registry struct {
	byName map[string]Collector
}

// NewRegistry returns a registry of the given collectors.
func NewRegistry(cs ...Collector) *Registry {
	r := &Registry{byName: map[string]Collector{}}
	for _, c := range cs {
		r.byName[c.Name()] = c
	}
	return r
}

// Get returns the collector named name.
func (r *Registry) Get(name string) (Collector, bool) {
	c, ok := r.byName[name]
	return c, ok
}

// Names returns the registered collector names, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// KindsOf returns the kinds the named collector can emit.
func (r *Registry) KindsOf(name string) []string {
	if c, ok := r.byName[name]; ok {
		return c.Kinds()
	}
	return nil
}

// ErrUnknownCollector is returned for a target whose collector is not registered.
type ErrUnknownCollector struct{ Name string }

func (e ErrUnknownCollector) Error() string {
	return fmt.Sprintf("target type %q is not supported by this version of tomcheck", e.Name)
}
