package reuse

import (
	"slices"
	"unicode"
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
	// start[i] says that r[i] begins a word: the text rune before it is
	// neither a letter, a digit nor a combining mark, or r[i] is in a
	// script written without spaces.
	start  []bool
	prefix []uint64 // scratch space for hashes
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
	l.reset(text)
	return l
}

// reset makes l the letter stream of text, reusing l's memory.
func (l *letters) reset(text string) {
	// No rune folds to more letters than its UTF-8 encoding has bytes, so
	// the stream fits in len(text) and the ASCII path writes in place.
	r := slices.Grow(l.r[:0], len(text))[:len(text)]
	off := slices.Grow(l.off[:0], len(text))[:len(text)]
	start := slices.Grow(l.start[:0], len(text))[:len(text)]
	n := 0
	inWord := false
	i := int32(-1)
	for _, c := range text {
		i++
		if c < 0x80 {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				r[n], off[n], start[n] = c, i, !inWord
				n++
				inWord = true
			} else {
				inWord = false
			}
			continue
		}
		folded, word := fold(r[n:n], c)
		for k := range folded {
			off[n+k] = i
			start[n+k] = k == 0 && (!inWord || unspaced(c))
		}
		n += len(folded)
		inWord = word
	}
	l.r, l.off, l.start = r[:n], off[:n], start[:n]
}

// hashes returns the hashes of the n-letter windows of l that begin a word,
// with their positions. The hash is a polynomial hash finished with a
// strong mixer, so its low bits can be used for sampling.
func (l *letters) hashes(n int, dst []window) []window {
	if len(l.r) < n {
		return dst
	}
	// Rolling polynomial hash: h(i, n) = H[i+n] - H[i]*base^n.
	const base = 0x100000001b3
	pow := uint64(1)
	for k := 0; k < n; k++ {
		pow *= base
	}
	var h uint64
	l.prefix = slices.Grow(l.prefix[:0], len(l.r)+1)[:len(l.r)+1]
	prefix := l.prefix
	for k, r := range l.r {
		h = h*base + uint64(r) + 1
		prefix[k+1] = h
	}
	for i := 0; i+n <= len(l.r); i++ {
		if l.start[i] {
			dst = append(dst, window{hash: mix(prefix[i+n] - prefix[i]*pow), pos: int32(i)})
		}
	}
	return dst
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
