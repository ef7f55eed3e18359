package clean_test

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/clean/cleaneval"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse/reuseeval"
)

var (
	orderSeeds = flag.String("order.seeds", "", "comma-separated seeds of the clean benchmark whose page articles TestOrderPages prints (empty: skip)")
	orderSave  = flag.String("order.save", "", "directory TestOrderPages saves the corpus of each seed and the raw text of each imperfect page to, for TestOrderTrace")
)

// TestOrderPages is a debugging aid, skipped unless -order.seeds is given:
// for every page article of the clean benchmark whose reading order is not
// perfect it prints the page's blocks, then the fragments in the order
// cleaning chose, each with its offset in the true text (-1: not found),
// so that a wrong join can be read off.
//
//	go test ./clean/ -run TestOrderPages -order.seeds 1,5 -v
func TestOrderPages(t *testing.T) {
	if *orderSeeds == "" {
		t.Skip("no -order.seeds")
	}
	held := heldTexts(t)
	for _, f := range strings.Split(*orderSeeds, ",") {
		seed, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		// All cases, as the benchmark runs them: the corpus is learnt
		// from all of them.
		cases := cleaneval.Build(held, seed)
		res := cleaneval.Run(cases)
		if *orderSave != "" {
			var docs []news.Document
			for _, c := range cases {
				docs = append(docs, news.Document{ID: c.ID, Text: c.Text, Source: c.Source})
			}
			data, err := clean.Learn(docs).MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fmt.Sprintf("%s/corpus-%d", *orderSave, seed), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		sum, n := 0.0, 0
		for _, s := range res.Cases {
			if s.Case.Layout != "page" {
				continue
			}
			for _, tau := range s.Tau {
				sum += tau
				n++
			}
			printOrder(t, seed, s)
		}
		t.Logf("seed %d: mean tau %.4f over %d page articles", seed, sum/float64(n), n)
	}
}

// heldTexts returns the held-out texts the clean benchmark is built from,
// or skips the test when the shared data is missing.
func heldTexts(t testing.TB) []cleaneval.Text {
	texts, err := cleaneval.Load(shareddata.Dir())
	if err != nil {
		t.Skip(err)
	}
	var held []cleaneval.Text
	for _, x := range texts {
		if cleaneval.Held(x.ID) {
			held = append(held, x)
		}
	}
	return held
}

// printOrder logs the fragments of each imperfect article of s.
func printOrder(t *testing.T, seed uint64, s cleaneval.Scored) {
	bad := false
	for _, tau := range s.Tau {
		bad = bad || tau < 0.999
	}
	if !bad {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "seed %d page %s tau %.3v\n", seed, s.Case.ID, s.Tau)
	// Rune offsets of the raw blocks, which are separated by blank lines.
	raw := []rune(s.Case.Text)
	var starts []int
	for i := range raw {
		if i == 0 || i >= 2 && raw[i-1] == '\n' && raw[i-2] == '\n' {
			starts = append(starts, i)
		}
	}
	blockOf := func(r int) int { return sort.SearchInts(starts, r+1) - 1 }
	// The raw blocks, with what cleaning removed of them.
	kinds := make([]string, len(starts))
	for _, a := range s.Got {
		for _, r := range a.Removed {
			if k := blockOf(r.Raw[0]); kinds[k] == "" {
				kinds[k] = r.Kind
			}
		}
	}
	for k, st := range starts {
		end := len(raw)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		fmt.Fprintf(&b, "  raw %2d %-10s %s\n", k, kinds[k], abbrev(strings.TrimSpace(string(raw[st:end]))))
	}
	for _, a := range s.Got {
		truth := bestTruth(s.Case.Truth, a.Text)
		fmt.Fprintf(&b, "  article %q (truth %q)\n", a.Title, truth.Title)
		rs := []rune(a.Text)
		for x := 0; x < len(rs); {
			blk := blockOf(a.Map.Raw(x))
			y := x
			for y < len(rs) && (rs[y] == '\n' || rs[y] == ' ' || blockOf(a.Map.Raw(y)) == blk) {
				y++
			}
			seg := strings.TrimSpace(string(rs[x:y]))
			x = y
			if seg == "" {
				continue
			}
			pos := strings.Index(squash(truth.Body), firstTokens(seg, 6))
			fmt.Fprintf(&b, "    block %2d truth@%-6d %s\n", blk, pos, abbrev(seg))
		}
	}
	t.Log(b.String())
	if *orderSave != "" {
		if err := os.WriteFile(fmt.Sprintf("%s/page-%d-%s", *orderSave, seed, s.Case.ID), []byte(s.Case.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// bestTruth returns the true article sharing most tokens with got.
func bestTruth(ts []cleaneval.Text, got string) cleaneval.Text {
	best, score := cleaneval.Text{}, -1
	for _, x := range ts {
		bag := map[string]int{}
		for _, w := range strings.Fields(squash(x.Body)) {
			bag[w]++
		}
		n := 0
		for _, w := range strings.Fields(squash(got)) {
			if bag[w] > 0 {
				bag[w]--
				n++
			}
		}
		if n > score {
			best, score = x, n
		}
	}
	return best
}

func squash(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func firstTokens(s string, n int) string {
	ws := strings.Fields(squash(s))
	return strings.Join(ws[:min(n, len(ws))], " ")
}

func abbrev(s string) string {
	s = strings.ReplaceAll(s, "\n", " ¶ ")
	if r := []rune(s); len(r) > 150 {
		return string(r[:70]) + " … " + string(r[len(r)-70:])
	}
	return s
}

var orderDump = flag.String("order.dump", "", "file TestOrderDump writes every cleaned article of the clean benchmark (seeds 1-10) and of a synthetic corpus to (empty: skip)")

// TestOrderDump writes what cleaning makes of the clean benchmark and of
// the synthetic corpus of the scale benchmark, so that a change meant to
// leave the output alone can be checked by comparing two dumps.
func TestOrderDump(t *testing.T) {
	if *orderDump == "" {
		t.Skip("no -order.dump")
	}
	held := heldTexts(t)
	var docs [][]news.Document
	for seed := uint64(1); seed <= 10; seed++ {
		var ds []news.Document
		for _, c := range cleaneval.Build(held, seed) {
			ds = append(ds, news.Document{ID: c.ID, Text: c.Text, Source: c.Source})
		}
		docs = append(docs, ds)
	}
	synth, err := reuseeval.SyntheticDocuments(shareddata.Dir(), 2000, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, synth)
	f, err := os.Create(*orderDump)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, ds := range docs {
		c := clean.Learn(ds)
		for _, d := range ds {
			for _, a := range c.Clean(d) {
				fmt.Fprintf(f, "### %s %q\n%s\n%v\n%v\n", a.ID, a.Title, a.Text, a.Removed, a.Map)
			}
		}
	}
}

// BenchmarkCleanSynthetic cleans the synthetic corpus of the scale
// benchmark: ordinary single-column articles, whose paragraphs often end
// without a full stop, so that reading order has to show that nothing
// needs moving.
func BenchmarkCleanSynthetic(b *testing.B) {
	docs, err := reuseeval.SyntheticDocuments(shareddata.Dir(), 2000, 1, 2)
	if err != nil {
		b.Skip(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	c := clean.Learn(docs)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	loopCPU(b, size, func() {
		for _, d := range docs {
			c.Clean(d)
		}
	})
}
