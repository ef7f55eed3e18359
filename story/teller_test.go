package story

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// TestTellerMatchesTell checks that a Teller, which indexes relations and
// reuses its lexicons from story to story, tells every story as Tell
// does, whatever stories it told before, and once its lexicons are
// emptied (see lexicon.reset).
func TestTellerMatchesTell(t *testing.T) {
	full, byID, rels := sampleStory(t)
	rels = append(rels, news.Relation{A: "elsewhere", B: "000#1", Kind: news.Duplicate})
	stories := []news.Story{*full}
	for _, id := range full.Articles {
		stories = append(stories, news.Story{ID: "s" + id, Articles: []string{id}, Events: []news.Event{{ID: "e" + id, Articles: []string{id}}}})
	}
	stories = append(stories, news.Story{ID: "pair", Articles: []string{"002", "004"}, Events: []news.Event{
		{ID: "e1", Articles: []string{"002"}}, {ID: "e2", Articles: []string{"004"}},
	}})
	clone := func(s news.Story) *news.Story {
		s.Articles = append([]string(nil), s.Articles...)
		s.Events = append([]news.Event(nil), s.Events...)
		return &s
	}
	want := make([]*news.Story, len(stories))
	for i, s := range stories {
		want[i] = clone(s)
		Tell(want[i], byID, rels)
	}
	teller := NewTeller(byID, rels)
	for round := range 3 {
		for k := range stories {
			i := k
			if round == 1 {
				i = len(stories) - 1 - k
			}
			if round == 2 {
				for _, lex := range teller.lexicons {
					lex.reset()
				}
			}
			got := clone(stories[i])
			teller.Tell(got)
			if !reflect.DeepEqual(got, want[i]) {
				t.Errorf("round %d, story %s: Teller\n%+v\nTell\n%+v", round, stories[i].ID, got, want[i])
			}
		}
	}
}

func TestSqueeze(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\u00a0b", "a\nb", "ab c\u2003", "\xff b",
		"The quick brown fox jumps over the lazy dog", "The quick brown fox  jumps", "The quick brown \x01fox\tjumps ", "eight ch ars ", "12345678 ", "1234567  8"} {
		if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzSqueeze(f *testing.F) {
	for _, s := range []string{"a  b", " x\u00a0y\t", "\xffz \xe2\x80", "It was. Yes! Really? No\u2026 the end of a long sentence  here.", "0123456 89abcde "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
		}
		checkNextStop(t, s)
	})
}

// checkNextStop checks nextStop, which reads eight bytes at a time,
// against a byte by byte scan, from each byte of s.
func checkNextStop(t *testing.T, s string) {
	t.Helper()
	for i := range len(s) + 1 {
		want := i
		for want < len(s) && s[want] != 0xe2 && !strings.ContainsRune(".!?", rune(s[want])) {
			want++
		}
		if got := nextStop(s, i); got != want {
			t.Fatalf("nextStop(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// TestSpaceLeads checks that isSpaceLead knows the first bytes of all
// white space outside ASCII, and ellipsisLead that of the ellipsis.
func TestSpaceLeads(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		c := string(r)[0]
		if !isSpaceLead(c) || spaceLeads(uint64(c)<<24) == 0 {
			t.Errorf("%U begins with %#x, which isSpaceLead does not know", r, c)
		}
	}
	if "\u2026"[0] != ellipsisLead {
		t.Errorf("ellipsisLead is %#x, want %#x", ellipsisLead, "\u2026"[0])
	}
}

func TestNextStop(t *testing.T) {
	for _, s := range []string{"", "abc", "Hello there. How are you? Fine!", "0123456789abcdef.", "the sun’s", "!!!!!!!!!", "........x"} {
		checkNextStop(t, s)
	}
}

// FuzzTeller checks that a Teller tells stories as Tell does when the
// stories it told before share words with them.
func FuzzTeller(f *testing.F) {
	f.Add("The talks lasted nearly two hours on Thursday.", "The talks lasted nearly five hours on Thursday.", "2019-04-26")
	f.Add("\u201cWe have had a very good and useful meeting today,\u201d Kim said yesterday.",
		"\"We have had a very bad and useful meeting today,\" Putin said on Friday.", "2019-04-26")
	f.Add("One.\n\nTwo hours.", "3-day-old 4-hour-long", "2019-13-01")
	f.Fuzz(func(t *testing.T, a, b, date string) {
		byID := map[string]*news.Article{"a": art("a", date, a), "b": art("b", "", b)}
		byID["b"].Headings = [][2]int{{0, 3}, {5, 2}}
		rels := []news.Relation{{A: "a", B: "b", Kind: news.Duplicate}}
		story := func(ids ...string) *news.Story {
			return &news.Story{ID: "s", Articles: ids, Events: []news.Event{{ID: "e", Articles: ids}}}
		}
		teller := NewTeller(byID, rels)
		for _, ids := range [][]string{{"a"}, {"b"}, {"a", "b"}, {"b"}} {
			got, want := story(ids...), story(ids...)
			teller.Tell(got)
			Tell(want, byID, rels)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%v: Teller\n%+v\nTell\n%+v", ids, got, want)
			}
		}
	})
}

// TestRuneClass checks runeClass, which knows the block of general
// punctuation without unicode's tables, against them for every rune
// outside ASCII.
func TestRuneClass(t *testing.T) {
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune+1; r++ {
		want := uint8(asciiPunct)
		switch {
		case unicode.IsSpace(r):
			want = asciiSpace
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			want = asciiWord
		}
		if got := runeClass(r); got != want {
			t.Fatalf("runeClass(%U) = %d, want %d", r, got, want)
		}
	}
}

// TestLower checks lower against strings.ToLower on every pair of runes
// of the first Unicode blocks, and on a few words.
func TestLower(t *testing.T) {
	for a := rune(0); a < 0x500; a++ {
		for _, b := range []rune{'a', 'Z', 0x3ff, 0x400, 0x40f, 0x410, 0x42f, 0x430, 0x45f, 0x460, 0x130} {
			s := string(a) + string(b)
			if got, want := lower(s), strings.ToLower(s); got != want {
				t.Fatalf("lower(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"", "Putin", "ВЛАДИВОСТОК", "Ёлка", "Їжак", "\xd0", "a\xd0", "\xd0\xc0", "\xd1\xa0", "İstanbul"} {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzLower(f *testing.F) {
	for _, s := range []string{"Putin", "ВЛАДИВОСТОК и Пхеньян", "Ёлка\xd0", "straße"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := lower(s), strings.ToLower(s); got != want {
			t.Errorf("lower(%q) = %q, want %q", s, got, want)
		}
	})
}
