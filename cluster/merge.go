package cluster

import (
	"math"
	"slices"
)

// localWeights returns, for the articles of one story, a weight for every
// term: terms that most of the story's articles share say what the story
// is about but not which of its events an article reports, and terms that
// only one article uses are noise at this level; the terms that tell events
// apart are those shared by some of the articles. df counts the story's
// articles holding each term. The story's counts are smoothed with prior
// pseudo-articles that hold terms at their collection-wide rate, so that a
// story of two articles is weighed much as the collection would weigh it.
// The counts are kept in c, all zero, until release.
func localWeights(v *vocabulary, members []*item, prior float64, c *counts) *storyWeights {
	w := &storyWeights{v: v, prior: prior, n: float64(len(members)) + prior, counts: c}
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

// weight returns the local weight of term id.
func (w *storyWeights) weight(id int32) float64 {
	d := float64(w.df[id]) + w.prior*float64(w.v.df[id])/float64(max(w.v.docs, 1))
	return max(0.1, 1-d/w.n) * min(1, d/2)
}

// release sets w's counts back to zero, for reuse; w must not be used
// after.
func (w *storyWeights) release() {
	for _, id := range w.touched {
		w.df[id], w.stamp[id] = 0, 0
	}
	w.touched = w.touched[:0]
	w.counts = nil
}

// storyScratch holds what merging the articles of a story needs, reused
// from one story to the next: the articles' items and their id arrays,
// the story's term counts (see localWeights), the members' weights made
// local (see reweight), and the matrix of the parts' similarities and the
// dense array, all zero, that similarities spreads vectors into. The
// counts and the dense array are as long as the vocabulary.
type storyScratch struct {
	items   []item
	members []*item
	ids     []int32
	counts  counts
	ws      []float32
	sim     []float64
	dense   []float32
}

// reweight returns x with each term's weight multiplied by f(id), at unit
// length, the weights cut from the front of *ws, which must have room for
// them.
func reweight(x vec, f func(int32) float64, ws *[]float32) vec {
	y := vec{ids: x.ids, ws: (*ws)[:len(x.ws):len(x.ws)]}
	*ws = (*ws)[len(x.ws):]
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
// Its buffers are cut from sc's.
func mergeAverage(members []*item, parts [][]int, f func(int32) float64, l level, growth, attach float64, sc *storyScratch) []int {
	m := len(parts)
	o := &online{level: l}
	terms := 0
	for _, part := range parts {
		for _, i := range part {
			for s, x := range members[i].vecs {
				if l.weights[s] != 0 {
					terms += len(x.ws)
				}
			}
		}
	}
	sc.ws = slices.Grow(sc.ws[:0], terms)[:terms]
	ws := sc.ws
	units := make([][nSpaces]vec, m)
	los, his := make([]int, m), make([]int, m)
	for p, part := range parts {
		los[p], his[p] = undated, undated
		if len(part) == 1 {
			it := members[part[0]]
			for s := range it.vecs {
				if l.weights[s] != 0 {
					units[p][s] = reweight(it.vecs[s], f, &ws)
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
					c[s].add(reweight(it.vecs[s], f, &ws))
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
	sim := similarities(units, l.weights, sc) // sum over pairs of units of their similarity
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

// similarities returns the matrix of weighted sums of sub-vector dot
// products between units, its rows cut from sc's. Each unit's vector is
// spread into a dense array once, so each pair costs one pass over the
// other unit's terms.
func similarities(units [][nSpaces]vec, weights [nSpaces]float64, sc *storyScratch) [][]float64 {
	m := len(units)
	sc.sim = slices.Grow(sc.sim[:0], m*m)[:m*m]
	clear(sc.sim)
	sim := make([][]float64, m)
	for p := range sim {
		sim[p] = sc.sim[p*m : (p+1)*m : (p+1)*m]
	}
	var top int32 = -1
	for p := range units {
		for s := range units[p] {
			if ids := units[p][s].ids; len(ids) > 0 {
				top = max(top, ids[len(ids)-1])
			}
		}
	}
	sc.dense = zeros(sc.dense, int(top)+1)
	dense := sc.dense
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
