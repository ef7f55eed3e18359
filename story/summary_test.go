package story

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestSummarizeMatchesEager checks that summarize, which notes the
// redundancy of a candidate only when its score could still win, picks
// the sentences that noting every candidate against every chosen one
// picks (see summarizeEagerChoice), on random groups whose weights are
// coarse enough to tie.
func TestSummarizeMatchesEager(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	lex := newLexicon(0)
	for n := range 3000 {
		groups := randomGroups(r)
		k := 1 + r.IntN(6)
		seed := ""
		if r.IntN(2) == 0 {
			seed = "a0"
		}
		got := summarize(groups, k, seed, lex)
		want := summarizeEagerChoice(groups, k, seed, lex)
		var gotText []string
		for _, s := range got {
			gotText = append(gotText, s.Text)
		}
		if !reflect.DeepEqual(gotText, want) {
			t.Fatalf("case %d, k %d: summarize chose %q, noting every candidate %q", n, k, gotText, want)
		}
	}
}

// randomGroups returns up to 40 summarizable groups of random vectors
// over a small vocabulary, with weights of few distinct values.
func randomGroups(r *rand.Rand) []group {
	groups := make([]group, 1+r.IntN(40))
	for i := range groups {
		g := &groups[i]
		g.text = fmt.Sprintf("Sentence %d.", i)
		g.families = 1 + r.IntN(3)
		g.event = r.IntN(3)
		g.pos = r.IntN(5)
		g.order = i
		g.dangling = r.IntN(8) == 0
		g.wordNums = make([]uint32, 5+r.IntN(50))
		g.articles = []string{"a0"}
		if r.IntN(4) == 0 {
			g.leads = []string{"a0"}
		}
		var ss float64
		for id := range int32(30) {
			if r.IntN(3) == 0 {
				x := float64(1 + r.IntN(3))
				g.vec = append(g.vec, term{id, x})
				ss += x * x
			}
		}
		g.vec.scale(ss)
	}
	return groups
}

// summarizeEagerChoice returns the texts, in summarize's order, of the
// groups summarize chooses when every chosen sentence's redundancy is
// noted for every candidate as soon as it is chosen.
func summarizeEagerChoice(groups []group, k int, seed string, lex *lexicon) []string {
	var cands []int
	for i := range groups {
		if summarizable(&groups[i]) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	rel := make([]float64, len(groups))
	vs := make([]vector, len(cands))
	weights := make([]float64, len(cands))
	for k, i := range cands {
		vs[k], weights[k] = groups[i].vec, float64(groups[i].families)
	}
	centroid := lex.sum(vs, weights)
	var ss float64
	for _, t := range centroid {
		ss += t.x * t.x
	}
	centroid.scale(ss)
	dense := make([]float64, 64)
	for _, t := range centroid {
		dense[t.id] = t.x
	}
	for _, i := range cands {
		g := &groups[i]
		var x float64
		for _, t := range g.vec {
			x += t.x * dense[t.id]
		}
		x *= 1 + 0.3*math.Log(float64(g.families))
		x *= 1 / (1 + 0.08*float64(g.pos))
		if g.dangling {
			x *= 0.5
		}
		if n := len(g.wordNums); n < 10 || n > 45 {
			x *= 0.7
		}
		rel[i] = x
	}
	var chosen []int
	covered := make([]bool, 3)
	for _, i := range cands {
		if k > 0 && seed != "" && containsString(groups[i].leads, seed) && !groups[i].dangling {
			chosen = append(chosen, i)
			covered[groups[i].event] = true
			break
		}
	}
	redundancy := make([]float64, len(groups))
	note := func(c int) {
		for _, i := range cands {
			if redundancy[i] < maxOverlap {
				d, o := dotOverlap(groups[i].vec, groups[c].vec)
				redundancy[i] = max(redundancy[i], d, o)
			}
		}
	}
	for _, c := range chosen {
		note(c)
	}
	for len(chosen) < k {
		best, bestScore := -1, math.Inf(-1)
		for _, i := range cands {
			if contains(chosen, i) || redundancy[i] >= maxOverlap {
				continue
			}
			x := rel[i]
			if !covered[groups[i].event] && len(chosen) > 0 {
				x *= 1.15
			}
			if score := mmrLambda*x - (1-mmrLambda)*redundancy[i]; score > bestScore+1e-12 {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			break
		}
		chosen = append(chosen, best)
		covered[groups[best].event] = true
		note(best)
	}
	var out []string
	for i := range groups {
		if contains(chosen, i) {
			out = append(out, groups[i].text)
		}
	}
	// summarize orders by event, then position, then reading order.
	for a := 1; a < len(out); a++ {
		for b := a; b > 0 && summaryLess(groups, out[b], out[b-1]); b-- {
			out[b], out[b-1] = out[b-1], out[b]
		}
	}
	return out
}

// summaryLess orders two groups, given by text, as summarize orders its
// choice.
func summaryLess(groups []group, x, y string) bool {
	var a, b *group
	for i := range groups {
		switch groups[i].text {
		case x:
			a = &groups[i]
		case y:
			b = &groups[i]
		}
	}
	if a.event != b.event {
		return a.event < b.event
	}
	if a.pos != b.pos {
		return a.pos < b.pos
	}
	return a.order < b.order
}
