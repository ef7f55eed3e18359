package meta

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"
)

// TestData runs the cases in testdata/: each command applies one parser to
// every input line and prints one result line per input line. Regenerate
// the expected output with -rewrite and review the diff.
func TestData(t *testing.T) {
	datadriven.Walk(t, "testdata", func(t *testing.T, path string) {
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			var out strings.Builder
			for _, line := range strings.Split(d.Input, "\n") {
				fmt.Fprintf(&out, "%s -> %s\n", line, apply(t, d.Cmd, line))
			}
			return out.String()
		})
	})
}

func apply(t *testing.T, cmd, line string) string {
	switch cmd {
	case "prefix":
		d, n := DatePrefix(line)
		return fmt.Sprintf("%q %d", d, n)
	case "normalize-date":
		return fmt.Sprintf("%q", NormalizeDate(line))
	case "find-date":
		d, a, b := FindDate(line)
		return fmt.Sprintf("%q %q", d, line[a:b])
	case "date-line":
		d, ok := DateLine(line)
		return fmt.Sprintf("%q %v", d, ok)
	case "byline":
		n, a, ok := Byline(line)
		return fmt.Sprintf("%q %q %v", n, a, ok)
	case "dateline":
		d, ok := DatelineLine(line)
		return fmt.Sprintf("%q %q %v", d.Place, d.Agency, ok)
	case "lead":
		d, n, ok := LeadDateline(line)
		return fmt.Sprintf("%q %q %d %v", d.Place, d.Agency, n, ok)
	case "agency":
		return fmt.Sprintf("%q", CreditAgency(line))
	case "credit":
		a, ok := Credit(line)
		return fmt.Sprintf("%q %v", a, ok)
	case "title":
		return fmt.Sprint(TitleLike(line))
	case "terminated":
		return fmt.Sprint(Terminated(line))
	case "host":
		return fmt.Sprintf("%q %v", Host(line), URLLine(line))
	}
	t.Fatalf("unknown command %q", cmd)
	return ""
}

// FuzzParsers checks that no parser panics or returns offsets outside its
// input.
func FuzzParsers(f *testing.F) {
	for _, s := range []string{
		" date 2019-04-26 Kim, Putin vow", "VLADIVOSTOK: North Korea", "AFP | Vladivostok, Russia",
		"By Maria Vasilyeva and Vladimir Soldatkin", "December 15th, 2008, 7: 35 am", "© AFP 2019",
		"LONDON, April 25 (Reuters) - Shares", "Photo: X/Pool via REUTERS", "date 2019-13-45T", "By", "\xff\xfe",
		"WASHINGTON —", "2019-02-29", "29 February 2020", "http://", "( (AP", "a-", "‘’“”",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, n := DatePrefix(s); n < 0 || n > len([]rune(s)) || (n > 0) != (d != "") {
			t.Errorf("DatePrefix(%q) = %q, %d", s, d, n)
		}
		if d, a, b := FindDate(s); d != "" && (a < 0 || b > len(s) || a > b) {
			t.Errorf("FindDate(%q) range %d %d", s, a, b)
		}
		if _, n, ok := LeadDateline(s); ok && (n <= 0 || n > len([]rune(s))) {
			t.Errorf("LeadDateline(%q) n %d", s, n)
		}
		DateLine(s)
		Byline(s)
		DatelineLine(s)
		CreditAgency(s)
		Credit(s)
		TitleLike(s)
		Terminated(s)
		CutWord(s)
		NormalizeDate(s)
		Host(s)
	})
}
