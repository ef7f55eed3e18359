package story

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
)

// sampleArticle builds an article from a file of the reference sample the
// crude way, as the cleaner is developed separately: the lines from the
// one after the title line up to (not including) the line stop, each line
// a paragraph, the " date YYYY-MM-DD" prefix dropped, kerning damage left
// in.
func sampleArticle(t *testing.T, file, id, title, stop, date, agency string) *news.Article {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "kim-putin-2019", file))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	start := strings.Index(text, title)
	if start < 0 {
		t.Fatalf("%s: title %q not found", file, title)
	}
	text = text[start+len(title):]
	if stop != "" {
		text = text[:strings.Index(text, stop)]
	}
	var paras []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if len(strings.Fields(line)) < 6 { // headings, labels, credits
			continue
		}
		paras = append(paras, line)
	}
	return &news.Article{
		ID: id, Input: strings.TrimSuffix(file, ".txt"), Title: title, Date: date, Agency: agency,
		Source: strings.TrimSuffix(file, ".txt"),
		Text:   strings.Join(paras, "\n\n"),
	}
}

func sampleStory(t *testing.T) (*news.Story, map[string]*news.Article, []news.Relation) {
	arts := []*news.Article{
		sampleArticle(t, "000_3526b2fb6d637493.txt", "000#1", "Kim, Putin vow closer ties", "Three-year-old boy", "", "AFP"),
		sampleArticle(t, "001_26f50ae8564aade0.txt", "001", "Kim, Putin vow closer ties", "Related Posts", "", ""),
		sampleArticle(t, "002_e3194376fc50fe14.txt", "002", "Kim, Putin vow to seek closer ties", "", "2019-04-26", ""),
		sampleArticle(t, "003_d4672ff891c8bbe5.txt", "003", "Putin, N Korean leader Kim hold 1st talks in Russia", "Kim Jong Un : Putin", "", "Reuters"),
		sampleArticle(t, "004_dcb0ebbd7a129cf0.txt", "004", " date 2019-04-24", "© AFP", "2019-04-24", "AFP"),
	}
	arts[4].Title = ""
	byID := make(map[string]*news.Article)
	for _, a := range arts {
		byID[a.ID] = a
	}
	rels := []news.Relation{
		{A: "000#1", B: "001", Kind: news.Duplicate},
		{A: "001", B: "002", Kind: news.Version},
		{A: "001", B: "004", Kind: news.Reuse},
		{A: "000#2", B: "000#3", Kind: news.Reuse}, // outside the story
	}
	s := &news.Story{
		ID:       "s1",
		Articles: []string{"000#1", "001", "002", "003", "004"},
		Events: []news.Event{
			{ID: "e2", Articles: []string{"000#1", "001", "002", "003"}},
			{ID: "e1", Articles: []string{"004"}},
		},
	}
	return s, byID, rels
}

func TestSample(t *testing.T) {
	s, arts, rels := sampleStory(t)
	Tell(s, arts, rels)

	if s.Events[0].ID != "e1" || s.Events[0].Date != "2019-04-24" {
		t.Errorf("first event = %s on %q, want e1 on 2019-04-24", s.Events[0].ID, s.Events[0].Date)
	}
	if s.Events[1].ID != "e2" || s.Events[1].Date != "2019-04-25" {
		t.Errorf("second event = %s on %q, want e2 (the summit) on 2019-04-25", s.Events[1].ID, s.Events[1].Date)
	}
	if s.FirstDate != "2019-04-24" || s.LastDate != "2019-04-26" {
		t.Errorf("story dates %s..%s, want 2019-04-24..2019-04-26", s.FirstDate, s.LastDate)
	}
	if s.Title != "Kim, Putin vow closer ties" {
		t.Errorf("title %q", s.Title)
	}
	if s.Families != 2 || s.Outlets != 5 {
		t.Errorf("families %d outlets %d, want 2 and 5", s.Families, s.Outlets)
	}
	if strings.Join(s.FirstReported, ",") != "004" {
		t.Errorf("first reported %v, want [004]", s.FirstReported)
	}
	if n := len(s.Summary); n < 3 || n > 6 {
		t.Errorf("summary has %d sentences", n)
	}
	seen := make(map[string]bool)
	for _, x := range s.Summary {
		if seen[x.Text] {
			t.Errorf("summary repeats %q", x.Text)
		}
		seen[x.Text] = true
	}
	var found bool
	for _, d := range s.Differences {
		if len(d.Claims) != 2 {
			continue
		}
		a, b := d.Claims[0], d.Claims[1]
		if strings.Contains(a.Text, "nearly two hours") && strings.Join(a.Articles, ",") == "000#1,001" &&
			strings.Contains(b.Text, "nearly five hours") && strings.Join(b.Articles, ",") == "002" &&
			strings.HasPrefix(d.About, "duration") {
			found = true
		}
	}
	if !found {
		t.Errorf("duration difference not found in %+v", s.Differences)
	}
	if len(s.Differences) > 2 {
		t.Errorf("too many differences: %+v", s.Differences)
	}
	if testing.Verbose() {
		t.Logf("title %q %s..%s families %d outlets %d first %v", s.Title, s.FirstDate, s.LastDate, s.Families, s.Outlets, s.FirstReported)
		for _, e := range s.Events {
			t.Logf("event %s %s %q %v", e.ID, e.Date, e.Title, e.Articles)
		}
		for _, x := range s.Summary {
			t.Logf("summary %v %s", x.Articles, x.Text)
		}
		for _, d := range s.Differences {
			t.Logf("difference %s", d.About)
			for _, c := range d.Claims {
				t.Logf("  %v %s", c.Articles, c.Text)
			}
		}
	}
}
