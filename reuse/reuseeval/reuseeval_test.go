package reuseeval

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/reuse"
)

const dataDir = "../../../shared/data"

func needData(t *testing.T) {
	if _, err := os.Stat(filepath.Join(dataDir, "ecbplus", "labels.tsv")); err != nil {
		t.Skipf("data sets not found: %v", err)
	}
}

// TestBenchmarkTargets runs a small generated benchmark and checks the
// issue's targets.
func TestBenchmarkTargets(t *testing.T) {
	needData(t)
	var out, errs bytes.Buffer
	if code := Main([]string{"-data", dataDir, "-n", "15", "-seed", "7"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	t.Log(out.String())
	for _, c := range []struct {
		re  string
		min float64
	}{
		{`pairs \(shares text\): .* F1 ([0-9.]+)`, 0.97},
		{`kind macro-F1: ([0-9.]+)`, 0.90},
		{`passages \(characters\): .* F1 ([0-9.]+)`, 0.90},
	} {
		m := regexp.MustCompile(c.re).FindStringSubmatch(out.String())
		if m == nil {
			t.Fatalf("no %q in output", c.re)
		}
		if v, _ := strconv.ParseFloat(m[1], 64); v < c.min {
			t.Errorf("%s = %v, want >= %v", c.re, v, c.min)
		}
	}
}

func TestBenchmarkDeterministic(t *testing.T) {
	needData(t)
	run := func(j string) string {
		var out, errs bytes.Buffer
		if code := Main([]string{"-data", dataDir, "-n", "5", "-j", j}, &out, &errs); code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
		// Timings differ between runs; everything else must not.
		return regexp.MustCompile(`(?m)^time: .*$`).ReplaceAllString(out.String(), "")
	}
	if a, b := run("1"), run("2"); a != b {
		t.Errorf("output differs with workers:\n%s\n%s", a, b)
	}
}

func TestScaleSmall(t *testing.T) {
	needData(t)
	var out, errs bytes.Buffer
	if code := Main([]string{"-data", dataDir, "-scale", "300", "-baseline", "100"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{"articles/s", "peak RSS", "baseline"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("no %q in output:\n%s", want, out.String())
		}
	}
}

func TestUsage(t *testing.T) {
	var out, errs bytes.Buffer
	if code := Main([]string{"-nosuchflag"}, &out, &errs); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if code := Main([]string{"-data", "/nonexistent"}, &out, &errs); code != 1 {
		t.Errorf("exit %d for a missing data directory, want 1", code)
	}
}

// BenchmarkFindSynthetic runs the reuse stage on the synthetic corpus that
// "newsfold eval scale" folds, for profiling:
//
//	go test -run x -bench FindSynthetic -cpuprofile cpu.prof ./reuse/reuseeval/
func BenchmarkFindSynthetic(b *testing.B) {
	if _, err := os.Stat(filepath.Join(dataDir, "ecbplus", "labels.tsv")); err != nil {
		b.Skipf("data sets not found: %v", err)
	}
	bodies, ecb, err := loadSources(dataDir)
	if err != nil {
		b.Fatal(err)
	}
	const n = 20000
	arts, _ := newSynth(append(bodies, ecb...), 1).corpus(n, 2)
	opts := reuse.DefaultOptions()
	opts.Workers = 2
	b.ResetTimer()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		reuse.Find(arts, opts)
	}
	cpu := measure.CPUTime() - cpu0
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(cpu.Seconds()*1e6/float64(n)/float64(b.N), "cpu-µs/article")
}
