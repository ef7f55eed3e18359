package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRepropose checks repropose against top on random postings: after
// every placing within a window, what repropose finds from what guesses
// would have at the window's start is what top finds now, whenever
// repropose says it can tell. The vocabulary is small, so that postings
// overflow and forget clusters too.
func TestRepropose(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	told, changed, untold := 0, 0, 0
	for run := range 20 {
		o := newOnline(level{weights: [nSpaces]float64{spaceBody: 1}, threshold: 0.5, candidates: 1 + run%8})
		terms := 10 + rng.IntN(30)
		randomKeys := func() []int32 {
			keys := make([]int32, 1+rng.IntN(2*keyTerms))
			for i := range keys {
				keys[i] = int32(rng.IntN(terms))
			}
			return keys
		}
		var sc scorer
		for range 120 {
			o.round++
			o.born = int32(len(o.groups))
			probes := make([][]int32, 8)
			ahead := make([][]guess, len(probes))
			for p := range probes {
				probes[p] = randomKeys()
				sc.votes = zeros(sc.votes, len(o.groups))
				o.top(&sc, probes[p])
				for _, v := range sc.top {
					ahead[p] = append(ahead[p], guess{g: v.g, votes: uint8(v.votes)})
				}
			}
			for range 1 + rng.IntN(30) {
				g := -1
				if len(o.groups) > 0 && rng.IntN(3) > 0 {
					g = rng.IntN(len(o.groups))
				}
				o.place(len(o.groups), &item{lo: undated, hi: undated}, randomKeys(), g)
				sc.votes = zeros(sc.votes, len(o.groups))
				for p, keys := range probes {
					got, ok := o.repropose(&sc, keys, ahead[p])
					got = slices.Clone(got)
					want := o.top(&sc, keys)
					if !ok {
						untold++
						continue
					}
					told++
					if !slices.Equal(got, want) {
						t.Fatalf("run %d window %d: repropose %v, top %v", run, o.round, got, want)
					}
					if !slices.Equal(got, guessed(ahead[p])) {
						changed++
					}
				}
			}
		}
	}
	// The test must see both outcomes, and candidates that changed.
	if told == 0 || untold == 0 || changed < told/20 {
		t.Errorf("told %d (changed %d), untold %d", told, changed, untold)
	}
	t.Logf("told %d (changed %d), untold %d", told, changed, untold)
}

func guessed(ahead []guess) []int32 {
	var gs []int32
	for _, a := range ahead {
		gs = append(gs, a.g)
	}
	return gs
}
