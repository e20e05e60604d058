package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tomcheck/tomcheck/collectors"
)

func TestProgressRedrawsInPlace(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b)
	p.update(collectors.Progress{Target: "terraform/infra"})
	p.update(collectors.Progress{Target: "attestations/docs"})
	p.update(collectors.Progress{Target: "terraform/infra", Records: 85, Done: true, Outcome: "ok"})
	p.update(collectors.Progress{Target: "attestations/docs", Records: 3, Gaps: 1, Done: true, Outcome: "partial"})
	out := b.String()
	last := out[strings.LastIndex(out, "\x1b[2A"):]
	want := "\x1b[2A\r\x1b[K  attestations/docs                              3 records  partial (1 gap(s))\n" +
		"\r\x1b[K  terraform/infra                               85 records  ok\n"
	if last != want {
		t.Errorf("last frame %q\nwant %q", last, want)
	}
}
