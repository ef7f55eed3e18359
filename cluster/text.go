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
// text, is read eight bytes at a time inside words, and classified by a
// table (see asciiClass) between them.
func scan(s string, fn func(low []byte, flags uint8)) {
	var b []byte
	// The flags a token gets from what precedes it, tokSentStart while a
	// sentence boundary was seen since the last token and tokSpaced while
	// only spaces were, are kept without branches: which of them a word
	// gets is a guess the processor gets wrong at many words.
	var before uint8 = tokSentStart
	i := 0
	for i < len(s) {
		first := rune(s[i])
		if first < utf8.RuneSelf {
			if k := asciiClass[first]; k&asciiWord == 0 {
				before |= k & asciiBoundary
				before &^= bit(first != ' ') * tokSpaced
				i++
				continue
			}
		} else {
			var n int
			if first, n = utf8.DecodeRuneInString(s[i:]); !isWordRune(first) {
				before &^= tokSpaced
				i += n
				continue
			}
		}
		poss := false
		b = b[:0]
		// The word's upper-case letters; whether it has other letters,
		// and digits (more than 0 if so).
		upper, lower, digits := 0, 0, 0
	scan:
		for i < len(s) {
			if i+8 <= len(s) {
				// Most of a word is ASCII letters and digits: up to
				// eight at a time, with no branch on where it ends.
				const high = swar.High
				v := swar.Load64(s, i)
				letter, digit := swar.LetterBytes(v), swar.DigitBytes(v)
				end := ^(letter | digit) & high
				in := end&-end - 1 // the bytes before the first that is not
				up := letter &^ (v << 2) & in
				k := bits.TrailingZeros64(end) / 8
				b = slices.Grow(b, 8)
				binary.LittleEndian.PutUint64(b[len(b):len(b)+8], v|up>>2)
				b = b[:len(b)+k]
				upper += bits.OnesCount64(up)
				lower += int(bit(letter&in != up))
				digits += int(bit(digit&in != 0))
				i += k
				if k == 8 {
					continue
				}
			}
			r, n := rune(s[i]), 1
			if r < utf8.RuneSelf {
				k := asciiClass[r]
				if k&asciiWord != 0 {
					// An upper-case letter's class holds 'a'-'A'.
					b = append(b, byte(r)+k&asciiFold)
					u := int(k & asciiUpper >> 1)
					upper += u
					lower += int(k&asciiLetter) - u
					digits += int(k & asciiDigit >> 2)
					i++
					continue
				}
				if k&asciiJoin == 0 {
					break
				}
			} else if r, n = utf8.DecodeRuneInString(s[i:]); r < smallRunes {
				if k := smallClass[r]; k&asciiWord != 0 {
					if k&asciiDigit != 0 {
						digits++
					} else {
						u := int(k & asciiUpper >> 1)
						upper += u
						lower += 1 - u
						r = rune(smallLower[r])
					}
					b = utf8.AppendRune(b, r)
					i += n
					continue
				}
				break
			} else if isWordRune(r) {
				switch {
				case unicode.IsDigit(r):
					digits++
				case unicode.IsUpper(r):
					upper++
					r = unicode.ToLower(r)
				default:
					lower++
					r = unicode.ToLower(r)
				}
				b = utf8.AppendRune(b, r)
				i += n
				continue
			} else if r != '’' {
				break
			}
			next := runeAt(s, i+n)
			switch {
			case (r == '\'' || r == '’') && unicode.IsLetter(next) && upper+lower > 0:
				// Inside a word: "don't", "O'Brien"; a possessive ends it.
				if (next == 's' || next == 'S') && !isWordRune(runeAt(s, i+n+1)) {
					i += n + 1
					poss = true
					break scan
				}
				i += n
				continue
			case (r == ',' || r == '.') && digits > 0 && upper+lower == 0 && unicode.IsDigit(next):
				if r == '.' {
					b = append(b, '.') // 2.5; the comma of 10,000 goes
				}
				i += n
				continue
			case r == '.' && upper == 1 && lower == 0 && unicode.IsUpper(next) && runeAt(s, i+n+utf8.RuneLen(next)) == '.':
				i += n // U.S.
				continue
			}
			break
		}
		var f uint8
		if first < utf8.RuneSelf {
			f = bit(asciiClass[first]&asciiUpper != 0) * tokCap
		} else if unicode.IsUpper(first) {
			f = tokCap
		}
		if upper >= 2 && lower == 0 {
			f |= tokAllCaps
		}
		f |= bit(digits > 0)*tokNum | before | bit(poss)*tokPoss
		fn(b, f)
		before = tokSpaced
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

// The classes of ASCII characters for scan: letters, upper-case ones
// (whose class also holds what lowercases them), digits, and the
// punctuation that ends a sentence.
const (
	asciiLetter   = 1 << 0
	asciiUpper    = 1 << 1
	asciiDigit    = 1 << 2
	asciiBoundary = tokSentStart
	asciiJoin     = 1 << 4    // may join two parts of a word: ' , .
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
	for _, r := range "',." {
		c[r] |= asciiJoin
	}
	return c
}()

// smallRunes is how many runes, from 0, have their class and lower case
// in a table (smallClass, smallLower): the Latin, Greek and Cyrillic
// letters, most of the non-ASCII letters of news text, which the unicode
// package finds by searching its tables.
const smallRunes = 0x530

// The general punctuation block: U+2000 to U+206F.
const punctFirst, punctRunes = 0x2000, 0x70

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

// isWordRune reports whether r is a letter or a digit. The general
// punctuation block, which holds the dashes and curly quotes of news text,
// has neither (TestPunctuationBlock), so its runes are answered without a
// search of the unicode tables.
func isWordRune(r rune) bool {
	if r < smallRunes {
		return r >= 0 && smallClass[r]&asciiWord != 0
	}
	if uint32(r-punctFirst) < punctRunes {
		return false
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
