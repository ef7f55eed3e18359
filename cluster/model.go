package cluster

import (
	"cmp"
	"math"
	"slices"
)

// vocabulary maps terms to ids and keeps their document frequencies. It
// only grows: adding documents updates it in place, so it can be stored
// and extended as new articles arrive, and every weight it gives can be
// recomputed from it.
type vocabulary struct {
	ids  map[string]int32
	df   []int32
	docs int
	// lower counts the documents that use a word in lower case, to tell
	// a capitalised common word from a name.
	lower map[string]int32
}

// newVocabulary returns an empty vocabulary.
func newVocabulary() *vocabulary {
	return &vocabulary{ids: map[string]int32{}, lower: map[string]int32{}}
}

// observeCase counts the words d uses in lower case.
func (v *vocabulary) observeCase(d doc) {
	for w := range d.lower {
		v.lower[w]++
	}
}

// common reports whether word w is used in lower case by two or more
// documents.
func (v *vocabulary) common(w string) bool { return v.lower[w] >= 2 }

// entityPrefix keeps entity terms apart from body words in one vocabulary.
const entityPrefix = "\x00"

// observe counts the terms of one document.
func (v *vocabulary) observe(f features) {
	v.docs++
	for _, t := range sortedKeys(f.body) {
		v.df[v.id(t)]++
	}
	for _, t := range sortedKeys(f.entities) {
		v.df[v.id(entityPrefix+t)]++
	}
}

// id returns the id of term t, adding it if new.
func (v *vocabulary) id(t string) int32 {
	if id, ok := v.ids[t]; ok {
		return id
	}
	id := int32(len(v.df))
	v.ids[t] = id
	v.df = append(v.df, 0)
	return id
}

// idf is the smoothed inverse document frequency of term id.
func (v *vocabulary) idf(id int32) float64 {
	return math.Log(float64(v.docs+1)/float64(v.df[id]+1)) + 1
}

// vec is a sparse vector: ids in increasing order and their weights.
type vec struct {
	ids []int32
	ws  []float32
}

// vector returns the unit-length TF-IDF vector of counts, with sublinear
// term frequency. Terms are looked up with prefix.
func (v *vocabulary) vector(counts map[string]int, prefix string) vec {
	type term struct {
		id int32
		w  float64
	}
	terms := make([]term, 0, len(counts))
	var norm float64
	for _, t := range sortedKeys(counts) {
		id := v.id(prefix + t)
		w := (1 + math.Log(float64(counts[t]))) * v.idf(id)
		terms = append(terms, term{id, w})
		norm += w * w
	}
	slices.SortFunc(terms, func(a, b term) int { return cmp.Compare(a.id, b.id) })
	x := vec{ids: make([]int32, len(terms)), ws: make([]float32, len(terms))}
	for i, t := range terms {
		x.ids[i] = t.id
		x.ws[i] = float32(t.w / math.Sqrt(norm))
	}
	return x
}

// top returns the ids of the k heaviest terms of x, ties by id.
func (x vec) top(k int) []int32 {
	order := make([]int, len(x.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(x.ws[b], x.ws[a]); c != 0 {
			return c
		}
		return cmp.Compare(x.ids[a], x.ids[b])
	})
	if len(order) > k {
		order = order[:k]
	}
	ids := make([]int32, len(order))
	for i, o := range order {
		ids[i] = x.ids[o]
	}
	return ids
}

// centroid is the running sum of unit vectors, kept as a sparse vector;
// its cosine with a vector is the cosine with the members' mean.
type centroid struct {
	sum   vec
	norm2 float64
}

// add adds x to c, merging the two sorted term lists.
func (c *centroid) add(x vec) {
	a := c.sum
	out := vec{ids: make([]int32, 0, len(a.ids)+len(x.ids)), ws: make([]float32, 0, len(a.ids)+len(x.ids))}
	var dot, self float64
	i, j := 0, 0
	for i < len(a.ids) || j < len(x.ids) {
		switch {
		case j == len(x.ids) || i < len(a.ids) && a.ids[i] < x.ids[j]:
			out.ids, out.ws = append(out.ids, a.ids[i]), append(out.ws, a.ws[i])
			i++
		case i == len(a.ids) || x.ids[j] < a.ids[i]:
			out.ids, out.ws = append(out.ids, x.ids[j]), append(out.ws, x.ws[j])
			self += float64(x.ws[j]) * float64(x.ws[j])
			j++
		default:
			dot += float64(a.ws[i]) * float64(x.ws[j])
			self += float64(x.ws[j]) * float64(x.ws[j])
			out.ids, out.ws = append(out.ids, a.ids[i]), append(out.ws, a.ws[i]+x.ws[j])
			i++
			j++
		}
	}
	c.sum = out
	c.norm2 += 2*dot + self
}

// cos returns the cosine of unit vector x with c.
func (c *centroid) cos(x vec) float64 {
	if c.norm2 <= 0 || len(x.ids) == 0 {
		return 0
	}
	return dot(c.sum, x) / math.Sqrt(c.norm2)
}

// vector returns c's direction as a unit vector, for clustering clusters.
func (c *centroid) vector() vec {
	x := vec{ids: c.sum.ids, ws: make([]float32, len(c.sum.ws))}
	if c.norm2 <= 0 {
		return x
	}
	s := 1 / math.Sqrt(c.norm2)
	for i, w := range c.sum.ws {
		x.ws[i] = float32(float64(w) * s)
	}
	return x
}

func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
