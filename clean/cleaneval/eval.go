// Package cleaneval scores the cleaning stage on a benchmark it builds
// from clean article text: it damages the ground-truth bodies of the
// article-extraction benchmark and the ECB+ texts with the noise real
// collections carry (kerning, missing spaces, line-break hyphenation,
// markdown escapes, mojibake, odd spaces and ligatures, boilerplate,
// comments, captions, pull quotes, pages of several articles with
// shuffled column fragments), runs clean.Clean on the result and compares
// the output with the originals.
//
// Only the held-out half of the texts is used (see Held): the other half
// built the word list that clean embeds.
package cleaneval

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
)

// Main runs the benchmark: newsfold eval clean [-data DIR] [-n N] [-seed S]
// [-v]. It returns the process exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval clean", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", shareddata.Dir(), "data directory (holds ecbplus/ and article-extraction-benchmark/)")
	limit := fs.Int("n", 0, "use at most this many source texts (0: all held-out texts)")
	seed := fs.Uint64("seed", 1, "seed of the damage")
	verbose := fs.Bool("v", false, "print the worst cases")
	layout := fs.String("layout", "", "with -v, print only cases of this layout (web, print or page)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	texts, err := Load(*data)
	if err != nil {
		fmt.Fprintf(stderr, "eval clean: %v\n", err)
		return 1
	}
	var held []Text
	for _, t := range texts {
		if Held(t.ID) {
			held = append(held, t)
		}
	}
	if *limit > 0 && *limit < len(held) {
		held = held[:*limit]
	}
	cases := Build(held, *seed)
	r := Run(cases)
	r.Print(stdout)
	if *verbose {
		r.PrintWorst(stdout, 5, *layout)
	}
	return 0
}

// Build damages texts into benchmark cases, deterministically for a seed:
// ECB+ texts with headlines are grouped two or three to a page some of the
// time; the other texts become web pages or printed columns.
func Build(texts []Text, seed uint64) []Case {
	d := &damager{r: rand.New(rand.NewPCG(seed, 0x5eed))}
	var cases []Case
	for i := 0; i < len(texts); {
		t := texts[i]
		if t.Title != "" && d.chance(0.3) {
			k := 2 + d.r.IntN(2)
			var group []Text
			for j := i; j < len(texts) && len(group) < k && texts[j].Title != ""; j++ {
				group = append(group, texts[j])
			}
			if len(group) >= 2 {
				cases = append(cases, d.page(group))
				i += len(group)
				continue
			}
		}
		if d.chance(0.7) {
			cases = append(cases, d.web(t))
		} else {
			cases = append(cases, d.print(t))
		}
		i++
	}
	return cases
}

// Result holds the scores of a benchmark run.
type Result struct {
	Cases []Scored
	Bytes int
	// Clean and Learn time one pass of cleaning every case with a learnt
	// corpus, and of learning that corpus (clean.Learn), on one goroutine.
	Clean, Learn Timing
}

// Timing is the cost of one pass over the benchmark input: the least
// over several rounds, each of as many passes as it takes to use
// timingRound of CPU, so that a pass of a few milliseconds is timed
// reliably and a round slowed down by the other work of a shared machine
// does not count.
type Timing struct {
	CPU    time.Duration // CPU time of the process (GC included)
	Wall   time.Duration
	Passes int // passes timed in all
}

// Timing rounds: timingRounds of at least timingRound of CPU each.
const (
	timingRounds = 5
	timingRound  = 200 * time.Millisecond
)

// timePass times calls of pass, as Timing says.
func timePass(pass func()) Timing {
	var t Timing
	for round := 0; round < timingRounds; round++ {
		cpu0, wall0 := measure.CPUTime(), time.Now()
		n := 0
		for n == 0 || measure.CPUTime()-cpu0 < timingRound {
			pass()
			n++
		}
		cpu, wall := (measure.CPUTime()-cpu0)/time.Duration(n), time.Since(wall0)/time.Duration(n)
		if round == 0 || cpu < t.CPU {
			t.CPU, t.Wall = cpu, wall
		}
		t.Passes += n
	}
	return t
}

// Scored is one case with its scores.
type Scored struct {
	Case     Case
	Got      []news.Article
	F1       []float64 // per true article
	Tau      []float64 // per true article of a page
	Removed  int       // boilerplate pieces removed
	Exact    bool      // articles found one to one
	TitlesOK int       // true titles found exactly
	Titles   int
}

// Run cleans every case with one corpus learnt from all of them, on one
// goroutine, scores the output, and times learning and cleaning.
func Run(cases []Case) Result {
	docs := make([]news.Document, len(cases))
	var res Result
	for i, c := range cases {
		docs[i] = news.Document{ID: c.ID, Text: c.Text, Source: c.Source}
		res.Bytes += len(c.Text)
	}
	corpus := clean.Learn(docs)
	got := make([][]news.Article, len(cases))
	for i := range docs {
		got[i] = corpus.Clean(docs[i])
	}
	for i, c := range cases {
		res.Cases = append(res.Cases, score(c, got[i]))
	}
	res.Learn = timePass(func() { clean.Learn(docs) })
	res.Clean = timePass(func() {
		for i := range docs {
			corpus.Clean(docs[i])
		}
	})
	return res
}

// score compares the articles cleaning found with the true ones.
func score(c Case, got []news.Article) Scored {
	s := Scored{Case: c, Got: got}
	match := matchArticles(c.Truth, got)
	used := map[int]bool{}
	s.Exact = len(got) == len(c.Truth)
	for i, t := range c.Truth {
		j := match[i]
		text := ""
		if j >= 0 {
			text = got[j].Text
			if used[j] {
				s.Exact = false
			}
			used[j] = true
			if t.Title != "" {
				s.Titles++
				if got[j].Title == t.Title {
					s.TitlesOK++
				}
			}
		} else {
			s.Exact = false
		}
		if len(c.Truth) == 1 && len(got) > 1 {
			// One article cut in pieces: score the pieces together.
			var all []string
			for _, a := range got {
				all = append(all, a.Text)
			}
			text = strings.Join(all, "\n\n")
		}
		f := tokenF1(t.Body, text)
		s.F1 = append(s.F1, f)
		if f < 0.5 {
			s.Exact = false
		}
		if c.Layout == "page" {
			s.Tau = append(s.Tau, kendall(t.Body, text))
		}
	}
	var outs []string
	for _, a := range got {
		outs = append(outs, squash(a.Text))
	}
	all := strings.Join(outs, "\n")
	for _, b := range c.Boiler {
		if sb := squash(b); sb == "" || !strings.Contains(all, sb) {
			s.Removed++
		}
	}
	return s
}

// matchArticles pairs each true article with the found article sharing
// most tokens with it (greedy, best pairs first); -1 when none is left.
func matchArticles(truth []Text, got []news.Article) []int {
	type pair struct {
		i, j int
		f    float64
	}
	var ps []pair
	for i, t := range truth {
		for j, a := range got {
			ps = append(ps, pair{i, j, tokenF1(t.Body, a.Text)})
		}
	}
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].f > ps[b].f })
	match := make([]int, len(truth))
	for i := range match {
		match[i] = -1
	}
	used := map[int]bool{}
	for _, p := range ps {
		if match[p.i] < 0 && !used[p.j] && p.f > 0 {
			match[p.i] = p.j
			used[p.j] = true
		}
	}
	return match
}

// tokens returns the lower-cased words of s, quotes and apostrophes
// normalised.
func tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(s, "’", "'")), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	})
}

// tokenF1 is the F1 of the bags of tokens of want and got.
func tokenF1(want, got string) float64 {
	w, g := tokens(want), tokens(got)
	if len(w) == 0 && len(g) == 0 {
		return 1
	}
	if len(w) == 0 || len(g) == 0 {
		return 0
	}
	bag := map[string]int{}
	for _, t := range w {
		bag[t]++
	}
	common := 0
	for _, t := range g {
		if bag[t] > 0 {
			bag[t]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(g)), float64(common)/float64(len(w))
	return 2 * p * r / (p + r)
}

// squash keeps lower-case letters and digits, single-spaced.
func squash(s string) string { return strings.Join(tokens(s), " ") }

// kendall is the Kendall tau between the order of the true sentences and
// the order in which they appear in got; sentences not found are left out.
// It is 1 when fewer than two are found.
func kendall(want, got string) float64 {
	g := squash(got)
	var pos []int
	for _, p := range paragraphs(want) {
		for _, sent := range strings.SplitAfter(p, ". ") {
			sq := squash(sent)
			if len(strings.Fields(sq)) < 4 {
				continue
			}
			if k := strings.Index(g, sq); k >= 0 {
				pos = append(pos, k)
			}
		}
	}
	if len(pos) < 2 {
		return 1
	}
	conc, disc := 0, 0
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			switch {
			case pos[j] > pos[i]:
				conc++
			case pos[j] < pos[i]:
				disc++
			}
		}
	}
	if conc+disc == 0 {
		return 1
	}
	return float64(conc-disc) / float64(conc+disc)
}

// Print writes the summary.
func (r Result) Print(w io.Writer) {
	var f1, tau []float64
	layoutF1 := map[string][]float64{}
	boiler, removed, pages, exactPages, exact, titles, titlesOK := 0, 0, 0, 0, 0, 0, 0
	for _, s := range r.Cases {
		f1 = append(f1, s.F1...)
		layoutF1[s.Case.Layout] = append(layoutF1[s.Case.Layout], s.F1...)
		tau = append(tau, s.Tau...)
		boiler += len(s.Case.Boiler)
		removed += s.Removed
		titles += s.Titles
		titlesOK += s.TitlesOK
		if s.Exact {
			exact++
		}
		if s.Case.Layout == "page" {
			pages++
			if s.Exact {
				exactPages++
			}
		}
	}
	fmt.Fprintf(w, "cases %d (articles %d, pages %d), %.1f MB\n", len(r.Cases), len(f1), pages, float64(r.Bytes)/1e6)
	fmt.Fprintf(w, "token F1            %.4f\n", mean(f1))
	for _, l := range []string{"web", "print", "page"} {
		fmt.Fprintf(w, "  %-6s            %.4f (%d)\n", l, mean(layoutF1[l]), len(layoutF1[l]))
	}
	fmt.Fprintf(w, "boilerplate removed %.4f (%d of %d)\n", ratio(removed, boiler), removed, boiler)
	fmt.Fprintf(w, "segmentation exact  %.4f of pages (%d of %d); %.4f of all cases\n", ratio(exactPages, pages), exactPages, pages, ratio(exact, len(r.Cases)))
	fmt.Fprintf(w, "reading-order tau   %.4f (page articles)\n", mean(tau))
	fmt.Fprintf(w, "titles exact        %.4f (%d of %d)\n", ratio(titlesOK, titles), titlesOK, titles)
	mb := float64(r.Bytes) / 1e6
	rate := func(d time.Duration) float64 { return mb / d.Seconds() }
	for _, t := range []struct {
		name string
		t    Timing
	}{{"clean", r.Clean}, {"learn", r.Learn}} {
		if t.t.CPU > 0 {
			fmt.Fprintf(w, "throughput %-12s %.1f MB/s per CPU second (%v CPU a pass, GC included; best of %d rounds, %d passes); %.1f MB/s wall clock, one goroutine\n",
				t.name, rate(t.t.CPU), t.t.CPU.Round(time.Microsecond*100), timingRounds, t.t.Passes, rate(t.t.Wall))
		}
	}
	if r.Clean.CPU > 0 && r.Learn.CPU > 0 {
		fmt.Fprintf(w, "throughput %-12s %.1f MB/s per CPU second\n", "learn+clean", rate(r.Clean.CPU+r.Learn.CPU))
	}
}

// PrintWorst writes the n cases with the lowest F1 or tau (of one layout,
// unless layout is empty), with what was found.
func (r Result) PrintWorst(w io.Writer, n int, layout string) {
	var idx []int
	for i, s := range r.Cases {
		if layout == "" || s.Case.Layout == layout {
			idx = append(idx, i)
		}
	}
	worst := func(s Scored) float64 {
		m := 1.0
		for _, f := range s.F1 {
			m = min(m, f)
		}
		for _, t := range s.Tau {
			m = min(m, (t+1)/2)
		}
		return m
	}
	sort.SliceStable(idx, func(a, b int) bool { return worst(r.Cases[idx[a]]) < worst(r.Cases[idx[b]]) })
	for _, i := range idx[:min(n, len(idx))] {
		s := r.Cases[i]
		fmt.Fprintf(w, "\n##### %s (%s) F1 %v tau %v exact %v, %d articles found\n--- raw\n%s\n", s.Case.ID, s.Case.Layout, s.F1, s.Tau, s.Exact, len(s.Got), s.Case.Text)
		for _, t := range s.Case.Truth {
			fmt.Fprintf(w, "--- truth %q\n%s\n", t.Title, t.Body)
		}
		for _, a := range s.Got {
			fmt.Fprintf(w, "--- %s %q\n%s\n", a.ID, a.Title, a.Text)
		}
	}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
