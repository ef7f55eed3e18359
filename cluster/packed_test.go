package cluster

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPacked checks that an item comes back from its packed form as it
// was, for gaps of every varint length.
func TestPacked(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var codes byteArena
	for n := range 200 {
		it := &item{lo: n, hi: n + 1}
		for s := range it.vecs {
			var x vec
			id := int32(r.IntN(3))
			for range r.IntN(n + 1) {
				x.ids = append(x.ids, id)
				x.ws = append(x.ws, r.Float32())
				gap := int32(1) << r.IntN(31)
				if id > math.MaxInt32-gap {
					break
				}
				id += 1 + r.Int32N(gap)
			}
			it.vecs[s] = x
		}
		p := pack(it, &codes)
		got := p.item()
		if got.lo != it.lo || got.hi != it.hi {
			t.Fatalf("dates %d-%d, want %d-%d", got.lo, got.hi, it.lo, it.hi)
		}
		for s := range it.vecs {
			if !slices.Equal(got.vecs[s].ids, it.vecs[s].ids) || !slices.Equal(got.vecs[s].ws, it.vecs[s].ws) {
				t.Fatalf("space %d: %v, want %v", s, got.vecs[s], it.vecs[s])
			}
		}
	}
}
