package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/ingest"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/prefault"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/report"
)

func foldCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fold", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "write JSON Lines (shared/spec/fold-jsonl.md) instead of the report")
	workers := fs.Int("j", runtime.NumCPU(), "number of parallel workers (the output does not depend on it)")
	maxBytes := fs.Int64("max-bytes", ingest.DefaultOptions().MaxBytes, "skip inputs larger than this many bytes (after decompression)")
	quiet := fs.Bool("q", false, "no progress on standard error")
	output := fs.String("o", "", "write the output to this file instead of standard output")
	memoryLimit := fs.String("memory-limit", "", "soft limit on the heap, such as 1800MiB: near it the collector runs more often, trading CPU for memory (default: none, or GOMEMLIMIT; without it the heap stays within 1.5 times its live data, or as GOGC says)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to this file (read it with go tool pprof)")
	igzip := fs.String("igzip", ingest.FindIgzip(), "decompress .gz inputs of 1 MiB and more with this igzip (Intel ISA-L, Debian's package isal), about four times as fast as in-process; empty to read them in-process (the output is the same)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: newsfold fold [flags] PATH...\n\nPATH is a file, a directory (read recursively, in sorted order) or - for JSON Lines\non standard input. Flags may come before or after the paths.\n\n")
		fs.PrintDefaults()
	}
	paths, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "newsfold fold: no input: give at least one PATH (or - for stdin)")
		fs.Usage()
		return 2
	}
	if *igzip != "" {
		if _, err := exec.LookPath(*igzip); err != nil {
			fmt.Fprintf(stderr, "newsfold fold: -igzip: %v\n", err)
			return 2
		}
	}
	if *workers < 1 {
		fmt.Fprintln(stderr, "newsfold fold: -j must be at least 1")
		return 2
	}
	if *memoryLimit != "" {
		if err := measure.SetMemoryLimit(*memoryLimit); err != nil {
			fmt.Fprintf(stderr, "newsfold fold: --memory-limit: %v\n", err)
			return 2
		}
	}
	measure.SetFoldGC()
	defer prefault.Start()()

	if *cpuProfile != "" {
		stop, err := measure.StartCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "newsfold fold: --cpuprofile: %v\n", err)
			return 2
		}
		defer stop()
	}

	progress := newProgress(stderr, *quiet)
	opts := ingest.DefaultOptions()
	opts.MaxBytes = *maxBytes
	opts.Workers = *workers
	opts.Stdin = stdin
	opts.Igzip = *igzip
	// The output is opened once every input has been read, for an output
	// path may also be one of the inputs.
	var (
		out  = stdout
		file *os.File
		bw   *bufio.Writer
	)
	openOutput := func() error {
		if *output != "" {
			f, err := os.Create(*output)
			if err != nil {
				return err
			}
			file, out = f, f
		}
		bw = bufio.NewWriter(out)
		return nil
	}
	foldOpts := fold.Options{Workers: *workers, Progress: progress.stage}
	// JSON Lines start with the articles and relations, which are written
	// while the stories are told; not to a terminal, where they would
	// run through the progress bar.
	var written chan error // the articles and relations, when written early
	if *asJSON && (*output != "" || !isTerminal(stdout)) {
		foldOpts.Ready = func(articles []news.Article, relations []news.Relation) {
			written = make(chan error, 1)
			if err := openOutput(); err != nil {
				written <- err
				return
			}
			go func() { written <- report.JSONArticles(bw, articles, relations) }()
		}
	}
	// Documents go to the fold as they are read, which learns from them
	// while the rest are still being read.
	stream := fold.NewStream(foldOpts)
	skipped := 0
	ingest.Walk(paths, opts, func(d news.Document) {
		stream.Add(d)
		progress("read", stream.Len(), 0)
	}, func(p ingest.Problem) {
		progress.clear()
		if p.Warning {
			fmt.Fprintf(stderr, "newsfold: %s\n", p)
			return
		}
		skipped++
		fmt.Fprintf(stderr, "newsfold: skipped %s\n", p)
	})
	ndocs := stream.Len()
	if ndocs == 0 {
		progress.clear()
		fmt.Fprintln(stderr, "newsfold: no documents to fold")
		if skipped > 0 {
			return 1
		}
	}

	res := stream.Fold()
	progress.clear()

	switch {
	case written != nil:
		if err = <-written; err == nil {
			err = report.JSONStories(bw, res.Stories)
		} else if bw == nil {
			fmt.Fprintf(stderr, "newsfold: %v\n", err)
			return 1
		}
	default:
		if err := openOutput(); err != nil {
			fmt.Fprintf(stderr, "newsfold: %v\n", err)
			return 1
		}
		if *asJSON {
			err = report.JSON(bw, res)
		} else {
			err = report.Text(bw, res)
		}
	}
	if err == nil {
		err = bw.Flush()
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "newsfold: writing output: %v\n", err)
		return 1
	}
	if !*quiet {
		fmt.Fprintf(stderr, "newsfold: %d documents, %d articles, %d relations, %d stories", ndocs, len(res.Articles), len(res.Relations), len(res.Stories))
		if skipped > 0 {
			fmt.Fprintf(stderr, "; %d inputs skipped", skipped)
		}
		fmt.Fprintln(stderr)
	}
	if skipped > 0 {
		return 1
	}
	return 0
}

// parseInterspersed parses flags that may stand before, between or after
// the positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// progressReporter shows each stage's progress on standard error: a bar
// when it is a terminal, one line per stage otherwise.
type progressReporter struct {
	mu       sync.Mutex
	w        io.Writer
	terminal bool
	quiet    bool
	bar      *progressbar.ProgressBar
	current  string
}

type progressFunc func(stage string, done, total int)

func newProgress(w io.Writer, quiet bool) progressFunc {
	p := &progressReporter{w: w, quiet: quiet, terminal: isTerminal(w)}
	return p.stage
}

// isTerminal says whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (f progressFunc) stage(stage string, done, total int) { f(stage, done, total) }

// clear removes a bar from the terminal before other messages are written.
func (f progressFunc) clear() { f("", 0, 0) }

func (p *progressReporter) stage(stage string, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.quiet {
		return
	}
	if stage == "" {
		if p.bar != nil {
			p.bar.Clear()
		}
		return
	}
	if !p.terminal {
		// Without a terminal, say once when a stage starts.
		if stage != p.current {
			p.current = stage
			if total > 1 {
				fmt.Fprintf(p.w, "newsfold: %s: %d items\n", stage, total)
			} else {
				fmt.Fprintf(p.w, "newsfold: %s\n", stage)
			}
		}
		return
	}
	if stage != p.current || p.bar == nil {
		if p.bar != nil {
			p.bar.Finish()
			fmt.Fprintln(p.w)
		}
		p.current = stage
		max := total
		if max <= 0 {
			max = -1
		}
		p.bar = progressbar.NewOptions(max,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(strings.ToLower(stage)),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set(done)
}
