package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tomcheck/tomcheck/evidence"
)

// CollectOptions are the options of `tomcheck collect`.
type CollectOptions struct {
	f      *factory
	Config string
}

// NewCmdCollect builds `tomcheck collect -o RUN_DIR`.
func NewCmdCollect(f *factory, runF func(*CollectOptions) error) *cobra.Command {
	o := &CollectOptions{f: f}
	cmd := &cobra.Command{
		Use:   "collect -o RUN_DIR",
		Short: "Collect evidence into a run directory, without judging it",
		Long: `Collect evidence from every target of tomcheck.yaml into a new run directory:
evidence.jsonl (streamed), gaps.jsonl, copies of the claims and project file,
and last, by rename, run.json. Evaluate it later with 'tomcheck evaluate --evidence RUN_DIR'.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.global.Output == "" || f.global.Output == "-" {
				return inputErrf("collect needs -o RUN_DIR: the run directory to create")
			}
			if runF != nil {
				return runF(o)
			}
			return o.run(cmd)
		},
	}
	cmd.Flags().StringVarP(&o.Config, "config", "c", "tomcheck.yaml", "project file")
	return cmd
}

// Names of the input copies in a run directory.
const (
	runClaimsFile = "tom.yaml"
	runConfigFile = "tomcheck.yaml"
)

func (o *CollectOptions) run(cmd *cobra.Command) error {
	f := o.f
	in, err := f.loadInputs(o.Config, "", f.Clock(), true)
	if err != nil {
		return err
	}
	w, err := evidence.Create(f.global.Output)
	if err != nil {
		return inputErr(err)
	}
	if err := w.WriteFile(runClaimsFile, in.tomRaw); err != nil {
		return err
	}
	if err := w.WriteFile(runConfigFile, in.proj.Raw); err != nil {
		return err
	}
	runs, start, end := f.collect(cmd.Context(), in, w)
	lib, err := f.Library()
	if err != nil {
		return err
	}
	var targets []evidence.TargetGroups
	for _, t := range in.proj.Targets {
		targets = append(targets, evidence.TargetGroups{ID: t.ID(), Groups: t.Groups})
	}
	info, err := w.Close(evidence.RunInfo{
		RunID: newRunID(start), ToolVersion: toolVersion(), Project: in.proj.Name,
		StartedAt: start, EndedAt: end,
		Digests:    evidence.RunDigests{Config: in.proj.Digest, Claims: in.tom.Digest, Policies: lib.Digest},
		ClaimsFile: runClaimsFile, ConfigFile: runConfigFile,
		Collectors: runs, Targets: targets,
	})
	if err != nil {
		return err
	}
	f.logf("collected %d record(s) and %d gap(s) from %d target(s) into %s (run %s)", info.Evidence.Count, info.Gaps.Count, len(runs), w.Dir(), info.RunID)
	failed := 0
	for _, r := range runs {
		if r.Outcome == evidence.OutcomeFailed || r.Outcome == evidence.OutcomePartial {
			f.logf("  %s/%s: %s: %s", r.Collector, r.Target, r.Outcome, r.Error)
		}
		if r.Outcome == evidence.OutcomeFailed {
			failed++
		}
	}
	if len(runs) == 0 || failed == len(runs) || info.Evidence.Count == 0 {
		return &exitError{code: ExitNoJudge, err: fmt.Errorf("nothing was collected: %d of %d target(s) failed", failed, len(runs))}
	}
	return nil
}
