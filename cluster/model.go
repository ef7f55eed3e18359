package cluster

import "math"

// vocabulary maps words and terms to ids and keeps their document
// frequencies. It only grows: adding documents updates it in place, so it
// can be stored and extended as new articles arrive, and every weight it
// gives can be recomputed from it.
type vocabulary struct {
	terms strtab // term ids
	df    []int32
	docs  int

	wordIDs strtab // lowercased token → index in words
	words   []word
	// stems are, for each word, the term id of its stem as a content
	// word, or -1 for a stop word, a number or a single letter: apart from
	// words, so that reading the words of articles touches a small array.
	stems []int32
	// workers make articles' vectors, each with its own buffers and
	// arena; the first also finds entities, one article at a time.
	workers []worker
}

// newVocabulary returns an empty vocabulary.
func newVocabulary() *vocabulary {
	return &vocabulary{}
}

// entityPrefix keeps entity terms apart from body words in one vocabulary.
const entityPrefix = "\x00"

// id returns the id of term t, adding it if new.
func (v *vocabulary) id(t []byte) int32 { return v.counted(v.terms.add(t)) }

// counted returns id, a term's id as v.terms added it, first making room
// for the term's count if it was new.
func (v *vocabulary) counted(id int32, added bool) int32 {
	if added {
		v.df = append(doubled(v.df, 1), 0)
	}
	return id
}

// term returns the term of id.
func (v *vocabulary) term(id int32) string { return v.terms.string(id) }

// idf is the smoothed inverse document frequency of term id.
func (v *vocabulary) idf(id int32) float64 {
	return math.Log(float64(v.docs+1)/float64(v.df[id]+1)) + 1
}

// vec is a sparse vector: ids in increasing order and their weights.
type vec struct {
	ids []int32
	ws  []float32
}

// idfs returns the idf of every term, for building many vectors,
// computed on workers goroutines.
func (v *vocabulary) idfs(workers int) []float64 {
	idf := make([]float64, len(v.df))
	parallel(workers, blocks(len(idf)), func(_, b int) {
		for id := b * idBlock; id < min((b+1)*idBlock, len(idf)); id++ {
			idf[id] = v.idf(int32(id))
		}
	})
	return idf
}

// tfidf turns x, a vector of term counts, into the unit-length TF-IDF
// vector of its terms, with sublinear term frequency, given every term's
// idf. It changes x's weights in place.
func tfidf(x vec, idf []float64) {
	for i, c := range x.ws {
		tf := 1.0
		switch n := int(c); {
		case c <= 1:
		case float32(n) == c && n < len(logs):
			tf += logs[n]
		default:
			tf += math.Log(float64(c))
		}
		x.ws[i] = float32(tf * idf[x.ids[i]])
	}
	var norm float64
	for _, w := range x.ws {
		norm += float64(w) * float64(w)
	}
	if norm > 0 {
		s := 1 / math.Sqrt(norm)
		for i, w := range x.ws {
			x.ws[i] = float32(float64(w) * s)
		}
	}
}

// logs are the natural logarithms of the counts most terms have in an
// article, 2 to 63, computed once.
var logs = func() (l [64]float64) {
	for n := 1; n < len(l); n++ {
		l[n] = math.Log(float64(n))
	}
	return l
}()

// keepHeaviest keeps only the k heaviest terms of x (ties by id), in id
// order, moving them to the front of x's arrays, and returns the shortened
// vector. The k-th heaviest weight is found by selection in a copy of the
// weights, and the terms at least as heavy are kept in one pass, the
// first of those just as heavy as needed.
func (x vec) keepHeaviest(k int) vec {
	if len(x.ids) <= k {
		return x
	}
	ws := append(make([]float32, 0, 4*centroidTerms), x.ws...)
	kth := nth(ws, len(ws)-k)
	ties := k // how many as heavy as kth to keep
	for _, w := range x.ws {
		if w > kth {
			ties--
		}
	}
	n := 0
	for i, w := range x.ws {
		if w < kth || w == kth && ties == 0 {
			continue
		}
		if w == kth {
			ties--
		}
		x.ids[n], x.ws[n] = x.ids[i], w
		n++
	}
	return vec{ids: x.ids[:n], ws: x.ws[:n]}
}

// nth returns the value that would be at index n of ws, 0 <= n < len(ws),
// if ws were sorted, reordering ws: a quickselect, in time linear on
// average where sorting would take n log n.
func nth(ws []float32, n int) float32 {
	lo, hi := 0, len(ws)-1
	for lo < hi {
		// Hoare's partition around the middle element's value: ws[lo:j+1]
		// are at most pivot and ws[j+1:hi+1] at least.
		pivot := ws[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for ws[i] < pivot {
				i++
			}
			for ws[j] > pivot {
				j--
			}
			if i <= j {
				ws[i], ws[j] = ws[j], ws[i]
				i++
				j--
			}
		}
		switch {
		case n <= j:
			hi = j
		case n >= i:
			lo = i
		default:
			return ws[n]
		}
	}
	return ws[n]
}

// appendTop appends to dst the ids of the k heaviest terms of x, heaviest
// first, ties by id, and returns the extended slice. Terms are read from
// the last id down: rare words, which weigh most, are mostly learnt late
// and have the highest ids, so the heaviest come first, and most terms
// weigh less than the k-th kept one and cost one comparison.
func (x vec) appendTop(dst []int32, k int) []int32 {
	top := len(dst)
	n := 0           // terms kept, as indexes into x, in dst[top:]
	var last float32 // the weight of the last kept, once k are
	for i := len(x.ws) - 1; i >= 0 && k > 0; i-- {
		w := x.ws[i]
		// A term as heavy as a kept one ranks above it, its id being lower.
		if n == k && !(w >= last) {
			continue
		}
		if n < k {
			dst = append(dst, 0)
			n++
		}
		j := top + n - 1
		for j > top && w >= x.ws[dst[j-1]] {
			dst[j] = dst[j-1]
			j--
		}
		dst[j] = int32(i)
		if n == k {
			last = x.ws[dst[top+k-1]]
		}
	}
	for j := top; j < len(dst); j++ {
		dst[j] = x.ids[dst[j]]
	}
	return dst
}

// centroid is the running sum of unit vectors, kept as a sparse vector of
// at most a bounded number of terms; its cosine with a vector is the
// cosine with the members' mean, as far as its heaviest terms tell.
type centroid struct {
	sum   vec
	norm2 float64 // squared length of sum
	// shared says that sum's arrays are those of the first vector added,
	// which most clusters never grow past, and must be copied before they
	// change.
	shared bool
}

// centroidTerms bounds a centroid's length: past twice this, only this many
// heaviest terms are kept. Terms that few members share weigh little in a
// cosine, and unbounded centroids make large clusters slow to score.
const centroidTerms = 512

// add adds x to c, merging x's sorted terms into c's in place. The first
// vector added to an empty centroid is not copied: c shares its arrays
// until a second one comes, so x must not change while c lives.
func (c *centroid) add(x vec) {
	if len(c.sum.ids) == 0 && len(x.ids) <= 2*centroidTerms {
		c.sum = vec{ids: x.ids[:len(x.ids):len(x.ids)], ws: x.ws[:len(x.ws):len(x.ws)]}
		c.shared = true
		var self float64
		for _, w := range x.ws {
			self += float64(w) * float64(w)
		}
		c.norm2 += self
		return
	}
	a := c.sum
	// The merges below step without a branch on which of the two terms
	// comes first, a guess the processor got wrong at every other term:
	// flags say which side advances, and a side's weight counts times
	// its flag, which leaves it as it is or adds zero.
	fresh := 0
	var dot, self float64
	i, j := 0, 0
	for i < len(a.ids) && j < len(x.ids) {
		ai, xj := a.ids[i], x.ids[j]
		le, ge := bit(ai <= xj), bit(ai >= xj)
		dot += float64(a.ws[i]) * float64(x.ws[j]) * float64(le&ge)
		fresh += int(1 - le)
		i += int(le)
		j += int(ge)
	}
	fresh += len(x.ids) - j
	for _, w := range x.ws {
		self += float64(w) * float64(w)
	}
	n := len(a.ids)
	if n+fresh > cap(a.ids) || c.shared {
		// Room to grow, short of the pruning point, once the cluster has
		// grown past two members; the terms are merged into it from the
		// front.
		size := n + fresh
		if !c.shared {
			size = max(min(max(size*5/4, 16), 2*centroidTerms+1), size)
		}
		y := vec{ids: make([]int32, n+fresh, size), ws: make([]float32, n+fresh, size)}
		i, j, k := 0, 0, 0
		for i < n && j < len(x.ids) {
			ai, xj := a.ids[i], x.ids[j]
			le, ge := bit(ai <= xj), bit(ai >= xj)
			y.ids[k] = xj + (ai-xj)*int32(le)
			y.ws[k] = a.ws[i]*float32(le) + x.ws[j]*float32(ge)
			i += int(le)
			j += int(ge)
			k++
		}
		// What is left of one side.
		copy(y.ids[k:], a.ids[i:n])
		copy(y.ws[k:], a.ws[i:n])
		k += n - i
		copy(y.ids[k:], x.ids[j:])
		copy(y.ws[k:], x.ws[j:])
		a = y
	} else {
		a.ids, a.ws = a.ids[:n+fresh], a.ws[:n+fresh]
		// Merge from the back, so that nothing is overwritten before it
		// is read.
		i, j, k := n-1, len(x.ids)-1, n+fresh-1
		for i >= 0 && j >= 0 {
			ai, xj := a.ids[i], x.ids[j]
			ge, le := bit(ai >= xj), bit(ai <= xj)
			a.ids[k] = xj + (ai-xj)*int32(ge)
			a.ws[k] = a.ws[i]*float32(ge) + x.ws[j]*float32(le)
			i -= int(ge)
			j -= int(le)
			k--
		}
		// The terms of a left are where they were; those of x go
		// before them.
		copy(a.ids[:j+1], x.ids[:j+1])
		copy(a.ws[:j+1], x.ws[:j+1])
	}
	c.shared = false
	c.sum = a
	c.norm2 += 2*dot + self
	if len(c.sum.ids) > 2*centroidTerms {
		c.sum = c.sum.keepHeaviest(centroidTerms)
		c.norm2 = 0
		for _, w := range c.sum.ws {
			c.norm2 += float64(w) * float64(w)
		}
	}
}

// cosDense returns the cosine with c of a unit vector given as a dense
// array, which may be shorter than c's largest term id, and as the bits
// of its term ids in held. The terms of c that held says the vector lacks
// would add zero to the sum, which they leave as it is. Each block of c's
// terms is passed twice: once without a branch, noting in hits those that
// held has, then again over those alone, summing in the same order. A
// branch on each term was mispredicted at every shared one.
func (c *centroid) cosDense(x []float32, held *termBits, hits *[hitBlock]uint16) float64 {
	if c.norm2 <= 0 {
		return 0
	}
	var s float64
	words, room := held[:], hits[:]
	for lo := 0; lo < len(c.sum.ids); lo += hitBlock {
		ids := c.sum.ids[lo:min(lo+hitBlock, len(c.sum.ids))]
		ws := c.sum.ws[lo:][:len(ids)]
		k := uint(0)
		for i, id := range ids {
			u := uint32(id)
			room[k%hitBlock] = uint16(i)
			if words[u/64%uint32(len(held))]&(1<<(u%64)) != 0 {
				k++
			}
		}
		for _, i := range room[:k] {
			if id := ids[i]; int(id) < len(x) {
				s += float64(ws[i]) * float64(x[id])
			}
		}
	}
	return s / math.Sqrt(c.norm2)
}

// hitBlock is how many terms of a centroid cosDense looks at in one pass.
const hitBlock = 256

// termBits is a bitmap of term ids modulo its size, 8 KiB, small enough
// to stay in the processor's fastest cache.
type termBits [1 << 10]uint64

func (b *termBits) add(id int32) { b[uint32(id)/64%uint32(len(b))] |= 1 << (uint32(id) % 64) }

// clear clears the word of id's bit, which must only hold the bits of
// ids being cleared too.
func (b *termBits) clear(id int32) { b[uint32(id)/64%uint32(len(b))] = 0 }

// vector returns c's direction as a unit vector, for clustering clusters.
// It shares c's term ids, and its weights too when scaling leaves them
// unchanged, as it mostly does for the sum of one unit vector, so it is
// valid until c changes.
func (c *centroid) vector() vec {
	if c.norm2 <= 0 {
		return vec{ids: c.sum.ids, ws: make([]float32, len(c.sum.ws))}
	}
	s := 1 / math.Sqrt(c.norm2)
	for i, w := range c.sum.ws {
		if v := float32(float64(w) * s); v != w {
			ws := make([]float32, len(c.sum.ws))
			copy(ws, c.sum.ws[:i])
			for j, w := range c.sum.ws[i:] {
				ws[i+j] = float32(float64(w) * s)
			}
			return vec{ids: c.sum.ids, ws: ws}
		}
	}
	return c.sum
}

// zeros returns s, which must be all zero, or a longer one when s is
// shorter than n: made anew rather than grown, since zeros need no
// copying, and a quarter longer than needed, so that growing it little by
// little costs little.
func zeros[T any](s []T, n int) []T {
	if len(s) >= n {
		return s
	}
	return make([]T, max(n, len(s)*5/4))
}
