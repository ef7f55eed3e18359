// Package report renders a fold's result: JSON Lines for programs (the
// contract in shared/spec/fold-jsonl.md) and a plain-text report for people.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/news"
)

type passageRecord struct {
	A [2]int `json:"a"`
	B [2]int `json:"b"`
	// RawA and RawB are the same passages as rune ranges of the inputs'
	// raw texts.
	RawA [2]int `json:"raw_a"`
	RawB [2]int `json:"raw_b"`
	// Where a passage is not one stretch of its raw input (columns put
	// back in order, a caption cut out of it), its pieces in reading
	// order.
	RawASpans [][2]int `json:"raw_a_spans,omitempty"`
	RawBSpans [][2]int `json:"raw_b_spans,omitempty"`
}

type relationRecord struct {
	Type     string          `json:"type"`
	A        string          `json:"a"`
	B        string          `json:"b"`
	Kind     string          `json:"kind"`
	Score    float64         `json:"score"`
	Passages []passageRecord `json:"passages"`
}

// JSON writes res as JSON Lines: articles, then relations, then stories.
// Records are encoded on all CPUs in chunks and written in order, so the
// output does not depend on the number of CPUs.
func JSON(w io.Writer, res fold.Result) error {
	bw := bufio.NewWriter(w)
	if err := JSONArticles(bw, res.Articles, res.Relations); err != nil {
		return err
	}
	if err := JSONStories(bw, res.Stories); err != nil {
		return err
	}
	return bw.Flush()
}

// JSONArticles writes the first part of JSON's output, the articles and
// then the relations, so that it can be written while the stories are
// still being told (see fold.Options.Ready). JSONStories writes the rest.
func JSONArticles(w io.Writer, articles []news.Article, relations []news.Relation) error {
	byID := make(map[string]*news.Article, len(articles))
	for i := range articles {
		byID[articles[i].ID] = &articles[i]
	}
	nA := len(articles)
	return writeOrdered(w, nA+len(relations), runtime.GOMAXPROCS(0), func(buf *bytes.Buffer, enc *json.Encoder, i int) error {
		if i < nA {
			buf.Write(appendArticle(buf.AvailableBuffer(), &articles[i]))
			return nil
		}
		return enc.Encode(relation(relations[i-nA], byID))
	})
}

// JSONStories writes the story records of JSON's output.
func JSONStories(w io.Writer, stories []news.Story) error {
	return writeOrdered(w, len(stories), runtime.GOMAXPROCS(0), func(buf *bytes.Buffer, _ *json.Encoder, i int) error {
		buf.Write(appendStory(buf.AvailableBuffer(), &stories[i]))
		return nil
	})
}

func relation(r news.Relation, byID map[string]*news.Article) relationRecord {
	rec := relationRecord{Type: "relation", A: r.A, B: r.B, Kind: r.Kind, Score: round(r.Score), Passages: []passageRecord{}}
	for _, p := range r.Passages {
		pr := passageRecord{A: p.A, B: p.B}
		if a := byID[r.A]; a != nil {
			pr.RawA[0], pr.RawA[1] = a.Map.RawRange(p.A[0], p.A[1])
			pr.RawASpans = pieces(a.Map.RawSpans(p.A[0], p.A[1]))
		}
		if b := byID[r.B]; b != nil {
			pr.RawB[0], pr.RawB[1] = b.Map.RawRange(p.B[0], p.B[1])
			pr.RawBSpans = pieces(b.Map.RawSpans(p.B[0], p.B[1]))
		}
		rec.Passages = append(rec.Passages, pr)
	}
	return rec
}

// chunkRecords is how many records a worker encodes at a time: enough to
// make handing chunks over cheap, few enough to keep little in memory.
const chunkRecords = 256

// writeOrdered encodes records 0..n-1 with encode on up to workers
// goroutines, a chunk at a time, and writes the chunks to w in order. At
// most about three chunks per worker are held in memory: two queued for
// writing, one being encoded. The first error, of
// encoding or of writing, stops the work and is returned.
func writeOrdered(w io.Writer, n, workers int, encode func(buf *bytes.Buffer, enc *json.Encoder, i int) error) error {
	type chunk struct {
		lo, hi int
		buf    *bytes.Buffer
		err    error
		done   chan struct{}
	}
	chunks := (n + chunkRecords - 1) / chunkRecords
	workers = max(1, min(workers, chunks))
	if workers == 1 {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		for i := range n {
			if err := encode(&buf, enc, i); err != nil {
				return err
			}
			if buf.Len() >= 64<<10 || i == n-1 {
				if _, err := w.Write(buf.Bytes()); err != nil {
					return err
				}
				buf.Reset()
			}
		}
		return nil
	}
	todo := make(chan *chunk)
	inOrder := make(chan *chunk, 2*workers)
	// Written chunks hand their buffers on, so that after the first few
	// chunks no buffer grows (and is cleared) again.
	spare := make(chan *bytes.Buffer, 3*workers+1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(todo)
		defer close(inOrder)
		for c := range chunks {
			ch := &chunk{lo: c * chunkRecords, hi: min(n, (c+1)*chunkRecords), done: make(chan struct{})}
			select {
			case inOrder <- ch:
			case <-stop:
				return
			}
			select {
			case todo <- ch:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for ch := range todo {
				select {
				case ch.buf = <-spare:
				default:
					ch.buf = new(bytes.Buffer)
				}
				enc := json.NewEncoder(ch.buf)
				for i := ch.lo; i < ch.hi && ch.err == nil; i++ {
					ch.err = encode(ch.buf, enc, i)
				}
				close(ch.done)
			}
		}()
	}
	for ch := range inOrder {
		<-ch.done
		if ch.err != nil {
			return ch.err
		}
		if _, err := w.Write(ch.buf.Bytes()); err != nil {
			return err
		}
		ch.buf.Reset()
		select {
		case spare <- ch.buf:
		default:
		}
	}
	return nil
}

// pieces keeps raw spans only when there are several: one span is
// already said by raw_a or raw_b.
func pieces(spans [][2]int) [][2]int {
	if len(spans) < 2 {
		return nil
	}
	return spans
}

// round keeps scores to three decimals so the output is stable and short.
func round(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}
