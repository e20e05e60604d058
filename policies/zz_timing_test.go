package policies_test

import (
	"os"
	"strconv"
	"testing"
	"time"
)

func TestZZTiming(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("UNITS"))
	modules := parseLibrary(t)
	for _, pc := range prepareChecks(t, modules, synthetic(n)) {
		start := time.Now()
		fs := evalFindings(t, pc)
		t.Logf("%-35s %6d findings %v", pc.spec.id, len(fs), time.Since(start))
	}
}
