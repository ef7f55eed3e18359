package story

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestFindDates(t *testing.T) {
	// 2019-04-26 is a Friday.
	for _, c := range []struct {
		text, pub string
		want      string // "expression=date/unit" joined by "; "
	}{
		{"They met for the first time on Thursday.", "2019-04-26", "Thursday=2019-04-25/day"},
		{"They met on Friday.", "2019-04-26", "Friday=2019-04-26/day"},
		{"They met on Saturday.", "2019-04-26", "Saturday=2019-04-20/day"},
		{"Kim plans to stay in Vladivostok on Friday.", "2019-04-24", "Friday=2019-04-26/day"},
		{"Putin will arrive on Wednesday.", "2019-04-24", "Wednesday=2019-04-24/day"},
		{"The vote is due next Monday.", "2019-04-26", "next Monday=2019-04-29/day"},
		{"He left last Friday.", "2019-04-26", "last Friday=2019-04-19/day"},
		{"They met face-to-face for the first time yesterday.", "2019-04-26", "yesterday=2019-04-25/day"},
		{"It opens today and closes tomorrow.", "2019-04-30", "today=2019-04-30/day; tomorrow=2019-05-01/day"},
		{"He arrived the day before yesterday.", "2019-03-01", "the day before yesterday=2019-02-27/day"},
		{"Three days ago the talks broke down.", "2019-01-02", "Three days ago=2018-12-30/day"},
		{"North Korea last week launched an attack.", "2019-04-26", "last week=2019-04-15/week"},
		{"Talks resume next month.", "2019-12-10", "next month=2020-01-01/month"},
		{"The summit was held on April 25.", "2019-04-26", "April 25=2019-04-25/day"},
		{"The summit was held on Apr. 25, 2018, in Seoul.", "2019-04-26", "Apr. 25, 2018=2018-04-25/day"},
		{"Elections on 25th April 2019 and 3 May.", "2019-04-26", "25th April 2019=2019-04-25/day; 3 May=2019-05-03/day"},
		{"Published on December 30.", "2020-01-02", "December 30=2019-12-30/day"},
		{"Since March 2018, he has met Xi four times.", "2019-04-26", "March 2018=2018-03-01/month"},
		{"Recorded 2019-04-25 in Vladivostok.", "", "2019-04-25=2019-04-25/day"},
		{"It happened on Thursday.", "", ""},
		{"It happened on April 25.", "", ""},
		{"They may 5 times refuse; Sun rises; we wed.", "2019-04-26", ""},
		{"February 30 is not a day.", "2019-04-26", ""},
		{"The last night of the fair was yesterday.", "2019-04-26", "last night=2019-04-25/day; yesterday=2019-04-25/day"},
		{"Leap day: February 29.", "2021-03-01", "February 29=2020-02-29/day"},
		{"On Sunday, Jan. 1", "2023-01-02", "Sunday=2023-01-01/day; Jan. 1=2023-01-01/day"},
	} {
		var got []string
		for _, m := range FindDates(c.text, c.pub) {
			if c.text[m.Start:m.End] != m.Text {
				t.Errorf("%q: offsets %d..%d do not give %q", c.text, m.Start, m.End, m.Text)
			}
			got = append(got, m.Text+"="+m.Date+"/"+m.Unit)
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("FindDates(%q, %q) = %q, want %q", c.text, c.pub, g, c.want)
		}
	}
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{
		"They met on Thursday.", "yesterday", "3 days ago", "April 31, 2019", "25th of May",
		"2019-04-25", "2019-04-2", "last week next month", "Apr. 25, 99999", "this Friday",
		"the day before yesterday", "\xff\xfe on Monday", "May", "31", "ninety-nine weeks ago",
	} {
		f.Add(s, "2019-04-26")
		f.Add(s, "")
	}
	f.Add("on Mon", "0000-01-01")
	f.Add("3 weeks ago", "1800-01-01")
	f.Fuzz(func(t *testing.T, text, pub string) {
		for _, m := range FindDates(text, pub) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %+v", m)
			}
			if _, err := time.Parse(isoDay, m.Date); err != nil {
				t.Fatalf("bad date %+v", m)
			}
			if m.Unit != Day && m.Unit != Week && m.Unit != Month {
				t.Fatalf("bad unit %+v", m)
			}
		}
	})
}

func TestSplitSentences(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"He met Mr. Putin in the U.S. Capital. Then he left.", "He met Mr. Putin in the U.S. Capital.|Then he left."},
		{"It ends nuclear conflicts.But he insisted.", "It ends nuclear conflicts.|But he insisted."},
		{"\u201cWe need to... return to law,\u201d he said. \u201cNo secrets.\u201d Later, Kim left.", "\u201cWe need to... return to law,\u201d he said.|\u201cNo secrets.\u201d|Later, Kim left."},
		{"See sputniknews.com/Business for more. Donald J. Trump agreed.", "See sputniknews.com/Business for more.|Donald J. Trump agreed."},
		{"Is it? Yes! 5 people died.", "Is it?|Yes!|5 people died."},
		{"No stop at the end", "No stop at the end"},
	} {
		if got := strings.Join(splitSentences(c.in), "|"); got != c.want {
			t.Errorf("splitSentences(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"A. B. C.", "U.S. said.The end", "...", "\u2026 x. Y", "a.\"B", "\xff. X"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		var n int
		for _, s := range splitSentences(p) {
			if s == "" || s != strings.TrimSpace(s) {
				t.Fatalf("bad sentence %q", s)
			}
			n += utf8.RuneCountInString(strings.Join(strings.Fields(s), ""))
		}
		if utf8.ValidString(p) && n != utf8.RuneCountInString(strings.Join(strings.Fields(p), "")) {
			t.Fatalf("sentences of %q lose text", p)
		}
		_ = quantities(tokenize(p))
	})
}

func TestWeekdayOf(t *testing.T) {
	for w, want := range weekdays {
		if got, ok := weekdayOf(w); !ok || got != want {
			t.Errorf("weekdayOf(%q) = %v, %v; want %v", w, got, ok, want)
		}
	}
	for _, w := range []string{"", "day", "sunny", "Monday", "wednesdays", "sa"} {
		if _, ok := weekdayOf(w); ok {
			t.Errorf("weekdayOf(%q) found a weekday", w)
		}
	}
}

func TestMaxAbbreviation(t *testing.T) {
	for w := range abbreviations {
		if len(w) > maxAbbreviation {
			t.Errorf("abbreviation %q is longer than maxAbbreviation, %d bytes", w, maxAbbreviation)
		}
	}
}

// TestParseDay checks parseDay, which reads days in digits itself,
// against time.Parse, on every month and day number of years in and out
// of its range, leap years included.
func TestParseDay(t *testing.T) {
	check := func(s string) { checkParseDay(t, s) }
	for _, y := range []int{0, 1799, 1800, 1900, 2000, 2019, 2020, 2100, 2200, 2201, 9999} {
		for m := range 14 {
			for d := range 33 {
				s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				check(s)
				check(s + "T10:00:00Z")
			}
		}
	}
	for _, s := range []string{"", "2019-04-2", "2019-4-25xx", "2019/04/25", "20190425xx", "2019-04-25", "+019-04-25", "2019-0a-25", "2019-04-2\xff"} {
		check(s)
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2019-04-25", "2019-02-29", "2020-02-29T00:00:00Z", "1799-12-31", "2019-4-25xx", "2019-13-01"} {
		f.Add(s)
	}
	f.Fuzz(checkParseDay)
}

// checkParseDay checks parseDay(s) against time.Parse.
func checkParseDay(t *testing.T, s string) {
	want, wantOK := time.Time{}, false
	if len(s) >= 10 {
		if d, err := time.Parse(isoDay, s[:10]); err == nil && d.Year() >= 1800 && d.Year() <= 2200 {
			want, wantOK = d, true
		}
	}
	if got, ok := parseDay(s); got != want || ok != wantOK {
		t.Errorf("parseDay(%q) = %v, %v, want %v, %v", s, got, ok, want, wantOK)
	}
}
