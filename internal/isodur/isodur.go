// Package isodur parses ISO-8601 durations (P12M, P1Y2M10D, PT30M) and adds
// them to times with calendar semantics: months and years are calendar
// months, not a fixed number of days.
package isodur

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Duration is an ISO-8601 duration split into its calendar and clock parts.
type Duration struct {
	Years, Months, Weeks, Days int
	Hours, Minutes, Seconds    int
	text                       string
}

// Parse parses an ISO-8601 duration such as "P12M", "P1Y6M", "P2W", "P1DT12H" or "PT30M".
// Fractions and negative durations are not accepted.
func Parse(s string) (Duration, error) {
	d := Duration{text: s}
	if len(s) < 2 || s[0] != 'P' {
		return d, fmt.Errorf("invalid ISO-8601 duration %q: it must start with P, e.g. P12M, P30D or PT12H", s)
	}
	rest := s[1:]
	inTime := false
	seen := false
	for rest != "" {
		if rest[0] == 'T' {
			if inTime {
				return d, fmt.Errorf("invalid ISO-8601 duration %q: T appears twice", s)
			}
			inTime = true
			rest = rest[1:]
			if rest == "" {
				return d, fmt.Errorf("invalid ISO-8601 duration %q: nothing follows T", s)
			}
			continue
		}
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) {
			return d, fmt.Errorf("invalid ISO-8601 duration %q: expected a whole number followed by a unit (Y, M, W, D, or after T: H, M, S)", s)
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > 1_000_000 {
			return d, fmt.Errorf("invalid ISO-8601 duration %q: number %q out of range", s, rest[:i])
		}
		unit := rest[i]
		rest = rest[i+1:]
		seen = true
		switch {
		case !inTime && unit == 'Y':
			d.Years = n
		case !inTime && unit == 'M':
			d.Months = n
		case !inTime && unit == 'W':
			d.Weeks = n
		case !inTime && unit == 'D':
			d.Days = n
		case inTime && unit == 'H':
			d.Hours = n
		case inTime && unit == 'M':
			d.Minutes = n
		case inTime && unit == 'S':
			d.Seconds = n
		default:
			return d, fmt.Errorf("invalid ISO-8601 duration %q: unexpected unit %q", s, string(unit))
		}
	}
	if !seen {
		return d, fmt.Errorf("invalid ISO-8601 duration %q: no amount given", s)
	}
	return d, nil
}

// AddTo returns t plus the duration: years and months as calendar months
// (clamped to the month's last day, so 2026-01-31 plus P1M is 2026-02-28),
// then weeks and days as calendar days, then the clock part.
func (d Duration) AddTo(t time.Time) time.Time {
	months := d.Years*12 + d.Months
	if months != 0 {
		y, m, day := t.Date()
		first := time.Date(y, m+time.Month(months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		last := first.AddDate(0, 1, -1).Day()
		t = first.AddDate(0, 0, min(day, last)-1)
	}
	t = t.AddDate(0, 0, d.Weeks*7+d.Days)
	return t.Add(time.Duration(d.Hours)*time.Hour + time.Duration(d.Minutes)*time.Minute + time.Duration(d.Seconds)*time.Second)
}

// IsZero reports whether the duration adds nothing.
func (d Duration) IsZero() bool {
	return d.Years == 0 && d.Months == 0 && d.Weeks == 0 && d.Days == 0 && d.Hours == 0 && d.Minutes == 0 && d.Seconds == 0
}

// Approx returns the duration as a time.Duration, counting a month as 30 days
// and a year as 365, as DESIGN.md prescribes for converting to unit params.
func (d Duration) Approx() time.Duration {
	days := d.Years*365 + d.Months*30 + d.Weeks*7 + d.Days
	return time.Duration(days)*24*time.Hour + time.Duration(d.Hours)*time.Hour + time.Duration(d.Minutes)*time.Minute + time.Duration(d.Seconds)*time.Second
}

// String returns the duration as it was written, or a canonical form.
func (d Duration) String() string {
	if d.text != "" {
		return d.text
	}
	var b strings.Builder
	b.WriteString("P")
	for _, p := range []struct {
		n int
		u string
	}{{d.Years, "Y"}, {d.Months, "M"}, {d.Weeks, "W"}, {d.Days, "D"}} {
		if p.n != 0 {
			fmt.Fprintf(&b, "%d%s", p.n, p.u)
		}
	}
	if d.Hours != 0 || d.Minutes != 0 || d.Seconds != 0 {
		b.WriteString("T")
		for _, p := range []struct {
			n int
			u string
		}{{d.Hours, "H"}, {d.Minutes, "M"}, {d.Seconds, "S"}} {
			if p.n != 0 {
				fmt.Fprintf(&b, "%d%s", p.n, p.u)
			}
		}
	}
	if b.Len() == 1 {
		b.WriteString("0D")
	}
	return b.String()
}
