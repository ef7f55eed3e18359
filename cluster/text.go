package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
// points inside numbers do not; "U.S." becomes "US".
func scan(s string, fn func(low []byte, flags uint8)) {
	var b []byte
	boundary := true // a sentence boundary was seen since the last token
	spaced := false  // only spaces were seen since the last token
	i := 0
	for i < len(s) {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == ';' {
				boundary = true
			}
			if r != ' ' {
				spaced = false
			}
			i += n
			continue
		}
		poss := false
		b = b[:0]
		first := r
		letters, upper, digits := 0, 0, 0
	scan:
		for i < len(s) {
			// The common cases, first: a run of small letters, then
			// another ASCII letter or digit.
			if c := s[i]; 'a' <= c && c <= 'z' {
				j := i + 1
				for j < len(s) && 'a' <= s[j] && s[j] <= 'z' {
					j++
				}
				b = append(b, s[i:j]...)
				letters += j - i
				i = j
				continue
			}
			r, n := rune(s[i]), 1
			if r < utf8.RuneSelf {
				c := byte(r)
				switch {
				case 'a' <= c && c <= 'z':
					letters++
				case 'A' <= c && c <= 'Z':
					upper++
					letters++
					c += 'a' - 'A'
				case '0' <= c && c <= '9':
					digits++
				default:
					c = 0
				}
				if c != 0 {
					b = append(b, c)
					i++
					continue
				}
			} else if r, n = utf8.DecodeRuneInString(s[i:]); isWordRune(r) {
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
		var f uint8
		if 'A' <= first && first <= 'Z' || first >= utf8.RuneSelf && unicode.IsUpper(first) {
			f |= tokCap
		}
		if upper >= 2 && upper == letters {
			f |= tokAllCaps
		}
		if digits > 0 {
			f |= tokNum
		}
		if boundary {
			f |= tokSentStart
		}
		if spaced {
			f |= tokSpaced
		}
		if poss {
			f |= tokPoss
		}
		fn(b, f)
		boundary, spaced = false, true
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
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
