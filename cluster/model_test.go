package cluster

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestKeepHeaviest(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 500 {
		n, k := rng.IntN(3000), 1+rng.IntN(600)
		x := vec{ids: make([]int32, n), ws: make([]float32, n)}
		for i := range x.ids {
			x.ids[i] = int32(3*i + rng.IntN(3))
			// Few distinct weights, so that ties are common.
			x.ws[i] = float32(rng.IntN(1+round%50)) / 7
		}
		// The k heaviest by weight, then by id, listed in id order.
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(x.ws[b], x.ws[a]) })
		order = order[:min(k, n)]
		slices.Sort(order)
		var want vec
		for _, i := range order {
			want.ids, want.ws = append(want.ids, x.ids[i]), append(want.ws, x.ws[i])
		}
		got := x.keepHeaviest(k)
		if !slices.Equal(got.ids, want.ids) || !slices.Equal(got.ws, want.ws) {
			t.Fatalf("round %d: n %d, k %d: kept %v, want %v", round, n, k, got, want)
		}
	}
}

func TestAppendTop(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 500 {
		n, k := rng.IntN(400), rng.IntN(20)
		x := vec{ids: make([]int32, n), ws: make([]float32, n)}
		for i := range x.ids {
			x.ids[i] = int32(3*i + rng.IntN(3))
			// Few distinct weights, so that ties are common.
			x.ws[i] = float32(1+rng.IntN(1+round%30)) / 7
		}
		// The k heaviest by weight, then by id.
		order := make([]int, n)
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(x.ws[b], x.ws[a]) })
		want := []int32{-1}
		for _, i := range order[:min(k, n)] {
			want = append(want, x.ids[i])
		}
		if got := x.appendTop([]int32{-1}, k); !slices.Equal(got, want) {
			t.Fatalf("round %d: n %d, k %d: got %v, want %v", round, n, k, got, want)
		}
	}
}

// TestCosDense checks that passing over the terms that the bitmap says a
// vector lacks leaves the cosine exactly as summing over all of them, ids
// far apart sharing bits of the bitmap.
func TestCosDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const terms = 1 << 18
	for range 100 {
		var c centroid
		for range 1 + rng.IntN(3) {
			c.add(randomVec(rng, terms, 1+rng.IntN(300)))
		}
		x := randomVec(rng, terms, 1+rng.IntN(300))
		dense := make([]float32, terms)
		held := new(termBits)
		for i, id := range x.ids {
			dense[id] = x.ws[i]
			held.add(id)
		}
		var want float64
		for i, id := range c.sum.ids {
			want += float64(c.sum.ws[i]) * float64(dense[id])
		}
		want /= math.Sqrt(c.norm2)
		if got := c.cosDense(dense, held, new([hitBlock]uint16)); got != want {
			t.Fatalf("cosDense = %v, want %v", got, want)
		}
		for _, id := range x.ids {
			held.clear(id)
		}
		if *held != (termBits{}) {
			t.Fatal("bits left after clearing")
		}
	}
}

// randomVec returns a vector of n distinct random terms below terms, as
// likely to be near each other as far apart.
func randomVec(rng *rand.Rand, terms, n int) vec {
	seen := map[int32]bool{}
	var x vec
	for len(x.ids) < n {
		id := int32(rng.IntN(terms))
		if rng.IntN(2) == 0 {
			id = int32(rng.IntN(512))
		}
		if !seen[id] {
			seen[id] = true
			x.ids = append(x.ids, id)
		}
	}
	slices.Sort(x.ids)
	for range x.ids {
		x.ws = append(x.ws, rng.Float32())
	}
	return x
}
