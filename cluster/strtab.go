package cluster

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"math/bits"
	"slices"

	"github.com/newsfold/newsfold/internal/hashmix"
)

// strtab interns strings: it numbers distinct strings 0, 1, 2, ... in the
// order they are first added and keeps their bytes end to end in one
// array, found through an open-addressing hash table. A vocabulary of a
// million short terms costs about 40 bytes a term this way, against
// about 90 for a map from strings and a slice of them.
type strtab struct {
	text []byte
	ends []uint32 // where string i ends in text; it starts where i-1 ends
	// slots hold, for each occupied slot, what a probe needs to tell
	// whether it holds a string without reading text or ends, so that
	// looking up a string of the vocabulary costs one cache miss, or two
	// for a long one.
	slots []strSlot
	seed  maphash.Seed
	salt  uint64 // made from seed, for hashing short strings
}

// strSlot is one slot of a strtab. key holds a string's id plus one in
// its low 32 bits (0 is an empty slot), its length, up to 255, in the next
// 8 and the high 24 bits of its hash above them; str holds its bytes,
// little-endian, for a string of up to 8 bytes, or where it starts in
// text.
type strSlot struct {
	key, str uint64
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

// hash returns the hash of s and its slot but for the id in the key and,
// for a string of more than 8 bytes, the start in str. A string of up to
// 8 bytes, as most words are, is hashed by mixing the bytes that str
// holds anyway, and one of up to 16 by mixing two loads, which costs a
// few instructions against a call for a general hash.
func (t *strtab) hash(s []byte) (uint64, strSlot) {
	e := strSlot{key: uint64(min(len(s), 255)) << 32}
	var h uint64
	if len(s) <= 8 {
		if cap(s) >= 8 {
			// The bytes past s's length are within its array; shifting
			// by 64 makes 0, so a mask of all ones for 8 bytes.
			e.str = binary.LittleEndian.Uint64(s[:8]) & (1<<(8*len(s)) - 1)
		} else {
			for i, b := range s {
				e.str |= uint64(b) << (8 * i)
			}
		}
		h = hashmix.Mix(e.str ^ t.salt + uint64(len(s)))
	} else if len(s) <= 16 {
		// The first eight bytes and the last eight, which overlap below
		// 16: most of the longer words, hashed without a call.
		lo, hi := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[len(s)-8:])
		h = hashmix.Mix(hashmix.Mix(lo^t.salt) ^ hi + uint64(len(s)))
	} else {
		h = maphash.Bytes(t.seed, s)
	}
	e.key |= h >> 40 << 40
	return h, e
}

// find returns the id of s, or -1 and the slot where s would go (-1 when
// t has no table yet), and the slot s would have but for its id and, for
// a string of more than 8 bytes, its start.
func (t *strtab) find(s []byte) (int32, int, strSlot) {
	if len(t.slots) == 0 {
		return -1, -1, strSlot{}
	}
	h, want := t.hash(s)
	return t.probe(s, h, want)
}

// probe is find for s, whose hash is h and slot but for the id (and
// start) want.
func (t *strtab) probe(s []byte, h uint64, want strSlot) (int32, int, strSlot) {
	mask := len(t.slots) - 1
	for i := home(h, mask); ; i = (i + 1) & mask {
		e := t.slots[i]
		if e.key == 0 {
			return -1, i, want
		}
		if e.key>>32 != want.key>>32 {
			continue
		}
		id := int32(uint32(e.key)) - 1
		switch {
		case len(s) <= 8:
			if e.str == want.str {
				return id, i, want
			}
		case len(s) < 255:
			if start := e.str; string(t.text[start:start+uint64(len(s))]) == string(s) {
				return id, i, want
			}
		default:
			if bytes.Equal(t.bytes(id), s) {
				return id, i, want
			}
		}
	}
}

// lookup returns the id of s, or -1 when s is not in t.
func (t *strtab) lookup(s []byte) int32 {
	id, _, _ := t.find(s)
	return id
}

// strCache remembers where recently found strings of a strtab are, in
// slots of the same form, one per hash: a table of a million strings is
// far larger than the processor's caches, so that most lookups cost a
// cache miss, while the few thousand words that make most of a text fit
// in a small cache. Ids and starts never change as a strtab grows, so
// entries stay right for as long as the strtab lives. Each goroutine
// looking strings up needs its own.
type strCache struct {
	slots []strSlot
}

// strCacheSize is how many slots a strCache has, a power of two.
const strCacheSize = 1 << 14

// cached returns the id of s if c holds it, else -1 and what probeCached
// needs to look s up in the table: its hash, and its slot but for the id
// (and start), or zeros when t has no table yet. A caller with many
// strings to look up can find those that c lacks first, and fetch their
// slots from memory together (see touch).
func (t *strtab) cached(s []byte, c *strCache) (int32, uint64, strSlot) {
	if len(t.slots) == 0 {
		return -1, 0, strSlot{}
	}
	h, want := t.hash(s)
	if c.slots == nil {
		c.slots = make([]strSlot, strCacheSize)
	}
	// Other bits of the hash than the table's slot, so that strings
	// that probe near each other in it spread over c.
	if e := c.slots[cacheSlot(h)]; e.key != 0 && e.key>>32 == want.key>>32 {
		switch {
		case len(s) <= 8:
			if e.str == want.str {
				return int32(uint32(e.key)) - 1, h, want
			}
		case len(s) < 255:
			if start := e.str; string(t.text[start:start+uint64(len(s))]) == string(s) {
				return int32(uint32(e.key)) - 1, h, want
			}
		}
	}
	return -1, h, want
}

// cacheSlot is the slot of a strCache for a string of hash h.
func cacheSlot(h uint64) int { return int(h>>24) & (strCacheSize - 1) }

// touch reads the slot where a string of hash h is first looked for and
// returns what it holds, which the caller adds up and keeps: reading the
// slots of several strings so, with no branch on what is read, the
// processor fetches them from memory at once, where probes one after
// another wait for each in turn.
func (t *strtab) touch(h uint64) uint64 {
	if len(t.slots) == 0 {
		return 0
	}
	return t.slots[home(h, len(t.slots)-1)].key
}

// probeCached returns the id of s, which c lacks, or -1 when s is not in
// t, h and want being what cached returned for it, and remembers in c
// what it finds.
func (t *strtab) probeCached(s []byte, h uint64, want strSlot, c *strCache) int32 {
	if len(t.slots) == 0 {
		return -1
	}
	id, slot, _ := t.probe(s, h, want)
	if id >= 0 {
		c.slots[cacheSlot(h)] = t.slots[slot]
	}
	return id
}

// add returns the id of s, adding it if new, and whether it was new.
func (t *strtab) add(s []byte) (int32, bool) { return t.addHashed(s, 0, strSlot{}) }

// addHashed is add for s whose hash and slot but for the id (and start)
// are h and e, as cached returned them: both zero when t had no table
// then, and s is hashed here.
func (t *strtab) addHashed(s []byte, h uint64, e strSlot) (int32, bool) {
	if e.key == 0 {
		// Hashing again is harmless where the zeros were a real slot
		// (the empty string's, should its hash bits be zero).
		if len(t.slots) == 0 {
			t.grow()
		}
		h, e = t.hash(s)
	}
	id, slot, _ := t.probe(s, h, e)
	if id >= 0 {
		return id, false
	}
	if 4*(len(t.ends)+1) > 3*len(t.slots) {
		t.grow()
		_, slot, _ = t.probe(s, h, e)
	}
	id = int32(len(t.ends))
	e.key |= uint64(id + 1)
	if len(s) > 8 {
		e.str = uint64(len(t.text))
	}
	t.text = append(doubled(t.text, len(s)), s...)
	t.ends = append(doubled(t.ends, 1), uint32(len(t.text)))
	t.slots[slot] = e
	return id, true
}

// home is the slot where a string of hash h starts to be looked for, mask
// being the number of slots less one. Its low 24 bits are the high bits of
// the hash that slots keep, so that growing a table of up to 1<<24 slots
// needs neither the strings nor their hashes again.
func home(h uint64, mask int) int { return int(bits.RotateLeft64(h, 24)) & mask }

// grow doubles the hash table and puts every string in it again: from the
// hash bits the slots keep while they tell the new home, as they do up to
// 1<<24 slots, else hashing every string again. Only where strings sit in
// the table changes, never their ids.
func (t *strtab) grow() {
	if len(t.slots) == 0 {
		t.seed = maphash.MakeSeed()
		t.salt = maphash.Bytes(t.seed, nil)
	}
	old := t.slots
	t.slots = make([]strSlot, max(2*len(old), 1024))
	mask := len(t.slots) - 1
	if mask < 1<<24 {
		for _, e := range old {
			if e.key == 0 {
				continue
			}
			i := int(e.key>>40) & mask
			for t.slots[i].key != 0 {
				i = (i + 1) & mask
			}
			t.slots[i] = e
		}
		return
	}
	t.rehash()
}

// rehash puts every string into the empty slots, hashing it again.
func (t *strtab) rehash() {
	mask := len(t.slots) - 1
	start := uint32(0)
	for id := range int32(len(t.ends)) {
		s := t.bytes(id)
		h, e := t.hash(s)
		i := home(h, mask)
		for t.slots[i].key != 0 {
			i = (i + 1) & mask
		}
		e.key |= uint64(id + 1)
		if len(s) > 8 {
			e.str = uint64(start)
		}
		t.slots[i] = e
		start = t.ends[id]
	}
}

// doubled returns s with room for n more elements, at least twice its
// capacity when it has to grow: append grows large slices by a quarter,
// and the vocabulary's arrays, grown one string at a time to millions,
// were copied to fresh memory, which costs most, many times over.
func doubled[T any](s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	return slices.Grow(s, max(n, cap(s)))
}
