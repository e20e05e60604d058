// Package diag holds diagnostics about user input: where a problem is
// (file:line:col), a terse summary, and a detail that says how to fix it.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic stops the command.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a user file; Line and Column count from 1, zero means unknown.
type Pos struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// String renders the position as file:line:col, leaving out unknown parts.
func (p Pos) String() string {
	b := make([]byte, 0, len(p.File)+12)
	b = append(b, p.File...)
	if p.Line > 0 {
		b = strconv.AppendInt(append(b, ':'), int64(p.Line), 10)
		if p.Column > 0 {
			b = strconv.AppendInt(append(b, ':'), int64(p.Column), 10)
		}
	}
	return string(b)
}

// Diagnostic is one problem in user input.
type Diagnostic struct {
	Severity Severity `json:"-"`
	Pos      Pos      `json:"pos"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail,omitempty"`
}

// Error renders the diagnostic as "file:line:col: error: summary" followed by the detail.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Summary)
	if d.Detail != "" {
		b.WriteString("\n  ")
		b.WriteString(strings.ReplaceAll(d.Detail, "\n", "\n  "))
	}
	return b.String()
}

// Diagnostics is a list of problems, reported together.
type Diagnostics []Diagnostic

// Errorf appends an error diagnostic.
func (ds *Diagnostics) Errorf(pos Pos, detail, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Error, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
}

// Warnf appends a warning diagnostic.
func (ds *Diagnostics) Warnf(pos Pos, detail, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Warning, Pos: pos, Summary: fmt.Sprintf(format, args...), Detail: detail})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error diagnostics.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line and column, keeping the order of equal positions.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// Error renders all diagnostics, one block each, and a count line; it makes
// Diagnostics usable as an error value.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	errs, warns := 0, 0
	for _, d := range ds {
		b.WriteString(d.Error())
		b.WriteString("\n")
		if d.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	fmt.Fprintf(&b, "%d error(s), %d warning(s)", errs, warns)
	return b.String()
}

// Err returns ds as an error when it holds an error diagnostic, else nil.
func (ds Diagnostics) Err() error {
	if ds.HasErrors() {
		return ds
	}
	return nil
}
