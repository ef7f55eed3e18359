package cluster

import (
	"bytes"
	"hash/maphash"
)

// strtab interns strings: it numbers distinct strings 0, 1, 2, ... in the
// order they are first added and keeps their bytes end to end in one
// array, found through an open-addressing hash table. A vocabulary of a
// million short terms costs about 30 bytes a term this way, against
// about 90 for a map from strings and a slice of them.
type strtab struct {
	text []byte
	ends []uint32 // where string i ends in text; it starts where i-1 ends
	// slots hold, for each occupied slot, a string's id in the low 32
	// bits and the high 32 bits of its hash above them, so that most
	// probes that miss compare no bytes; 0 is an empty slot, so ids are
	// stored plus one.
	slots []uint64
	seed  maphash.Seed
}

// len returns the number of strings in t.
func (t *strtab) len() int { return len(t.ends) }

// bytes returns string id, valid until t grows.
func (t *strtab) bytes(id int32) []byte {
	start := uint32(0)
	if id > 0 {
		start = t.ends[id-1]
	}
	return t.text[start:t.ends[id]]
}

// string returns string id.
func (t *strtab) string(id int32) string { return string(t.bytes(id)) }

// find returns the id of s, or -1 and the slot where s would go (-1 when
// t has no table yet), and the hash of s.
func (t *strtab) find(s []byte) (int32, int, uint64) {
	if len(t.slots) == 0 {
		return -1, -1, 0
	}
	h := maphash.Bytes(t.seed, s)
	tag := h >> 32
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := t.slots[i]
		if e == 0 {
			return -1, i, h
		}
		if e>>32 == tag {
			if id := int32(uint32(e)) - 1; bytes.Equal(t.bytes(id), s) {
				return id, i, h
			}
		}
	}
}

// lookup returns the id of s, or -1 when s is not in t.
func (t *strtab) lookup(s []byte) int32 {
	id, _, _ := t.find(s)
	return id
}

// add returns the id of s, adding it if new, and whether it was new.
func (t *strtab) add(s []byte) (int32, bool) {
	id, slot, h := t.find(s)
	if id >= 0 {
		return id, false
	}
	if slot < 0 || 4*(len(t.ends)+1) > 3*len(t.slots) {
		t.grow()
		_, slot, h = t.find(s)
	}
	id = int32(len(t.ends))
	t.text = append(t.text, s...)
	t.ends = append(t.ends, uint32(len(t.text)))
	t.slots[slot] = h>>32<<32 | uint64(id+1)
	return id, true
}

// grow doubles the hash table and puts every string in it again.
func (t *strtab) grow() {
	if len(t.slots) == 0 {
		t.seed = maphash.MakeSeed()
	}
	t.slots = make([]uint64, max(2*len(t.slots), 1024))
	mask := len(t.slots) - 1
	for id := range int32(len(t.ends)) {
		h := maphash.Bytes(t.seed, t.bytes(id))
		i := int(h) & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = h>>32<<32 | uint64(id+1)
	}
}
