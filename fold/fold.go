// Package fold wires newsfold's stages into one pipeline: documents in;
// clean articles, text-reuse relations, events and stories out.
//
// Each stage lives in its own package and is a pure function over the types
// in package news; fold only orders them, runs per-document work on several
// goroutines and puts the results back in input order, so the output is the
// same whatever the number of workers.
package fold

import (
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/newsfold/newsfold/clean"
	"github.com/newsfold/newsfold/cluster"
	"github.com/newsfold/newsfold/internal/par"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse"
	"github.com/newsfold/newsfold/story"
)

// Options controls a fold.
type Options struct {
	// Workers is the number of goroutines for per-document work; 0 means
	// one per CPU.
	Workers int
	// Progress, when set, is called as each stage advances: stage name,
	// items done, items in all.
	Progress func(stage string, done, total int)
	// Ready, when set, is called with the articles and relations of the
	// Result as soon as they are final, every article having its event
	// and story, and before the stories are told: writing them out can
	// then go on beside the story stage, which never changes them. The
	// slices must not be changed.
	Ready func(articles []news.Article, relations []news.Relation)
}

// Result is everything a fold finds.
type Result struct {
	Articles  []news.Article // in input order, then reading order
	Relations []news.Relation
	Stories   []news.Story // most-covered first
	Events    []news.Event
	// ReuseStats says what the reuse stage's filters kept and dropped.
	ReuseStats reuse.Stats
}

// Run folds docs. docs must be in a deterministic order (ingest gives
// sorted paths); the result depends only on docs, never on Workers.
func Run(docs []news.Document, opts Options) Result {
	return run(docs, func() *clean.Corpus { return clean.Learn(docs) }, opts)
}

// A Stream folds documents handed to it one at a time, as they are read:
// it learns the corpus model from them while the rest are still being
// read (see clean.Learner). Fold gives what Run gives for the documents
// in the order they were added.
type Stream struct {
	opts Options
	// The documents are kept in blocks of docBlock, put together once, by
	// Fold: a slice grown one document at a time would be copied into,
	// and clear, twice its final size of fresh memory on the way.
	blocks  [][]news.Document
	n       int
	learner *clean.Learner
}

// docBlock is the number of documents a Stream keeps in one block.
const docBlock = 4096

// NewStream returns a Stream that folds with opts.
func NewStream(opts Options) *Stream {
	return &Stream{opts: opts, learner: clean.NewLearner()}
}

// Add adds d to the documents to fold.
func (s *Stream) Add(d news.Document) {
	if s.n%docBlock == 0 {
		s.blocks = append(s.blocks, make([]news.Document, 0, docBlock))
	}
	last := &s.blocks[len(s.blocks)-1]
	*last = append(*last, d)
	s.n++
	s.learner.Add(d)
}

// Len returns the number of documents added.
func (s *Stream) Len() int { return s.n }

// Fold folds the documents added. The Stream is spent.
func (s *Stream) Fold() Result {
	docs := make([]news.Document, 0, s.n)
	for _, b := range s.blocks {
		docs = append(docs, b...)
	}
	s.blocks = nil
	return run(docs, s.learner.Corpus, s.opts)
}

// run folds docs with the corpus model that learn returns.
func run(docs []news.Document, learn func() *clean.Corpus, opts Options) Result {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	progress := opts.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}

	var res Result
	res.Articles = cleanAll(docs, learn, workers, progress)
	// Each stage leaves its working memory (the corpus model, the reuse
	// index, the clustering vectors) as garbage that the collector would
	// otherwise count as live until the next stage has doubled it:
	// collecting between stages keeps the peak near what one stage needs.
	runtime.GC()

	// Clustering reads the articles while reuse finds the relations that
	// clustering needs only after that: both stages have stretches that
	// keep one core busy, which the other's work fills.
	progress("reuse", 0, 1)
	state := cluster.NewState(cluster.DefaultOptions())
	read := make(chan *cluster.Reading, 1)
	go func() { read <- state.Read(res.Articles) }()
	ropts := reuse.DefaultOptions()
	ropts.Workers = workers
	res.Relations, res.ReuseStats = reuse.Find(res.Articles, ropts)
	progress("reuse", 1, 1)

	progress("cluster", 0, 1)
	state.Place(<-read, res.Relations)
	runtime.GC()
	events, stories := state.Result()
	progress("cluster", 1, 1)
	runtime.GC()

	byID := make(map[string]*news.Article, len(res.Articles))
	for i := range res.Articles {
		byID[res.Articles[i].ID] = &res.Articles[i]
	}
	for _, s := range stories {
		for _, e := range s.Events {
			for _, id := range e.Articles {
				if a := byID[id]; a != nil {
					a.Event, a.Story = e.ID, s.ID
				}
			}
		}
	}
	if opts.Ready != nil {
		opts.Ready(res.Articles, res.Relations)
	}
	teller := story.NewTeller(byID, res.Relations)
	parallel(len(stories), workers, func(i int) {
		teller.Tell(&stories[i])
	}, func(done int) { progress("story", done, len(stories)) })

	// Tell fills event dates and titles inside each story; the flat event
	// list is rebuilt from the stories so both views agree.
	res.Events = res.Events[:0]
	for _, s := range stories {
		res.Events = append(res.Events, s.Events...)
	}
	if len(res.Events) == 0 {
		res.Events = events
	}
	sort.SliceStable(stories, func(i, j int) bool {
		return len(stories[i].Articles) > len(stories[j].Articles)
	})
	res.Stories = stories
	return res
}

// cleanAll learns the corpus model of docs with learn and cleans each
// document with it, returning the articles in input order. The model is
// dropped when it returns.
func cleanAll(docs []news.Document, learn func() *clean.Corpus, workers int, progress func(string, int, int)) []news.Article {
	progress("learn", 0, 1)
	corpus := learn()
	progress("learn", 1, 1)
	runtime.GC() // the shards Learn merged
	perDoc := make([][]news.Article, len(docs))
	parallel(len(docs), workers, func(i int) {
		perDoc[i] = corpus.Clean(docs[i])
	}, func(done int) { progress("clean", done, len(docs)) })
	n := 0
	for _, arts := range perDoc {
		n += len(arts)
	}
	var all []news.Article
	if n > 0 {
		all = make([]news.Article, 0, n)
	}
	for i, arts := range perDoc {
		all = append(all, arts...)
		perDoc[i] = nil
	}
	return all
}

// parallel calls work(i) for i in [0, n) on up to workers goroutines (see
// par.For) and reports progress as items finish. Results must be written
// by index. No worker waits to report: whichever finds the reporter free
// reports the count so far, and the whole count is reported at the end
// unless it already was.
func parallel(n, workers int, work func(i int), done func(int)) {
	var (
		reporting sync.Mutex
		finished  atomic.Int64
		reported  int
	)
	par.For(workers, n, func(_, i int) {
		work(i)
		finished.Add(1)
		if reporting.TryLock() {
			reported = int(finished.Load())
			done(reported)
			reporting.Unlock()
		}
	})
	if reported < n {
		done(n)
	}
}
