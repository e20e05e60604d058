package cli

import (
	"embed"
	"errors"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

//go:embed templates/tomcheck.yaml templates/tom.yaml
var templates embed.FS

// InitOptions are the options of `tomcheck init`.
type InitOptions struct {
	f     *factory
	Dir   string
	Force bool
}

// NewCmdInit builds `tomcheck init`.
func NewCmdInit(f *factory, runF func(*InitOptions) error) *cobra.Command {
	o := &InitOptions{f: f}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write a commented starter tomcheck.yaml and a German tom.yaml",
		Long: `Write a commented starter project file (tomcheck.yaml) and a German claims
file (tom.yaml) with the most common TOM claims of the check library, ready
to edit. Existing files are kept unless --force.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return o.run()
		},
	}
	cmd.Flags().StringVar(&o.Dir, "dir", ".", "directory to write the files into")
	cmd.Flags().BoolVar(&o.Force, "force", false, "overwrite existing files")
	return cmd
}

func (o *InitOptions) run() error {
	if err := os.MkdirAll(o.Dir, 0o750); err != nil {
		return inputErrf("init: %v", err)
	}
	names := []string{"tomcheck.yaml", "tom.yaml"}
	if !o.Force {
		for _, n := range names {
			p := filepath.Join(o.Dir, n)
			if _, err := os.Stat(p); err == nil {
				return inputErrf("init: %s exists; edit it, or run 'tomcheck init --force' to overwrite it", p)
			} else if !errors.Is(err, os.ErrNotExist) {
				return inputErrf("init: %v", err)
			}
		}
	}
	for _, n := range names {
		raw, err := templates.ReadFile("templates/" + n)
		if err != nil {
			return err
		}
		p := filepath.Join(o.Dir, n)
		if err := os.WriteFile(p, raw, 0o600); err != nil {
			return inputErrf("init: %v", err)
		}
		o.f.logf("wrote %s", p)
	}
	o.f.logf("next: edit tom.yaml and tomcheck.yaml, then run 'tomcheck run'")
	return nil
}
