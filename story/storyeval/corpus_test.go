package storyeval

import (
	"bufio"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/story"
)

var foldOutput = flag.String("fold", "", "`file` of newsfold fold --json output whose stories BenchmarkTellFold tells again")

// foldRecord is the part of a fold --json record that the story view
// reads.
type foldRecord struct {
	Type     string       `json:"type"`
	ID       string       `json:"id"`
	Input    string       `json:"input"`
	Title    string       `json:"title"`
	Date     string       `json:"date"`
	Source   string       `json:"source"`
	Agency   string       `json:"agency"`
	Text     string       `json:"text"`
	A        string       `json:"a"`
	B        string       `json:"b"`
	Kind     string       `json:"kind"`
	Articles []string     `json:"articles"`
	Events   []news.Event `json:"events"`
}

// loadFold reads the articles, relations and stories (events and
// articles only) of a fold --json output.
func loadFold(path string) (map[string]*news.Article, []news.Relation, []news.Story, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	arts := make(map[string]*news.Article)
	var rels []news.Relation
	var stories []news.Story
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<28)
	for sc.Scan() {
		var r foldRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, nil, nil, err
		}
		switch r.Type {
		case "article":
			arts[r.ID] = &news.Article{ID: r.ID, Input: r.Input, Title: r.Title, Date: r.Date, Source: r.Source, Agency: r.Agency, Text: r.Text}
		case "relation":
			rels = append(rels, news.Relation{A: r.A, B: r.B, Kind: r.Kind})
		case "story":
			for i := range r.Events {
				r.Events[i].Date, r.Events[i].Title = "", ""
			}
			stories = append(stories, news.Story{ID: r.ID, Articles: r.Articles, Events: r.Events})
		}
	}
	return arts, rels, stories, sc.Err()
}

// BenchmarkTellFold tells, with one Teller, the stories of the fold
// output named by -fold, as the pipeline does: the story view's cost per
// article on a realistic collection, free of the other stages. With
// -fold.out it writes the stories it told as JSON Lines, to check that a
// faster view tells the same.
func BenchmarkTellFold(b *testing.B) {
	if *foldOutput == "" {
		b.Skip("use -fold FILE")
	}
	arts, rels, stories, err := loadFold(*foldOutput)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, s := range stories {
		n += len(s.Articles)
	}
	var told []news.Story
	cpu0 := measure.CPUTime()
	for b.Loop() {
		teller := story.NewTeller(arts, rels)
		told = make([]news.Story, len(stories))
		for i, s := range stories {
			s.Events = append([]news.Event(nil), s.Events...)
			teller.Tell(&s)
			told[i] = s
		}
	}
	b.ReportMetric(float64((measure.CPUTime()-cpu0).Nanoseconds())/float64(b.N)/float64(n)/1e3, "cpu-µs/article")
	if *foldOut != "" {
		f, err := os.Create(*foldOut)
		if err != nil {
			b.Fatal(err)
		}
		enc := json.NewEncoder(f)
		for _, s := range told {
			if err := enc.Encode(s); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

var foldOut = flag.String("fold.out", "", "`file` to which BenchmarkTellFold writes the stories it told")
