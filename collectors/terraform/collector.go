// Package terraform collects declared infrastructure from Terraform HCL,
// plan JSON and state JSON as terraform.resource evidence records.
package terraform

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/diag"
)

// Identity of the collector; Version goes into every record's provenance
// and changes with the shape of Data.
const (
	Name    = "terraform"
	Version = 1
	Kind    = "terraform.resource"
)

// Collector reads Terraform targets. It only reads files: it never runs
// terraform, never initializes modules and never touches a backend.
type Collector struct {
	// Now is the clock for collected_at; tests fix it.
	Now func() time.Time
}

// New returns a Collector with the wall clock.
func New() *Collector { return &Collector{Now: time.Now} }

// Name returns "terraform".
func (c *Collector) Name() string { return Name }

// Version returns the version of the record shape.
func (c *Collector) Version() int { return Version }

// Kinds returns the one kind this collector emits.
func (c *Collector) Kinds() []string { return []string{Kind} }

func (c *Collector) now() time.Time {
	if c.Now == nil {
		return time.Now()
	}
	return c.Now()
}

// Collect reads the target's HCL, plan and state and hands one record per
// resource address to out. What cannot be read is a gap; Collect fails
// only when none of the target's sources could be read at all.
func (c *Collector) Collect(ctx context.Context, t collectors.Target, out collectors.Sink) error {
	s, ds := decodeSpec(t)
	if ds.HasErrors() {
		return fmt.Errorf("decode terraform target %s: %w", t.ID(), ds.Err())
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("collect terraform target %s: %w", t.ID(), err)
	}
	g := &gapper{target: t.ID(), secrets: t.Secrets, sink: out}
	src := Sources{Target: t.Name, Secrets: t.Secrets, Now: c.now()}
	read, tried := 0, 0
	display := displayFunc(t.Dir)

	if s.Path != "" {
		tried++
		fsys, dir, toFS, fromFS := rootFS(resolvePath(t.Dir, s.Path))
		opts := Options{
			Vars:    s.Vars,
			Secrets: t.Secrets,
			Display: func(p string) string { return display(fromFS(p)) },
		}
		for _, f := range s.VarFiles {
			opts.VarFiles = append(opts.VarFiles, toFS(resolvePath(t.Dir, f)))
		}
		cfg, lds := LoadModule(fsys, dir, opts)
		for _, d := range lds.Errors() {
			g.diag(d)
		}
		if cfg != nil {
			read++
			src.HCL = cfg
		}
	}
	if s.Plan != "" {
		tried++
		src.PlanFile = display(resolvePath(t.Dir, s.Plan))
		var err error
		src.Plan, err = readFile(resolvePath(t.Dir, s.Plan), ReadPlan)
		switch {
		case err != nil:
			g.input(src.PlanFile, err)
		case src.Plan.Incomplete != "":
			g.input(src.PlanFile, errors.New(src.Plan.Incomplete))
			read++
		default:
			read++
		}
	}
	if s.State != "" {
		tried++
		src.StateFile = display(resolvePath(t.Dir, s.State))
		var err error
		src.State, err = readFile(resolvePath(t.Dir, s.State), ReadState)
		if err != nil {
			g.input(src.StateFile, err)
		} else {
			read++
		}
	}
	if src.HCL != nil {
		var planned, stated []Instance
		if src.Plan != nil {
			planned = src.Plan.Instances
		}
		if src.State != nil {
			stated = src.State.Instances
		}
		for _, u := range src.HCL.UnreadModules {
			if !coveredBy(u.Address, planned, stated) {
				g.diag(unreadDiag(u))
			}
		}
	}
	g.flush()
	if read == 0 {
		return fmt.Errorf("collect terraform target %s: none of its %d source(s) could be read (see its gaps)", t.ID(), tried)
	}
	for _, rec := range Records(src) {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("collect terraform target %s: %w", t.ID(), err)
		}
		if err := rec.Seal(); err != nil {
			return fmt.Errorf("seal record %s: %w", rec.Subject, err)
		}
		if err := out.Record(rec); err != nil {
			return fmt.Errorf("store record %s: %w", rec.Subject, err)
		}
	}
	return nil
}

// unreadDiag is the diagnostic for a module call that is not read.
func unreadDiag(u UnreadModule) diag.Diagnostic {
	name, where := strings.TrimPrefix(u.Address, "module."), ""
	if i := strings.LastIndex(u.Address, ".module."); i >= 0 {
		name, where = u.Address[i+len(".module."):], " in "+u.Address[:i]
	}
	return diag.Diagnostic{
		Severity: diag.Error,
		Pos:      u.Pos,
		Summary:  fmt.Sprintf("module %q%s from %s source %q is not read; use a plan JSON to cover it", name, where, u.Kind, u.Source),
		Detail:   unreadModuleDetail,
	}
}

// readFile opens a plan or state file and reads it.
func readFile[T any](name string, read func(io.Reader) (*T, error)) (*T, error) {
	f, err := os.Open(filepath.Clean(name))
	if err != nil {
		return nil, &InputError{Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}
	}
	defer func() { _ = f.Close() }() // read-only: a close error loses nothing
	return read(f)
}

// gapper turns diagnostics and input errors into gaps, sorted.
type gapper struct {
	target  string
	secrets []string
	sink    collectors.Sink
	gaps    []evidence.Gap
}

// diag records a diagnostic as a gap with reason
// "<file>:<line>:<col>: <summary>: <detail>".
func (g *gapper) diag(d diag.Diagnostic) {
	reason := d.Summary
	if p := d.Pos.String(); p != "" {
		reason = p + ": " + reason
	}
	if d.Detail != "" {
		reason += ": " + d.Detail
	}
	g.gaps = append(g.gaps, evidence.Gap{
		Collector: Name, Target: g.target, Kind: Kind,
		Reason: scrubText(reason, g.secrets),
		File:   d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column,
	})
}

// input records an unreadable plan or state file as a gap.
func (g *gapper) input(file string, err error) {
	pos := diag.Pos{File: file}
	var ie *InputError
	if errors.As(err, &ie) {
		pos.Line, pos.Column = ie.Line, ie.Column
	}
	g.diag(diag.Diagnostic{Pos: pos, Summary: err.Error()})
}

func (g *gapper) flush() {
	sortGaps(g.gaps)
	for _, gp := range g.gaps {
		g.sink.Gap(gp)
	}
	g.gaps = nil
}

// displayFunc names files relative to the project directory, slash-separated.
func displayFunc(projectDir string) func(string) string {
	base, err := filepath.Abs(projectDir)
	if err != nil {
		base = projectDir
	}
	return func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			return filepath.ToSlash(p)
		}
		rel, err := filepath.Rel(base, abs)
		if err != nil {
			return filepath.ToSlash(abs)
		}
		return filepath.ToSlash(rel)
	}
}

// fsRoot is the file system root (volume) that holds p.
func fsRoot(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		abs = p
	}
	return filepath.VolumeName(abs) + string(filepath.Separator)
}

// rootFS returns a file system at the volume root, so that local modules
// may live anywhere (../modules), the fs path of dir, and converters from
// OS paths to fs paths and back.
func rootFS(dir string) (fs.FS, string, func(string) string, func(string) string) {
	root := fsRoot(dir)
	toFS := func(p string) string {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil {
			return filepath.ToSlash(p)
		}
		return filepath.ToSlash(rel)
	}
	fromFS := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	return os.DirFS(root), toFS(dir), toFS, fromFS
}
