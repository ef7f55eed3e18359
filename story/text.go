package story

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
)

// A token is one word, number or punctuation mark of a sentence.
type token struct {
	text       string // as written
	norm       string // lower case, typographic apostrophes folded, possessive 's dropped
	start, end int32  // byte offsets in the sentence, small to keep tokens small
	word       bool   // letters, digits, and inner hyphens, apostrophes, and number separators
	flags      uint8  // what the word may be, when the lexicon that tokenized it says (see wordFlags)
	num        uint32 // 1 + the word's number in the lexicon that tokenized it, if any (see lexeme)
}

// Flags of a word, which the lexicon works out once per word so that the
// scans for figures and dates skip most words without reading them.
const (
	flagKnown     = 1 << iota // the other flags are set
	flagNumeric               // a number, or a number hyphenated to something (see quantities)
	flagDate                  // a month or weekday name, a number or a relative day word: may begin a date (see findDates)
	flagHedge                 // one of hedges
	flagStop                  // one of stopwords
	flagReporting             // one of reportingVerbs
	flagDangler               // one of danglers
)

// wordFlags returns the flags of a word, normalized, and whether it
// carries meaning, as isContent tells of it: what a lexicon works out of
// each word it learns, each set and the number asked once.
func wordFlags(norm string) (flags uint8, content bool) {
	f := flagKnown | setFlags[norm]
	_, number := parseNumber(norm)
	if number {
		f |= flagNumeric
	} else if head, _, cut := strings.Cut(norm, "-"); cut {
		if _, ok := parseNumber(head); ok {
			f |= flagNumeric
		}
	}
	if _, ok := weekdayOf(norm); ok || norm != "" && (norm[0] >= '0' && norm[0] <= '9' || norm[0] == '+') {
		f |= flagDate
	}
	return f, f&flagStop == 0 && !number && utf8.RuneCountInString(norm) >= 2
}

// setFlags holds the flags that the sets of words wordFlags asks about
// give their words: hedges, stopwords, reportingVerbs, danglers, the
// month names and the words of relative days, in one map rather than a
// lookup in each.
var setFlags = func() map[string]uint8 {
	m := make(map[string]uint8)
	for flag, set := range map[uint8]map[string]bool{flagHedge: hedges, flagStop: stopwords, flagReporting: reportingVerbs, flagDangler: danglers} {
		for w := range set {
			m[w] |= flag
		}
	}
	for w := range months {
		m[w] |= flagDate
	}
	for _, w := range strings.Fields("today tonight yesterday tomorrow day last this next") {
		m[w] |= flagDate
	}
	return m
}()

// isHedge reports whether the word t is one of hedges.
func (t *token) isHedge() bool {
	if t.flags&flagKnown != 0 {
		return t.flags&flagHedge != 0
	}
	return hedges[t.norm]
}

// isStop reports whether the word t is one of stopwords.
func (t *token) isStop() bool {
	if t.flags&flagKnown != 0 {
		return t.flags&flagStop != 0
	}
	return stopwords[t.norm]
}

// isReporting reports whether the word t is one of reportingVerbs.
func (t *token) isReporting() bool {
	if t.flags&flagKnown != 0 {
		return t.flags&flagReporting != 0
	}
	return reportingVerbs[t.norm]
}

// mayBeginDate reports whether t is a word that may begin a date, as far
// as its lexicon knows. Words that may and other tokens alternate at
// random: it is one test, its parts combined without a branch.
func (t *token) mayBeginDate() bool {
	return bit(t.word)&(bit(t.flags&flagKnown == 0)|bit(t.flags&(flagNumeric|flagDate) != 0)) != 0
}

// mayBeNumber reports whether t is a word that may be a number, as far
// as its lexicon knows, by one test as mayBeginDate.
func (t *token) mayBeNumber() bool {
	return bit(t.word)&(bit(t.flags&flagKnown == 0)|bit(t.flags&flagNumeric != 0)) != 0
}

// tokenize splits s into words and punctuation. A word keeps its inner
// hyphens and apostrophes ("one-on-one", "Kim's") and a number keeps its
// separators ("10,000", "1.5").
func tokenize(s string) []token {
	return appendTokens(make([]token, 0, len(s)/4+1), s, nil)
}

// appendTokens appends the tokens of s to toks (see tokenize). With a
// lexicon, words are looked up in it as they are found, and their normal
// forms are the lexicon's.
func appendTokens(toks []token, s string, lex *lexicon) []token {
	var pending []pendingWord
	if lex != nil {
		pending = slices.Grow(lex.pending[:0], maxWords(s))
	}
	for i := 0; i < len(s); {
		c, n := s[i], 1
		if c < utf8.RuneSelf {
			// ASCII, the common case, told apart without decoding.
			if class := asciiClass[c]; class != asciiWord {
				if class == asciiPunct {
					toks = appendToken(toks, s[i:i+1], s[i:i+1], i, i+1, false)
				}
				i++
				continue
			}
			// Most words are short, and found with their keys at once.
			// tokenize, without a lexicon, finds them the long way, as
			// the reference of the tests.
			if j, k1, k2, ok := shortWord(s, i); ok && lex != nil {
				pending = pending[:len(pending)+1]
				p := &pending[len(pending)-1]
				p.start, p.end, p.tok = int32(i), int32(j), int32(len(toks))
				p.k1, p.k2, p.h = k1, k2, writtenHash(k1, k2)
				toks = appendToken(toks, s[i:j], "", i, j, true) // its norm is looked up
				i = j
				if i < len(s) && s[i] == ' ' {
					i++
				}
				continue
			}
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			if class := runeClass(r); class != asciiWord {
				if class == asciiPunct {
					toks = appendToken(toks, s[i:i+n], s[i:i+n], i, i+n, false)
				}
				i += n
				continue
			}
		}
		j := wordEnd(s, i+n)
		if lex == nil {
			toks = appendToken(toks, s[i:j], normWord(s[i:j]), i, j, true)
		} else {
			pending = pending[:len(pending)+1]
			pending[len(pending)-1].note(s, i, j, len(toks))
			toks = appendToken(toks, s[i:j], "", i, j, true) // its norm is looked up
		}
		i = j
		if i < len(s) && s[i] == ' ' {
			i++ // the space after most words
		}
	}
	if lex != nil {
		lex.pending = pending
		lex.lookupPending(s, toks)
	}
	return toks
}

// appendToken appends to toks a token of the given text and normal
// form, at start:end, a word or not. Its fields are written in place (see
// pendingWord.note).
func appendToken(toks []token, text, norm string, start, end int, word bool) []token {
	toks = append(toks, token{})
	t := &toks[len(toks)-1]
	t.text, t.norm = text, norm
	t.start, t.end, t.word = int32(start), int32(end), word
	return toks
}

// findWords finds the words of s as appendTokens does, and looks them up
// in l, for appendAnalysis, without making tokens: the view reads only
// the numbers of the words of most sentences.
func (l *lexicon) findWords(s string) {
	pending := slices.Grow(l.pending[:0], maxWords(s))
	for i := 0; i < len(s); {
		c, n := s[i], 1
		if c < utf8.RuneSelf {
			if asciiClass[c] != asciiWord {
				i++
				continue
			}
			if j, k1, k2, ok := shortWord(s, i); ok {
				pending = pending[:len(pending)+1]
				p := &pending[len(pending)-1]
				p.start, p.end, p.tok = int32(i), int32(j), -1
				p.k1, p.k2, p.h = k1, k2, writtenHash(k1, k2)
				i = j
				if i < len(s) && s[i] == ' ' {
					i++
				}
				continue
			}
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			if runeClass(r) != asciiWord {
				i += n
				continue
			}
		}
		j := wordEnd(s, i+n)
		pending = pending[:len(pending)+1]
		pending[len(pending)-1].note(s, i, j, -1)
		i = j
		if i < len(s) && s[i] == ' ' {
			i++ // the space after most words
		}
	}
	l.pending = pending
	l.lookupPending(s, nil)
}

// shortWord returns the end of the word of s that begins at i with an
// ASCII letter or digit, and the word's keys (see writtenKeys), when the
// word has up to 15 bytes, all ASCII letters and digits, and ends at an
// ASCII byte that cannot join it to more (see isJoiner), or at the end of
// s: the end and the keys of most words, from one or two reads of s. ok
// is false for other words, which wordEnd finds.
func shortWord(s string, i int) (j int, k1, k2 uint64, ok bool) {
	var x uint64
	switch {
	case i+8 <= len(s):
		x = swar.Load64(s, i)
	case len(s) >= 8: // the bytes from i, and zeros past the end
		x = swar.Load64(s, len(s)-8) >> (8 * (i + 8 - len(s)))
	default:
		return 0, 0, 0, false
	}
	if m := ^alnumBytes(x) & swar.High; m != 0 {
		n := uint(bits.TrailingZeros64(m)) / 8 // at least 1
		return i + int(n), x & (1<<(8*n) - 1), uint64(n) << 56, endsWord(byte(x>>(8*n)), byte(x>>(8*n-8)))
	}
	// Eight letters or digits: the word may end in the next eight bytes.
	var y uint64
	switch {
	case i+16 <= len(s):
		y = swar.Load64(s, i+8)
	case i+8 < len(s):
		y = swar.Load64(s, len(s)-8) >> (8 * (i + 16 - len(s)))
	default: // the word ends with s
		return i + 8, x, 8 << 56, true
	}
	m := ^alnumBytes(y) & swar.High
	if m == 0 {
		return 0, 0, 0, false
	}
	n := uint(bits.TrailingZeros64(m)) / 8
	prev := byte((y<<8 | x>>56) >> (8 * n)) // the byte before y's n-th
	return i + 8 + int(n), x, y&(1<<(8*n)-1) | uint64(8+n)<<56, endsWord(byte(y>>(8*n)), prev)
}

// endsWord reports whether a word whose last byte is the ASCII letter or
// digit prev ends before the byte c, which is no ASCII letter or digit,
// from a table and without a branch (see wordEnds).
func endsWord(c, prev byte) bool {
	digit := (prev - '0' - 10) >> 7 // 1 if prev is a digit, else 0
	return wordEnds[c]>>digit&1 != 0
}

// wordEnds says of each byte whether a word of ASCII letters and digits
// ends before it (see endsWord): bit 0 after a letter, bit 1 after a
// digit. A hyphen, an apostrophe or a byte outside ASCII may join the word
// to more (see isJoiner), and appendTokens reads such a word with what
// follows; a comma or a point joins digits only.
var wordEnds = func() (e [256]uint8) {
	for c := range e {
		switch {
		case c == '-', c == '\'', c >= utf8.RuneSelf:
		case c == ',', c == '.':
			e[c] = 1
		default:
			e[c] = 3
		}
	}
	return e
}()

// wordEnd returns the end of the word of s whose first character ends at
// j: letters and digits, and the joiners between them (see tokenize).
func wordEnd(s string, j int) int {
	for j < len(s) {
		if j = skipWordBytes(s, j); j == len(s) {
			break
		}
		// s[j] is no ASCII letter or digit: it may begin a letter
		// outside ASCII, or a joiner, but is mostly the space after
		// the word.
		r2, n2 := rune(s[j]), 1
		if r2 == ' ' {
			break
		}
		if r2 >= utf8.RuneSelf {
			// The basic Cyrillic letters, U+0400 to U+047F, are letters
			// as their first bytes tell; a Cyrillic word is read two
			// bytes at a time.
			if c := s[j]; (c == 0xd0 || c == 0xd1) && j+1 < len(s) && s[j+1]&0xc0 == 0x80 {
				for j += 2; j+1 < len(s) && (s[j] == 0xd0 || s[j] == 0xd1) && s[j+1]&0xc0 == 0x80; j += 2 {
				}
				continue
			}
			r2, n2 = utf8.DecodeRuneInString(s[j:])
			if runeClass(r2) == asciiWord || r2 == '\u0301' {
				j += n2
				continue
			}
		}
		// Inner joiners: a hyphen or apostrophe between letters or
		// digits, a comma or point between digits.
		if isJoiner(r2) && j+n2 < len(s) {
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			next, _ := utf8.DecodeRuneInString(s[j+n2:])
			ok := false
			switch r2 {
			case ',', '.':
				ok = unicode.IsDigit(prev) && unicode.IsDigit(next)
			default:
				ok = (unicode.IsLetter(next) || unicode.IsDigit(next)) && (unicode.IsLetter(prev) || unicode.IsDigit(prev))
			}
			if ok {
				j += n2
				continue
			}
		}
		break
	}
	return j
}

// maxWords is the most words a sentence s can have, as two words are
// apart by one byte at least: the room for them that appendTokens and
// findWords make in the lexicon's pending words.
func maxWords(s string) int {
	return len(s)/2 + 1
}

// note notes in p the word s[i:j], of token tok, for lookupPending.
func (p *pendingWord) note(s string, i, j, tok int) {
	// The fields are written in place, one by one: a word built aside
	// and copied in would be read back before its writes complete.
	p.start, p.end, p.tok = int32(i), int32(j), int32(tok)
	p.k1, p.k2, p.h = 0, 0, 0
	if j-i <= maxWritten {
		p.k1, p.k2 = writtenKeysAt(s, i, j)
		p.h = writtenHash(p.k1, p.k2)
	}
}

// lookupPending looks up the words of the sentence s that appendTokens
// or findWords found, all at once: most lookups miss the processor's
// caches, and a loop that does nothing else lets it wait for several
// misses at a time. It notes in toks, unless nil, what it finds.
func (l *lexicon) lookupPending(s string, toks []token) {
	if l.written == nil {
		l.written = make([]writtenSlot, 1024)
	}
	// The words and the table are read through locals, as lookups that
	// learn a word may grow the table.
	pending, written := l.pending, l.written
	mask := uint64(len(written) - 1)
	var sum uint64
	for i := range pending {
		sum += written[pending[i].h&mask].k1
	}
	l.touched += sum
	for k := range pending {
		p := &pending[k]
		if p.k2 != 0 { // a known word is found here
			i := p.h & mask
			for written[i].val != 0 && (written[i].k1 != p.k1 || written[i].k2 != p.k2) {
				i = (i + 1) & mask
			}
			if e := &written[i]; e.val != 0 {
				p.x = unpackLexeme(e.val)
				if toks != nil {
					t := &toks[p.tok]
					t.flags, t.num = e.flags, p.x.word+1
					// Words written in their normal form and others
					// alternate at random: the token's normal form is
					// read from the one or the other, chosen by an index
					// rather than a branch, the lexicon's read only if
					// chosen.
					from := [2]*string{&l.norms[p.x.word], &t.text}
					t.norm = *from[bit(e.normal)]
				}
				continue
			}
		}
		l.learnPending(s, p, toks)
		written = l.written
		mask = uint64(len(written) - 1)
	}
}

// learnPending is lookupPending of a word the table of words as written
// does not hold: a word longer than maxWritten, or one it learns, which
// may grow the table.
func (l *lexicon) learnPending(s string, p *pendingWord, toks []token) {
	var flags uint8
	normal := false // whether the word is its own normal form
	if p.k2 == 0 {
		p.x = l.lookup(normWord(s[p.start:p.end]))
		flags = l.flags[p.x.word]
	} else {
		e := l.lookupKeys(s[p.start:p.end], p.k1, p.k2, p.h)
		p.x = unpackLexeme(e.val)
		flags, normal = e.flags, e.normal
	}
	if toks == nil {
		return
	}
	t := &toks[p.tok]
	t.flags, t.num = flags, p.x.word+1
	if normal {
		t.norm = t.text
	} else {
		t.norm = l.norms[p.x.word]
	}
}

// writtenKeysAt is writtenKeys(s[i:j]) for a word of up to maxWritten
// bytes, reading s eight bytes at a time: from i, or up to j when s ends
// less than eight bytes after i, as it does for the last word of a
// sentence.
func writtenKeysAt(s string, i, j int) (k1, k2 uint64) {
	n := j - i
	switch {
	case n >= 8: // the bytes from i, and those up to j
		return swar.Load64(s, i), swar.Load64(s, j-8)>>(8*(16-n)) | uint64(n)<<56
	case i+8 <= len(s):
		return swar.Load64(s, i) & (1<<(8*n) - 1), uint64(n) << 56
	case j >= 8:
		return swar.Load64(s, j-8) >> (8 * (8 - n)), uint64(n) << 56
	}
	return writtenKeys(s[i:j])
}

// Classes of ASCII characters for tokenize.
const (
	asciiPunct = iota
	asciiSpace
	asciiWord // letter or digit
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for r := range rune(utf8.RuneSelf) {
		switch {
		case unicode.IsSpace(r):
			c[r] = asciiSpace
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			c[r] = asciiWord
		default:
			c[r] = asciiPunct
		}
	}
	return c
}()

// runeClass returns the class, as asciiClass has it for ASCII, of a
// rune outside ASCII. The letters of the Cyrillic block, and the block of
// general punctuation, where the typographic quotes, dashes and spaces of
// news text are, with no letter or digit, are told apart without
// unicode's tables.
func runeClass(r rune) uint8 {
	if cyrillic <= r && r <= cyrillicEnd && (r < cyrillicMarks || r > cyrillicMarksEnd) {
		return asciiWord
	}
	if generalPunctuation <= r && r <= generalPunctuationEnd {
		switch {
		case r <= '\u200a', r == '\u2028', r == '\u2029', r == '\u202f', r == '\u205f':
			return asciiSpace
		}
		return asciiPunct
	}
	switch {
	case unicode.IsSpace(r):
		return asciiSpace
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return asciiWord
	}
	return asciiPunct
}

// The Cyrillic block, and the sign and combining marks in it, and the
// block of general punctuation (see runeClass).
const (
	cyrillic              = '\u0400'
	cyrillicEnd           = '\u04ff'
	cyrillicMarks         = '\u0482'
	cyrillicMarksEnd      = '\u0489'
	generalPunctuation    = '\u2000'
	generalPunctuationEnd = '\u206f'
)

func isJoiner(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\'', '\u2019', ',', '.':
		return true
	}
	return false
}

var typography = strings.NewReplacer("\u2019", "'", "\u2010", "-", "\u2011", "-")

// normWord lower-cases w, folds typographic apostrophes and hyphens and
// drops a possessive ending.
func normWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	w = lower(w)
	// The typographic marks are all outside ASCII, and all begin with
	// the same two bytes in UTF-8.
	if !ascii && strings.Contains(w, "\u2010"[:2]) {
		w = typography.Replace(w)
	}
	if strings.HasSuffix(w, "'s") && len(w) > 2 {
		w = w[:len(w)-2]
	}
	return w
}

// lower is strings.ToLower(w), without unicode's tables for a word of
// ASCII and the basic Cyrillic letters, U+0400 to U+045F, as most words
// are: their capitals are lowered by an offset, in as many bytes.
func lower(w string) string {
	// Whether a letter is a capital, and which of the two first bytes a
	// Cyrillic letter has, vary at random: both are added up rather
	// than branched on.
	upper := 0
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			upper |= bit('A' <= c) & bit(c <= 'Z')
			i++
			continue
		}
		if i+1 < len(w) {
			next := w[i+1]
			cont := bit(0x80 <= next)
			d0 := bit(c == 0xd0) & cont & bit(next <= 0xbf) // U+0400 to U+043F
			d1 := bit(c == 0xd1) & cont & bit(next <= 0x9f) // U+0440 to U+045F, small
			if d0|d1 != 0 {
				upper |= d0 & bit(next <= 0xaf)
				i += 2
				continue
			}
		}
		return strings.ToLower(w)
	}
	if upper == 0 {
		return w
	}
	b := make([]byte, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xd0:
			r := rune(c&0x1f)<<6 | rune(w[i+1]&0x3f)
			switch {
			case r < 0x410:
				r += 0x50
			case r < 0x430:
				r += 0x20
			}
			utf8.EncodeRune(b[i:], r)
			i++
			continue
		}
		b[i] = c
	}
	return string(b)
}

// stem is a deliberately light suffix stripper: it only has to make
// inflections of one word meet ("shared", "sharing", "share" → "shar"), not
// produce linguistic stems.
func stem(w string) string {
	if base, ok := irregular[w]; ok {
		w = base
	}
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case len(w) > 4 && strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		w = w[:len(w)-2]
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// irregular maps irregular verb forms common in news to their base form,
// so that "shook" meets "shaking" and "met" meets "meeting".
var irregular = func() map[string]string {
	m := make(map[string]string)
	for _, line := range strings.Split(`arise arose arisen
be was were been
bear bore borne
beat beaten
become became
begin began begun
bite bit bitten
blow blew blown
break broke broken
bring brought
build built
buy bought
catch caught
choose chose chosen
come came
cut
deal dealt
do did done
draw drew drawn
drive drove driven
eat ate eaten
fall fell fallen
feed fed
feel felt
fight fought
find found
flee fled
fly flew flown
forbid forbade forbidden
forget forgot forgotten
freeze froze frozen
get got gotten
give gave given
go went gone
grow grew grown
hang hung
have had
hear heard
hide hid hidden
hit
hold held
hurt
keep kept
know knew known
lay laid
lead led
leave left
lend lent
let
lie lay lain
lose lost
make made
mean meant
meet met
pay paid
put
quit
read
ride rode ridden
ring rang rung
rise rose risen
run ran
see saw seen
seek sought
sell sold
send sent
set
shake shook shaken
shoot shot
show showed shown
shut
sing sang sung
sink sank sunk
sit sat
sleep slept
speak spoke spoken
spend spent
stand stood
steal stole stolen
strike struck stricken
swear swore sworn
take took taken
teach taught
tear tore torn
tell told
think thought
throw threw thrown
understand understood
wake woke woken
wear wore worn
win won
withdraw withdrew withdrawn
write wrote written`, "\n") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			m[form] = f[0]
		}
	}
	return m
}()

// stopwords are function words and reporting verbs: they say nothing
// about what a sentence is about.
var stopwords = setOf(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves said says say saying told tell tells added according also
mr mrs ms dr one's it's he's she's they're we're i'm don't didn't doesn't won't can't isn't wasn't
aren't weren't hasn't haven't hadn't would've could've should've per via since`)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// isContent reports whether a token carries meaning: no stop word, no
// number, no single letter.
func isContent(t token) bool {
	if !t.word || utf8.RuneCountInString(t.norm) < 2 || stopwords[t.norm] {
		return false
	}
	if _, ok := parseNumber(t.norm); ok {
		return false
	}
	return true
}

// abbreviations are words that end with a full stop without ending a
// sentence.
var abbreviations = setOf(`mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr
inc corp co ltd no nos vs jan feb mar apr aug sep sept oct nov dec mt ft pres supt insp det`)

// splitSentences splits a paragraph into sentences. A sentence ends at
// '.', '!' or '?' (with any closing quotes or brackets) followed by space
// and a capital, a digit or an opening quote, unless the word before the
// stop is a known abbreviation, an initial or a dotted acronym ("U.S.").
// A stop glued to the next sentence ("conflicts.But") also ends one, as
// text from PDFs and careless feeds often lose that space.
func splitSentences(p string) []string {
	return appendSentences(nil, p)
}

// appendSentences appends the sentences of the paragraph p to out (see
// splitSentences).
func appendSentences(out []string, p string) []string {
	start := 0
	emit := func(end int) {
		if s := strings.TrimSpace(p[start:end]); s != "" {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(p); {
		if c := p[i]; c != '.' && c != '!' && c != '?' && c != ellipsisLead {
			i = nextStop(p, i) // most bytes, told apart without decoding
			continue
		}
		r, n := utf8.DecodeRuneInString(p[i:])
		if r != '.' && r != '!' && r != '?' && r != '\u2026' {
			i += n
			continue
		}
		// An ellipsis rarely ends a sentence in news text: it marks a cut
		// inside a quotation.
		if r == '\u2026' || (r == '.' && strings.HasPrefix(p[i:], "...")) {
			i += n
			for i < len(p) && p[i] == '.' {
				i++
			}
			continue
		}
		j := i + n
		for j < len(p) {
			c, cn := utf8.DecodeRuneInString(p[j:])
			if !isCloser(c) {
				break
			}
			j += cn
		}
		if r == '.' && isAbbrevBefore(p[:i]) {
			i = j
			continue
		}
		k := j
		for k < len(p) {
			c, cn := utf8.DecodeRuneInString(p[k:])
			if !unicode.IsSpace(c) {
				break
			}
			k += cn
		}
		if k == len(p) {
			i = j
			continue
		}
		next, _ := utf8.DecodeRuneInString(p[k:])
		startsNew := unicode.IsUpper(next) || unicode.IsDigit(next) || isOpener(next)
		if k > j && startsNew {
			emit(j)
			i = k
			continue
		}
		if k == j && r == '.' && gluedStop(p[:i], p[j:]) {
			emit(j)
		}
		i = j
	}
	emit(len(p))
	return out
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '\u201d', '\u2019', ')', ']', '\u00bb':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u2018', '(', '[', '\u00ab':
		return true
	}
	return false
}

// isAbbrevBefore reports whether the word ending text is an abbreviation,
// an initial or a dotted acronym, so that a following '.' does not end the
// sentence.
func isAbbrevBefore(text string) bool {
	k := len(text)
	ascii := true
	for k > 0 {
		if c := text[k-1]; c < utf8.RuneSelf {
			// An ASCII letter or point, told apart without decoding.
			if asciiClass[c] != asciiWord || '0' <= c && c <= '9' {
				if c != '.' {
					break
				}
			}
			k--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) {
			break
		}
		ascii = false
		k -= n
	}
	w := text[k:]
	if w == "" {
		return false
	}
	if strings.Contains(w, ".") { // U.S, U.N, a.m
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if !ascii {
		// Lowering keeps the number of runes, and no abbreviation has
		// more than maxAbbreviation.
		return utf8.RuneCountInString(w) <= maxAbbreviation && abbreviations[strings.ToLower(w)]
	}
	// An ASCII word is lowered on the stack, and is no abbreviation when
	// longer than all.
	if len(w) > maxAbbreviation {
		return false
	}
	var lower [maxAbbreviation]byte
	for i := range len(w) {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return abbreviations[string(lower[:len(w)])]
}

// maxAbbreviation is the length, in bytes, of the longest abbreviation.
const maxAbbreviation = 4

// gluedStop reports whether a '.' between before and after that has no
// space after it ends a sentence: a lower-case word of two or more letters
// before, a capitalised word after ("conflicts.But"), and not a web
// address.
func gluedStop(before, after string) bool {
	n := 0
	for k := len(before); k > 0; {
		r, sz := utf8.DecodeLastRuneInString(before[:k])
		if !unicode.IsLower(r) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '.' {
				return false
			}
			break
		}
		n++
		k -= sz
	}
	if n < 2 {
		return false
	}
	r1, sz := utf8.DecodeRuneInString(after)
	if isOpener(r1) {
		after = after[sz:]
		r1, sz = utf8.DecodeRuneInString(after)
	}
	r2, _ := utf8.DecodeRuneInString(after[sz:])
	return unicode.IsUpper(r1) && unicode.IsLower(r2)
}

// maxPosting caps an inverted-index list: a word or bigram in that many
// sentences of one story is boilerplate or a function word and finds no
// useful candidates. Leaving it out can only make two sentences look
// less alike, never more.
const maxPosting = 500

// squeeze collapses the white space of s: each run becomes one space and
// none is left at either end. It is strings.Join(strings.Fields(s), " "),
// without a copy when s is already so, as most text is.
func squeeze(s string) string {
	// space is 0x80 after a space (and before the start), else 0: the
	// top bit of the first byte of the eight read next, to be tested
	// with their spaces without a branch.
	space := uint64(0x80)
	for i := 0; i < len(s); {
		// Eight bytes at a time while they are printable, with single
		// spaces and no byte that may begin a space outside ASCII, as
		// most text is; one test of all that, without a branch each.
		if i+8 <= len(s) {
			x := swar.Load64(s, i)
			sp := swar.ZeroBytes(x ^ 0x2020202020202020)
			if spaceLeads(x)|swar.LessBytes(x, 0x20)|sp&(sp<<8)|sp&space == 0 {
				space = sp >> 56
				i += 8
				continue
			}
		}
		c := s[i]
		if ' ' < c && c < utf8.RuneSelf {
			space = 0
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			n := 1 // a byte that begins no space
			if isSpaceLead(c) {
				var r rune
				r, n = utf8.DecodeRuneInString(s[i:])
				if unicode.IsSpace(r) {
					return strings.Join(strings.Fields(s), " ")
				}
			}
			space = 0
			i += n
			continue
		}
		switch c {
		case ' ':
			if space != 0 {
				return strings.Join(strings.Fields(s), " ")
			}
			space = 0x80
		case '\t', '\n', '\v', '\f', '\r':
			return strings.Join(strings.Fields(s), " ")
		default:
			space = 0
		}
		i++
	}
	if space != 0 && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// isSpaceLead reports whether c is the first byte, in UTF-8, of a white
// space character outside ASCII: U+0085 and U+00A0, U+1680, U+2000 to
// U+205F, U+3000. No other byte, not even one inside a character, begins
// one.
func isSpaceLead(c byte) bool {
	return c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3
}

// spaceLeads returns the top bit of each byte of x that may begin a white
// space character outside ASCII, and no other bit: of each 0xc2 and 0xe0
// to 0xe3, with all those of isSpaceLead among them, from two compares
// rather than four.
func spaceLeads(x uint64) uint64 {
	return swar.ZeroBytes(x^0xc2*swar.Low) | swar.ZeroBytes(x&(0xfc*swar.Low)^0xe0*swar.Low)
}

// skipWordBytes returns the index of the first byte of s from i on that
// is no ASCII letter or digit, len(s) if there is none. It reads eight
// bytes at a time, as most words are ASCII.
func skipWordBytes(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := ^alnumBytes(swar.Load64(s, i)) & swar.High; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf && asciiClass[s[i]] == asciiWord {
		i++
	}
	return i
}

// alnumBytes returns the top bit of each byte of x that is an ASCII
// letter or digit, and no other bit.
func alnumBytes(x uint64) uint64 { return swar.LetterBytes(x) | swar.DigitBytes(x) }

// nextStop returns the index of the first byte of p from i on that may
// end a sentence: '.', '!', '?' or the first byte of an ellipsis (see
// splitSentences); len(p) if there is none. No other character, and no
// byte inside a character, begins with that byte, so that the bytes
// between are skipped without decoding, Cyrillic as much as ASCII.
func nextStop(p string, i int) int {
	for ; i+8 <= len(p); i += 8 {
		x := swar.Load64(p, i)
		m := swar.ZeroBytes(x^ellipsisLead*swar.Low) | swar.ZeroBytes(x^'.'*swar.Low) | swar.ZeroBytes(x^'!'*swar.Low) | swar.ZeroBytes(x^'?'*swar.Low)
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(p); i++ {
		if c := p[i]; c == ellipsisLead || c == '.' || c == '!' || c == '?' {
			return i
		}
	}
	return i
}

// ellipsisLead is the first byte of "\u2026" in UTF-8, the only
// character outside ASCII that splitSentences reads.
const ellipsisLead = 0xe2

// bit is 1 for true and 0 for false, for sums and masks that take the
// place of branches the processor would mispredict.
func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}
