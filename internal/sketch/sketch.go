// Package sketch counts keys in a fixed amount of memory: a count-min
// sketch with two rows.
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
type Counts struct {
	mask uint64
	rows [2][]uint32
}

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
	return &Counts{mask: uint64(w - 1), rows: [2][]uint32{make([]uint32, w), make([]uint32, w)}}
}

// Width is the number of counters per row.
func (c *Counts) Width() int { return len(c.rows[0]) }

// slots returns the counter of key in each row: the low bits of the key
// for the first, the low bits of a remix for the second.
func (c *Counts) slots(key uint64) (uint64, uint64) {
	h := key * 0x9e3779b97f4a7c15
	h ^= h >> 29
	return key & c.mask, bits.RotateLeft64(h, 17) & c.mask
}

// Add counts key once. Every row's counter goes up (no conservative
// update), so that a sketch of two collections is exactly the sum of
// their sketches: learning in shards gives the same counts as learning
// in one go.
func (c *Counts) Add(key uint64) {
	i, j := c.slots(key)
	c.rows[0][i] = satAdd(c.rows[0][i], 1)
	c.rows[1][j] = satAdd(c.rows[1][j], 1)
}

// Get returns the estimated count of key.
func (c *Counts) Get(key uint64) int32 {
	i, j := c.slots(key)
	m := min(c.rows[0][i], c.rows[1][j])
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
			c.rows[r][i] = satAdd(c.rows[r][i], v)
		}
	}
}

// fold returns c narrowed to width w: keys map to their low bits, so the
// counters of slot i and i+w, i+2w... add up.
func (c *Counts) fold(w int) *Counts {
	out := &Counts{mask: uint64(w - 1), rows: [2][]uint32{make([]uint32, w), make([]uint32, w)}}
	for r := range c.rows {
		// The second row's slot is taken from a remix of the key, whose
		// low bits fold the same way.
		for i, v := range c.rows[r] {
			out.rows[r][i&(w-1)] = satAdd(out.rows[r][i&(w-1)], v)
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
		for _, v := range c.rows[r] {
			out = binary.LittleEndian.AppendUint32(out, v)
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
	c.mask = w - 1
	data = data[8:]
	for r := range c.rows {
		c.rows[r] = make([]uint32, w)
		for i := range c.rows[r] {
			c.rows[r][i] = binary.LittleEndian.Uint32(data)
			data = data[4:]
		}
	}
	return nil
}
