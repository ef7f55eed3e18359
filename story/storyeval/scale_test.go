package storyeval

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/cluster"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse"
	"github.com/newsfold/newsfold/reuse/reuseeval"
	"github.com/newsfold/newsfold/story"
)

var (
	scaleN       = flag.Int("scale.n", 20000, "corpus size, in articles, of BenchmarkTellScale")
	scaleOut     = flag.String("scale.out", "", "`file` to which BenchmarkTellScale writes the stories it told, as JSON Lines")
	scaleWorkers = flag.Int("scale.workers", 1, "`number` of goroutines among which BenchmarkTellScale shares its Teller, as fold.Run does")
)

// scaleInput is what the story stage of the pipeline is given on the
// synthetic corpus of "newsfold eval scale": the clean articles, the
// relations, and the stories as clustering makes them.
type scaleInput struct {
	Articles  []scaleArticle
	Relations []news.Relation
	Stories   []news.Story
}

// scaleArticle is a news.Article without what the story view does not
// read: the map back to the raw text, the raw text and what cleaning
// removed.
type scaleArticle struct {
	ID, Input, Title, Date, Source, URL, Byline, Dateline, Agency, Language, Text string
	Headings                                                                      [][2]int
}

// loadScale returns the story stage's input on the synthetic corpus of n
// articles, running clean, reuse and cluster as fold.Run does. The input
// is kept in the temporary directory, as making it costs several times
// more than telling its stories.
func loadScale(tb testing.TB, n int) *scaleInput {
	path := filepath.Join(os.TempDir(), fmt.Sprintf("newsfold-story-scale-%d.gob", n))
	in := new(scaleInput)
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		if err := gob.NewDecoder(f).Decode(in); err == nil {
			return in
		}
		in = new(scaleInput)
	}
	docs, err := reuseeval.SyntheticDocuments(shareddata.Dir(), n, 1, runtime.GOMAXPROCS(0))
	if err != nil {
		tb.Skip(err)
	}
	corpus := clean.Learn(docs)
	var arts []news.Article
	for _, d := range docs {
		arts = append(arts, corpus.Clean(d)...)
	}
	in.Relations, _ = reuse.Find(arts, reuse.DefaultOptions())
	_, in.Stories = cluster.Group(arts, in.Relations, cluster.DefaultOptions())
	for _, a := range arts {
		in.Articles = append(in.Articles, scaleArticle{a.ID, a.Input, a.Title, a.Date, a.Source, a.URL, a.Byline, a.Dateline, a.Agency, a.Language, a.Text, a.Headings})
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := gob.NewEncoder(f).Encode(in); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return in
}

// BenchmarkTellScale tells, with one Teller shared by -scale.workers
// goroutines, the stories of the synthetic corpus of -scale.n articles, as
// the pipeline does: the story stage of "newsfold eval scale" alone. With -scale.out it writes
// the stories it told, and prints their SHA-256, to check that a faster
// view tells the same.
func BenchmarkTellScale(b *testing.B) {
	in := loadScale(b, *scaleN)
	byID := make(map[string]*news.Article, len(in.Articles))
	for _, a := range in.Articles {
		byID[a.ID] = &news.Article{ID: a.ID, Input: a.Input, Title: a.Title, Date: a.Date, Source: a.Source, URL: a.URL,
			Byline: a.Byline, Dateline: a.Dateline, Agency: a.Agency, Language: a.Language, Text: a.Text, Headings: a.Headings}
	}
	var told []news.Story
	runtime.GC()
	cpu0 := measure.CPUTime()
	for b.Loop() {
		teller := story.NewTeller(byID, in.Relations)
		told = make([]news.Story, len(in.Stories))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range max(1, *scaleWorkers) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(in.Stories); i = int(next.Add(1) - 1) {
					s := in.Stories[i]
					s.Events = append([]news.Event(nil), s.Events...)
					teller.Tell(&s)
					told[i] = s
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64((measure.CPUTime()-cpu0).Nanoseconds())/float64(b.N)/float64(len(in.Articles))/1e3, "cpu-µs/article")
	if *scaleOut == "" {
		return
	}
	f, err := os.Create(*scaleOut)
	if err != nil {
		b.Fatal(err)
	}
	h := sha256.New()
	enc := json.NewEncoder(f)
	henc := json.NewEncoder(h)
	for _, s := range told {
		if err := enc.Encode(s); err != nil {
			b.Fatal(err)
		}
		henc.Encode(s)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d stories, sha256 %x", len(told), h.Sum(nil))
}
