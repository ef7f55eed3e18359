package cluster

import (
	"math"
	"slices"
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
	cents   [nSpaces]centroid
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
	postings map[int32][]int32  // term id → clusters holding it, oldest first
	votes    []int32            // scratch: votes per cluster, zero between items
	dense    [nSpaces][]float32 // scratch: the item being scored, zero between items
	cands    []int32            // scratch: clusters sharing an index term with the item
	kept     []int32            // scratch: the candidates scored
	keep     [nSpaces]bool      // which sub-vectors' centroids clusters keep
}

// newOnline returns an empty online clustering at level l. Its clusters
// keep the centroids of the sub-vectors that l or any of next weighs:
// next are the levels that cluster its clusters.
func newOnline(l level, next ...level) *online {
	o := &online{level: l, postings: map[int32][]int32{}}
	for s := range o.keep {
		o.keep[s] = l.weights[s] != 0
		for _, n := range next {
			o.keep[s] = o.keep[s] || n.weights[s] != 0
		}
	}
	return o
}

// keys returns the index terms of it: its heaviest body and entity terms.
func (it *item) keys() []int32 {
	k := it.vecs[spaceBody].top(keyTerms)
	k = append(k, it.vecs[spaceEntities].top(keyTerms)...)
	return k
}

// best returns the best-scoring candidate cluster for it, whose index
// terms are keys, and its score, or -1 when no candidate can reach the
// threshold.
func (o *online) best(it *item, keys []int32) (int, float64) {
	if len(o.votes) < len(o.groups) {
		o.votes = append(o.votes, make([]int32, len(o.groups)-len(o.votes))...)
	}
	var total float64
	for _, w := range o.weights {
		total += w
	}
	cands, kept := o.cands[:0], o.kept[:0]
	defer func() { o.cands, o.kept = cands, kept }()
	for _, k := range keys {
		for _, g := range o.postings[k] {
			if o.votes[g] == 0 {
				cands = append(cands, g)
			}
			o.votes[g]++
		}
	}
	// The candidates are the clusters sharing the most index terms with the
	// item, ties to the oldest, kept in order in a buffer.
	before := func(a, b int32) bool {
		return o.votes[a] > o.votes[b] || o.votes[a] == o.votes[b] && a < b
	}
	limit := max(o.candidates, 1)
	for _, g := range cands {
		kept = keepTop(kept, g, limit, before)
	}
	for _, g := range cands {
		o.votes[g] = 0
	}
	// Those too far in time to reach the threshold cannot win.
	reachable := kept[:0]
	for _, g := range kept {
		c := o.groups[g]
		if total*o.decay(it.lo, it.hi, c.lo, c.hi) >= o.threshold {
			reachable = append(reachable, g)
		}
	}
	kept = reachable
	if len(kept) == 0 {
		return -1, 0
	}
	// The item is spread into dense arrays, so that scoring a cluster costs
	// one pass over the cluster's terms.
	for s, w := range o.weights {
		x := it.vecs[s]
		if w == 0 || len(x.ids) == 0 {
			continue
		}
		if n := int(x.ids[len(x.ids)-1]) + 1; len(o.dense[s]) < n {
			o.dense[s] = append(o.dense[s], make([]float32, n-len(o.dense[s]))...)
		}
		for i, id := range x.ids {
			o.dense[s][id] = x.ws[i]
		}
	}
	best, bestScore := -1, 0.0
	for _, g := range kept {
		s := o.score(it, o.groups[g])
		if best < 0 || s > bestScore || s == bestScore && int(g) < best {
			best, bestScore = int(g), s
		}
	}
	for s, w := range o.weights {
		if w != 0 {
			for _, id := range it.vecs[s].ids {
				o.dense[s][id] = 0
			}
		}
	}
	return best, bestScore
}

// score is the similarity of it, spread into o.dense, with cluster g: a
// weighted sum of sub-vector cosines, damped by a Gaussian of the days
// between their dates.
func (o *online) score(it *item, g *group) float64 {
	var s float64
	for i, w := range o.weights {
		if w != 0 && len(it.vecs[i].ids) > 0 {
			s += w * g.cents[i].cosDense(o.dense[i])
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
// cluster when g < 0, and returns the cluster.
func (o *online) place(i int, it *item, keys []int32, g int) int {
	if g < 0 {
		g = len(o.groups)
		o.groups = append(o.groups, &group{lo: undated, hi: undated})
	}
	c := o.groups[g]
	for s := range c.cents {
		if o.keep[s] {
			c.cents[s].add(it.vecs[s])
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
		p := append(o.postings[k], int32(g))
		if len(p) > 2*postingCap {
			p = append([]int32(nil), p[len(p)-postingCap:]...)
		}
		o.postings[k] = p
	}
	return g
}

// assign clusters the items of order, in that order, writing the cluster
// of each into of. Items with the same root must share a cluster: the
// first of them to come is scored, and the others join its cluster without
// scoring. rootGroup holds the cluster of each root placed so far, -1 for
// none, and is updated.
func (o *online) assign(items []item, order []int, root []int, rootGroup []int, of []int) {
	for _, i := range order {
		it := &items[i]
		keys := it.keys()
		if g := rootGroup[root[i]]; g >= 0 {
			of[i] = o.place(i, it, keys, g)
			continue
		}
		g, s := o.best(it, keys)
		if s < o.threshold {
			g = -1
		}
		of[i] = o.place(i, it, keys, g)
		rootGroup[root[i]] = of[i]
	}
}
