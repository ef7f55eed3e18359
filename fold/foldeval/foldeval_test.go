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
	// A header, then per size a row and one line per stage, then the
	// growth and the machine.
	stages := []string{"learn", "clean", "reuse", "cluster", "story", "write"}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3+2*(1+len(stages)) {
		t.Fatalf("unexpected table:\n%s", out.String())
	}
	for k, size := range []string{"60 ", "120 "} {
		row := 1 + k*(1+len(stages))
		if !strings.HasPrefix(strings.TrimSpace(lines[row]), size) {
			t.Errorf("line %d is not the row of %s articles:\n%s", row, size, out.String())
		}
		for j, stage := range stages {
			if f := strings.Fields(lines[row+1+j]); len(f) == 0 || f[0] != stage {
				t.Errorf("line %d is not stage %s:\n%s", row+1+j, stage, out.String())
			}
		}
	}
}

func TestBadSizeIsAUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"-n", "10,x"}, &out, &errOut); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}
