package reuseeval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/sorted"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse"
)

// synth generates synthetic articles from real sentences: every word of a
// sentence is replaced, with probability 0.7, by a word drawn from the
// real word stream, so that articles read like news vocabulary but
// unrelated ones do not share passages. A replacement keeps the shape of
// the word it replaces (a capital at the start, the punctuation at the
// end), so that sentences and paragraphs still end the way news text
// does and the cleaner sees the text it would see in a real collection.
type synth struct {
	sentences [][]string
	vocab     []string
	seed      uint64
}

func newSynth(sources []*source, seed uint64) *synth {
	s := &synth{seed: seed}
	for _, src := range sources {
		for _, p := range src.paras {
			// Long tokens (URLs) would be shared passages on their own.
			p = slices.DeleteFunc(slices.Clone(p), func(w string) bool { return len(w) > 20 })
			s.vocab = append(s.vocab, p...)
			start := 0
			for i, w := range p {
				if strings.HasSuffix(w, ".") || i == len(p)-1 {
					if i+1-start >= 4 {
						s.sentences = append(s.sentences, p[start:i+1])
					}
					start = i + 1
				}
			}
		}
	}
	return s
}

// paragraphs returns fresh paragraphs holding about words words.
func (s *synth) paragraphs(rng *rand.Rand, words int) []string {
	var paras []string
	var b strings.Builder
	n, sent := 0, 0
	for n < words {
		for _, w := range s.sentences[rng.IntN(len(s.sentences))] {
			if rng.IntN(10) < 7 {
				w = reshape(s.vocab[rng.IntN(len(s.vocab))], w)
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			n++
		}
		sent++
		if sent%4 == 0 || n >= words {
			paras = append(paras, b.String())
			b.Reset()
		}
	}
	return paras
}

// reshape returns word with the leading capital and trailing punctuation
// of like.
func reshape(word, like string) string {
	word = strings.TrimRight(word, ".,;:!?")
	if word == "" {
		return like
	}
	if r, size := utf8.DecodeRuneInString(like); unicode.IsUpper(r) && size > 0 {
		first, n := utf8.DecodeRuneInString(word)
		word = string(unicode.ToUpper(first)) + word[n:]
	}
	return word + like[len(strings.TrimRight(like, ".,;:!?")):]
}

// corpus generates n articles: 70% originals of 300-900 words, the rest
// derived from an earlier original as a noisy duplicate, a version (new
// lead, paragraphs cut, a paragraph added) or a host reusing one
// paragraph.
//
// It also returns, for each article, the original it was derived from, or
// -1.
func (s *synth) corpus(n, workers int) ([]news.Article, []int) {
	arts := make([]news.Article, n)
	paras := make([][]string, n)
	from := make([]int, n)
	derived := make([]bool, n)
	for i := range arts {
		derived[i] = i > 0 && mix(s.seed, uint64(i))%10 < 3
	}
	gen := func(second bool) {
		parallelFor(n, workers, func(i int) {
			if derived[i] != second {
				return
			}
			rng := rand.New(rand.NewPCG(s.seed, uint64(i)))
			arts[i].ID = fmt.Sprintf("s%07d", i)
			from[i] = -1
			if !second {
				paras[i] = s.paragraphs(rng, 300+rng.IntN(601))
				arts[i].Text = strings.Join(paras[i], "\n\n")
				return
			}
			src := rng.IntN(i)
			for derived[src] {
				src = rng.IntN(i)
			}
			from[i] = src
			sp := paras[src]
			var out []string
			switch k := rng.IntN(4); k {
			case 0, 1: // duplicate with OCR noise, maybe trimmed
				end := len(sp)
				if k == 1 && end > 2 {
					end -= 1 + rng.IntN(end/2)
				}
				for _, p := range sp[:end] {
					out = append(out, ocrNoise(rng, p, 0.01))
				}
			case 2: // version
				out = s.paragraphs(rng, 50)
				for j, p := range sp[1:] {
					if rng.IntN(4) > 0 {
						out = append(out, p)
					}
					if j == len(sp)/2 {
						out = append(out, s.paragraphs(rng, 60)...)
					}
				}
			default: // reuse of one paragraph
				out = s.paragraphs(rng, 300+rng.IntN(601))
				at := rng.IntN(len(out))
				out = slices.Insert(out, at, sp[rng.IntN(len(sp))])
			}
			arts[i].Text = strings.Join(out, "\n\n")
		})
	}
	gen(false)
	gen(true)
	return arts, from
}

// ocrNoise replaces letters at the given rate.
func ocrNoise(rng *rand.Rand, p string, rate float64) string {
	rs := []rune(p)
	for i, r := range rs {
		if r != ' ' && rng.Float64() < rate {
			rs[i] = rune('a' + rng.IntN(26))
		}
	}
	return string(rs)
}

func mix(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 ^ b
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	return x
}

// parallelFor calls f(0..n-1) on workers goroutines, in contiguous chunks.
func parallelFor(n, workers int, f func(i int)) {
	var wg sync.WaitGroup
	chunk := (n + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min(n, (w+1)*chunk)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				f(i)
			}
		}()
	}
	wg.Wait()
}

func runScale(stdout, stderr io.Writer, bodies, ecb []*source, n, baseline int, seed uint64, opts reuse.Options) int {
	s := newSynth(append(slices.Clone(bodies), ecb...), seed)
	t0 := time.Now()
	arts, from := s.corpus(n, opts.Workers)
	size := 0
	words := 0
	for _, a := range arts {
		size += len(a.Text)
		words += strings.Count(a.Text, " ") + 1
	}
	fmt.Fprintf(stdout, "corpus: %d articles, %d words, %.0f MB of text, generated in %v\n",
		n, words, float64(size)/1e6, time.Since(t0).Round(time.Millisecond))

	runtime.GC()
	stop := make(chan struct{})
	peak := measure.PeakHeap(stop)
	cpu0 := measure.CPUTime()
	t0 = time.Now()
	rels, st := reuse.Find(arts, opts)
	el := time.Since(t0)
	cpu := measure.CPUTime() - cpu0
	close(stop)
	ph := <-peak
	fmt.Fprintf(stdout, "reuse.Find: %d articles in %v = %.0f articles/s with %d workers; %d relations\n",
		n, el.Round(time.Millisecond), float64(n)/el.Seconds(), opts.Workers, len(rels))
	fmt.Fprintf(stdout, "cpu: %v = %.0f articles per CPU-second (machine load average %s while measuring)\n",
		cpu.Round(time.Millisecond), float64(n)/cpu.Seconds(), measure.LoadAverage())
	fmt.Fprintf(stdout, "memory: peak live heap during Find %.0f MB (corpus text %.0f MB of it); process peak RSS %.0f MB\n",
		float64(ph)/1e6, float64(size)/1e6, float64(measure.PeakRSS())/1e6)
	fmt.Fprintln(stdout, st)
	found := map[[2]string]bool{}
	for _, r := range rels {
		found[[2]string{r.A, r.B}] = true
		found[[2]string{r.B, r.A}] = true
	}
	derivedN, hit := 0, 0
	for i, src := range from {
		if src >= 0 {
			derivedN++
			hit += btoi(found[[2]string{arts[src].ID, arts[i].ID}])
		}
	}
	fmt.Fprintf(stdout, "check: %d of %d derived articles linked to their original\n", hit, derivedN)

	m := min(baseline, n)
	if m < 2 {
		return 0
	}
	sub := arts[:m]
	t0 = time.Now()
	subRels, _ := reuse.Find(sub, opts)
	fe := time.Since(t0)
	t0 = time.Now()
	pairs := shingleBaseline(sub, opts.Workers)
	be := time.Since(t0)
	fmt.Fprintf(stdout, "baseline (all-pairs word 5-gram shingle overlap, >= 3 shared) on %d articles: %v, %d pairs; reuse.Find on the same: %v, %d relations; speed-up %.0fx\n",
		m, be.Round(time.Millisecond), pairs, fe.Round(time.Millisecond), len(subRels), be.Seconds()/fe.Seconds())
	return 0
}

// shingleBaseline compares every pair of articles by their word 5-gram
// shingles and returns how many pairs share at least three.
func shingleBaseline(arts []news.Article, workers int) int {
	sh := make([][]uint64, len(arts))
	parallelFor(len(arts), workers, func(i int) {
		var ws []string
		for _, w := range strings.Fields(arts[i].Text) {
			if k := key(w); k != "" {
				ws = append(ws, k)
			}
		}
		var hs []uint64
		for j := 0; j+5 <= len(ws); j++ {
			h := uint64(14695981039346656037)
			for _, w := range ws[j : j+5] {
				for _, c := range []byte(w) {
					h = (h ^ uint64(c)) * 1099511628211
				}
				h = (h ^ ' ') * 1099511628211
			}
			hs = append(hs, h)
		}
		slices.Sort(hs)
		sh[i] = slices.Compact(hs)
	})
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(sh); i += workers {
				for j := i + 1; j < len(sh); j++ {
					if sorted.Common(sh[i], sh[j]) >= 3 {
						counts[w]++
					}
				}
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, c := range counts {
		total += c
	}
	return total
}
