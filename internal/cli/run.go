package cli

import (
	"github.com/spf13/cobra"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
)

// RunOptions are the options of `tomcheck run`.
type RunOptions struct {
	f      *factory
	Config string
	Judge  judgeOptions
}

// NewCmdRun builds `tomcheck run`; runF replaces the run function in tests.
func NewCmdRun(f *factory, runF func(*RunOptions) error) *cobra.Command {
	o := &RunOptions{f: f}
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Collect evidence, evaluate every claim and report (collect + evaluate)",
		Long: `Collect evidence from every target of tomcheck.yaml, evaluate every claim of
its claims file and print the report (to -o FILE when given).`,
		Example: "  tomcheck run -c examples/demo/tomcheck.yaml --lang de\n  tomcheck run --format json -o verdicts.json --fail-on refuted,unattested",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := o.Judge.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return o.run(cmd)
		},
	}
	cmd.Flags().StringVarP(&o.Config, "config", "c", "tomcheck.yaml", "project file")
	addJudgeFlags(&o.Judge, cmd.Flags())
	return cmd
}

func (o *RunOptions) run(cmd *cobra.Command) error {
	f := o.f
	ctx := cmd.Context()
	loadNow := f.Clock()
	if !o.Judge.now.IsZero() {
		loadNow = o.Judge.now
	}
	in, err := f.loadInputs(o.Config, "", loadNow, true)
	if err != nil {
		return err
	}
	if err := o.Judge.applyDefaults(cmd, f, in.proj.Defaults); err != nil {
		return err
	}
	sink := &collectors.MemorySink{}
	runs, start, end := f.collect(ctx, in, sink)
	now := end
	if !o.Judge.now.IsZero() {
		now = o.Judge.now
	}
	info := evidence.RunInfo{RunID: newRunID(start), StartedAt: start, EndedAt: end}
	j, err := f.evaluate(ctx, in, sink.Records(), sink.Gaps(), runs, info, now, &o.Judge)
	if err != nil {
		return err
	}
	if err := f.writeReport(j.res, nil); err != nil {
		return err
	}
	if code := f.exitFor(j, &o.Judge); code != ExitOK {
		return silentExit{code: code}
	}
	return nil
}
