package cluster

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A token is one word or number of an article's text.
type token struct {
	low       string // lowercased form, possessive stripped
	cap       bool   // starts with an upper-case letter
	allCaps   bool   // two or more letters, all upper case
	num       bool   // contains a digit
	sentStart bool   // first token of a sentence, paragraph or text
	spaced    bool   // only spaces separate it from the previous token
	poss      bool   // ended by a possessive 's
}

// tokenize splits s into word and number tokens. Hyphens and other
// punctuation separate tokens; apostrophes inside words and commas or
// points inside numbers do not; "U.S." becomes "US".
func tokenize(s string) []token {
	var toks []token
	var b strings.Builder
	boundary := true // a sentence boundary was seen since the last token
	spaced := false  // only spaces were seen since the last token
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
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
		b.Reset()
		start := i
		letters, upper, digits := 0, 0, 0
	scan:
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				switch {
				case unicode.IsDigit(r):
					digits++
				case unicode.IsUpper(r):
					upper++
					letters++
				default:
					letters++
				}
				b.WriteRune(unicode.ToLower(r))
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
					b.WriteByte('.') // 2.5; the comma of 10,000 goes
				}
				i += n
				continue
			case r == '.' && letters == 1 && upper == 1 && unicode.IsUpper(next) && runeAt(s, i+n+utf8.RuneLen(next)) == '.':
				i += n // U.S.
				continue
			}
			break
		}
		first, _ := utf8.DecodeRuneInString(s[start:])
		t := token{
			low:       b.String(),
			cap:       unicode.IsUpper(first),
			allCaps:   upper >= 2 && upper == letters,
			num:       digits > 0,
			sentStart: boundary,
			spaced:    spaced,
			poss:      poss,
		}
		toks = append(toks, t)
		boundary, spaced = false, true
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// runeAt returns the rune starting at byte i of s, or 0 past its end.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return 0
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

// features are the terms of one article, by kind, with their counts.
type features struct {
	body     map[string]int // stemmed content words of title and text
	lead     map[string]int // stemmed content words of the title and first sentences
	entities map[string]int // names, multi-word names and numbers
	// leadEntities are the entities of the title and first sentences: the
	// participants an article is about.
	leadEntities map[string]int
}

// leadWords is how many words of the text, after the title, count as the
// lead: roughly the first two sentences of a news article.
const leadWords = 50

// doc is an article's title and text as tokens.
type doc struct {
	title, text []token
	lower       map[string]bool // words the doc uses in lower case
}

// tokens tokenizes an article and notes the words it writes in lower case.
func tokens(title, text string) doc {
	d := doc{title: tokenize(title), text: tokenize(text), lower: map[string]bool{}}
	if len(d.title) > 0 {
		d.title[0].sentStart = true
	}
	for _, toks := range [][]token{d.title, d.text} {
		for _, t := range toks {
			if !t.cap && !t.num {
				d.lower[t.low] = true
			}
		}
	}
	return d
}

// extract returns the features of d. common reports whether a word is
// common in lower case in the collection.
//
// Entities are found with a heuristic that needs no model: runs of
// capitalised words, where a capitalised word that starts a sentence, and
// an all-capitals word, only counts if neither the text nor the collection
// commonly uses it in lower case and it is not a stop word. Each name
// contributes its words and, for several words, the whole name; numbers of
// two or more digits count too, since figures and years tell apart two
// events of the same kind.
func (d doc) extract(common func(string) bool) features {
	f := features{body: map[string]int{}, lead: map[string]int{}, entities: map[string]int{}, leadEntities: map[string]int{}}
	add := func(toks []token, lead bool) {
		for _, t := range toks {
			if t.num || utf8.RuneCountInString(t.low) < 2 || stopwords[t.low] {
				continue
			}
			w := stem(t.low)
			f.body[w]++
			if lead {
				f.lead[w]++
			}
		}
	}
	add(d.title, true)
	n := min(leadWords, len(d.text))
	add(d.text[:n], true)
	add(d.text[n:], false)
	isLower := func(w string) bool { return d.lower[w] || common(w) }
	f.addEntities(d.title, isLower, len(d.title))
	f.addEntities(d.text, isLower, n)
	return f
}

// addEntities adds the names and numbers of toks to f.entities.
// The first lead tokens of toks are in the lead.
func (f *features) addEntities(toks []token, lower func(string) bool, lead int) {
	add := func(i int, key string) {
		f.entities[key]++
		if i < lead {
			f.leadEntities[key]++
		}
	}
	isName := func(t token) bool {
		if !t.cap || t.num || stopwords[t.low] || calendar[t.low] {
			return false
		}
		if (t.sentStart || t.allCaps) && lower(t.low) {
			return false
		}
		return true
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.num {
			if len(t.low) >= 2 {
				add(i, "#"+t.low)
			}
			i++
			continue
		}
		if !isName(t) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && isName(toks[j]) && !toks[j].sentStart && toks[j].spaced && !toks[j-1].poss {
			j++
		}
		for _, u := range toks[i:j] {
			if utf8.RuneCountInString(u.low) >= 2 {
				add(i, u.low)
			}
		}
		if j-i > 1 {
			words := make([]string, 0, j-i)
			for _, u := range toks[i:j] {
				words = append(words, u.low)
			}
			add(i, strings.Join(words, "_"))
		}
		i = j
	}
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
