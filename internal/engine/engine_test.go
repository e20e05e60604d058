package engine

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/claims"
)

// testCheck is a small check in the policy contract: a bucket passes when
// data.values.encrypted is true, is inconclusive when it is unknown, and a
// bucket named "boom" makes the policy fail at run time.
const testCheck = `# METADATA
# title: Buckets are encrypted
# description: Test check.
# custom:
#   check: test.encrypted
#   title_de: Buckets sind verschlüsselt
#   description_de: Testprüfung.
#   evidence: [terraform.resource:aws_s3_bucket]
#   context: [terraform.resource:aws_kms_key]
#   params:
#     type: object
#     additionalProperties: false
#     properties:
#       strict: {type: boolean, default: false, description: strict mode}
#   areas: [Verschlüsselung]
#   claim_types: [storage.encryption_at_rest]
#   remediation: Encrypt the bucket.
package tomcheck.checks.test.encrypted

import rego.v1

findings contains f if {
	some r in input.evidence
	not r.data.unknown.encrypted
	r.data.values.name != "boom"
	enc := object.get(r.data.values, "encrypted", false)
	f := {
		"subject": r.subject, "pass": enc == true, "evidence": [r.digest],
		"message": sprintf("%s: encrypted = %v (keys in context: %d)", [r.data.address, enc, count(input.context)]),
		"message_de": sprintf("%s: verschlüsselt = %v", [r.data.address, enc]),
	}
}

findings contains f if {
	some r in input.evidence
	r.data.unknown.encrypted
	f := {"subject": r.subject, "pass": false, "inconclusive": true, "evidence": [r.digest],
		"message": "unknown before apply", "message_de": "erst nach dem Anwenden bekannt"}
}

findings contains f if {
	some r in input.evidence
	r.data.values.name == "boom"
	f := {"subject": r.subject, "pass": to_number("x") == 1, "evidence": [r.digest], "message": "m", "message_de": "m"}
}
`

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func testLibrary(t *testing.T, files map[string]string) *Engine {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	lib, err := LoadLibrary(PolicySource{Name: "test", FS: fsys, Builtin: true})
	if err != nil {
		t.Fatalf("LoadLibrary: %v", err)
	}
	eng, err := New(context.Background(), lib)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return eng
}

func bucket(t *testing.T, target, name string, values map[string]any, labels map[string]string, unknown map[string]any) evidence.Record {
	t.Helper()
	values["name"] = name
	if unknown == nil {
		unknown = map[string]any{}
	}
	r := evidence.Record{
		Kind: "terraform.resource", Subject: "tf:" + target + "/aws_s3_bucket." + name, Labels: labels, Origin: evidence.OriginDeclared,
		Source:      evidence.Source{Collector: "terraform", CollectorVersion: 1, Target: target, File: "infra/main.tf", Line: 3, Column: 1},
		CollectedAt: testNow,
		Data:        map[string]any{"type": "aws_s3_bucket", "address": "aws_s3_bucket." + name, "values": values, "unknown": unknown},
	}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	return r
}

func claimsFile(t *testing.T, eng *Engine, src string) *claims.TOM {
	t.Helper()
	tom, ds := claims.ParseTOM("tom.yaml", []byte(src), eng.Library().Catalog, testNow)
	if ds.HasErrors() {
		t.Fatalf("ParseTOM: %v", ds)
	}
	return tom
}

func evaluate(t *testing.T, eng *Engine, tom *claims.TOM, recs []evidence.Record, gaps []evidence.Gap, mod func(*Input)) *Result {
	t.Helper()
	in := Input{TOM: tom, Records: recs, Gaps: gaps, Now: testNow, RunID: "r1", ToolVersion: "test",
		TargetGroups: map[string][]string{"terraform/infra": {"terraform/infra", "prod"}, "terraform/lab": {"terraform/lab"}}}
	if mod != nil {
		mod(&in)
	}
	res, err := eng.Evaluate(context.Background(), in)
	if err != nil {
		t.Fatalf("Evaluate: %v", err)
	}
	return res
}

func claimByID(t *testing.T, res *Result, id string) ClaimResult {
	t.Helper()
	for _, c := range res.Claims {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("claim %s not in result", id)
	return ClaimResult{}
}

const header = "apiVersion: tomcheck/v1\nkind: TOM\nmetadata: {organisation: Test GmbH}\nclaims:\n"

func TestVerdicts(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck})
	tom := claimsFile(t, eng, header+`
  - {id: all, area: Verschlüsselung, statement: s, check: test.encrypted}
  - {id: prod-only, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {labels: {env: prod}}}
  - {id: lab-only, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {targets: [terraform/lab]}}
  - {id: nothing, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {include: ["*nomatch*"]}}
  - {id: excepted, area: Verschlüsselung, statement: s, check: test.encrypted,
     exceptions: [{subject: "*legacy*", reason: r, approved_by: ISB, expires: 2027-01-31},
                  {subject: "*good*", reason: r, approved_by: ISB, expires: 2027-01-31},
                  {subject: "*gone*", reason: r, approved_by: ISB, expires: 2027-01-31},
                  {subject: "*legacy*", reason: old, approved_by: ISB, expires: 2026-11-22}]}
  - {id: unknowns, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {include: ["*pending*"]}}
  - {id: boom, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {include: ["*boom*"]}}
  - {id: org, area: Zutrittskontrolle, statement: s, attestation: {max_age: P12M}}
`)
	recs := []evidence.Record{
		bucket(t, "infra", "good", map[string]any{"encrypted": true}, map[string]string{"env": "prod"}, nil),
		bucket(t, "infra", "legacy", map[string]any{"encrypted": false}, map[string]string{"env": "staging"}, nil),
		bucket(t, "lab", "pending", map[string]any{}, map[string]string{"env": "lab"}, map[string]any{"encrypted": true}),
	}
	res := evaluate(t, eng, tom, recs, nil, nil)

	tests := []struct {
		id      string
		verdict Verdict
		reason  string
	}{
		{"all", Refuted, "1 of 3 subject(s) fail the claim"},
		{"prod-only", Verified, "all 1 subject(s) pass"},
		{"lab-only", Inconclusive, "1 of 1 subject(s) could not be judged (values unknown before apply)"},
		{"nothing", Inconclusive, "no evidence in scope"},
		{"excepted", Inconclusive, "1 of 3 subject(s) could not be judged (values unknown before apply)"},
		{"unknowns", Inconclusive, "1 of 1 subject(s) could not be judged (values unknown before apply)"},
		{"org", Unattested, "no attestation for claim org"},
	}
	for _, tc := range tests {
		c := claimByID(t, res, tc.id)
		if c.Verdict != tc.verdict || c.Reason.EN != tc.reason {
			t.Errorf("%s: got %s (%s), want %s (%s)", tc.id, c.Verdict, c.Reason.EN, tc.verdict, tc.reason)
		}
	}
	if c := claimByID(t, res, "boom"); c.Verdict != Inconclusive {
		t.Errorf("boom without its record: %s", c.Verdict)
	}
	boomRes := evaluate(t, eng, tom, append(recs, bucket(t, "infra", "boom", map[string]any{}, nil, nil)), nil, nil)
	boom := claimByID(t, boomRes, "boom")
	if boom.Verdict != Error || !strings.Contains(boom.Reason.EN, "policy error:") || !strings.Contains(boom.Reason.EN, "to_number") {
		t.Errorf("boom: got %s (%s), want error naming to_number", boom.Verdict, boom.Reason.EN)
	}
	if got := claimByID(t, res, "prod-only").Basis; got != BasisDeclared {
		t.Errorf("basis = %q, want declared", got)
	}
	if res.Summary.Refuted != 1 || res.Summary.Verified != 1 || res.Summary.Inconclusive != 5 || res.Summary.Error != 0 || res.Summary.Unattested != 1 || res.Summary.Excepted != 1 {
		t.Errorf("summary = %+v", res.Summary)
	}
}

func TestExceptionsAndLocation(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck})
	tom := claimsFile(t, eng, header+`
  - {id: c, area: Verschlüsselung, statement: s, check: test.encrypted,
     exceptions: [{subject: "*legacy*", reason: fix in Q1, approved_by: ISB, expires: 2027-01-31},
                  {subject: "*good*", reason: r, approved_by: ISB, expires: 2027-01-31},
                  {subject: "*gone*", reason: r, approved_by: ISB, expires: 2027-01-31},
                  {subject: "*good*", reason: old, approved_by: ISB, expires: 2026-11-22}]}
`)
	recs := []evidence.Record{
		bucket(t, "infra", "good", map[string]any{"encrypted": true}, nil, nil),
		bucket(t, "infra", "legacy", map[string]any{"encrypted": false}, nil, nil),
	}
	res := evaluate(t, eng, tom, recs, nil, nil)
	c := res.Claims[0]
	if c.Verdict != Verified || c.Reason.EN != "1 subject(s) pass, 1 excepted" {
		t.Fatalf("verdict %s (%s), want verified with one excepted", c.Verdict, c.Reason.EN)
	}
	var legacy Finding
	for _, f := range c.Findings {
		if strings.Contains(f.Subject, "legacy") {
			legacy = f
		}
	}
	if legacy.Excepted == nil || legacy.Excepted.Reason != "fix in Q1" || legacy.Excepted.Expires != "2027-01-31" {
		t.Errorf("legacy finding not excepted: %+v", legacy)
	}
	if legacy.Location != "infra/main.tf:3:1" || legacy.Origin != evidence.OriginDeclared {
		t.Errorf("location/origin = %q/%q", legacy.Location, legacy.Origin)
	}
	if !strings.Contains(legacy.Message, "keys in context: 0") {
		t.Errorf("message = %q", legacy.Message)
	}
	var states []string
	for _, x := range res.Exceptions {
		states = append(states, x.Subject+"="+x.State)
	}
	want := "*legacy*=applied *good*=unused *gone*=stale *good*=expired"
	if got := strings.Join(states, " "); got != want {
		t.Errorf("exception states = %s, want %s", got, want)
	}
	if res.Summary.Excepted != 1 {
		t.Errorf("summary excepted = %d", res.Summary.Excepted)
	}
}

func TestGapsAndRequireLive(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck})
	tom := claimsFile(t, eng, header+`
  - {id: c, area: Verschlüsselung, statement: s, check: test.encrypted}
  - {id: lab, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {targets: [prod]}}
`)
	recs := []evidence.Record{bucket(t, "infra", "good", map[string]any{"encrypted": true}, nil, nil)}
	gaps := []evidence.Gap{{Collector: "terraform", Target: "terraform/lab", Kind: "terraform.resource", Reason: "lab/main.tf:1:1: Invalid block"}}
	res := evaluate(t, eng, tom, recs, gaps, nil)
	if c := res.Claims[0]; c.Verdict != Inconclusive || c.Reason.EN != "evidence missing: terraform/lab (terraform.resource): lab/main.tf:1:1: Invalid block" {
		t.Errorf("gap claim: %s (%s)", c.Verdict, c.Reason.EN)
	}
	if c := res.Claims[1]; c.Verdict != Verified {
		t.Errorf("claim scoped away from the gap: %s (%s)", c.Verdict, c.Reason.EN)
	}
	res = evaluate(t, eng, tom, recs, nil, func(in *Input) { in.RequireLive = true })
	if c := res.Claims[0]; c.Verdict != Inconclusive || !strings.Contains(c.Reason.EN, "--require-live") {
		t.Errorf("require-live: %s (%s)", c.Verdict, c.Reason.EN)
	}
}

func TestLabelSelectorSkipsUnlabelableTypes(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck})
	tom := claimsFile(t, eng, header+"  - {id: c, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {labels: {env: prod}}}\n")
	recs := []evidence.Record{bucket(t, "infra", "untagged", map[string]any{"encrypted": true}, nil, nil)}
	res := evaluate(t, eng, tom, recs, nil, nil)
	if res.Claims[0].Verdict != Inconclusive {
		t.Errorf("untagged but labelable record passed the label selector: %s", res.Claims[0].Verdict)
	}
	res = evaluate(t, eng, tom, recs, nil, func(in *Input) { in.Labelable = func(evidence.Record) bool { return false } })
	if res.Claims[0].Verdict != Verified {
		t.Errorf("record of an untaggable type was filtered by labels: %s", res.Claims[0].Verdict)
	}
}

func TestDeterministicOutput(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck})
	tom := claimsFile(t, eng, header+`
  - {id: a, area: Verschlüsselung, statement: s, check: test.encrypted}
  - {id: b, area: Verschlüsselung, statement: s, check: test.encrypted, scope: {labels: {env: prod}}}
`)
	var recs []evidence.Record
	for i := 0; i < 50; i++ {
		recs = append(recs, bucket(t, "infra", "b"+string(rune('a'+i%26))+string(rune('a'+i/26)), map[string]any{"encrypted": i%3 == 0}, map[string]string{"env": "prod"}, nil))
	}
	var first []byte
	for i := 0; i < 5; i++ {
		res := evaluate(t, eng, tom, recs, nil, func(in *Input) { in.Parallel = 1 + i%3 })
		raw, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = raw
		} else if string(raw) != string(first) {
			t.Fatalf("run %d gave different verdict JSON", i)
		}
	}
	// records read as JSON text (evaluate from a run directory) are judged
	// exactly as records handed over in memory (tomcheck run)
	lean := make([]evidence.Record, len(recs))
	for i, r := range recs {
		data, err := json.Marshal(r.Data)
		if err != nil {
			t.Fatal(err)
		}
		r.Data, r.RawData = nil, data
		lean[i] = r
	}
	raw, err := json.Marshal(evaluate(t, eng, tom, lean, nil, nil))
	if err != nil {
		t.Fatal(err)
	}
	if string(raw) != string(first) {
		t.Fatalf("records read as JSON text gave different verdicts:\n%s\nwant\n%s", raw, first)
	}
}

func TestLibraryErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing metadata fields", map[string]string{"x/y/check.rego": "# METADATA\n# title: T\n# custom:\n#   check: x.y\npackage tomcheck.checks.x.y\n"},
			`test/x/y/check.rego:1: check "x.y": METADATA lacks custom.areas, custom.claim_types, custom.description_de, custom.evidence, custom.params, custom.remediation, custom.title_de, description`},
		{"no metadata", map[string]string{"x/y/check.rego": "package tomcheck.checks.x.y\n"},
			`check package "tomcheck.checks.x.y" has no package METADATA`},
		{"forbidden builtin", map[string]string{"x/y/check.rego": strings.Replace(strings.ReplaceAll(testCheck, "test.encrypted", "x.y"), "enc := object.get(r.data.values, \"encrypted\", false)", "enc := time.now_ns() > 0", 1)},
			"undefined function time.now_ns"},
		{"parse error", map[string]string{"x/y/check.rego": "package tomcheck.checks.x.y\nfindings contains f if {\n"},
			"test/x/y/check.rego:3: rego_parse_error: unexpected eof token"},
		{"check id mismatch", map[string]string{"x/y/check.rego": strings.Replace(testCheck, "package tomcheck.checks.test.encrypted", "package tomcheck.checks.x.y", 1)},
			`custom.check is "test.encrypted" but the package says "x.y"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, s := range tc.files {
				fsys[n] = &fstest.MapFile{Data: []byte(s)}
			}
			_, err := LoadLibrary(PolicySource{Name: "test", FS: fsys})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant it to contain %s", err, tc.want)
			}
		})
	}
}

func TestUserPolicyExtendsCheck(t *testing.T) {
	ext := `package tomcheck.checks.test.encrypted

import rego.v1

findings contains f if {
	some r in input.evidence
	r.data.values.name == "good"
	f := {"subject": r.subject, "pass": false, "evidence": [r.digest], "message": "site rule: no buckets named good", "message_de": "Hausregel"}
}
`
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck, "test/encrypted/site.rego": ext})
	tom := claimsFile(t, eng, header+"  - {id: c, area: Verschlüsselung, statement: s, check: test.encrypted}\n")
	res := evaluate(t, eng, tom, []evidence.Record{bucket(t, "infra", "good", map[string]any{"encrypted": true}, nil, nil)}, nil, nil)
	if res.Claims[0].Verdict != Refuted || len(res.Claims[0].Findings) != 2 {
		t.Errorf("extension rule did not apply: %s with %d findings", res.Claims[0].Verdict, len(res.Claims[0].Findings))
	}
}

func TestInvalidRawDataIsAnError(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck})
	tom := claimsFile(t, eng, header+`
  - {id: a, area: Verschlüsselung, statement: s, check: test.encrypted}
`)
	r := bucket(t, "infra", "b1", map[string]any{"encrypted": true}, nil, nil)
	r.Data, r.RawData = nil, []byte(`{"type": "aws_s3_bucket", "values": {"encrypted": tru}}`)
	_, err := eng.Evaluate(context.Background(), Input{TOM: tom, Records: []evidence.Record{r}, Now: time.Now()})
	want := "evaluate: record " + r.Subject + ": data: invalid JSON at byte 50: expected true"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %q", err, want)
	}
}

// The record object a policy sees is the record's JSON: fields the JSON
// omits when empty (resource_id, labels, the source's optional parts) are
// absent, not empty, so `object.get(r, "resource_id", …)` and set
// comprehensions over them mean the same in tomcheck and in `opa eval` over
// the evidence file.
func TestRecordValueIsTheRecordJSON(t *testing.T) {
	plain := bucket(t, "infra", "b1", map[string]any{"encrypted": true}, nil, nil)
	full := bucket(t, "infra", "b2", map[string]any{"encrypted": false, "size": 1.5}, map[string]string{"env": "prod"}, map[string]any{"arn": true})
	full.ResourceID = "arn:aws:s3:::b2"
	full.Source.Account, full.Source.Region = "123456789012", "eu-central-1"
	for _, r := range []evidence.Record{plain, full} {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var x any
		if err := json.Unmarshal(b, &x); err != nil {
			t.Fatal(err)
		}
		want, err := ast.InterfaceToValue(x)
		if err != nil {
			t.Fatal(err)
		}
		data, err := ast.InterfaceToValue(r.Data)
		if err != nil {
			t.Fatal(err)
		}
		got := recordValue(newASTDecoder(), &r, ast.NewTerm(data))
		if got.Value.Compare(want) != 0 {
			t.Errorf("%s:\n got  %v\n want %v", r.Subject, got, want)
		}
	}
}

// shapeCheck returns, for a bucket, the finding its name asks for: the
// engine reads what the contract allows and names what a finding lacks.
const shapeCheck = `# METADATA
# title: Shapes
# description: Test check.
# custom:
#   check: test.shape
#   title_de: Formen
#   description_de: Testprüfung.
#   evidence: [terraform.resource:aws_s3_bucket]
#   params: {type: object}
#   areas: [Verschlüsselung]
#   claim_types: []
#   remediation: None.
package tomcheck.checks.test.shape

import rego.v1

shapes := {
	"string": "just text",
	"nosubject": {"pass": true, "message": "m"},
	"numbersubject": {"subject": 7, "pass": true, "message": "m"},
	"nopass": {"subject": "s", "message": "m"},
	"stringpass": {"subject": "s", "pass": "yes", "message": "m"},
	"nomessage": {"subject": "s", "pass": true},
	"full": {"subject": "s", "pass": true, "inconclusive": true, "message": "m", "evidence": {"sha256:b", "sha256:a", 3}, "extra": [1]},
}

findings contains shapes[r.data.values.name] if some r in input.evidence
`

func TestFindingShapes(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/shape/check.rego": shapeCheck})
	tom := claimsFile(t, eng, header+`
  - {id: a, area: Verschlüsselung, statement: s, check: test.shape}
`)
	for name, want := range map[string]string{
		"string":        "a finding is string, want an object with subject, pass, evidence, message, message_de",
		"nosubject":     `a finding lacks a string subject: {"message": "m", "pass": true}`,
		"numbersubject": `a finding lacks a string subject: {"message": "m", "pass": true, "subject": 7}`,
		"nopass":        "finding for s lacks a boolean pass",
		"stringpass":    "finding for s lacks a boolean pass",
		"nomessage":     "finding for s lacks a message",
	} {
		res := evaluate(t, eng, tom, []evidence.Record{bucket(t, "infra", name, map[string]any{}, nil, nil)}, nil, nil)
		c := claimByID(t, res, "a")
		if c.Verdict != Error || c.Reason.EN != "policy error: test.shape: "+want {
			t.Errorf("%s: %s, %q; want error %q", name, c.Verdict, c.Reason.EN, want)
		}
	}
	res := evaluate(t, eng, tom, []evidence.Record{bucket(t, "infra", "full", map[string]any{}, nil, nil)}, nil, nil)
	got := claimByID(t, res, "a").Findings
	want := []Finding{{Subject: "s", Inconclusive: true, Message: "m", MessageDE: "m", Evidence: []string{"sha256:a", "sha256:b"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %+v, want %+v", got, want)
	}
}

// indexCheck reports, per key of the type indexes, the subjects under it.
const indexCheck = `# METADATA
# title: Index
# description: Test check.
# custom:
#   check: test.index
#   title_de: Index
#   description_de: Testprüfung.
#   evidence: [terraform.resource:aws_s3_bucket, tls.endpoint]
#   context: [terraform.resource:aws_kms_key]
#   params: {type: object}
#   areas: [Verschlüsselung]
#   claim_types: []
#   remediation: None.
package tomcheck.checks.test.index

import rego.v1

findings contains f if {
	some index in ["evidence_by_type", "context_by_type"]
	some t, rs in input[index]
	f := {"subject": concat(":", [index, t]), "pass": true, "evidence": [], "message": concat(",", [r.subject | some r in rs])}
}
`

// The engine's type indexes hold the Terraform managed resources of the
// evidence and of the context by type, in record order; data sources and
// other kinds are only in evidence and context.
func TestTypeIndexes(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/index/check.rego": indexCheck})
	tom := claimsFile(t, eng, header+`
  - {id: a, area: Verschlüsselung, statement: s, check: test.index}
`)
	b2, b1 := bucket(t, "infra", "b2", map[string]any{}, nil, nil), bucket(t, "infra", "b1", map[string]any{}, nil, nil)
	src := bucket(t, "infra", "src", map[string]any{}, nil, nil)
	src.Subject, src.Data["mode"] = "tf:infra/data.aws_s3_bucket.src", "data"
	key := bucket(t, "infra", "k", map[string]any{}, nil, nil)
	key.Subject, key.Data["type"] = "tf:infra/aws_kms_key.k", "aws_kms_key"
	tls := evidence.Record{Kind: "tls.endpoint", Subject: "tls:example.org:443", Origin: evidence.OriginLive, CollectedAt: testNow,
		Source: evidence.Source{Collector: "tls", CollectorVersion: 1, Target: "web"}, Data: map[string]any{"type": "endpoint"}}
	for _, r := range []*evidence.Record{&src, &key, &tls} {
		if err := r.Seal(); err != nil {
			t.Fatal(err)
		}
	}
	res := evaluate(t, eng, tom, []evidence.Record{b2, key, src, b1, tls}, nil, nil)
	var got []string
	for _, f := range claimByID(t, res, "a").Findings {
		got = append(got, f.Subject+" = "+f.Message)
	}
	want := []string{
		"context_by_type:aws_kms_key = tf:infra/aws_kms_key.k",
		"evidence_by_type:aws_s3_bucket = tf:infra/aws_s3_bucket.b2,tf:infra/aws_s3_bucket.b1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("indexes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A record's value is dropped once the last claim reading it is judged, and
// not before.
func TestReleaserDropsValuesAfterTheirLastClaim(t *testing.T) {
	eng := testLibrary(t, map[string]string{"test/encrypted/check.rego": testCheck, "test/index/check.rego": indexCheck})
	tom := claimsFile(t, eng, header+`
  - {id: a, area: Verschlüsselung, statement: s, check: test.encrypted}
  - {id: b, area: Verschlüsselung, statement: s, check: test.index}
`)
	b1 := bucket(t, "infra", "b1", map[string]any{}, nil, nil)
	key := bucket(t, "infra", "k", map[string]any{}, nil, nil)
	key.Subject, key.Data["type"] = "tf:infra/aws_kms_key.k", "aws_kms_key"
	lb := bucket(t, "infra", "lb", map[string]any{}, nil, nil)
	lb.Subject, lb.Data["type"] = "tf:infra/aws_lb.lb", "aws_lb"
	for _, r := range []*evidence.Record{&key, &lb} {
		if err := r.Seal(); err != nil {
			t.Fatal(err)
		}
	}
	var needed []checks.Selector
	for _, id := range []string{"test.encrypted", "test.index"} {
		ch, _ := eng.Library().Catalog.Get(id)
		needed = append(append(needed, ch.Evidence...), ch.Context...)
	}
	st, err := newStore([]evidence.Record{b1, key, lb}, nil, needed, 1)
	if err != nil {
		t.Fatal(err)
	}
	ev := &evaluation{eng: eng, in: Input{TOM: tom}, st: st}
	release := ev.releaser()
	live := func() []bool { return []bool{st.values[0] != nil, st.values[1] != nil, st.values[2] != nil} }
	if got := live(); !reflect.DeepEqual(got, []bool{true, true, false}) {
		t.Fatalf("before: %v (the load balancer is read by no check, so never converted)", got)
	}
	release(0) // a reads the bucket and the key; b still reads both
	if got := live(); !reflect.DeepEqual(got, []bool{true, true, false}) {
		t.Errorf("after a: %v, want both still held for b", got)
	}
	release(1)
	if got := live(); !reflect.DeepEqual(got, []bool{false, false, false}) {
		t.Errorf("after b: %v, want all dropped", got)
	}
}
