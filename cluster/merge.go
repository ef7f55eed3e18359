package cluster

import (
	"math"
)

// localWeights returns, for the articles of one story, a weight for every
// term: terms that most of the story's articles share say what the story
// is about but not which of its events an article reports, and terms that
// only one article uses are noise at this level; the terms that tell events
// apart are those shared by some of the articles. df counts the story's
// articles holding each term. The story's counts are smoothed with prior
// pseudo-articles that hold terms at their collection-wide rate, so that a
// story of two articles is weighed much as the collection would weigh it.
func localWeights(v *vocabulary, members []*item, prior float64) func(int32) float64 {
	df := map[int32]int{}
	for _, it := range members {
		seen := map[int32]bool{}
		for s := range it.vecs {
			for _, id := range it.vecs[s].ids {
				if !seen[id] {
					seen[id] = true
					df[id]++
				}
			}
		}
	}
	n := float64(len(members)) + prior
	return func(id int32) float64 {
		d := float64(df[id]) + prior*float64(v.df[id])/float64(max(v.docs, 1))
		return max(0.1, 1-d/n) * min(1, d/2)
	}
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

// dot returns the dot product of two sparse vectors.
func dot(a, b vec) float64 {
	var s float64
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += float64(a.ws[i]) * float64(b.ws[j])
			i++
			j++
		}
	}
	return s
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
// final cluster of every part. Cost is cubic in the number of parts, so
// callers bound it.
func mergeAverage(members []*item, parts [][]int, f func(int32) float64, l level, growth, attach float64) []int {
	m := len(parts)
	o := &online{level: l}
	units := make([][nSpaces]vec, m)
	los, his := make([]int, m), make([]int, m)
	for p, part := range parts {
		los[p], his[p] = undated, undated
		var c [nSpaces]centroid
		for _, i := range part {
			it := members[i]
			for s := range it.vecs {
				c[s].add(reweight(it.vecs[s], f))
			}
			los[p], his[p] = widen(los[p], his[p], it.lo, it.hi)
		}
		for s := range c {
			units[p][s] = c[s].vector()
		}
	}
	size := make([]float64, m)
	sim := make([][]float64, m) // sum over pairs of units of their similarity
	for p := range m {
		size[p] = 1
		sim[p] = make([]float64, m)
		for q := range p {
			var x float64
			for s, w := range l.weights {
				if w != 0 {
					x += w * dot(units[p][s], units[q][s])
				}
			}
			sim[p][q], sim[q][p] = x, x
		}
	}
	alive := make([]bool, m)
	of := make([]int, m)
	for p := range alive {
		alive[p] = true
		of[p] = p
	}
	for {
		bp, bq, best := -1, -1, l.threshold
		for p := range m {
			if !alive[p] {
				continue
			}
			for q := p + 1; q < m; q++ {
				if !alive[q] {
					continue
				}
				a := sim[p][q] / (size[p] * size[q]) * o.decay(los[p], his[p], los[q], his[q]) / math.Pow(min(size[p], size[q]), growth)
				if a >= best && (bp < 0 || a > best) {
					bp, bq, best = p, q, a
				}
			}
		}
		if bp < 0 {
			break
		}
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
