// Package cluster groups articles into events and events into stories.
//
// It works in three steps:
//
//  1. Proto-events, by online clustering in date order after Miranda et
//     al. (EMNLP 2018): every article has TF-IDF sub-vectors of its whole
//     text, its lead (title and first sentences), its named entities and
//     its lead's entities; it joins the live cluster whose centroid scores
//     best, a weighted sum of sub-vector cosines damped by a Gaussian of
//     the days between them, or starts a new one below a threshold. An
//     inverted index over each article's heaviest terms and names proposes
//     the candidates, so the work per article does not grow with the
//     number of clusters. Duplicate and version relations put articles in
//     one proto-event outright. The threshold is high: proto-events are
//     small and precise.
//  2. Stories, by a second, looser online pass over the proto-events'
//     centroids with a wider time window; any text relation between two
//     proto-events puts them in one story.
//  3. Events, by average-linkage merging of each story's articles, with
//     term weights local to the story: terms that the whole story shares
//     say what it is about, not which of its events an article reports, so
//     they weigh little, and two events of the same kind (two earthquakes)
//     stay apart on the names, places and figures only some articles share.
//     A family of duplicates and versions votes once, and an undated
//     article takes the dates of the event it joins.
//
// Only placing items into clusters, one at a time, depends on the order;
// reading and weighing the articles, finding candidate clusters and
// scoring them, and summing centroids are done in parallel around it, in
// chunks, the serial steps only adding the vocabulary's new words in order
// and rescoring the few candidates that changed since a chunk began.
//
// The first step is incremental: a State keeps the vocabulary, the
// articles' vectors and the proto-events, takes new articles batch by
// batch (Add) and can be stored (MarshalBinary). The other two are
// recomputed from the proto-events whenever the result is asked for
// (Result); they cost a fraction of the first.
//
// Terms are interned to integer ids in one vocabulary whose strings share
// one array; articles' vectors are sorted id and weight slices, the
// weights cut from large shared arrays and the ids kept as varint gaps
// between uses (see packed); a cluster of one article shares that
// article's vectors as its centroids; centroids keep their heaviest terms
// only, and those of one-article proto-events too old to be joined are let
// go and made again from the article when needed, as are those of
// one-proto-event stories. So
// time and memory grow linearly with the collection, and the articles'
// vectors are most of the memory.
package cluster

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/newsfold/newsfold/internal/par"
	"github.com/newsfold/newsfold/internal/unionfind"
	"github.com/newsfold/newsfold/news"
)

// Level holds the parameters of one level of clustering.
type Level struct {
	// Body, Lead, Entities and LeadEntities weigh the cosines of the
	// sub-vectors in the score of an article (or event) against a cluster.
	Body, Lead, Entities, LeadEntities float64
	// Threshold is the lowest score that joins a cluster.
	Threshold float64
	// SigmaDays is the width of the Gaussian time decay; 0 ignores dates.
	SigmaDays float64
}

// Options controls clustering.
type Options struct {
	// Proto is the online pass over articles that finds precise, small
	// events (proto-events).
	Proto Level
	// Story is the online pass over proto-events' centroids that chains
	// them into stories.
	Story Level
	// Event merges the articles of a story into events by average linkage,
	// with term weights local to the story.
	Event Level
	// Growth is the power of the smaller cluster's size that divides the
	// average similarity of two clusters of a story before they merge.
	Growth float64
	// Attach is the share of Event.Threshold at which an article left
	// alone in its story joins the event it is most similar to.
	Attach float64
	// Prior is how many pseudo-articles at collection-wide term rates are
	// mixed into a story's own term counts.
	Prior float64
	// MaxMerge bounds the cost of average linkage, quadratic in practice
	// and cubic at worst: a story with more article families than this
	// merges its proto-events instead, and one with more proto-events keeps
	// them as its events.
	MaxMerge int
	// Candidates is how many clusters proposed by the inverted index are
	// scored in full for each article (or proto-event): those sharing the
	// most index terms with it. The best-scoring cluster is almost always
	// among the first few, and scoring is most of the work of placing.
	Candidates int
	// Workers is how many goroutines read articles, build vectors, score
	// articles and proto-events ahead against clusters, and merge stories
	// into events; 0 or less means GOMAXPROCS. The output is the same
	// whatever the number.
	Workers int
}

// DefaultOptions returns the defaults used by the CLI.
func DefaultOptions() Options {
	return Options{
		Proto:      Level{Body: 0.45, Lead: 0.15, Entities: 0.4, Threshold: 0.4, SigmaDays: 2},
		Story:      Level{Body: 0.45, Lead: 0.15, Entities: 0.4, Threshold: 0.15, SigmaDays: 7},
		Event:      Level{Body: 0.45, Lead: 0.15, Entities: 0.4, LeadEntities: 0.2, Threshold: 0.12, SigmaDays: 1.5},
		Growth:     0.1,
		Attach:     0.5,
		Prior:      5,
		MaxMerge:   400,
		Candidates: 8,
	}
}

func (l Level) level(candidates int) level {
	return level{
		weights:    [nSpaces]float64{spaceBody: l.Body, spaceLead: l.Lead, spaceEntities: l.Entities, spaceLeadEntities: l.LeadEntities},
		threshold:  l.Threshold,
		sigma:      l.SigmaDays,
		candidates: max(candidates, 1),
	}
}

// Group returns the events and stories of articles. Every article is in
// exactly one event and one story. The output is deterministic: events and
// stories are numbered with stories in decreasing number of articles, then
// earliest date, then first article id; events in story order, then date,
// then first article id. It is NewState, Add and Result in one.
func Group(articles []news.Article, relations []news.Relation, opts Options) ([]news.Event, []news.Story) {
	s := NewState(opts)
	s.Add(articles, relations)
	return s.Result()
}

// State is the clustering state of a growing collection: the vocabulary,
// every article's vectors, the proto-events and the links that relations
// made. Articles can be added to it batch by batch; see Add and Result.
// A State is not safe for concurrent use.
type State struct {
	opts           Options
	vocab          *vocabulary
	index          map[string]int // article id → first article with it
	ids            []string
	dates          []string // YYYY-MM-DD, or "" when unknown
	items          []packed
	placed         []int // articles in the order they joined proto-events
	protoOf        []int
	strong, linked unionfind.Sets
	proto          *online
}

// NewState returns an empty state that clusters with opts.
func NewState(opts Options) *State {
	proto := newOnline(opts.Proto.level(opts.Candidates), opts.Story.level(opts.Candidates))
	proto.forget, proto.workers = true, opts.Workers
	return &State{opts: opts, vocab: newVocabulary(), index: map[string]int{}, proto: proto}
}

// item returns the item of article i, made anew from its packed form.
func (s *State) item(i int) *item { return s.items[i].item() }

// Len returns the number of articles in s.
func (s *State) Len() int { return len(s.ids) }

// Add adds articles to s and applies relations, which may name articles
// of this batch or of earlier ones; relations naming an unknown article are
// ignored. The batch is read in date order (undated last, then by id), so
// that the result does not depend on the order of the input; each new
// article joins a proto-event. Articles already in s stay where they are:
// their vectors keep the term weights of the collection they were read in,
// and proto-events only grow. A duplicate or version relation between two
// articles already in different proto-events does not merge those; the
// articles become one family in the events step, as any relation puts
// their proto-events in one story. An article whose id is already in s is
// added as another article; relations name the first one.
func (s *State) Add(articles []news.Article, relations []news.Relation) {
	s.Place(s.Read(articles), relations)
}

// A Reading is a batch of articles read into a State and made into
// features, waiting to be placed into proto-events (see Read and Place).
type Reading struct {
	articles []news.Article
	n0       int   // the State's number of the batch's first article
	order    []int // the batch in date order
	feats    []features
	idf      []float64
}

// Read does the part of Add that needs no relations: it reads articles
// into s's vocabulary and makes their features, so that it can run while
// the relations are still being found. Place must follow, with nothing
// else done to s in between.
func (s *State) Read(articles []news.Article) *Reading {
	n0 := len(s.ids)
	for i, a := range articles {
		if _, dup := s.index[a.ID]; !dup {
			s.index[a.ID] = n0 + i
		}
		s.ids = append(s.ids, a.ID)
		s.dates = append(s.dates, dateOf(a.Date))
	}
	order := dateOrder(len(articles), func(i int) (int, string) { return day(articles[i].Date), articles[i].ID })
	// Names need to know which words the whole batch writes in lower case,
	// so articles are read in one pass and their names resolved in another.
	drafts := s.vocab.readAll(len(articles), func(i int) (string, string) { return articles[i].Title, articles[i].Text }, order, s.opts.Workers)
	feats := s.vocab.featuresAll(drafts, order, s.opts.Workers)
	s.vocab.observeAll(feats, s.opts.Workers)
	s.items = slices.Grow(s.items, len(articles))[:n0+len(articles)]
	idf := s.vocab.idfs(s.opts.Workers)
	s.vocab.release()
	return &Reading{articles: articles, n0: n0, order: order, feats: feats, idf: idf}
}

// Place does the rest of Add for the articles r read: it applies
// relations and puts each article into a proto-event.
func (s *State) Place(r *Reading, relations []news.Relation) {
	articles, n0, order, feats, idf := r.articles, r.n0, r.order, r.feats, r.idf
	*r = Reading{}
	// Proto-events: duplicates and versions are one event outright.
	s.strong = s.strong.Grow(len(s.ids))
	s.linked = s.linked.Grow(len(s.ids))
	for _, r := range relations {
		a, okA := s.index[r.A]
		b, okB := s.index[r.B]
		if !okA || !okB {
			continue
		}
		s.linked.Union(a, b)
		if r.Kind == news.Duplicate || r.Kind == news.Version {
			s.strong.Union(a, b)
		}
	}
	roots := s.strong.Roots()
	rootGroup := make([]int, len(s.ids))
	for i := range rootGroup {
		rootGroup[i] = -1
	}
	for _, i := range s.placed {
		if rootGroup[roots[i]] < 0 {
			rootGroup[roots[i]] = s.protoOf[i]
		}
	}
	s.protoOf = slices.Grow(s.protoOf, len(articles))[:len(s.ids)]
	newOrder := make([]int, len(order))
	for k, i := range order {
		newOrder[k] = n0 + i
	}
	s.proto.terms = len(s.vocab.df)
	// Each article's item is made, and packed, as its window comes, so
	// that the item assign places is the one made, not one unpacked again,
	// and the arrays its features were cut from become garbage one after
	// the other.
	codes := make([]byteArena, max(workerCount(s.proto.workers, min(len(order), window)), 1))
	g0 := len(s.proto.groups)
	s.proto.assign(func(w, i int, it *item, keys []int32) []int32 {
		a := i - n0
		*it = articleItem(idf, feats[a], day(articles[a].Date))
		feats[a] = features{}
		s.items[i] = pack(it, &codes[w])
		return it.appendKeys(keys)
	}, s.item, newOrder, roots, rootGroup, s.protoOf)
	s.proto.copyShared(g0, s.proto.workers)
	s.placed = append(s.placed, newOrder...)
	s.proto.release()
}

// Result returns the events and stories of all the articles in s, as Group
// does. Stories and events are recomputed from the proto-events each time:
// the story pass runs again over all the proto-events' centroids, in date
// order, and every story's local term weights (which mix in the whole
// collection's term rates) and average-linkage merge of its families are
// computed again. That is about a quarter of the work of clustering all
// the articles from scratch; the vectors and proto-events are not redone,
// but the centroids of old one-article proto-events, let go to save
// memory, are made again from their articles.
func (s *State) Result() ([]news.Event, []news.Story) {
	if len(s.ids) == 0 {
		return nil, nil
	}
	opts := s.opts
	pe := s.proto
	// Stories: proto-events clustered again, looser, over their centroids;
	// any text relation between two proto-events puts them in one story.
	firstID := make([]string, len(pe.groups))
	for g, c := range pe.groups {
		firstID[g] = s.ids[c.members[0]]
		for _, m := range c.members {
			firstID[g] = min(firstID[g], s.ids[m])
		}
	}
	peLinks := unionfind.New(len(pe.groups))
	for i, e := range s.protoOf {
		peLinks.Union(s.protoOf[s.linked.Find(i)], e)
	}
	peOrder := dateOrder(len(pe.groups), func(g int) (int, string) { return pe.groups[g].lo, firstID[g] })
	st := newOnline(opts.Story.level(opts.Candidates))
	st.workers, st.terms = opts.Workers, len(s.vocab.df)
	// Stories only need their members in the end: the centroids of those
	// the coming proto-events cannot reach are let go, as for articles.
	st.forget = true
	peRoots := peLinks.Roots()
	peGroup := make([]int, len(pe.groups))
	for g := range peGroup {
		peGroup[g] = -1
	}
	// A proto-event's vectors are made when its window comes (see
	// assign), so that those of proto-events that join a story are
	// garbage soon after they have.
	protoItem := func(g int) *item {
		c := pe.groups[g]
		cents := c.cents
		if cents == nil {
			cents = pe.centroids(c, s.item)
		}
		it := &item{lo: c.lo, hi: c.hi}
		for sp := range cents {
			it.vecs[sp] = cents[sp].vector()
		}
		return it
	}
	st.assign(firstOf(protoItem), protoItem, peOrder, peRoots, peGroup, make([]int, len(pe.groups)))
	st.strip()

	// Events: within each story, articles (with their duplicates and
	// versions) merged by average linkage; a story too large for that keeps
	// its proto-events. An event is named by its first article's index.
	eventOf := make([]int, len(s.ids))
	storyOf := make([]int, len(s.ids))
	roots := s.strong.Roots()
	partsOf := make([][][]int, len(st.groups))
	merged := make([][]int, len(st.groups))
	scratch := make([]storyScratch, max(workerCount(opts.Workers, len(st.groups)), 1))
	parallel(opts.Workers, len(st.groups), func(w, sid int) {
		members := st.groups[sid].members
		parts := storyParts(members, pe.groups, func(a, _ int) int { return roots[a] })
		if len(parts) > opts.MaxMerge {
			parts = storyParts(members, pe.groups, func(_, g int) int { return g })
		}
		partsOf[sid] = parts
		merged[sid] = mergeStory(parts, s.items, s.vocab, opts, &scratch[w])
	})
	for sid, parts := range partsOf {
		of := merged[sid]
		for p, part := range parts {
			for _, a := range part {
				eventOf[a] = parts[of[p]][0]
				storyOf[parts[of[p]][0]] = sid
			}
		}
	}
	return number(s.ids, s.dates, eventOf, storyOf, len(st.groups))
}

// mergeStory returns, for each part of a story (a list of article
// indexes), the index of the first part of its event: the parts merged by
// average linkage with term weights local to the story; items are the
// articles' packed items, unpacked into sc's buffers.
func mergeStory(parts [][]int, items []packed, vocab *vocabulary, opts Options, sc *storyScratch) []int {
	if len(parts) < 2 || len(parts) > opts.MaxMerge {
		of := make([]int, len(parts))
		for p := range of {
			of[p] = p
		}
		return of
	}
	n, terms := 0, 0
	for _, part := range parts {
		for _, a := range part {
			n++
			terms += items[a].len()
		}
	}
	sc.items = slices.Grow(sc.items[:0], n)[:n]
	sc.ids = slices.Grow(sc.ids[:0], terms)[:terms]
	ids, members := sc.ids, sc.members[:0]
	local := make([][]int, len(parts))
	for p, part := range parts {
		for _, a := range part {
			local[p] = append(local[p], len(members))
			it := &sc.items[len(members)]
			ids = items[a].unpackInto(it, ids)
			members = append(members, it)
		}
	}
	sc.members = members
	w := localWeights(vocab, members, opts.Prior, &sc.counts)
	defer w.release()
	return mergeAverage(members, local, w.weight, opts.Event.level(opts.Candidates), opts.Growth, opts.Attach, sc)
}

// storyParts returns the articles of a story's proto-events, grouped by
// key(article, proto-event), in order of first appearance.
func storyParts(protos []int, groups []*group, key func(a, g int) int) [][]int {
	var parts [][]int
	partOf := map[int]int{}
	for _, g := range protos {
		for _, a := range groups[g].members {
			k := key(a, g)
			p, ok := partOf[k]
			if !ok {
				p = len(parts)
				partOf[k] = p
				parts = append(parts, nil)
			}
			parts[p] = append(parts[p], a)
		}
	}
	return parts
}

// articleItem builds the clustering item of one article from its
// features, given every term's idf; the item takes over the features'
// arrays.
func articleItem(idf []float64, f features, d int) item {
	it := item{vecs: [nSpaces]vec{spaceBody: f.body, spaceLead: f.lead, spaceEntities: f.entities, spaceLeadEntities: f.leadEntities}, lo: d, hi: d}
	for _, x := range it.vecs {
		tfidf(x, idf)
	}
	return it
}

// parallel calls f(w, 0), ..., f(w, n-1) on workerCount(workers, n)
// goroutines, as par.For does.
func parallel(workers, n int, f func(w, i int)) {
	par.For(workerCount(workers, n), n, f)
}

// workerCount returns how many goroutines parallel runs n calls on:
// workers, or GOMAXPROCS when workers <= 0, and no more than n.
func workerCount(workers, n int) int {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return min(workers, n)
}

// day parses a YYYY-MM-DD date (or the date of an RFC 3339 time) into days
// since 1970-01-01, or returns undated.
func day(s string) int {
	if len(s) < 10 {
		return undated
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return undated
	}
	return int(t.Unix() / 86400)
}

// dateOrder returns 0..n-1 ordered by date, undated last, then by id.
func dateOrder(n int, key func(int) (int, string)) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		da, ia := key(a)
		db, ib := key(b)
		if (da == undated) != (db == undated) {
			if da == undated {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(da, db); c != 0 {
			return c
		}
		return cmp.Compare(ia, ib)
	})
	return order
}

// number turns cluster assignments into numbered events and stories.
func number(ids, dates []string, eventOf, storyOf []int, nStories int) ([]news.Event, []news.Story) {
	type span struct {
		first, last string // dates, "" when unknown
		ids         []string
	}
	grow := func(s *span, i int) {
		s.ids = append(s.ids, ids[i])
		if d := dates[i]; d != "" {
			if s.first == "" || d < s.first {
				s.first = d
			}
			if d > s.last {
				s.last = d
			}
		}
	}
	less := func(a, b *span) int {
		if c := cmp.Compare(len(b.ids), len(a.ids)); c != 0 {
			return c
		}
		if (a.first == "") != (b.first == "") {
			if a.first == "" {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(a.first, b.first); c != 0 {
			return c
		}
		return cmp.Compare(a.ids[0], b.ids[0])
	}
	stories := make([]*span, nStories)
	// Events are named by an article of theirs: events[e] is event e's
	// span, or nil. The spans are made at once, once counted.
	events := make([]*span, len(ids))
	eventStory := make([]int, len(ids))
	var eventOrder []int
	var none span
	for _, e := range eventOf {
		if events[e] == nil {
			events[e] = &none
			eventOrder = append(eventOrder, e)
		}
	}
	spans := make([]span, nStories+len(eventOrder))
	for k, e := range eventOrder {
		events[e] = &spans[nStories+k]
	}
	for i := range ids {
		s, e := storyOf[eventOf[i]], eventOf[i]
		if stories[s] == nil {
			stories[s] = &spans[s]
		}
		grow(stories[s], i)
		grow(events[e], i)
		eventStory[e] = s
	}
	for _, s := range stories {
		slices.Sort(s.ids)
	}
	for _, e := range eventOrder {
		slices.Sort(events[e].ids)
	}
	slices.Sort(eventOrder)
	storyOrder := make([]int, nStories)
	for i := range storyOrder {
		storyOrder[i] = i
	}
	slices.SortFunc(storyOrder, func(a, b int) int { return less(stories[a], stories[b]) })
	storyRank := make([]int, nStories)
	for r, s := range storyOrder {
		storyRank[s] = r
	}
	slices.SortFunc(eventOrder, func(a, b int) int {
		if c := cmp.Compare(storyRank[eventStory[a]], storyRank[eventStory[b]]); c != 0 {
			return c
		}
		ea, eb := events[a], events[b]
		if (ea.first == "") != (eb.first == "") {
			if ea.first == "" {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(ea.first, eb.first); c != 0 {
			return c
		}
		return cmp.Compare(ea.ids[0], eb.ids[0])
	})
	outStories := make([]news.Story, nStories)
	for r, s := range storyOrder {
		outStories[r] = news.Story{
			ID:        fmt.Sprintf("s%d", r+1),
			FirstDate: stories[s].first,
			LastDate:  stories[s].last,
			Articles:  stories[s].ids,
		}
	}
	outEvents := make([]news.Event, len(eventOrder))
	for r, e := range eventOrder {
		outEvents[r] = news.Event{ID: fmt.Sprintf("e%d", r+1), Articles: events[e].ids}
		s := &outStories[storyRank[eventStory[e]]]
		s.Events = append(s.Events, outEvents[r])
	}
	return outEvents, outStories
}

// dateOf returns the YYYY-MM-DD date of s, or "" when s holds none.
func dateOf(s string) string {
	if day(s) == undated {
		return ""
	}
	return s[:10]
}
