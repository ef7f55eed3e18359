package cluster

import (
	"math"
	"slices"
	"sync"
)

// The sub-vectors every item carries, after Miranda et al. (EMNLP 2018):
// the whole text, its lead (title and first sentences), its entities, and
// the entities of its lead.
const (
	spaceBody = iota
	spaceLead
	spaceEntities
	spaceLeadEntities
	nSpaces
)

// undated marks an item or cluster without a known date.
const undated = math.MinInt32

// item is one thing to cluster: an article when finding proto-events, a
// proto-event when finding stories.
type item struct {
	vecs   [nSpaces]vec
	lo, hi int // days since 1970-01-01, or undated
}

// level holds the parameters of one clustering level.
type level struct {
	weights   [nSpaces]float64 // weight of each sub-vector's cosine in the score
	threshold float64          // minimum score to join a cluster
	sigma     float64          // width in days of the time decay; 0 ignores dates
	// candidates is how many clusters, found through the inverted index, are
	// scored in full for each item.
	candidates int
}

// Index sizes: how many heavy terms of each sub-vector an item is found by,
// and how many clusters each term remembers (the most recent ones). Both
// bound the work per item whatever the number of clusters.
const (
	keyTerms   = 12
	postingCap = 128
)

// group is one live cluster.
type group struct {
	// cents are nil when they were let go, the cluster being too old to
	// be joined by the items coming: they are the sums of the members'
	// vectors, and are made again from them when needed.
	cents *[nSpaces]centroid
	// pend are the vectors of the members placed since the centroids
	// were last brought up to date, in order; queued says the cluster is
	// in its online's dirty list.
	pend    [][nSpaces]vec
	queued  bool
	pendMu  sync.Mutex // held to add pend, when scoring ahead
	lo, hi  int
	members []int
	keys    []int32 // index terms, sorted
}

// online clusters items one at a time: each joins the best-scoring live
// cluster among the candidates the inverted index proposes, or starts a new
// one. State only grows, so it can be kept and fed new items later.
type online struct {
	level
	groups   []*group
	postings postings
	keep     [nSpaces]bool // which sub-vectors' centroids clusters keep
	// forget lets the centroids of clusters that the items coming can no
	// longer reach go, once a day of items has passed (swept); see sweep.
	forget bool
	swept  int
	// workers is how many goroutines score items ahead (see assign); the
	// first scorer is assign's own.
	workers int
	scorers []scorer
	// changed is, for each cluster, the last window of assign in which it
	// changed: the scores found ahead against it in that window are stale.
	changed []int32
	round   int32 // the current window
	// dirty are the clusters with vectors pending, added to their
	// centroids in parallel while the next window is scored ahead (see
	// flushDirty).
	dirty []int32
}

// scorer holds the buffers that finding and scoring an item's candidates
// needs, one for each goroutine doing so.
type scorer struct {
	votes []int32            // votes per cluster, zero between items
	dense [nSpaces][]float32 // the item being scored, zero between items
	cands []int32            // clusters sharing an index term with the item
	kept  []int32            // the candidates scored
}

// guess is the score of a candidate cluster for an item, found ahead.
type guess struct {
	g     int32
	score float64
}

// newOnline returns an empty online clustering at level l. Its clusters
// keep the centroids of the sub-vectors that l or any of next weighs:
// next are the levels that cluster its clusters.
func newOnline(l level, next ...level) *online {
	o := &online{level: l, swept: undated}
	for s := range o.keep {
		o.keep[s] = l.weights[s] != 0
		for _, n := range next {
			o.keep[s] = o.keep[s] || n.weights[s] != 0
		}
	}
	return o
}

// appendKeys appends to dst the index terms of it, its heaviest body and
// entity terms, and returns the extended slice.
func (it *item) appendKeys(dst []int32) []int32 {
	dst = it.vecs[spaceBody].appendTop(dst, keyTerms)
	return it.vecs[spaceEntities].appendTop(dst, keyTerms)
}

// itemKeys is appendKeys as assign calls it.
func itemKeys(_ int, it *item, dst []int32) []int32 { return it.appendKeys(dst) }

// propose returns the candidate clusters for it, whose index terms are
// keys: of the clusters sharing the most index terms with it (ties to
// the oldest), those close enough in time to reach the threshold. The
// slice is sc's, valid until its next use.
func (o *online) propose(sc *scorer, it *item, keys []int32) []int32 {
	if len(sc.votes) < len(o.groups) {
		sc.votes = append(sc.votes, make([]int32, len(o.groups)-len(sc.votes))...)
	}
	var total float64
	for _, w := range o.weights {
		total += w
	}
	cands, kept := sc.cands[:0], sc.kept[:0]
	var one [1]int32
	for _, k := range keys {
		for _, g := range o.postings.of(k, &one) {
			if sc.votes[g] == 0 {
				cands = append(cands, g)
			}
			sc.votes[g]++
		}
	}
	// The candidates are kept in order in a buffer.
	before := func(a, b int32) bool {
		return sc.votes[a] > sc.votes[b] || sc.votes[a] == sc.votes[b] && a < b
	}
	limit := max(o.candidates, 1)
	for _, g := range cands {
		kept = keepTop(kept, g, limit, before)
	}
	for _, g := range cands {
		sc.votes[g] = 0
	}
	// Those too far in time to reach the threshold cannot win.
	reachable := kept[:0]
	for _, g := range kept {
		c := o.groups[g]
		if total*o.decay(it.lo, it.hi, c.lo, c.hi) >= o.threshold {
			reachable = append(reachable, g)
		}
	}
	sc.cands, sc.kept = cands, reachable
	return reachable
}

// spread writes it into sc's dense arrays, so that scoring a cluster
// costs one pass over the cluster's terms; unspread undoes it.
func (o *online) spread(sc *scorer, it *item) {
	for s, w := range o.weights {
		x := it.vecs[s]
		if w == 0 || len(x.ids) == 0 {
			continue
		}
		if n := int(x.ids[len(x.ids)-1]) + 1; len(sc.dense[s]) < n {
			sc.dense[s] = append(sc.dense[s], make([]float32, n-len(sc.dense[s]))...)
		}
		for i, id := range x.ids {
			sc.dense[s][id] = x.ws[i]
		}
	}
}

func (o *online) unspread(sc *scorer, it *item) {
	for s, w := range o.weights {
		if w != 0 {
			for _, id := range it.vecs[s].ids {
				sc.dense[s][id] = 0
			}
		}
	}
}

// guesses appends to dst the scores of it against its candidates as the
// clusters are now, but for those whose centroids were let go, and
// returns the extended slice. It only reads o, so that several items can
// be scored ahead at once, each with its own scorer.
func (o *online) guesses(dst []guess, sc *scorer, it *item, keys []int32) []guess {
	kept := o.propose(sc, it, keys)
	if len(kept) == 0 {
		return dst
	}
	o.spread(sc, it)
	for _, g := range kept {
		if c := o.groups[g]; c.cents != nil {
			c.pendMu.Lock()
			o.flush(c)
			c.pendMu.Unlock()
			dst = append(dst, guess{g, o.score(sc, it, c)})
		}
	}
	o.unspread(sc, it)
	return dst
}

// best returns the best-scoring candidate cluster for it, whose index
// terms are keys, and its score, or -1 when no candidate can reach the
// threshold. The scores of ahead are used for the clusters that have not
// changed since they were found. get(i) returns item i, for remaking the
// centroids of a candidate that were let go.
func (o *online) best(it *item, keys []int32, get func(i int) *item, ahead []guess) (int, float64) {
	if len(o.scorers) == 0 {
		o.scorers = make([]scorer, 1)
	}
	sc := &o.scorers[0]
	best, bestScore := -1, 0.0
	spread := false
	for _, g := range o.propose(sc, it, keys) {
		s, found := 0.0, false
		if int(g) < len(o.changed) && o.changed[g] != o.round {
			for _, a := range ahead {
				if a.g == g {
					s, found = a.score, true
					break
				}
			}
		}
		if !found {
			c := o.groups[g]
			if c.cents == nil {
				c.cents = o.centroids(c, get)
			}
			o.flush(c)
			if !spread {
				o.spread(sc, it)
				spread = true
			}
			s = o.score(sc, it, c)
		}
		if best < 0 || s > bestScore || s == bestScore && int(g) < best {
			best, bestScore = int(g), s
		}
	}
	if spread {
		o.unspread(sc, it)
	}
	return best, bestScore
}

// score is the similarity of it, spread into sc, with cluster g: a
// weighted sum of sub-vector cosines, damped by a Gaussian of the days
// between their dates.
func (o *online) score(sc *scorer, it *item, g *group) float64 {
	var s float64
	for i, w := range o.weights {
		if w != 0 && len(it.vecs[i].ids) > 0 {
			s += w * g.cents[i].cosDense(sc.dense[i])
		}
	}
	return s * o.decay(it.lo, it.hi, g.lo, g.hi)
}

// decay is the time factor between date ranges [lo1, hi1] and [lo2, hi2]: 1
// when they overlap or either is undated.
func (o *online) decay(lo1, hi1, lo2, hi2 int) float64 {
	if o.sigma == 0 || lo1 == undated || lo2 == undated {
		return 1
	}
	d := 0
	switch {
	case hi1 < lo2:
		d = lo2 - hi1
	case hi2 < lo1:
		d = lo1 - hi2
	}
	if d == 0 {
		return 1
	}
	x := float64(d) / o.sigma
	return math.Exp(-x * x / 2)
}

// place puts item i, whose index terms are keys, into cluster g, or a new
// cluster when g < 0, and returns the cluster. The item's vectors are
// added to the cluster's centroids when they are next needed (flush), so
// that most clusters' are added in parallel; they must not change until
// then.
func (o *online) place(i int, it *item, keys []int32, g int) int {
	if g < 0 {
		g = len(o.groups)
		o.groups = append(o.groups, &group{cents: new([nSpaces]centroid), lo: undated, hi: undated})
	}
	for len(o.changed) < len(o.groups) {
		o.changed = append(o.changed, o.round)
	}
	o.changed[g] = o.round
	c := o.groups[g]
	if c.cents != nil {
		c.pend = append(c.pend, it.vecs)
		if !c.queued {
			c.queued = true
			o.dirty = append(o.dirty, int32(g))
		}
	}
	c.lo, c.hi = widen(c.lo, c.hi, it.lo, it.hi)
	c.members = append(c.members, i)
	for _, k := range keys {
		at, found := slices.BinarySearch(c.keys, k)
		if found {
			continue
		}
		c.keys = slices.Insert(c.keys, at, k)
		o.postings.add(k, int32(g))
	}
	return g
}

// release lets go the buffers of all scorers but assign's own, which are
// kept for the next items as one set was before scoring ahead.
func (o *online) release() {
	if len(o.scorers) > 1 {
		clear(o.scorers[1:])
		o.scorers = o.scorers[:1]
	}
}

// flush adds the pending vectors of c to its centroids.
func (o *online) flush(c *group) {
	for _, vecs := range c.pend {
		for s := range nSpaces {
			if o.keep[s] {
				c.cents[s].add(vecs[s])
			}
		}
	}
	c.pend = nil
}

// flushDirty brings the centroids of all the clusters up to date, on
// workers goroutines: each cluster's vectors are added in the order they
// were placed, so the sums are those that adding them at once makes.
// also(w, k) is called too, for k from 0 to n-1, on the same goroutines;
// the clusters it needs must be flushed with their pendMu held.
func (o *online) flushDirty(workers, n int, also func(w, k int)) {
	dirty := o.dirty
	parallel(workers, len(dirty)+n, func(w, k int) {
		if k >= len(dirty) {
			also(w, k-len(dirty))
			return
		}
		c := o.groups[dirty[k]]
		c.pendMu.Lock()
		o.flush(c)
		c.pendMu.Unlock()
	})
	for _, g := range dirty {
		o.groups[g].queued = false
	}
	o.dirty = dirty[:0]
}

// postings is the inverted index of an online clustering: for each term
// id, the clusters holding it as an index term, oldest first, at most the
// last 2*postingCap of them. Most terms are held by one cluster only,
// which is stored in place of a list.
type postings struct {
	// head is, for each term id, 0 for no cluster, g+1 for cluster g
	// alone, or -(i+1) for the clusters in lists[i].
	head  []int32
	lists [][]int32
}

// of returns the clusters holding term id; one is the room for a single
// cluster.
func (p *postings) of(id int32, one *[1]int32) []int32 {
	if int(id) >= len(p.head) {
		return nil
	}
	switch h := p.head[id]; {
	case h > 0:
		one[0] = h - 1
		return one[:]
	case h < 0:
		return p.lists[-h-1]
	}
	return nil
}

// add records that cluster g holds term id, forgetting the oldest
// postingCap clusters when more than twice that many do.
func (p *postings) add(id, g int32) {
	if n := int(id) + 1; len(p.head) < n {
		p.head = append(p.head, make([]int32, max(n, len(p.head)*5/4)-len(p.head))...)
	}
	switch h := p.head[id]; {
	case h == 0:
		p.head[id] = g + 1
	case h > 0:
		p.lists = append(p.lists, []int32{h - 1, g})
		p.head[id] = -int32(len(p.lists))
	default:
		l := append(p.lists[-h-1], g)
		if len(l) > 2*postingCap {
			l = append([]int32(nil), l[len(l)-postingCap:]...)
		}
		p.lists[-h-1] = l
	}
}

// window is how many items assign scores ahead at once.
const window = 256

// assign clusters the items of order, in that order, writing the cluster
// of each into of; get(i) returns item i, and keys(i, it, dst) its index
// terms, which it may append to dst: both are called once for each item,
// on several goroutines at once, and get again, for remaking the
// centroids of a cluster that were let go. Items with the same root must
// share a cluster: the first of them to come is scored, and the others
// join its cluster without scoring. rootGroup holds the cluster of each
// root placed so far, -1 for none, and is updated.
//
// Scoring an item against its candidates does not depend on the order
// as long as the candidates do not change, and is most of the work: a
// window of items is scored ahead on o.workers goroutines, against the
// clusters as they are before it, then the items are placed one by one,
// in order, each finding its candidates again and scoring afresh only
// those that changed in the window. The result is the same as scoring
// every item in turn.
func (o *online) assign(get func(i int) *item, keysOf func(i int, it *item, dst []int32) []int32, order []int, root []int, rootGroup []int, of []int) {
	n := min(len(order), window)
	items, keys, ahead := make([]item, n), make([][]int32, n), make([][]guess, n)
	workers := max(workerCount(o.workers, n), 1)
	for len(o.scorers) < workers {
		o.scorers = append(o.scorers, scorer{})
	}
	for lo := 0; lo < len(order); lo += window {
		win := order[lo:min(lo+window, len(order))]
		o.round++
		// The clusters placed into in the last window are brought up to
		// date while the window's items are scored ahead.
		o.flushDirty(workers, len(win), func(w, k int) {
			items[k] = *get(win[k])
			keys[k] = keysOf(win[k], &items[k], keys[k][:0])
			ahead[k] = ahead[k][:0]
			if rootGroup[root[win[k]]] < 0 {
				ahead[k] = o.guesses(ahead[k], &o.scorers[w], &items[k], keys[k])
			}
		})
		for k, i := range win {
			it := &items[k]
			if o.forget && it.lo != undated && it.lo > o.swept {
				o.sweep(it.lo)
			}
			if g := rootGroup[root[i]]; g >= 0 {
				of[i] = o.place(i, it, keys[k], g)
				continue
			}
			g, s := o.best(it, keys[k], get, ahead[k])
			if s < o.threshold {
				g = -1
			}
			of[i] = o.place(i, it, keys[k], g)
			rootGroup[root[i]] = of[i]
		}
	}
	o.flushDirty(workers, 0, nil)
}

// centroids returns the centroids of cluster c made again from its
// members, get(i) returning item i: the same sums, added in the same order,
// as place made.
func (o *online) centroids(c *group, get func(i int) *item) *[nSpaces]centroid {
	cents := new([nSpaces]centroid)
	for _, m := range c.members {
		it := get(m)
		for s := range cents {
			if o.keep[s] {
				cents[s].add(it.vecs[s])
			}
		}
	}
	return cents
}

// sweep lets go the centroids of the clusters that an item of day or later
// cannot reach: those whose last day is so much earlier that the time
// decay keeps any score below the threshold. Items come in date order, so
// the centroids of all but the last few days' clusters are garbage; an
// undated item, or a later batch of older items, makes those it needs
// again. Kept for every cluster, centroids took half as much memory as
// the articles' own vectors.
func (o *online) sweep(day int) {
	o.swept = day
	reach, ok := o.reach()
	if !ok {
		return
	}
	for _, c := range o.groups {
		if c.hi != undated && c.hi < day-reach {
			c.cents, c.pend = nil, nil
		}
	}
}

// reach returns the most days apart that a dated item and a dated cluster
// can be and still score at or above the threshold, and false when there
// is no such bound.
func (o *online) reach() (int, bool) {
	var total float64
	for _, w := range o.weights {
		total += w
	}
	if o.sigma == 0 || o.threshold <= 0 {
		return 0, false
	}
	for d := 0; d < 1<<16; d++ {
		if total*o.decay(0, 0, d+1, d+1) < o.threshold {
			return d, true
		}
	}
	return 0, false
}
