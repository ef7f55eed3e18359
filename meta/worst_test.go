package meta

import (
	"strings"
	"testing"
	"time"
)

// TestParsersLinear checks that no parser does super-linear work on a
// long line: each is given lines of 256 KB built from units that look like
// the start of what it parses. Linear parsers take a few milliseconds
// (the bound leaves room for a loaded machine); a quadratic one would
// take minutes.
func TestParsersLinear(t *testing.T) {
	units := []string{
		"1 ", "2019-04-26 ", "April 25 ", "By A and B, ", "AFP | ", "VLADIVOSTOK: ", "© AFP ", "Photo: ",
		"http://a.b/", "a-", "(AP) ", "x", " ", ", ", "A B C ", "December 15th, 2008, 7: 35 am ",
	}
	parsers := map[string]func(string){
		"DatePrefix":     func(s string) { DatePrefix(s) },
		"FindDate":       func(s string) { FindDate(s) },
		"LeadDateline":   func(s string) { LeadDateline(s) },
		"DateLine":       func(s string) { DateLine(s) },
		"Byline":         func(s string) { Byline(s) },
		"DatelineLine":   func(s string) { DatelineLine(s) },
		"CreditAgency":   func(s string) { CreditAgency(s) },
		"Credit":         func(s string) { Credit(s) },
		"HasPhotoCredit": func(s string) { HasPhotoCredit(s) },
		"TitleLike":      func(s string) { TitleLike(s) },
		"Terminated":     func(s string) { Terminated(s) },
		"NormalizeDate":  func(s string) { NormalizeDate(s) },
		"Agency":         func(s string) { Agency(s) },
		"URLLine":        func(s string) { URLLine(s) },
		"Host":           func(s string) { Host(s) },
	}
	const size = 1 << 18
	for _, u := range units {
		s := strings.Repeat(u, size/len(u))
		for name, parse := range parsers {
			start := time.Now()
			parse(s)
			if d := time.Since(start); d > time.Second {
				t.Errorf("%s on %d KB of %q: %v", name, len(s)>>10, u, d)
			}
		}
	}
}

// TestPhotoKeys checks that the quick test of HasPhotoCredit lets every
// photo mark through.
func TestPhotoKeys(t *testing.T) {
	for _, m := range photoMarks {
		if !mayHavePhotoMark(m) {
			t.Errorf("photo mark %q holds none of the photoKeys", m)
		}
	}
}
