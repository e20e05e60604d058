package claims

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, subject string
		want             bool
	}{
		{"*bastion*", "tf:infra/module.net.aws_instance.bastion", true},
		{"*bastion*", "arn:aws:ec2:eu-central-1:123456789012:instance/bastion-1", true},
		{"*bastion*", "arn:aws:ec2:eu-central-1:123456789012:instance/web-1", false},
		{"*", "", true},
		{"*", "anything/with:colons", true},
		{"", "", true},
		{"tls://*:443", "tls://shop.example.com:443", true},
		{"tls://*:443", "tls://shop.example.com:4430", false},
		{"k8s://prod/*/RoleBinding/*", "k8s://prod/payments/RoleBinding/ops-admin", true},
		{"k8s://prod/*/RoleBinding/*", "k8s://prod/ClusterRoleBinding/cluster-admins", false},
		{"web-?", "web-1", true},
		{"web-?", "web-12", false},
		{"web-?", "web-", false},
		{"h?st", "höst", true}, // ? is one character, not one byte
		{"web-[12]", "web-1", false},
		{"web-[12]", "web-[12]", true}, // [ is literal
		{`a\*b`, `a\xyzb`, true},       // no escapes: \ is literal, * is a wildcard
		{"Bastion", "bastion", false},  // case-sensitive
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYbZc", true},
		{"a*b*c", "aXbYbZ", false},
		{"*a", "ba", true},
		{"*a", "ab", false},
		{"a**", "a", true},
		{"?*", "", false},
		{"*?", "x", true},
		{"*", "*", true},
		{"x*", "x*y", true},
	}
	for _, tt := range tests {
		g := &Glob{pattern: tt.pattern, runes: []rune(tt.pattern)}
		if tt.pattern != "" {
			var err error
			if g, err = CompileGlob(tt.pattern); err != nil {
				t.Fatalf("CompileGlob(%q): %v", tt.pattern, err)
			}
		}
		if got := g.Match(tt.subject); got != tt.want {
			t.Errorf("%q.Match(%q) = %v, want %v", tt.pattern, tt.subject, got, tt.want)
		}
	}
}

func TestCompileGlobErrors(t *testing.T) {
	for _, tt := range []struct{ pattern, want string }{
		{"", "empty pattern"},
		{"a\xffb", "pattern is not valid UTF-8"},
	} {
		if _, err := CompileGlob(tt.pattern); err == nil || err.Error() != tt.want {
			t.Errorf("CompileGlob(%q) = %v, want %q", tt.pattern, err, tt.want)
		}
	}
	g, err := CompileGlob("*x*")
	if err != nil || g.String() != "*x*" {
		t.Errorf("String() = %v, %v", g, err)
	}
}

// TestGlobMatchIsNotExponential would take ages with naive backtracking.
func TestGlobMatchIsNotExponential(t *testing.T) {
	g, err := CompileGlob(strings.Repeat("*a", 30) + "b")
	if err != nil {
		t.Fatal(err)
	}
	if g.Match(strings.Repeat("a", 5000)) {
		t.Error("matched a subject without b")
	}
}

func FuzzGlobMatch(f *testing.F) {
	f.Add("*bastion*", "tf:infra/aws_instance.bastion")
	f.Add("a?c*", "abcdef")
	f.Fuzz(func(t *testing.T, pattern, subject string) {
		g, err := CompileGlob(pattern)
		if err != nil || !utf8.ValidString(subject) {
			return
		}
		// A pattern without wildcards matches exactly itself.
		if !strings.ContainsAny(pattern, "*?") && g.Match(subject) != (pattern == subject) {
			t.Errorf("literal %q vs %q", pattern, subject)
		}
		// Every string matches a pattern made of itself with wildcards around it.
		if w, err := CompileGlob("*" + subject + "*"); err == nil && !w.Match("x"+subject+"y") {
			t.Errorf("*%s* does not match x%sy", subject, subject)
		}
	})
}

// TestReaderGlobError covers a pattern CompileGlob rejects; YAML input is
// always UTF-8 and empty entries are reported before, so only a caller
// passing other text reaches it.
func TestReaderGlobError(t *testing.T) {
	r := newReader("tom.yaml", nil)
	if r.glob(nil, "a\xff", "pattern") {
		t.Error("glob accepted invalid UTF-8")
	}
	want := "tom.yaml: error: invalid pattern \"a\\xff\": pattern is not valid UTF-8\n" +
		"  Write a glob: \"*\" matches any run of characters, \"?\" one character, everything else itself.\n"
	if got := render(r.ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}
