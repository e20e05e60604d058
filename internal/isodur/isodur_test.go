package isodur

import (
	"testing"
	"time"
)

func TestParseAndAdd(t *testing.T) {
	base := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"P12M", time.Date(2027, 10, 1, 0, 0, 0, 0, time.UTC)},
		{"P1Y", time.Date(2027, 10, 1, 0, 0, 0, 0, time.UTC)},
		{"P30D", time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)},
		{"P2W", time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)},
		{"PT12H", time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)},
		{"P1DT30M", time.Date(2026, 10, 2, 0, 30, 0, 0, time.UTC)},
		{"P1Y2M3DT4H5M6S", time.Date(2027, 12, 4, 4, 5, 6, 0, time.UTC)},
	}
	for _, tc := range tests {
		d, err := Parse(tc.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.in, err)
		}
		if got := d.AddTo(base); !got.Equal(tc.want) {
			t.Errorf("%s added to %s = %s, want %s", tc.in, base, got, tc.want)
		}
		if d.String() != tc.in {
			t.Errorf("String() = %q, want %q", d.String(), tc.in)
		}
	}
}

func TestAddClampsToMonthEnd(t *testing.T) {
	tests := []struct {
		from time.Time
		dur  string
		want time.Time
	}{
		{time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), "P1M", time.Date(2026, 2, 28, 0, 0, 0, 0, time.UTC)},
		{time.Date(2028, 1, 31, 0, 0, 0, 0, time.UTC), "P1M", time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC)},
		{time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), "P1Y", time.Date(2029, 2, 28, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 8, 31, 0, 0, 0, 0, time.UTC), "P6M", time.Date(2027, 2, 28, 0, 0, 0, 0, time.UTC)},
		{time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), "P1M1D", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		d, err := Parse(tc.dur)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.AddTo(tc.from); !got.Equal(tc.want) {
			t.Errorf("%s + %s = %s, want %s", tc.from.Format("2006-01-02"), tc.dur, got.Format("2006-01-02"), tc.want.Format("2006-01-02"))
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"12M":   `invalid ISO-8601 duration "12M": it must start with P, e.g. P12M, P30D or PT12H`,
		"P":     `invalid ISO-8601 duration "P": it must start with P, e.g. P12M, P30D or PT12H`,
		"PT":    `invalid ISO-8601 duration "PT": nothing follows T`,
		"P1H":   `invalid ISO-8601 duration "P1H": unexpected unit "H"`,
		"P1.5M": `invalid ISO-8601 duration "P1.5M": unexpected unit "."`,
		"P12":   `invalid ISO-8601 duration "P12": expected a whole number followed by a unit (Y, M, W, D, or after T: H, M, S)`,
	}
	for in, want := range tests {
		_, err := Parse(in)
		if err == nil || err.Error() != want {
			t.Errorf("Parse(%q) error = %v, want %s", in, err, want)
		}
	}
}

func TestApprox(t *testing.T) {
	d, _ := Parse("P1Y1M1D")
	if got, want := d.Approx(), 396*24*time.Hour; got != want {
		t.Errorf("Approx = %s, want %s", got, want)
	}
}
