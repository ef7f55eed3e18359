// Package textmap keeps the link between a cleaned text and the raw text it
// was made from: for every rune of the cleaned text, the rune offset in the
// raw input it came from.
//
// Every cleaning step in newsfold writes its output through a Builder, so
// that passages, removed pieces and highlights found later in cleaned text
// can always be shown in the original. The map is run-length encoded: a run
// of cleaned runes copied verbatim from consecutive raw runes costs one span,
// whatever its length.
package textmap

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// span says that cleaned runes [clean, clean+n) come from raw runes
// [raw, raw+n) when step is 1, or all from raw rune raw when step is 0
// (synthetic text such as an inserted space or a joined hyphen).
type span struct {
	clean, raw, n int
	step          int
}

// Map maps rune offsets of a cleaned text to rune offsets of its raw text.
// The zero Map is the identity map of an empty text.
type Map struct {
	spans []span
	size  int // number of cleaned runes
}

// Identity returns the map of a text of n runes copied unchanged.
func Identity(n int) Map {
	if n == 0 {
		return Map{}
	}
	return Map{spans: []span{{clean: 0, raw: 0, n: n, step: 1}}, size: n}
}

// Len is the number of cleaned runes the map covers.
func (m Map) Len() int { return m.size }

// Raw returns the raw rune offset of cleaned rune i. Offsets at or past the
// end map to just after the last mapped raw rune.
func (m Map) Raw(i int) int {
	if len(m.spans) == 0 {
		return i
	}
	if i >= m.size {
		last := m.spans[len(m.spans)-1]
		return last.raw + (last.n-1)*last.step + 1
	}
	if i < 0 {
		i = 0
	}
	k := sort.Search(len(m.spans), func(k int) bool { return m.spans[k].clean+m.spans[k].n > i })
	s := m.spans[k]
	return s.raw + (i-s.clean)*s.step
}

// RawRange maps the cleaned half-open range [start, end) to the smallest
// raw half-open range that holds every raw rune it came from.
func (m Map) RawRange(start, end int) (int, int) {
	if end <= start {
		r := m.Raw(start)
		return r, r
	}
	lo, hi := m.Raw(start), m.Raw(start)+1
	// Reordered text (columns put back in reading order) can map a cleaned
	// range to raw runes out of order, so look at every span it touches;
	// spans are in cleaned order, so they are found by binary search.
	k := sort.Search(len(m.spans), func(k int) bool { return m.spans[k].clean+m.spans[k].n > start })
	for _, s := range m.spans[k:] {
		if s.clean >= end {
			break
		}
		a, b := max(start, s.clean), min(end, s.clean+s.n)
		r0 := s.raw + (a-s.clean)*s.step
		r1 := s.raw + (b-1-s.clean)*s.step + 1
		lo, hi = min(lo, r0), max(hi, r1)
	}
	return lo, hi
}

// bridgeGap is the widest stretch of raw text, skipped between two
// pieces, that RawSpans still reports as one span: line breaks, a
// hyphen, spaces.
const bridgeGap = 8

// RawSpans maps the cleaned range [start, end) to the raw ranges it came
// from, in cleaned (reading) order: one range when the text was read in
// raw order, several where columns were put back in order or a caption
// was cut out of the middle. Raw gaps of up to bridgeGap runes between
// consecutive pieces are bridged.
func (m Map) RawSpans(start, end int) [][2]int {
	if end <= start {
		return nil
	}
	var out [][2]int
	k := sort.Search(len(m.spans), func(k int) bool { return m.spans[k].clean+m.spans[k].n > start })
	for _, s := range m.spans[k:] {
		if s.clean >= end {
			break
		}
		a, b := max(start, s.clean), min(end, s.clean+s.n)
		r0 := s.raw + (a-s.clean)*s.step
		r1 := s.raw + (b-1-s.clean)*s.step + 1
		if n := len(out); n > 0 && r0 >= out[n-1][0] && r0 <= out[n-1][1]+bridgeGap {
			out[n-1][1] = max(out[n-1][1], r1)
			continue
		}
		out = append(out, [2]int{r0, r1})
	}
	return out
}

// Then composes two maps: m maps text B to text A and next maps text C to
// text B; the result maps C straight to A.
func (m Map) Then(next Map) Map {
	var b Builder
	k := 0 // the span of m that holds the current offset of text B
	for _, s := range next.spans {
		if s.step == 0 {
			b.addSame(m.Raw(s.raw), s.n)
			continue
		}
		// Walk the spans of m that the run [s.raw, s.raw+s.n) of text B
		// crosses, one piece per span.
		x, left := s.raw, s.n
		for left > 0 {
			if x < 0 || x >= m.size || len(m.spans) == 0 {
				// Outside m: the identity, or the clamped ends.
				n := left
				if x < 0 {
					n = 1
				}
				if len(m.spans) == 0 {
					b.addRun(x, n)
				} else {
					b.addSame(m.Raw(x), n)
				}
				x, left = x+n, left-n
				continue
			}
			if k >= len(m.spans) || m.spans[k].clean > x || m.spans[k].clean+m.spans[k].n <= x {
				k = sort.Search(len(m.spans), func(k int) bool { return m.spans[k].clean+m.spans[k].n > x })
			}
			ms := m.spans[k]
			n := min(left, ms.clean+ms.n-x)
			r := ms.raw + (x-ms.clean)*ms.step
			if ms.step == 1 {
				b.addRun(r, n)
			} else {
				b.addSame(r, n)
			}
			x, left = x+n, left-n
		}
	}
	out := b.m
	out.size = next.size
	return out
}

// Builder writes a cleaned text and its map together.
type Builder struct {
	buf []byte
	m   Map
}

func (b *Builder) add(raw int) {
	m := &b.m
	if n := len(m.spans); n > 0 {
		last := &m.spans[n-1]
		switch {
		case last.step == 1 && last.raw+last.n == raw:
			last.n++
			m.size++
			return
		case last.n == 1 && last.raw+1 == raw:
			last.step = 1
			last.n++
			m.size++
			return
		case last.step == 0 && last.raw == raw:
			last.n++
			m.size++
			return
		case last.n == 1 && last.raw == raw:
			last.step = 0
			last.n++
			m.size++
			return
		}
	}
	m.spans = append(m.spans, span{clean: m.size, raw: raw, n: 1, step: 1})
	m.size++
}

// addRun maps n cleaned runes to the consecutive raw runes from raw on,
// with the same spans as n calls of add.
func (b *Builder) addRun(raw, n int) {
	switch {
	case n <= 2:
		for k := range n {
			b.add(raw + k)
		}
	default:
		// After two calls the last span steps by one and ends at raw+2:
		// every later call extends it.
		b.add(raw)
		b.add(raw + 1)
		b.m.spans[len(b.m.spans)-1].n += n - 2
		b.m.size += n - 2
	}
}

// addSame maps n cleaned runes all to raw rune raw, with the same spans as
// n calls of add.
func (b *Builder) addSame(raw, n int) {
	switch {
	case n <= 3:
		for range n {
			b.add(raw)
		}
	default:
		// After three calls the last span repeats raw: every later call
		// extends it.
		b.add(raw)
		b.add(raw)
		b.add(raw)
		b.m.spans[len(b.m.spans)-1].n += n - 3
		b.m.size += n - 3
	}
}

// Grow grows the builder's capacity, if necessary, to hold n more bytes of
// text without another allocation.
func (b *Builder) Grow(n int) { b.buf = slices.Grow(b.buf, n) }

// Copy appends s, which is the raw text starting at raw rune offset rawStart.
func (b *Builder) Copy(s string, rawStart int) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b.buf = append(b.buf, s...)
	b.addRun(rawStart, utf8.RuneCountInString(s))
}

// CopyRunes appends rs, which are the raw runes starting at raw rune offset
// rawStart.
func (b *Builder) CopyRunes(rs []rune, rawStart int) {
	buf := b.buf
	for _, r := range rs {
		if r < utf8.RuneSelf {
			buf = append(buf, byte(r))
		} else {
			buf = utf8.AppendRune(buf, r)
		}
	}
	b.buf = buf
	b.addRun(rawStart, len(rs))
}

// CopyRune appends one rune that came from raw rune offset raw.
func (b *Builder) CopyRune(r rune, raw int) {
	if r < utf8.RuneSelf {
		b.buf = append(b.buf, byte(r))
	} else {
		b.buf = utf8.AppendRune(b.buf, r)
	}
	b.add(raw)
}

// Insert appends synthetic text (a separator, a repaired character) and maps
// all of it to raw rune offset raw.
func (b *Builder) Insert(s string, raw int) {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	b.buf = append(b.buf, s...)
	b.addSame(raw, utf8.RuneCountInString(s))
}

// Len is the number of runes written so far.
func (b *Builder) Len() int { return b.m.size }

// String returns the cleaned text written so far.
func (b *Builder) String() string { return string(b.buf) }

// Map returns the map of the text written so far.
func (b *Builder) Map() Map {
	m := b.m
	m.spans = append([]span(nil), m.spans...)
	return m
}

// RuneLen is utf8.RuneCountInString, named for the offsets used throughout.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }

// Slice returns the runes [start, end) of s, clamped to its length.
func Slice(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	i, bStart, bEnd := 0, len(s), len(s)
	for bi := range s {
		if i == start {
			bStart = bi
		}
		if i == end {
			bEnd = bi
			break
		}
		i++
	}
	if start >= i && bStart == len(s) {
		return ""
	}
	if end <= start {
		return ""
	}
	return s[bStart:bEnd]
}
