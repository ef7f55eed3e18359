package cluster

import (
	"math"
	"sync"
)

// localWeights returns, for the articles of one story, a weight for every
// term: terms that most of the story's articles share say what the story
// is about but not which of its events an article reports, and terms that
// only one article uses are noise at this level; the terms that tell events
// apart are those shared by some of the articles. df counts the story's
// articles holding each term. The story's counts are smoothed with prior
// pseudo-articles that hold terms at their collection-wide rate, so that a
// story of two articles is weighed much as the collection would weigh it.
func localWeights(v *vocabulary, members []*item, prior float64) *storyWeights {
	w := &storyWeights{v: v, prior: prior, n: float64(len(members)) + prior}
	if c, ok := countScratch.Get().(*counts); ok {
		w.counts = c
	} else {
		w.counts = &counts{}
	}
	if n := len(v.df); len(w.df) < n {
		w.df = append(w.df, make([]int32, n-len(w.df))...)
		w.stamp = append(w.stamp, make([]int32, n-len(w.stamp))...)
	}
	for m, it := range members {
		for s := range it.vecs {
			for _, id := range it.vecs[s].ids {
				if w.stamp[id] != int32(m+1) {
					if w.stamp[id] == 0 {
						w.touched = append(w.touched, id)
					}
					w.stamp[id] = int32(m + 1)
					w.df[id]++
				}
			}
		}
	}
	return w
}

// storyWeights are the term weights local to one story; see localWeights.
type storyWeights struct {
	v        *vocabulary
	prior, n float64
	*counts
}

// counts are per-term counts over a story: df counts the story's articles
// holding each term, stamp is the last article counted for it, and touched
// lists the terms whose counts are not zero.
type counts struct {
	df, stamp, touched []int32
}

// countScratch holds all-zero counts for localWeights to reuse.
var countScratch sync.Pool

// weight returns the local weight of term id.
func (w *storyWeights) weight(id int32) float64 {
	d := float64(w.df[id]) + w.prior*float64(w.v.df[id])/float64(max(w.v.docs, 1))
	return max(0.1, 1-d/w.n) * min(1, d/2)
}

// release returns w's counts for reuse; w must not be used after.
func (w *storyWeights) release() {
	for _, id := range w.touched {
		w.df[id], w.stamp[id] = 0, 0
	}
	w.touched = w.touched[:0]
	countScratch.Put(w.counts)
	w.counts = nil
}

// reweight returns x with each term's weight multiplied by f(id), at unit
// length.
func reweight(x vec, f func(int32) float64) vec {
	y := vec{ids: x.ids, ws: make([]float32, len(x.ws))}
	var norm float64
	for i, id := range x.ids {
		w := float64(x.ws[i]) * f(id)
		y.ws[i] = float32(w)
		norm += w * w
	}
	if norm > 0 {
		s := float32(1 / math.Sqrt(norm))
		for i := range y.ws {
			y.ws[i] *= s
		}
	}
	return y
}

// mergeAverage merges clusters by average linkage. parts are the initial
// clusters (lists of indexes into members), each a unit: a family of
// duplicates and versions counts as one voice, by its centroid. The two
// clusters whose units are most similar on average, with the story's local
// term weights, merge until no pair reaches the level's threshold. The
// time decay applies between whole clusters' date ranges, so an undated
// article takes the dates of the cluster it joins. The average is divided
// by the smaller cluster's size to the power growth: two large clusters
// that have not merged yet are most often two events of one kind, whose
// shared vocabulary lifts their average, so they need more evidence. Last,
// when attach > 0, a unit left alone joins the cluster it is most similar
// to on average if that similarity reaches attach times the threshold and
// their dates overlap (or either has none): a short or odd report of an
// event is less similar to its siblings than they are to each other, but a
// report from another day is more likely another event. It returns the
// final cluster of every part.
//
// Each cluster remembers its best partner among the later ones, so a merge
// only rescores the pairs it changed: the cost is quadratic in the number
// of parts in practice (cubic at worst), and callers bound that number.
func mergeAverage(members []*item, parts [][]int, f func(int32) float64, l level, growth, attach float64) []int {
	m := len(parts)
	o := &online{level: l}
	units := make([][nSpaces]vec, m)
	los, his := make([]int, m), make([]int, m)
	for p, part := range parts {
		los[p], his[p] = undated, undated
		if len(part) == 1 {
			it := members[part[0]]
			for s := range it.vecs {
				if l.weights[s] != 0 {
					units[p][s] = reweight(it.vecs[s], f)
				}
			}
			los[p], his[p] = it.lo, it.hi
			continue
		}
		var c [nSpaces]centroid
		for _, i := range part {
			it := members[i]
			for s := range it.vecs {
				if l.weights[s] != 0 {
					c[s].add(reweight(it.vecs[s], f))
				}
			}
			los[p], his[p] = widen(los[p], his[p], it.lo, it.hi)
		}
		for s := range c {
			units[p][s] = c[s].vector()
		}
	}
	size := make([]float64, m)
	for p := range size {
		size[p] = 1
	}
	sim := similarities(units, l.weights) // sum over pairs of units of their similarity
	alive := make([]bool, m)
	of := make([]int, m)
	for p := range alive {
		alive[p] = true
		of[p] = p
	}
	avg := func(p, q int) float64 {
		return sim[p][q] / (size[p] * size[q]) * o.decay(los[p], his[p], los[q], his[q]) / math.Pow(min(size[p], size[q]), growth)
	}
	// bestQ[p] is p's best partner q > p (ties to the first), or -1.
	bestQ, bestA := make([]int, m), make([]float64, m)
	rescore := func(p int) {
		bestQ[p], bestA[p] = -1, 0
		for q := p + 1; q < m; q++ {
			if !alive[q] {
				continue
			}
			if a := avg(p, q); bestQ[p] < 0 || a > bestA[p] {
				bestQ[p], bestA[p] = q, a
			}
		}
	}
	for p := range m {
		rescore(p)
	}
	for {
		bp, best := -1, l.threshold
		for p := range m {
			if alive[p] && bestQ[p] >= 0 && bestA[p] >= best && (bp < 0 || bestA[p] > best) {
				bp, best = p, bestA[p]
			}
		}
		if bp < 0 {
			break
		}
		bq := bestQ[bp]
		alive[bq] = false
		size[bp] += size[bq]
		los[bp], his[bp] = widen(los[bp], his[bp], los[bq], his[bq])
		for r := range m {
			sim[bp][r] += sim[bq][r]
			sim[r][bp] = sim[bp][r]
		}
		for p := range of {
			if of[p] == bq {
				of[p] = bp
			}
		}
		for r := range bp {
			if !alive[r] {
				continue
			}
			if bestQ[r] == bp || bestQ[r] == bq {
				rescore(r)
			} else if a := avg(r, bp); bestQ[r] < 0 || a > bestA[r] || a == bestA[r] && bp < bestQ[r] {
				bestQ[r], bestA[r] = bp, a
			}
		}
		rescore(bp)
		for r := bp + 1; r < bq; r++ {
			if alive[r] && bestQ[r] == bq {
				rescore(r)
			}
		}
	}
	join := map[int]int{}
	for p := range m {
		if attach <= 0 || !alive[p] || size[p] != 1 {
			continue
		}
		bq, best := -1, attach*l.threshold
		for q := range m {
			if q == p || !alive[q] || size[q] < 2 || o.decay(los[p], his[p], los[q], his[q]) < 1 {
				continue
			}
			if a := sim[p][q] / size[q]; a >= best && (bq < 0 || a > best) {
				bq, best = q, a
			}
		}
		if bq >= 0 {
			join[p] = bq
		}
	}
	for p := range of {
		if q, ok := join[of[p]]; ok {
			of[p] = q
		}
	}
	return of
}

// denseScratch holds all-zero dense vectors for similarities to reuse.
var denseScratch sync.Pool

// similarities returns the matrix of weighted sums of sub-vector dot
// products between units. Each unit's vector is spread into a dense array
// once, so each pair costs one pass over the other unit's terms.
func similarities(units [][nSpaces]vec, weights [nSpaces]float64) [][]float64 {
	m := len(units)
	sim := make([][]float64, m)
	for p := range sim {
		sim[p] = make([]float64, m)
	}
	var top int32 = -1
	for p := range units {
		for s := range units[p] {
			if ids := units[p][s].ids; len(ids) > 0 {
				top = max(top, ids[len(ids)-1])
			}
		}
	}
	var dense []float32
	if d, ok := denseScratch.Get().(*[]float32); ok {
		dense = *d
	}
	if len(dense) <= int(top) {
		dense = make([]float32, int(top)+1)
	}
	for s, w := range weights {
		if w == 0 {
			continue
		}
		for p := 1; p < m; p++ {
			x := units[p][s]
			for i, id := range x.ids {
				dense[id] = x.ws[i]
			}
			for q := range p {
				y := units[q][s]
				var d float64
				for i, id := range y.ids {
					d += float64(dense[id]) * float64(y.ws[i])
				}
				sim[p][q] += w * d
				sim[q][p] = sim[p][q]
			}
			for _, id := range x.ids {
				dense[id] = 0
			}
		}
	}
	denseScratch.Put(&dense)
	return sim
}

// widen returns the date range [lo, hi] extended to cover [lo2, hi2];
// undated ranges add nothing.
func widen(lo, hi, lo2, hi2 int) (int, int) {
	if lo2 == undated {
		return lo, hi
	}
	if lo == undated {
		return lo2, hi2
	}
	return min(lo, lo2), max(hi, hi2)
}
