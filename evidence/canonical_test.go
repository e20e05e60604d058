package evidence

import (
	"strings"
	"testing"
)

func TestCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		// RFC 8785 §3.2.2.3 number serialisation
		{`[0, -0, 1, -1, 1.5, 1e21, 1e-7, 0.000001, 1e20, 123456789012345680000, 4.5e-324, 1.7976931348623157e308, 333333333.33333329]`,
			`[0,0,1,-1,1.5,1e+21,1e-7,0.000001,100000000000000000000,123456789012345680000,5e-324,1.7976931348623157e+308,333333333.3333333]`},
		// members sorted by UTF-16 code units: U+20AC (0x20AC) sorts before U+1F600 (0xD83D…) though it is larger as a rune
		{`{"b": 1, "a": {"z": true, "y": null}, "\u20ac": 2, "😀": 3, "\r": 4}`, `{"\r":4,"a":{"y":null,"z":true},"b":1,"€":2,"😀":3}`},
		// minimal escapes; non-ASCII stays literal
		{`"\u0041\u00e9\u001f\t\"\\/"`, `"Aé\u001f\t\"\\/"`},
	}
	for _, tc := range tests {
		got, err := Canonicalize([]byte(tc.in))
		if err != nil {
			t.Fatalf("Canonicalize(%s): %v", tc.in, err)
		}
		if string(got) != tc.want {
			t.Errorf("Canonicalize(%s)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

func TestCanonicalizeErrors(t *testing.T) {
	for _, in := range []string{`{`, `[1] [2]`, `1e999`} {
		if _, err := Canonicalize([]byte(in)); err == nil {
			t.Errorf("Canonicalize(%s) succeeded", in)
		}
	}
}

func TestRecordDigest(t *testing.T) {
	r := Record{Kind: "terraform.resource", Subject: "tf:infra/aws_s3_bucket.a", Origin: OriginDeclared,
		Data: map[string]any{"values": map[string]any{"bucket": "a", "size": 10.0}}}
	if err := r.Seal(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Digest, "sha256:") || len(r.Digest) != len("sha256:")+64 {
		t.Fatalf("digest %q", r.Digest)
	}
	if err := r.Verify(); err != nil {
		t.Errorf("Verify after Seal: %v", err)
	}
	// the digest covers the content: a changed value no longer verifies
	r.Data["values"].(map[string]any)["size"] = 11.0
	if err := r.Verify(); err == nil || !strings.Contains(err.Error(), "does not match its content") {
		t.Errorf("Verify after a change: %v", err)
	}
	// key order and white space do not matter
	a, _ := DigestJSON([]byte(`{"a":1,"b":[1,2]}`))
	b, _ := DigestJSON([]byte("{ \"b\": [1, 2],\n \"a\": 1.0 }"))
	if a != b {
		t.Errorf("digests of equal JSON differ: %s %s", a, b)
	}
}
