// Package clustereval measures event clustering: against the ECB+ corpus's
// event labels, and for speed on synthetic article streams.
package clustereval

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsfold/newsfold/cluster"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
)

// Corpus is a labelled collection of articles.
type Corpus struct {
	Articles []news.Article
	Event    []string // gold event of each article
	Topic    []string // topic of each article
}

// LoadECB reads an ECB+ directory: labels.tsv (doc, topic, event, with a
// header line) and docs/<doc>.txt. A document whose first line is a URL
// has it as the URL; a following short line without a final full stop is
// the title. Lines become paragraphs.
func LoadECB(dir string) (*Corpus, error) {
	docs, err := shareddata.ReadECB(dir)
	if err != nil {
		return nil, err
	}
	c := &Corpus{}
	for _, d := range docs {
		c.Articles = append(c.Articles, parseDoc(d.ID, d.Text))
		c.Topic = append(c.Topic, d.Topic)
		c.Event = append(c.Event, d.Event)
	}
	return c, nil
}

func parseDoc(id, raw string) news.Article {
	a := news.Article{ID: id, Input: id}
	var lines []string
	for _, l := range strings.Split(raw, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > 0 && (strings.HasPrefix(lines[0], "http://") || strings.HasPrefix(lines[0], "https://")) {
		a.URL, lines = lines[0], lines[1:]
		if len(lines) > 1 && len(strings.Fields(lines[0])) <= 20 && !strings.HasSuffix(lines[0], ".") {
			a.Title, lines = lines[0], lines[1:]
		}
	}
	a.Text = strings.Join(lines, "\n\n")
	return a
}

// Subset returns the articles whose topic satisfies keep.
func (c *Corpus) Subset(keep func(topic string) bool) *Corpus {
	s := &Corpus{}
	for i, a := range c.Articles {
		if keep(c.Topic[i]) {
			s.Articles = append(s.Articles, a)
			s.Event = append(s.Event, c.Event[i])
			s.Topic = append(s.Topic, c.Topic[i])
		}
	}
	return s
}

// Evaluate clusters c's articles into events and scores them against the
// gold events. It also returns the clustering time.
func Evaluate(c *Corpus, opts cluster.Options) (Scores, time.Duration) {
	start := time.Now()
	events, _ := cluster.Group(c.Articles, nil, opts)
	elapsed := time.Since(start)
	eventOf := map[string]string{}
	for _, e := range events {
		for _, a := range e.Articles {
			eventOf[a] = e.ID
		}
	}
	pred := make([]string, len(c.Articles))
	for i, a := range c.Articles {
		pred[i] = eventOf[a.ID]
	}
	return Score(pred, c.Event), elapsed
}

// Main runs the evaluation command with args (without the program name)
// and returns its exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", shareddata.Dir("ecbplus"), "ECB+ directory (labels.tsv and docs/)")
	scale := fs.Int("scale", 0, "instead of ECB+, time clustering of `N` synthetic articles (and N/10, N/100)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: eval events [-data DIR] [-scale N]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	opts := cluster.DefaultOptions()
	if *scale > 0 {
		fmt.Fprintf(stdout, "%9s %8s %9s %10s %11s %8s %8s\n", "articles", "events", "seconds", "articles/s", "cpu-us/art", "heap MB", "bcubedF")
		for _, n := range []int{*scale / 100, *scale / 10, *scale} {
			if n < 10 {
				continue
			}
			c := Synthetic(n, 1)
			runtime.GC()
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			stop := make(chan struct{})
			peak := measure.PeakHeap(stop)
			cpu := measure.CPUTime()
			s, d := Evaluate(c, opts)
			cpu = measure.CPUTime() - cpu
			close(stop)
			// The peak heap less what was live before: the corpus.
			heap := int64(<-peak) - int64(before.HeapAlloc)
			fmt.Fprintf(stdout, "%9d %8d %9.2f %10.0f %11.1f %8d %8.3f\n", n, countDistinct(c.Event), d.Seconds(), float64(n)/d.Seconds(),
				float64(cpu.Microseconds())/float64(n), heap>>20, s.BCubedF)
		}
		fmt.Fprintf(stdout, "load average %s\n", measure.LoadAverage())
		return 0
	}
	c, err := LoadECB(*data)
	if err != nil {
		fmt.Fprintln(stderr, "eval events:", err)
		return 1
	}
	fmt.Fprintf(stdout, "ECB+ %s: %d documents, %d events\n", *data, len(c.Articles), countDistinct(c.Event))
	fmt.Fprintf(stdout, "%-12s %5s %6s %6s %6s %6s %6s %6s %6s %8s\n", "topics", "docs", "B3-P", "B3-R", "B3-F1", "pairP", "pairR", "pairF1", "ARI", "arts/s")
	for _, part := range []struct {
		name string
		keep func(string) bool
	}{
		{"all", func(string) bool { return true }},
		{"odd (tune)", func(t string) bool { return topicNumber(t)%2 == 1 }},
		{"even (held)", func(t string) bool { return topicNumber(t)%2 == 0 }},
	} {
		sub := c.Subset(part.keep)
		s, d := Evaluate(sub, opts)
		fmt.Fprintf(stdout, "%-12s %5d %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %6.3f %8.0f\n", part.name, len(sub.Articles),
			s.BCubedP, s.BCubedR, s.BCubedF, s.PairP, s.PairR, s.PairF, s.ARI, float64(len(sub.Articles))/d.Seconds())
	}
	return 0
}

func topicNumber(t string) int {
	n, _ := strconv.Atoi(t)
	return n
}

func countDistinct(xs []string) int {
	s := slices.Clone(xs)
	slices.Sort(s)
	return len(slices.Compact(s))
}
