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

func TestBadRunsIsAUsageError(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"-cli", "-runs", "0"}, &out, &errOut); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}

func TestMedianRun(t *testing.T) {
	for _, c := range []struct {
		walls []float64
		want  float64
	}{
		{[]float64{19.5}, 19.5},
		{[]float64{21, 18, 19}, 19},
		{[]float64{18, 24, 19, 20}, 20}, // the slower middle run of an even count
		{[]float64{19, 19, 18}, 19},
	} {
		runs := make([]cliRun, len(c.walls))
		for i, w := range c.walls {
			runs[i] = cliRun{wall: w, cpu: 2 * w, rss: float64(i)}
		}
		got := medianRun(runs)
		if got.wall != c.want || got.cpu != 2*c.want {
			t.Errorf("medianRun(%v) = %+v, want the run of %v s", c.walls, got, c.want)
		}
		if runs[0].wall != c.walls[0] {
			t.Errorf("medianRun reordered its argument")
		}
	}
}
