package attestation

import (
	"reflect"
	"strings"
	"testing"
)

const good = "claim: c\ndocument: d.pdf\nsha256: " + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + "\ndate: 2026-10-01\nsigned_off_by: A\n"

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  attFile
		probs []problem
	}{
		{
			name: "minimal, neither valid_for nor expires",
			src:  good,
			want: attFile{Claim: "c", Document: "d.pdf", DocumentPos: position{2, 11},
				SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Date: "2026-10-01", SignedOffBy: "A"},
		},
		{
			name: "both valid_for and expires, uppercase hash, quoted date",
			src:  strings.Replace(good, "abcdef\n", "ABCDEF\n", 1) + "valid_for: P12M\nexpires: '2027-09-30'\nstatement: S\n",
			want: attFile{Claim: "c", Statement: "S", Document: "d.pdf", DocumentPos: position{2, 11},
				SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Date: "2026-10-01",
				ValidFor: "P12M", Expires: "2027-09-30", SignedOffBy: "A"},
		},
		{
			name:  "empty",
			src:   "",
			probs: []problem{{position{1, 1}, "the file is empty; an attestation names claim, document, sha256, date, signed_off_by and valid_for or expires"}},
		},
		{
			name:  "syntax error",
			src:   "claim: c\ndocument: d: e\n",
			probs: []problem{{position{2, 0}, "invalid YAML: mapping values are not allowed in this context"}},
		},
		{
			name:  "a list",
			src:   "- claim: c\n",
			probs: []problem{{position{1, 1}, "an attestation must be a YAML mapping with the keys claim, statement, document, sha256, date, valid_for, expires, signed_off_by"}},
		},
		{
			name:  "two documents",
			src:   good + "---\n" + good,
			want:  attFile{},
			probs: []problem{{position{6, 1}, "the file holds more than one YAML document; write one attestation per file"}},
		},
		{
			name: "duplicate key, unknown key without suggestion, nested value",
			src:  good + "date: 2026-11-01\nwitness: B\nstatement: {a: b}\n",
			want: attFile{Claim: "c", Document: "d.pdf", DocumentPos: position{2, 11},
				SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Date: "2026-10-01", SignedOffBy: "A"},
			probs: []problem{
				{position{6, 1}, `key "date" appears twice; keep one`},
				{position{7, 1}, `unknown key "witness"; an attestation has the keys claim, statement, document, sha256, date, valid_for, expires, signed_off_by`},
				{position{8, 12}, "statement must be a single value, not a list or mapping"},
			},
		},
		{
			name: "null claim, short hash, zero duration, expires before date",
			src:  "claim: ~\ndocument: d.pdf\nsha256: 9f2c\ndate: 2026-10-01\nsigned_off_by: A\nvalid_for: P0D\nexpires: 2026-09-30\n",
			want: attFile{Document: "d.pdf", DocumentPos: position{2, 11}, Date: "2026-10-01", SignedOffBy: "A"},
			probs: []problem{
				{position{1, 8}, "missing claim: add the id of the claim in tom.yaml that this attestation covers, e.g. claim: visitors-escorted"},
				{position{3, 9}, `sha256 "9f2c" is not a SHA-256: write the 64 hex digits that sha256sum prints for the document`},
				{position{6, 12}, `valid_for "P0D" adds nothing: give how long the attestation stays valid, e.g. P12M`},
				{position{7, 10}, "expires 2026-09-30 is before date 2026-10-01: give the last day the attestation is valid"},
			},
		},
		{
			name: "bad expires",
			src:  good + "expires: 30.09.2027\n",
			want: attFile{Claim: "c", Document: "d.pdf", DocumentPos: position{2, 11},
				SHA256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", Date: "2026-10-01", SignedOffBy: "A"},
			probs: []problem{{position{6, 10}, `expires "30.09.2027" is not a date: write the last valid day as YYYY-MM-DD, e.g. 2027-09-30`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, probs := parse([]byte(tt.src))
			if !reflect.DeepEqual(probs, tt.probs) {
				t.Errorf("problems\n got %+v\nwant %+v", probs, tt.probs)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parsed\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("claim: [\n"))
	f.Add([]byte("a: &a [*a, *a]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, probs := parse(src)
		if len(probs) == 0 && (a.Claim == "" || a.Document == "" || a.SHA256 == "" || a.Date == "" || a.SignedOffBy == "") {
			t.Errorf("no problems but a required field is empty: %+v", a)
		}
		for _, p := range probs {
			if p.Message == "" {
				t.Errorf("problem without a message at %+v", p.position)
			}
		}
	})
}
