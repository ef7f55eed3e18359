package cleaneval

import (
	"fmt"
	"hash/fnv"
	"os"
	"syscall"
	"testing"

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/news"
)

func TestZZGolden(t *testing.T) {
	out := os.Getenv("GOLDEN_OUT")
	if out == "" {
		t.Skip()
	}
	texts, err := Load(defaultData())
	if err != nil {
		t.Fatal(err)
	}
	cases := Build(texts, 1)
	docs := make([]news.Document, len(cases))
	for i, c := range cases {
		docs[i] = news.Document{ID: c.ID, Text: c.Text}
	}
	corpus := clean.Learn(docs)
	f, _ := os.Create(out)
	defer f.Close()
	for _, d := range docs {
		for _, a := range corpus.Clean(d) {
			h := fnv.New64a()
			for i := 0; i <= a.Map.Len(); i++ {
				fmt.Fprint(h, a.Map.Raw(i), ",")
			}
			fmt.Fprintf(f, "%s %q %q %q %q %q %q %q %v %x\n%s\n", a.ID, a.Title, a.Date, a.Byline, a.Dateline, a.Agency, a.Language, a.Source, a.Headings, h.Sum64(), a.Text)
			for _, r := range a.Removed {
				fmt.Fprintf(f, "  removed %s %v %q\n", r.Kind, r.Raw, r.Text)
			}
		}
	}
}

func BenchmarkZZLearnSeq(b *testing.B) {
	docs, size := benchDocs(b)
	b.SetBytes(int64(size))
	for b.Loop() {
		c := clean.NewCorpus()
		for _, d := range docs {
			c.Add(d)
		}
	}
}

func TestZZCPU(t *testing.T) {
	if os.Getenv("ZZCPU") == "" {
		t.Skip()
	}
	texts, _ := Load(defaultData())
	var held []Text
	for _, x := range texts {
		if Held(x.ID) {
			held = append(held, x)
		}
	}
	cases := Build(held, 1)
	docs := make([]news.Document, len(cases))
	size := 0
	for i, c := range cases {
		docs[i] = news.Document{ID: c.ID, Text: c.Text}
		size += len(c.Text)
	}
	cpu := func() float64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
	}
	bestL, bestC := 1e9, 1e9
	for range 5 {
		s := cpu()
		c := clean.Learn(docs)
		l := cpu() - s
		s = cpu()
		for _, d := range docs {
			c.Clean(d)
		}
		bestL, bestC = min(bestL, l), min(bestC, cpu()-s)
	}
	fmt.Printf("learn %.1f MB/cpu-s  clean %.1f MB/cpu-s\n", float64(size)/1e6/bestL, float64(size)/1e6/bestC)
}
