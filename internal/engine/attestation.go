package engine

import (
	"fmt"
	"path"
	"sort"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/isodur"
)

// AttestationKind is the record kind the attestation collector emits.
const AttestationKind = "attestation"

// attDateLayout is how attestation dates are written: YYYY-MM-DD, UTC.
const attDateLayout = "2006-01-02"

// attCandidate is one attestation record for a claim, read back from its data.
type attCandidate struct {
	rec      *evidence.Record
	file     string
	document string // as written in the attestation, relative to its file
	signer   string
	date     time.Time
	dateText string
	// end is the first instant the attestation is no longer valid; zero when
	// nothing limits it (no valid_for, no expires and no max_age).
	end     time.Time
	problem Message // empty EN when the attestation is valid at now
}

// JudgeAttestation derives the verdict of an organizational claim from the
// attestation records collected for it. Only records of kind attestation
// whose data.claim is claimID count. An attestation's effective expiry is the
// earliest of date + valid_for, expires (valid through that day, UTC) and
// date + maxAge; it is valid while now lies before that expiry, its date is
// not after now, its document was found and matches its SHA-256. The newest
// valid attestation makes the claim attested. Without one the claim is
// unattested, with the problem of the newest attestation as the reason; the
// returned Attestation then describes that attestation, or is nil when the
// claim has none at all.
func JudgeAttestation(claimID string, maxAge *isodur.Duration, recs []evidence.Record, now time.Time) (Verdict, Message, *Attestation) {
	now = now.UTC()
	var cands []attCandidate
	for i := range recs {
		r := &recs[i]
		if r.Kind != AttestationKind {
			continue
		}
		if c, _ := r.Data["claim"].(string); c != claimID {
			continue
		}
		cands = append(cands, judgeOne(r, maxAge, now))
	}
	if len(cands) == 0 {
		return Unattested, Message{
			EN: fmt.Sprintf("no attestation for claim %s", claimID),
			DE: fmt.Sprintf("keine Attestierung für die Aussage %s", claimID),
		}, nil
	}
	// Newest first; equal dates: the later expiry, then the file name, so the
	// choice never depends on the order of the records.
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if !a.date.Equal(b.date) {
			return a.date.After(b.date)
		}
		if !a.end.Equal(b.end) {
			return a.end.IsZero() || (!b.end.IsZero() && a.end.After(b.end))
		}
		return a.file < b.file
	})
	for _, c := range cands {
		if c.problem.EN == "" {
			return Attested, validMessage(c), c.details()
		}
	}
	newest := cands[0]
	return Unattested, newest.problem, newest.details()
}

// judgeOne reads one attestation record and finds what, if anything, makes it invalid at now.
func judgeOne(r *evidence.Record, maxAge *isodur.Duration, now time.Time) attCandidate {
	str := func(key string) string {
		s, _ := r.Data[key].(string)
		return s
	}
	flag := func(key string) bool {
		b, _ := r.Data[key].(bool)
		return b
	}
	c := attCandidate{rec: r, file: str("file"), document: str("document"), signer: str("signed_off_by"), dateText: str("date")}
	if c.file == "" {
		c.file = r.Subject
	}
	docPath := attDocumentPath(c.file, c.document)

	date, err := time.Parse(attDateLayout, c.dateText)
	if err != nil {
		c.problem = Message{
			EN: fmt.Sprintf("attestation %s has an unreadable date %q; write it as YYYY-MM-DD", c.file, c.dateText),
			DE: fmt.Sprintf("Attestierung %s hat ein unlesbares Datum %q; schreiben Sie es als JJJJ-MM-TT", c.file, c.dateText),
		}
		return c
	}
	c.date = date.UTC()

	var ends []time.Time
	if vf := str("valid_for"); vf != "" {
		d, err := isodur.Parse(vf)
		if err != nil {
			c.problem = Message{
				EN: fmt.Sprintf("attestation %s has an unreadable valid_for %q", c.file, vf),
				DE: fmt.Sprintf("Attestierung %s hat ein unlesbares valid_for %q", c.file, vf),
			}
			return c
		}
		ends = append(ends, d.AddTo(c.date))
	}
	if ex := str("expires"); ex != "" {
		e, err := time.Parse(attDateLayout, ex)
		if err != nil {
			c.problem = Message{
				EN: fmt.Sprintf("attestation %s has an unreadable expires %q; write it as YYYY-MM-DD", c.file, ex),
				DE: fmt.Sprintf("Attestierung %s hat ein unlesbares expires %q; schreiben Sie es als JJJJ-MM-TT", c.file, ex),
			}
			return c
		}
		// Valid through the expiry day: the end is the next midnight.
		ends = append(ends, e.UTC().AddDate(0, 0, 1))
	}
	if maxAge != nil {
		ends = append(ends, maxAge.AddTo(c.date))
	}
	for _, e := range ends {
		if c.end.IsZero() || e.Before(c.end) {
			c.end = e
		}
	}

	switch {
	case !flag("document_found"):
		c.problem = Message{
			EN: fmt.Sprintf("document %s not found (attestation %s)", docPath, c.file),
			DE: fmt.Sprintf("Dokument %s nicht gefunden (Attestierung %s)", docPath, c.file),
		}
	case !flag("hash_matches"):
		c.problem = Message{
			EN: fmt.Sprintf("document %s does not match its sha256 (expected %s, found %s)", docPath, str("sha256_expected"), str("sha256_actual")),
			DE: fmt.Sprintf("Dokument %s stimmt nicht mit seinem SHA-256 überein (erwartet %s, gefunden %s)", docPath, str("sha256_expected"), str("sha256_actual")),
		}
	case c.date.After(now):
		c.problem = Message{
			EN: fmt.Sprintf("attestation %s is dated %s, after the run's time", c.file, c.dateText),
			DE: fmt.Sprintf("Attestierung %s ist auf den %s datiert, nach dem Zeitpunkt des Laufs", c.file, c.dateText),
		}
	case !c.end.IsZero() && !now.Before(c.end):
		c.problem = Message{
			EN: fmt.Sprintf("attestation %s expired on %s", c.file, c.lastDay()),
			DE: fmt.Sprintf("Attestierung %s ist abgelaufen (gültig bis %s)", c.file, c.lastDay()),
		}
	}
	return c
}

// lastDay returns the last day (UTC) on which the attestation is valid, or ""
// when nothing limits it.
func (c attCandidate) lastDay() string {
	if c.end.IsZero() {
		return ""
	}
	return c.end.Add(-time.Nanosecond).Format(attDateLayout)
}

// details returns the attestation as the verdict JSON shows it.
func (c attCandidate) details() *Attestation {
	st, _ := c.rec.Data["statement"].(string)
	return &Attestation{
		File:        c.file,
		Statement:   st,
		Document:    c.document,
		Date:        c.dateText,
		Expires:     c.lastDay(),
		SignedOffBy: c.signer,
		Evidence:    c.rec.Digest,
	}
}

func validMessage(c attCandidate) Message {
	if c.end.IsZero() {
		return Message{
			EN: fmt.Sprintf("attested by %s on %s, without expiry", c.signer, c.dateText),
			DE: fmt.Sprintf("attestiert von %s am %s, ohne Ablaufdatum", c.signer, c.dateText),
		}
	}
	return Message{
		EN: fmt.Sprintf("attested by %s on %s, valid until %s", c.signer, c.dateText, c.lastDay()),
		DE: fmt.Sprintf("attestiert von %s am %s, gültig bis %s", c.signer, c.dateText, c.lastDay()),
	}
}

// attDocumentPath returns the document's path as the user finds it from the
// project directory: relative documents resolve from the attestation file's folder.
func attDocumentPath(file, document string) string {
	if document == "" || path.IsAbs(document) {
		return document
	}
	return path.Join(path.Dir(file), document)
}
