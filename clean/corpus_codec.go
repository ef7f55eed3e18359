package clean

import (
	"encoding/binary"
	"errors"
	"slices"

	"github.com/newsfold/newsfold/internal/sketch"
)

// corpusMagic starts the binary form of a Corpus; its last byte is the
// version of the format.
const corpusMagic = "nfc\x02"

// MarshalBinary encodes the Corpus, so that a workspace can store what it
// learnt and add new documents later (Add, Merge) without learning the old
// ones again. A nil Corpus encodes as an empty one. The encoding is
// deterministic: equal corpora encode to equal bytes.
//
// Layout: the magic, then as unsigned varints the word count, the repeats
// flag, the sources (count, then length, bytes and documents of each, in
// sorted order), the words, capitalised words and lines (count, then key
// deltas and counts, keys in ascending order), and the pair and triple
// sketches (length, then their own encoding).
func (c *Corpus) MarshalBinary() ([]byte, error) {
	if c == nil {
		c = NewCorpus()
	}
	n := c.words.len() + c.midCap.len() + c.lines.len()
	out := make([]byte, 0, len(corpusMagic)+16+12*n+8*(c.bigrams.Width()+c.trigrams.Width()))
	out = append(out, corpusMagic...)
	out = binary.AppendUvarint(out, uint64(c.nwords))
	repeats := uint64(0)
	if c.repeats {
		repeats = 1
	}
	out = binary.AppendUvarint(out, repeats)
	srcs := make([]string, 0, len(c.docs))
	for s := range c.docs {
		srcs = append(srcs, s)
	}
	slices.Sort(srcs)
	out = binary.AppendUvarint(out, uint64(len(srcs)))
	for _, s := range srcs {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
		out = binary.AppendUvarint(out, uint64(c.docs[s]))
	}
	var keys []uint64
	for _, m := range c.tables() {
		keys = keys[:0]
		m.each(func(k uint64, _ int32) { keys = append(keys, k) })
		slices.Sort(keys)
		out = binary.AppendUvarint(out, uint64(len(keys)))
		prev := uint64(0)
		for _, k := range keys {
			out = binary.AppendUvarint(out, k-prev)
			out = binary.AppendUvarint(out, uint64(m.get(k)))
			prev = k
		}
	}
	for _, sk := range []*sketch.Counts{c.bigrams, c.trigrams} {
		b, err := sk.MarshalBinary()
		if err != nil {
			return nil, err
		}
		out = binary.AppendUvarint(out, uint64(len(b)))
		out = append(out, b...)
	}
	return out, nil
}

// errCorpus reports bytes that are no encoded Corpus.
var errCorpus = errors.New("clean: malformed corpus encoding")

// UnmarshalBinary decodes a Corpus encoded by MarshalBinary, replacing
// the contents of c.
func (c *Corpus) UnmarshalBinary(data []byte) error {
	if len(data) < len(corpusMagic) || string(data[:len(corpusMagic)]) != corpusMagic {
		return errCorpus
	}
	d := decoder{data: data[len(corpusMagic):]}
	nc := NewCorpus()
	nc.nwords = int(d.count(1 << 62))
	nc.repeats = d.count(1) == 1
	for range d.count(uint64(len(d.data))) {
		s := string(d.bytes())
		nc.docs[s] = int32(d.count(1<<31 - 1))
	}
	for _, m := range nc.tables() {
		n := d.count(uint64(len(d.data)) / 2)
		*m = newCounter(int(n))
		k := uint64(0)
		for range n {
			k += d.uvarint()
			m.set(k, int32(d.count(1<<31-1)))
		}
	}
	for _, sk := range []*sketch.Counts{nc.bigrams, nc.trigrams} {
		if b := d.bytes(); d.err == nil && sk.UnmarshalBinary(b) != nil {
			d.err = errCorpus
		}
	}
	if d.err != nil || len(d.data) > 0 {
		return errCorpus
	}
	nc.lines.each(func(k uint64, n int32) {
		if n >= 3 {
			nc.common[k] = true
		}
	})
	*c = *nc
	return nil
}

// tables returns the exactly counted tables of c, in encoding order.
func (c *Corpus) tables() [3]*counter {
	return [3]*counter{&c.words, &c.midCap, &c.lines}
}

// decoder reads varints, remembering the first error.
type decoder struct {
	data []byte
	err  error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.err = errCorpus
		return 0
	}
	d.data = d.data[n:]
	return v
}

// count reads a varint that must not exceed limit.
func (d *decoder) count(limit uint64) uint64 {
	v := d.uvarint()
	if v > limit {
		d.err = errCorpus
		return 0
	}
	return v
}

// bytes reads a length-prefixed byte string.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.data)) {
		d.err = errCorpus
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}
