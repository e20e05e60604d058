package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/tomcheck/tomcheck/internal/checks"
)

// ChecksOptions are the options of `tomcheck checks`.
type ChecksOptions struct {
	f *factory
}

// NewCmdChecks builds `tomcheck checks`.
func NewCmdChecks(f *factory, runF func(*ChecksOptions) error) *cobra.Command {
	o := &ChecksOptions{f: f}
	return &cobra.Command{
		Use:   "checks",
		Short: "List every check with its parameters, areas and title",
		Long: `List every check of the built-in library (and of --policies directories):
its id, title in the chosen language, control areas, the evidence it judges,
and its parameters with type, default and description. --format json gives
the full METADATA.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(o)
			}
			return o.run()
		},
	}
}

func (o *ChecksOptions) run() error {
	lib, err := o.f.Library()
	if err != nil {
		return err
	}
	all := lib.Catalog.All()
	w := o.f.streams.Out
	switch o.f.global.Format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(all)
	case "markdown":
		return checksMarkdown(w, all, o.f.global.Lang)
	default:
		return checksTable(w, all, o.f.global.Lang)
	}
}

type paramDoc struct {
	Name, Type, Default, Description string
	Required                         bool
}

func paramDocs(c *checks.Check) []paramDoc {
	props, _ := c.Params["properties"].(map[string]any)
	req := map[string]bool{}
	if rs, ok := c.Params["required"].([]any); ok {
		for _, r := range rs {
			if s, ok := r.(string); ok {
				req[s] = true
			}
		}
	}
	var out []paramDoc
	for _, name := range c.ParamNames() {
		p, _ := props[name].(map[string]any)
		d := paramDoc{Name: name, Required: req[name]}
		switch t := p["type"].(type) {
		case string:
			d.Type = t
		case []any:
			var parts []string
			for _, x := range t {
				parts = append(parts, fmt.Sprint(x))
			}
			d.Type = strings.Join(parts, "|")
		}
		if e, ok := p["enum"].([]any); ok {
			var parts []string
			for _, x := range e {
				parts = append(parts, fmt.Sprint(x))
			}
			d.Type += " (" + strings.Join(parts, ", ") + ")"
		}
		if def, ok := p["default"]; ok {
			raw, _ := json.Marshal(def)
			d.Default = string(raw)
		}
		d.Description, _ = p["description"].(string)
		out = append(out, d)
	}
	return out
}

func titleOf(c *checks.Check, lang string) string {
	if lang == "de" && c.TitleDE != "" {
		return c.TitleDE
	}
	return c.Title
}

func selectors(ss []checks.Selector) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, s.String())
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// checkWords are the fixed words of the checks listing.
var checkWords = map[string]map[string]string{
	"en": {"areas": "areas", "judges": "judges", "param": "param", "default": "default", "required": "required"},
	"de": {"areas": "Bereiche", "judges": "prüft", "param": "Parameter", "default": "Standard", "required": "Pflicht"},
}

func checksTable(w io.Writer, all []*checks.Check, lang string) error {
	words := checkWords[lang]
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	for _, c := range all {
		fmt.Fprintf(tw, "%s\t%s\n", c.ID, titleOf(c, lang))
		fmt.Fprintf(tw, "  %s\t%s\n", words["areas"], strings.Join(c.Areas, ", "))
		fmt.Fprintf(tw, "  %s\t%s\n", words["judges"], selectors(c.Evidence))
		for _, p := range paramDocs(c) {
			def := words["default"] + " " + p.Default
			if p.Required {
				def = words["required"]
			}
			fmt.Fprintf(tw, "  %s %s\t%s, %s: %s\n", words["param"], p.Name, p.Type, def, p.Description)
		}
	}
	return tw.Flush()
}

func checksMarkdown(w io.Writer, all []*checks.Check, lang string) error {
	heads := map[string][]string{"en": {"Checks", "Check", "Title", "Areas", "Parameters"}, "de": {"Prüfungen", "Prüfung", "Titel", "Bereiche", "Parameter"}}[lang]
	fmt.Fprintf(w, "# %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n", heads[0], heads[1], heads[2], heads[3], heads[4])
	for _, c := range all {
		var ps []string
		for _, p := range paramDocs(c) {
			s := "`" + p.Name + "` " + p.Type
			if p.Required {
				s += " (" + checkWords[lang]["required"] + ")"
			} else {
				s += " = " + p.Default
			}
			ps = append(ps, s)
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", c.ID, titleOf(c, lang), strings.Join(c.Areas, ", "), strings.ReplaceAll(strings.Join(ps, "<br>"), "|", "\\|"))
	}
	return nil
}
