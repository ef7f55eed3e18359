// Package extracteval scores newsfold's web article extractor on the Zyte
// article-extraction benchmark (github.com/scrapinghub/article-extraction-benchmark)
// with the benchmark's own measure: token 4-gram shingles counted with
// multiplicity, per-page true/false positives and false negatives
// normalised to sum to one, precision and recall averaged over pages, and
// F1 the harmonic mean of the two averages.
//
// By default the extracted documents then go through newsfold's text
// cleaner exactly as fold.Run sends them (clean.Learn over all of them,
// then Corpus.Clean of each), and the cleaned article text is scored
// beside the extractor's own: the pipeline's number is the second.
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

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/ingest"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
)

// Main runs the evaluation; args are the flags without the command name.
// It returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "benchmark directory holding ground-truth.json and html/ (default ../shared/data/article-extraction-benchmark from the repository root)")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "pages extracted in parallel")
	worst := fs.Int("worst", 10, "number of worst pages to list")
	show := fs.String("show", "", "print the extracted (and cleaned) text of the page with this id or id prefix and exit")
	limit := fs.Int("n", 0, "evaluate only the first N pages (0: all)")
	cleaning := fs.Bool("clean", true, "also run the extracted documents through newsfold's cleaning, as fold does, and score the cleaned text")
	changed := fs.Int("changed", 0, "also list the N pages whose F1 cleaning lowers most")
	onTruth := fs.Bool("truth", false, "clean the ground-truth bodies in place of the extracted texts (with the pages' metadata): whatever cleaning removes from them is a false removal")
	kinds := fs.Bool("kinds", false, "also say, for each kind of piece cleaning removes, how many of its shingles the ground truth holds")
	pieces := fs.String("pieces", "", "also list the removed pieces of this kind (caption, navigation, ...)")
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
		dir = shareddata.Dir("article-extraction-benchmark")
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
		// An id prefix, as the page lists print, names the page too.
		id := *show
		for _, full := range ids {
			if strings.HasPrefix(full, *show) {
				id = full
				break
			}
		}
		ids = []string{id}
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
	extracted := time.Since(start)
	if *onTruth {
		for i := range pages {
			pages[i].doc.Text = pages[i].truth
			pages[i].score = Match(pages[i].truth, pages[i].truth)
		}
	}
	if *cleaning {
		cleanPages(pages, *workers)
	}
	elapsed := time.Since(start)

	if *show != "" {
		p := pages[0]
		if p.err != nil {
			fmt.Fprintf(stderr, "eval extract: %s: %v\n", p.id, p.err)
			return 1
		}
		d := p.doc
		fmt.Fprintf(stdout, "title: %s\ndate: %s\nbyline: %s\nsource: %s\nurl: %s\nlanguage: %s\nfallback: %v\nP=%.3f R=%.3f\n\n%s\n",
			d.Title, d.Date, d.Byline, d.Source, d.URL, d.Language, p.fallback, p.score.Precision(), p.score.Recall(), d.Text)
		if *cleaning {
			fmt.Fprintf(stdout, "\n==== cleaned: %d articles, P=%.3f R=%.3f\n\n%s\n", p.articles, p.cleanScore.Precision(), p.cleanScore.Recall(), p.cleaned)
			fmt.Fprintf(stdout, "\n==== removed:\n")
			for _, r := range p.removed {
				fmt.Fprintf(stdout, "[%s] %s\n", r.Kind, r.Text)
			}
		}
		return 0
	}

	failed, fallback, split, empty := 0, 0, 0, 0
	for _, p := range pages {
		if p.err != nil {
			failed++
			fmt.Fprintf(stderr, "%s: %v\n", p.id, p.err)
		}
		if p.fallback {
			fallback++
		}
		if p.articles > 1 {
			split++
		}
		if p.err == nil && p.articles == 0 {
			empty++
		}
	}
	fmt.Fprintf(stdout, "article-extraction-benchmark: %d pages (%d without an article, %d by the fallback extractor)\n", len(pages), failed, fallback)
	half := len(pages) / 2
	line := func(name string, score func(p *page) Score) []Score {
		scores := make([]Score, len(pages))
		for i := range pages {
			scores[i] = score(&pages[i])
		}
		prec, rec, f1 := Aggregate(scores)
		_, _, f1a := Aggregate(scores[:half])
		_, _, f1b := Aggregate(scores[half:])
		fmt.Fprintf(stdout, "%-18s precision=%.3f recall=%.3f F1=%.3f  (F1 first half %.3f, second half %.3f)\n", name, prec, rec, f1, f1a, f1b)
		return scores
	}
	extScores := line("extractor", func(p *page) Score { return p.score })
	scores := extScores
	if *cleaning {
		scores = line("extractor+cleaning", func(p *page) Score { return p.cleanScore })
		fmt.Fprintf(stdout, "cleaning split %d pages into several articles and left %d pages empty\n", split, empty)
		fmt.Fprintf(stdout, "speed: %.1f pages/s extraction, %.1f pages/s extraction+cleaning, with %d workers (%.2f s)\n",
			float64(len(pages))/extracted.Seconds(), float64(len(pages))/elapsed.Seconds(), *workers, elapsed.Seconds())
	} else {
		fmt.Fprintf(stdout, "speed: %.1f pages/s with %d workers (%.2f s)\n", float64(len(pages))/elapsed.Seconds(), *workers, elapsed.Seconds())
	}

	if *cleaning && (*kinds || *pieces != "") {
		removalKinds(pages, *pieces, stdout)
	}

	list := func(title string, n int, less func(a, b int) bool) {
		order := make([]int, len(pages))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return less(order[a], order[b]) })
		n = min(n, len(order))
		fmt.Fprintf(stdout, "%s %d pages:\n", title, n)
		for _, i := range order[:n] {
			s := scores[i]
			fmt.Fprintf(stdout, "  F1=%.3f P=%.3f R=%.3f", s.F1(), s.Precision(), s.Recall())
			if *cleaning {
				fmt.Fprintf(stdout, " (extractor F1=%.3f, %d articles)", extScores[i].F1(), pages[i].articles)
			}
			fmt.Fprintf(stdout, " %s %s\n", pages[i].id[:12], pages[i].url)
		}
	}
	list("worst", *worst, func(a, b int) bool { return scores[a].F1() < scores[b].F1() })
	if *cleaning && *changed > 0 {
		list("cleaning lowers F1 most on", *changed, func(a, b int) bool {
			return scores[a].F1()-extScores[a].F1() < scores[b].F1()-extScores[b].F1()
		})
	}
	return 0
}

type page struct {
	id, url, truth string
	html           []byte
	doc            news.Document
	fallback       bool
	score          Score // of the extracted text
	err            error

	// Filled by cleanPages.
	cleaned    string // the article texts, joined in reading order
	articles   int    // how many articles cleaning found in the page
	removed    []news.Removed
	cleanScore Score
}

// run extracts and scores the pages on the given number of workers.
func run(pages []page, workers int) {
	forEach(len(pages), workers, func(i int) {
		p := &pages[i]
		if p.err == nil {
			x, err := ingest.ExtractPage(ingest.Page{HTML: p.html, URL: p.url})
			p.doc = x.Doc
			p.doc.ID, p.doc.Origin = p.id, p.id+".html.gz"
			p.fallback, p.err = x.Fallback, err
		}
		p.score = Match(p.truth, p.doc.Text)
	})
}

// forEach calls work(i) for i in [0, n) on the given number of workers.
func forEach(n, workers int, work func(i int)) {
	workers = max(1, workers)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				work(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// cleanPages cleans the extracted documents the way fold.Run does, a
// corpus learned from all of them and then each cleaned on its own, and
// scores the cleaned text. A page that cleaning splits into several
// articles is scored on their texts joined in reading order.
func cleanPages(pages []page, workers int) {
	docs := make([]news.Document, 0, len(pages))
	for _, p := range pages {
		if p.err == nil {
			docs = append(docs, p.doc)
		}
	}
	corpus := clean.Learn(docs)
	forEach(len(pages), workers, func(i int) {
		p := &pages[i]
		if p.err == nil {
			arts := corpus.Clean(p.doc)
			texts := make([]string, len(arts))
			p.removed = nil
			for k, a := range arts {
				texts[k] = a.Text
				p.removed = append(p.removed, a.Removed...)
			}
			p.cleaned, p.articles = strings.Join(texts, "\n\n"), len(arts)
		}
		p.cleanScore = Match(p.truth, p.cleaned)
	})
}

// removalKinds reports, for each kind of removed piece, how many pieces
// and 4-token shingles cleaning removed and the share of those shingles
// that stand in the page's ground truth: the rules' false removals, as far
// as the benchmark's idea of an article body goes. The pieces of kind list
// are printed too.
func removalKinds(pages []page, list string, w io.Writer) {
	type tally struct {
		pieces, pages  int
		shingles, true float64
	}
	byKind := map[string]*tally{}
	for _, p := range pages {
		truth := Shingles(p.truth, 4)
		seen := map[string]bool{}
		for _, r := range p.removed {
			t := byKind[r.Kind]
			if t == nil {
				t = &tally{}
				byKind[r.Kind] = t
			}
			t.pieces++
			if r.Kind == list {
				fmt.Fprintf(w, "  %s %s: %s\n", p.id[:12], r.Kind, r.Text)
			}
			if !seen[r.Kind] {
				seen[r.Kind] = true
				t.pages++
			}
			for k, n := range Shingles(r.Text, 4) {
				t.shingles += float64(n)
				t.true += float64(min(n, truth[k]))
			}
		}
	}
	names := make([]string, 0, len(byKind))
	for k := range byKind {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "removed by kind (shingles the ground truth holds):\n")
	for _, k := range names {
		t := byKind[k]
		share := 0.0
		if t.shingles > 0 {
			share = t.true / t.shingles
		}
		fmt.Fprintf(w, "  %-11s %5d pieces on %3d pages, %6.0f shingles, %5.1f%% in the truth\n", k, t.pieces, t.pages, t.shingles, 100*share)
	}
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
