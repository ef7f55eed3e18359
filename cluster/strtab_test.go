package cluster

import (
	"fmt"
	"strings"
	"testing"
)

func TestStrtab(t *testing.T) {
	var tab strtab
	ids := map[string]int32{}
	var strs []string
	for i := range 20000 {
		s := fmt.Sprint(i*7919%5003, "x", i%3)
		switch i % 5 {
		case 0:
			s = ""[:0] + s[:len(s)/2]
		case 1:
			s = strings.Repeat(s, i%40) // up to 39 times, past 255 bytes
		}
		id, added := tab.add([]byte(s))
		want, seen := ids[s]
		if added == seen || seen && id != want {
			t.Fatalf("add(%q) = %d, %v; want %d, %v", s, id, added, want, !seen)
		}
		if !seen {
			ids[s] = id
			strs = append(strs, s)
		}
	}
	if tab.len() != len(strs) {
		t.Fatalf("%d strings, want %d", tab.len(), len(strs))
	}
	for id, s := range strs {
		if tab.string(int32(id)) != s || tab.lookup([]byte(s)) != int32(id) {
			t.Fatalf("string %d: %q, lookup %d; want %q", id, tab.string(int32(id)), tab.lookup([]byte(s)), s)
		}
	}
	if tab.lookup([]byte("absent")) != -1 {
		t.Errorf("absent string found")
	}
	// Zeros for the hash and slot, as cached returns them before t has
	// a table, make addHashed hash the string itself.
	for id, s := range strs[:100] {
		if got, added := tab.addHashed([]byte(s), 0, strSlot{}); got != int32(id) || added {
			t.Fatalf("addHashed(%q) with zeros = %d, %v; want %d, false", s, got, added, id)
		}
	}
	// Looked up through a cache, twice (missed, then hit), from arrays
	// with other bytes after the string or none, and absent strings
	// that share slots with present ones.
	var c strCache
	for round := range 2 {
		for id, s := range strs {
			padded := append([]byte(s), "padding!"...)[:len(s)]
			exact := []byte(s)[:len(s):len(s)]
			for _, b := range [][]byte{padded, exact} {
				if got := lookupCached(&tab, b, &c); got != int32(id) {
					t.Fatalf("round %d: lookupCached(%q) = %d, want %d", round, s, got, id)
				}
			}
			if absent := s + "\x01"; lookupCached(&tab, []byte(absent), &c) != -1 {
				t.Fatalf("round %d: absent %q found", round, absent)
			}
		}
	}
}

// lookupCached looks s up in t through c as tokenize does: the cache
// first, then the table.
func lookupCached(t *strtab, s []byte, c *strCache) int32 {
	id, h, want := t.cached(s, c)
	if id >= 0 {
		return id
	}
	t.touch(h)
	return t.probeCached(s, h, want, c)
}

// TestStrtabRehash checks that a table whose strings are hashed again, as
// grow does past the slots that the kept hash bits can tell apart, finds
// every string where growing from the kept bits does.
func TestStrtabRehash(t *testing.T) {
	var tab strtab
	var strs []string
	for i := range 5000 {
		s := fmt.Sprint(i, strings.Repeat("y", i%12))
		if _, added := tab.add([]byte(s)); added {
			strs = append(strs, s)
		}
	}
	tab.slots = make([]strSlot, 4*len(tab.slots))
	tab.rehash()
	for id, s := range strs {
		if got := tab.lookup([]byte(s)); got != int32(id) {
			t.Fatalf("lookup(%q) = %d, want %d", s, got, id)
		}
	}
	if tab.lookup([]byte("absent")) != -1 {
		t.Errorf("absent string found")
	}
	if id, added := tab.add([]byte("new")); !added || id != int32(len(strs)) {
		t.Errorf("add(new) = %d, %v; want %d, true", id, added, len(strs))
	}
}
