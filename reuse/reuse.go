// Package reuse finds text shared between articles: wire copies, rewritten
// versions and reused passages, with the shared passages aligned.
//
// Find runs four pure steps, each usable alone so that a persistent
// workspace or a batch pipeline can run them incrementally:
//
//  1. NewFingerprint: the letter stream of an article (lower-cased, folded,
//     letters and digits only, so that kerning and quote styles vanish) and
//     its rare anchors, Passim-style n-letter windows at word starts that
//     occur once in the article, sampled by hash value;
//  2. Index: anchor postings in sorted shards, added to at any time; anchors
//     held by more than MaxDF documents (boilerplate, stock passages) are
//     dropped and counted;
//  3. Index.Pairs (or Index.Lookup for one new article): candidate pairs
//     sharing at least MinAnchors anchors;
//  4. Align and Classify: seeds grown to exact matches, chained, extended
//     with a banded X-drop alignment through OCR noise, snapped to words,
//     then the relation kind from how much of each article the passages
//     cover, where, and how much of the shared text was reworded.
//
// There is no separate MinHash-LSH stage: a whole-article near-duplicate
// shares hundreds of anchors, so the anchor index already finds it, and it
// also finds the single shared paragraph that a whole-article signature
// cannot see. Long exact anchors plus alignment, not fuzzy features, are
// what make it robust to OCR damage (see package reuseeval for numbers).
package reuse

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/newsfold/newsfold/internal/par"
	"github.com/newsfold/newsfold/news"
)

// Options controls reuse detection.
type Options struct {
	// Workers is the number of goroutines for per-article and per-pair work.
	Workers int

	// AnchorLen is the length in letters of index anchors (Passim uses 25).
	AnchorLen int
	// AnchorSample keeps one anchor in AnchorSample, chosen by hash value.
	AnchorSample int
	// MinAnchors is how many anchors a pair must share to be aligned.
	MinAnchors int
	// MaxDF drops anchors held by more documents than this.
	MaxDF int

	// SeedLen is the length in letters of alignment seeds.
	SeedLen int
	// MaxGap is the largest gap, in letters, inside one passage.
	MaxGap int
	// MinLetters and MinWords give the smallest passage, in letters and in
	// words, on both sides: long names and stock phrases shared by
	// independent reports stay below them.
	MinLetters, MinWords int

	// DuplicateMin is the share of the shorter article (a changed headline
	// aside) that passages must cover for a duplicate.
	DuplicateMin float64
	// DuplicateInnerMin is the share of the longer article between its
	// first and last passage that passages must cover for a duplicate: a
	// copy may lose a section in extraction, but not be rewritten.
	DuplicateInnerMin float64
	// DuplicateMaxEdits is the most word-sized edits per 1000 shared
	// letters a duplicate may have; more is a rewritten version.
	DuplicateMaxEdits float64
	// DuplicateLongMin is the share of the longer article a duplicate must
	// cover (the rest may be trimmed off its ends).
	DuplicateLongMin float64
	// VersionMin and VersionLongMin are the shares of the shorter and of
	// the longer article that passages must cover for a version; less
	// shared text is reuse (a host article's background paragraphs cover
	// much of a short host but little of the story they come from).
	VersionMin, VersionLongMin float64
}

// DefaultOptions returns the defaults used by the CLI, chosen on the
// generated benchmark of package reuseeval.
func DefaultOptions() Options {
	return Options{
		Workers:           1,
		AnchorLen:         20,
		AnchorSample:      3,
		MinAnchors:        2,
		MaxDF:             100,
		SeedLen:           10,
		MaxGap:            100,
		MinLetters:        50,
		MinWords:          10,
		DuplicateMin:      0.85,
		DuplicateInnerMin: 0.65,
		DuplicateLongMin:  0.5,
		DuplicateMaxEdits: 3,
		VersionMin:        0.3,
		VersionLongMin:    0.25,
	}
}

// Stats counts what each filter kept and dropped, so that an empty result
// can be explained.
type Stats struct {
	Articles int
	Short    int // articles too short to hold an anchor
	// ExactOnly counts duplicates found only because their folded texts
	// are identical (too short to align).
	ExactOnly int
	Skipped   int // articles beyond MaxDocs, not compared
	FingerprintStats
	IndexStats
	Candidates int // pairs aligned
	NoPassage  int // aligned pairs with no passage of MinLetters letters
	Relations  int
	Kinds      map[string]int // relations by kind
}

// String describes the counts in a few lines.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "reuse: %d articles (%d too short for an anchor", s.Articles, s.Short)
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", %d over the limit of %d skipped", s.Skipped, MaxDocs)
	}
	b.WriteString(")\n")
	fmt.Fprintf(&b, "reuse: anchors: %d word-start windows, %d sampled out, %d dropped as repeated within an article, %d kept\n",
		s.Windows, s.SampledOut, s.Repeated, s.Postings)
	fmt.Fprintf(&b, "reuse: index: %d anchors in one article only, %d shared, %d dropped as too common (%d occurrences)\n",
		s.Singletons, s.Shared, s.Common, s.CommonPostings)
	fmt.Fprintf(&b, "reuse: pairs: %d share an anchor, %d share too few, %d aligned, %d without a passage long enough\n",
		s.PairsSharing, s.PairsBelow, s.Candidates, s.NoPassage)
	fmt.Fprintf(&b, "reuse: relations: %d (%d duplicate, %d version, %d reuse); %d duplicates too short to align found as identical texts",
		s.Relations, s.Kinds[news.Duplicate], s.Kinds[news.Version], s.Kinds[news.Reuse], s.ExactOnly)
	return b.String()
}

// Find returns the relations between articles, sorted by A then B, in the
// same order whatever the number of workers.
func Find(articles []news.Article, opts Options) ([]news.Relation, Stats) {
	opts = withDefaults(opts)
	st := Stats{Articles: len(articles), Kinds: map[string]int{}}
	if len(articles) > MaxDocs {
		// One index holds MaxDocs articles; beyond that, shard the
		// collection (by date, say) or use a distributed pipeline.
		st.Skipped = len(articles) - MaxDocs
		articles = articles[:MaxDocs]
	}
	// Fingerprints go into the index a batch at a time, so that only one
	// batch of them is held besides the postings.
	var idx Index
	exact := make([]uint64, len(articles))
	fps := make([]Fingerprint, min(len(articles), fingerprintBatch))
	fst := make([]FingerprintStats, len(fps))
	for lo := 0; lo < len(articles); lo += len(fps) {
		batch := articles[lo:min(lo+len(fps), len(articles))]
		par.For(opts.Workers, len(batch), func(_, i int) {
			// The index copies the anchors: their memory serves the
			// next batch.
			sc := scratchPool.Get().(*scratch)
			fps[i], fst[i] = sc.fingerprint(batch[i].Text, opts, fps[i].Anchors[:0])
			scratchPool.Put(sc)
			exact[lo+i] = fps[i].Folded
		})
		total := 0
		for _, fp := range fps[:len(batch)] {
			total += len(fp.Anchors)
		}
		if lo == 0 {
			// The first batch foretells the whole collection: growing
			// the index once saves copying it batch after batch.
			total = total * len(articles) / len(batch)
		}
		idx.Grow(total)
		for i, fp := range fps[:len(batch)] {
			st.Windows += fst[i].Windows
			st.Repeated += fst[i].Repeated
			st.SampledOut += fst[i].SampledOut
			if fst[i].Windows == 0 {
				st.Short++
			}
			idx.Add(uint32(lo+i), fp)
		}
	}
	fps = nil
	idx.Seal(opts.Workers)
	pairs, ist := idx.Pairs(opts.MinAnchors, opts.MaxDF, opts.Workers)
	st.IndexStats = ist
	idx = Index{}

	st.Candidates = len(pairs)
	rels := make([]*news.Relation, len(pairs))
	// Pairs are aligned a family at a time (articles linked by pairs,
	// directly or through others: a story and its copies, versions and
	// hosts), with the family's articles prepared once each and kept in
	// a small cache, rather than once for every pair they are in. A
	// large family is cut into runs of familyChunk pairs, so that it
	// still spreads over the workers.
	var units [][]int
	for _, f := range pairFamilies(pairs) {
		for len(f) > familyChunk {
			units = append(units, f[:familyChunk])
			f = f[familyChunk:]
		}
		units = append(units, f)
	}
	par.For(opts.Workers, len(units), func(_, u int) {
		c := sideCachePool.Get().(*sideCache)
		defer sideCachePool.Put(c)
		c.stamp++ // a new unit: what the cache holds is stale
		c.epoch = c.stamp
		for _, k := range units[u] {
			a, b := &articles[pairs[k][0]], &articles[pairs[k][1]]
			sa := c.side(pairs[k][0], a.Text, nil, opts)
			sb := c.side(pairs[k][1], b.Text, sa, opts)
			al := alignSides(sa, sb, &c.align, opts)
			if len(al.Passages) == 0 {
				continue
			}
			r := Classify(a, b, al, opts)
			rels[k] = &r
		}
	})
	var out []news.Relation
	found := make(map[[2]int]bool, len(pairs))
	for k, r := range rels {
		if r == nil {
			st.NoPassage++
			continue
		}
		out = append(out, *r)
		a, b := int(pairs[k][0]), int(pairs[k][1])
		found[[2]int{min(a, b), max(a, b)}] = true
	}
	exactOnly := exactDuplicates(articles, exact, found)
	st.ExactOnly = len(exactOnly)
	out = append(out, exactOnly...)
	st.Relations = len(out)
	upgradeByFamily(out)
	for _, r := range out {
		st.Kinds[r.Kind]++
	}
	orientByFamily(articles, out)
	slices.SortFunc(out, func(x, y news.Relation) int {
		return cmp.Or(strings.Compare(x.A, y.A), strings.Compare(x.B, y.B))
	})
	return out, st
}

// pairFamilies groups the pairs (by index) into families: the connected
// components of the graph the pairs draw between articles. Families come
// in the order of their first pair, and each lists its pairs in order.
func pairFamilies(pairs [][2]uint32) [][]int {
	docs := make([]uint32, 0, 2*len(pairs))
	for _, p := range pairs {
		docs = append(docs, p[0], p[1])
	}
	slices.Sort(docs)
	docs = slices.Compact(docs)
	index := func(d uint32) int {
		i, _ := slices.BinarySearch(docs, d)
		return i
	}
	parent := make([]int, len(docs))
	for i := range parent {
		parent[i] = i
	}
	root := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, p := range pairs {
		a, b := root(index(p[0])), root(index(p[1]))
		parent[max(a, b)] = min(a, b)
	}
	family := make([]int, len(docs)) // root -> family number + 1
	var fams [][]int
	for k, p := range pairs {
		r := root(index(p[0]))
		if family[r] == 0 {
			fams = append(fams, nil)
			family[r] = len(fams)
		}
		fams[family[r]-1] = append(fams[family[r]-1], k)
	}
	return fams
}

// sideCache holds the articles last prepared for alignment, so that an
// article in several pairs of a family is prepared once. In a family
// larger than the cache an article may be prepared again after eviction;
// as pairs come sorted by first article, which is kept while its second
// is prepared, that costs at most what preparing each pair's second
// article and each run of first articles would.
type sideCache struct {
	entries [sideCacheSize]struct {
		doc  uint32
		used int // stamp of the last use; below epoch, stale
		s    side
	}
	stamp, epoch int
	align        alignScratch
}

// familyChunk is the most pairs Find aligns as one unit of work.
const familyChunk = 256

// sideCacheSize is how many prepared articles a sideCache holds, and
// sideCacheLetters how many letters' worth of memory they may keep.
const (
	sideCacheSize    = 16
	sideCacheLetters = 1 << 20
)

var sideCachePool = sync.Pool{New: func() any { return new(sideCache) }}

// side returns article doc with the given text prepared for alignment,
// preparing it in the least recently used entry other than keep when it
// is not held.
func (c *sideCache) side(doc uint32, text string, keep *side, opts Options) *side {
	c.stamp++
	lru := -1
	for i := range c.entries {
		e := &c.entries[i]
		if e.used >= c.epoch && e.doc == doc {
			e.used = c.stamp
			return &e.s
		}
		if &e.s != keep && (lru < 0 || e.used < c.entries[lru].used) {
			lru = i
		}
	}
	e := &c.entries[lru]
	e.doc, e.used = doc, c.stamp
	e.s.reset(text, opts)
	// A prepared text takes some 30 bytes a letter: past a budget, the
	// least recently used give their memory back.
	for {
		held, victim := 0, -1
		for i := range c.entries {
			f := &c.entries[i]
			held += cap(f.s.l.r)
			if f != e && &f.s != keep && cap(f.s.l.r) > 0 && (victim < 0 || f.used < c.entries[victim].used) {
				victim = i
			}
		}
		if held <= sideCacheLetters || victim < 0 {
			break
		}
		c.entries[victim].s, c.entries[victim].used = side{}, 0
	}
	return &e.s
}

// fingerprintBatch is how many articles Find fingerprints before adding
// them to its index.
const fingerprintBatch = 4096

// withDefaults fills zero options with the defaults.
func withDefaults(o Options) Options {
	d := DefaultOptions()
	if o.Workers <= 0 {
		o.Workers = 1
	}
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&o.AnchorLen, d.AnchorLen)
	set(&o.AnchorSample, d.AnchorSample)
	set(&o.MinAnchors, d.MinAnchors)
	set(&o.MaxDF, d.MaxDF)
	set(&o.SeedLen, d.SeedLen)
	set(&o.MaxGap, d.MaxGap)
	set(&o.MinLetters, d.MinLetters)
	set(&o.MinWords, d.MinWords)
	setf := func(v *float64, def float64) {
		if *v <= 0 {
			*v = def
		}
	}
	setf(&o.DuplicateMin, d.DuplicateMin)
	setf(&o.DuplicateLongMin, d.DuplicateLongMin)
	setf(&o.DuplicateInnerMin, d.DuplicateInnerMin)
	setf(&o.DuplicateMaxEdits, d.DuplicateMaxEdits)
	setf(&o.VersionMin, d.VersionMin)
	setf(&o.VersionLongMin, d.VersionLongMin)
	return o
}

// Classify turns the alignment of articles a and b into a relation: its
// kind, its direction and its score.
//
// A duplicate covers nearly all of the shorter article and, in the longer,
// nearly all of the stretch between its first and last passage: what is
// not shared lies at the ends (a changed headline, a trimmed ending). A
// version shares a large part of the shorter article but has text cut,
// added or rewritten inside it. Anything less is reuse.
func Classify(a, b *news.Article, al Alignment, opts Options) news.Relation {
	opts = withDefaults(opts)
	short, long := coverSide{al.LettersA, al.CoveredA, al.HeadA, al.TailA}, coverSide{al.LettersB, al.CoveredB, al.HeadB, al.TailB}
	if short.letters > long.letters {
		short, long = long, short
	}
	score := ratio(short.covered, short.letters)
	kind := news.Reuse
	switch {
	case ratio(short.covered, short.letters-min(short.head, headSlack)) >= opts.DuplicateMin &&
		long.head <= headSlack &&
		float64(al.Edits)*1000 <= opts.DuplicateMaxEdits*float64(short.covered) &&
		ratio(long.covered, long.letters-long.head-long.tail) >= opts.DuplicateInnerMin &&
		ratio(long.covered, long.letters) >= opts.DuplicateLongMin:
		kind = news.Duplicate
	case score >= opts.VersionMin && ratio(long.covered, long.letters) >= opts.VersionLongMin:
		kind = news.Version
	}
	r := news.Relation{A: a.ID, B: b.ID, Kind: kind, Score: min(score, 1), Passages: al.Passages}
	if earlier(b, a, al, kind) {
		r.A, r.B = r.B, r.A
		r.Passages = make([]news.Passage, len(al.Passages))
		for i, p := range al.Passages {
			r.Passages[i] = news.Passage{A: p.B, B: p.A}
		}
		slices.SortFunc(r.Passages, func(p, q news.Passage) int { return p.A[0] - q.A[0] })
	}
	return r
}

// headSlack is how many letters of a changed headline or dateline at the
// head of a duplicate are not held against it.
const headSlack = 200

// kindRank orders relation kinds from the loosest to the closest.
var kindRank = map[string]int{news.Reuse: 0, news.Version: 1, news.Duplicate: 2}

// upgradeByFamily raises the kind of a relation to what a common relative
// implies: two copies of one article are duplicates of each other, and a
// copy and a version of one story are versions, even when what each kept
// overlaps too little to tell from the pair alone (one copy trimmed, two
// versions that cut different paragraphs). Kinds are never lowered, and
// reuse never propagates: a host of a reused paragraph is no relative.
func upgradeByFamily(rels []news.Relation) {
	type edge struct {
		to   string
		rank int
	}
	near := map[string][]edge{}
	for _, r := range rels {
		if k := kindRank[r.Kind]; k > 0 {
			near[r.A] = append(near[r.A], edge{r.B, k})
			near[r.B] = append(near[r.B], edge{r.A, k})
		}
	}
	upgrades := make([]string, len(rels))
	for i, r := range rels {
		best := kindRank[r.Kind]
		via := map[string]int{}
		for _, e := range near[r.A] {
			via[e.to] = e.rank
		}
		for _, e := range near[r.B] {
			if k, ok := via[e.to]; ok {
				best = max(best, min(k, e.rank))
			}
		}
		if best > kindRank[r.Kind] {
			upgrades[i] = []string{news.Reuse, news.Version, news.Duplicate}[best]
		}
	}
	for i, k := range upgrades {
		if k != "" {
			rels[i].Kind = k
		}
	}
}

// orientByFamily orders relations that involve an undated article by the
// date of its wire family: duplicates share their earliest known date, so
// an undated web copy of a dated print story is as old as the print story.
//
// Only articles in relations have relatives, so only they are looked at:
// an article outside them is its own family and changes nothing.
func orientByFamily(articles []news.Article, rels []news.Relation) {
	own := make(map[string]string, 2*len(rels)) // date, or "" when undated
	for _, r := range rels {
		own[r.A], own[r.B] = "", ""
	}
	if len(own) == 0 {
		return
	}
	for i := range articles {
		a := &articles[i]
		if _, ok := own[a.ID]; ok && a.Date != "" {
			own[a.ID] = a.Date
		}
	}
	ids := make([]string, 0, len(own))
	for id := range own {
		ids = append(ids, id)
	}
	fam := Families(ids, rels)
	family := map[string]string{}
	for id, d := range own {
		if d == "" {
			continue
		}
		if f, ok := family[fam[id]]; !ok || d < f {
			family[fam[id]] = d
		}
	}
	for i := range rels {
		r := &rels[i]
		if own[r.A] != "" && own[r.B] != "" {
			continue // ordered by their own dates already
		}
		da, db := family[fam[r.A]], family[fam[r.B]]
		if da == "" || db == "" || db >= da {
			continue
		}
		r.A, r.B = r.B, r.A
		for k, p := range r.Passages {
			r.Passages[k] = news.Passage{A: p.B, B: p.A}
		}
		slices.SortFunc(r.Passages, func(p, q news.Passage) int { return p.A[0] - q.A[0] })
	}
}

type coverSide struct{ letters, covered, head, tail int }

func ratio(x, y int) float64 {
	if y <= 0 {
		return 0
	}
	return float64(x) / float64(y)
}

// earlier reports whether b should come first in a relation with a: it is
// dated earlier; or, undated alike, it is the fuller copy of a duplicate
// (copies get trimmed, not extended; a headline added on top does not
// count) or carries an agency credit the other
// lacks; otherwise the order is a's and b's given order. Which of two
// undated versions came first is not guessed.
func earlier(b, a *news.Article, al Alignment, kind string) bool {
	if a.Date != "" && b.Date != "" && a.Date != b.Date {
		return b.Date < a.Date
	}
	if kind == news.Duplicate {
		// Compare the copies without the text before their first passage
		// (a headline or dateline added by the republisher).
		la, lb := al.LettersA-al.HeadA, al.LettersB-al.HeadB
		if abs(la-lb) > max(la, lb)/50 {
			return lb > la
		}
		if al.HeadA != al.HeadB {
			return al.HeadB < al.HeadA
		}
	}
	if (a.Agency == "") != (b.Agency == "") {
		return b.Agency != ""
	}
	return false
}
