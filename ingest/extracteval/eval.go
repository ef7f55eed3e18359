// Package extracteval scores newsfold's web article extractor on the Zyte
// article-extraction benchmark (github.com/scrapinghub/article-extraction-benchmark)
// with the benchmark's own measure: token 4-gram shingles counted with
// multiplicity, per-page true/false positives and false negatives
// normalised to sum to one, precision and recall averaged over pages, and
// F1 the harmonic mean of the two averages.
package extracteval

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/newsfold/newsfold/ingest"
)

// Main runs the evaluation; args are the flags without the command name.
// It returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "benchmark directory holding ground-truth.json and html/ (default ../shared/data/article-extraction-benchmark from the repository root)")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "pages extracted in parallel")
	worst := fs.Int("worst", 10, "number of worst pages to list")
	show := fs.String("show", "", "print the extracted text of the page with this id and exit")
	limit := fs.Int("n", 0, "evaluate only the first N pages (0: all)")
	warc := fs.Int("warc", 0, "instead, time reading a gzipped WARC of at least this many records built from the pages and synthetic pages")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "eval extract: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	dir := *data
	if dir == "" {
		dir = filepath.Join(repoRoot(), "..", "shared", "data", "article-extraction-benchmark")
	}
	truth, err := loadTruth(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		fmt.Fprintf(stderr, "eval extract: %v\n", err)
		return 1
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if *show != "" {
		ids = []string{*show}
	} else if *limit > 0 && *limit < len(ids) {
		ids = ids[:*limit]
	}

	pages := make([]page, len(ids))
	for i, id := range ids {
		pages[i] = page{id: id, url: truth[id].URL, truth: truth[id].ArticleBody}
		pages[i].html, pages[i].err = readGzip(filepath.Join(dir, "html", id+".html.gz"))
	}
	if *warc > 0 {
		for _, p := range pages {
			if p.err != nil {
				fmt.Fprintf(stderr, "eval extract: %s: %v\n", p.id, p.err)
				return 1
			}
		}
		return benchWARC(pages, *warc, *workers, stdout, stderr)
	}
	start := time.Now()
	run(pages, *workers)
	elapsed := time.Since(start)

	if *show != "" {
		p := pages[0]
		if p.err != nil {
			fmt.Fprintf(stderr, "eval extract: %s: %v\n", p.id, p.err)
			return 1
		}
		fmt.Fprintf(stdout, "title: %s\ndate: %s\nbyline: %s\nsource: %s\nurl: %s\nlanguage: %s\nfallback: %v\nP=%.3f R=%.3f\n\n%s\n",
			p.doc.Title, p.doc.Date, p.doc.Byline, p.doc.Source, p.doc.URL, p.doc.Language, p.fallback, p.score.Precision(), p.score.Recall(), p.doc.Text)
		return 0
	}

	scores := make([]Score, len(pages))
	failed := 0
	fallback := 0
	for i, p := range pages {
		scores[i] = p.score
		if p.err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: %v\n", p.id, p.err)
		}
		if p.fallback {
			fallback++
		}
	}
	prec, rec, f1 := Aggregate(scores)
	fmt.Fprintf(stdout, "article-extraction-benchmark: %d pages (%d without an article, %d by the fallback extractor)\n", len(pages), failed, fallback)
	fmt.Fprintf(stdout, "precision=%.3f recall=%.3f F1=%.3f\n", prec, rec, f1)
	fmt.Fprintf(stdout, "speed: %.1f pages/s with %d workers (%.2f s)\n", float64(len(pages))/elapsed.Seconds(), *workers, elapsed.Seconds())

	order := make([]int, len(pages))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]].F1() < scores[order[b]].F1() })
	if *worst > len(order) {
		*worst = len(order)
	}
	fmt.Fprintf(stdout, "worst %d pages:\n", *worst)
	for _, i := range order[:*worst] {
		s := scores[i]
		fmt.Fprintf(stdout, "  F1=%.3f P=%.3f R=%.3f %s %s\n", s.F1(), s.Precision(), s.Recall(), pages[i].id[:12], pages[i].url)
	}
	return 0
}

type page struct {
	id, url, truth string
	html           []byte
	doc            docView
	fallback       bool
	score          Score
	err            error
}

type docView struct{ Text, Title, Date, Byline, Source, URL, Language string }

// run extracts and scores the pages on the given number of workers.
func run(pages []page, workers int) {
	if workers < 1 {
		workers = 1
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := &pages[i]
				if p.err == nil {
					x, err := ingest.ExtractPage(ingest.Page{HTML: p.html, URL: p.url})
					d := x.Doc
					p.doc = docView{d.Text, d.Title, d.Date, d.Byline, d.Source, d.URL, d.Language}
					p.fallback, p.err = x.Fallback, err
				}
				p.score = Match(p.truth, p.doc.Text)
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
}

type truthEntry struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

func loadTruth(path string) (map[string]truthEntry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]truthEntry
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("%s: no pages", path)
	}
	return m, nil
}

func readGzip(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// repoRoot is the nearest directory at or above the working directory
// that holds a go.mod, or the working directory.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := wd; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return wd
		}
		d = parent
	}
}

// Score is one page's shingle match, normalised so that TP+FP+FN = 1 (or
// all zero when both texts have no tokens).
type Score struct{ TP, FP, FN float64 }

// Precision follows the benchmark: 1 when nothing is wrong, 0 when
// nothing is right.
func (s Score) Precision() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FP == 0:
		return 0
	}
	return s.TP / (s.TP + s.FP)
}

// Recall follows the benchmark like Precision.
func (s Score) Recall() float64 {
	switch {
	case s.FP == 0 && s.FN == 0:
		return 1
	case s.TP == 0 && s.FN == 0:
		return 0
	}
	return s.TP / (s.TP + s.FN)
}

// F1 is the page's own F1, used to rank pages.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Aggregate averages precision over pages with TP+FP > 0 and recall over
// pages with TP+FN > 0, and returns them with their harmonic mean.
func Aggregate(scores []Score) (precision, recall, f1 float64) {
	var np, nr int
	for _, s := range scores {
		if s.TP+s.FP > 0 {
			precision += s.Precision()
			np++
		}
		if s.TP+s.FN > 0 {
			recall += s.Recall()
			nr++
		}
	}
	if np > 0 {
		precision /= float64(np)
	}
	if nr > 0 {
		recall /= float64(nr)
	}
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

// Match compares a predicted text with the true one by shingles of four
// tokens, counted with multiplicity.
func Match(truth, pred string) Score {
	t, p := Shingles(truth, 4), Shingles(pred, 4)
	var s Score
	for k, tc := range t {
		pc := p[k]
		s.TP += float64(min(tc, pc))
		s.FN += float64(max(0, tc-pc))
	}
	for k, pc := range p {
		s.FP += float64(max(0, pc-t[k]))
	}
	if sum := s.TP + s.FP + s.FN; sum > 0 {
		s.TP, s.FP, s.FN = s.TP/sum, s.FP/sum, s.FN/sum
	}
	return s
}

// Shingles counts the n-token shingles of text. Tokens are maximal runs
// of letters, digits and underscores (Python's \w+), case kept. A text
// with fewer than n tokens (but at least one) is one shingle.
func Shingles(text string, n int) map[string]int {
	toks := Tokens(text)
	m := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return m
	}
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		m[strings.Join(toks[i:min(i+n, len(toks))], "\x00")]++
	}
	return m
}

// Tokens splits text as the benchmark does.
func Tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}
