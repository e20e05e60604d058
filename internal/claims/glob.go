package claims

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Glob is a compiled subject pattern of a scope's include/exclude or an
// exception's subject: "*" matches any run of characters, "/" and ":"
// included; "?" matches exactly one character; every other character,
// "[" and "\" included, matches itself. Matching is case-sensitive.
type Glob struct {
	pattern string
	runes   []rune
}

// CompileGlob compiles a pattern. It fails for an empty pattern, which would
// match nothing a subject can be, and for text that is not UTF-8.
func CompileGlob(p string) (*Glob, error) {
	if p == "" {
		return nil, errors.New("empty pattern")
	}
	if !utf8.ValidString(p) {
		return nil, errors.New("pattern is not valid UTF-8")
	}
	return &Glob{pattern: p, runes: []rune(p)}, nil
}

// String returns the pattern as written.
func (g *Glob) String() string { return g.pattern }

// Match reports whether the whole of s matches the pattern. It runs in
// O(len(pattern)·len(s)) at worst, never exponentially.
func (g *Glob) Match(s string) bool {
	p, t := g.runes, []rune(s)
	pi, ti := 0, 0
	star, mark := -1, 0 // the last '*' seen and the text position it resumes from
	for ti < len(t) {
		switch {
		case pi < len(p) && p[pi] == '*':
			star, mark = pi, ti
			pi++
		case pi < len(p) && (p[pi] == '?' || p[pi] == t[ti]):
			pi++
			ti++
		case star >= 0:
			mark++
			pi, ti = star+1, mark
		default:
			return false
		}
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// hasClassSyntax reports whether a pattern holds characters that other glob
// dialects treat as special but ours matches literally.
func hasClassSyntax(p string) bool {
	return strings.ContainsAny(p, "[]{}")
}
