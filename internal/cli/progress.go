package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tomcheck/tomcheck/collectors"
)

// progress shows, on a terminal, one line per collector target: its
// records so far and its outcome. It redraws the block in place.
type progress struct {
	w     io.Writer
	lines map[string]string
	order []string
	drawn int
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, lines: map[string]string{}}
}

func (p *progress) update(u collectors.Progress) {
	if _, ok := p.lines[u.Target]; !ok {
		p.order = append(p.order, u.Target)
		sort.Strings(p.order)
	}
	state := "collecting…"
	if u.Done {
		state = u.Outcome
	}
	line := fmt.Sprintf("  %-40s %7d records  %s", u.Target, u.Records, state)
	if u.Gaps > 0 {
		line += fmt.Sprintf(" (%d gap(s))", u.Gaps)
	}
	p.lines[u.Target] = line
	p.redraw()
}

func (p *progress) redraw() {
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", p.drawn)
	}
	for _, t := range p.order {
		b.WriteString("\r\x1b[K")
		b.WriteString(p.lines[t])
		b.WriteString("\n")
	}
	p.drawn = len(p.order)
	_, _ = io.WriteString(p.w, b.String())
}
