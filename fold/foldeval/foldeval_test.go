package foldeval

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const data = "../../../shared/data"

func TestScaleRunsEndToEnd(t *testing.T) {
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no shared data: %v", err)
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"-data", data, "-n", "60,120", "-j", "2"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 || !strings.HasPrefix(strings.TrimSpace(lines[1]), "60 ") || !strings.HasPrefix(strings.TrimSpace(lines[2]), "120 ") {
		t.Errorf("unexpected table:\n%s", out.String())
	}
}

func TestBadSizeIsAUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"-n", "10,x"}, &out, &errOut); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}
