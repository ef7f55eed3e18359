package cluster

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
)

// stateVersion is the version of the MarshalBinary format.
const stateVersion = 1

// snapshot is what MarshalBinary stores: the options, the vocabulary, every
// article's id, date and vectors, its proto-event and the order in which
// articles joined proto-events, and the links relations made. Centroids
// and the inverted index are not stored: UnmarshalBinary replays the
// articles into their proto-events in the stored order, which rebuilds
// them exactly.
type snapshot struct {
	Version int
	Options Options
	Terms   []string
	DF      []int32
	Docs    int
	Words   []string
	Lower   []int32 // documents using each word in lower case
	IDs     []string
	Dates   []string
	Vecs    [][nSpaces]storedVec
	Proto   []int32
	Placed  []int32
	Strong  []int32 // union-find parents
	Linked  []int32
}

type storedVec struct {
	IDs []int32
	Ws  []float32
}

// MarshalBinary encodes s, so that a workspace can store it and add
// articles later.
func (s *State) MarshalBinary() ([]byte, error) {
	snap := snapshot{
		Version: stateVersion,
		Options: s.opts,
		Terms:   make([]string, s.vocab.terms.len()),
		DF:      s.vocab.df,
		Docs:    s.vocab.docs,
		IDs:     s.ids,
		Dates:   s.dates,
		Vecs:    make([][nSpaces]storedVec, len(s.items)),
		Proto:   toInt32(s.protoOf),
		Placed:  toInt32(s.placed),
		Strong:  toInt32(s.strong),
		Linked:  toInt32(s.linked),
	}
	for id := range snap.Terms {
		snap.Terms[id] = s.vocab.term(int32(id))
	}
	for id, w := range s.vocab.words {
		snap.Words = append(snap.Words, string(s.vocab.low(int32(id))))
		snap.Lower = append(snap.Lower, w.lowerDocs)
	}
	for i := range s.items {
		for sp, x := range s.item(i).vecs {
			snap.Vecs[i][sp] = storedVec{x.ids, x.ws}
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&snap); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// UnmarshalBinary replaces s with the state encoded in data by
// MarshalBinary. Data that is not a valid state gives an error and leaves
// s unchanged.
func (s *State) UnmarshalBinary(data []byte) error {
	var snap snapshot
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&snap); err != nil {
		return fmt.Errorf("cluster state: %w", err)
	}
	t, err := snap.state()
	if err != nil {
		return fmt.Errorf("cluster state: %w", err)
	}
	*s = *t
	return nil
}

// state checks snap and rebuilds the state it describes.
func (snap *snapshot) state() (*State, error) {
	if snap.Version != stateVersion {
		return nil, fmt.Errorf("version %d, want %d", snap.Version, stateVersion)
	}
	n := len(snap.IDs)
	if len(snap.Dates) != n || len(snap.Vecs) != n || len(snap.Proto) != n || len(snap.Placed) != n || len(snap.Strong) != n || len(snap.Linked) != n {
		return nil, errors.New("inconsistent lengths")
	}
	if len(snap.DF) != len(snap.Terms) || len(snap.Lower) != len(snap.Words) || snap.Docs < 0 {
		return nil, errors.New("inconsistent vocabulary")
	}
	s := NewState(snap.Options)
	v := s.vocab
	for _, t := range snap.Terms {
		if _, added := v.terms.add([]byte(t)); !added {
			return nil, fmt.Errorf("term %q twice", t)
		}
		v.df = append(v.df, 0)
	}
	copy(v.df, snap.DF)
	v.docs = snap.Docs
	for i, w := range snap.Words {
		if v.wordIDs.lookup([]byte(w)) >= 0 {
			return nil, fmt.Errorf("word %q twice", w)
		}
		v.word([]byte(w))
		v.words[i].lowerDocs = snap.Lower[i]
	}
	if v.terms.len() != len(snap.Terms) {
		return nil, errors.New("words with terms missing from the vocabulary")
	}
	for i, id := range snap.IDs {
		if _, dup := s.index[id]; !dup {
			s.index[id] = i
		}
		if snap.Dates[i] != "" && dateOf(snap.Dates[i]) != snap.Dates[i] {
			return nil, fmt.Errorf("bad date %q", snap.Dates[i])
		}
	}
	s.ids, s.dates = snap.IDs, snap.Dates
	s.items = make([]packed, n)
	var codes byteArena
	for i := range s.items {
		it := &item{}
		for sp, x := range snap.Vecs[i] {
			if len(x.IDs) != len(x.Ws) {
				return nil, errors.New("bad vector")
			}
			for k, id := range x.IDs {
				if id < 0 || int(id) >= v.terms.len() || k > 0 && id <= x.IDs[k-1] {
					return nil, errors.New("bad vector")
				}
			}
			it.vecs[sp] = vec{x.IDs, x.Ws}
		}
		d := day(snap.Dates[i])
		it.lo, it.hi = d, d
		s.items[i] = pack(it, &codes)
	}
	for _, parents := range [][]int32{snap.Strong, snap.Linked} {
		for i, p := range parents {
			// join and find keep every parent at or below its child, so
			// a valid forest has no cycle.
			if p < 0 || int(p) > i {
				return nil, errors.New("bad links")
			}
		}
	}
	s.strong, s.linked = toInt(snap.Strong), toInt(snap.Linked)
	// Replay the articles into their proto-events.
	seen := make([]bool, n)
	s.protoOf = make([]int, n)
	var keys []int32
	for _, p := range snap.Placed {
		i := int(p)
		if i < 0 || i >= n || seen[i] {
			return nil, errors.New("bad placement order")
		}
		seen[i] = true
		g := int(snap.Proto[i])
		if g < 0 || g > len(s.proto.groups) {
			return nil, errors.New("bad proto-event")
		}
		if g == len(s.proto.groups) {
			g = -1
		}
		it := s.item(i)
		keys = it.appendKeys(keys[:0])
		s.protoOf[i] = s.proto.place(i, it, keys, g)
	}
	s.placed = toInt(snap.Placed)
	// Let go the centroids that the replay made but the next articles,
	// dated after the last, cannot reach.
	last := undated
	for _, it := range s.items {
		last = max(last, it.lo)
	}
	if last != undated {
		s.proto.sweep(last)
	}
	s.proto.flushDirty(s.opts.Workers)
	return s, nil
}

func toInt32(xs []int) []int32 {
	out := make([]int32, len(xs))
	for i, x := range xs {
		out[i] = int32(x)
	}
	return out
}

func toInt(xs []int32) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x)
	}
	return out
}
