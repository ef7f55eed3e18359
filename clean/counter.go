package clean

import "math/bits"

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

// addAll adds 1 to the count of each of keys. A large table lies far
// apart in memory, so that counting keys in the order they come waits on
// memory for each; a large batch is first grouped by the region of the
// table its keys start from, and then counted one region after the
// other, each small enough for a core's cache.
func (c *counter) addAll(keys []uint64) {
	if len(keys) < 1<<12 || len(c.slots) < 1<<16 {
		for _, k := range keys {
			c.add(k, 1)
		}
		return
	}
	const regionBits = 11
	shift := bits.Len(uint(len(c.slots))) - 1 - regionBits
	var start [1<<regionBits + 1]int
	for _, k := range keys {
		start[c.home(k)>>shift+1]++
	}
	for r := 1; r < len(start); r++ {
		start[r] += start[r-1]
	}
	grouped := make([]uint64, len(keys))
	for _, k := range keys {
		r := c.home(k) >> shift
		grouped[start[r]] = k
		start[r]++
	}
	// The table may grow on the way, which only spoils the order.
	for _, k := range grouped {
		c.add(k, 1)
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
