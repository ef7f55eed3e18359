package story

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// tell builds a one-event story of the given articles and tells it.
func tell(arts []*news.Article, rels []news.Relation) *news.Story {
	byID := make(map[string]*news.Article)
	s := &news.Story{ID: "s", Events: []news.Event{{ID: "e"}}}
	for _, a := range arts {
		byID[a.ID] = a
		s.Articles = append(s.Articles, a.ID)
		s.Events[0].Articles = append(s.Events[0].Articles, a.ID)
	}
	Tell(s, byID, rels)
	return s
}

func art(id, date, text string) *news.Article {
	return &news.Article{ID: id, Input: id, Date: date, Text: text, Title: "Title of " + id}
}

func TestDifferenceFound(t *testing.T) {
	s := tell([]*news.Article{
		art("a", "", "The storm killed at least 12 people in the coastal province, officials said on the radio."),
		art("b", "", "Officials said the storm killed 15 people in the coastal province overnight."),
		art("c", "", "The storm killed at least 12 people in the coastal province, officials said on the radio."),
	}, nil)
	want := []news.Difference{{About: "number of people", Claims: []news.Claim{
		{Text: "The storm killed at least 12 people in the coastal province, officials said on the radio.", Articles: []string{"a", "c"}},
		{Text: "Officials said the storm killed 15 people in the coastal province overnight.", Articles: []string{"b"}},
	}}}
	if !reflect.DeepEqual(s.Differences, want) {
		t.Errorf("differences = %+v\nwant %+v", s.Differences, want)
	}
}

func TestDifferenceDuration(t *testing.T) {
	s := tell([]*news.Article{
		art("a", "", "The two leaders shook hands and shared smiles before heading into one-on-one talks that lasted nearly two hours, longer than expected, on an island off the Pacific coast city."),
		art("b", "", "The two leaders greeted each other warmly, shaking hands and sharing smiles, at the start of meetings on an island off Vladivostok that lasted nearly five hours."),
		art("c", "", "Separately, ministers met for three hours to discuss the railway in a building downtown."),
	}, nil)
	if len(s.Differences) != 1 || s.Differences[0].About != "duration (hours)" || len(s.Differences[0].Claims) != 2 {
		t.Fatalf("differences = %+v", s.Differences)
	}
}

func TestNoDifference(t *testing.T) {
	for name, texts := range map[string][2]string{
		"trivial rewording": {
			"The two leaders met for nearly two hours on Thursday in the port city.",
			"The two presidents talked for almost two hours in the port city on Thursday.",
		},
		"same numbers, different things": {
			"Among the issues was the fate of some 10,000 North Korean labourers working in Russia.",
			"One delivery in March saw more than 2,000 tonnes of wheat supplied to the port of Chongjin.",
		},
		"same unit, different subjects": {
			"Police arrested 40 people outside the parliament building on Monday evening.",
			"The government released 200 people from the northern jail on Monday evening.",
		},
		"words only": {
			"Kim said he hoped to turn the relationship into a more stable and sound one.",
			"Kim said he wanted to make the relationship a more stable and sound one.",
		},
		"one article": {
			"The meeting lasted two hours. Later the meeting lasted five hours, he said.",
			"Unrelated text about gardening and the weather in spring gardens.",
		},
	} {
		s := tell([]*news.Article{art("a", "", texts[0]), art("b", "", texts[1])}, nil)
		if len(s.Differences) != 0 {
			t.Errorf("%s: differences = %+v", name, s.Differences)
		}
	}
}

func TestSummaryMergesDuplicates(t *testing.T) {
	body := "Heavy rain flooded the old town of Riverton on Sunday, forcing hundreds of families from their homes.\n\n" +
		"Firefighters used boats to reach residents trapped on the upper floors of flooded buildings.\n\n" +
		"The river rose four metres above its normal level, the highest reading since records began."
	other := "Heavy rain flooded the old town of Riverton on Sunday, forcing hundreds of families from their homes!\n\n" +
		"The mayor said emergency shelters had opened in three schools and the sports hall.\n\n" +
		"Forecasters expect more rain across the region until Wednesday."
	s := tell([]*news.Article{art("a", "2020-05-04", body), art("b", "2020-05-04", body), art("c", "2020-05-05", other)}, nil)
	if len(s.Summary) < 3 {
		t.Fatalf("summary too short: %+v", s.Summary)
	}
	seen := make(map[string]bool)
	lex := newLexicon(0)
	for _, x := range s.Summary {
		ids := lex.contentWords(tokenize(x.Text))
		key := fmt.Sprint(ids)
		if seen[key] {
			t.Errorf("summary repeats %q", x.Text)
		}
		seen[key] = true
	}
	first := s.Summary[0]
	if !strings.HasPrefix(first.Text, "Heavy rain flooded") || strings.Join(first.Articles, ",") != "a,b,c" {
		t.Errorf("first summary sentence = %+v, want the lead citing a, b and c", first)
	}
}

func TestEventDates(t *testing.T) {
	for _, c := range []struct {
		name string
		arts []*news.Article
		want string
	}{
		{"lead weekday", []*news.Article{art("a", "2019-04-26", "Kim and Putin met for the first time on Thursday, in talks aimed at countering US influence.")}, "2019-04-25"},
		{"votes", []*news.Article{
			art("a", "2019-04-26", "The leaders met on Thursday in the port city."),
			art("b", "2019-04-26", "The leaders met yesterday in the port city."),
			art("c", "2019-04-27", "The leaders met on Wednesday, a Kremlin aide said."),
		}, "2019-04-25"},
		{"body dates do not vote", []*news.Article{art("a", "2019-04-24", "Kim has arrived in Russia for a first summit. Crowds gathered at the station. Putin is due to arrive tomorrow.")}, "2019-04-24"},
		{"earliest publication", []*news.Article{art("a", "2019-04-26", "Kim met Putin."), art("b", "2019-04-25", "Putin met Kim.")}, "2019-04-25"},
		{"undated", []*news.Article{art("a", "", "The leaders met yesterday in the port city.")}, ""},
	} {
		s := tell(c.arts, nil)
		if s.Events[0].Date != c.want {
			t.Errorf("%s: event date %q, want %q", c.name, s.Events[0].Date, c.want)
		}
	}
}

func TestEventOrderAndStoryDates(t *testing.T) {
	arts := map[string]*news.Article{
		"a": art("a", "2019-04-26", "The leaders met on Thursday."),
		"b": art("b", "2019-04-24", "Kim arrived in the city by train."),
		"c": art("c", "", "An undated article about the visit."),
	}
	s := &news.Story{Articles: []string{"a", "b", "c"}, Events: []news.Event{
		{ID: "x", Articles: []string{"c"}}, {ID: "y", Articles: []string{"a"}}, {ID: "z", Articles: []string{"b"}},
	}}
	Tell(s, arts, nil)
	var got []string
	for _, e := range s.Events {
		got = append(got, e.ID+"@"+e.Date)
	}
	if g := strings.Join(got, " "); g != "z@2019-04-24 y@2019-04-25 x@" {
		t.Errorf("events %s", g)
	}
	if s.FirstDate != "2019-04-24" || s.LastDate != "2019-04-26" {
		t.Errorf("dates %s..%s", s.FirstDate, s.LastDate)
	}
	if strings.Join(s.FirstReported, ",") != "b" {
		t.Errorf("first reported %v", s.FirstReported)
	}
}

func TestSources(t *testing.T) {
	arts := []*news.Article{
		{ID: "a", Input: "1", Source: "example.com", Agency: "AFP", Text: "x"},
		{ID: "b", Input: "2", Source: "www.Example.com", Text: "x"},
		{ID: "c", Input: "3", Source: "other.org", Agency: "Agence France-Presse", Text: "x"},
		{ID: "d", Input: "4", Source: "", Agency: "Reuters", Text: "x"},
		{ID: "e#1", Input: "5", Text: "x"},
		{ID: "e#2", Input: "5", Text: "x"},
		{ID: "f", Input: "6", Text: "x"},
	}
	rels := []news.Relation{
		{A: "a", B: "b", Kind: news.Duplicate},
		{A: "e#1", B: "f", Kind: news.Version},
		{A: "e#2", B: "d", Kind: news.Reuse}, // shared passages leave sources independent
		{A: "f", B: "zzz", Kind: news.Duplicate},
	}
	s := tell(arts, rels)
	// Families: {a, b, c} (duplicate, then the same agency), {d}, {e#1, f}, {e#2}.
	if s.Families != 4 {
		t.Errorf("families = %d, want 4", s.Families)
	}
	// Outlets: example.com, other.org, and inputs 4, 5, 6.
	if s.Outlets != 5 {
		t.Errorf("outlets = %d, want 5", s.Outlets)
	}
}

func TestTitles(t *testing.T) {
	a := art("a", "", "Flood waters rose in Riverton as rain fell for a third day.")
	b := art("b", "", "Flood waters rose in Riverton as heavy rain fell for a third day.")
	c := art("c", "", "A new bridge opened downtown.")
	a.Title, b.Title, c.Title = "Riverton floods", "Rain floods Riverton", "Bridge opens"
	s := tell([]*news.Article{c, b, a}, nil)
	if s.Title != "Riverton floods" {
		t.Errorf("title %q", s.Title)
	}
	a.Title, b.Title, c.Title = "", "", ""
	s = tell([]*news.Article{a, b, c}, nil)
	if s.Title != "Flood waters rose in Riverton as rain fell for a third day." {
		t.Errorf("untitled story title %q", s.Title)
	}
}

func TestDeterministic(t *testing.T) {
	var prev string
	for i := 0; i < 5; i++ {
		s, arts, rels := sampleStory(t)
		Tell(s, arts, rels)
		got := fmt.Sprintf("%+v", *s)
		if i > 0 && got != prev {
			t.Fatalf("run %d differs", i)
		}
		prev = got
	}
}

func TestQuantities(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"talks that lasted nearly two hours, longer", "duration/hour/7200~"},
		{"the fate of some 10,000 North Korean labourers working", "count/labourer/10000~"},
		{"Russia has provided some $25 million in food aid", "money/dollar/2.5e+07~"},
		{"more than 2,000 tonnes of wheat", "count/tonn/2000~"},
		{"a three-year-old boy and a two-day summit", "age/year-old boy/3 duration/day/172800"},
		{"one-on-one talks in 2019, his 1st, with one with Vietnam", ""},
		{"with 4 minutes 48 seconds left after two hours and 15 minutes", "duration/minut/288 duration/hour/8100"},
		{"prices rose 3.5 per cent and 4% in twenty-five cities", "percent/%/3.5 percent/%/4 count/city/25"},
	} {
		var got []string
		for _, q := range quantities(tokenize(c.in)) {
			s := fmt.Sprintf("%s/%s/%g", q.class, q.unit, q.value)
			if q.approx {
				s += "~"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("quantities(%q) = %q, want %q", c.in, g, c.want)
		}
	}
}

func TestEmptyStory(t *testing.T) {
	s := &news.Story{ID: "s", Articles: []string{"missing"}, Events: []news.Event{{ID: "e", Articles: []string{"missing"}}}}
	Tell(s, map[string]*news.Article{}, nil)
	if s.Title != "" || s.Families != 0 || len(s.Summary) != 0 {
		t.Errorf("empty story got %+v", s)
	}
	Tell(&news.Story{}, nil, nil)
}

func FuzzTell(f *testing.F) {
	f.Add("The talks lasted nearly two hours on Thursday.", "The talks lasted nearly five hours on Thursday.", "2019-04-26")
	f.Add("\xff\n\n. . .", "$ 5 million 5 % per", "")
	f.Add("One.\n\nTwo hours.", "3-day-old 4-hour-long", "2019-13-01")
	f.Add("\u201cWe have had a very good and useful meeting today,\u201d Kim said yesterday.",
		"\"We have had a very bad and useful meeting today,\" Putin said on Friday.", "2019-04-26")
	f.Add("\"\"\" \u201c\u201d\u201d said X \" told", "1, 000 people 1, 2 AK 47 of his 5 points", "")
	f.Fuzz(func(t *testing.T, a, b, date string) {
		arts := []*news.Article{art("a", date, a), art("b", "", b)}
		arts[1].Headings = [][2]int{{0, 3}, {5, 2}}
		s := tell(arts, []news.Relation{{A: "a", B: "b", Kind: news.Duplicate}})
		for _, d := range s.Differences {
			if len(d.Claims) < 2 {
				t.Fatalf("difference with one claim: %+v", d)
			}
		}
		if len(s.Summary) > 6 {
			t.Fatalf("summary of %d sentences", len(s.Summary))
		}
	})
}

func TestDateDifference(t *testing.T) {
	s := tell([]*news.Article{
		art("a", "2019-04-26", "Police said the suspect was arrested yesterday in a raid on a farmhouse near the border."),
		art("b", "2019-04-26", "The suspect was arrested on Wednesday in a raid on a farmhouse near the border, police said."),
	}, nil)
	if len(s.Differences) != 1 || s.Differences[0].About != "date" {
		t.Errorf("differences = %+v, want one about the date", s.Differences)
	}
	// The same wire sentence printed a day later says "yesterday" too.
	s = tell([]*news.Article{
		art("a", "2019-04-26", "Police said the suspect was arrested yesterday in a raid on a farmhouse near the border."),
		art("b", "2019-04-27", "Police said the suspect was arrested yesterday in a raid on a farmhouse near the border."),
	}, nil)
	if len(s.Differences) != 0 {
		t.Errorf("differences = %+v, want none", s.Differences)
	}
}

func TestDifferenceCitesAgreement(t *testing.T) {
	s := tell([]*news.Article{
		art("a", "", "The storm killed at least 12 people in the coastal province, officials said on the radio."),
		art("b", "", "Officials said the storm killed 15 people in the coastal province overnight."),
		art("c", "", "In the coastal province the storm killed 12 people and destroyed hundreds of homes."),
	}, nil)
	if len(s.Differences) != 1 {
		t.Fatalf("differences = %+v", s.Differences)
	}
	var got []string
	for _, c := range s.Differences[0].Claims {
		got = append(got, strings.Join(c.Articles, ","))
	}
	if g := strings.Join(got, " | "); g != "a,c | b" {
		t.Errorf("claims cite %s, want a,c | b", g)
	}
}

// FuzzClip checks clip against clipRef, which decodes every rune.
func FuzzClip(f *testing.F) {
	for _, s := range []string{"Kim Jong Un and Vladimir Putin met in Vladivostok on Thursday", "Ким Чен Ын и Владимир Путин встретились", "a\xffb c d e f g h", "abc"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = max(1, n%200)
		if got, want := clip(s, n), clipRef(s, n); got != want {
			t.Fatalf("clip(%q, %d) = %q, reference %q", s, n, got, want)
		}
	})
}

// clipRef is clip as it was before it counted runes eight bytes at a
// time: the reference of FuzzClip.
func clipRef(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	var r string
	if utf8.ValidString(s) {
		end := 0
		for range n {
			_, size := utf8.DecodeRuneInString(s[end:])
			end += size
		}
		r = s[:end]
	} else {
		r = string([]rune(s)[:n]) // invalid bytes become U+FFFD
	}
	cut := strings.LastIndexByte(r, ' ')
	if cut <= 0 {
		return r + "…"
	}
	return strings.TrimRight(r[:cut], " ,;:") + "…"
}
