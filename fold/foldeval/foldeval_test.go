package foldeval

import (
	"bytes"
	"os"
	"slices"
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

func TestCLIRunsTakeTurns(t *testing.T) {
	corpora := []cliCorpus{{n: 10}, {n: 100}}
	var order []int
	timed, err := cliRounds(corpora, 3, func(c cliCorpus) (cliRun, error) {
		order = append(order, c.n)
		return cliRun{wall: float64(len(order))}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{10, 100, 10, 100, 10, 100}; !slices.Equal(order, want) {
		t.Errorf("runs in order %v, want %v", order, want)
	}
	if len(timed) != 2 || len(timed[0]) != 3 || timed[1][2].wall != 6 {
		t.Errorf("runs by corpus and round: %+v", timed)
	}
}

func TestCLIGrowthIsMeasuredWithinRounds(t *testing.T) {
	corpora := []cliCorpus{{n: 10}, {n: 100}}
	// The larger corpus costs 1.1 times as much per article as the
	// smaller, but the machine is twice as slow in the second round, and
	// in the third while the larger runs: the median round says 1.1x,
	// where the sizes' median runs would say 2.2x.
	timed := [][]cliRun{
		{{wall: 1, cpu: 1, rss: 10}, {wall: 2, cpu: 2, rss: 10}, {wall: 1, cpu: 1, rss: 10}},
		{{wall: 11, cpu: 11, rss: 50}, {wall: 22, cpu: 22, rss: 50}, {wall: 22, cpu: 22, rss: 50}},
	}
	var out bytes.Buffer
	reportCLI(&out, corpora, timed)
	if !strings.Contains(out.String(), "grew 1.10x and peak RSS per article 0.50x") {
		t.Errorf("growth not measured within rounds:\n%s", out.String())
	}
}
