package cluster

import (
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
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
	pendMu  sync.Mutex // held to add pend or make cents, when scoring ahead
	lo, hi  int
	members []int
	keys    []int32 // index terms, sorted once sorted says so
	sorted  bool
}

// newGroup returns a new empty cluster. Clusters are made in blocks, as
// they are seldom let go before the online clustering is.
func (o *online) newGroup() *group {
	if len(o.spare.groups) == 0 {
		o.spare.groups = make([]group, 256)
	}
	c := &o.spare.groups[0]
	o.spare.groups = o.spare.groups[1:]
	c.cents, c.lo, c.hi = new([nSpaces]centroid), undated, undated
	return c
}

// spare is room for what new clusters hold, cut from blocks: most clusters
// keep their first member and index terms for good, and allocating each
// alone was a good part of placing, which is serial.
type spare struct {
	groups []group
	ints   []int
	int32s []int32
}

// cut returns n elements of *block, with no room to grow, first making a
// new block of at least size elements when fewer are left.
func cut[T any](block *[]T, n, size int) []T {
	if len(*block) < n {
		*block = make([]T, max(n, size))
	}
	x := (*block)[:n:n]
	*block = (*block)[n:]
	return x
}

// online clusters items one at a time: each joins the best-scoring live
// cluster among the candidates the inverted index proposes, or starts a new
// one. State only grows, so it can be kept and fed new items later.
type online struct {
	level
	groups   []*group
	postings postings
	keep     [nSpaces]bool // which sub-vectors' centroids clusters keep
	total    float64       // the sum of the weights, the highest score
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
	// born is how many clusters there were when the current window began.
	born  int32
	spare spare
	// decays are the time factors of date ranges 0, 1, 2, ... days apart,
	// computed once.
	decays []float64
	// terms is how many term ids the items' vectors may hold, when known,
	// so that the scorers' dense arrays and the postings are made that
	// long at once.
	terms int
	// touched adds up what postings.touch read for place, kept so that
	// it is computed.
	touched int32
}

// scorer holds the buffers that finding and scoring an item's candidates
// needs, one for each goroutine doing so.
type scorer struct {
	// votes are the votes per cluster, zero between items: an item has
	// at most 2*keyTerms index terms, so a byte holds them, and the array
	// is small enough to stay in cache.
	votes []uint8
	dense [nSpaces][]float32 // the item being scored, zero between items
	// held are, for each sub-vector, the item's term ids as bits of a
	// small bitmap, modulo its size, zero between items: a centroid term
	// whose bit is clear is not the item's, and is passed over without
	// reading the dense array, far larger than the processor's caches.
	held  [nSpaces]*termBits
	hits  *[hitBlock]uint16 // cosDense's room
	cands []int32           // clusters sharing an index term with the item
	top   []voted           // the clusters with the most votes
	kept  []int32           // the candidates scored
	// touched adds up what postings.touch read, kept so that it is
	// computed.
	touched int32
}

// voted is a cluster and the number of an item's index terms it holds.
type voted struct{ g, votes int32 }

// guess is a candidate cluster for an item, proposed ahead, the number of
// the item's index terms it held then, and its score when it was
// reachable then and its centroids were kept.
type guess struct {
	g      int32
	votes  uint8
	scored bool
	score  float64
}

// newOnline returns an empty online clustering at level l. Its clusters
// keep the centroids of the sub-vectors that l or any of next weighs:
// next are the levels that cluster its clusters.
func newOnline(l level, next ...level) *online {
	o := &online{level: l, swept: undated}
	for _, w := range l.weights {
		o.total += w
	}
	if l.sigma != 0 {
		o.decays = make([]float64, decayDays)
		for d := range o.decays {
			o.decays[d] = o.decayOf(d)
		}
	}
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

// firstOf returns the first function that assign needs for items that
// get(i) returns.
func firstOf(get func(i int) *item) func(w, i int, it *item, keys []int32) []int32 {
	return func(_, i int, it *item, keys []int32) []int32 {
		*it = *get(i)
		return it.appendKeys(keys)
	}
}

// top returns the clusters sharing the most index terms with an item
// whose index terms are keys, at most o.candidates of them, most shared
// first, ties to the oldest. The slice is sc's, valid until its next use.
func (o *online) top(sc *scorer, keys []int32) []int32 {
	sc.votes = zeros(sc.votes, len(o.groups))
	cands := sc.cands[:0]
	sc.touched += o.postings.touch(keys)
	sc.touched += o.postings.touchLists(keys)
	var one [1]int32
	for _, k := range keys {
		for _, g := range o.postings.of(k, &one) {
			if sc.votes[g] == 0 {
				cands = append(cands, g)
			}
			sc.votes[g]++
		}
	}
	sc.cands, sc.top = cands, rank(sc.top, max(o.candidates, 1), cands, sc.votes)
	return sc.keep()
}

// rank returns top, emptied, with the clusters of cands that hold the most
// of an item's index terms, votes[g] for cluster g, at most limit of them,
// in order: most votes first, ties to the oldest. It sets the votes of
// cands back to zero. Which clusters it keeps does not depend on the
// order of cands.
func rank(top []voted, limit int, cands []int32, votes []uint8) []voted {
	// The best are kept in order: most candidates rank below the last
	// kept and cost one comparison.
	top = top[:0]
	for _, g := range cands {
		v := int32(votes[g])
		votes[g] = 0
		if len(top) == limit {
			if last := top[limit-1]; v < last.votes || v == last.votes && g > last.g {
				continue
			}
		} else {
			top = append(top, voted{})
		}
		j := len(top) - 1
		for j > 0 && (v > top[j-1].votes || v == top[j-1].votes && g < top[j-1].g) {
			top[j] = top[j-1]
			j--
		}
		top[j] = voted{g, v}
	}
	return top
}

// keep sets sc.kept to the clusters of sc.top, in order, and returns it.
func (sc *scorer) keep() []int32 {
	kept := sc.kept[:0]
	for _, t := range sc.top {
		kept = append(kept, t.g)
	}
	sc.kept = kept
	return kept
}

// repropose returns what top returns for an item whose index terms are
// keys, if it can tell that from ahead, what guesses found for the item at
// the start of the current window, and the postings added since: false
// when it cannot. It can unless the postings of one of keys forgot
// clusters in the window, or, the item's top ones being as many as the
// limit, a cluster made before the window but not among them holds more
// of its index terms now.
//
// Within a window, clusters are only added to postings, so the item's
// votes only grow, and they grow only for the clusters added to the
// postings of its keys. A cluster neither among the top ones then nor
// added since has the votes it had, no more than those of any cluster
// that was above it, which have not fallen: it stays out. So the top ones
// now are the top ones among those that were, with their votes grown, and
// those added: of those, the clusters made in the window held none of the
// item's terms before it, nor did the others when fewer than the limit
// held any (all were among the top ones); otherwise their earlier votes
// are unknown.
func (o *online) repropose(sc *scorer, keys []int32, ahead []guess) ([]int32, bool) {
	cands := sc.cands[:0]
	for _, a := range ahead {
		sc.votes[a.g] = a.votes
		cands = append(cands, a.g)
	}
	full := len(ahead) == max(o.candidates, 1)
	ok := true
	sc.touched += o.postings.touch(keys)
	var one [1]int32
	for _, k := range keys {
		added, kept := o.postings.added(k, o.round, &one)
		if !kept {
			ok = false
			break
		}
		for _, g := range added {
			if sc.votes[g] == 0 {
				// Not among ahead, whose votes are at least one.
				cands = append(cands, g)
				ok = ok && !(full && g < o.born)
			}
			sc.votes[g]++
		}
	}
	sc.cands, sc.top = cands, rank(sc.top, max(o.candidates, 1), cands, sc.votes)
	if !ok {
		return nil, false
	}
	return sc.keep(), true
}

// reachable says whether an item with dates [lo, hi] can score at or above
// the threshold against cluster g, as far as the time decay tells.
func (o *online) reachable(lo, hi int, g int32) bool {
	c := o.groups[g]
	return o.total*o.decay(lo, hi, c.lo, c.hi) >= o.threshold
}

// propose returns the candidate clusters for it, whose index terms are
// keys: of the clusters sharing the most index terms with it (see top),
// those close enough in time to reach the threshold. The slice is sc's,
// valid until its next use.
func (o *online) propose(sc *scorer, it *item, keys []int32) []int32 {
	return o.within(it, o.top(sc, keys))
}

// within keeps those of cands that item it can reach in time (see
// reachable), in place, and returns them.
func (o *online) within(it *item, cands []int32) []int32 {
	reach := cands[:0]
	for _, g := range cands {
		if o.reachable(it.lo, it.hi, g) {
			reach = append(reach, g)
		}
	}
	return reach
}

// spread writes it into sc's dense arrays, so that scoring a cluster
// costs one pass over the cluster's terms; unspread undoes it.
func (o *online) spread(sc *scorer, it *item) {
	for s, w := range o.weights {
		x := it.vecs[s]
		if w == 0 || len(x.ids) == 0 {
			continue
		}
		sc.dense[s] = zeros(sc.dense[s], max(int(x.ids[len(x.ids)-1])+1, o.terms))
		if sc.held[s] == nil {
			sc.held[s] = new(termBits)
		}
		if sc.hits == nil {
			sc.hits = new([hitBlock]uint16)
		}
		held := sc.held[s]
		for i, id := range x.ids {
			sc.dense[s][id] = x.ws[i]
			held.add(id)
		}
	}
}

func (o *online) unspread(sc *scorer, it *item) {
	for s, w := range o.weights {
		if w != 0 {
			for _, id := range it.vecs[s].ids {
				sc.dense[s][id] = 0
				sc.held[s].clear(id)
			}
		}
	}
}

// guesses appends to dst the candidates that the index proposes for it
// before the time filter (see top), with the scores of those reachable
// as the clusters are now, and returns the extended slice. The centroids
// of those that were let go are made again, get(i) returning item i, so
// that placing, which is serial, seldom has to. It changes only the
// clusters' centroids, with their pendMu held, so that several items can
// be scored ahead at once, each with its own scorer.
func (o *online) guesses(dst []guess, sc *scorer, it *item, keys []int32, get func(i int) *item) []guess {
	o.top(sc, keys)
	start := len(dst)
	for _, t := range sc.top {
		g := t.g
		if !o.reachable(it.lo, it.hi, g) {
			dst = append(dst, guess{g: g, votes: uint8(t.votes)})
			continue
		}
		c := o.groups[g]
		c.pendMu.Lock()
		if c.cents == nil {
			c.cents = o.centroids(c, get)
		}
		o.flush(c)
		c.pendMu.Unlock()
		dst = append(dst, guess{g: g, votes: uint8(t.votes), scored: true})
	}
	// The centroids are all brought up to date before any is scored, so
	// that the first terms of all are read ahead together (see
	// touchCentroids). None changes until the window is placed.
	scored := dst[start:]
	sc.touched += o.touchCentroids(it, scored)
	spread := false
	for k := range scored {
		if !scored[k].scored {
			continue
		}
		if !spread {
			o.spread(sc, it)
			spread = true
		}
		scored[k].score = o.score(sc, it, o.groups[scored[k].g])
	}
	if spread {
		o.unspread(sc, it)
	}
	return dst
}

// touchCentroids reads the first two cache lines of terms (ids and
// weights) of each centroid that scoring it against the clusters of the
// guesses marked scored reads, and returns their sum, for the caller to
// keep: read so, with no branch on what is read, they are fetched from
// memory at once, where scoring the clusters one after another waits for
// each centroid in turn, the processor's prefetcher following a centroid
// only from its second line on.
func (o *online) touchCentroids(it *item, gs []guess) int32 {
	var sum int32
	for _, gu := range gs {
		if !gu.scored {
			continue
		}
		cents := o.groups[gu.g].cents
		for s, w := range o.weights {
			if a := cents[s].sum; w != 0 && len(it.vecs[s].ids) > 0 && len(a.ids) > 0 {
				m := min(len(a.ids)-1, 16)
				sum += a.ids[0] + int32(a.ws[0]) + a.ids[m] + int32(a.ws[m])
			}
		}
	}
	return sum
}

// best returns the best-scoring candidate cluster for it, whose index
// terms are keys, and its score, or -1 when no candidate can reach the
// threshold. ahead, when proposed, is what guesses found at the start of
// the current window: its scores are used for the clusters that have not
// changed since, and its candidates updated with the postings added since
// (see repropose). get(i) returns item i, for remaking the centroids of a
// candidate that were let go.
func (o *online) best(it *item, keys []int32, get func(i int) *item, ahead []guess, proposed bool) (int, float64) {
	if len(o.scorers) == 0 {
		o.scorers = make([]scorer, 1)
	}
	sc := &o.scorers[0]
	cands, ok := []int32(nil), false
	if proposed {
		cands, ok = o.repropose(sc, keys, ahead)
	}
	if ok {
		cands = o.within(it, cands)
	} else {
		cands = o.propose(sc, it, keys)
	}
	best, bestScore := -1, 0.0
	spread := false
	for _, g := range cands {
		s, found := 0.0, false
		if proposed && int(g) < len(o.changed) && o.changed[g] != o.round {
			for _, a := range ahead {
				if a.g == g {
					s, found = a.score, a.scored
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
			s += w * g.cents[i].cosDense(sc.dense[i], sc.held[i], sc.hits)
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
	if d < len(o.decays) {
		return o.decays[d]
	}
	return o.decayOf(d)
}

// decayDays is how many days apart the time factors computed once go.
const decayDays = 64

// decayOf is the time factor of date ranges d days apart, d >= 0.
func (o *online) decayOf(d int) float64 {
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
		o.groups = append(o.groups, o.newGroup())
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
	if len(c.members) == 0 {
		c.members = cut(&o.spare.ints, 1, 1<<12)
		c.members[0] = i
	} else {
		c.members = append(c.members, i)
	}
	// The postings of keys are read ahead together (see
	// postings.touch), as most are added to.
	o.touched += o.postings.touch(keys)
	if len(c.keys) == 0 {
		// Most clusters never have a second member: their keys are
		// sorted when one comes.
		c.keys = cut(&o.spare.int32s, len(keys), 1<<14)
		copy(c.keys, keys)
		for _, k := range keys {
			o.postings.add(k, int32(g), o.round)
		}
		return g
	}
	if !c.sorted {
		slices.Sort(c.keys)
		c.keys = slices.Compact(c.keys)
		c.sorted = true
	}
	for _, k := range keys {
		if at, found := slices.BinarySearch(c.keys, k); !found {
			c.keys = slices.Insert(c.keys, at, k)
			o.postings.add(k, int32(g), o.round)
		}
	}
	return g
}

// release lets go the buffers of all scorers, which are as large as the
// vocabulary and would stay in a State for as long as it lives: to
// scorerPool, for the next clustering, which will need as large ones.
func (o *online) release() {
	if scorers := o.scorers; len(scorers) > 0 {
		scorerPool.Put(&scorers)
	}
	o.scorers = nil
}

// scorerPool holds the scorers that online clusterings let go, all zero.
// Clustering the proto-events into stories follows clustering the
// articles into them, and making its scorers' dense arrays again touched
// tens of megabytes of fresh memory.
var scorerPool sync.Pool

// copyShared gives the centroids of clusters from g0 on that share the
// term ids of their only member's vectors copies of them, on workers
// goroutines: those ids are cut from large arrays that the other vectors
// made with them no longer need.
func (o *online) copyShared(g0, workers int) {
	groups := o.groups[g0:]
	const block = 1024
	parallel(workers, (len(groups)+block-1)/block, func(_, b int) {
		for _, c := range groups[b*block : min((b+1)*block, len(groups))] {
			if c.cents == nil {
				continue
			}
			for s := range c.cents {
				if x := &c.cents[s]; x.shared {
					x.sum.ids = slices.Clone(x.sum.ids)
				}
			}
		}
	})
}

// strip lets go of all that o holds but its clusters' members and dates,
// once no more items are to come: the centroids, the index and the
// scorers' buffers would otherwise stay alive as long as o.
func (o *online) strip() {
	for _, c := range o.groups {
		c.cents, c.pend, c.keys = nil, nil, nil
	}
	o.postings, o.changed, o.dirty = postings{}, nil, nil
	o.release()
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
func (o *online) flushDirty(workers int) {
	dirty := o.dirty
	parallel(workers, len(dirty), func(_, k int) {
		o.flush(o.groups[dirty[k]])
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
	terms []termPostings
	lists [][]int32
	// pairs is room for new lists of two clusters, many lists' length
	// for good, cut from blocks as clusters' keys are (see spare).
	pairs []int32
}

// termPostings are the postings of one term: head is 0 for no cluster,
// g+1 for cluster g alone, or -(i+1) for the clusters in lists[i]. round
// is the last window of assign in which clusters were added, and from how
// many it held before that window, or lost if the oldest were forgotten
// in it: the clusters added in that window are the last ones. Kept side
// by side, the three are read from memory at once.
type termPostings struct {
	head, round, from int32
}

// lost is the from of a term whose postings forgot clusters in the window.
const lost = -1

// grow makes room for the postings of n terms at once.
func (p *postings) grow(n int) {
	if len(p.terms) < n {
		p.terms = append(p.terms, make([]termPostings, n-len(p.terms))...)
	}
}

// of returns the clusters holding term id; one is the room for a single
// cluster.
func (p *postings) of(id int32, one *[1]int32) []int32 {
	if int(id) >= len(p.terms) {
		return nil
	}
	return p.list(p.terms[id].head, one)
}

func (p *postings) list(head int32, one *[1]int32) []int32 {
	switch {
	case head > 0:
		one[0] = head - 1
		return one[:]
	case head < 0:
		return p.lists[-head-1]
	}
	return nil
}

// touch reads the postings of the terms keys and returns their sum, for
// the caller to keep: read so, with no branch on what is read, they are
// fetched from memory at once, where reading them one after another
// waits for each in turn.
func (p *postings) touch(keys []int32) int32 {
	var sum int32
	for _, k := range keys {
		if int(k) < len(p.terms) {
			sum += p.terms[k].head
		}
	}
	return sum
}

// touchLists is touch for the first cluster of each list of the terms
// keys, once their postings are read, for reading the lists from the
// start.
func (p *postings) touchLists(keys []int32) int32 {
	if len(p.lists) == 0 {
		return 0
	}
	var sum int32
	for _, k := range keys {
		if int(k) < len(p.terms) {
			// The list of head -(i+1), or the first one when head
			// names no list.
			h := p.terms[k].head
			sum += p.lists[(-h-1)&(h>>31)][0]
		}
	}
	return sum
}

// added returns the clusters added to the postings of term id in window
// round, and false when some were forgotten in it.
func (p *postings) added(id, round int32, one *[1]int32) ([]int32, bool) {
	if int(id) >= len(p.terms) {
		return nil, true
	}
	t := p.terms[id]
	if t.round != round {
		return nil, true
	}
	if t.from == lost {
		return nil, false
	}
	return p.list(t.head, one)[t.from:], true
}

// add records that cluster g holds term id, in window round, forgetting
// the oldest postingCap clusters when more than twice that many do. The
// last cluster added again is not added twice.
func (p *postings) add(id, g, round int32) {
	if n := int(id) + 1; len(p.terms) < n {
		p.grow(max(n, len(p.terms)*5/4))
	}
	t := &p.terms[id]
	if t.round != round {
		var one [1]int32
		t.round, t.from = round, int32(len(p.list(t.head, &one)))
	}
	switch h := t.head; {
	case h == 0:
		t.head = g + 1
	case h == g+1:
	case h > 0:
		l := cut(&p.pairs, 2, 1<<14)
		l[0], l[1] = h-1, g
		p.lists = append(p.lists, l)
		t.head = -int32(len(p.lists))
	case p.lists[-h-1][len(p.lists[-h-1])-1] != g:
		l := append(p.lists[-h-1], g)
		if len(l) > 2*postingCap {
			l = append([]int32(nil), l[len(l)-postingCap:]...)
			t.from = lost
		}
		p.lists[-h-1] = l
	}
}

// window is how many items assign scores ahead at once.
const window = 256

// aheadWindows is how many windows of items assign keeps made: the one
// being placed and those after it, made by the goroutines that would
// otherwise wait for it.
const aheadWindows = 4

// assign clusters the items of order, in that order, writing the cluster
// of each into of. first(w, i, it, keys) writes item i into it and
// appends its index terms to keys, returning the extended slice: it is
// called once for each item, on several goroutines at once, w numbering
// the goroutine, below workerCount(o.workers, min(len(order), window)).
// It runs while earlier items are scored and placed, so it must not read
// what placing changes. get(i) returns item i again, for remaking the
// centroids of a cluster that were let go, also on several goroutines at
// once, while later items are made. Items with the same root must
// share a cluster: the first of them to come is scored, and the others
// join its cluster without scoring. rootGroup holds the cluster of each
// root placed so far, -1 for none, and is updated.
//
// Scoring an item against its candidates does not depend on the order
// as long as the candidates do not change, and is most of the work: a
// window of items is scored ahead on o.workers goroutines, against the
// clusters as they are before it, then the items are placed one by one,
// in order, each finding its candidates again only if the postings of one
// of its index terms changed in the window, and scoring afresh only the
// candidates that changed in the window. The result is the same as
// scoring every item in turn. Placing is serial: while it goes on, and
// whenever a goroutine finds nothing left to score while another still
// scores, the idle goroutines make the items of the windows to come (see
// maker), so that neither core waits on the other. The goroutines live as
// long as assign, rather than one for each window and step, as waking a
// new one costs more than most of the steps it would take.
func (o *online) assign(first func(w, i int, it *item, keys []int32) []int32, get func(i int) *item, order []int, root []int, rootGroup []int, of []int) {
	n := min(len(order), window)
	ahead, proposed := make([][]guess, n), make([]bool, n)
	workers := max(workerCount(o.workers, n), 1)
	if len(o.scorers) == 0 {
		if scorers, ok := scorerPool.Get().(*[]scorer); ok {
			o.scorers = *scorers
		}
	}
	for len(o.scorers) < workers {
		o.scorers = append(o.scorers, scorer{})
	}
	for w := range o.scorers {
		// Room for the votes of all the clusters there may be at the end.
		o.scorers[w].votes = zeros(o.scorers[w].votes, len(o.groups)+len(order))
	}
	o.postings.grow(o.terms)
	mk := newMaker(order, first, aheadWindows*window)
	// A window's steps ahead: bringing up to date the clusters placed into
	// in the last window, then scoring the window's items ahead.
	var lo int
	var dirty []int32
	tk := newTasks(workers, func(w, k int) {
		if k < len(dirty) {
			c := o.groups[dirty[k]]
			c.pendMu.Lock()
			o.flush(c)
			c.pendMu.Unlock()
			return
		}
		k -= len(dirty)
		it, keys := mk.at(lo + k)
		ahead[k] = ahead[k][:0]
		if proposed[k] = rootGroup[root[order[lo+k]]] < 0; proposed[k] {
			ahead[k] = o.guesses(ahead[k], &o.scorers[w], it, keys, get)
		}
	})
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tk.help(w, mk)
		}()
	}
	for ; lo < len(order); lo += window {
		hi := min(lo+window, len(order))
		mk.ready(lo, hi)
		o.round++
		o.born = int32(len(o.groups))
		dirty = o.dirty
		tk.run(len(dirty)+hi-lo, mk)
		for _, g := range dirty {
			o.groups[g].queued = false
		}
		o.dirty = dirty[:0]
		for k, i := range order[lo:hi] {
			it, keys := mk.at(lo + k)
			if o.forget && it.lo != undated && it.lo > o.swept {
				o.sweep(it.lo)
			}
			if g := rootGroup[root[i]]; g >= 0 {
				of[i] = o.place(i, it, keys, g)
				continue
			}
			g, s := o.best(it, keys, get, ahead[k], proposed[k])
			if s < o.threshold {
				g = -1
			}
			of[i] = o.place(i, it, keys, g)
			rootGroup[root[i]] = of[i]
		}
		mk.done(hi)
		tk.wake()
	}
	tk.stop()
	wg.Wait()
	o.flushDirty(workers)
}

// tasks hands the steps of a window that assign takes ahead to its
// goroutines, which, between windows, make items (see maker).
type tasks struct {
	do func(w, k int)
	// at holds the number of steps of the current window in its high 32
	// bits and how many were taken in its low ones, so that a goroutine
	// reads both at once.
	at       atomic.Uint64
	finished atomic.Int64
	stopped  atomic.Bool
	wakes    []chan struct{} // one for each helping goroutine, w-1
}

func newTasks(workers int, do func(w, k int)) *tasks {
	t := &tasks{do: do, wakes: make([]chan struct{}, workers-1)}
	for i := range t.wakes {
		t.wakes[i] = make(chan struct{}, 1)
	}
	return t
}

// take takes a step, if one is left, and returns its number.
func (t *tasks) take() (int, bool) {
	for {
		v := t.at.Load()
		if k, n := uint32(v), uint32(v>>32); k >= n {
			return 0, false
		}
		if t.at.CompareAndSwap(v, v+1) {
			return int(uint32(v)), true
		}
	}
}

// run takes n steps, numbered from 0, as goroutine 0, with the help of
// the others, and returns once all are taken and done. It makes items
// while it waits for the last ones.
func (t *tasks) run(n int, mk *maker) {
	t.finished.Store(0)
	t.at.Store(uint64(n) << 32)
	t.wake()
	spins := 0
	for {
		if k, ok := t.take(); ok {
			t.do(0, k)
			t.finished.Add(1)
			continue
		}
		if t.finished.Load() == int64(n) {
			return
		}
		if !mk.one(0) {
			idle(&spins, mk.told)
		}
	}
}

// help takes steps, or else makes items, as goroutine w until stop is
// called. Having nothing to do for a while, it sleeps until woken.
func (t *tasks) help(w int, mk *maker) {
	spins := 0
	for !t.stopped.Load() {
		if k, ok := t.take(); ok {
			t.do(w, k)
			t.finished.Add(1)
			mk.notify()
			spins = 0
			continue
		}
		if mk.one(w) {
			spins = 0
			continue
		}
		idle(&spins, t.wakes[w-1])
	}
}

// idleSpins is how many times a goroutine of assign looks for something
// to do, or for the others to finish, before it sleeps: waking it costs
// tens of microseconds, but each look costs a fraction of one. Sleeping,
// it leaves the processor to the goroutine it waits for, which the system
// may not be running.
const idleSpins = 200

// wake wakes the helping goroutines that sleep, for there may be steps to
// take or items to make.
func (t *tasks) wake() {
	for _, c := range t.wakes {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// stop ends help.
func (t *tasks) stop() {
	t.stopped.Store(true)
	t.wake()
}

// maker makes the items of assign ahead of their windows, into a ring of
// slots, the goroutines that have nothing else to do taking the next item
// in order: an item is made once its slot is free, the items of the
// window being placed and those after it holding the others.
type maker struct {
	order []int
	first func(w, i int, it *item, keys []int32) []int32
	items []item // by position in order modulo the ring's size
	keys  [][]int32
	made  []atomic.Int64 // the position plus one of the item made in each slot
	taken atomic.Int64   // how many items were taken to be made
	limit atomic.Int64   // how many items may be taken, as slots are free
	// told holds a token once a helping goroutine has finished an item or
	// a step since goroutine 0 last took one, for it to wait on.
	told chan struct{}
}

func newMaker(order []int, first func(w, i int, it *item, keys []int32) []int32, size int) *maker {
	size = max(min(size, len(order)), 1)
	m := &maker{order: order, first: first, items: make([]item, size), keys: make([][]int32, size), made: make([]atomic.Int64, size), told: make(chan struct{}, 1)}
	m.limit.Store(int64(min(size, len(order))))
	return m
}

// at returns the item at position p of the order and its index terms,
// once made.
func (m *maker) at(p int) (*item, []int32) {
	s := p % len(m.items)
	return &m.items[s], m.keys[s]
}

// one makes the next item not yet taken, as goroutine w, and reports
// whether there was one free to take.
func (m *maker) one(w int) bool {
	for {
		p := m.taken.Load()
		if p >= m.limit.Load() {
			return false
		}
		if m.taken.CompareAndSwap(p, p+1) {
			s := int(p) % len(m.items)
			m.keys[s] = m.first(w, m.order[p], &m.items[s], m.keys[s][:0])
			m.made[s].Store(p + 1)
			if w > 0 {
				m.notify()
			}
			return true
		}
	}
}

// ready makes the items from position lo to hi not yet taken, as
// goroutine 0, and waits for those that others are making.
func (m *maker) ready(lo, hi int) {
	for m.taken.Load() < int64(hi) && m.one(0) {
	}
	spins := 0
	for p := lo; p < hi; p++ {
		for m.made[p%len(m.items)].Load() != int64(p+1) {
			idle(&spins, m.told)
		}
	}
}

// notify tells goroutine 0 that a helping one finished an item or a step.
func (m *maker) notify() {
	select {
	case m.told <- struct{}{}:
	default:
	}
}

// idle is one wait of a goroutine of assign with nothing to do: it
// yields, counting in spins, and after idleSpins of those sleeps until
// woken through wake. Goroutine 0 waits so for a helping goroutine to
// finish an item or a step (wake is the maker's told), a helping one for
// steps to take or items to make (its channel of tasks.wakes). A token
// may be stale, so the caller looks again after each wait.
func idle(spins *int, wake <-chan struct{}) {
	if *spins++; *spins < idleSpins {
		runtime.Gosched()
		return
	}
	<-wake
	*spins = 0
}

// done frees the slots of the items before position hi, which are placed.
func (m *maker) done(hi int) {
	m.limit.Store(int64(min(hi+len(m.items), len(m.order))))
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

// sweep lets go the centroids of the one-member clusters that an item of
// day or later cannot reach: those whose last day is so much earlier that
// the time decay keeps any score below the threshold. Items come in date
// order, so the centroids of all but the last few days' clusters are
// garbage; an undated item, or a later batch of older items, makes those
// it needs again. Kept for every cluster, centroids took half as much
// memory as the articles' own vectors. Those of clusters of several
// members are kept: they are a small share of that memory, and summing
// them again, when the next level clusters the clusters, cost more than
// all the rest of making its items.
func (o *online) sweep(day int) {
	o.swept = day
	reach, ok := o.reach()
	if !ok {
		return
	}
	for _, c := range o.groups {
		if c.hi != undated && c.hi < day-reach && len(c.members) == 1 {
			c.cents, c.pend = nil, nil
		}
	}
}

// reach returns the most days apart that a dated item and a dated cluster
// can be and still score at or above the threshold, and false when there
// is no such bound.
func (o *online) reach() (int, bool) {
	if o.sigma == 0 || o.threshold <= 0 {
		return 0, false
	}
	for d := 0; d < 1<<16; d++ {
		if o.total*o.decay(0, 0, d+1, d+1) < o.threshold {
			return d, true
		}
	}
	return 0, false
}
