// Package sketch counts keys in a fixed amount of memory: a count-min
// sketch with two rows of 32-bit counters, most of them kept in 16 bits.
//
// newsfold learns word-pair and word-triple statistics from the whole
// collection to repair text. Exact counts grow with the collection (tens
// of millions of distinct pairs at 10^5 articles, hundreds of bytes each
// in a map); a sketch keeps them in a few megabytes, can be merged across
// shards learnt separately, stored, and added to later. Counts are never
// under-estimated; a collision can only over-estimate a rare key.
package sketch

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// Counts is a count-min sketch. The zero value is not usable; use New.
//
// Its counters are 32-bit, saturating, but most are small: a row keeps
// them in 16 bits, and those that reach bigCount in a map, so that a
// sketch takes half the memory (and learning waits half as long on it).
type Counts struct {
	mask uint64
	rows [2][]uint16
	big  map[uint64]uint32 // counters of bigCount or more, by bigKey
}

// bigCount marks, in a row, a counter kept in Counts.big.
const bigCount = 1<<16 - 1

// bigKey is the key of counter i of row r in Counts.big.
func bigKey(r int, i uint64) uint64 { return uint64(r)<<32 | i }

// MinWidth and MaxWidth bound the counters per row.
const (
	MinWidth = 1 << 14
	MaxWidth = 1 << 23
)

// New returns a sketch sized for about keys distinct keys: the width is
// the power of two at or above keys, within [MinWidth, MaxWidth].
func New(keys int) *Counts {
	w := MinWidth
	for w < keys && w < MaxWidth {
		w <<= 1
	}
	return newWidth(w)
}

// newWidth returns an empty sketch of width w.
func newWidth(w int) *Counts {
	return &Counts{mask: uint64(w - 1), rows: [2][]uint16{make([]uint16, w), make([]uint16, w)}, big: map[uint64]uint32{}}
}

// Width is the number of counters per row.
func (c *Counts) Width() int { return len(c.rows[0]) }

// slots returns the counter of key in each row: the low bits of the key
// for the first, the low bits of a remix for the second.
func (c *Counts) slots(key uint64) (uint64, uint64) { return slotsOf(key, c.mask) }

// slotsOf is slots for a sketch whose width is mask+1.
func slotsOf(key, mask uint64) (uint64, uint64) {
	h := key * 0x9e3779b97f4a7c15
	h ^= h >> 29
	return key & mask, bits.RotateLeft64(h, 17) & mask
}

// counter returns counter i of row r.
func (c *Counts) counter(r int, i uint64) uint32 {
	if v := c.rows[r][i]; v < bigCount {
		return uint32(v)
	}
	return c.big[bigKey(r, i)]
}

// inc adds n to counter i of row r.
func (c *Counts) inc(r int, i uint64, n uint32) {
	v := c.rows[r][i]
	if v < bigCount {
		if s := satAdd(uint32(v), n); s < bigCount {
			c.rows[r][i] = uint16(s)
			return
		}
		c.rows[r][i] = bigCount
		c.big[bigKey(r, i)] = satAdd(uint32(v), n)
		return
	}
	k := bigKey(r, i)
	c.big[k] = satAdd(c.big[k], n)
}

// Add counts key once. Every row's counter goes up (no conservative
// update), so that a sketch of two collections is exactly the sum of
// their sketches: learning in shards gives the same counts as learning
// in one go.
func (c *Counts) Add(key uint64) {
	i, j := c.slots(key)
	c.inc(0, i, 1)
	c.inc(1, j, 1)
}

// Get returns the estimated count of key.
func (c *Counts) Get(key uint64) int32 {
	i, j := c.slots(key)
	m := min(c.counter(0, i), c.counter(1, j))
	if m > 1<<31-1 {
		m = 1<<31 - 1
	}
	return int32(m)
}

// Merge adds other's counts into c. A wider sketch is folded to the
// narrower width first, so sketches of any size merge.
func (c *Counts) Merge(other *Counts) {
	if other.Width() > c.Width() {
		other = other.fold(c.Width())
	} else if other.Width() < c.Width() {
		*c = *c.fold(other.Width())
	}
	for r := range c.rows {
		for i, v := range other.rows[r] {
			if v != 0 {
				c.inc(r, uint64(i), other.counter(r, uint64(i)))
			}
		}
	}
}

// fold returns c narrowed to width w: keys map to their low bits, so the
// counters of slot i and i+w, i+2w... add up.
func (c *Counts) fold(w int) *Counts {
	out := newWidth(w)
	for r := range c.rows {
		// The second row's slot is taken from a remix of the key, whose
		// low bits fold the same way.
		for i, v := range c.rows[r] {
			if v != 0 {
				out.inc(r, uint64(i&(w-1)), c.counter(r, uint64(i)))
			}
		}
	}
	return out
}

func satAdd(a, b uint32) uint32 {
	if s := a + b; s >= a {
		return s
	}
	return ^uint32(0)
}

// MarshalBinary encodes the sketch: its width, then both rows as
// little-endian 32-bit counters.
func (c *Counts) MarshalBinary() ([]byte, error) {
	w := c.Width()
	out := make([]byte, 8, 8+8*w)
	binary.LittleEndian.PutUint64(out, uint64(w))
	for r := range c.rows {
		for i := range c.rows[r] {
			out = binary.LittleEndian.AppendUint32(out, c.counter(r, uint64(i)))
		}
	}
	return out, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (c *Counts) UnmarshalBinary(data []byte) error {
	if len(data) < 8 {
		return errors.New("sketch: truncated header")
	}
	w := binary.LittleEndian.Uint64(data)
	if w < MinWidth || w > MaxWidth || w&(w-1) != 0 {
		return errors.New("sketch: bad width")
	}
	if uint64(len(data)-8) != 8*w {
		return errors.New("sketch: wrong length")
	}
	d := newWidth(int(w))
	data = data[8:]
	for r := range d.rows {
		for i := range d.rows[r] {
			if v := binary.LittleEndian.Uint32(data); v != 0 {
				d.inc(r, uint64(i), v)
			}
			data = data[4:]
		}
	}
	*c = *d
	return nil
}

// A Batch gathers keys to count into a sketch, and counts them when
// flushed, with the same result as Add one by one, but several times
// faster for a large batch in a large sketch: the counters of a key lie
// far apart in memory, so that counting keys one by one waits on memory
// for every counter. A batch files the counter of each key in each row
// by the region of the row it lies in, a region small enough for a
// core's cache, and counts the regions one after the other, each read in
// order first, which the processor sees coming and loads ahead, so that
// its counters are in cache when they are counted in no order. Counting
// adds up, so that the order does not matter.
//
// A batch only reads its sketch until it is flushed: several goroutines
// may fill batches of one sketch at once, and flush them in turn.
type Batch struct {
	c    *Counts
	mask uint64 // c.mask, at hand
	// regions[r*rowRegions+d] holds the counters of region d of row r
	// gathered, as offsets in the region (half the bytes to write and
	// read again of whole indexes); a small batch, for which filing
	// costs more than it saves, gathers its keys in keys instead. The
	// array has room for the regions of the widest rows, so that Add
	// needs no bounds checks.
	regions *[2 * rowRegions][]uint16
	keys    []uint64
	n       int    // keys gathered
	sink    uint16 // keeps the reads of Flush
}

// rowRegions is the number of regions of a row of MaxWidth counters.
const rowRegions = MaxWidth >> regionBits

// NewBatch returns an empty batch for c, with room for about n keys.
func (c *Counts) NewBatch(n int) *Batch {
	b := &Batch{c: c, mask: c.mask}
	if n < batchMin || c.Width() < sortWidth {
		b.keys = make([]uint64, 0, n)
		return b
	}
	var digitBits uint // log2 of the regions of a row
	if logW := uint(bits.Len64(c.mask)); logW > regionBits {
		digitBits = logW - regionBits
	}
	b.regions = new([2 * rowRegions][]uint16)
	// Keys spread evenly over the regions: allot each its share, and
	// a little more.
	room := n>>digitBits + n>>(digitBits+3) + 16
	arena := make([]uint16, room<<(digitBits+1))
	for r := range 2 {
		for d := range 1 << digitBits {
			at := (r<<digitBits + d) * room
			b.regions[r*rowRegions+d] = arena[at:at:(at + room)]
		}
	}
	return b
}

// Add gathers key, to be counted once.
func (b *Batch) Add(key uint64) {
	if b.regions == nil {
		b.keys = append(b.keys, key)
		b.n++
		return
	}
	i, j := slotsOf(key, b.mask)
	r := &b.regions[i>>regionBits%rowRegions]
	*r = append(*r, uint16(i&regionMask))
	r = &b.regions[rowRegions+j>>regionBits%rowRegions]
	*r = append(*r, uint16(j&regionMask))
	b.n++
}

// Len returns the number of keys gathered.
func (b *Batch) Len() int { return b.n }

// Flush counts the keys gathered into the sketch and empties the batch.
// Few keys are counted without reading their regions first.
func (b *Batch) Flush() {
	c := b.c
	for _, k := range b.keys {
		c.Add(k)
	}
	b.keys = b.keys[:0]
	ahead := b.n >= batchMin
	if b.regions == nil {
		b.n = 0
		return
	}
	for d, slots := range b.regions {
		if len(slots) == 0 {
			continue
		}
		r := d / rowRegions
		base := d % rowRegions << regionBits
		region := c.rows[r][base : base+1<<regionBits]
		if ahead {
			var t uint16
			for x := 0; x < len(region); x += 32 {
				t |= region[x]
			}
			b.sink = t
		}
		for _, s := range slots {
			if region[s] < bigCount-1 {
				region[s]++
			} else {
				c.inc(r, uint64(base+int(s)), 1)
			}
		}
		b.regions[d] = slots[:0]
	}
	b.n = 0
}

// Batches made for batchMin keys or more in sketches of sortWidth or more
// counters a row (whose rows outgrow a core's cache) file keys by region,
// and Flush reads the regions of those holding batchMin keys or more. A
// region of a row is 1<<regionBits counters (64 kB, for a core's
// second-level cache).
const (
	batchMin   = 1 << 12
	sortWidth  = 1 << 18
	regionBits = 15
	regionMask = 1<<regionBits - 1
)
