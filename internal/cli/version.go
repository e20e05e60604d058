package cli

import (
	"fmt"
	"runtime"

	"github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"
)

// NewCmdVersion builds `tomcheck version`.
func NewCmdVersion(f *factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of tomcheck, its collectors and the embedded OPA",
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			w := f.streams.Out
			fmt.Fprintf(w, "tomcheck %s\n", toolVersion())
			fmt.Fprintf(w, "opa      %s\n", version.Version)
			fmt.Fprintf(w, "go       %s\n", runtime.Version())
			reg := f.Registry()
			for _, n := range reg.Names() {
				c, _ := reg.Get(n)
				fmt.Fprintf(w, "collector %s v%d\n", n, c.Version())
			}
			return nil
		},
	}
}
