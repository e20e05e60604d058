package claims

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseTOMValid(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "valid-tom.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tom, ds := ParseTOM("tom.yaml", src, testCatalog(t), testNow)
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%s", render(ds))
	}
	golden(t, "valid-tom.golden.json", dump(t, tom))

	// The points the golden file shows, spelled out.
	if tom.Digest != digestOf(src) || !strings.HasPrefix(tom.Digest, "sha256:") || len(tom.Digest) != 71 {
		t.Errorf("Digest = %q", tom.Digest)
	}
	backup := tom.Claim("backup-daily")
	if backup == nil || backup.Area != "Verfügbarkeitskontrolle" {
		t.Fatalf("backup-daily = %+v", backup)
	}
	if h, ok := backup.Params["hours"].(float64); !ok || h != 24 {
		t.Errorf("hours = %#v, want float64 24", backup.Params["hours"])
	}
	admin := tom.Claim("admin-ports")
	if admin.Area != "Zugangskontrolle" || !reflect.DeepEqual(admin.DefaultsApplied, []string{"ports"}) {
		t.Errorf("admin-ports: area %q, defaults %v", admin.Area, admin.DefaultsApplied)
	}
	if ports, _ := admin.Params["ports"].([]any); len(ports) != 2 || ports[0] != int64(22) {
		t.Errorf("ports = %#v", admin.Params["ports"])
	}
	if exp := admin.Exceptions[0].Expires; !exp.Equal(time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)) || exp.Location() != time.UTC {
		t.Errorf("expires = %v", exp)
	}
	if v := tom.Claim("visitors-escorted"); v.Attestation == nil || v.Attestation.MaxAge == nil || v.Attestation.MaxAge.Months != 12 || v.Params != nil {
		t.Errorf("visitors-escorted = %+v", v)
	}
	if tom.Claim("staff.training_2026").Attestation.MaxAge != nil {
		t.Error("attestation: {} has a max_age")
	}
	if tom.Claim("nope") != nil {
		t.Error("Claim(nope) found something")
	}
	if len(tom.Unmapped) != 1 || tom.Unmapped[0].Type != "org.clean_desk_screen" || *tom.Unmapped[0].Confidence != 0.4 {
		t.Errorf("unmapped = %+v", tom.Unmapped)
	}
}

// TestParseTOMBroken renders the diagnostics of a claims file that has one
// of every mistake; the golden file shows each message exactly.
func TestParseTOMBroken(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "broken-tom.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tom, ds := ParseTOM("tom.yaml", src, testCatalog(t), testNow)
	if tom == nil || !ds.HasErrors() {
		t.Fatalf("tom = %v, errors = %v", tom, ds.HasErrors())
	}
	golden(t, "broken-tom.golden", render(ds))
}

func TestParseTOMFileErrors(t *testing.T) {
	head := "apiVersion: tomcheck/v1\nkind: TOM\n"
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "tom.yaml: error: the claims file is empty\n" +
			"  A claims file starts with \"apiVersion: tomcheck/v1\" and \"kind: TOM\"; \"tomcheck init\" writes a starter file.\n"},
		{"only a comment", "# nothing\n", "tom.yaml: error: the claims file is empty\n" +
			"  A claims file starts with \"apiVersion: tomcheck/v1\" and \"kind: TOM\"; \"tomcheck init\" writes a starter file.\n"},
		{"only a document marker", "---", "tom.yaml: error: the claims file is empty\n" +
			"  A claims file starts with \"apiVersion: tomcheck/v1\" and \"kind: TOM\"; \"tomcheck init\" writes a starter file.\n"},
		{"implicit null at the end of the file", head + "claims:\n  - id: t\n    statement: s\n    check: transport.tls_min_version\n    params:\n      min_version:",
			"tom.yaml:8:19: error: parameter \"min_version\" must be a string, got null\n" +
				"  Write a string, or leave min_version out to use its default. min_version: Lowest TLS version an endpoint may accept.\n"},
		{"syntax error", head + "claims:\n  - id: a\n   statement: x: y\n", "tom.yaml:3: error: invalid YAML: did not find expected '-' indicator\n" +
			"  " + yamlDetail + "\n"},
		{"tab", head + "claims:\n\t- id: a\n", "tom.yaml:4: error: invalid YAML: found character that cannot start any token\n" +
			"  " + yamlDetail + "\n"},
		{"unterminated quote at the end", head + "claims: \"abc", "tom.yaml:3: error: invalid YAML: found unexpected end of stream\n" +
			"  " + yamlDetail + "\n"},
		{"unknown anchor", head + "claims: *nope\n", "tom.yaml: error: invalid YAML: unknown anchor 'nope' referenced\n" +
			"  " + yamlDetail + "\n"},
		{"two documents", head + "claims: []\n---\nkind: TOM\n", "tom.yaml:4:1: error: the claims file holds more than one YAML document\n" +
			"  Keep one document per file: remove the \"---\" line and everything after it, or merge the documents.\n"},
		{"broken second document", head + "claims: []\n---\n[\n", "tom.yaml:5: error: invalid YAML: did not find expected node content\n" +
			"  " + yamlDetail + "\n"},
		{"root is a list", "- id: a\n", "tom.yaml:1:1: error: the claims file must be a mapping, got a list\n" +
			"  Write the claims file as key: value pairs, e.g. apiVersion: tomcheck/v1.\n"},
		{"missing apiVersion and kind", "claims: []\n", "tom.yaml:1:1: error: missing apiVersion\n" +
			"  Add \"apiVersion: tomcheck/v1\" at the top of the file.\n" +
			"tom.yaml:1:1: error: missing kind\n" +
			"  Add \"kind: TOM\" at the top of the file.\n"},
		{"apiVersion not text", "apiVersion: [v1]\nkind: {a: b}\nclaims: []\n", "tom.yaml:1:13: error: apiVersion must be text, got a list\n" +
			"  Write apiVersion as text, e.g. tomcheck/v1.\n" +
			"tom.yaml:2:7: error: kind must be text, got a mapping\n" +
			"  Write kind as text, e.g. TOM.\n"},
		{"no claims", head, "tom.yaml:1:1: warning: the claims file has no claims\n" +
			"  Add a \"claims:\" list; every report would be empty without it.\n"},
		{"empty claims", head + "claims:\nunmapped:\n", ""},
		{"claims not a list", head + "claims: {id: a}\nunmapped: text\n", "tom.yaml:3:9: error: claims must be a list, got a mapping\n" +
			"  Write claims as a list, each entry starting with \"- id: …\".\n" +
			"tom.yaml:4:11: error: unmapped must be a list, got string \"text\"\n" +
			"  Write unmapped as a list, each entry starting with \"- statement: …\".\n"},
		{"metadata not a mapping", head + "metadata: Beispiel\nclaims: []\n", "tom.yaml:3:11: error: metadata must be a mapping, got string \"Beispiel\"\n" +
			"  Write metadata as key: value pairs, e.g. {organisation: Beispiel GmbH, document: TOM 2026-04}.\n"},
		{"non-string key", head + "[a]: 1\nclaims: []\n", "tom.yaml:3:1: error: a key of the claims file must be a string, got a list\n" +
			"  Write each key as a plain word.\n"},
		{"duplicate key", head + "claims: []\nclaims: []\n", "tom.yaml:4:1: error: duplicate key \"claims\" in the claims file\n" +
			"  It is first set at line 3; remove one of them.\n"},
		{"merge key", head + "base: &b {statement: x}\nclaims:\n  - <<: *b\n    id: a\n    check: storage.encryption_at_rest\n",
			"tom.yaml:3:1: error: unknown key \"base\" in the claims file\n" +
				"  Valid keys: apiVersion, kind, metadata, claims, unmapped.\n" +
				"tom.yaml:5:5: error: unknown key \"<<\" in claim\n" +
				"  YAML merge keys are not supported; write the keys out. Valid keys: id, area, statement, source, type, check, params, attestation, scope, exceptions, confidence, analysis, note.\n" +
				"tom.yaml:5:5: error: claim \"a\" has no statement\n" +
				"  Add the statement of the TOM document the claim checks, in its own words, e.g. \"statement: Die Übertragung erfolgt über HTTPS (min. TLS 1.2).\"\n"},
		{"alias cycle", head + "claims: &a [*a]\n", "tom.yaml:3:9: error: YAML anchor \"a\" contains an alias to itself\n" +
			"  Anchor a node and refer to it elsewhere, never from inside itself.\n"},
		{"alias bomb", head + aliasBomb(), "tom.yaml:1:1: error: the file expands to more than 200000 YAML nodes through aliases\n" +
			"  Write the repeated parts out, or use fewer nested aliases.\n"},
		{"deep nesting", head + "claims: " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n", "tom.yaml:3:209: error: the YAML nests more than 200 levels deep\n" +
			"  Flatten the structure; tomcheck's files need only a few levels.\n"},
		{"attestation without max_age", head + "claims:\n  - {id: a, statement: s, attestation: }\n  - {id: b, statement: s, attestation: {}}\n", ""},
		{"aliases that are fine", head + "x: &s {subject: \"*a*\", reason: r, approved_by: b, expires: 2027-01-01}\nclaims: []\n",
			"tom.yaml:3:1: error: unknown key \"x\" in the claims file\n  Valid keys: apiVersion, kind, metadata, claims, unmapped.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds := ParseTOM("tom.yaml", []byte(tt.src), testCatalog(t), testNow)
			if got := render(ds); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// aliasBomb is a billion-laughs document: ten aliases per level, nine levels.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func itoa(i int) string { return string(rune('0' + i)) }

func TestParseTOMAreas(t *testing.T) {
	tests := []struct{ given, want, diag string }{
		{"Zugangskontrolle", "Zugangskontrolle", ""},
		{"zugangskontrolle", "Zugangskontrolle", ""},
		{"ZUGANGSKONTROLLE", "Zugangskontrolle", ""},
		{"Verfügbarkeitskontrolle", "Verfügbarkeitskontrolle", ""},
		{"Verfuegbarkeitskontrolle", "Verfügbarkeitskontrolle", ""},
		{"Ueberpruefung", "Überprüfung", ""},
		{"Übertragungskontrolle", "Weitergabekontrolle", ""},
		{"Uebertragungskontrolle", "Weitergabekontrolle", ""},
		{"Datenträgerkontrolle", "Weitergabekontrolle", ""},
		{"transfer control", "Weitergabekontrolle", ""},
		{"Availability", "Verfügbarkeitskontrolle", ""},
		{"Belastbarkeit", "Verfügbarkeitskontrolle", ""},
		{"Trennungsgebot", "Trennungskontrolle", ""},
		{"Datenintegrität", "Integrität", ""},
		{"Incident-Response-Management", "Überprüfung", ""},
		{"Pseudonymisation", "Pseudonymisierung", ""},
		{"Zugangskontrole", "", "tom.yaml:6:11: error: unknown area \"Zugangskontrole\"\n" +
			"  Did you mean \"Zugangskontrolle\"? Use a control area: " + strings.Join(areaList(), ", ") + " (any case; ae, oe, ue for ä, ö, ü; the English names work too).\n"},
		{"confidentialiti", "", "tom.yaml:6:11: error: unknown area \"confidentialiti\"\n" +
			"  Did you mean \"Vertraulichkeit\"? Use a control area: " + strings.Join(areaList(), ", ") + " (any case; ae, oe, ue for ä, ö, ü; the English names work too).\n"},
		{"Verfugbarkeit", "", "tom.yaml:6:11: error: unknown area \"Verfugbarkeit\"\n" +
			"  Did you mean \"Verfügbarkeitskontrolle\"? Use a control area: " + strings.Join(areaList(), ", ") + " (any case; ae, oe, ue for ä, ö, ü; the English names work too).\n"},
		{"Kaffeeküche", "", "tom.yaml:6:11: error: unknown area \"Kaffeeküche\"\n" +
			"  Use a control area: " + strings.Join(areaList(), ", ") + " (any case; ae, oe, ue for ä, ö, ü; the English names work too).\n"},
	}
	for _, tt := range tests {
		t.Run(tt.given, func(t *testing.T) {
			src := "apiVersion: tomcheck/v1\nkind: TOM\nclaims:\n  - id: a\n    statement: s\n    area: " + tt.given + "\n    check: storage.encryption_at_rest\n"
			tom, ds := ParseTOM("tom.yaml", []byte(src), testCatalog(t), testNow)
			if got := render(ds); got != tt.diag {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diag)
			}
			if got := tom.Claims[0].Area; got != tt.want {
				t.Errorf("area = %q, want %q", got, tt.want)
			}
		})
	}
}

func areaList() []string {
	return []string{"Zutrittskontrolle", "Zugangskontrolle", "Zugriffskontrolle", "Weitergabekontrolle", "Eingabekontrolle",
		"Auftragskontrolle", "Verfügbarkeitskontrolle", "Wiederherstellbarkeit", "Trennungskontrolle", "Integrität",
		"Vertraulichkeit", "Pseudonymisierung", "Verschlüsselung", "Überprüfung"}
}

func TestParseTOMIDs(t *testing.T) {
	tests := []struct{ id, diag string }{
		{"transport-tls", ""},
		{"a", ""},
		{"0day", ""},
		{"backup.max_interval-2", ""},
		{"Transport", "tom.yaml:4:9: error: invalid claim id \"Transport\"\n" +
			"  An id is lowercase letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit, e.g. \"transport\".\n"},
		{"-leading", "tom.yaml:4:9: error: invalid claim id \"-leading\"\n" +
			"  An id is lowercase letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit, e.g. \"leading\".\n"},
		{"Übertragung über TLS", "tom.yaml:4:9: error: invalid claim id \"Übertragung über TLS\"\n" +
			"  An id is lowercase letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit, e.g. \"uebertragung-ueber-tls\".\n"},
		{`"!!!"`, "tom.yaml:4:9: error: invalid claim id \"!!!\"\n" +
			"  An id is lowercase letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit, e.g. \"claim-1\".\n"},
		{"''", "tom.yaml:4:5: error: claim has no id\n" +
			"  Add a unique id, e.g. \"id: transport-tls\"; reports, attestations and history refer to claims by id.\n"},
		{"", "tom.yaml:4:5: error: claim has no id\n" +
			"  Add a unique id, e.g. \"id: transport-tls\"; reports, attestations and history refer to claims by id.\n"},
		{"[a]", "tom.yaml:4:9: error: id must be text, got a list\n" +
			"  Write id as text, e.g. transport-tls.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			src := "apiVersion: tomcheck/v1\nkind: TOM\nclaims:\n  - id: " + tt.id + "\n    statement: s\n    check: storage.encryption_at_rest\n"
			_, ds := ParseTOM("tom.yaml", []byte(src), testCatalog(t), testNow)
			if got := render(ds); got != tt.diag {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diag)
			}
		})
	}
}

// TestParseTOMExceptionExpiry walks the edges of "at most 12 months ahead"
// and of "valid through that day".
func TestParseTOMExceptionExpiry(t *testing.T) {
	tests := []struct {
		now     time.Time
		expires string
		diag    string
	}{
		{testNow, "2027-11-22", ""},
		{testNow, "2027-11-23", "tom.yaml:10:19: error: exception expires 2027-11-23, more than 12 months ahead\n" +
			"  An exception lasts at most 12 months from today (2026-11-22): set expires to 2027-11-22 or earlier, and renew it then.\n"},
		{time.Date(2026, 11, 22, 23, 59, 0, 0, time.FixedZone("CET", 3600)), "2027-11-22", ""}, // 22:59 UTC: still the 22nd
		{time.Date(2026, 11, 23, 0, 30, 0, 0, time.FixedZone("CET", 3600)), "2027-11-22", ""},  // 23:30 UTC on the 22nd
		{testNow, "2026-11-22", ""}, // holds through today
		{testNow, "2026-11-21", "tom.yaml:10:19: warning: exception \"*x*\" expired on 2026-11-21\n" +
			"  It no longer applies and every report flags it; renew it with a new expires date or remove it.\n"},
		{time.Date(2027, 2, 28, 12, 0, 0, 0, time.UTC), "2028-02-28", ""},
		{time.Date(2027, 2, 28, 12, 0, 0, 0, time.UTC), "2028-02-29", "tom.yaml:10:19: error: exception expires 2028-02-29, more than 12 months ahead\n" +
			"  An exception lasts at most 12 months from today (2027-02-28): set expires to 2028-02-28 or earlier, and renew it then.\n"},
		{testNow, "2027-02-30", "tom.yaml:10:19: error: exception expires \"2027-02-30\" is not a date (YYYY-MM-DD)\n" +
			"  Give the last day the exception holds, at most 12 months ahead, e.g. expires: 2027-11-22.\n"},
		{testNow, "2027-03-31T00:00:00Z", "tom.yaml:10:19: error: exception expires \"2027-03-31T00:00:00Z\" is not a date (YYYY-MM-DD)\n" +
			"  Give the last day the exception holds, at most 12 months ahead, e.g. expires: 2027-11-22.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.expires+"@"+tt.now.Format(time.RFC3339), func(t *testing.T) {
			src := "apiVersion: tomcheck/v1\nkind: TOM\nclaims:\n  - id: a\n    statement: s\n    check: storage.encryption_at_rest\n    exceptions:\n" +
				"      - {subject: \"*x*\", reason: r,\n         approved_by: b,\n         expires: " + tt.expires + "}\n"
			tom, ds := ParseTOM("tom.yaml", []byte(src), testCatalog(t), tt.now)
			if got := render(ds); got != tt.diag {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diag)
			}
			if !ds.HasErrors() {
				x := tom.Claims[0].Exceptions
				if len(x) != 1 || x[0].Expires.Format(time.DateOnly) != tt.expires || x[0].Expires.Location() != time.UTC {
					t.Errorf("exceptions = %+v", x)
				}
			}
		})
	}
}

// TestParseTOMWithoutCatalog keeps params as written when no catalog is given.
func TestParseTOMWithoutCatalog(t *testing.T) {
	src := "apiVersion: tomcheck/v1\nkind: TOM\nclaims:\n  - id: a\n    statement: s\n    check: no.such_check\n    params: {hours: 24, ratio: 0.5, on: true}\n" +
		"  - id: b\n    statement: s\n    check: no.such_check\n    params: [1]\n"
	tom, ds := ParseTOM("tom.yaml", []byte(src), nil, testNow)
	want := "tom.yaml:11:13: error: params must be a mapping, got a list\n  Write the parameters as a mapping of names to values, e.g. params: {hours: 24}.\n"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if p := tom.Claims[0].Params; !reflect.DeepEqual(p, map[string]any{"hours": int64(24), "ratio": 0.5, "on": true}) {
		t.Errorf("params = %#v", p)
	}
}

func TestLoadTOM(t *testing.T) {
	path := filepath.Join("testdata", "valid-tom.yaml")
	tom, ds := LoadTOM(path, testCatalog(t), testNow)
	if len(ds) > 0 || tom.Path != path || len(tom.Claims) != 6 {
		t.Errorf("LoadTOM: %d claims, path %q, diagnostics:\n%s", len(tom.Claims), tom.Path, render(ds))
	}
	missing := filepath.Join("testdata", "missing.yaml")
	tom, ds = LoadTOM(missing, testCatalog(t), testNow)
	want := "testdata/missing.yaml: error: read claims file: open testdata/missing.yaml: no such file or directory\n" +
		"  Write the claims file, e.g. with \"tomcheck init\", or point \"tom:\" in tomcheck.yaml at it.\n"
	if got := render(ds); got != want || tom == nil || tom.Path != missing {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
