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
	// prefix[i] is the polynomial hash of r[:i], so that the hash of any
	// window costs two lookups (see hashes).
	prefix []uint64
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
	l.reset(text)
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

// reset makes l the letter stream of text, reusing l's memory. Runs of
// ASCII bytes take a branch-free path; only other bytes are decoded as
// runes. The prefix hashes follow in a second pass over the letters.
func (l *letters) reset(text string) {
	// No rune folds to more letters than its UTF-8 encoding has bytes, so
	// every array fits in len(text) and a byte that is not a letter can
	// write a slot that the next letter overwrites.
	size := len(text)
	r := slices.Grow(l.r[:0], size)[:size]
	off := slices.Grow(l.off[:0], size)[:size]
	starts := slices.Grow(l.starts[:0], size)[:size]
	n, m := 0, 0 // letters, word starts
	inWord := 0  // 1 when the last rune was part of a word
	ascii := true
	wide, extra := l.wide[:0], int32(0)
	var ri int32 // rune offset of text[i]
	for i := 0; i < size; {
		// The loop's state is copied to locals, which stay in registers.
		j, delta, nn, mm, w := i, ri-int32(i), n, m, inWord
		end := i + swar.ASCIIPrefix(text[i:])
		for ; j < end; j++ {
			f := asciiFold[text[j]]
			isLetter := 0
			if f != 0 {
				isLetter = 1
			}
			r[nn], off[nn], starts[mm] = rune(f), int32(j)+delta, int32(nn)
			mm += isLetter &^ w
			nn += isLetter
			w = isLetter
		}
		n, m, inWord = nn, mm, w
		ri += int32(j - i)
		if i = j; i == size {
			break
		}
		ascii = false
		c, width := utf8.DecodeRuneInString(text[i:])
		if width > 1 {
			extra += int32(width - 1)
			wide = append(wide, [2]int32{ri, extra})
		}
		folded, word := fold(r[n:n], c)
		for k := range folded {
			off[n+k] = ri
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
	r, off, starts = r[:n], off[:n], starts[:m]
	// prefix[k+1] = prefix[k]*windowBase + r[k]+1, two letters a step so
	// that the chain of multiplications is half as long.
	prefix := slices.Grow(l.prefix[:0], n+1)[:n+1]
	var h uint64
	prefix[0] = 0
	k := 0
	for ; k+1 < n; k += 2 {
		x0, x1 := uint64(r[k])+1, uint64(r[k+1])+1
		prefix[k+1] = h*windowBase + x0
		h = h*windowBase2 + (x0*windowBase + x1)
		prefix[k+2] = h
	}
	if k < n {
		h = h*windowBase + uint64(r[k]) + 1
		prefix[k+1] = h
	}
	l.r, l.off, l.starts, l.prefix, l.ascii, l.wide = r, off, starts, prefix, ascii, wide
	l.folded = 0
	if n > 0 {
		l.folded = mix(h)
	}
}

// hashes returns the hashes of the n-letter windows of l that begin a word,
// with their positions. The hash is a polynomial hash finished with a
// strong mixer, so its low bits can be used for sampling.
func (l *letters) hashes(n int, dst []window) []window {
	pow := windowPow(n)
	for _, s := range l.starts {
		if int(s)+n > len(l.r) {
			break
		}
		dst = append(dst, window{hash: l.windowHash(s, n, pow), pos: s})
	}
	return dst
}

// windowPow returns windowBase^n, for windowHash.
func windowPow(n int) uint64 {
	pow := uint64(1)
	for range n {
		pow *= windowBase
	}
	return pow
}

// windowHash returns the hash of the n letters from position s; pow is
// windowPow(n).
func (l *letters) windowHash(s int32, n int, pow uint64) uint64 {
	return mix(l.prefix[int(s)+n] - l.prefix[s]*pow)
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
