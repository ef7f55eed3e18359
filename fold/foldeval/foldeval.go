// Package foldeval measures the whole fold pipeline end to end on
// synthetic corpora of growing size: articles per second, CPU time and
// peak memory, and how they grow with the corpus.
//
// It is "newsfold eval scale". The corpus comes from
// reuseeval.SyntheticDocuments (real news vocabulary, copy families); each
// size runs clean, reuse, cluster, story and the JSON Lines writer, just as
// "newsfold fold --json" does, with the output counted and discarded.
// With -cli it times the command itself instead: each corpus is written as
// gzipped JSON Lines and "newsfold fold --json" runs on it as a child
// process, so that reading, decompressing and writing files count too;
// -runs repeats each such run and reports the median, for the machine's
// speed drifts from minute to minute; the sizes take turns, so that their
// comparison is of runs made in the same minutes.
package foldeval

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/ingest"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/prefault"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/report"
	"github.com/newsfold/newsfold/reuse/reuseeval"
)

// Main runs the measurement with command-line arguments args and returns
// the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", shareddata.Dir(), "data directory holding ecbplus/ and article-extraction-benchmark/")
	sizes := fs.String("n", "2000,10000", "comma-separated corpus sizes, in articles")
	seed := fs.Uint64("seed", 1, "random seed of the synthetic corpus")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "workers")
	write := fs.String("write", "", "write the largest corpus as gzipped JSON Lines to this file (for timing the CLI itself) and stop")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the runs to this file")
	memoryLimit := fs.String("memory-limit", "", "soft limit on the heap, as in newsfold fold --memory-limit")
	cli := fs.Bool("cli", false, "time the command line itself: write each corpus as gzipped JSON Lines to a temporary directory and run \"newsfold fold --json\" on it as a child process")
	runs := fs.Int("runs", 1, "with -cli, run the command this many times on each corpus, the sizes taking turns, and report the run of median wall time, with every run's time: the machine's speed drifts from minute to minute")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *runs < 1 {
		fmt.Fprintf(stderr, "scale: -runs must be at least 1\n")
		return 2
	}
	if *memoryLimit != "" {
		if err := measure.SetMemoryLimit(*memoryLimit); err != nil {
			fmt.Fprintf(stderr, "scale: -memory-limit: %v\n", err)
			return 2
		}
	}
	measure.SetFoldGC() // as newsfold fold does
	if *cpuprofile != "" {
		stop, err := measure.StartCPUProfile(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
		defer stop()
	}
	var ns []int
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(stderr, "scale: bad size %q in -n\n", f)
			return 2
		}
		ns = append(ns, n)
	}
	if *write != "" {
		docs, size, err := synthetic(*data, ns[len(ns)-1], *seed, *workers)
		if err == nil {
			err = writeJSONL(*write, docs)
		}
		if err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, wroteFormat, len(docs), size, *write)
		return 0
	}

	if *cli {
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
		return runCLI(stdout, stderr, exe, ns, *runs, *data, *seed, *workers, *memoryLimit)
	}

	// As newsfold fold does; not while timing the command, whose own
	// watcher does it there: this process's watcher would wake every
	// millisecond while it waits, and a process waking that often beside
	// a fold made it 9-26% slower on a 2-core virtual machine.
	defer prefault.Start()()

	fmt.Fprintf(stdout, "%8s %10s %10s %12s %14s %10s %9s %8s\n",
		"articles", "MB text", "wall s", "articles/s", "articles/cpu-s", "heap MB", "rels", "stories")
	var first, last float64
	for i, n := range ns {
		docs, size, err := synthetic(*data, n, *seed, *workers)
		if err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
		runtime.GC()
		stages := measure.NewStages()
		cpu0, t0 := measure.CPUTime(), time.Now()
		res := fold.Run(docs, fold.Options{Workers: *workers, Progress: func(stage string, _, _ int) { stages.Enter(stage) }})
		stages.Enter("write")
		var out countingWriter
		if err := report.JSON(&out, res); err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
		wall, cpu := time.Since(t0), measure.CPUTime()-cpu0
		perStage := stages.Stop()
		var peak uint64
		for _, s := range perStage {
			peak = max(peak, s.PeakHeap)
		}
		perCPU := float64(n) / cpu.Seconds()
		fmt.Fprintf(stdout, "%8d %10.1f %10.2f %12.0f %14.0f %10.0f %9d %8d\n",
			n, float64(size)/1e6, wall.Seconds(), float64(n)/wall.Seconds(), perCPU,
			float64(peak)/1e6, len(res.Relations), len(res.Stories))
		for _, s := range perStage {
			fmt.Fprintf(stdout, "%19s %-8s %7.2f CPU-s %4.0f%% %6.0f µs/article %6.2f s wall %7.0f MB peak heap %6.0f MB at start\n",
				"", s.Name, s.CPU.Seconds(), 100*s.CPU.Seconds()/cpu.Seconds(), 1e6*s.CPU.Seconds()/float64(n), s.Wall.Seconds(), float64(s.PeakHeap)/1e6, float64(s.StartHeap)/1e6)
		}
		if i == 0 {
			first = cpu.Seconds() / float64(n)
		}
		last = cpu.Seconds() / float64(n)
	}
	if len(ns) > 1 {
		fmt.Fprintf(stdout, "CPU time per article grew %.2fx from %d to %d articles (1.00x is linear)\n", last/first, ns[0], ns[len(ns)-1])
	}
	fmt.Fprintf(stdout, "process peak RSS %.0f MB; %d workers; load average %s\n", float64(measure.PeakRSS())/1e6, *workers, measure.LoadAverage())
	return 0
}

// runCLI times "exe fold --json" as a child process on a synthetic corpus
// of each size, runs times: wall time, CPU time and peak resident memory,
// as the operating system counts them for the child, of the run of median
// wall time, and the wall times of all runs.
func runCLI(stdout, stderr io.Writer, exe string, ns []int, runs int, data string, seed uint64, workers int, memoryLimit string) int {
	dir, err := os.MkdirTemp("", "newsfold-scale-")
	if err != nil {
		fmt.Fprintf(stderr, "scale: %v\n", err)
		return 1
	}
	defer os.RemoveAll(dir)
	// All corpora are written before any run, so that the runs can take
	// turns (see cliRounds), and each by a command of its own: the peak
	// RSS Linux reports of a child started while this process held a
	// corpus would be this process's (see measure.ChildPeakRSS).
	corpora := make([]cliCorpus, len(ns))
	for i, n := range ns {
		in := filepath.Join(dir, fmt.Sprintf("synthetic-%d.jsonl.gz", n))
		size, err := writeCorpus(exe, in, n, data, seed, workers, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "scale: %v\n", err)
			return 1
		}
		corpora[i] = cliCorpus{n: n, textMB: float64(size) / 1e6, gzipMB: float64(fileSize(in)) / 1e6, path: in}
	}
	out := filepath.Join(dir, "fold.jsonl")
	args := []string{"fold", "--json", "-q", "-j", strconv.Itoa(workers), "-o", out}
	if memoryLimit != "" {
		args = append(args, "--memory-limit", memoryLimit)
	}
	timed, err := cliRounds(corpora, runs, func(c cliCorpus) (cliRun, error) {
		r, err := timeCLI(exe, append(slices.Clip(args), c.path), stderr)
		r.outMB = float64(fileSize(out)) / 1e6
		return r, err
	})
	if err != nil {
		fmt.Fprintf(stderr, "scale: %v\n", err)
		return 1
	}
	reportCLI(stdout, corpora, timed)
	gunzip := "in-process (igzip is not installed)"
	if path := ingest.FindIgzip(); path != "" {
		gunzip = "by " + path + " from 1 MiB"
	}
	fmt.Fprintf(stdout, "%d workers; gzip read %s; load average %s\n", workers, gunzip, measure.LoadAverage())
	return 0
}

// wroteFormat is what -write says when it has written a corpus: the
// number of documents, bytes of text and the file. writeCorpus reads the
// numbers back with wroteCounts, the file being the one it asked for.
const (
	wroteCounts = "wrote %d documents (%d bytes of text)"
	wroteFormat = wroteCounts + " to %s\n"
)

// writeCorpus writes the synthetic corpus of n documents to path with
// "exe eval scale -write" and returns its size in bytes of text.
func writeCorpus(exe, path string, n int, data string, seed uint64, workers int, stderr io.Writer) (int, error) {
	cmd := exec.Command(exe, "eval", "scale", "-write", path, "-n", strconv.Itoa(n),
		"-data", data, "-seed", strconv.FormatUint(seed, 10), "-j", strconv.Itoa(workers))
	cmd.Stderr = stderr
	said, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	var docs, size int
	if _, err := fmt.Sscanf(string(said), wroteCounts, &docs, &size); err != nil || docs != n {
		return 0, fmt.Errorf("%s said %q", strings.Join(cmd.Args, " "), said)
	}
	return size, nil
}

// A cliCorpus is a synthetic corpus written for the command: its size in
// articles, in MB of text and of gzip, and its file.
type cliCorpus struct {
	n              int
	textMB, gzipMB float64
	path           string
}

// cliRounds runs each corpus runs times with run, in rounds: each round
// runs every corpus once, in the order given. The machine's speed drifts
// from minute to minute, by a fifth and more on the 2-core virtual
// machines newsfold is measured on, so that runs of one size after all
// those of another would compare different minutes; in rounds, the
// growth from one size to the next is measured within each round. It
// returns the runs by corpus, then by round.
func cliRounds(corpora []cliCorpus, runs int, run func(cliCorpus) (cliRun, error)) ([][]cliRun, error) {
	timed := make([][]cliRun, len(corpora))
	for range runs {
		for i, c := range corpora {
			r, err := run(c)
			if err != nil {
				return nil, err
			}
			timed[i] = append(timed[i], r)
		}
	}
	return timed, nil
}

// reportCLI writes the table of the timed runs of corpora: for each, the
// run of median wall time and, of several, every run's wall time; then
// how CPU time and peak RSS per article grew from the first corpus to the
// last, the median of that growth over the rounds.
func reportCLI(w io.Writer, corpora []cliCorpus, timed [][]cliRun) {
	fmt.Fprintf(w, "%8s %10s %10s %10s %12s %14s %12s %10s\n",
		"articles", "MB text", "MB gzip", "wall s", "articles/s", "articles/cpu-s", "peak RSS MB", "MB output")
	for i, c := range corpora {
		med := medianRun(timed[i])
		n := float64(c.n)
		fmt.Fprintf(w, "%8d %10.1f %10.1f %10.2f %12.0f %14.0f %12.0f %10.1f\n",
			c.n, c.textMB, c.gzipMB, med.wall, n/med.wall, n/med.cpu, med.rss, med.outMB)
		if len(timed[i]) > 1 {
			walls := make([]string, len(timed[i]))
			for k, r := range timed[i] {
				walls[k] = fmt.Sprintf("%.2f", r.wall)
			}
			fmt.Fprintf(w, "%19s the median of %d runs; wall s in order: %s\n", "", len(walls), strings.Join(walls, " "))
		}
	}
	if len(corpora) < 2 {
		return
	}
	first, last := corpora[0], corpora[len(corpora)-1]
	var cpu, rss []float64
	for k := range timed[0] {
		a, b := timed[0][k], timed[len(corpora)-1][k]
		cpu = append(cpu, (b.cpu/float64(last.n))/(a.cpu/float64(first.n)))
		rss = append(rss, (b.rss/float64(last.n))/(a.rss/float64(first.n)))
	}
	rounds := ""
	if len(cpu) > 1 {
		rounds = fmt.Sprintf(", the median of %d rounds each timing every size once", len(cpu))
	}
	fmt.Fprintf(w, "from %d to %d articles, CPU time per article grew %.2fx and peak RSS per article %.2fx (1.00x is linear)%s\n",
		first.n, last.n, median(cpu), median(rss), rounds)
}

// median returns the median of xs (the larger middle one of an even
// count).
func median(xs []float64) float64 {
	sorted := slices.Clone(xs)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

// A cliRun is one timed run of the command: wall and CPU seconds (user
// and system), peak RSS and the size of its output in MB.
type cliRun struct{ wall, cpu, rss, outMB float64 }

// timeCLI runs exe with args and times it.
func timeCLI(exe string, args []string, stderr io.Writer) (cliRun, error) {
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = stderr, stderr
	t0 := time.Now()
	err := cmd.Run()
	wall := time.Since(t0)
	if err != nil {
		return cliRun{}, fmt.Errorf("%s: %v", strings.Join(cmd.Args, " "), err)
	}
	ps := cmd.ProcessState
	return cliRun{
		wall: wall.Seconds(),
		cpu:  (ps.UserTime() + ps.SystemTime()).Seconds(),
		rss:  float64(measure.ChildPeakRSS(ps)) / 1e6,
	}, nil
}

// medianRun returns the run of median wall time (the slower of the two
// middle ones of an even count).
func medianRun(runs []cliRun) cliRun {
	sorted := slices.Clone(runs)
	slices.SortStableFunc(sorted, func(a, b cliRun) int { return cmp.Compare(a.wall, b.wall) })
	return sorted[len(sorted)/2]
}

// synthetic returns a synthetic corpus of n documents and its size in
// bytes of text.
func synthetic(data string, n int, seed uint64, workers int) ([]news.Document, int, error) {
	docs, err := reuseeval.SyntheticDocuments(data, n, seed, workers)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	return docs, size, err
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func writeJSONL(path string, docs []news.Document) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(f)
	bw := bufio.NewWriter(zw)
	enc := json.NewEncoder(bw)
	for _, d := range docs {
		if err := enc.Encode(map[string]string{"id": d.ID, "text": d.Text, "date": d.Date}); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }
