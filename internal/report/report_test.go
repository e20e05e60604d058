package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/engine"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// richResult is a hand-built result that sets every field of the verdict
// JSON somewhere: every verdict, every basis, every exception state,
// excepted, passing and unjudged findings, unmapped statements, gaps,
// defaults applied, attestations, and text that needs escaping.
func richResult() *engine.Result {
	digest := func(c byte) string { return "sha256:" + strings.Repeat(string(c), 64) }
	bastionGap := evidence.Gap{Collector: "aws", Target: "aws/prod", Kind: "aws.backup.recovery_point",
		Subject: "arn:aws:rds:eu-central-1:123456789012:db:orders", Reason: "AccessDenied on ListRecoveryPointsByResource; grant the permission to the tomcheck role",
		MissingPermission: "backup:ListRecoveryPointsByResource"}
	attGap := evidence.Gap{Collector: "attestations", Target: "attestations/attestations", Kind: "attestation",
		Subject: "attestation:pentest-yearly/2026-pentest.yaml",
		Reason:  `attestations/2026-pentest.yaml:4:1: unknown key "signed_of_by"; did you mean "signed_off_by"?`,
		File:    "attestations/2026-pentest.yaml", Line: 4, Column: 1}
	return &engine.Result{
		SchemaVersion: engine.SchemaVersion,
		RunID:         "20261122T100000Z-7f3a",
		Now:           time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC),
		ToolVersion:   "v0.4.0",
		Project:       "shop-prod",
		Metadata:      engine.Metadata{Organisation: "Beispiel GmbH", Document: "TOM nach Art. 32 DSGVO, Stand 2026-04"},
		Digests:       engine.Digests{Claims: digest('a'), Config: digest('b'), Policies: digest('c'), Evidence: digest('d')},
		Summary: engine.Summary{Verified: 3, Refuted: 1, Inconclusive: 1, Attested: 1, Unattested: 1, Error: 1,
			Unmapped: 2, Excepted: 1},
		Claims: []engine.ClaimResult{
			{
				ID: "transport-tls", Check: "transport.tls_min_version",
				CheckTitle: engine.Message{EN: "Minimum TLS version", DE: "Mindestversion von TLS"},
				Area:       "Weitergabekontrolle",
				Statement:  "Die Übertragung personenbezogener Daten erfolgt ausschließlich verschlüsselt über HTTPS (mindestens TLS 1.2); SSLv2 und SSLv3 sind auf allen Endpunkten deaktiviert.",
				Source: &engine.Source{Document: "tom.pdf", Section: "4", Line: 112,
					Quote: "Die Übertragung erfolgt über HTTPS (min. TLS 1.2)."},
				Location:        "tom.yaml:12:5",
				Params:          map[string]any{"min_version": "1.2", "ports": []any{443.0, 8443.0}},
				DefaultsApplied: []string{"min_version"},
				Verdict:         engine.Refuted, Basis: engine.BasisLive,
				Reason:      engine.Message{EN: "1 of 2 subject(s) fail", DE: "1 von 2 Prüfobjekten nicht erfüllt"},
				Remediation: &engine.Message{EN: "Disable TLS 1.0 and 1.1 on every listener.", DE: "TLS 1.0 und 1.1 an jedem Listener abschalten."},
				Findings: []engine.Finding{
					{Subject: "tls://legacy.example.com:443", Pass: false,
						Message: "offers tls1.0; claimed minimum 1.2 (banner \x1b[2Jlegacy)", MessageDE: "bietet tls1.0 an; behauptet ist mindestens 1.2 (Banner \x1b[2Jlegacy)",
						Evidence: []string{digest('1')}, Origin: evidence.OriginLive},
					{Subject: "tls://shop.example.com:443", Pass: true,
						Message: "minimum tls1.2; claimed 1.2", MessageDE: "mindestens tls1.2; behauptet 1.2",
						Evidence: []string{digest('2')}, Origin: evidence.OriginLive},
				},
			},
			{
				ID: "admin-ports", Check: "network.no_public_admin_access",
				CheckTitle: engine.Message{EN: "No public administrative access", DE: "Kein öffentlicher administrativer Zugang"},
				Area:       "Zugangskontrolle",
				Statement:  "Administrative Zugänge (SSH | RDP) sind nur über VPN erreichbar.\nAusnahmen genehmigt der ISB.",
				Location:   "tom.yaml:30:5", DefaultsApplied: []string{},
				Verdict: engine.Verified, Basis: engine.BasisMixed,
				Reason: engine.Message{EN: "1 subject(s) pass, 1 excepted", DE: "1 Prüfobjekte erfüllt, 1 per Ausnahme"},
				Findings: []engine.Finding{
					{Subject: "arn:aws:ec2:eu-central-1:123456789012:security-group/sg-0a1b", ResourceID: "sg-0a1b", Pass: true,
						Message: "port 22 open only to 10.0.0.0/8", MessageDE: "Port 22 nur für 10.0.0.0/8 offen",
						Evidence: []string{digest('3')}, Origin: evidence.OriginLive},
					{Subject: "tf:infra/aws_security_group.bastion", ResourceID: "sg-0b2c", Pass: false,
						Excepted: &engine.Excepted{Reason: "Bastion host with fail2ban, replaced by SSM in Q1", ApprovedBy: "ISB Müller", Expires: "2027-03-31"},
						Message:  "port 22 open to 0.0.0.0/0", MessageDE: "Port 22 offen für 0.0.0.0/0",
						Evidence: []string{digest('4')}, Origin: evidence.OriginDeclared, Location: "infra/main.tf:40:1"},
				},
			},
			{
				ID: "storage-encrypted", Check: "storage.encryption_at_rest",
				CheckTitle: engine.Message{EN: "Encryption at rest"},
				Area:       "Verschlüsselung",
				Statement:  "Datenbanken und Objektspeicher sind verschlüsselt.",
				Verdict:    engine.Verified, Basis: engine.BasisDeclared,
				Reason: engine.Message{EN: "all 1 subject(s) pass", DE: "alle 1 Prüfobjekte erfüllt"},
				Findings: []engine.Finding{
					{Subject: "tf:infra/aws_db_instance.orders", Pass: true, Message: "storage_encrypted = true",
						Evidence: []string{digest('5')}, Origin: evidence.OriginDeclared, Location: "infra/db.tf:1:1"},
				},
			},
			{
				ID: "backup-daily", Check: "backup.max_interval",
				CheckTitle: engine.Message{EN: "Maximum backup interval", DE: "Höchster Abstand zwischen Sicherungen"},
				Area:       "Verfügbarkeitskontrolle",
				Statement:  "Von Server-Systemen werden täglich Backups durchgeführt.",
				Params:     map[string]any{"hours": 24.0},
				Verdict:    engine.Inconclusive,
				Reason: engine.Message{EN: "evidence missing: aws/prod (aws.backup.recovery_point)",
					DE: "Nachweise fehlen: aws/prod (aws.backup.recovery_point)"},
				Findings: []engine.Finding{
					{Subject: "tf:infra/aws_backup_plan.daily", Inconclusive: true,
						Message: "schedule unknown before apply", MessageDE: "Zeitplan vor dem Anwenden unbekannt",
						Evidence: []string{digest('6')}, Origin: evidence.OriginDeclared},
				},
				Gaps: []evidence.Gap{bastionGap},
			},
			{
				ID: "visitors-escorted", Area: "Zutrittskontrolle",
				Statement: "Besucher dürfen die Geschäftsräume nur in Begleitung betreten.",
				Verdict:   engine.Attested,
				Reason: engine.Message{EN: "attested by Facility Management, J. Weber on 2026-10-01, valid until 2027-09-30",
					DE: "attestiert von Facility Management, J. Weber am 2026-10-01, gültig bis 2027-09-30"},
				Attestation: &engine.Attestation{File: "attestations/2026-q3.yaml", Statement: "Besucherbuch und Begleitpflicht, Stichprobe Q3",
					Document: "docs/besucherbuch-2026-q3.pdf", Date: "2026-10-01", Expires: "2027-09-30",
					SignedOffBy: "Facility Management, J. Weber", Evidence: digest('7')},
			},
			{
				ID: "pentest-yearly", Area: "Überprüfung",
				Statement: "Jährlich findet ein externer Penetrationstest statt.",
				Verdict:   engine.Unattested,
				Reason: engine.Message{EN: "document attestations/docs/pentest-2025.pdf does not match its sha256 (expected 9f2c…, found 07aa…)",
					DE: "Dokument attestations/docs/pentest-2025.pdf stimmt nicht mit seinem SHA-256 überein (erwartet 9f2c…, gefunden 07aa…)"},
				Attestation: &engine.Attestation{File: "attestations/2025-pentest.yaml", Document: "docs/pentest-2025.pdf",
					Date: "2025-12-01", Expires: "2026-11-30", SignedOffBy: "CISO", Evidence: digest('8')},
				Gaps: []evidence.Gap{attGap},
			},
			{
				ID: "tenant-separation", Check: "separation.tenant",
				Area:      "Mandantentrennung",
				Statement: "Mandanten sind logisch getrennt.",
				Verdict:   engine.Verified, Basis: engine.BasisLive,
				Reason: engine.Message{EN: "all 1 subject(s) pass", DE: "alle 1 Prüfobjekte erfüllt"},
				Findings: []engine.Finding{{Subject: "k8s://prod/Namespace/tenant-a", Pass: true,
					Message: "namespace isolated", MessageDE: "Namespace isoliert", Evidence: []string{digest('9')}}},
			},
			{
				ID: "log-retention", Check: "logging.retention",
				CheckTitle: engine.Message{EN: "Log retention", DE: "Aufbewahrung von Protokollen"},
				Statement:  "Protokolle werden 90 Tage aufbewahrt.",
				Verdict:    engine.Error,
				Reason: engine.Message{EN: "policy failed: policies/logging/retention/check.rego:14: eval_type_error: object.get: operand 1 must be object",
					DE: "Richtlinie fehlgeschlagen: policies/logging/retention/check.rego:14: eval_type_error: object.get: operand 1 must be object"},
			},
		},
		Exceptions: []engine.ExceptionResult{
			{Claim: "admin-ports", Subject: "*bastion*", Reason: "Bastion host with fail2ban, replaced by SSM in Q1",
				ApprovedBy: "ISB Müller", Expires: "2027-03-31", State: engine.ExceptionApplied, Location: "tom.yaml:34:9"},
			{Claim: "admin-ports", Subject: "*sg-0a1b*", Reason: "VPN security group", ApprovedBy: "ISB Müller",
				Expires: "2027-01-31", State: engine.ExceptionUnused},
			{Claim: "admin-ports", Subject: "*jump*", Reason: "Old jump host | decommissioned", ApprovedBy: "ISB Müller",
				Expires: "2026-10-31", State: engine.ExceptionExpired},
			{Claim: "transport-tls", Subject: "tls://old.example.com:*", Reason: "Legacy shop, shut down in Q4",
				ApprovedBy: "CTO Schmidt", Expires: "2027-02-28", State: engine.ExceptionStale},
		},
		Unmapped: []engine.Unmapped{
			{Statement: "Die Mitarbeiter sind angehalten, ihre Bildschirme zu sperren.",
				Source: &engine.Source{Section: "2.1", Line: 40}, Type: "org.clean_desk_screen"},
			{Statement: "Es besteht ein Notfallkonzept."},
		},
		Gaps: []evidence.Gap{bastionGap, attGap},
		Collectors: []engine.CollectorInfo{
			{Collector: "terraform", Target: "infra", Outcome: "ok", Records: 42},
			{Collector: "aws", Target: "prod", Outcome: "partial", Records: 130},
			{Collector: "attestations", Target: "attestations", Outcome: "partial", Records: 3},
			{Collector: "tls", Target: "legacy.example.com:443", Outcome: "failed", Records: 0, Error: "dial tcp 192.0.2.7:443: connection refused"},
			{Collector: "kubernetes", Target: "prod", Outcome: "not applicable", Records: 0},
		},
		Warnings: []engine.Message{{EN: "evidence is 30h old (--max-evidence-age 24h)", DE: "Nachweise sind 30h alt (--max-evidence-age 24h)"}},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file: %v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test ./internal/report -update and review the diff\n--- got ---\n%s", path, got)
	}
}

func TestGolden(t *testing.T) {
	tests := []struct {
		golden string
		format string
		opts   Options
	}{
		{"table.en.golden", FormatTable, Options{Lang: "en"}},
		{"table.de.golden", FormatTable, Options{Lang: "de"}},
		{"table.color.en.golden", FormatTable, Options{Lang: "en", Color: true}},
		{"table.color.de.golden", FormatTable, Options{Lang: "de", Color: true}},
		{"table.verbose.en.golden", FormatTable, Options{Lang: "en", Verbose: true}},
		{"table.verbose.de.golden", FormatTable, Options{Lang: "de", Verbose: true}},
		{"json.golden", FormatJSON, Options{}},
		{"markdown.en.golden", FormatMarkdown, Options{Lang: "en"}},
		{"markdown.de.golden", FormatMarkdown, Options{Lang: "de"}},
		{"markdown.verbose.de.golden", FormatMarkdown, Options{Lang: "de", Verbose: true}},
		{"table.empty.en.golden", FormatTable, Options{Lang: "en"}},
		{"markdown.empty.de.golden", FormatMarkdown, Options{Lang: "de"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			res := richResult()
			if strings.Contains(tt.golden, "empty") {
				res = &engine.Result{SchemaVersion: engine.SchemaVersion, RunID: "r1"}
			}
			var b bytes.Buffer
			if err := Write(&b, tt.format, res, tt.opts); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, b.Bytes())
		})
	}
}

// TestJSONRoundTrip checks the json format is the verdict JSON itself: it
// decodes back into the same result, and rendering twice gives the same bytes.
func TestJSONRoundTrip(t *testing.T) {
	res := richResult()
	var a, b bytes.Buffer
	if err := Write(&a, FormatJSON, res, Options{Lang: "de", Color: true, Verbose: true}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, FormatJSON, richResult(), Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("json output depends on the options or is not deterministic")
	}
	if !bytes.HasSuffix(a.Bytes(), []byte("}\n")) || !bytes.Contains(a.Bytes(), []byte("\n  \"run_id\"")) {
		t.Error("json output is not indented by two spaces with a trailing newline")
	}
	if bytes.Contains(a.Bytes(), []byte(`\u003c`)) || bytes.Contains(a.Bytes(), []byte(`\u0026`)) {
		t.Error("json output escapes HTML")
	}
	var back engine.Result
	if err := json.Unmarshal(a.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, res) {
		t.Errorf("decoded result differs from the original")
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name   string
		w      func() *bytes.Buffer
		format string
		res    *engine.Result
		opts   Options
		want   string
	}{
		{name: "unknown format", format: "html", res: richResult(),
			want: `render report: unknown format "html": use one of table, json, markdown`},
		{name: "unknown language", format: FormatTable, res: richResult(), opts: Options{Lang: "fr"},
			want: `render report: unknown language "fr": use de or en`},
		{name: "no result", format: FormatJSON, want: "render report: no result"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			err := Write(&b, tt.format, tt.res, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", b.Len())
			}
		})
	}
	for _, f := range Formats() {
		err := Write(failingWriter{}, f, richResult(), Options{})
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: a failing writer gave %v", f, err)
		}
	}
}

func TestFormatsAreWritable(t *testing.T) {
	formats := Formats()
	formats[0] = "changed"
	if Formats()[0] == "changed" {
		t.Error("Formats returns shared state")
	}
	for _, f := range Formats() {
		var b bytes.Buffer
		if err := Write(&b, f, richResult(), Options{}); err != nil || b.Len() == 0 {
			t.Errorf("format %s: %v, %d bytes", f, err, b.Len())
		}
	}
}

func TestGroupByArea(t *testing.T) {
	var cs []engine.ClaimResult
	for _, a := range []string{"Überprüfung", "", "Zutrittskontrolle", "Mandantentrennung", "Eigene", "Zutrittskontrolle", "Überprüfung"} {
		cs = append(cs, engine.ClaimResult{ID: a, Area: a})
	}
	var got []string
	for _, g := range groupByArea(cs) {
		got = append(got, g.area+"×"+string(rune('0'+len(g.claims))))
	}
	want := []string{"Zutrittskontrolle×2", "Überprüfung×2", "Eigene×1", "Mandantentrennung×1", "×1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("groups %q, want %q", got, want)
	}
}

func TestTextHelpers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"clean", clean("a\nb\tc\x1b[31md\u009b"), "a b c\uFFFD[31md\uFFFD"},
		{"truncate short", truncate("kurz", 10), "kurz"},
		{"truncate at word", truncate("Die Übertragung erfolgt über HTTPS mit TLS", 30), "Die Übertragung erfolgt über…"},
		{"truncate long word", truncate(strings.Repeat("x", 40), 10), "xxxxxxxxx…"},
		{"cell", mdCell("a | b\nc *d* <e>"), `a \| b<br>c \*d\* &lt;e&gt;`},
		{"code", mdCode("tf:a|b"), "`tf:a|b`"},
		{"code in cell", mdCodeCell("tf:a|b"), "`tf:a\\|b`"},
		{"code with backtick", mdCode("a`b"), "`` a`b ``"},
		{"params", paramList(map[string]any{"b": 2.0, "a": "x", "c": []any{"y"}}), `a=x, b=2, c=["y"]`},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
