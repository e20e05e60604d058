package report

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tomcheck/tomcheck/evidence"
	"github.com/tomcheck/tomcheck/internal/checks"
	"github.com/tomcheck/tomcheck/internal/engine"
)

var verb = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

func TestTextsHaveBothLanguages(t *testing.T) {
	for key, tx := range texts {
		if strings.TrimSpace(tx.en) == "" || strings.TrimSpace(tx.de) == "" {
			t.Errorf("%s: en %q, de %q: both languages are required", key, tx.en, tx.de)
		}
		en, de := verb.FindAllString(tx.en, -1), verb.FindAllString(tx.de, -1)
		if strings.Join(en, " ") != strings.Join(de, " ") {
			t.Errorf("%s: verbs differ between en %q and de %q", key, en, de)
		}
	}
}

// TestTextKeysUsed checks both directions between the renderers and the
// table: every key the code names exists, and every key is used.
func TestTextKeysUsed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	call := regexp.MustCompile(`\b(?:t|f|label|plural|add)\((?:l, )?"([a-z][a-z0-9._]*[a-z0-9])"`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			if strings.HasPrefix(m[0], "plural(") {
				used[m[1]+".one"], used[m[1]+".other"] = true, true
				continue
			}
			used[m[1]] = true
		}
	}
	// Keys built at run time.
	for _, v := range engine.Verdicts {
		used["verdict."+string(v)] = true
	}
	for _, b := range []string{engine.BasisLive, engine.BasisDeclared, engine.BasisMixed} {
		used["basis."+b] = true
	}
	for _, s := range []string{engine.ExceptionApplied, engine.ExceptionUnused, engine.ExceptionExpired, engine.ExceptionStale} {
		used["state."+s] = true
	}
	for _, o := range []string{evidence.OutcomeOK, evidence.OutcomePartial, evidence.OutcomeFailed, evidence.OutcomeNotApplicable} {
		used["outcome."+o] = true
	}

	var missing, unused []string
	for k := range used {
		if _, ok := texts[k]; !ok {
			missing = append(missing, k)
		}
	}
	for k := range texts {
		if !used[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing) > 0 {
		t.Errorf("keys used but not translated: %q", missing)
	}
	if len(unused) > 0 {
		t.Errorf("keys translated but never used: %q", unused)
	}
}

func TestAreaNames(t *testing.T) {
	for _, a := range checks.Areas {
		if areaGloss[a] == "" {
			t.Errorf("area %s has no English gloss", a)
		}
		if got := lang("de").area(a); got != a {
			t.Errorf("de: %q, want the canonical name %q", got, a)
		}
	}
	for a := range areaGloss {
		if checks.AreaIndex(a) == len(checks.Areas) {
			t.Errorf("gloss for %q, which is not a canonical area", a)
		}
	}
	if got := lang("en").area("Weitergabekontrolle"); got != "Weitergabekontrolle (transfer control)" {
		t.Errorf("en: %q", got)
	}
	if got := lang("en").area("Eigene"); got != "Eigene" {
		t.Errorf("unknown area: %q", got)
	}
}

func TestLanguageFallback(t *testing.T) {
	tests := []struct {
		l        lang
		en, de   string
		want     string
		testName string
	}{
		{"de", "english", "deutsch", "deutsch", "de picks German"},
		{"de", "english", "", "english", "de falls back to English"},
		{"en", "english", "deutsch", "english", "en picks English"},
		{"en", "", "deutsch", "deutsch", "en falls back to German"},
	}
	for _, tt := range tests {
		if got := tt.l.msg(engine.Message{EN: tt.en, DE: tt.de}); got != tt.want {
			t.Errorf("%s: %q", tt.testName, got)
		}
	}
	if got := lang("de").t("no.such.key"); got != "{no.such.key}" {
		t.Errorf("missing key shows as %q", got)
	}
}
