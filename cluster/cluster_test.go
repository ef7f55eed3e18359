package cluster

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
)

// sampleArticles reads the reference sample as the clean stage would give
// it, roughly: 000 is split into its three articles at their headlines, and
// the " date YYYY-MM-DD" prefix of 002 and 004 becomes the date. The first
// line of each article is its title.
func sampleArticles(t *testing.T) []news.Article {
	t.Helper()
	dir := filepath.Join("..", "testdata", "kim-putin-2019")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Skipf("sample not found in %s", dir)
	}
	datePrefix := regexp.MustCompile(`^\s*date (\d{4}-\d{2}-\d{2}) `)
	var out []news.Article
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		text := string(b)
		var date string
		if m := datePrefix.FindStringSubmatch(text); m != nil {
			date, text = m[1], text[len(m[0]):]
		}
		parts := []string{text}
		if strings.HasPrefix(id, "000") {
			parts = splitAt(text, "Three-year-old boy 'abandoned'", "Instagram account reactivated")
		}
		for i, p := range parts {
			p = strings.TrimSpace(p)
			title, body, _ := strings.Cut(p, "\n")
			a := news.Article{ID: id, Input: id, Title: title, Text: strings.TrimSpace(body), Date: date}
			if len(parts) > 1 {
				a.ID = id + "#" + string(rune('1'+i))
			}
			out = append(out, a)
		}
	}
	return out
}

func splitAt(s string, heads ...string) []string {
	var parts []string
	for _, h := range heads {
		i := strings.Index(s, h)
		if i < 0 {
			continue
		}
		parts = append(parts, s[:i])
		s = s[i:]
	}
	return append(parts, s)
}

// sampleRelations are the relations the reuse stage should find.
func sampleRelations(articles []news.Article) []news.Relation {
	id := func(prefix string) string {
		for _, a := range articles {
			if strings.HasPrefix(a.ID, prefix) {
				return a.ID
			}
		}
		return prefix
	}
	return []news.Relation{
		{A: id("000"), B: id("001"), Kind: news.Duplicate},
		{A: id("001"), B: id("002"), Kind: news.Version},
		{A: id("000"), B: id("002"), Kind: news.Version},
		{A: id("004"), B: id("000"), Kind: news.Reuse},
		{A: id("004"), B: id("001"), Kind: news.Reuse},
		{A: id("004"), B: id("002"), Kind: news.Reuse},
	}
}

// eventAndStory returns the event and story ids of every article.
func eventAndStory(events []news.Event, stories []news.Story) (map[string]string, map[string]string) {
	ev, st := map[string]string{}, map[string]string{}
	for _, e := range events {
		for _, a := range e.Articles {
			ev[a] = e.ID
		}
	}
	for _, s := range stories {
		for _, a := range s.Articles {
			st[a] = s.ID
		}
	}
	return ev, st
}

func TestSample(t *testing.T) {
	for _, withRelations := range []bool{true, false} {
		articles := sampleArticles(t)
		var rels []news.Relation
		if withRelations {
			rels = sampleRelations(articles)
		}
		events, stories := Group(articles, rels, DefaultOptions())
		ev, st := eventAndStory(events, stories)
		summit := []string{"000_3526b2fb6d637493#1", "001_26f50ae8564aade0", "002_e3194376fc50fe14", "003_d4672ff891c8bbe5"}
		if !withRelations {
			// Without relations, on raw text (001's kerning damage
			// uncleaned), the undated 003 is as close to 004 as to the
			// summit reports; only the summit wire copies are required.
			summit = summit[:3]
		}
		arrival := "004_dcb0ebbd7a129cf0"
		for _, a := range summit[1:] {
			if ev[a] != ev[summit[0]] {
				t.Errorf("relations %v: %s in event %s, want %s with %s", withRelations, a, ev[a], ev[summit[0]], summit[0])
			}
		}
		if ev[arrival] == ev[summit[0]] {
			t.Errorf("relations %v: arrival in the summit event %s", withRelations, ev[arrival])
		}
		if withRelations && st[arrival] != st[summit[0]] {
			t.Errorf("relations %v: arrival in story %s, summit in %s", withRelations, st[arrival], st[summit[0]])
		}
		for _, a := range []string{"000_3526b2fb6d637493#2", "000_3526b2fb6d637493#3"} {
			for _, b := range articles {
				if b.ID != a && st[b.ID] == st[a] {
					t.Errorf("relations %v: %s shares story %s with %s", withRelations, a, st[a], b.ID)
				}
			}
		}
		checkPartition(t, articles, events, stories)
	}
}

// checkPartition checks that every article is in exactly one event and one
// story, that each story's events partition its articles, and the ids.
func checkPartition(t *testing.T, articles []news.Article, events []news.Event, stories []news.Story) {
	t.Helper()
	seen := map[string]int{}
	for i, e := range events {
		if want := "e" + strconv.Itoa(i+1); e.ID != want {
			t.Errorf("event %d id %s, want %s", i, e.ID, want)
		}
		if !slices.IsSorted(e.Articles) {
			t.Errorf("event %s articles not sorted", e.ID)
		}
		for _, a := range e.Articles {
			seen[a]++
		}
	}
	inStory := map[string]int{}
	for i, s := range stories {
		if want := "s" + strconv.Itoa(i+1); s.ID != want {
			t.Errorf("story %d id %s, want %s", i, s.ID, want)
		}
		var fromEvents []string
		for _, e := range s.Events {
			fromEvents = append(fromEvents, e.Articles...)
		}
		slices.Sort(fromEvents)
		if !slices.Equal(fromEvents, s.Articles) {
			t.Errorf("story %s: events hold %v, story %v", s.ID, fromEvents, s.Articles)
		}
		for _, a := range s.Articles {
			inStory[a]++
		}
	}
	for _, a := range articles {
		if seen[a.ID] != 1 || inStory[a.ID] != 1 {
			t.Errorf("article %s in %d events and %d stories", a.ID, seen[a.ID], inStory[a.ID])
		}
	}
}

func TestDeterministic(t *testing.T) {
	articles := sampleArticles(t)
	rels := sampleRelations(articles)
	wantE, wantS := Group(articles, rels, DefaultOptions())
	for _, perm := range [][]int{{6, 5, 4, 3, 2, 1, 0}, {3, 0, 6, 1, 5, 2, 4}} {
		shuffled := make([]news.Article, len(articles))
		for i, j := range perm {
			shuffled[i] = articles[j]
		}
		rs := slices.Clone(rels)
		slices.Reverse(rs)
		gotE, gotS := Group(shuffled, rs, DefaultOptions())
		if !reflect.DeepEqual(gotE, wantE) || !reflect.DeepEqual(gotS, wantS) {
			t.Errorf("order %v: events %v stories %v, want %v %v", perm, gotE, gotS, wantE, wantS)
		}
	}
}

func TestGroupEdgeCases(t *testing.T) {
	if e, s := Group(nil, nil, DefaultOptions()); e != nil || s != nil {
		t.Errorf("no articles: %v %v", e, s)
	}
	articles := []news.Article{
		{ID: "a"}, {ID: "b", Text: "Hello."}, {ID: "a", Date: "2019-13-45"},
		{ID: "c", Date: "2019-04-24T10:00:00Z", Title: "Quake hits Iran", Text: "A quake hit Qeshm island in Iran."},
		{ID: "d", Date: "2019-04-25", Title: "Quake hits Iran", Text: "A quake hit Qeshm island in Iran on Sunday."},
	}
	rels := []news.Relation{{A: "a", B: "zz", Kind: news.Duplicate}, {A: "b", B: "b", Kind: news.Reuse}}
	events, stories := Group(articles, rels, Options{})
	var n int
	for _, e := range events {
		n += len(e.Articles)
	}
	if n != len(articles) || len(stories) == 0 {
		t.Errorf("zero options: %d articles in events, %d stories", n, len(stories))
	}
	events, stories = Group(articles[3:], nil, DefaultOptions())
	if len(events) != 1 || stories[0].FirstDate != "2019-04-24" || stories[0].LastDate != "2019-04-25" {
		t.Errorf("two reports of one quake: %+v %+v", events, stories)
	}
}

func FuzzGroup(f *testing.F) {
	f.Add("Kim meets Putin|Kim Jong Un met Vladimir Putin.|2019-04-25||Quake in Iran|A quake hit Iran.|2019-04-24", uint8(3))
	f.Add("a|b|c", uint8(0))
	f.Add("||||||", uint8(255))
	f.Fuzz(func(t *testing.T, s string, rel uint8) {
		fields := strings.Split(s, "|")
		var articles []news.Article
		for i := 0; i+2 < len(fields) && len(articles) < 20; i += 3 {
			articles = append(articles, news.Article{ID: strconv.Itoa(len(articles) % 7), Title: fields[i], Text: fields[i+1], Date: fields[i+2]})
		}
		var rels []news.Relation
		kinds := []string{news.Duplicate, news.Version, news.Reuse, "other"}
		for i := range int(rel % 8) {
			rels = append(rels, news.Relation{A: strconv.Itoa(i % 5), B: strconv.Itoa(int(rel) % 6), Kind: kinds[i%4]})
		}
		events, stories := Group(articles, rels, DefaultOptions())
		var inEvents, inStories int
		for _, e := range events {
			inEvents += len(e.Articles)
		}
		for _, st := range stories {
			inStories += len(st.Articles)
		}
		if inEvents != len(articles) || inStories != len(articles) {
			t.Fatalf("%d articles, %d in events, %d in stories", len(articles), inEvents, inStories)
		}
	})
}
