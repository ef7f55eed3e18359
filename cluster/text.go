package cluster

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
)

// Flags of a token: scan finds the first six, and draftOf adds the others
// to the tokens that may be part of a name.
const (
	tokCap       = 1 << iota // starts with an upper-case letter
	tokAllCaps               // two or more letters, all upper case
	tokNum                   // contains a digit
	tokSentStart             // first token of a sentence, paragraph or text
	tokSpaced                // only spaces separate it from the previous token
	tokPoss                  // ended by a possessive 's
	tokDocLower              // the same article uses the word in lower case
	tokAfterGap              // tokens that cannot be part of a name came before it
)

// scan splits s into word and number tokens and calls fn with each one's
// lowercased form, which is only valid during the call, so that callers
// can look words up without allocating, and its flags. Hyphens and other
// punctuation separate tokens; apostrophes inside words and commas or
// points inside numbers do not; "U.S." becomes "US". ASCII, most of any
// text, is classified by a table (see asciiClass), a byte at a time.
func scan(s string, fn func(low []byte, flags uint8)) {
	var b []byte
	boundary := true // a sentence boundary was seen since the last token
	spaced := false  // only spaces were seen since the last token
	i := 0
	for i < len(s) {
		first := rune(s[i])
		if first < utf8.RuneSelf {
			if k := asciiClass[first]; k&asciiWord == 0 {
				if k&asciiBoundary != 0 {
					boundary = true
				}
				if first != ' ' {
					spaced = false
				}
				i++
				continue
			}
		} else {
			var n int
			if first, n = utf8.DecodeRuneInString(s[i:]); !isWordRune(first) {
				spaced = false
				i += n
				continue
			}
		}
		poss := false
		b = b[:0]
		letters, upper, digits := 0, 0, 0
	scan:
		for i < len(s) {
			if i+8 <= len(s) {
				// Most of a word is small letters: up to eight at a time.
				v := swar.Load64(s, i)
				if k := lowerRun(v); k > 0 {
					b = slices.Grow(b, 8)
					binary.LittleEndian.PutUint64(b[len(b):len(b)+8], v)
					b = b[:len(b)+k]
					letters += k
					i += k
					continue
				}
			}
			r, n := rune(s[i]), 1
			if r < utf8.RuneSelf {
				if k := asciiClass[r]; k&asciiWord != 0 {
					// An upper-case letter's class holds 'a'-'A'.
					b = append(b, byte(r)+k&asciiFold)
					letters += int(k & asciiLetter)
					upper += int(k & asciiUpper >> 1)
					digits += int(k & asciiDigit >> 2)
					i++
					continue
				}
			} else if r, n = utf8.DecodeRuneInString(s[i:]); r < smallRunes {
				if k := smallClass[r]; k&asciiWord != 0 {
					if k&asciiDigit != 0 {
						digits++
					} else {
						letters++
						upper += int(k & asciiUpper >> 1)
						r = rune(smallLower[r])
					}
					b = utf8.AppendRune(b, r)
					i += n
					continue
				}
			} else if isWordRune(r) {
				switch {
				case unicode.IsDigit(r):
					digits++
				case unicode.IsUpper(r):
					upper++
					letters++
					r = unicode.ToLower(r)
				default:
					letters++
					r = unicode.ToLower(r)
				}
				b = utf8.AppendRune(b, r)
				i += n
				continue
			}
			if r != '\'' && r != '’' && r != ',' && r != '.' {
				break
			}
			next := runeAt(s, i+n)
			switch {
			case (r == '\'' || r == '’') && unicode.IsLetter(next) && letters > 0:
				// Inside a word: "don't", "O'Brien"; a possessive ends it.
				if (next == 's' || next == 'S') && !isWordRune(runeAt(s, i+n+1)) {
					i += n + 1
					poss = true
					break scan
				}
				i += n
				continue
			case (r == ',' || r == '.') && digits > 0 && letters == 0 && unicode.IsDigit(next):
				if r == '.' {
					b = append(b, '.') // 2.5; the comma of 10,000 goes
				}
				i += n
				continue
			case r == '.' && letters == 1 && upper == 1 && unicode.IsUpper(next) && runeAt(s, i+n+utf8.RuneLen(next)) == '.':
				i += n // U.S.
				continue
			}
			break
		}
		// The flags are set without branches: whether a word is
		// capitalised, starts a sentence or follows a space is a guess
		// the processor gets wrong at many words.
		var f uint8
		if first < utf8.RuneSelf {
			f = bit(asciiClass[first]&asciiUpper != 0) * tokCap
		} else if unicode.IsUpper(first) {
			f = tokCap
		}
		if upper >= 2 && upper == letters {
			f |= tokAllCaps
		}
		f |= bit(digits > 0)*tokNum | bit(boundary)*tokSentStart | bit(spaced)*tokSpaced | bit(poss)*tokPoss
		fn(b, f)
		boundary, spaced = false, true
	}
}

// bit returns 1 for true and 0 for false, which the compiler does without
// a branch.
func bit(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// lowerRun returns how many of the bytes of v, little-endian, are small
// ASCII letters before the first that is not, 0 to 8.
func lowerRun(v uint64) int {
	const ones, high = swar.Low, swar.High
	low7 := v &^ high
	// The high bit of each byte says, for its low seven bits c, whether
	// c >= 'a', then whether c > 'z'; no byte carries into the next.
	ge := low7 + (0x80-'a')*ones
	gt := low7 + (0x80-'z'-1)*ones
	letter := ge &^ gt &^ v & high
	return bits.TrailingZeros64(^letter&high) / 8
}

// The classes of ASCII characters for scan: letters, upper-case ones
// (whose class also holds what lowercases them), digits, and the
// punctuation that ends a sentence.
const (
	asciiLetter   = 1 << 0
	asciiUpper    = 1 << 1
	asciiDigit    = 1 << 2
	asciiBoundary = 1 << 3
	asciiFold     = 'a' - 'A' // 1 << 5
	asciiWord     = asciiLetter | asciiDigit
)

// asciiClass is the class of each ASCII character.
var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for r := 'a'; r <= 'z'; r++ {
		c[r] = asciiLetter
		c[r-'a'+'A'] = asciiLetter | asciiUpper | asciiFold
	}
	for r := '0'; r <= '9'; r++ {
		c[r] = asciiDigit
	}
	for _, r := range ".!?\n:;" {
		c[r] = asciiBoundary
	}
	return c
}()

// smallRunes is how many runes, from 0, have their class and lower case
// in a table (smallClass, smallLower): the Latin, Greek and Cyrillic
// letters, most of the non-ASCII letters of news text, which the unicode
// package finds by searching its tables.
const smallRunes = 0x530

// smallClass holds the class of each rune below smallRunes as unicode
// says, in the bits of asciiClass, and smallLower its lower case.
var smallClass, smallLower = func() (c [smallRunes]uint8, l [smallRunes]uint16) {
	for r := range rune(smallRunes) {
		switch {
		case unicode.IsDigit(r):
			c[r] = asciiDigit
		case unicode.IsUpper(r):
			c[r] = asciiLetter | asciiUpper
		case unicode.IsLetter(r):
			c[r] = asciiLetter
		}
		l[r] = uint16(unicode.ToLower(r))
		if rune(l[r]) != unicode.ToLower(r) {
			panic("cluster: a lower case beyond 16 bits")
		}
	}
	return c, l
}()

func isWordRune(r rune) bool {
	if r < smallRunes {
		return r >= 0 && smallClass[r]&asciiWord != 0
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// runeAt returns the rune starting at byte i of s, or 0 past its end.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	if s[i] < utf8.RuneSelf {
		return rune(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// stem strips the commonest English inflections so that "talks", "talked"
// and "talking" meet. It is deliberately light: over-stemming merges
// unrelated words, and TF-IDF tolerates the rest.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed"):
		return w[:n-2]
	}
	return w
}

// calendar words are capitalised but name no participant of an event.
var calendar = setOf(`monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr`)

// stopwords are function words and news boilerplate words.
var stopwords = setOf(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during
each few for from further had has have having he her here hers herself him himself his how i
if in into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself
yourselves said says say told according one two three four five six seven eight nine ten
new year years last first week day days time today yesterday tomorrow ago since may might
must shall us its theres thats hes shes were theyre im ive id youre weve dont didnt doesnt
wont cant isnt arent wasnt werent hasnt havent hadnt mr mrs ms however including
many much well even still back around another through get got made make like per cent
percent via news report reported reports reuters ap afp http https www com html`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
