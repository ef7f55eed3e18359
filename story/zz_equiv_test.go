package story_test

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/story"
	"github.com/newsfold/newsfold/story/zzorig"
)

var (
	capture   = flag.String("capture", "", "")
	equivIn   = flag.String("equivin", "", "")
	equivOut  = flag.String("equivout", "", "")
	orig      = flag.Bool("orig", false, "")
	size      = flag.Int("size", 1, "")
	useTeller = flag.Bool("teller", false, "")
)

type tellInput struct {
	Articles  []news.Article
	Relations []news.Relation
	Stories   []news.Story
}

func TestZZEquiv(t *testing.T) {
	if *equivIn == "" {
		t.Skip()
	}
	f, err := os.Open(*equivIn)
	if err != nil {
		t.Fatal(err)
	}
	zr, _ := gzip.NewReader(f)
	var in tellInput
	if err := json.NewDecoder(zr).Decode(&in); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*news.Article{}
	for i := range in.Articles {
		byID[in.Articles[i].ID] = &in.Articles[i]
	}
	te := story.NewTeller(byID, in.Relations)
	runtime.LockOSThread()
	var r0, r1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	t0 := time.Now()
	bucket := map[int]time.Duration{}
	nb := map[int]int{}
	defer func() { t.Log(bucket, nb) }()
	for i := range in.Stories {
		var ru syscall.Rusage
		syscall.Getrusage(1, &ru)
		st := ru.Utime.Nano() + ru.Stime.Nano()
		if *orig {
			zzorig.Tell(&in.Stories[i], byID, in.Relations)
		} else if *useTeller {
			te.Tell(&in.Stories[i])
		} else {
			story.Tell(&in.Stories[i], byID, in.Relations)
		}
		n := min(len(in.Stories[i].Articles), 10)
		syscall.Getrusage(1, &ru)
		bucket[n] += time.Duration(ru.Utime.Nano() + ru.Stime.Nano() - st)
		if d := time.Duration(ru.Utime.Nano() + ru.Stime.Nano() - st); d > 50*time.Millisecond {
			t.Log(in.Stories[i].ID, len(in.Stories[i].Articles), d)
		}
		nb[n] += n
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	cpu := time.Duration(r1.Utime.Nano() - r0.Utime.Nano() + r1.Stime.Nano() - r0.Stime.Nano())
	t.Logf("%d stories, %d articles: cpu %v wall %v, %.1f µs cpu/article", len(in.Stories), len(in.Articles), cpu, time.Since(t0), float64(cpu.Microseconds())/float64(len(in.Articles)))
	o, _ := os.Create(*equivOut)
	enc := json.NewEncoder(o)
	for _, s := range in.Stories {
		enc.Encode(s)
	}
	o.Close()
}

func BenchmarkZZSize(b *testing.B) {
	f, err := os.Open("/tmp/tellin.json.gz")
	if err != nil {
		b.Fatal(err)
	}
	zr, _ := gzip.NewReader(f)
	var in tellInput
	if err := json.NewDecoder(zr).Decode(&in); err != nil {
		b.Fatal(err)
	}
	byID := map[string]*news.Article{}
	for i := range in.Articles {
		byID[in.Articles[i].ID] = &in.Articles[i]
	}
	var sel []news.Story
	n := 0
	for _, s := range in.Stories {
		if len(s.Articles) == *size || *size == 3 && len(s.Articles) >= 3 {
			sel = append(sel, s)
			n += len(s.Articles)
		}
	}
	te := story.NewTeller(byID, in.Relations)
	b.ResetTimer()
	for b.Loop() {
		for i := range sel {
			s := sel[i]
			s.Events = append([]news.Event(nil), s.Events...)
			te.Tell(&s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/article")
}
