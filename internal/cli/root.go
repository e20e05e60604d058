// Package cli implements the tomcheck command line: one file per command,
// each an options struct with complete → validate → run; the work lives in
// the domain packages.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/tomcheck/tomcheck/internal/report"
)

// IOStreams are the standard streams a command uses, injected for tests.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// IsTerminal reports whether ErrOut/Out is a terminal: progress and colours only then.
	ErrIsTerminal bool
	OutIsTerminal bool
}

// Env is the process environment a command may read (LANG, ${env:…}).
type Env func(string) string

// GlobalOptions are the flags every command shares.
type GlobalOptions struct {
	Format   string
	Output   string
	Lang     string
	Policies []string
	Strict   bool
	Quiet    bool
	Verbose  bool
}

// Main runs tomcheck with the process's arguments and streams and returns the exit code.
func Main() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	streams := IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())), //nolint:gosec // fd fits in int
		OutIsTerminal: term.IsTerminal(int(os.Stdout.Fd())), //nolint:gosec // fd fits in int
	}
	return Run(ctx, os.Args[1:], streams, os.Getenv)
}

// Run executes one tomcheck command line and returns its exit code. It never
// panics on bad input and never calls os.Exit.
func Run(ctx context.Context, args []string, streams IOStreams, env Env) int {
	return run(ctx, newFactory(streams, env), args)
}

func run(ctx context.Context, f *factory, args []string) int {
	streams := f.streams
	root := NewRootCmd(f)
	root.SetArgs(args)
	root.SetIn(streams.In)
	root.SetOut(streams.Out)
	root.SetErr(streams.ErrOut)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var s silentExit
	if !errors.As(err, &s) {
		fmt.Fprintln(streams.ErrOut, "tomcheck: "+strings.TrimSuffix(err.Error(), "\n"))
	}
	var e *exitError
	if !errors.As(err, &e) && !errors.As(err, &s) && isUsageError(err) {
		return ExitInput
	}
	return exitCode(err)
}

// isUsageError recognises cobra's own flag and argument errors.
func isUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown flag", "unknown shorthand", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most", "bad flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

const rootLong = `tomcheck proves or refutes the claims of a TOM document (Technische und
organisatorische Maßnahmen, GDPR Art. 32) against infrastructure evidence.

Collectors read Terraform configurations, plans and state, and attestation
files; embedded Rego policies judge each claim: verified, refuted,
inconclusive, attested, unattested (or error, a policy bug).

Exit codes (when several apply, 2 beats 3 beats 1 beats 0):
  0  nothing matched --fail-on
  1  a claim matched --fail-on (default: refuted); --strict adds inconclusive,
     unattested and stale evidence
  2  usage or input error: bad flags, invalid claims or project file,
     unreadable policy, a half-written run directory, --fail-on regression
     without a history
  3  the run could not judge: a claim's verdict is error, every collector
     failed, or nothing was collected at all
"policies test" exits 0 (all pass), 1 (a test fails) or 2.`

// NewRootCmd builds the command tree.
func NewRootCmd(f *factory) *cobra.Command {
	root := &cobra.Command{
		Use:           "tomcheck",
		Short:         "Prove or refute the claims of a TOM document against infrastructure evidence",
		Long:          rootLong,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return f.global.validate(f.env)
		},
	}
	g := &f.global
	pf := root.PersistentFlags()
	pf.StringVar(&g.Format, "format", "table", "report format: "+strings.Join(report.Formats(), "|"))
	pf.StringVarP(&g.Output, "output", "o", "", "where the command's product goes: report file (run, evaluate; - for stdout), run directory (collect)")
	pf.StringVar(&g.Lang, "lang", "", "report language de|en (default: from LANG, else en)")
	pf.StringArrayVar(&g.Policies, "policies", nil, "directory of extra user checks (same contract as the built-in library); repeatable")
	pf.BoolVar(&g.Strict, "strict", false, "fail (exit 1) on refuted, inconclusive and unattested claims and on stale evidence")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "print nothing but the report and errors")
	pf.BoolVarP(&g.Verbose, "verbose", "v", false, "also list passing findings and collector details")
	root.CompletionOptions.HiddenDefaultCmd = false

	root.AddCommand(
		NewCmdRun(f, nil),
		NewCmdCollect(f, nil),
		NewCmdEvaluate(f, nil),
		NewCmdChecks(f, nil),
		NewCmdPolicies(f),
		NewCmdInit(f, nil),
		NewCmdVersion(f),
	)
	return root
}

func (g *GlobalOptions) validate(env Env) error {
	if g.Lang == "" {
		g.Lang = langFromEnv(env)
	}
	if g.Lang != "de" && g.Lang != "en" {
		return inputErrf("--lang %q: use de or en", g.Lang)
	}
	known := false
	for _, f := range report.Formats() {
		if g.Format == f {
			known = true
		}
	}
	if !known {
		return inputErrf("--format %q: use one of %s", g.Format, strings.Join(report.Formats(), ", "))
	}
	return nil
}

// langFromEnv picks German for a LANG (or LC_ALL, LC_MESSAGES) starting with "de", else English.
func langFromEnv(env Env) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := env(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "de") {
				return "de"
			}
			return "en"
		}
	}
	return "en"
}
