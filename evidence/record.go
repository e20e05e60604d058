// Package evidence defines the evidence record, its canonical JSON and
// digest, and the run directory that stores a run's records.
package evidence

import (
	"encoding/json"
	"fmt"
	"time"
)

// Origins of a record.
const (
	OriginLive     = "live"     // observed in the running system
	OriginDeclared = "declared" // read from Terraform HCL, plan or state
)

// Record is one observed fact about one subject.
type Record struct {
	Kind        string            `json:"kind"`
	Subject     string            `json:"subject"`
	ResourceID  string            `json:"resource_id,omitempty"`
	Labels      map[string]string `json:"labels,omitempty"`
	Origin      string            `json:"origin"`
	Source      Source            `json:"source"`
	CollectedAt time.Time         `json:"collected_at"`
	Data        map[string]any    `json:"data"`
	Digest      string            `json:"digest,omitempty"`
	// RawData is the JSON text of the data when the record was read with
	// Run.ReadAllRaw; Data is then nil until a consumer decodes it. It is
	// never written: a record's JSON always carries its data under "data".
	RawData json.RawMessage `json:"-"`
}

// Source says exactly where a record came from.
type Source struct {
	Collector        string `json:"collector"`
	CollectorVersion int    `json:"collector_version"`
	Target           string `json:"target"`
	Account          string `json:"account,omitempty"`
	Region           string `json:"region,omitempty"`
	Call             string `json:"call,omitempty"`
	RequestID        string `json:"request_id,omitempty"`
	Object           string `json:"object,omitempty"`
	Probe            string `json:"probe,omitempty"`
	File             string `json:"file,omitempty"`
	Line             int    `json:"line,omitempty"`
	Column           int    `json:"column,omitempty"`
}

// Gap is something a collector could not read: the claims whose checks
// judge or consult Kind, for a target in their scope, become inconclusive.
type Gap struct {
	Collector         string `json:"collector"`
	Target            string `json:"target"` // "<collector>/<target name>"
	Kind              string `json:"kind,omitempty"`
	Subject           string `json:"subject,omitempty"`
	Reason            string `json:"reason"`
	MissingPermission string `json:"missing_permission,omitempty"`
	File              string `json:"file,omitempty"`
	Line              int    `json:"line,omitempty"`
	Column            int    `json:"column,omitempty"`
}

// Seal normalises the record's data to plain JSON values and sets its digest.
// Collectors call it once before handing the record on.
func (r *Record) Seal() error {
	if r.Data == nil {
		r.Data = map[string]any{}
	}
	r.CollectedAt = r.CollectedAt.UTC().Truncate(time.Second)
	d, err := r.ComputeDigest()
	if err != nil {
		return err
	}
	r.Digest = d
	return nil
}

// ComputeDigest returns "sha256:<hex>" of the canonical JSON (RFC 8785) of the
// record without its digest field.
func (r *Record) ComputeDigest() (string, error) {
	c := *r
	c.Digest = ""
	raw, err := json.Marshal(&c)
	if err != nil {
		return "", fmt.Errorf("marshal record %s: %w", r.Subject, err)
	}
	return DigestJSON(raw)
}

// Verify reports whether the record's digest matches its content.
func (r *Record) Verify() error {
	d, err := r.ComputeDigest()
	if err != nil {
		return err
	}
	if d != r.Digest {
		return fmt.Errorf("record %s: digest %s does not match its content (%s)", r.Subject, r.Digest, d)
	}
	return nil
}
