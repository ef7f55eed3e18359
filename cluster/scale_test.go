package cluster_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsfold/newsfold/cluster"
	"github.com/newsfold/newsfold/cluster/clustereval"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse/reuseeval"
)

var (
	rewrite     = flag.Bool("rewrite", false, "rewrite testdata/fingerprints.txt with the current output")
	heapProfile = flag.String("heapprofile", "", "BenchmarkState writes a heap profile of the built State to this file")
)

// newsArticles returns n articles of reuseeval's synthetic corpus (real
// news text with copy families), or skips the test or benchmark when the
// shared data is missing.
func newsArticles(tb testing.TB, n int) []news.Article {
	tb.Helper()
	docs, err := reuseeval.SyntheticDocuments(shareddata.Dir(), n, 1, runtime.GOMAXPROCS(0))
	if err != nil {
		tb.Skipf("shared data: %v", err)
	}
	arts := make([]news.Article, len(docs))
	for i, d := range docs {
		arts[i] = news.Article{ID: d.ID, Input: d.ID, Text: d.Text, Date: d.Date}
	}
	return arts
}

// someRelations links every 7th article to the one before as a
// duplicate, every 11th as a version and every 13th as reuse of the
// article 40 before, so that strong and weak links take part.
func someRelations(arts []news.Article) []news.Relation {
	var rels []news.Relation
	for i := range arts {
		switch {
		case i%7 == 6:
			rels = append(rels, news.Relation{A: arts[i-1].ID, B: arts[i].ID, Kind: news.Duplicate})
		case i%11 == 10:
			rels = append(rels, news.Relation{A: arts[i-1].ID, B: arts[i].ID, Kind: news.Version})
		case i%13 == 12 && i >= 40:
			rels = append(rels, news.Relation{A: arts[i-40].ID, B: arts[i].ID, Kind: news.Reuse})
		}
	}
	return rels
}

// fingerprint hashes events and stories.
func fingerprint(events []news.Event, stories []news.Story) string {
	h := sha256.New()
	for _, e := range events {
		fmt.Fprintf(h, "e %s %s\n", e.ID, strings.Join(e.Articles, " "))
	}
	for _, s := range stories {
		fmt.Fprintf(h, "s %s %s %s %s\n", s.ID, s.FirstDate, s.LastDate, strings.Join(s.Articles, " "))
		for _, e := range s.Events {
			fmt.Fprintf(h, " %s\n", e.ID)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// state is what the fingerprints need of a State.
type state interface {
	Add([]news.Article, []news.Relation)
	Result() ([]news.Event, []news.Story)
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
}

// fingerprints clusters synthetic and ECB+ collections in one batch and
// in two through a stored state, and returns a line with the hash of the
// output of each.
func fingerprints(t *testing.T, newState func() state) string {
	syn := clustereval.Synthetic(3000, 7).Articles
	// Some undated articles, which come after the dated ones and may join
	// clusters of any date.
	undated := slices.Clone(syn)
	for i := range undated {
		if i%10 == 3 {
			undated[i].Date = ""
		}
	}
	var ecb []news.Article
	if c, err := clustereval.LoadECB(filepath.Join(shareddata.Dir(), "ecbplus")); err == nil {
		ecb = c.Articles
	}
	var out strings.Builder
	for _, c := range []struct {
		name string
		arts []news.Article
	}{{"synthetic-3000", syn}, {"synthetic-3000-undated", undated}, {"ecbplus", ecb}} {
		if len(c.arts) == 0 {
			continue
		}
		rels := someRelations(c.arts)
		s := newState()
		s.Add(c.arts, rels)
		fmt.Fprintf(&out, "%s %s\n", c.name, fingerprint(s.Result()))
		// Two batches, the first stored and read back.
		half := len(c.arts) * 2 / 3
		s = newState()
		s.Add(c.arts[:half], rels[:len(rels)/2])
		data, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		u := newState()
		if err := u.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
		u.Add(c.arts[half:], rels[len(rels)/2:])
		fmt.Fprintf(&out, "%s-two-batches %s\n", c.name, fingerprint(u.Result()))
	}
	return out.String()
}

// TestFingerprints checks that the output on synthetic and ECB+
// collections has not changed, whatever the number of workers: speed and
// memory work must keep it identical. A deliberate change to the output
// is recorded with go test ./cluster -run Fingerprints -rewrite.
func TestFingerprints(t *testing.T) {
	path := filepath.Join("testdata", "fingerprints.txt")
	got := fingerprints(t, func() state { return cluster.NewState(cluster.DefaultOptions()) })
	for _, workers := range []int{1, 3} {
		opts := cluster.DefaultOptions()
		opts.Workers = workers
		if other := fingerprints(t, func() state { return cluster.NewState(opts) }); other != got {
			t.Errorf("%d workers:\n%swant:\n%s", workers, other, got)
		}
	}
	if *rewrite {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := string(data)
	if !strings.Contains(got, "ecbplus") {
		t.Log("ECB+ not found: checking the synthetic collection only")
		var lines []string
		for _, l := range strings.SplitAfter(want, "\n") {
			if !strings.HasPrefix(l, "ecbplus") {
				lines = append(lines, l)
			}
		}
		want = strings.Join(lines, "")
	}
	if got != want {
		t.Errorf("output changed:\n%swant:\n%s", got, want)
	}
}

var benchArticles = map[int][]news.Article{}
var benchMu sync.Mutex

// BenchmarkState clusters 20,000 and 100,000 articles of the synthetic
// news corpus and reports the heap the State holds once built (live-MB),
// the peak heap while adding the articles and while computing the result
// (add-peak-MB, result-peak-MB: live data and garbage not yet collected)
// and articles per CPU-second:
//
//	go test -run XXX -bench State -benchtime 1x ./cluster/
func BenchmarkState(b *testing.B) {
	for _, n := range []int{20000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			arts := benchCorpus(b, n)
			rels := someRelations(arts)
			var live uint64
			var peaks [2]uint64 // in Add, in Result
			var cpu float64
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				var before runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				stopAdd, stopResult := make(chan struct{}), make(chan struct{})
				peakAdd := measure.PeakHeap(stopAdd)
				cpu0 := measure.CPUTime()
				b.StartTimer()
				s := cluster.NewState(cluster.DefaultOptions())
				s.Add(arts, rels)
				close(stopAdd)
				peakResult := measure.PeakHeap(stopResult)
				s.Result()
				b.StopTimer()
				cpu += (measure.CPUTime() - cpu0).Seconds()
				close(stopResult)
				for i, c := range []<-chan uint64{peakAdd, peakResult} {
					if p := <-c; p > before.HeapAlloc {
						peaks[i] = max(peaks[i], p-before.HeapAlloc)
					}
				}
				// Twice, to empty the pools of scratch arrays too.
				var after runtime.MemStats
				runtime.GC()
				runtime.GC()
				runtime.ReadMemStats(&after)
				live = max(live, after.HeapAlloc-before.HeapAlloc)
				if *heapProfile != "" {
					writeHeapProfile(b, fmt.Sprintf("%s.%d", *heapProfile, n))
				}
				runtime.KeepAlive(s)
				b.StartTimer()
			}
			b.ReportMetric(float64(live)/1e6, "live-MB")
			b.ReportMetric(float64(peaks[0])/1e6, "add-peak-MB")
			b.ReportMetric(float64(peaks[1])/1e6, "result-peak-MB")
			b.ReportMetric(float64(n*b.N)/cpu, "articles/cpu-s")
		})
	}
}

func writeHeapProfile(tb testing.TB, path string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRead reads 20,000 and 100,000 articles of the synthetic news
// corpus into a new State's vocabulary and vectors, the part of
// clustering that runs beside reuse in fold, and reports its CPU-seconds:
//
//	go test -run XXX -bench Read -benchtime 3x ./cluster/
func BenchmarkRead(b *testing.B) {
	for _, n := range []int{20000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			arts := benchCorpus(b, n)
			var cpu float64
			b.ResetTimer()
			for range b.N {
				cpu0 := measure.CPUTime()
				s := cluster.NewState(cluster.DefaultOptions())
				runtime.KeepAlive(s.Read(arts))
				cpu += (measure.CPUTime() - cpu0).Seconds()
			}
			b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
		})
	}
}

// benchCorpus returns the synthetic corpus of n articles, cleaned, kept
// from one benchmark to the next of the same size.
func benchCorpus(b *testing.B, n int) []news.Article {
	benchMu.Lock()
	defer benchMu.Unlock()
	arts := benchArticles[n]
	if arts == nil {
		arts = newsArticles(b, n)
		benchArticles = map[int][]news.Article{n: arts}
	}
	return arts
}
