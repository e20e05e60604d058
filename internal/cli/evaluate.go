package cli

import (
	"fmt"
	"path/filepath"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/tomcheck/tomcheck/collectors"
	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/report"
)

// EvaluateOptions are the options of `tomcheck evaluate`.
type EvaluateOptions struct {
	f        *factory
	Evidence string
	Config   string
	Claims   string
	Judge    judgeOptions
}

// NewCmdEvaluate builds `tomcheck evaluate --evidence RUN_DIR`.
func NewCmdEvaluate(f *factory, runF func(*EvaluateOptions) error) *cobra.Command {
	o := &EvaluateOptions{f: f}
	cmd := &cobra.Command{
		Use:   "evaluate --evidence RUN_DIR",
		Short: "Evaluate the claims against a run directory's evidence and report",
		Long: `Evaluate every claim against the evidence of a run directory made by
'tomcheck collect'. The claims and project file copies in the run directory
are used unless -c / --claims override them. Writes verdicts.json into the run
directory and the report to stdout (or -o FILE). Evaluation never talks to the
network: the same evidence and claims give the same verdicts.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Evidence == "" {
				return inputErrf("evaluate needs --evidence RUN_DIR (made by 'tomcheck collect -o RUN_DIR')")
			}
			if err := o.Judge.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return o.run(cmd)
		},
	}
	cmd.Flags().StringVar(&o.Evidence, "evidence", "", "run directory made by 'tomcheck collect'")
	cmd.Flags().StringVarP(&o.Config, "config", "c", "", "project file (default: the copy in the run directory)")
	cmd.Flags().StringVar(&o.Claims, "claims", "", "claims file (default: the copy in the run directory)")
	addJudgeFlags(&o.Judge, cmd.Flags())
	return cmd
}

func (o *EvaluateOptions) run(cmd *cobra.Command) error {
	f := o.f
	run, err := evidence.Open(o.Evidence)
	if err != nil {
		return inputErr(err)
	}
	config := o.Config
	if config == "" {
		config = filepath.Join(run.Dir, run.Info.ConfigFile)
	}
	claimsPath := o.Claims
	if claimsPath == "" && o.Config == "" {
		claimsPath = filepath.Join(run.Dir, run.Info.ClaimsFile)
	}
	now := run.Info.EndedAt
	if !o.Judge.now.IsZero() {
		now = o.Judge.now
	}
	// the evidence is read while the library compiles and the claims load:
	// neither needs the other, and a large run takes as long to read
	type evidenceRead struct {
		recs []evidence.Record
		gaps []evidence.Gap
		err  error
		took time.Duration
	}
	read := make(chan evidenceRead, 1)
	go func() {
		start := time.Now()
		var r evidenceRead
		if r.recs, r.err = run.ReadAllRaw(runtime.GOMAXPROCS(0)); r.err == nil {
			r.gaps, r.err = run.ReadGaps()
		}
		collectors.SortRecords(r.recs)
		collectors.SortGaps(r.gaps)
		r.took = time.Since(start)
		read <- r
	}()
	in, err := f.loadInputs(config, claimsPath, now, false)
	if err == nil {
		err = o.Judge.applyDefaults(cmd, f, in.proj.Defaults)
	}
	ev := <-read
	if err != nil {
		return err
	}
	if ev.err != nil {
		return inputErr(ev.err)
	}
	recs, gaps := ev.recs, ev.gaps
	f.tracef("read %d record(s) in %s", len(recs), ev.took.Round(time.Millisecond))
	j, err := f.evaluate(cmd.Context(), in, recs, gaps, run.Info.Collectors, run.Info, now, &o.Judge)
	if err != nil {
		return err
	}
	start := time.Now()
	enc, err := report.EncodeJSON(j.res)
	if err != nil {
		return err
	}
	// verdicts.json and the report are written side by side: both are the
	// same 100 MB for a large estate, and each waits mostly on its file
	verdicts := make(chan error, 1)
	go func() { verdicts <- writeDoc(filepath.Join(run.Dir, "verdicts.json"), enc) }()
	err = f.writeReport(j.res, enc)
	if verr := <-verdicts; verr != nil {
		return fmt.Errorf("write verdicts.json: %w", verr)
	}
	if err != nil {
		return err
	}
	f.tracef("wrote verdicts.json and the report in %s", time.Since(start).Round(time.Millisecond))
	if code := f.exitFor(j, &o.Judge); code != ExitOK {
		return silentExit{code: code}
	}
	return nil
}
