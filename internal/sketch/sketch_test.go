package sketch

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func TestCountsNeverUnderestimate(t *testing.T) {
	c := New(1000)
	truth := map[uint64]int32{}
	for i := uint64(0); i < 200000; i++ {
		k := (i * 7919) % 30000 // 30,000 keys in MinWidth slots: many collisions
		c.Add(k)
		truth[k]++
	}
	over := 0
	for k, n := range truth {
		got := c.Get(k)
		if got < n {
			t.Fatalf("Get(%d) = %d, below the true %d", k, got, n)
		}
		if got > n {
			over++
		}
	}
	if c.Width() != MinWidth {
		t.Errorf("width %d, want %d", c.Width(), MinWidth)
	}
	t.Logf("%d of %d keys over-estimated", over, len(truth))
}

func TestExactWhenRoomy(t *testing.T) {
	c := New(1 << 16)
	for i := uint64(0); i < 500; i++ {
		for j := uint64(0); j <= i%5; j++ {
			c.Add(i * 0x100000001b3)
		}
	}
	for i := uint64(0); i < 500; i++ {
		if got, want := c.Get(i*0x100000001b3), int32(i%5+1); got != want {
			t.Errorf("Get(key %d) = %d, want %d", i, got, want)
		}
	}
}

func TestMergeMatchesOneSketchAndFolds(t *testing.T) {
	whole, a, b := New(MinWidth), New(MinWidth), New(4*MinWidth)
	for k := uint64(0); k < 3000; k++ {
		whole.Add(k)
		if k%2 == 0 {
			a.Add(k)
		} else {
			b.Add(k)
		}
	}
	a.Merge(b) // b is wider: folded to a's width
	if a.Width() != MinWidth {
		t.Fatalf("merged width %d", a.Width())
	}
	for k := uint64(0); k < 3000; k++ {
		if a.Get(k) < 1 {
			t.Fatalf("merged count of %d is %d", k, a.Get(k))
		}
		if a.Get(k) != whole.Get(k) {
			// Merging sums: the same counts as one sketch of everything.
			t.Fatalf("merged %d != single-sketch %d for key %d", a.Get(k), whole.Get(k), k)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	c := New(5000)
	for k := uint64(0); k < 9000; k++ {
		c.Add(k % 700)
	}
	data, _ := c.MarshalBinary()
	var d Counts
	if err := d.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	again, _ := d.MarshalBinary()
	if !bytes.Equal(data, again) || d.Get(5) != c.Get(5) {
		t.Fatal("round trip changed the sketch")
	}
	for _, bad := range [][]byte{nil, data[:7], data[:len(data)-1], append([]byte{3, 0, 0, 0, 0, 0, 0, 0}, data[8:]...)} {
		if err := new(Counts).UnmarshalBinary(bad); err == nil {
			t.Errorf("accepted %d bad bytes", len(bad))
		}
	}
}

func FuzzUnmarshal(f *testing.F) {
	c := New(10)
	c.Add(1)
	data, _ := c.MarshalBinary()
	f.Add(data)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var c Counts
		if c.UnmarshalBinary(data) == nil {
			c.Add(42)
			c.Get(42)
		}
	})
}

// addAll counts keys into c in one batch.
func addAll(c *Counts, keys []uint64) {
	b := c.NewBatch(len(keys))
	for _, k := range keys {
		b.Add(k)
	}
	b.Flush()
}

// TestAddAllMatchesAdd checks that counting a batch gives the counters
// of counting its keys one by one, in sketches small and large, for
// batches small and large.
func TestAddAllMatchesAdd(t *testing.T) {
	for _, width := range []int{MinWidth, sortWidth, 1 << 20, MaxWidth} {
		for _, n := range []int{0, 10, batchMin, 3 * batchMin} {
			one, all := New(width), New(width)
			keys := make([]uint64, n)
			x := uint64(width + n + 1)
			for i := range keys {
				x = x*6364136223846793005 + 1442695040888963407
				keys[i] = x % uint64(n/3+1) * 0x9e3779b97f4a7c15 // repeats
				one.Add(keys[i])
			}
			addAll(all, keys)
			a, _ := one.MarshalBinary()
			b, _ := all.MarshalBinary()
			if !bytes.Equal(a, b) {
				t.Errorf("width %d, %d keys: a batch differs from Add", width, n)
			}
		}
	}
}

// TestBatchMatchesAdd checks that batches flushed now and then, holding
// more keys or fewer than they were made for, give the counters of
// counting the keys one by one.
func TestBatchMatchesAdd(t *testing.T) {
	for _, room := range []int{0, batchMin, 4 * batchMin} {
		one, all := New(1<<20), New(1<<20)
		b := all.NewBatch(room)
		x := uint64(room + 1)
		for i := range 10 * batchMin {
			x = x*6364136223846793005 + 1442695040888963407
			k := x % 5000 * 0x9e3779b97f4a7c15 // repeats
			one.Add(k)
			b.Add(k)
			if i%(3*batchMin) == 0 {
				b.Flush()
				if b.Len() != 0 {
					t.Fatal("a flushed batch holds keys")
				}
			}
		}
		b.Flush()
		a, _ := one.MarshalBinary()
		c, _ := all.MarshalBinary()
		if !bytes.Equal(a, c) {
			t.Errorf("batch made for %d keys differs from Add", room)
		}
	}
}

// TestBigCounters checks counters past 16 bits: counted one by one and
// in batches, merged, folded, encoded and saturated.
func TestBigCounters(t *testing.T) {
	const key, n = 12345, 70000
	one, all := New(sortWidth), New(sortWidth)
	keys := make([]uint64, n)
	for i := range keys {
		keys[i] = key
		one.Add(key)
	}
	addAll(all, keys)
	if one.Get(key) != n || all.Get(key) != n {
		t.Fatalf("Get = %d and %d, want %d", one.Get(key), all.Get(key), n)
	}
	a, _ := one.MarshalBinary()
	b, _ := all.MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Fatal("a batch differs from Add past 16 bits")
	}
	one.Merge(all)
	if one.Get(key) != 2*n {
		t.Errorf("merged Get = %d, want %d", one.Get(key), 2*n)
	}
	if f := one.fold(MinWidth); f.Get(key) != 2*n {
		t.Errorf("folded Get = %d, want %d", f.Get(key), 2*n)
	}
	// A counter near the top saturates, and decodes as it was encoded.
	enc, _ := one.MarshalBinary()
	i, j := one.slots(key)
	binary.LittleEndian.PutUint32(enc[8+4*i:], 1<<32-10)
	binary.LittleEndian.PutUint32(enc[8+4*(uint64(one.Width())+j):], 1<<32-10)
	var d Counts
	if err := d.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	again, _ := d.MarshalBinary()
	if !bytes.Equal(again, enc) {
		t.Fatal("re-encoding a decoded sketch differs")
	}
	d.Merge(&d)
	if got := d.counter(0, i); got != 1<<32-1 {
		t.Errorf("counter %d, want it saturated", got)
	}
	if d.Get(key) != 1<<31-1 {
		t.Errorf("Get = %d, want the int32 maximum", d.Get(key))
	}
}
