package clean

import (
	"math/bits"
	"slices"
)

// counter counts 64-bit keys exactly, as a map[uint64]int32 would, in an
// open-addressing hash table: learning updates a count for every word and
// line of a collection, and cleaning looks words up for every repair
// decision, both several times faster than with a map. The zero counter
// is empty and ready to use.
type counter struct {
	slots []counterSlot // a power of two of them, at most half used
	n     int           // keys held
}

type counterSlot struct {
	key  uint64
	n    int32
	used bool
}

// newCounter returns a counter with room for about n keys.
func newCounter(n int) counter {
	var c counter
	if n > 0 {
		c.resize(n)
	}
	return c
}

// resize makes room for n keys, keeping those held.
func (c *counter) resize(n int) {
	size := 8
	for size < 2*n {
		size <<= 1
	}
	old := c.slots
	c.slots = make([]counterSlot, size)
	for _, s := range old {
		if s.used {
			*c.slot(s.key) = s
		}
	}
}

// slot returns the slot of key: the one holding it, or the empty one
// where it goes. Keys are hashes, but FNV's low bits are poorly mixed:
// the slot is taken from the high bits of a multiplicative remix.
func (c *counter) slot(key uint64) *counterSlot {
	mask := uint64(len(c.slots) - 1)
	for i := c.home(key); ; i = (i + 1) & mask {
		if s := &c.slots[i]; !s.used || s.key == key {
			return s
		}
	}
}

// home is the first slot looked at for key.
func (c *counter) home(key uint64) uint64 {
	return (key * 0x9e3779b97f4a7c15) >> 32 & uint64(len(c.slots)-1)
}

// compact shrinks the table to the room its keys take, so that looking
// them up, as cleaning does for every word, touches less memory.
func (c *counter) compact() {
	if len(c.slots) > 8 && 4*c.n <= len(c.slots) {
		c.resize(c.n)
	}
}

// addAll adds the counts of keys, grouped first (see group) in buf,
// which it returns for reuse.
func (c *counter) addAll(keys, buf []keyCount) []keyCount {
	keys, buf = c.group(keys, buf)
	for _, k := range keys {
		c.add(k.key, k.n)
	}
	return buf
}

// group returns keys in the order to count them in, written in buf, which
// it also returns for reuse. A large table lies far apart in memory, so
// that counting keys in the order they come waits on memory for each; a
// large batch is grouped by the region of the table its keys start from,
// to be counted one region after the other, each small enough for a
// core's cache. A small batch, or one for a small table, keeps its order.
// The table may grow while the keys are counted, which only spoils the
// order.
func (c *counter) group(keys, buf []keyCount) (grouped, _ []keyCount) {
	if len(keys) < 1<<12 || len(c.slots) < 1<<16 {
		return keys, buf
	}
	const regionBits = 11
	shift := bits.Len(uint(len(c.slots))) - 1 - regionBits
	var start [1<<regionBits + 1]int
	for _, k := range keys {
		start[c.home(k.key)>>shift+1]++
	}
	for r := 1; r < len(start); r++ {
		start[r] += start[r-1]
	}
	buf = slices.Grow(buf[:0], len(keys))[:len(keys)]
	for _, k := range keys {
		r := c.home(k.key) >> shift
		buf[start[r]] = k
		start[r]++
	}
	return buf, buf
}

// keyCount is a key and a count to add to it.
type keyCount struct {
	key uint64
	n   int32
}

// tally counts keys ahead of a counter in a small table, which stays in a
// core's cache, one slot a key by the high bits of a remix of it: the
// words of a text repeat a great deal, and most of their counts add up
// there rather than in the counter's large table. A key whose slot
// another takes over, and every key when the table is drained, goes to
// out with its count.
type tally struct {
	slots []keyCount // a power of two of them; a count of 0 marks an empty slot
	shift uint       // 64 - log2(len(slots))
	out   []keyCount
}

// newTally returns an empty tally of 1<<bits slots whose out has room
// for n keys.
func newTally(bits uint, n int) tally {
	return tally{slots: make([]keyCount, 1<<bits), shift: 64 - bits, out: make([]keyCount, 0, n)}
}

// add counts key once. A tally without slots (the zero tally) puts
// every key in out.
func (t *tally) add(key uint64) {
	if t.slots == nil {
		t.out = append(t.out, keyCount{key, 1})
		return
	}
	s := &t.slots[key*0x9e3779b97f4a7c15>>t.shift]
	if s.key != key || s.n == 0 {
		if s.n > 0 {
			t.out = append(t.out, *s)
		}
		s.key, s.n = key, 0
	}
	s.n++
}

// drain moves the counts held in the table to out, and empties it.
func (t *tally) drain() {
	if t.slots == nil {
		return
	}
	for i := range t.slots {
		if s := &t.slots[i]; s.n > 0 {
			t.out = append(t.out, *s)
			s.n = 0
		}
	}
}

// add adds n to the count of key, and returns the new count.
func (c *counter) add(key uint64, n int32) int32 {
	if 2*(c.n+1) > len(c.slots) {
		c.resize(2 * (c.n + 1))
	}
	s := c.slot(key)
	if !s.used {
		s.key, s.used = key, true
		c.n++
	}
	s.n += n
	return s.n
}

// set sets the count of key.
func (c *counter) set(key uint64, n int32) {
	c.add(key, 0)
	c.slot(key).n = n
}

// get returns the count of key, 0 when it is not held.
func (c *counter) get(key uint64) int32 {
	if c.n == 0 {
		return 0
	}
	return c.slot(key).n
}

// len returns the number of keys held.
func (c *counter) len() int { return c.n }

// each calls fn with every key held and its count, in no set order.
func (c *counter) each(fn func(key uint64, n int32)) {
	for _, s := range c.slots {
		if s.used {
			fn(s.key, s.n)
		}
	}
}
