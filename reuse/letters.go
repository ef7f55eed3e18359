package reuse

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
)

// letters is the normalised letter stream of a text, the unit every later
// step works in: letters and digits only, lower-cased, with diacritics and
// ligatures folded and everything else (spaces, punctuation, curly quotes,
// dashes) dropped. Dropping spaces makes kerning damage ("No r t h Ko re a")
// vanish; folding makes "Pyongyang’s" and "Pyongyang's" agree.
type letters struct {
	r []rune // folded letters
	// off[i] is the rune offset in the text of the rune r[i] came from.
	off []int32
	// starts lists, in order, the positions in r of the letters that
	// begin a word: the text rune before it is neither a letter, a digit
	// nor a combining mark, or the letter is in a script written without
	// spaces.
	starts []int32
	// prefix[i] is the polynomial hash of the letters from the start of
	// the span holding i to i, so that the hash of a window inside one
	// span costs two lookups (see hashes). Spans start at 0 and at
	// bounds.
	prefix []uint64
	bounds [3]int32
	// folded hashes the whole stream (the polynomial hash of windows,
	// mixed), so that texts equal up to case, spacing, punctuation and
	// diacritics hash alike; it is 0 for a text without letters.
	folded uint64
	// ascii says that the text is all ASCII: its rune offsets are byte
	// offsets.
	ascii bool
	// wide lists the runes encoded in more than one byte, by rune offset,
	// each with the bytes it and those before it add beyond one a rune:
	// what turns a rune offset into a byte offset (see runeText).
	wide [][2]int32
}

// unspaced reports whether r belongs to a script written without spaces
// between words, where every character may begin a word.
func unspaced(r rune) bool {
	return r >= 0x2E80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}

// latinExtA folds U+0100..U+017F (Latin Extended-A) to base letters.
const latinExtA = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"

// latin1 folds U+00C0..U+00FF; '-' marks runes that are not letters and '*'
// those that fold to two letters.
const latin1 = "aaaaaa*ceeeeiiiidnooooo-ouuuuy**aaaaaa*ceeeeiiiidnooooo-ouuuuy*y"

// fold appends the folded form of r to dst. It reports whether r is part of
// a word (a letter, a digit or a combining mark).
func fold(dst []rune, r rune) ([]rune, bool) {
	switch {
	case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		return append(dst, r), true
	case r >= 'A' && r <= 'Z':
		return append(dst, r+'a'-'A'), true
	case r < 0xC0:
		return dst, false
	case r <= 0xFF:
		c := latin1[r-0xC0]
		switch {
		case c == '-':
			return dst, false
		case c != '*':
			return append(dst, rune(c)), true
		case r == 0xC6 || r == 0xE6: // Æ æ
			return append(dst, 'a', 'e'), true
		case r == 0xDE || r == 0xFE: // Þ þ
			return append(dst, 't', 'h'), true
		default: // ß
			return append(dst, 's', 's'), true
		}
	case r <= 0x17F:
		if r == 0x152 || r == 0x153 { // Œ œ
			return append(dst, 'o', 'e'), true
		}
		return append(dst, rune(latinExtA[r-0x100])), true
	case r >= 0xFB00 && r <= 0xFB06: // ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
		lig := [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}[r-0xFB00]
		for _, c := range lig {
			dst = append(dst, c)
		}
		return dst, true
	case r >= 0x400 && r <= 0x45F: // basic Cyrillic, without table lookups
		switch {
		case r < 0x410:
			r += 0x50
		case r < 0x430:
			r += 0x20
		}
		return append(dst, r), true
	case r >= 0x2000 && r <= 0x206F: // general punctuation: quotes, dashes
		return dst, false
	case unicode.Is(unicode.Mn, r):
		return dst, true
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return append(dst, unicode.ToLower(r)), true
	}
	return dst, false
}

// newLetters computes the letter stream of text.
func newLetters(text string) letters {
	var l letters
	l.reset(text, true)
	return l
}

// windowBase is the base of the polynomial hash of windows, and
// windowBase2 its square (modulo 2^64, as the hash is computed).
const (
	windowBase  = 0x100000001b3
	windowBase2 = windowBase * windowBase & (1<<64 - 1)
)

// asciiFold maps an ASCII byte to its folded letter, or to 0 when it is
// neither a letter nor a digit.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c + 'a' - 'A')
		}
	}
	return t
}()

// reset makes l the letter stream of text, reusing l's memory. ASCII
// bytes take a fast path whose only branch is the test for the end of
// the run; only other bytes are decoded as runes. The prefix hashes
// follow in a second pass over the letters. Without offsets, off and wide
// are left empty: a fingerprint needs no way back to the text, and not
// writing it saves a store a byte.
func (l *letters) reset(text string, offsets bool) {
	// No rune folds to more letters than its UTF-8 encoding has bytes, so
	// every array fits in len(text) and a byte that is not a letter can
	// write a slot that the next letter overwrites.
	size := len(text)
	room := size + foldBlock // foldASCII writes a block past its position
	r := slices.Grow(l.r[:0], room)[:room]
	off := l.off[:0]
	if offsets {
		off = slices.Grow(off, room)[:room]
	}
	starts := slices.Grow(l.starts[:0], room)[:room]
	n, m := 0, 0 // letters, word starts
	inWord := 0  // 1 when the last rune was part of a word
	ascii := true
	wide, extra := l.wide[:0], int32(0)
	var ri int32 // rune offset of text[i]
	for i := 0; i < size; {
		var j int
		j, n, m, inWord = foldASCII(text, i, r, off, starts, n, m, inWord, ri-int32(i))
		ri += int32(j - i)
		if i = j; i == size {
			break
		}
		ascii = false
		// Non-ASCII runes come in runs (the words of Cyrillic or Greek
		// text), taken one after another without a new ASCII scan, and
		// so is a space or punctuation mark between two of them.
	run:
		for i < size {
			// Basic Cyrillic letters and general punctuation (curly
			// quotes, dashes), the non-ASCII runes most common in news
			// text, are folded here without the general case's tests.
			switch c0 := text[i]; {
			case c0 < utf8.RuneSelf:
				if asciiFold[c0] != 0 || i+1 == size || text[i+1] < utf8.RuneSelf {
					break run // back to the ASCII loop
				}
				inWord = 0
				i++
				ri++
				continue
			case c0&^1 == 0xD0 && i+1 < size && text[i+1]&0xC0 == 0x80:
				c := rune(c0&0x1F)<<6 | rune(text[i+1]&0x3F)
				if c > 0x45F {
					break
				}
				switch {
				case c < 0x410:
					c += 0x50
				case c < 0x430:
					c += 0x20
				}
				r[n], starts[m] = c, int32(n)
				if offsets {
					extra++
					wide = append(wide, [2]int32{ri, extra})
					off[n] = ri
				}
				m += 1 &^ inWord
				n++
				inWord = 1
				i += 2
				ri++
				continue
			case c0 == 0xE2 && i+2 < size && text[i+1] == 0x80 && text[i+2]&0xC0 == 0x80:
				// U+2000..U+203F: no letters, the end of a word.
				if offsets {
					extra += 2
					wide = append(wide, [2]int32{ri, extra})
				}
				inWord = 0
				i += 3
				ri++
				continue
			}
			c, width := swar.DecodeRune(text, i)
			folded, word := fold(r[n:n], c)
			if offsets {
				if width > 1 {
					extra += int32(width - 1)
					wide = append(wide, [2]int32{ri, extra})
				}
				for k := range folded {
					off[n+k] = ri
				}
			}
			if len(folded) > 0 && (inWord == 0 || unspaced(c)) {
				starts[m] = int32(n)
				m++
			}
			n += len(folded)
			inWord = 0
			if word {
				inWord = 1
			}
			i += width
			ri++
		}
	}
	r, starts = r[:n], starts[:m]
	if offsets {
		off = off[:n]
	}
	// A long text is hashed as four spans side by side, so that four
	// chains of multiplications are in flight instead of one.
	prefix := slices.Grow(l.prefix[:0], n+1)[:n+1]
	var h uint64
	if n < 4*minSpan {
		h = spanPrefix(prefix[:n], r)
		prefix[n] = h
		l.bounds = [3]int32{int32(n) + 1, int32(n) + 1, int32(n) + 1}
	} else {
		w := (n + 3) / 4
		last := n - 3*w // 1..w
		r0, r1, r2, r3 := r[:w], r[w:2*w], r[2*w:3*w], r[3*w:]
		p0, p1, p2, p3 := prefix[:w], prefix[w:2*w], prefix[2*w:3*w], prefix[3*w:n]
		var h0, h1, h2, h3 uint64
		// Equal lengths let the compiler drop the bounds checks.
		p1, p2, p3 = p1[:len(p0)], p2[:len(p0)], p3[:last]
		r0, r1, r2 = r0[:len(p0)], r1[:len(p0)], r2[:len(p0)]
		r3 = r3[:len(p3)]
		for i, x := range r3 {
			p0[i], p1[i], p2[i], p3[i] = h0, h1, h2, h3
			h0 = h0*windowBase + uint64(r0[i]) + 1
			h1 = h1*windowBase + uint64(r1[i]) + 1
			h2 = h2*windowBase + uint64(r2[i]) + 1
			h3 = h3*windowBase + uint64(x) + 1
		}
		for i := last; i < len(p0); i++ {
			p0[i], p1[i], p2[i] = h0, h1, h2
			h0 = h0*windowBase + uint64(r0[i]) + 1
			h1 = h1*windowBase + uint64(r1[i]) + 1
			h2 = h2*windowBase + uint64(r2[i]) + 1
		}
		prefix[n] = h3
		pw := windowPow(w)
		h = ((h0*pw+h1)*pw+h2)*windowPow(last) + h3
		l.bounds = [3]int32{int32(w), int32(2 * w), int32(3 * w)}
	}
	l.r, l.off, l.starts, l.prefix, l.ascii, l.wide = r, off, starts, prefix, ascii, wide
	l.folded = 0
	if n > 0 {
		l.folded = mix(h)
	}
}

// foldASCII folds the run of ASCII bytes of text from i on: it writes
// their letters to r[n:], the rune offsets of the letters (byte offset
// plus delta) to off[n:] unless off is empty, and the positions of the
// letters that begin a word to starts[m:]. w is 1 when the rune before
// byte i was part of a word. It returns the end of the run, the new n and
// m, and w for the run's last byte. Each byte writes its slots
// unconditionally, so the only branch is the end of the run; a function of
// its own keeps the loop's state in registers.
//
// The run is taken foldBlock bytes at a time, each block writing through
// arrays of foldBlock slots at r[n:], off[n:] and starts[m:], so that
// bounds are checked once a block rather than at every byte: the caller
// leaves foldBlock slots of room past the end of the text.
func foldASCII(text string, i int, r []rune, off, starts []int32, n, m, w int, delta int32) (int, int, int, int) {
	for i < len(text) {
		t := text[i:min(len(text), i+foldBlock)]
		var j, k, q int // bytes, letters and word starts of the block
		if len(off) == 0 {
			j, k, q, w = foldLetters(t, r[n:], starts[m:], n, w)
		} else {
			j, k, q, w = foldOffsets(t, r[n:], starts[m:], off[n:], n, w, int32(i)+delta)
		}
		i, n, m = i+j, n+k, m+q
		if j < len(t) {
			break // a byte that is not ASCII
		}
	}
	return i, n, m, w
}

// foldLetters is a block of foldASCII without offsets: it returns the
// bytes, letters and word starts it took, and w.
func foldLetters(t string, r []rune, starts []int32, n, w int) (int, int, int, int) {
	rb, sb, tab := (*[foldBlock]rune)(r), (*[foldBlock]int32)(starts), asciiFold // a copy on the stack, addressed without a load
	j, k, q := 0, 0, 0
	apart := w ^ 1 // 1 when the last rune was not part of a word
	for ; j < len(t); j++ {
		c := t[j]
		if c >= utf8.RuneSelf {
			break
		}
		f := tab[c]
		isLetter := (int(f) + 0xFF) >> 8
		rb[k&(foldBlock-1)], sb[q&(foldBlock-1)] = rune(f), int32(n+k)
		q += isLetter & apart
		k += isLetter
		apart = isLetter ^ 1
	}
	return j, k, q, apart ^ 1
}

// foldOffsets is a block of foldASCII with offsets, base being the rune
// offset of t's first byte.
func foldOffsets(t string, r []rune, starts, off []int32, n, w int, base int32) (int, int, int, int) {
	rb, sb, ob, tab := (*[foldBlock]rune)(r), (*[foldBlock]int32)(starts), (*[foldBlock]int32)(off), asciiFold // a copy on the stack, addressed without a load
	j, k, q := 0, 0, 0
	apart := w ^ 1 // 1 when the last rune was not part of a word
	for ; j < len(t); j++ {
		c := t[j]
		if c >= utf8.RuneSelf {
			break
		}
		f := tab[c]
		isLetter := (int(f) + 0xFF) >> 8
		rb[k&(foldBlock-1)], sb[q&(foldBlock-1)] = rune(f), int32(n+k)
		ob[k&(foldBlock-1)] = base + int32(j)
		q += isLetter & apart
		k += isLetter
		apart = isLetter ^ 1
	}
	return j, k, q, apart ^ 1
}

// foldBlock is how many bytes foldASCII folds between bounds checks.
const foldBlock = 256

// hashes returns the hashes of the n-letter windows of l that begin a word,
// with their positions. The hash is a polynomial hash finished with a
// strong mixer, so its low bits can be used for sampling. A window inside
// one span is hashed from two prefix hashes, inline rather than by a call
// for each window; the few that cross into the next span are hashed letter
// by letter.
func (l *letters) hashes(n int, dst []window) []window {
	pow := windowPow(n)
	prefix := l.prefix
	cuts := l.windowCuts(n)
	for k := 0; k < 4; k++ {
		for _, s := range l.starts[cuts[2*k]:cuts[2*k+1]] {
			dst = append(dst, window{hash: mix(prefix[s+int32(n)] - prefix[s]*pow), pos: s})
		}
		if k < 3 {
			for _, s := range l.starts[cuts[2*k+1]:cuts[2*k+2]] {
				dst = append(dst, window{hash: l.crossHash(s, s+int32(n)), pos: s})
			}
		}
	}
	return dst
}

// windowCuts cuts the word starts of l for n-letter windows: the windows
// that start in l.starts[c[2k]:c[2k+1]] lie inside span k of the prefix
// hashes, those in l.starts[c[2k+1]:c[2k+2]] cross into the next span,
// and no window at a later start fits in the stream. Windows inside a
// span are hashed without a test at each one.
func (l *letters) windowCuts(n int) (c [8]int) {
	starts := l.starts
	end := int32(len(l.r)-n) + 1 // windows start before end
	// Fewer than n letters lie between the cut points of one bound, and
	// before end: those are walked, the rest searched.
	last := len(starts)
	for last > 0 && starts[last-1] >= end {
		last--
	}
	for k, b := range l.bounds {
		i, _ := slices.BinarySearch(starts[c[2*k]:last], b-int32(n))
		i += c[2*k]
		c[2*k+1] = i
		for i < last && starts[i] < b {
			i++
		}
		c[2*k+2] = i
	}
	c[7] = last
	return c
}

// windowPow returns windowBase^n, for the window hashes.
func windowPow(n int) uint64 {
	pow, b := uint64(1), uint64(windowBase)
	for ; n > 0; n >>= 1 {
		if n&1 != 0 {
			pow *= b
		}
		b *= b
	}
	return pow
}

// minSpan is the fewest letters a span of prefix hashes holds: shorter
// texts are one span.
const minSpan = 64

// spanPrefix sets p[i] to the hash of r[:i], two letters a step so that
// the chain of multiplications is half as long, and returns the hash of r.
func spanPrefix(p []uint64, r []rune) uint64 {
	var h uint64
	k := 0
	for ; k+1 < len(r); k += 2 {
		x0, x1 := uint64(r[k])+1, uint64(r[k+1])+1
		p[k] = h
		p[k+1] = h*windowBase + x0
		h = h*windowBase2 + (x0*windowBase + x1)
	}
	if k < len(r) {
		p[k] = h
		h = h*windowBase + uint64(r[k]) + 1
	}
	return h
}

// crossHash returns the hash of letters [s, e), a window that crosses
// into the next span, letter by letter.
func (l *letters) crossHash(s, e int32) uint64 {
	var h uint64
	for _, c := range l.r[s:e] {
		h = h*windowBase + uint64(c) + 1
	}
	return mix(h)
}

// window is one hashed n-letter window and where it starts.
type window struct {
	hash uint64
	pos  int32
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
