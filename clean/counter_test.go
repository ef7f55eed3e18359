package clean

import "testing"

// TestCounter checks the counter against a map, key by key and in large
// batches that make the table grow on the way.
func TestCounter(t *testing.T) {
	var one, all counter
	want := map[uint64]int32{}
	x := uint64(1)
	for round := range 4 {
		keys := make([]uint64, 50000)
		for i := range keys {
			x = x*6364136223846793005 + 1442695040888963407
			keys[i] = x % (100000 << round) // repeats, and key 0
			want[keys[i]]++
			one.add(keys[i], 1)
		}
		all.addAll(keys)
	}
	for _, c := range []*counter{&one, &all} {
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
