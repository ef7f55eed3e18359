package clean

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/textmap"
)

// writeLine writes the runes rs[a:b] of the normalised text, whose UTF-8
// is text, to out,
// repairing damage inside the line on the way:
//
//   - kerning: a run of letter fragments ("No r t h Ko re a") is
//     re-segmented into the words of the vocabulary ("North Korea");
//   - a missing space after a full stop ("conflicts.But") is put back,
//     but not inside abbreviations ("U.S."), numbers ("3.5") or URLs.
func (c *Corpus) writeLine(rs []rune, a, b int, text string, out *textmap.Builder) {
	if a >= b {
		return
	}
	var endsArr [32]int
	skip, ins, ends := c.kerning(rs, a, b, text, endsArr[:0])
	// Copy the runs between repairs whole.
	run := a
	if skip == nil {
		// Only a rune right after a sentence end, or after one and a
		// closing mark, may need a space before it (see missingSpace):
		// look at those alone, each once, in order.
		next := a // the first rune not yet looked at
		for _, j := range ends {
			for i := max(j+1, next); i <= j+2 && i < b; i++ {
				if r := rs[i]; (r == '“' || r == '"' || isUpper(r)) && missingSpace(rs, a, i) {
					out.CopyRunes(rs[run:i], run)
					out.Insert(" ", i)
					run = i
				}
				next = i + 1
			}
		}
		if run == a {
			out.CopyValid(text, a, b-a)
		} else {
			out.CopyRunes(rs[run:b], run)
		}
		return
	}
	for i := a; i < b; i++ {
		r := rs[i]
		skipped := skip[i-a]
		space := !skipped && (ins[i-a] || (r == '“' || r == '"' || isUpper(r)) && missingSpace(rs, a, i))
		if !skipped && !space {
			continue
		}
		out.CopyRunes(rs[run:i], run)
		run = i
		if skipped {
			run = i + 1
			continue
		}
		out.Insert(" ", i)
	}
	out.CopyRunes(rs[run:b], run)
}

// missingSpace reports whether a space is missing before rs[i]: rs[i] is an
// upper-case letter followed by a lower-case one, right after a sentence
// end ("conflicts.But", "said.”The") that follows a lower-case word of two
// or more letters outside a URL or e-mail address.
func missingSpace(rs []rune, a, i int) bool {
	if i+1 >= len(rs) {
		return false
	}
	k := i // the capital letter
	if rs[i] == '“' || rs[i] == '"' {
		k = i + 1
	}
	// The sentence end first: it is the cheapest test, and the one that
	// nearly every capital letter fails.
	j := i - 1
	if j >= a && k == i && (rs[j] == '"' || rs[j] == '”' || rs[j] == '’' || rs[j] == ')') {
		j--
	}
	if j < a+2 || (rs[j] != '.' && rs[j] != '!' && rs[j] != '?') {
		return false
	}
	if k+1 >= len(rs) || !unicode.IsUpper(rs[k]) || !unicode.IsLower(rs[k+1]) {
		return false
	}
	if !unicode.IsLower(rs[j-1]) || !unicode.IsLetter(rs[j-2]) {
		return false
	}
	// Look over the word before and the word after for URL or address
	// marks ("example.com/page", "www.Example.Org").
	w := j - 1
	for ; w >= a && rs[w] != ' '; w-- {
		switch rs[w] {
		case '/', '@', ':', '.':
			return false
		}
	}
	if j-w > 3 && string(rs[w+1:w+4]) == "www" {
		return false
	}
	for x := k; x < len(rs) && rs[x] != ' ' && rs[x] != '\n'; x++ {
		switch rs[x] {
		case '/', '@':
			return false
		case '.':
			if x+1 < len(rs) && unicode.IsLetter(rs[x+1]) {
				return false
			}
		}
	}
	return true
}

// maxPiece is the longest fragment a kerning run is made of.
const maxPiece = 4

// kerning finds runs of letter fragments in rs[a:b], whose UTF-8 is
// text, that are words split by stray spaces and re-segments them with
// the vocabulary. It returns,
// indexed from a, the runes to drop (the stray spaces) and the runes before
// which a space goes; both are nil when the line needs no repair. On the
// way it appends to ends the offsets from a+2 on of the full stops,
// question and exclamation marks, for writeLine, and returns them.
func (c *Corpus) kerning(rs []rune, a, b int, text string, ends []int) (skip, ins []bool, _ []int) {
	var arr [16]piece
	run := arr[:0]
	line := rs[:b] // rs[k] for k < len(line) needs no bounds check
	// The tokens end at the spaces, found with the sentence ends in the
	// bytes of text eight at a time: a space or a mark is ASCII, never
	// part of another character, and the rune offset of byte p is p less
	// the continuation bytes before it. The text is read as if a space
	// followed it, which ends the last token.
	i := a    // the rune offset of the token's start
	ib := 0   // the byte offset of the token's start in text
	cont := 0 // continuation bytes before the eight looked at
	for base := 0; base <= len(text); base += 8 {
		var x uint64
		if base+8 <= len(text) {
			x = swar.Load64(text, base)
		} else {
			// The last few bytes, the space after them, and letters.
			for k := 7; k >= 0; k-- {
				c := byte('x')
				switch {
				case base+k < len(text):
					c = text[base+k]
				case base+k == len(text):
					c = ' '
				}
				x = x<<8 | uint64(c)
			}
		}
		// Spaces and exclamation marks (0x20, 0x21), full stops and
		// question marks.
		m := swar.ZeroBytes(x&^swar.Low^' '*swar.Low) | swar.ZeroBytes(x^'.'*swar.Low) | swar.ZeroBytes(x^'?'*swar.Low)
		cm := x &^ (x << 1) & swar.High // continuation bytes, 10xxxxxx
		for ; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m) / 8
			end := a + base + k - cont - bits.OnesCount64(cm&(1<<(8*k)-1))
			if byte(x>>(8*k)) != ' ' {
				if end >= a+2 {
					ends = append(ends, end)
				}
				continue
			}
			// The token rs[start:end], from byte tb of text.
			start, tb := i, ib
			i, ib = end+1, base+k+1
			// One longer than a fragment joins a run only as a fragment with
			// punctuation after it ("k."): any other ends the run, and its
			// letters need no look.
			if end-start > maxPiece && !punctAfter(line[end-1]) {
				if len(run) >= 2 {
					skip, ins = c.tryRun(rs, a, b, run, skip, ins)
				}
				run = run[:0]
				continue
			}
			// Eight bytes at a time when they are there, and the first byte
			// that is no letter is ASCII or comes after maxPiece letters;
			// else by runes. The count takes no branch on the bytes, which
			// a processor could not guess. A token starts the line or
			// follows a space, so the letters it starts with may be a
			// fragment.
			n, byRunes := 0, true
			if tb+8 <= len(text) {
				const capBit = 1 << (8*(maxPiece+1) + 7) // stops the count
				x := swar.Load64(text, tb)
				stop := ^swar.LetterBytes(x)&swar.High | capBit
				n, byRunes = bits.TrailingZeros64(stop)/8, stop&-stop&x&(capBit-1) != 0
			}
			if byRunes {
				j := start
				for j < end && j-start <= maxPiece && isLetter(line[j]) {
					j++
				}
				n = j - start
			}
			j := start + n
			switch {
			case n > 0 && j == end && n <= maxPiece:
				run = append(run, piece{start, j})
			case n > 0 && n <= maxPiece && trailingPunct(rs[j:end]):
				// "k." ends a run: the fragment belongs to it.
				run = append(run, piece{start, j})
				if len(run) >= 2 {
					skip, ins = c.tryRun(rs, a, b, run, skip, ins)
				}
				run = run[:0]
			case len(run) >= 2:
				skip, ins = c.tryRun(rs, a, b, run, skip, ins)
				run = run[:0]
			default:
				run = run[:0]
			}
		}
		cont += bits.OnesCount64(cm)
	}
	if len(run) >= 2 {
		skip, ins = c.tryRun(rs, a, b, run, skip, ins)
	}
	return skip, ins, ends
}

// tryRun looks at run, a run of two fragments or more in the line rs[a:b],
// and marks in skip and ins, which it makes when they are nil, the repair
// it needs if any; it returns them. The callers end shorter runs
// themselves, which saves most calls.
func (c *Corpus) tryRun(rs []rune, a, b int, run []piece, skip, ins []bool) ([]bool, []bool) {
	// Cheap test first: kerning leaves stray single letters or runs of
	// very short fragments.
	short, stray := 0, false
	for _, pc := range run {
		if pc.b-pc.a <= 2 {
			short++
		}
		if pc.b-pc.a == 1 && rs[pc.a] != 'a' && rs[pc.a] != 'A' && rs[pc.a] != 'I' {
			stray = true
		}
	}
	if stray || short >= 3 && c.unknownPieces(rs, run) >= 2 {
		s, in := c.resegment(rs, run[0].a, run[len(run)-1].b)
		if s != nil {
			if skip == nil {
				skip, ins = make([]bool, b-a), make([]bool, b-a)
			}
			for k := range s {
				skip[run[0].a-a+k] = s[k]
				ins[run[0].a-a+k] = in[k]
			}
		}
	}
	return skip, ins
}

// isLetter is unicode.IsLetter with a fast path for ASCII, small enough
// to be inlined.
func isLetter(r rune) bool {
	return uint32(r|0x20-'a') < 26 || r >= utf8.RuneSelf && otherLetter(r)
}

// isUpper is unicode.IsUpper with a fast path for ASCII, small enough to
// be inlined.
func isUpper(r rune) bool {
	return uint32(r-'A') < 26 || r >= utf8.RuneSelf && otherUpper(r)
}

// otherLetter and otherUpper are the slow paths of isLetter and isUpper,
// kept out of line so that the fast paths inline.
//
// otherLetter answers for the commonest characters outside ASCII in news
// without a search of package unicode's tables: the accented letters from
// twoBytes, and the General Punctuation block, which holds no letter.
//
//go:noinline
func otherLetter(r rune) bool {
	if uint32(r) < twoByteEnd {
		return twoBytes[r].letter
	}
	return !generalPunctuation(r) && unicode.IsLetter(r)
}

//go:noinline
func otherUpper(r rune) bool { return unicode.IsUpper(r) }

// piece is a fragment [a, b) of a line.
type piece struct{ a, b int }

// unknownPieces counts the fragments of a run that are no known word.
func (c *Corpus) unknownPieces(rs []rune, run []piece) int {
	n := 0
	var buf [utf8.UTFMax]byte
	for _, pc := range run {
		// The wordHash of the fragment lower-cased.
		h := uint64(fnvOffset)
		for _, r := range rs[pc.a:pc.b] {
			if r < utf8.RuneSelf {
				h = (h ^ uint64(lowerASCII[r])) * fnvPrime
				continue
			}
			for _, x := range utf8.AppendRune(buf[:0], toLower(r)) {
				h = (h ^ uint64(x)) * fnvPrime
			}
		}
		if !c.knownHash(h) {
			n++
		}
	}
	return n
}

// lowerASCII maps each ASCII byte to its lower case.
var lowerASCII = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(unicode.ToLower(rune(c)))
	}
	return t
}()

// trailingPunct reports whether rs is only punctuation that may follow a
// word.
func trailingPunct(rs []rune) bool {
	for _, r := range rs {
		if !punctAfter(r) {
			return false
		}
	}
	return true
}

// punctAfter reports whether r is punctuation that may follow a word.
func punctAfter(r rune) bool {
	if uint32(r) < 64 {
		return punctAfterASCII>>uint32(r)&1 != 0
	}
	return r == '”' || r == '’'
}

// punctAfterASCII holds, as bits, the runes below 64 that punctAfter
// accepts.
const punctAfterASCII uint64 = 1<<'.' | 1<<',' | 1<<';' | 1<<':' | 1<<'!' | 1<<'?' | 1<<'"' | 1<<')'

// resegment decides whether the fragments in rs[s:e] are one or more words
// split by stray spaces, and if so returns which runes of rs[s:e] to drop
// and before which to put a space.
func (c *Corpus) resegment(rs []rune, s, e int) (skip, ins []bool) {
	// The fragments, lower-cased one after the other in text: fragment k
	// is text[ends[k]:ends[k+1]], at rune offset pos[k] of rs.
	var textArr [4 * maxTokens]byte
	var endsArr, posArr [maxTokens + 2]int
	text, ends, pos := textArr[:0], append(endsArr[:0], 0), posArr[:0]
	start := s
	for i := s; i <= e; i++ {
		if i < e && rs[i] != ' ' {
			text = utf8.AppendRune(text, toLower(rs[i]))
			continue
		}
		if len(pos) == maxTokens {
			return nil, nil
		}
		ends = append(ends, len(text))
		pos = append(pos, start)
		start = i + 1
	}
	m := len(pos)
	token := func(k int) []byte { return text[ends[k]:ends[k+1]] }
	stray, suspicious := false, 0 // stray: a lone letter that is not a word
	old := 0.0
	for k := range m {
		t := token(k)
		cost, known := c.wordCost(wordHashBytes(t), len(t))
		switch {
		case len(t) == 1 && t[0] != 'a' && t[0] != 'i':
			stray = true
			suspicious++
		case !known:
			suspicious++
		}
		old += cost
	}
	if !stray && suspicious < 2 {
		return nil, nil
	}
	// Stray spaces split words but never join them, so words end where
	// fragments end: find the cheapest grouping of consecutive fragments
	// into words (Viterbi over fragment boundaries). Each word starting
	// at fragment j is hashed as it grows; of equal groupings the one
	// with the longest last word wins.
	var bestArr [maxTokens + 1]float64
	var backArr [maxTokens + 1]int
	best, back := bestArr[:m+1], backArr[:m+1]
	for i := 1; i <= m; i++ {
		best[i] = 1e18
	}
	for j := 0; j < m; j++ {
		h, size := uint64(fnvOffset), 0
		for i := j + 1; i <= m; i++ {
			t := token(i - 1)
			if size += len(t); size > maxWord {
				break
			}
			for k := 0; k < len(t); k++ {
				h = (h ^ uint64(t[k])) * fnvPrime
			}
			if cost := best[j] + c.costHash(h, size); cost <= best[i] {
				best[i], back[i] = cost, j
			}
		}
	}
	if best[m] >= old-5 {
		return nil, nil
	}
	var cuts []int // fragment indexes that start a word
	for i := m; i > 0; i = back[i] {
		if !c.knownHash(wordHashBytes(text[ends[back[i]]:ends[i]])) {
			return nil, nil
		}
		cuts = append(cuts, back[i])
	}
	if len(cuts) >= m {
		return nil, nil
	}
	skip, ins = make([]bool, e-s), make([]bool, e-s)
	for i := s; i < e; i++ {
		if rs[i] == ' ' {
			skip[i-s] = true
		}
	}
	for _, k := range cuts {
		if k > 0 {
			ins[pos[k]-s] = true
		}
	}
	return skip, ins
}

// maxTokens is the most fragments resegment puts together.
const maxTokens = 40

// maxWord is the longest word kerning repair puts together.
const maxWord = 20

// joinHyphen decides whether a word split across lines as "left-" and
// "right" is one word ("chan-" + "nel" -> "channel") or a real hyphenated
// compound ("Soviet-" + "era" -> "Soviet-era"), from the vocabulary.
func (c *Corpus) joinHyphen(left, right string) bool {
	l, r := normWord(left), normWord(right)
	joined, hyph := c.freq(l+r), c.freq(l+"-"+r)
	switch {
	case joined > hyph:
		return true
	case hyph > 0:
		return false
	}
	return !(c.known(l) && c.known(r))
}

// lastWord and firstWord return the word at either end of s.
func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	if k := strings.LastIndexByte(s, ' '); k >= 0 {
		return s[k+1:]
	}
	return s
}

func firstWord(s string) string {
	if k := strings.IndexByte(s, ' '); k >= 0 {
		return s[:k]
	}
	return s
}
