package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/collectors/attestation"
	"github.com/tomcheck/tomcheck/collectors/terraform"
	"github.com/tomcheck/tomcheck/internal/diag"
	"github.com/tomcheck/tomcheck/internal/engine"
	"github.com/tomcheck/tomcheck/policies"
)

// Version is the tool version, set at build time with
// -ldflags "-X github.com/tomcheck/tomcheck/internal/cli.Version=v1.2.3".
var Version = ""

// toolVersion returns Version, else the module version from the build info, else "devel".
func toolVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// factory builds what commands need, lazily: a command that never evaluates
// never compiles the policy library.
type factory struct {
	streams IOStreams
	env     Env
	global  GlobalOptions
	// Clock is the wall clock; tests replace it.
	Clock func() time.Time

	lib *engine.Library
	eng *engine.Engine
}

func newFactory(streams IOStreams, env Env) *factory {
	if env == nil {
		env = func(string) string { return "" }
	}
	return &factory{streams: streams, env: env, Clock: time.Now}
}

// Registry returns the collectors of this build.
func (f *factory) Registry() *collectors.Registry {
	tf := terraform.New()
	tf.Now = f.Clock
	at := attestation.New()
	at.Now = f.Clock
	return collectors.NewRegistry(tf, at)
}

// policySources returns the built-in library and the user's --policies directories.
func (f *factory) policySources() ([]engine.PolicySource, error) {
	srcs := []engine.PolicySource{{Name: "builtin", FS: policies.FS, Builtin: true}}
	for _, dir := range f.global.Policies {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, inputErrf("--policies %s: %v", dir, err)
		}
		if !st.IsDir() {
			return nil, inputErrf("--policies %s: not a directory", dir)
		}
		srcs = append(srcs, engine.PolicySource{Name: filepath.ToSlash(filepath.Clean(dir)), FS: os.DirFS(dir)})
	}
	return srcs, nil
}

// Library loads and compiles the policy library once.
func (f *factory) Library() (*engine.Library, error) {
	if f.lib != nil {
		return f.lib, nil
	}
	srcs, err := f.policySources()
	if err != nil {
		return nil, err
	}
	lib, err := engine.LoadLibrary(srcs...)
	if err != nil {
		return nil, inputErr(err)
	}
	f.lib = lib
	return lib, nil
}

// Engine prepares the engine once.
func (f *factory) Engine(ctx context.Context) (*engine.Engine, error) {
	if f.eng != nil {
		return f.eng, nil
	}
	lib, err := f.Library()
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(ctx, lib)
	if err != nil {
		return nil, inputErr(err)
	}
	f.eng = eng
	return eng, nil
}

// printDiagnostics writes diagnostics to stderr (warnings only unless quiet
// is off) and returns an input error when any is an error.
func (f *factory) printDiagnostics(ds diag.Diagnostics, what string) error {
	ds.Sort()
	for _, d := range ds {
		if d.Severity == diag.Warning && f.global.Quiet {
			continue
		}
		fmt.Fprintln(f.streams.ErrOut, d.Error())
	}
	if ds.HasErrors() {
		n := len(ds.Errors())
		return inputErrf("%s has %d error(s); fix them and run again", what, n)
	}
	return nil
}

// tracef prints a note to stderr with -v (and not --quiet): timings and
// other detail that helps to find what makes a run slow.
func (f *factory) tracef(format string, args ...any) {
	if f.global.Verbose {
		f.logf(format, args...)
	}
}

// logf prints a note to stderr unless --quiet.
func (f *factory) logf(format string, args ...any) {
	if f.global.Quiet {
		return
	}
	fmt.Fprintf(f.streams.ErrOut, format+"\n", args...)
}
