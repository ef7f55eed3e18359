// Package reuseeval scores package reuse on a benchmark generated from real
// article texts, with known ground truth, and measures its speed and
// memory on a large synthetic corpus.
//
// The benchmark (default mode) is built from the article extraction
// benchmark's true bodies and the ECB+ documents: duplicate families (OCR
// errors, kerning splits, trimmed endings, changed headlines), rewritten
// versions (new lead, paragraphs cut and added, light word edits), single
// paragraphs reused inside otherwise different articles, and hard
// negatives (independent ECB+ reports of the same events). It reports pair
// precision, recall and F1 for "shares text", per-kind and macro F1 for
// the relation kind, and character-level passage F1 against the true
// shared spans.
//
// With -scale N it generates N synthetic articles instead and reports
// articles per second, peak memory, and the speed of a straightforward
// all-pairs shingle baseline on a subset, measured in the same run.
package reuseeval

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"time"

	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse"
)

// Main runs the evaluation with command-line arguments args (without the
// program name) and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reuse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", shareddata.Dir(), "data directory holding ecbplus/ and article-extraction-benchmark/")
	seed := fs.Uint64("seed", 1, "random seed of the generated benchmark")
	n := fs.Int("n", 25, "families of each kind (duplicate, version, reuse); 2n hard negatives")
	scale := fs.Int("scale", 0, "generate a synthetic corpus of this many articles and measure speed and memory")
	baseline := fs.Int("baseline", 5000, "with -scale: articles in the subset the all-pairs baseline runs on")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "workers")
	verbose := fs.Bool("v", false, "list every pair whose kind is wrong")
	ocr := fs.Float64("ocr", 0.03, "highest OCR error rate (per letter) of duplicate copies")
	opts := reuse.DefaultOptions()
	fs.IntVar(&opts.AnchorLen, "anchor-len", opts.AnchorLen, "reuse option AnchorLen")
	fs.IntVar(&opts.AnchorSample, "anchor-sample", opts.AnchorSample, "reuse option AnchorSample")
	fs.IntVar(&opts.MinAnchors, "min-anchors", opts.MinAnchors, "reuse option MinAnchors")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *n <= 0 {
		fs.Usage()
		return 2
	}
	bodies, ecb, err := loadSources(*data)
	if err != nil {
		fmt.Fprintf(stderr, "reuseeval: %v\n", err)
		return 1
	}
	opts.Workers = *workers
	if *scale > 0 {
		return runScale(stdout, stderr, bodies, ecb, *scale, *baseline, *seed, opts)
	}
	bn, err := generate(bodies, ecb, *n, *seed, *ocr)
	if err != nil {
		fmt.Fprintf(stderr, "reuseeval: %v\n", err)
		return 1
	}
	arts := bn.articles()
	start := time.Now()
	rels, st := reuse.Find(arts, opts)
	elapsed := time.Since(start)
	truth := bn.truth()
	var vw io.Writer
	if *verbose {
		vw = stderr
	}
	res := bn.score(rels, truth, vw)
	report(stdout, bn, truth, res)
	fmt.Fprintf(stdout, "time: %d articles in %v\n%s\n", len(arts), elapsed.Round(time.Millisecond), st)
	return 0
}

// articles returns the generated articles as the pipeline would give them.
func (bn *bench) articles() []news.Article {
	out := make([]news.Article, len(bn.docs))
	for i, d := range bn.docs {
		out[i] = news.Article{ID: d.id, Input: d.id, Date: d.date, Text: d.text}
	}
	return out
}

func report(w io.Writer, bn *bench, truth map[[2]int]truthPair, res result) {
	count := map[string]int{}
	for _, t := range truth {
		count[t.kind]++
	}
	fmt.Fprintf(w, "benchmark: %d articles, %d true pairs (%d duplicate, %d version, %d reuse)\n",
		len(bn.docs), len(truth), count[news.Duplicate], count[news.Version], count[news.Reuse])
	p, r, f := res.pairs.scores()
	fmt.Fprintf(w, "pairs (shares text): P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", p, r, f, res.pairs.tp, res.pairs.fp, res.pairs.fn)
	for _, k := range []string{news.Duplicate, news.Version, news.Reuse} {
		p, r, f := res.kinds[k].scores()
		fmt.Fprintf(w, "kind %-9s P %.3f R %.3f F1 %.3f\n", k, p, r, f)
	}
	fmt.Fprintf(w, "kind macro-F1: %.3f\n", res.kindMacroF1())
	var keys [][2]string
	for k := range res.confuse {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y [2]string) int {
		if x[0] != y[0] {
			if x[0] < y[0] {
				return -1
			}
			return 1
		}
		if x[1] < y[1] {
			return -1
		}
		if x[1] > y[1] {
			return 1
		}
		return 0
	})
	fmt.Fprintf(w, "confusion (truth -> found):")
	for _, k := range keys {
		fmt.Fprintf(w, " %s->%s %d;", k[0], k[1], res.confuse[k])
	}
	fmt.Fprintln(w)
	p, r, f = res.chars.scores()
	fmt.Fprintf(w, "passages (characters): P %.3f R %.3f F1 %.3f\n", p, r, f)
	fmt.Fprintf(w, "direction: %d of %d relations between an original and a copy, version or host put the original first\n",
		res.direction.tp, res.direction.tp+res.direction.fp)
}
