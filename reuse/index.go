package reuse

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
	"slices"
	"sync"

	"github.com/newsfold/newsfold/internal/par"
)

// Fingerprint is what the index needs to know about one article: its rare
// anchors, in the spirit of Passim. An anchor is the hash of an n-letter
// window of the letter stream that begins at a word start and occurs once
// in the article; a fixed share of them, chosen by hash value so that every
// article keeps the same ones, is kept.
type Fingerprint struct {
	Anchors []uint64 // sorted, distinct
	Letters int      // length of the letter stream
	// Folded hashes the whole letter stream (see letters.folded): texts too
	// short to anchor are still found as identical copies by it.
	Folded uint64
}

// FingerprintStats counts what fingerprinting kept and dropped.
type FingerprintStats struct {
	Windows    int // word-start windows of AnchorLen letters
	SampledOut int // windows left out by sampling
	Repeated   int // sampled windows dropped because they occur more than once in the article
}

// NewFingerprint computes the fingerprint of text. It is a pure function of
// text and the anchor options, so fingerprints can be computed anywhere
// (one worker, a Beam transform) and stored.
func NewFingerprint(text string, opts Options) (Fingerprint, FingerprintStats) {
	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	fp, st := sc.fingerprint(text, opts, sc.kept[:0])
	sc.kept = fp.Anchors
	fp.Anchors = slices.Clone(fp.Anchors) // exact size: fingerprints are kept
	slices.Sort(fp.Anchors)
	return fp, st
}

// fingerprint is NewFingerprint with the anchors appended to anchors in
// text order, not sorted: a caller who adds fingerprints to an index,
// which sorts its postings anyway, and drops them saves the sort and can
// reuse their memory.
func (sc *scratch) fingerprint(text string, opts Options, anchors []uint64) (Fingerprint, FingerprintStats) {
	l := &sc.l
	l.reset(text, false)
	// Sampling goes first: whether a window is kept depends on its hash
	// alone, so only the sampled share is searched for repeats.
	sample := newDivisor(uint64(max(opts.AnchorSample, 1)))
	n := opts.AnchorLen
	pow := windowPow(n)
	// Every window is written and the sampled ones kept by moving on, as
	// a branch on a hash would be mispredicted every third window.
	hs := slices.Grow(sc.hs[:0], len(l.starts))[:len(l.starts)]
	k := 0
	var st FingerprintStats
	prefix := l.prefix
	cuts := l.windowCuts(n)
	st.Windows = cuts[7]
	for c := 0; c < 4; c++ {
		for _, s := range l.starts[cuts[2*c]:cuts[2*c+1]] {
			h := mix(prefix[s+int32(n)] - prefix[s]*pow)
			hs[k] = h
			if sample.divides(h) {
				k++
			}
		}
		if c < 3 {
			for _, s := range l.starts[cuts[2*c+1]:cuts[2*c+2]] {
				h := l.crossHash(s, s+int32(n))
				hs[k] = h
				if sample.divides(h) {
					k++
				}
			}
		}
	}
	hs = hs[:k]
	sc.hs = hs
	st.SampledOut = st.Windows - len(hs)
	// Repeats are counted in a small open-addressing table.
	lg := 4
	for 1<<lg < 2*len(hs) {
		lg++
	}
	size, mask := 1<<lg, uint64(1)<<lg-1
	table := slices.Grow(sc.table[:0], size)[:size]
	seen := slices.Grow(sc.seen[:0], size)[:size]
	clear(seen)
	repeats := false
	for _, h := range hs {
		k := h >> (64 - lg)
		for seen[k] != 0 && table[k] != h {
			k = (k + 1) & mask
		}
		repeats = repeats || seen[k] != 0
		table[k] = h
		seen[k]++
	}
	sc.table, sc.seen = table, seen
	fp := Fingerprint{Letters: len(l.r), Folded: l.folded}
	kept := anchors
	if cap(kept)-len(kept) < len(hs) {
		kept = slices.Grow(kept, len(hs)) // once, not doubling
	}
	if !repeats {
		// The common case: every sampled window is kept.
		kept = append(kept, hs...)
	} else {
		for _, h := range hs {
			k := h >> (64 - lg)
			for seen[k] != 0 && table[k] != h {
				k = (k + 1) & mask
			}
			if seen[k] == 1 {
				kept = append(kept, h)
			} else {
				st.Repeated++
			}
		}
	}
	fp.Anchors = kept
	return fp, st
}

// divisor tests whether numbers are multiples of d with a multiplication
// instead of a division: for d = d0<<k with d0 odd, x is a multiple of d
// when x*inverse(d0), rotated right by k, is at most (2^64-1)/d (Granlund
// and Montgomery's test, as compilers use it for constant divisors).
type divisor struct {
	inv, max uint64
	shift    int
}

func newDivisor(d uint64) divisor {
	shift := bits.TrailingZeros64(d)
	d0 := d >> shift
	inv := d0 // correct to 3 bits; each Newton step doubles that
	for range 5 {
		inv *= 2 - d0*inv
	}
	return divisor{inv: inv, max: math.MaxUint64 / d, shift: shift}
}

// divides reports whether x is a multiple of the divisor.
func (v divisor) divides(x uint64) bool {
	return bits.RotateLeft64(x*v.inv, -v.shift) <= v.max
}

// scratch is memory reused between fingerprints.
type scratch struct {
	l    letters
	hs   []uint64
	kept []uint64
	// table and seen are the table of repeats.
	table []uint64
	seen  []int32
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// A posting says that an anchor occurs in a document, packed in one word:
// the anchor hash's top 64-docBits bits, then the document number. Sorting
// postings sorts them by anchor, then document. Dropping the hash's low
// bits makes unrelated anchors collide about once in 2^40 pairs, which
// alignment then rejects.
type posting uint64

// docBits is how many documents one index can hold: 1<<docBits.
const docBits = 24

// MaxDocs is the largest number of documents an Index can hold.
const MaxDocs = 1 << docBits

func makePosting(h uint64, doc uint32) posting {
	return posting(h&^(MaxDocs-1) | uint64(doc))
}

func (p posting) anchor() uint64 { return uint64(p) &^ (MaxDocs - 1) }
func (p posting) doc() uint32    { return uint32(uint64(p) & (MaxDocs - 1)) }

// shardBits sets the number of index shards (1<<shardBits), chosen by the
// top bits of the anchor hash. Shards are sorted independently and in
// parallel, and are the natural unit to store or to distribute by key.
const shardBits = 8

// Index maps anchors to the documents that hold them. Documents are added
// with Add at any time; Seal makes the additions visible to Pairs and
// Lookup. Each shard is a sorted run of postings, so the index can be
// written out and merged like any sorted file.
type Index struct {
	shards [1 << shardBits][]posting
	dirty  [1 << shardBits]bool
	docs   int
	maxDoc uint32 // the largest document number with a posting
}

// Add adds the anchors of document doc, which must be below MaxDocs.
// Documents must have distinct numbers.
func (x *Index) Add(doc uint32, fp Fingerprint) {
	for _, h := range fp.Anchors {
		s := h >> (64 - shardBits)
		x.shards[s] = append(x.shards[s], makePosting(h, doc))
		x.dirty[s] = true
	}
	if len(fp.Anchors) > 0 {
		x.maxDoc = max(x.maxDoc, doc)
	}
	x.docs++
}

// Grow makes room for n more postings, spread evenly over the shards, so
// that a batch of known size is added without reallocation.
func (x *Index) Grow(n int) {
	per := n/len(x.shards) + n/len(x.shards)/8 + 16
	for s := range x.shards {
		x.shards[s] = slices.Grow(x.shards[s], per)
	}
}

// Docs returns the number of documents added.
func (x *Index) Docs() int { return x.docs }

// Seal sorts what was added since the last Seal, using up to workers
// goroutines.
func (x *Index) Seal(workers int) {
	par.For(workers, len(x.shards), func(_, s int) {
		if x.dirty[s] {
			// The shard's sorted postings are written to the scratch
			// memory, which the shard keeps: its old memory is the
			// scratch of the next shard.
			sc := sealPool.Get().(*sealScratch)
			x.shards[s], sc.tmp, sc.counts = sortHashes(x.shards[s], sc.tmp, sc.counts, shardBits)
			sealPool.Put(sc)
			x.dirty[s] = false
		}
	})
}

// sealScratch is memory reused between shards by Seal.
type sealScratch struct {
	tmp    []posting
	counts []int32
}

var sealPool = sync.Pool{New: func() any { return new(sealScratch) }}

// sortHashes sorts keys whose bits below their top skip bits are spread
// uniformly, as hash bits are, in expected linear time rather than a
// comparison sort's n log n: a counting pass and a scatter into tmp place
// the keys by their next bits in buckets of one or two keys on average,
// and the buckets are sorted. Keys that are not spread (many
// copies of one anchor) only make some buckets large, which then cost a
// comparison sort. It returns the sorted keys, which are in tmp's memory
// unless there are few, and the memory left over, with counts, as scratch
// for the next call.
func sortHashes[K ~uint64](keys, tmp []K, counts []int32, skip int) (sorted, spare []K, _ []int32) {
	if len(keys) < 64 {
		slices.Sort(keys)
		return keys, tmp, counts
	}
	b := bits.Len(uint(len(keys))) - 1 // 1<<b <= len(keys)
	shift := 64 - skip - b
	mask := K(1)<<b - 1
	counts = slices.Grow(counts[:0], 1<<b+1)[:1<<b+1]
	clear(counts)
	for _, k := range keys {
		counts[(k>>shift)&mask+1]++
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	// counts[i] is where bucket i starts; scattering moves it to where
	// bucket i ends.
	tmp = slices.Grow(tmp[:0], len(keys))[:len(keys)]
	for _, k := range keys {
		i := (k >> shift) & mask
		tmp[counts[i]] = k
		counts[i]++
	}
	start := int32(0)
	for _, end := range counts[:1<<b] {
		if end-start > 16 {
			slices.Sort(tmp[start:end])
		}
		start = end
	}
	// The small buckets are sorted by one pass of insertion sort over all
	// the keys, as no key moves out of its bucket. Buckets hold one to
	// three keys in no predictable order, so a branch on their size or on
	// a comparison would be mispredicted often: each key is put in order
	// with the one before it without a branch, and only a key smaller
	// than the two before it (a bucket of three or more) moves on.
	lo2, prev := K(0), tmp[0] // tmp[i-2] and tmp[i-1]
	for i := 1; i < len(tmp); i++ {
		k := tmp[i]
		lo, hi := min(prev, k), max(prev, k)
		tmp[i-1], tmp[i] = lo, hi
		if lo < lo2 {
			for j := i - 1; j > 0 && tmp[j] < tmp[j-1]; j-- {
				tmp[j], tmp[j-1] = tmp[j-1], tmp[j]
			}
			lo = tmp[i-1]
		}
		lo2, prev = lo, hi
	}
	return tmp, keys[:0], counts
}

// MarshalBinary encodes the index (sealing it first is the caller's job):
// for each shard, its number of postings and the postings, little-endian.
// A stored index is loaded with UnmarshalBinary and added to as before.
func (x *Index) MarshalBinary() ([]byte, error) {
	n := 0
	for _, s := range x.shards {
		n += len(s)
	}
	out := make([]byte, 0, 8+8*len(x.shards)+8*n)
	out = binary.LittleEndian.AppendUint64(out, uint64(x.docs))
	for s, ps := range x.shards {
		if x.dirty[s] {
			return nil, errors.New("reuse: index not sealed")
		}
		out = binary.LittleEndian.AppendUint64(out, uint64(len(ps)))
		for _, p := range ps {
			out = binary.LittleEndian.AppendUint64(out, uint64(p))
		}
	}
	return out, nil
}

// UnmarshalBinary decodes an index written by MarshalBinary.
func (x *Index) UnmarshalBinary(b []byte) error {
	bad := errors.New("reuse: malformed index")
	next := func() (uint64, bool) {
		if len(b) < 8 {
			return 0, false
		}
		v := binary.LittleEndian.Uint64(b)
		b = b[8:]
		return v, true
	}
	docs, ok := next()
	if !ok {
		return bad
	}
	var y Index
	y.docs = int(docs)
	for s := range y.shards {
		n, ok := next()
		if !ok || n > uint64(len(b)/8) {
			return bad
		}
		ps := make([]posting, n)
		for i := range ps {
			v, _ := next()
			ps[i] = posting(v)
			if v>>(64-shardBits) != uint64(s) || i > 0 && ps[i] < ps[i-1] {
				return bad
			}
			y.maxDoc = max(y.maxDoc, ps[i].doc())
		}
		y.shards[s] = ps
	}
	if len(b) != 0 {
		return bad
	}
	*x = y
	return nil
}

// IndexStats counts what the index kept and dropped when pairing documents.
type IndexStats struct {
	Postings       int // anchor occurrences in the index
	Singletons     int // anchors found in one document only
	Shared         int // anchors found in 2..MaxDF documents
	Common         int // anchors dropped because more than MaxDF documents hold them
	CommonPostings int // occurrences of those anchors
	PairsSharing   int // document pairs sharing at least one kept anchor
	PairsBelow     int // of those, pairs sharing fewer than MinAnchors
}

// Pairs returns every pair of documents that shares at least minShared
// anchors, each anchor counting only if 2..maxDF documents hold it. Pairs
// come as (lo, hi) with lo < hi, sorted.
//
// Every shared anchor gives one pair key per pair of its documents, and
// near-duplicates share hundreds of anchors, so the keys are the largest
// thing reuse holds. They are enumerated twice, once to count them per
// range of first documents and once to write them straight into their
// range's place in one array of exactly the right size, which is then
// sorted range by range: no per-shard lists, no copy for sorting.
func (x *Index) Pairs(minShared, maxDF, workers int) ([][2]uint32, IndexStats) {
	// Ranges of first documents: doc>>shift picks one of pairParts.
	shift := 0
	for x.maxDoc>>shift >= pairParts {
		shift++
	}
	// shared calls fn(a, b) for each run ps[a:b] of postings of one
	// anchor held by 2..maxDF documents, and counts anchors into st.
	shared := func(ps []posting, st *IndexStats, fn func(a, b int)) {
		for i := 0; i < len(ps); {
			j := i + 1
			for j < len(ps) && ps[j].anchor() == ps[i].anchor() {
				j++
			}
			switch df := j - i; {
			case df == 1:
				st.Singletons++
			case df > maxDF:
				st.Common++
				st.CommonPostings += df
			default:
				st.Shared++
				fn(i, j)
			}
			i = j
		}
	}
	counts := make([][pairParts]int, len(x.shards))
	stats := make([]IndexStats, len(x.shards))
	par.For(workers, len(x.shards), func(_, s int) {
		ps, c := x.shards[s], &counts[s]
		stats[s].Postings = len(ps)
		shared(ps, &stats[s], func(i, j int) {
			for a := i; a < j-1; a++ {
				c[ps[a].doc()>>shift] += j - 1 - a
			}
		})
	})
	var st IndexStats
	for s := range stats {
		st.Postings += stats[s].Postings
		st.Singletons += stats[s].Singletons
		st.Shared += stats[s].Shared
		st.Common += stats[s].Common
		st.CommonPostings += stats[s].CommonPostings
	}
	// next[s][r] is where shard s writes its next key of range r; range r
	// occupies all[bounds[r]:bounds[r+1]].
	next := make([][pairParts]int, len(x.shards))
	var bounds [pairParts + 1]int
	n := 0
	for r := range pairParts {
		bounds[r] = n
		for s := range x.shards {
			next[s][r] = n
			n += counts[s][r]
		}
	}
	bounds[pairParts] = n
	counts = nil
	all := make([]uint64, n)
	par.For(workers, len(x.shards), func(_, s int) {
		ps, at := x.shards[s], &next[s]
		var discard IndexStats
		shared(ps, &discard, func(i, j int) {
			for a := i; a < j; a++ {
				r, hi := ps[a].doc()>>shift, uint64(ps[a].doc())<<32
				for b := a + 1; b < j; b++ {
					all[at[r]] = hi | uint64(ps[b].doc())
					at[r]++
				}
			}
		})
	})
	// Postings of one anchor are sorted by document, so every key is
	// (lo, hi) and falls in lo's range; ranges are in key order.
	hiBits := bits.Len32(x.maxDoc)
	tmp := make([][]uint64, max(workers, 1)) // scratch memory, per worker
	par.For(workers, pairParts, func(w, r int) {
		tmp[w] = sortPairKeys(all[bounds[r]:bounds[r+1]], tmp[w], uint64(r)<<shift, shift, hiBits)
	})
	var pairs [][2]uint32
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j] == all[i] {
			j++
		}
		st.PairsSharing++
		if j-i >= minShared {
			pairs = append(pairs, [2]uint32{uint32(all[i] >> 32), uint32(all[i])})
		} else {
			st.PairsBelow++
		}
		i = j
	}
	return pairs, st
}

// sortPairKeys sorts keys, pair keys lo<<32 | hi with lo in
// [lo0, lo0+1<<loBits) and hi below 1<<hiBits, in place, with tmp as
// scratch memory, which it returns grown as needed. The keys have only
// loBits+hiBits bits that differ, so a least-significant-digit radix sort
// takes them in two passes (four for very large collections) over digits
// of at most 13 bits, in linear time rather than a comparison sort's
// n log n.
func sortPairKeys(keys, tmp []uint64, lo0 uint64, loBits, hiBits int) []uint64 {
	if len(keys) < 256 {
		slices.Sort(keys)
		return tmp
	}
	width := loBits + hiBits
	passes := 2 // even, so that the keys end in their own memory
	if width > 26 {
		passes = 4
	}
	digit := (width + passes - 1) / passes
	mask := uint64(1)<<digit - 1
	// compact(k) = (k>>32-lo0)<<hiBits | k&(1<<32-1): its digits are
	// taken from k's two halves.
	var counts [1 << 13]int32
	tmp = slices.Grow(tmp[:0], len(keys))[:len(keys)]
	src, dst := keys, tmp
	for p := range passes {
		sh := p * digit
		d := func(k uint64) uint64 {
			return ((k>>32-lo0)<<hiBits | k&(1<<32-1)) >> sh & mask
		}
		c := counts[:mask+1]
		clear(c)
		for _, k := range src {
			c[d(k)]++
		}
		at := int32(0)
		for i, n := range c {
			c[i] = at
			at += n
		}
		for _, k := range src {
			i := d(k)
			dst[c[i]] = k
			c[i]++
		}
		src, dst = dst, src
	}
	return tmp
}

// pairParts is how many ranges of first documents Pairs sorts its pair
// keys in, independently and in parallel.
const pairParts = 256

// Match is a document of the index that shares anchors with a query.
type Match struct {
	Doc    uint32
	Shared int
}

// Lookup returns the documents of the index that share at least minShared
// of fp's anchors, counting only anchors held by at most maxDF documents,
// sorted by document. It is how a new article is matched against a stored
// index before being added to it.
func (x *Index) Lookup(fp Fingerprint, minShared, maxDF int) []Match {
	count := map[uint32]int{}
	for _, h := range fp.Anchors {
		ps := x.shards[h>>(64-shardBits)]
		a := makePosting(h, 0).anchor()
		i, _ := slices.BinarySearch(ps, posting(a))
		j := i
		for j < len(ps) && ps[j].anchor() == a {
			j++
		}
		if j-i > maxDF {
			continue
		}
		for _, p := range ps[i:j] {
			count[p.doc()]++
		}
	}
	var out []Match
	for d, c := range count {
		if c >= minShared {
			out = append(out, Match{d, c})
		}
	}
	slices.SortFunc(out, func(a, b Match) int { return int(a.Doc) - int(b.Doc) })
	return out
}
