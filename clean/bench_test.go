package clean_test

import (
	"sync"
	"testing"

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/clean/cleaneval"
	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/internal/shareddata"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse/reuseeval"
)

var (
	benchOnce sync.Once
	benchSet  []news.Document
	benchSize int
	benchErr  error
)

// benchDocs returns the damaged cleaning benchmark input (seed 1) as
// documents, and its size in bytes.
func benchDocs(b *testing.B) ([]news.Document, int) {
	benchOnce.Do(func() {
		texts, err := cleaneval.Load(shareddata.Dir())
		if err != nil {
			benchErr = err
			return
		}
		var held []cleaneval.Text
		for _, t := range texts {
			if cleaneval.Held(t.ID) {
				held = append(held, t)
			}
		}
		for _, c := range cleaneval.Build(held, 1) {
			benchSet = append(benchSet, news.Document{ID: c.ID, Text: c.Text, Source: c.Source})
			benchSize += len(c.Text)
		}
	})
	if benchErr != nil {
		b.Skip(benchErr)
	}
	return benchSet, benchSize
}

// BenchmarkClean measures cleaning alone on the damaged benchmark input,
// on one goroutine.
func BenchmarkClean(b *testing.B) {
	docs, size := benchDocs(b)
	corpus := clean.Learn(docs)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	loopCPU(b, size, func() {
		for _, d := range docs {
			corpus.Clean(d)
		}
	})
}

// BenchmarkLearn measures learning the corpus of the damaged benchmark
// input (one goroutine: the input is too small to shard).
func BenchmarkLearn(b *testing.B) {
	docs, size := benchDocs(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	loopCPU(b, size, func() { clean.Learn(docs) })
}

// BenchmarkLearnSynthetic measures learning the corpus of 5,000 articles
// of the synthetic corpus of the scale benchmark, large enough to be
// learnt in shards into sketches larger than a core's cache, as
// newsfold eval scale learns.
func BenchmarkLearnSynthetic(b *testing.B) {
	docs, err := reuseeval.SyntheticDocuments(shareddata.Dir(), 5000, 1, 2)
	if err != nil {
		b.Skip(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	loopCPU(b, size, func() { clean.Learn(docs) })
}

// BenchmarkAdd measures adding the benchmark input to a corpus that
// already exists, without sizing or allocating it.
func BenchmarkAdd(b *testing.B) {
	docs, size := benchDocs(b)
	corpus := clean.Learn(docs)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	loopCPU(b, size, func() {
		for _, d := range docs {
			corpus.Add(d)
		}
	})
}

// loopCPU runs b.Loop with f and reports the CPU time per operation and
// the megabytes of input per CPU second, for a benchmark with SetBytes.
func loopCPU(b *testing.B, size int, f func()) {
	cpu, n := measure.CPUTime(), 0
	for b.Loop() {
		f()
		n++
	}
	per := float64(measure.CPUTime()-cpu) / float64(n)
	b.ReportMetric(per, "cpu-ns/op")
	b.ReportMetric(float64(size)/per*1e3, "MB/cpu-s")
}
