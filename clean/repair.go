package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/textmap"
)

// writeLine writes the runes rs[a:b] of the normalised text to out,
// repairing damage inside the line on the way:
//
//   - kerning: a run of letter fragments ("No r t h Ko re a") is
//     re-segmented into the words of the vocabulary ("North Korea");
//   - a missing space after a full stop ("conflicts.But") is put back,
//     but not inside abbreviations ("U.S."), numbers ("3.5") or URLs.
func (c *Corpus) writeLine(rs []rune, a, b int, out *textmap.Builder) {
	if a >= b {
		return
	}
	skip, ins := c.kerning(rs, a, b)
	// Copy the runs between repairs whole.
	run := a
	for i := a; i < b; i++ {
		r := rs[i]
		skipped := skip != nil && skip[i-a]
		space := !skipped && (ins != nil && ins[i-a] || (r == '“' || r == '"' || unicode.IsUpper(r)) && missingSpace(rs, a, i))
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
	if k+1 >= len(rs) || !unicode.IsUpper(rs[k]) || !unicode.IsLower(rs[k+1]) {
		return false
	}
	j := i - 1
	if j >= a && k == i && (rs[j] == '"' || rs[j] == '”' || rs[j] == '’' || rs[j] == ')') {
		j--
	}
	if j < a+2 || (rs[j] != '.' && rs[j] != '!' && rs[j] != '?') {
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

// kerning finds runs of letter fragments in rs[a:b] that are words split
// by stray spaces and re-segments them with the vocabulary. It returns,
// indexed from a, the runes to drop (the stray spaces) and the runes before
// which a space goes; both are nil when the line needs no repair.
func (c *Corpus) kerning(rs []rune, a, b int) (skip, ins []bool) {
	if !mayBeKerned(rs[a:b]) {
		return nil, nil
	}
	var run []piece
	try := func() {
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
		if len(run) >= 2 && (stray || short >= 3 && c.unknownPieces(rs, run) >= 2) {
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
		run = run[:0]
	}
	i := a
	for i < b {
		j := i
		for j < b && isLetter(rs[j]) {
			j++
		}
		end := j // end of the token
		for end < b && rs[end] != ' ' {
			end++
		}
		letters := j > i && (i == a || rs[i-1] == ' ')
		switch {
		case letters && j == end && j-i <= maxPiece:
			run = append(run, piece{i, j})
		case letters && j-i <= maxPiece && trailingPunct(rs[j:end]):
			// "k." ends a run: the fragment belongs to it.
			run = append(run, piece{i, j})
			try()
		default:
			try()
		}
		i = end + 1
	}
	try()
	return skip, ins
}

// mayBeKerned is a quick test for kerning damage in a line: a run of two
// or more short letter fragments that holds a lone letter other than "a"
// or "I", or three fragments of one or two letters.
func mayBeKerned(rs []rune) bool {
	run, short, stray := 0, 0, false
	end := func() bool {
		ok := run >= 2 && (stray || short >= 3)
		run, short, stray = 0, 0, false
		return ok
	}
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && isLetter(rs[j]) {
			j++
		}
		k := j // end of the token
		for k < len(rs) && rs[k] != ' ' {
			k++
		}
		n := j - i
		if n > 0 && n <= maxPiece && (j == k || trailingPunct(rs[j:k])) {
			run++
			if n <= 2 {
				short++
			}
			if n == 1 && rs[i] != 'a' && rs[i] != 'A' && rs[i] != 'I' {
				stray = true
			}
			if j != k && end() {
				return true
			}
		} else if end() {
			return true
		}
		i = k + 1
	}
	return end()
}

// isLetter is unicode.IsLetter with a fast path for ASCII.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r)
}

// piece is a fragment [a, b) of a line.
type piece struct{ a, b int }

// unknownPieces counts the fragments of a run that are no known word.
func (c *Corpus) unknownPieces(rs []rune, run []piece) int {
	n := 0
	var buf []byte
	for _, pc := range run {
		buf = buf[:0]
		for _, r := range rs[pc.a:pc.b] {
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		if !c.known(string(buf)) {
			n++
		}
	}
	return n
}

// trailingPunct reports whether rs is only punctuation that may follow a
// word.
func trailingPunct(rs []rune) bool {
	for _, r := range rs {
		if !strings.ContainsRune(".,;:!?\"”’)", r) {
			return false
		}
	}
	return true
}

// resegment decides whether the fragments in rs[s:e] are one or more words
// split by stray spaces, and if so returns which runes of rs[s:e] to drop
// and before which to put a space.
func (c *Corpus) resegment(rs []rune, s, e int) (skip, ins []bool) {
	// The fragments, lower-cased, and the rune offset of each in rs.
	var tokens []string
	var pos []int
	var buf []byte
	start := s
	for i := s; i <= e; i++ {
		if i < e && rs[i] != ' ' {
			buf = utf8.AppendRune(buf, unicode.ToLower(rs[i]))
			continue
		}
		tokens = append(tokens, string(buf))
		pos = append(pos, start)
		buf, start = buf[:0], i+1
	}
	m := len(tokens)
	if m > 40 {
		return nil, nil
	}
	stray, suspicious := false, 0 // stray: a lone letter that is not a word
	old := 0.0
	for _, t := range tokens {
		switch {
		case len(t) == 1 && t != "a" && t != "i":
			stray = true
			suspicious++
		case !c.known(t):
			suspicious++
		}
		old += c.cost(t)
	}
	if !stray && suspicious < 2 {
		return nil, nil
	}
	// Stray spaces split words but never join them, so words end where
	// fragments end: find the cheapest grouping of consecutive fragments
	// into words (Viterbi over fragment boundaries). Each word starting
	// at fragment j is hashed as it grows; of equal groupings the one
	// with the longest last word wins.
	best := make([]float64, m+1)
	back := make([]int, m+1)
	for i := 1; i <= m; i++ {
		best[i] = 1e18
	}
	for j := 0; j < m; j++ {
		h, size := uint64(fnvOffset), 0
		for i := j + 1; i <= m; i++ {
			t := tokens[i-1]
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
		if !c.known(strings.Join(tokens[back[i]:i], "")) {
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
