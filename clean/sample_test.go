package clean

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

var dump = flag.Bool("dump", false, "print the cleaned sample articles")

// loadSample reads the reference sample bundled with the project.
func loadSample(t testing.TB) []news.Document {
	files, err := filepath.Glob("../testdata/kim-putin-2019/*.txt")
	if err != nil || len(files) != 5 {
		t.Fatalf("sample: %v, %d files", err, len(files))
	}
	sort.Strings(files)
	var docs []news.Document
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, news.Document{ID: strings.TrimSuffix(filepath.Base(f), ".txt"), Text: string(b)})
	}
	return docs
}

func cleanSample(t testing.TB) map[string][]news.Article {
	docs := loadSample(t)
	c := Learn(docs)
	out := map[string][]news.Article{}
	for _, d := range docs {
		arts := c.Clean(d)
		out[d.ID[:3]] = arts
		if *dump {
			for _, a := range arts {
				fmt.Printf("=== %s title=%q date=%q byline=%q dateline=%q agency=%q lang=%q src=%q\n%s\n", a.ID, a.Title, a.Date, a.Byline, a.Dateline, a.Agency, a.Language, a.Source, a.Text)
				for _, r := range a.Removed {
					fmt.Printf("  - %s %v %q\n", r.Kind, r.Raw, r.Text)
				}
			}
		}
	}
	return out
}

// TestSample checks what a reader expects of the five reference files.
func TestSample(t *testing.T) {
	arts := cleanSample(t)
	a0 := arts["000"]
	if len(a0) != 3 {
		t.Fatalf("000: %d articles, want 3", len(a0))
	}
	for i, want := range []string{"Kim, Putin vow closer ties", "Three-year-old boy 'abandoned' at US-Mexico border", "Instagram account reactivated, says Syria presidency"} {
		if a0[i].Title != want {
			t.Errorf("000#%d title %q, want %q", i+1, a0[i].Title, want)
		}
		if a0[i].ID != fmt.Sprintf("000_3526b2fb6d637493#%d", i+1) {
			t.Errorf("id %q", a0[i].ID)
		}
	}
	summit := a0[0].Text
	mustContain(t, "000#1", summit,
		"Labour is one of North Korea's key exports and sources of cash.",
		"repeated invitations from Putin after Kim embarked",
		"three with South Korea's Moon Jae-in, two with Trump",
		"what Pyongyang was prepared to give up",
		"Russia has provided some $25 million",
		"North Korean labourers\n\nAmong the issues")
	mustNotContain(t, "000#1", summit, "KIM JONG UN", "●", "greet members of the delegations", "AFP |", `\$`)
	inOrder(t, "000#1", summit, "met face-to-face", "North Korean labourers", "Labour is one of", "Kim, whose government",
		"repeated invitations", "Since March 2018", "At the meeting with Trump", "Pompeo said on Wednesday")
	if n := strings.Count(summit, "We have just had a very meaningful exchange"); n != 1 {
		t.Errorf("000#1: pull quote sentence appears %d times, want 1", n)
	}
	if a0[0].Dateline != "Vladivostok, Russia" || a0[0].Agency != "AFP" {
		t.Errorf("000#1 dateline %q agency %q", a0[0].Dateline, a0[0].Agency)
	}
	if a0[1].Dateline != "Washington, United States" || a0[2].Dateline != "Damascus, Syria" {
		t.Errorf("000 datelines %q %q", a0[1].Dateline, a0[2].Dateline)
	}
	mustContain(t, "000#2", a0[1].Text, "where he was found to be in good condition", "turned over to the custody")
	mustNotContain(t, "000#2", a0[1].Text, "Guatemalan boy plays soccer")
	mustContain(t, "000#3", a0[2].Text, "blocked the presidency's channel several times")
	mustNotContain(t, "000#3", a0[2].Text, "Three-year-old", "Kim")
	if len(a0[0].Headings) != 2 {
		t.Errorf("000#1 headings %v, want 2", a0[0].Headings)
	}

	a1 := one(t, arts, "001")
	mustContain(t, "001", a1.Text, "North Korea last week launched", "Russia’s Vladimir Putin")
	mustNotContain(t, "001", a1.Text, "Related Posts", "No r t h")
	if a1.Title != "Kim, Putin vow closer ties" {
		t.Errorf("001 title %q", a1.Title)
	}

	a2 := one(t, arts, "002")
	if a2.Date != "2019-04-26" || a2.Title != "Kim, Putin vow to seek closer ties" || a2.Dateline != "Vladivostok" {
		t.Errorf("002 date %q title %q dateline %q", a2.Date, a2.Title, a2.Dateline)
	}
	mustContain(t, "002", a2.Text, "nuclear conflicts. But he insisted", "Putin said. The summit")
	mustNotContain(t, "002", a2.Text, "VLADIVOSTOK:", "date 2019")

	a3 := one(t, arts, "003")
	if a3.Byline != "Maria Vasilyeva and Vladimir Soldatkin" || a3.Dateline != "Vladivostok, Russia" || a3.Agency != "Reuters" {
		t.Errorf("003 byline %q dateline %q agency %q", a3.Byline, a3.Dateline, a3.Agency)
	}
	if a3.Title != "Putin, N Korean leader Kim hold 1st talks in Russia" {
		t.Errorf("003 title %q", a3.Title)
	}
	mustNotContain(t, "003", a3.Text, "sheeple", "Gazprom", "0 ( +0", "golf courses", "Photo:", "\nworld")
	if !strings.HasPrefix(a3.Text, "North Korean leader Kim Jong Un met") || !strings.HasSuffix(a3.Text, "where the talks were taking place.") {
		t.Errorf("003 text ends: %q ... %q", a3.Text[:40], a3.Text[len(a3.Text)-40:])
	}
	kinds := map[string]bool{}
	for _, r := range a3.Removed {
		kinds[r.Kind] = true
	}
	for _, k := range []string{news.KindCaption, news.KindSection, news.KindByline, news.KindDateline, news.KindComments} {
		if !kinds[k] {
			t.Errorf("003: nothing removed as %s", k)
		}
	}

	a4 := one(t, arts, "004")
	if a4.Date != "2019-04-24" || a4.Title != "" || a4.Agency != "AFP" {
		t.Errorf("004 date %q title %q agency %q", a4.Date, a4.Title, a4.Agency)
	}
	mustContain(t, "004", a4.Text, "NORTH KOREAN LEADER Kim Jong Un has arrived")
	mustNotContain(t, "004", a4.Text, "© AFP")

	for _, as := range arts {
		for _, a := range as {
			checkMap(t, a)
		}
	}
}

// checkMap checks that every cleaned letter maps to the same letter of the
// raw text (up to repairs that change characters) and that removed pieces
// point at their text.
func checkMap(t *testing.T, a news.Article) {
	t.Helper()
	raw := []rune(a.RawText)
	text := []rune(a.Text)
	if a.Map.Len() != len(text) {
		t.Errorf("%s: map covers %d runes, text has %d", a.ID, a.Map.Len(), len(text))
		return
	}
	same := 0
	for i, r := range text {
		j := a.Map.Raw(i)
		if j < 0 || j >= len(raw) {
			t.Errorf("%s: rune %d maps to %d outside the raw text", a.ID, i, j)
			return
		}
		if raw[j] == r {
			same++
		}
	}
	if same*100 < len(text)*95 {
		t.Errorf("%s: only %d of %d runes map to the same raw rune", a.ID, same, len(text))
	}
	for _, r := range a.Removed {
		if got := textmap.Slice(a.RawText, r.Raw[0], r.Raw[1]); squash(got) != squash(r.Text) {
			t.Errorf("%s: removed %s %v is %q in raw, text says %q", a.ID, r.Kind, r.Raw, got, r.Text)
		}
	}
}

func one(t *testing.T, arts map[string][]news.Article, id string) news.Article {
	t.Helper()
	if len(arts[id]) != 1 {
		t.Fatalf("%s: %d articles, want 1", id, len(arts[id]))
	}
	return arts[id][0]
}

func mustContain(t *testing.T, id, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(text, s) {
			t.Errorf("%s: text lacks %q", id, s)
		}
	}
}

func mustNotContain(t *testing.T, id, text string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if strings.Contains(text, s) {
			t.Errorf("%s: text still has %q", id, s)
		}
	}
}

func inOrder(t *testing.T, id, text string, subs ...string) {
	t.Helper()
	last := -1
	for _, s := range subs {
		k := strings.Index(text, s)
		if k < 0 {
			t.Errorf("%s: lacks %q", id, s)
			continue
		}
		if k < last {
			t.Errorf("%s: %q comes too early", id, s)
		}
		last = k
	}
}

// BenchmarkClean measures cleaning alone on the reference sample.
func BenchmarkClean(b *testing.B) {
	docs := loadSample(b)
	c := Learn(docs)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, d := range docs {
			c.Clean(d)
		}
	}
}
