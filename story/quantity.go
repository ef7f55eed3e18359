package story

import (
	"strconv"
	"strings"
)

// A quantity is a number with what it counts or measures, found in a
// sentence: "nearly two hours", "some 10,000 North Korean labourers",
// "$25 million".
type quantity struct {
	value float64 // in the base unit of its class (seconds for durations, days for dates)
	class string  // "duration", "money", "percent", "age", "count" or "date"
	unit  string  // the unit or counted noun, stemmed: "hour", "labourer"
	expr  string  // for a date, the expression as written: "yesterday"
	// approx is set when a hedge ("nearly", "some", "more than") qualifies
	// the number.
	approx bool
	// first and last are the token indexes of the phrase, hedge included.
	first, last int
}

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a": 1, "an": 1,
}

// numberInitial holds the first letters of number words: a word that
// begins with another letter is no number word, as a look at its first
// byte tells without a map lookup.
var numberInitial = func() (initial [256]bool) {
	for w := range smallNumbers {
		initial[w[0]] = true
	}
	return initial
}()

var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
	"billions": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3,
}

// countWord parses a number written in digits ("10,000", "1.5") or as a
// word up to ninety-nine ("two", "twenty-five").
func countWord(w string) (int, bool) {
	if f, ok := parseNumber(w); ok && f == float64(int(f)) {
		return int(f), true
	}
	return 0, false
}

// parseNumber parses digits with thousands separators and a decimal point,
// or a number word from one to ninety-nine (hyphenated tens included).
// "a" and "an" are not numbers on their own.
func parseNumber(w string) (float64, bool) {
	if w == "" {
		return 0, false
	}
	if w[0] >= '0' && w[0] <= '9' {
		// Only digits and points are a number once the separators are
		// gone: ParseFloat would take exponents, hexadecimal, underscores
		// and signs, which no figure in news has, and fail on the rest.
		// Most words that start with a digit and are no number are told
		// here, without the error ParseFloat allocates.
		for i := 0; i < len(w); i++ {
			if c := w[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
				return 0, false
			}
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
		if err != nil {
			return 0, false
		}
		return f, true
	}
	if w == "a" || w == "an" || !numberInitial[w[0]] {
		return 0, false
	}
	if n, ok := smallNumbers[w]; ok {
		return float64(n), true
	}
	if tens, units, ok := strings.Cut(w, "-"); ok {
		t, ok1 := smallNumbers[tens]
		u, ok2 := smallNumbers[units]
		if ok1 && ok2 && t >= 20 && t%10 == 0 && u >= 1 && u <= 9 {
			return float64(t + u), true
		}
	}
	return 0, false
}

// hedges qualify a number without changing what it is about.
var hedges = setOf(`nearly almost about around some roughly approximately over under more than
less fewer least at up to just barely only close estimated`)

// timeUnits and currencies are keyed by stem (see stem), as the words they
// are looked up with are stemmed.
var timeUnits = stemKeys(map[string]float64{
	"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600,
	"day": 86400, "week": 7 * 86400, "fortnight": 14 * 86400, "month": 30 * 86400,
	"year": 365 * 86400, "decade": 3650 * 86400,
})

var currencies = stemKeys(map[string]string{
	"$": "dollar", "€": "euro", "£": "pound", "¥": "yen",
	"dollar": "dollar", "euro": "euro", "pound": "pound", "yen": "yen", "rouble": "rouble",
	"ruble": "rouble", "yuan": "yuan", "rupee": "rupee", "usd": "dollar",
	"eur": "euro", "gbp": "pound",
})

func stemKeys[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[stem(k)] = v
	}
	return out
}

// pluralIrregular are counted nouns whose plural does not end in "s".
var pluralIrregular = setOf(`people children men women police staff personnel feet teeth sheep fish
troops cattle mice geese`)

// quantities finds the quantities of a tokenized sentence. A number
// without a recognisable unit or counted noun is left out: it cannot be
// compared safely. So are years, ordinals and numbers inside compounds
// such as "one-on-one".
func quantities(toks []token) []quantity {
	var out []quantity
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if !t.mayBeNumber() {
			continue
		}
		var (
			value float64
			ok    bool
			next  = i + 1
			unit  string
		)
		// "two-day", "three-year-old": a number word hyphenated to a unit.
		if head, tail, cut := strings.Cut(t.norm, "-"); cut {
			if v, isNum := parseNumber(head); isNum {
				if u := stem(tail); timeUnits[u] > 0 {
					value, ok, unit = v, true, u
				} else if strings.HasPrefix(tail, "year-old") {
					value, ok, unit = v, true, "year-old"
				}
			}
		}
		if !ok {
			value, ok = parseNumber(t.norm)
			if !ok || isYear(t.norm) || partOfCode(toks, i) || ratioTail(toks, i) {
				continue
			}
			// "1, 400": thousands split by a stray space.
			for next+1 < len(toks) && value < 1000 && toks[next].norm == "," && isThreeDigits(toks[next+1].norm) &&
				toks[next].start == toks[next-1].end {
				v, _ := parseNumber(toks[next+1].norm)
				value = value*1000 + v
				next += 2
			}
		}
		first := i
		if first > 0 && !toks[first-1].word && currencies[toks[first-1].norm] != "" {
			first--
		}
		h := first
		for first > 0 && toks[first-1].word && toks[first-1].isHedge() {
			first--
		}
		approx := first < h
		if unit == "" {
			// A scale word multiplies: "25 million".
			if next < len(toks) {
				if s, isScale := scales[toks[next].norm]; isScale && (toks[next].norm != "m" && toks[next].norm != "k" || toks[next].start == t.end) {
					value *= s
					next++
				}
			}
		}
		q := quantity{value: value, approx: approx, first: first, last: next - 1}
		switch {
		case unit == "year-old":
			// An age is compared only between mentions of the same
			// person or role: "36-year-old driver", not "66-year-old
			// woman".
			q.class, q.unit = "age", unit
			if next < len(toks) && isContent(toks[next]) {
				q.unit += " " + stem(toks[next].norm)
			}
		case unit != "":
			q.class, q.unit = "duration", unit
			q.value = value * timeUnits[unit]
		case i > 0 && !toks[i-1].word && currencies[toks[i-1].norm] != "":
			q.class, q.unit = "money", currencies[toks[i-1].norm]
		case next < len(toks) && (toks[next].norm == "%" || toks[next].norm == "percent"):
			q.class, q.unit, q.last = "percent", "%", next
		case next+1 < len(toks) && toks[next].norm == "per" && toks[next+1].norm == "cent":
			q.class, q.unit, q.last = "percent", "%", next+1
		default:
			u, last := countedNoun(toks, next, value)
			if u == "" {
				continue
			}
			q.last = last
			if cur := currencies[u]; cur != "" {
				q.class, q.unit = "money", cur
			} else if s := timeUnits[u]; s > 0 {
				q.class, q.unit, q.value = "duration", u, value*s
			} else {
				q.class, q.unit = "count", u
			}
		}
		if q.class == "duration" {
			q = compoundDuration(toks, q)
		}
		out = append(out, q)
		i = q.last
	}
	return out
}

// compoundDuration extends a duration by a following smaller unit: "4
// minutes 48 seconds", "two hours and 15 minutes".
func compoundDuration(toks []token, q quantity) quantity {
	k := q.last + 1
	if k < len(toks) && toks[k].norm == "and" {
		k++
	}
	if k+1 >= len(toks) {
		return q
	}
	v, ok := parseNumber(toks[k].norm)
	if !ok {
		return q
	}
	u := stem(toks[k+1].norm)
	if s := timeUnits[u]; s > 0 && s < timeUnits[q.unit] {
		q.value += v * s
		q.last = k + 1
	}
	return q
}

// partOfCode reports whether the number at toks[i] belongs to a name or
// a notation rather than a figure: a model name ("AK 47", "F 16"), a
// fraction or score ("41/2", "15-2"), or the tail of a number broken by
// a space ("1, 000").
func partOfCode(toks []token, i int) bool {
	t := toks[i]
	if len(t.norm) > 1 && t.norm[0] == '0' && !strings.HasPrefix(t.norm, "0.") {
		return true
	}
	if i > 0 {
		p := toks[i-1]
		if p.word && len(p.text) <= 3 && p.text == strings.ToUpper(p.text) && p.text != strings.ToLower(p.text) {
			return true
		}
		if !p.word && p.end == t.start && (p.norm == "/" || p.norm == ":" || p.norm == "-") {
			return true
		}
	}
	if i+1 < len(toks) {
		n := toks[i+1]
		if !n.word && n.start == t.end && (n.norm == "/" || n.norm == ":" || n.norm == "-") {
			return true
		}
	}
	return false
}

// ratioTail reports whether the number at toks[i] is the whole of a
// ratio ("landed 28 of his 68 punches", "3 of the 11 rebounds"): the part
// and the whole are not figures to compare on their own. "One of five
// sons" keeps its count.
func ratioTail(toks []token, i int) bool {
	k := i - 1
	if k < 0 || !toks[k].word || !(toks[k].norm == "his" || toks[k].norm == "her" || toks[k].norm == "their" || toks[k].norm == "its" || toks[k].norm == "the") {
		return false
	}
	k--
	if k < 1 || toks[k].norm != "of" {
		return false
	}
	_, ok := parseNumber(toks[k-1].norm)
	return ok
}

func isThreeDigits(w string) bool {
	return len(w) == 3 && strings.Trim(w, "0123456789") == ""
}

// isYear reports whether a bare number is most likely a year.
func isYear(w string) bool {
	_, ok := yearNumber(w)
	return ok
}

// countedNoun finds what a number counts in the words from toks[k]: the
// first of the next three words that is a time unit, a currency, an
// irregular plural or (for numbers other than one) ends in "s". A count
// of one is left out: "one" is more often a pronoun or a determiner ("one
// rocket-propelled launcher", "one of them") than a figure anyone would
// dispute. Punctuation and stop words end the search.
func countedNoun(toks []token, k int, value float64) (string, int) {
	for n := 0; n < 3 && k < len(toks); n, k = n+1, k+1 {
		t := toks[k]
		if !t.word || t.isStop() {
			return "", 0
		}
		if _, isNum := parseNumber(t.norm); isNum {
			return "", 0
		}
		s := stem(t.norm)
		switch {
		case timeUnits[s] > 0, currencies[s] != "":
			return s, k
		case pluralIrregular[t.norm]:
			return t.norm, k
		case value != 1 && strings.HasSuffix(t.norm, "s") && !strings.HasSuffix(t.norm, "ss") && len(t.norm) > 3:
			return s, k
		}
	}
	return "", 0
}

// dateQuantities turns the day dates of a sentence, resolved against the
// article's publication date, into quantities of class "date" whose value
// is the day number, so that dates are aligned and compared like figures.
func dateQuantities(sentence string, toks []token, published *pubDay) []quantity {
	var out []quantity
	for _, m := range findDates(sentence, toks, published) {
		if m.Unit != Day {
			continue
		}
		d, ok := parseDay(m.Date)
		if !ok {
			continue
		}
		first, last := -1, -1
		for i := range toks {
			if t := &toks[i]; int(t.start) >= m.Start && int(t.end) <= m.End {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			continue
		}
		out = append(out, quantity{
			value: float64(d.Unix() / 86400), class: "date", unit: "day",
			expr: strings.ToLower(m.Text), first: first, last: last,
		})
	}
	return out
}
