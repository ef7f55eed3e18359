package cluster

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestIDSet(t *testing.T) {
	var s idSet
	rng := rand.New(rand.NewPCG(1, 2))
	n := 0
	for round := range 200 {
		// Ranges from a few ids to past three levels of summary bits.
		if m := 1 << (round % 20); m > n {
			n = m
			s.grow(n)
		}
		var want []int32
		for range rng.IntN(300) {
			id := int32(rng.IntN(n))
			if !slices.Contains(want, id) {
				s.add(id)
				want = append(want, id)
			}
		}
		slices.Sort(want)
		got := s.drain(nil)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d (ids below %d): drained %v, want %v", round, n, got, want)
		}
		if again := s.drain(nil); len(again) != 0 {
			t.Fatalf("round %d: drained again %v", round, again)
		}
	}
}
