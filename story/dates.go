package story

import (
	"strconv"
	"strings"
	"time"
)

// Date units of a DateMention.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
)

// A DateMention is a date expression found in a text and resolved to a
// calendar date.
type DateMention struct {
	Text       string // the expression as written
	Start, End int    // byte offsets in the text
	// Date is the resolved date, YYYY-MM-DD; for a week or a month it is
	// the first day (Monday, or the 1st).
	Date string
	Unit string // Day, Week or Month
}

const isoDay = "2006-01-02"

// parseDay parses the YYYY-MM-DD prefix of s (so an RFC 3339 time works
// too). Years outside 1800..2200 are taken for errors.
func parseDay(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	// A day in digits, as most are, is read without time.Parse, which
	// costs more than the rest of dating a sentence.
	if y, m, d, ok := isoDigits(s); ok {
		if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) || y < 1800 || y > 2200 {
			return time.Time{}, false
		}
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
	}
	t, err := time.Parse(isoDay, s[:10])
	if err != nil || t.Year() < 1800 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t, true
}

// isoDigits reads the year, month and day of s when its first ten bytes
// are YYYY-MM-DD in ASCII digits.
func isoDigits(s string) (y, m, d int, ok bool) {
	n := 0
	for i := range 10 {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return 0, 0, 0, false
			}
			continue
		}
		if c < '0' || c > '9' {
			return 0, 0, 0, false
		}
		n = n*10 + int(c-'0')
		switch i {
		case 3:
			y, n = n, 0
		case 6:
			m, n = n, 0
		}
	}
	return y, m, n, true
}

// daysIn is the number of days of month m, from 1 to 12, of year y in
// the proleptic Gregorian calendar, as package time has it.
func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// day returns the day of a date that parseDay reads, as YYYY-MM-DD.
func day(s string) (string, bool) {
	d, _, ok := dayTime(s)
	return d, ok
}

// dayTime is day, with the day as a time.
func dayTime(s string) (string, time.Time, bool) {
	t, ok := parseDay(s)
	if !ok {
		return "", time.Time{}, false
	}
	// A day written in digits is written as Format would write it, its
	// fields in range: the prefix itself saves formatting it anew.
	for i := range 10 {
		if c := s[i]; (i == 4 || i == 7) != (c < '0' || c > '9') {
			return t.Format(isoDay), t, true
		}
	}
	return s[:10], t, true
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday,
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
}

// weekdayOf is weekdays[w], without hashing w: most words it is asked
// about are no weekday.
func weekdayOf(w string) (time.Weekday, bool) {
	switch w {
	case "sunday", "sun":
		return time.Sunday, true
	case "monday", "mon":
		return time.Monday, true
	case "tuesday", "tue", "tues":
		return time.Tuesday, true
	case "wednesday", "wed":
		return time.Wednesday, true
	case "thursday", "thu", "thur", "thurs":
		return time.Thursday, true
	case "friday", "fri":
		return time.Friday, true
	case "saturday", "sat":
		return time.Saturday, true
	}
	return 0, false
}

var months = map[string]time.Month{
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

// futureCues are words that, shortly before a weekday name, say that the
// day lies ahead ("is due to arrive on Friday", "plans to stay on Friday").
var futureCues = setOf(`will 'll shall due expected plans plan planned scheduled set upcoming ahead next
going intends intend hopes hope`)

// FindDates finds the English date expressions of text and resolves them
// against published, the publication date (YYYY-MM-DD, or empty when
// unknown). It knows "today", "tonight", "yesterday", "last night",
// "tomorrow", "the day before yesterday", "N days/weeks ago", weekday names
// ("on Thursday", "last Friday", "next Monday"), "this/last/next week",
// "last/next month", month-day dates with or without a year ("April 25",
// "25 April 2019", "Apr. 25, 2019") and ISO dates. Relative expressions
// need published; without it only dates that carry their year are found.
//
// A bare weekday is the most recent such day on or before the publication
// date, as news reports what happened, unless a future cue ("will",
// "due to", "plans") shortly precedes it in the same sentence; then it is
// the next such day on or after it. A month-day date without a year takes
// the year that puts it closest to the publication date.
func FindDates(text, published string) []DateMention {
	return findDates(text, tokenize(text), &pubDay{s: published})
}

// A pubDay is a publication date, parsed on first need (see findDates)
// once for all the sentences of its article.
type pubDay struct {
	s          string // as written
	t          time.Time
	ok, parsed bool // whether s is a day, and whether it is parsed
}

// get returns the day p.s names, and whether it names one.
func (p *pubDay) get() (time.Time, bool) {
	if !p.parsed {
		p.t, p.ok = parseDay(p.s)
		p.parsed = true
	}
	return p.t, p.ok
}

// findDates is FindDates on text already tokenized, published parsed at
// the first word that may begin a date: most sentences have none.
func findDates(text string, toks []token, published *pubDay) []DateMention {
	var (
		pub     time.Time
		havePub bool
		out     []DateMention
	)
	add := func(i, j int, d time.Time, unit string) {
		s, e := int(toks[i].start), int(toks[j].end)
		out = append(out, DateMention{Text: text[s:e], Start: s, End: e, Date: d.Format(isoDay), Unit: unit})
	}
	w := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return toks[i].norm
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if !t.mayBeginDate() {
			continue
		}
		pub, havePub = published.get()
		if d, ok := isoDate(t.text); ok {
			add(i, i, d, Day)
			continue
		}
		// Most words are no month or weekday name, as a look at their
		// first letter and length tells without a map lookup.
		calendar := calendarShape(t.norm)
		if calendar && capitalised(t.text) {
			if m, ok := months[t.norm]; ok {
				if j, d, unit, ok := monthFirst(toks, i, m, pub, havePub); ok {
					add(i, j, d, unit)
					i = j
					continue
				}
			}
		}
		if day, ok := dayNumber(t.norm); ok {
			if j, d, ok := dayFirst(toks, i, day, pub, havePub); ok {
				add(i, j, d, Day)
				i = j
				continue
			}
		}
		if !havePub {
			continue
		}
		switch t.norm {
		case "today", "tonight":
			add(i, i, pub, Day)
			continue
		case "yesterday":
			add(i, i, pub.AddDate(0, 0, -1), Day)
			continue
		case "tomorrow":
			add(i, i, pub.AddDate(0, 0, 1), Day)
			continue
		case "day":
			if w(i-1) == "the" && w(i+1) == "before" && w(i+2) == "yesterday" {
				add(i-1, i+2, pub.AddDate(0, 0, -2), Day)
				i += 2
				continue
			}
			if w(i-1) == "the" && w(i+1) == "after" && w(i+2) == "tomorrow" {
				add(i-1, i+2, pub.AddDate(0, 0, 2), Day)
				i += 2
				continue
			}
		case "last", "this", "next":
			switch w(i + 1) {
			case "night":
				if t.norm == "last" {
					add(i, i+1, pub.AddDate(0, 0, -1), Day)
					i++
					continue
				}
				if t.norm == "this" {
					add(i, i+1, pub, Day)
					i++
					continue
				}
			case "week":
				shift := map[string]int{"last": -7, "this": 0, "next": 7}[t.norm]
				add(i, i+1, monday(pub.AddDate(0, 0, shift)), Week)
				i++
				continue
			case "month":
				shift := map[string]int{"last": -1, "this": 0, "next": 1}[t.norm]
				first := time.Date(pub.Year(), pub.Month(), 1, 0, 0, 0, 0, time.UTC)
				add(i, i+1, first.AddDate(0, shift, 0), Month)
				i++
				continue
			case "morning", "afternoon", "evening":
				if t.norm == "this" {
					add(i, i+1, pub, Day)
					i++
					continue
				}
			}
		}
		if w(i+2) == "ago" { // checked first: most words are no count
			if n, ok := countWord(t.norm); ok && n > 0 && n < 1000 {
				switch strings.TrimSuffix(w(i+1), "s") {
				case "day":
					add(i, i+2, pub.AddDate(0, 0, -n), Day)
					i += 2
					continue
				case "week":
					add(i, i+2, monday(pub.AddDate(0, 0, -7*n)), Week)
					i += 2
					continue
				}
			}
		}
		if !calendar {
			continue
		}
		if wd, ok := weekdayOf(t.norm); ok {
			if !isWeekdayUse(toks, i) {
				continue
			}
			first := i
			var d time.Time
			switch w(i - 1) {
			case "last":
				d = weekdayBefore(pub.AddDate(0, 0, -1), wd)
				first = i - 1
			case "next":
				d = weekdayAfter(pub.AddDate(0, 0, 1), wd)
				first = i - 1
			case "this":
				d = weekdayAfter(pub, wd)
				if futureCueBefore(toks, i-1) < 0 {
					d = weekdayBefore(pub, wd)
				}
				first = i - 1
			default:
				if futureCueBefore(toks, i) >= 0 {
					d = weekdayAfter(pub, wd)
				} else {
					d = weekdayBefore(pub, wd)
				}
			}
			add(first, i, d, Day)
		}
	}
	return out
}

// isWeekdayUse tells a weekday name from a homograph: a name must be
// capitalised, and an abbreviation ("Sat", "Wed", "Sun") must also follow
// "on", "last", "next" or "this", or come before a comma, as in a dateline.
func isWeekdayUse(toks []token, i int) bool {
	t := toks[i]
	if !capitalised(t.text) {
		return false
	}
	if strings.HasSuffix(t.norm, "day") {
		return true
	}
	if i > 0 {
		switch toks[i-1].norm {
		case "on", "last", "next", "this":
			return true
		}
	}
	return i+1 < len(toks) && toks[i+1].norm == ","
}

// calendarShape reports whether w could be a key of months or weekdays:
// as long as one, and beginning with the letter of one.
func calendarShape(w string) bool {
	return calendarMinLen <= len(w) && len(w) <= calendarMaxLen && calendarInitial[w[0]]
}

var calendarInitial [256]bool

var calendarMinLen, calendarMaxLen = func() (lo, hi int) {
	lo = 1 << 30
	note := func(w string) {
		lo, hi = min(lo, len(w)), max(hi, len(w))
		calendarInitial[w[0]] = true
	}
	for w := range months {
		note(w)
	}
	for w := range weekdays {
		note(w)
	}
	return lo, hi
}()

func capitalised(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// futureCueBefore returns the index of a future cue among the eight words
// before toks[i] in the same sentence, or -1.
func futureCueBefore(toks []token, i int) int {
	for k, n := i-1, 0; k >= 0 && n < 8; k-- {
		t := toks[k]
		if !t.word {
			if t.norm == "." || t.norm == "!" || t.norm == "?" || t.norm == ";" {
				return -1
			}
			continue
		}
		if futureCues[t.norm] {
			return k
		}
		n++
	}
	return -1
}

func weekdayBefore(t time.Time, wd time.Weekday) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) - int(wd) + 7) % 7))
}

func weekdayAfter(t time.Time, wd time.Weekday) time.Time {
	return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7)
}

func monday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// isoDate parses a YYYY-MM-DD word.
func isoDate(word string) (time.Time, bool) {
	if len(word) != 10 || word[4] != '-' || word[7] != '-' {
		return time.Time{}, false
	}
	t, err := time.Parse(isoDay, word)
	return t, err == nil
}

// dayNumber parses "25" or "25th".
func dayNumber(w string) (int, bool) {
	if w == "" || (w[0] < '0' || w[0] > '9') && w[0] != '+' {
		return 0, false // no digits, as most words
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suf) {
			w = strings.TrimSuffix(w, suf)
			break
		}
	}
	if len(w) == 0 || len(w) > 2 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 1 || n > 31 {
		return 0, false
	}
	return n, true
}

// yearNumber parses a four-digit year.
func yearNumber(w string) (int, bool) {
	if len(w) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	if err != nil || n < 1800 || n > 2200 {
		return 0, false
	}
	return n, true
}

// monthFirst reads "April 25", "Apr. 25, 2019", "April 25th 2019" or
// "March 2018" starting with the month name at toks[i]. It returns the
// index of the last token used.
func monthFirst(toks []token, i int, m time.Month, pub time.Time, havePub bool) (int, time.Time, string, bool) {
	j := i + 1
	if j < len(toks) && toks[j].norm == "." {
		j++
	}
	if j >= len(toks) {
		return 0, time.Time{}, "", false
	}
	if y, ok := yearNumber(toks[j].norm); ok {
		// "March 2018": a month, not a day.
		return j, time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), Month, true
	}
	day, ok := dayNumber(toks[j].norm)
	if !ok {
		return 0, time.Time{}, "", false
	}
	last := j
	if k := j + 1; k < len(toks) {
		if toks[k].norm == "," {
			k++
		}
		if k < len(toks) {
			if y, ok := yearNumber(toks[k].norm); ok {
				d, ok := makeDate(y, m, day)
				return k, d, Day, ok
			}
		}
	}
	if !havePub {
		return 0, time.Time{}, "", false
	}
	d, ok := closestYear(m, day, pub)
	return last, d, Day, ok
}

// dayFirst reads "25 April" or "25th April 2019" starting at the day
// number toks[i].
func dayFirst(toks []token, i, day int, pub time.Time, havePub bool) (int, time.Time, bool) {
	j := i + 1
	if j < len(toks) && toks[j].norm == "of" {
		j++
	}
	if j >= len(toks) {
		return 0, time.Time{}, false
	}
	m, ok := months[toks[j].norm]
	if !ok || !capitalised(toks[j].text) {
		return 0, time.Time{}, false
	}
	last := j
	k := j + 1
	if k < len(toks) && toks[k].norm == "." {
		k++
	}
	if k < len(toks) && toks[k].norm == "," {
		k++
	}
	if k < len(toks) {
		if y, ok := yearNumber(toks[k].norm); ok {
			d, ok := makeDate(y, m, day)
			return k, d, ok
		}
	}
	if !havePub {
		return 0, time.Time{}, false
	}
	d, ok := closestYear(m, day, pub)
	return last, d, ok
}

func makeDate(y int, m time.Month, day int) (time.Time, bool) {
	d := time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
	return d, d.Day() == day // rejects April 31
}

// closestYear gives month m, day day the year that puts it nearest to pub.
func closestYear(m time.Month, day int, pub time.Time) (time.Time, bool) {
	var best time.Time
	found := false
	for y := pub.Year() - 1; y <= pub.Year()+1; y++ {
		d, ok := makeDate(y, m, day)
		if !ok {
			continue
		}
		if !found || absDays(d.Sub(pub)) < absDays(best.Sub(pub)) {
			best, found = d, true
		}
	}
	return best, found
}

func absDays(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
