package clean

import "testing"

// TestCounter checks the counter against a map, key by key, in large
// batches that make the table grow on the way, and through a tally.
func TestCounter(t *testing.T) {
	var one, all, tallied counter
	want := map[uint64]int32{}
	x := uint64(1)
	tl := newTally(6, 0)
	for round := range 4 {
		keys := make([]keyCount, 50000)
		for i := range keys {
			x = x*6364136223846793005 + 1442695040888963407
			k := x % (100000 << round) // repeats, and key 0
			if i%3 == 0 {
				k %= 100 // many repeats, as the words of a text
			}
			keys[i] = keyCount{k, 1}
			want[k]++
			one.add(k, 1)
			tl.add(k)
		}
		all.addAll(keys, nil)
		if round%2 == 1 {
			tl.drain()
			tallied.addAll(tl.out, nil)
			tl.out = tl.out[:0]
		}
	}
	for _, c := range []*counter{&one, &all, &tallied} {
		if c.len() != len(want) {
			t.Fatalf("%d keys, want %d", c.len(), len(want))
		}
		c.each(func(k uint64, n int32) {
			if want[k] != n {
				t.Fatalf("count of %d is %d, want %d", k, n, want[k])
			}
		})
		if c.get(1<<63) != 0 {
			t.Error("a key never added has a count")
		}
	}
	var empty counter
	if empty.get(7) != 0 || empty.len() != 0 {
		t.Error("the empty counter holds something")
	}
	empty.set(7, 0)
	if empty.len() != 1 || empty.get(7) != 0 {
		t.Error("a key set to 0 is not held")
	}
}
