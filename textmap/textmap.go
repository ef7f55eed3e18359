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
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"
)

// MaxOffset is the largest rune offset, raw or cleaned, that a Map holds.
// Offsets are stored in 32 bits, which halves the size of the maps every
// article keeps; a Builder panics rather than wrap around when asked to
// go past it. Inputs never come near it: ingest reads at most
// Options.MaxBytes bytes (megabytes, not gigabytes) per input.
const MaxOffset = math.MaxInt32

// span says that cleaned runes [clean, clean+n) come from raw runes
// [raw, raw+n) when step is 1, or all from raw rune raw when step is 0
// (synthetic text such as an inserted space or a joined hyphen).
type span struct {
	clean, raw, n int32
	step          int32
}

// at returns the raw rune offset of cleaned rune i, which s holds.
func (s span) at(i int) int { return int(s.raw) + (i-int(s.clean))*int(s.step) }

// end is the cleaned rune offset just after s.
func (s span) end() int { return int(s.clean) + int(s.n) }

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
	checkRange(0, n, 0, n)
	return Map{spans: []span{{clean: 0, raw: 0, n: int32(n), step: 1}}, size: n}
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
		return last.at(last.end()-1) + 1
	}
	if i < 0 {
		i = 0
	}
	return m.spans[m.find(i)].at(i)
}

// find returns the index of the span that holds cleaned rune i, or
// len(m.spans) when i is past the end.
func (m Map) find(i int) int {
	return sort.Search(len(m.spans), func(k int) bool { return m.spans[k].end() > i })
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
	for _, s := range m.spans[m.find(start):] {
		if int(s.clean) >= end {
			break
		}
		a, b := max(start, int(s.clean)), min(end, s.end())
		r0 := s.at(a)
		r1 := s.at(b-1) + 1
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
	for _, s := range m.spans[m.find(start):] {
		if int(s.clean) >= end {
			break
		}
		a, b := max(start, int(s.clean)), min(end, s.end())
		r0 := s.at(a)
		r1 := s.at(b-1) + 1
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
	// The spans are written in a pooled builder and copied out at their
	// final size: the result is usually kept (an article's map), the
	// builder's growing is not.
	b := thenPool.Get().(*Builder)
	defer thenPool.Put(b)
	b.Reset()
	k := 0 // the span of m that holds the current offset of text B
	for _, s := range next.spans {
		if s.step == 0 {
			b.addSame(m.Raw(int(s.raw)), int(s.n))
			continue
		}
		// Walk the spans of m that the run [s.raw, s.raw+s.n) of text B
		// crosses, one piece per span.
		x, left := int(s.raw), int(s.n)
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
			if k >= len(m.spans) || int(m.spans[k].clean) > x || m.spans[k].end() <= x {
				k = m.find(x)
			}
			ms := m.spans[k]
			n := min(left, ms.end()-x)
			r := ms.at(x)
			if ms.step == 1 {
				b.addRun(r, n)
			} else {
				b.addSame(r, n)
			}
			x, left = x+n, left-n
		}
	}
	out := b.m.Clone()
	out.size = next.size
	return out
}

var thenPool = sync.Pool{New: func() any { return new(Builder) }}

// Clone returns a copy of m that shares no storage with it.
func (m Map) Clone() Map {
	m.spans = clip(slices.Clone(m.spans))
	return m
}

// clip returns spans with its capacity cut to its length, or nil when it
// is empty: a map's spans are never appended to in place.
func clip(spans []span) []span {
	if len(spans) == 0 {
		return nil
	}
	return spans[:len(spans):len(spans)]
}

// Builder writes a cleaned text and its map together.
type Builder struct {
	buf []byte
	m   Map
	// shared says that m.spans is also held by a Map that Map returned,
	// so that it is copied before a span in it changes.
	shared bool
}

// checkRange panics unless a span can hold n cleaned runes from offset
// clean on (the text stays at most MaxOffset runes long) and raw runes
// [raw, raw+rawN).
func checkRange(clean, n, raw, rawN int) {
	if n < 0 || clean > MaxOffset-n || raw < math.MinInt32 || int64(raw) > int64(MaxOffset)+1-int64(rawN) {
		panic("textmap: rune offset out of range (text longer than MaxOffset runes)")
	}
}

// add maps the next cleaned rune to raw rune raw, extending the last span
// when it can; the caller has checked the offsets.
func (b *Builder) add(raw int) {
	m := &b.m
	if b.shared {
		m.spans = slices.Clone(m.spans)
		b.shared = false
	}
	if n := len(m.spans); n > 0 {
		last := &m.spans[n-1]
		r := int32(raw)
		switch {
		case last.step == 1 && last.raw+last.n == r:
			last.n++
			m.size++
			return
		case last.n == 1 && last.raw+1 == r:
			last.step = 1
			last.n++
			m.size++
			return
		case last.step == 0 && last.raw == r:
			last.n++
			m.size++
			return
		case last.n == 1 && last.raw == r:
			last.step = 0
			last.n++
			m.size++
			return
		}
	}
	m.spans = append(m.spans, span{clean: int32(m.size), raw: int32(raw), n: 1, step: 1})
	m.size++
}

// addRun maps n cleaned runes to the consecutive raw runes from raw on,
// with the same spans as n calls of add.
func (b *Builder) addRun(raw, n int) {
	checkRange(b.m.size, n, raw, n)
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
		b.m.spans[len(b.m.spans)-1].n += int32(n - 2)
		b.m.size += n - 2
	}
}

// addSame maps n cleaned runes all to raw rune raw, with the same spans as
// n calls of add.
func (b *Builder) addSame(raw, n int) {
	checkRange(b.m.size, n, raw, 1)
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
		b.m.spans[len(b.m.spans)-1].n += int32(n - 3)
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

// CopyValid appends s, valid UTF-8 of n runes that are the raw runes from
// raw rune offset rawStart on: Copy for a caller that already knows both,
// as cleaning does for the lines it leaves as they were, and that would
// otherwise pay for checking s and counting its runes again.
func (b *Builder) CopyValid(s string, rawStart, n int) {
	b.buf = append(b.buf, s...)
	b.addRun(rawStart, n)
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
	checkRange(b.m.size, 1, raw, 1)
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

// Reset empties the builder for a new text, keeping the storage of its
// map to write the next one over, the way bytes.Buffer.Reset does: a Map
// returned by Map before Reset must not be used after it (Clone it to keep
// it). The strings returned by String stay valid.
func (b *Builder) Reset() {
	b.Reuse()
	b.buf = nil // the strings String returned keep this storage
}

// Reuse empties the builder as Reset does, but the next text is written
// over the storage of the last, which the strings String returned share:
// they must not be used after it. It is for a caller that keeps a copy of
// each text it keeps, and so allocates only for those, and only what they
// hold.
func (b *Builder) Reuse() {
	b.buf = b.buf[:0]
	b.m = Map{spans: b.m.spans[:0]}
	b.shared = false
}

// String returns the cleaned text written so far, without copying it: the
// builder only ever appends, so the bytes it returns never change (the
// way strings.Builder does it).
func (b *Builder) String() string { return unsafe.String(unsafe.SliceData(b.buf), len(b.buf)) }

// Map returns the map of the text written so far. It shares the builder's
// spans until the builder writes again, which then copies them first, so
// that taking the map of a finished text costs nothing.
func (b *Builder) Map() Map {
	m := b.m
	m.spans = clip(m.spans)
	b.shared = m.spans != nil
	return m
}

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
