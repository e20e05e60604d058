package diag

import "testing"

func TestDiagnosticError(t *testing.T) {
	var ds Diagnostics
	ds.Warnf(Pos{File: "tom.yaml", Line: 9, Column: 3}, "", "claims file has no claims")
	ds.Errorf(Pos{File: "tom.yaml", Line: 4, Column: 12}, "Did you mean \"transport.tls_min_version\"?\nList them with 'tomcheck checks'.", "unknown check %q", "transport.tls")
	ds.Errorf(Pos{File: "tomcheck.yaml"}, "", "empty file")
	ds.Sort()
	want := "tom.yaml:4:12: error: unknown check \"transport.tls\"\n  Did you mean \"transport.tls_min_version\"?\n  List them with 'tomcheck checks'.\n" +
		"tom.yaml:9:3: warning: claims file has no claims\n" +
		"tomcheck.yaml: error: empty file\n" +
		"2 error(s), 1 warning(s)"
	if got := ds.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !ds.HasErrors() || len(ds.Errors()) != 2 || ds.Err() == nil {
		t.Error("error accounting")
	}
	var warnOnly Diagnostics
	warnOnly.Warnf(Pos{}, "", "w")
	if warnOnly.Err() != nil {
		t.Error("warnings alone are not an error")
	}
}

func TestSuggest(t *testing.T) {
	ids := []string{"transport.tls_min_version", "transport.https_only", "backup.max_interval", "backup.retention"}
	tests := map[string]string{
		"transport.tls_min_versoin": "transport.tls_min_version", // transposition
		"backup.max_intervall":      "backup.max_interval",
		"backup.retension":          "backup.retention",
		"logging.retention":         "",
		"x":                         "",
	}
	for in, want := range tests {
		if got := Suggest(in, ids); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := DidYouMean("min_dayz", []string{"min_days"}); got != `did you mean "min_days"?` {
		t.Errorf("DidYouMean = %q", got)
	}
	if levenshtein("ab", "ba") != 1 || levenshtein("", "abc") != 3 || levenshtein("kitten", "sitting") != 3 {
		t.Error("levenshtein")
	}
}
