package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// PoliciesTestOptions are the options of `tomcheck policies test`.
type PoliciesTestOptions struct {
	f    *factory
	Dirs []string
}

// NewCmdPolicies builds `tomcheck policies` and its subcommand `test`.
func NewCmdPolicies(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policies",
		Short: "Work with the Rego check library",
	}
	o := &PoliciesTestOptions{f: f}
	cmd.AddCommand(&cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of the built-in library and of user policy directories",
		Long: `Run every test_ rule of the built-in check library and of the given policy
directories (and --policies directories) with OPA's tester. Exits 0 when all
pass, 1 when a test fails, 2 when a policy does not parse or compile.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Dirs = args
			return o.run(cmd)
		},
	})
	return cmd
}

func (o *PoliciesTestOptions) run(cmd *cobra.Command) error {
	f := o.f
	f.global.Policies = append(f.global.Policies, o.Dirs...)
	lib, err := f.Library()
	if err != nil {
		return err
	}
	results, err := lib.RunTests(cmd.Context())
	if err != nil {
		return inputErr(err)
	}
	w := f.streams.Out
	passed, failed, skipped := 0, 0, 0
	for _, r := range results {
		switch {
		case r.Skip:
			skipped++
			if f.global.Verbose {
				fmt.Fprintf(w, "SKIP %s: %s.%s\n", r.Location, r.Package, r.Name)
			}
		case r.Pass:
			passed++
			if f.global.Verbose {
				fmt.Fprintf(w, "PASS %s: %s.%s\n", r.Location, r.Package, r.Name)
			}
		default:
			failed++
			fmt.Fprintf(w, "FAIL %s: %s.%s", r.Location, r.Package, r.Name)
			if r.Error != "" {
				fmt.Fprintf(w, ": %s", r.Error)
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "policies: %d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if failed > 0 {
		return silentExit{code: ExitFailOn}
	}
	return nil
}
