package cluster

import (
	"math"
	"testing"
)

// unit returns a one-space item whose body vector is the unit vector of ws
// over term ids 0, 1, ...
func unit(lo int, ws ...float32) *item {
	var norm float64
	for _, w := range ws {
		norm += float64(w) * float64(w)
	}
	it := &item{lo: lo, hi: lo}
	for id, w := range ws {
		if w != 0 {
			it.vecs[spaceBody].ids = append(it.vecs[spaceBody].ids, int32(id))
			it.vecs[spaceBody].ws = append(it.vecs[spaceBody].ws, float32(float64(w)/math.Sqrt(norm)))
		}
	}
	return it
}

func TestMergeAverage(t *testing.T) {
	one := func(int32) float64 { return 1 }
	l := level{weights: [nSpaces]float64{spaceBody: 1}, threshold: 0.5, sigma: 1}
	// a and b share most of their weight (cos 0.8); c is orthogonal.
	a, b, c := unit(undated, 1, 0.5, 0), unit(undated, 1, 0, 0.5), unit(undated, 0, 0, 0, 1)
	got := mergeAverage([]*item{a, b, c}, [][]int{{0}, {1}}, one, l, 0, 0, &storyScratch{})
	if got[0] != got[1] {
		t.Errorf("a and b apart: %v", got)
	}
	got = mergeAverage([]*item{a, b, c}, [][]int{{0}, {1}, {2}}, one, l, 0, 0, &storyScratch{})
	if got[0] != got[1] || got[2] == got[0] {
		t.Errorf("want {a b} {c}, got %v", got)
	}
	// Dated three days apart with sigma 1, a and b stay apart: 0.8 ×
	// exp(-4.5) is far below the threshold.
	a2, b2 := unit(0, 1, 0.5, 0), unit(3, 1, 0, 0.5)
	got = mergeAverage([]*item{a2, b2}, [][]int{{0}, {1}}, one, l, 0, 0, &storyScratch{})
	if got[0] == got[1] {
		t.Errorf("days apart merged: %v", got)
	}
	// An undated item between them goes with the closer one, and the
	// merged cluster's dates then keep the other out.
	mid := unit(undated, 1, 0.4, 0)
	got = mergeAverage([]*item{a2, b2, mid}, [][]int{{0}, {1}, {2}}, one, l, 0, 0, &storyScratch{})
	if got[2] != got[0] || got[1] == got[0] {
		t.Errorf("undated item: %v", got)
	}
	// A part is one unit whatever its size: three copies of a vote once.
	got = mergeAverage([]*item{a, a, a, b}, [][]int{{0, 1, 2}, {3}}, one, l, 0, 0, &storyScratch{})
	if got[0] != got[1] {
		t.Errorf("family and b apart: %v", got)
	}
	// Attach: c' weakly similar to the {a, b} cluster joins it at a lower
	// threshold.
	c2 := unit(undated, 1, 0, 0, 1.6)
	if got = mergeAverage([]*item{a, b, c2}, [][]int{{0}, {1}, {2}}, one, l, 0, 0, &storyScratch{}); got[2] == got[0] {
		t.Errorf("c' merged without attach: %v", got)
	}
	if got = mergeAverage([]*item{a, b, c2}, [][]int{{0}, {1}, {2}}, one, l, 0, 0.5, &storyScratch{}); got[2] != got[0] {
		t.Errorf("c' not attached: %v", got)
	}
}

func TestLocalWeights(t *testing.T) {
	v := newVocabulary()
	v.docs = 100
	v.df = []int32{50, 1, 1}
	// Term 0 in all four articles, term 1 in two, term 2 in one.
	members := []*item{unit(0, 1, 1, 1), unit(0, 1, 1), unit(0, 1), unit(0, 1)}
	f := localWeights(v, members, 0, &counts{}).weight
	if got := f(0); got != 0.1 {
		t.Errorf("shared by all: %v, want the floor 0.1", got)
	}
	if got := f(1); got != 0.5 {
		t.Errorf("shared by half: %v, want 0.5", got)
	}
	if got := f(2); got != 0.375 {
		t.Errorf("in one article: %v, want 0.75 × 0.5", got)
	}
	// The prior pulls a small story toward collection-wide rates.
	g := localWeights(v, members, 4, &counts{}).weight
	if got, want := g(0), (1-(4+2.0)/8)*1; math.Abs(got-want) > 1e-12 {
		t.Errorf("with prior: %v, want %v", got, want)
	}
}

func TestVocabularyIncremental(t *testing.T) {
	v := newVocabulary()
	v.observeAll([]features{v.features(v.read("Quake hits Iran", "A quake hit Qeshm island."))}, 1)
	idf1 := v.idf(v.terms.lookup([]byte("quake")))
	v.observeAll([]features{v.features(v.read("Quake", "Another quake."))}, 1)
	v.observeAll([]features{v.features(v.read("Talks", "Kim met Putin."))}, 1)
	if v.docs != 3 || v.df[v.terms.lookup([]byte("quake"))] != 2 || v.df[v.terms.lookup([]byte(entityPrefix+"iran"))] != 1 {
		t.Errorf("docs %d, df quake %d, df Iran %d", v.docs, v.df[v.terms.lookup([]byte("quake"))], v.df[v.terms.lookup([]byte(entityPrefix+"iran"))])
	}
	if idf2 := v.idf(v.terms.lookup([]byte("quake"))); idf2 <= idf1-1 || idf2 >= idf1+1 {
		t.Errorf("idf moved from %v to %v", idf1, idf2)
	}
}

func TestOnline(t *testing.T) {
	o := newOnline(level{weights: [nSpaces]float64{spaceBody: 1}, threshold: 0.5, sigma: 2, candidates: 4})
	items := []item{*unit(0, 1, 0.5), *unit(1, 1, 0.4), *unit(0, 0, 0, 1), *unit(30, 1, 0.5), *unit(undated, 0, 0, 1, 0.1)}
	// Item 4 is forced to share item 0's cluster.
	got := make([]int, len(items))
	get := func(i int) *item { return &items[i] }
	o.assign(firstOf(get), get, []int{0, 1, 2, 3, 4}, []int{0, 1, 2, 3, 0}, []int{-1, -1, -1, -1, -1}, got)
	want := []int{0, 0, 1, 2, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("clusters %v, want %v", got, want)
		}
	}
	if g := o.groups[0]; g.lo != 0 || g.hi != 1 || len(g.members) != 3 {
		t.Errorf("cluster 0: dates %d..%d, members %v", g.lo, g.hi, g.members)
	}
	// Item 3 was a month later: same words, a new cluster. Another, two
	// months later, has no candidate: the index proposes the old clusters,
	// but they are too far in time to reach the threshold.
	later := unit(90, 1, 0.5)
	if c, _ := o.best(later, later.appendKeys(nil), nil, nil, false); c >= 0 {
		t.Errorf("two months later: candidate %d", c)
	}
	soon := unit(31, 1, 0.5)
	if c, s := o.best(soon, soon.appendKeys(nil), nil, nil, false); c != 2 || s < 0.5 {
		t.Errorf("next day: best %d score %v, want 2", c, s)
	}
}
