package engine

import (
	"time"

	"github.com/tomcheck/tomcheck/evidence"
)

// SchemaVersion is the version of the verdict JSON schema (verdicts.json and --format json).
const SchemaVersion = 1

// Verdict is the judgement of one claim.
type Verdict string

// The verdicts, in the order reports list their counts.
const (
	Verified     Verdict = "verified"
	Refuted      Verdict = "refuted"
	Inconclusive Verdict = "inconclusive"
	Attested     Verdict = "attested"
	Unattested   Verdict = "unattested"
	Error        Verdict = "error"
)

// Verdicts lists every verdict in report order.
var Verdicts = []Verdict{Verified, Refuted, Inconclusive, Attested, Unattested, Error}

// Basis values: which origins the evidence behind a verdict has.
const (
	BasisLive     = "live"
	BasisDeclared = "declared"
	BasisMixed    = "mixed"
)

// Exception states.
const (
	ExceptionApplied = "applied" // covers at least one failing finding
	ExceptionUnused  = "unused"  // matches only passing findings
	ExceptionExpired = "expired" // past its expiry: no longer applies
	ExceptionStale   = "stale"   // matches no finding at all
)

// Result is the outcome of evaluating one run: the verdict JSON.
type Result struct {
	SchemaVersion int               `json:"schema_version"`
	RunID         string            `json:"run_id"`
	Now           time.Time         `json:"now"`
	ToolVersion   string            `json:"tool_version"`
	Project       string            `json:"project,omitempty"`
	Metadata      Metadata          `json:"metadata"`
	Digests       Digests           `json:"digests"`
	Summary       Summary           `json:"summary"`
	Claims        []ClaimResult     `json:"claims"`
	Exceptions    []ExceptionResult `json:"exceptions"`
	Unmapped      []Unmapped        `json:"unmapped"`
	Gaps          []evidence.Gap    `json:"gaps"`
	Collectors    []CollectorInfo   `json:"collectors"`
	Warnings      []Message         `json:"warnings"`
}

// Metadata is the claims file's metadata.
type Metadata struct {
	Organisation string `json:"organisation,omitempty"`
	Document     string `json:"document,omitempty"`
}

// Digests are the SHA-256 digests of a run's inputs.
type Digests struct {
	Claims   string `json:"claims,omitempty"`
	Config   string `json:"config,omitempty"`
	Policies string `json:"policies,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Summary counts claims per verdict, and the unmapped statements.
type Summary struct {
	Verified     int `json:"verified"`
	Refuted      int `json:"refuted"`
	Inconclusive int `json:"inconclusive"`
	Attested     int `json:"attested"`
	Unattested   int `json:"unattested"`
	Error        int `json:"error"`
	Unmapped     int `json:"unmapped"`
	Excepted     int `json:"excepted"`
}

// Count returns the number of claims with verdict v.
func (s Summary) Count(v Verdict) int {
	switch v {
	case Verified:
		return s.Verified
	case Refuted:
		return s.Refuted
	case Inconclusive:
		return s.Inconclusive
	case Attested:
		return s.Attested
	case Unattested:
		return s.Unattested
	case Error:
		return s.Error
	}
	return 0
}

// Message is a fixed text in English and German.
type Message struct {
	EN string `json:"en"`
	DE string `json:"de"`
}

// Source is where a claim stands in the TOM document.
type Source struct {
	Document string `json:"document,omitempty"`
	Section  string `json:"section,omitempty"`
	Line     int    `json:"line,omitempty"`
	Quote    string `json:"quote,omitempty"`
}

// ClaimResult is the verdict on one claim with its findings.
type ClaimResult struct {
	ID              string         `json:"id"`
	Check           string         `json:"check,omitempty"`
	CheckTitle      Message        `json:"check_title"`
	Area            string         `json:"area"`
	Statement       string         `json:"statement"`
	Source          *Source        `json:"source,omitempty"`
	Location        string         `json:"location,omitempty"` // file:line:col of the claim in tom.yaml
	Params          map[string]any `json:"params,omitempty"`
	DefaultsApplied []string       `json:"defaults_applied"`
	Verdict         Verdict        `json:"verdict"`
	Basis           string         `json:"basis,omitempty"`
	Reason          Message        `json:"reason"`
	Remediation     *Message       `json:"remediation,omitempty"`
	Findings        []Finding      `json:"findings"`
	Gaps            []evidence.Gap `json:"gaps,omitempty"`
	Attestation     *Attestation   `json:"attestation,omitempty"`
}

// Finding is one policy's judgement of one subject.
type Finding struct {
	Subject    string `json:"subject"`
	ResourceID string `json:"resource_id,omitempty"`
	Pass       bool   `json:"pass"`
	// Inconclusive marks a subject the policy could not judge (a value
	// unknown before apply); it is neither pass nor fail.
	Inconclusive bool      `json:"inconclusive,omitempty"`
	Excepted     *Excepted `json:"excepted"`
	Message      string    `json:"message"`
	MessageDE    string    `json:"message_de"`
	Evidence     []string  `json:"evidence"`
	Origin       string    `json:"origin,omitempty"`
	Location     string    `json:"location,omitempty"` // file:line:col of the evidence, where known
}

// Excepted says which exception covers a failing finding.
type Excepted struct {
	Reason     string `json:"reason"`
	ApprovedBy string `json:"approved_by"`
	Expires    string `json:"expires"`
}

// Attestation is the attestation that decided an organisational claim.
type Attestation struct {
	File        string `json:"file"`
	Statement   string `json:"statement,omitempty"`
	Document    string `json:"document,omitempty"`
	Date        string `json:"date,omitempty"`
	Expires     string `json:"expires,omitempty"`
	SignedOffBy string `json:"signed_off_by,omitempty"`
	Evidence    string `json:"evidence,omitempty"`
}

// ExceptionResult is the state of one declared exception.
type ExceptionResult struct {
	Claim      string `json:"claim"`
	Subject    string `json:"subject"`
	Reason     string `json:"reason"`
	ApprovedBy string `json:"approved_by"`
	Expires    string `json:"expires"`
	State      string `json:"state"`
	Location   string `json:"location,omitempty"`
}

// Unmapped is a TOM statement kept for review but not evaluated.
type Unmapped struct {
	Statement string  `json:"statement"`
	Source    *Source `json:"source,omitempty"`
	Type      string  `json:"type,omitempty"`
}

// CollectorInfo is one collector target's outcome in the run.
type CollectorInfo struct {
	Collector string `json:"collector"`
	Target    string `json:"target"`
	Outcome   string `json:"outcome"`
	Records   int    `json:"records"`
	Error     string `json:"error,omitempty"`
}
