package reuse

import (
	"cmp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// Alignment is what aligning two texts found: the shared passages and how
// much of each text they cover, in letters of the letter stream (so that
// kerning spaces and punctuation do not count).
type Alignment struct {
	Passages []news.Passage // rune offsets, sorted by A
	// LettersA and LettersB are the lengths of the two letter streams;
	// CoveredA and CoveredB the letters inside passages.
	LettersA, LettersB int
	CoveredA, CoveredB int
	// HeadA/TailA (HeadB/TailB) are the letters before the first and after
	// the last passage of each text.
	HeadA, TailA, HeadB, TailB int
	// Edits counts word-sized differences inside passages: rewording, not
	// OCR noise.
	Edits int
}

// stretch is a shared stretch in letter coordinates, [a0, a1) x [b0, b1).
type stretch struct {
	a0, a1, b0, b1 int
	matched        int // letters matched exactly inside
	edits          int // word-sized differences inside
}

// Align finds the passages that texts a and b share.
//
// Seeds are SeedLen-letter windows starting at word starts that occur once
// in each text; each is grown to a maximal exact match. Matches are chained
// along near-constant diagonals, a chain breaking where either text has a
// gap over MaxGap letters or the two gaps differ too much (a paragraph
// added or cut). Each chain is extended past its outermost matches with a
// banded X-drop alignment (which walks through OCR errors), chains that end
// up adjacent merge, chains separated by a long gap of similar text (heavy
// damage, repeated list items) are bridged, and the result is snapped to
// whitespace-delimited words. Stretches with fewer than MinLetters letters
// or MinWords words are dropped: that is what keeps independent articles
// that share names and stock phrases apart. Gaps inside a passage where
// most letters differ are counted as Edits (rewording, as opposed to OCR
// damage).
func Align(a, b string, opts Options) Alignment {
	opts = withDefaults(opts)
	sa, sb := newSide(a, opts), newSide(b, opts)
	return alignSides(sa, sb, new(alignScratch), opts)
}

// alignScratch is memory an aligner reuses from pair to pair, so that
// aligning a pair allocates little beyond its passages.
type alignScratch struct {
	// covered is for maximalMatches.
	covered []int32
	// mems holds maximal matches, chains the chains and then the
	// stretches made of them, order the stretches by length.
	mems, chains, order []stretch
	// xs and ys hold the letters a backward extension walks over.
	xs, ys []rune
}

// side is one text prepared for alignment: computed once per article when
// it is aligned with several others.
type side struct {
	text  string
	l     letters
	seeds seedTable // SeedLen-letter windows
}

// newSide prepares text for alignment.
func newSide(text string, opts Options) *side {
	s := &side{}
	s.reset(text, opts)
	return s
}

// reset prepares text in s, reusing s's memory.
func (s *side) reset(text string, opts Options) {
	s.text = text
	s.l.reset(text, true)
	s.seeds.reset(&s.l, opts.SeedLen)
}

// runeText is a text indexed by rune without converting it to runes.
type runeText struct {
	s string
	l *letters // the letter stream of s
}

// at returns rune i.
func (t runeText) at(i int) rune {
	if t.l.ascii {
		return rune(t.s[i])
	}
	r, _ := utf8.DecodeRuneInString(t.s[t.byteAt(i):])
	return r
}

// byteAt returns the byte offset of rune i.
func (t runeText) byteAt(i int) int {
	if t.l.ascii {
		return i
	}
	// Wide runes before i move it by their extra bytes.
	wide := t.l.wide
	k, _ := slices.BinarySearchFunc(wide, int32(i), func(w [2]int32, i int32) int { return cmp.Compare(w[0], i) })
	if k > 0 {
		i += int(wide[k-1][1])
	}
	return i
}

// len returns the number of runes.
func (t runeText) len() int {
	if n := len(t.l.wide); n > 0 {
		return len(t.s) - int(t.l.wide[n-1][1])
	}
	return len(t.s)
}

// alignSides is Align on prepared texts.
func alignSides(sa, sb *side, sc *alignScratch, opts Options) Alignment {
	la, lb := sa.l, sb.l
	al := Alignment{LettersA: len(la.r), LettersB: len(lb.r)}
	sc.mems = maximalMatches(sa, sb, opts.SeedLen, sc.mems[:0], &sc.covered)
	sc.chains = chain(la.r, lb.r, sc.mems, opts.MaxGap, sc.chains[:0])
	// Stretches are chains that pass, written over the chains.
	ss := sc.chains[:0]
	for _, c := range sc.chains {
		if c.matched < opts.MinLetters/2 {
			continue
		}
		ea, eb := extend(la.r, lb.r, c.a1, c.b1, 1, opts.MaxGap, sc)
		c.a1 += ea
		c.b1 += eb
		ea, eb = extend(la.r, lb.r, c.a0-1, c.b0-1, -1, opts.MaxGap, sc)
		c.a0 -= ea
		c.b0 -= eb
		// A chain of a few short matches far apart is names and stock
		// phrases, not a shared passage.
		if span := max(c.a1-c.a0, c.b1-c.b0); float64(c.matched) < density(span)*float64(span) {
			continue
		}
		ss = append(ss, c)
	}
	ss = mergeStretches(ss, opts.MaxGap)
	ss = bridge(la.r, lb.r, ss)
	ss, sc.order = disjoint(ss, sc.order[:0])
	if len(ss) == 0 {
		return al
	}
	ta, tb := runeText{sa.text, &sa.l}, runeText{sb.text, &sb.l}
	for _, s := range ss {
		pa, okA := snap(ta, &la, s.a0, s.a1)
		pb, okB := snap(tb, &lb, s.b0, s.b1)
		if !okA || !okB {
			continue
		}
		s.a0, s.a1 = letterRange(&la, pa)
		s.b0, s.b1 = letterRange(&lb, pb)
		if s.a1-s.a0 < opts.MinLetters || s.b1-s.b0 < opts.MinLetters ||
			words(&la, s.a0, s.a1) < opts.MinWords || words(&lb, s.b0, s.b1) < opts.MinWords {
			continue
		}
		al.Passages = append(al.Passages, news.Passage{A: pa, B: pb})
		al.CoveredA += s.a1 - s.a0
		al.CoveredB += s.b1 - s.b0
		al.Edits += s.edits
	}
	if len(al.Passages) == 0 {
		return al
	}
	slices.SortFunc(al.Passages, func(p, q news.Passage) int { return p.A[0] - q.A[0] })
	al.HeadA, al.TailA = headTail(&la, al.Passages, func(p news.Passage) [2]int { return p.A })
	al.HeadB, al.TailB = headTail(&lb, al.Passages, func(p news.Passage) [2]int { return p.B })
	return al
}

// maximalMatches appends to mems the maximal exact matches grown from
// seeds: n-letter windows at word starts found exactly once in each
// stream. They are sorted by position in a. covered is scratch memory,
// grown as needed, and all zero between calls: only the diagonals of the
// matches found are set, and they are zeroed again at the end, rather
// than the whole array (a slot for every diagonal) cleared a pair.
func maximalMatches(sa, sb *side, n int, mems []stretch, covered *[]int32) []stretch {
	ra, rb := sa.l.r, sb.l.r
	// diag[b-a+len(ra)] is the end in a of the last match on diagonal
	// b-a, or 0.
	diag := slices.Grow((*covered)[:0], len(ra)+len(rb)+1)[:len(ra)+len(rb)+1]
	*covered = diag
	first := len(mems)
	// lastEnd and lastDiag are the end in a and the diagonal of the last
	// match found. A window of a inside it whose copy in b begins a word
	// of b is that word-start window of b, so looking it up would find it
	// repeated in b or on the match's diagonal, which is covered: it is
	// skipped without the lookup. Nearly all windows of a copy are.
	lastEnd, lastDiag := 0, 0
	// A's windows come in text order, so seeds come sorted by a.
	for _, w := range sa.seeds.once {
		a := int(w.pos)
		if a+n <= lastEnd && sb.seeds.isStart(a+lastDiag) {
			continue
		}
		b, ok := sb.seeds.unique(w.hash)
		if !ok {
			continue
		}
		a0, b0 := a, b
		d := b - a + len(ra)
		if int(diag[d]) > a {
			continue
		}
		if !slices.Equal(ra[a:a+n], rb[b:b+n]) {
			continue // hash collision
		}
		for a > 0 && b > 0 && ra[a-1] == rb[b-1] {
			a--
			b--
		}
		ea, eb := a0+n, b0+n
		for ea < len(ra) && eb < len(rb) && ra[ea] == rb[eb] {
			ea++
			eb++
		}
		diag[d] = int32(ea)
		lastEnd, lastDiag = ea, b0-a0
		mems = append(mems, stretch{a0: a, a1: ea, b0: b, b1: eb, matched: ea - a})
	}
	for _, m := range mems[first:] {
		diag[m.b0-m.a0+len(ra)] = 0
	}
	slices.SortFunc(mems, func(x, y stretch) int {
		if x.a0 != y.a0 {
			return x.a0 - y.a0
		}
		return x.b0 - y.b0
	})
	return mems
}

// density returns the least share of a chain of span letters that exact
// matches must cover. Rewritten versions keep long passages with much
// rewording; a short stretch of similar wording in independent reports of
// one event (scores, charges, titles) is only reuse when nearly verbatim.
func density(span int) float64 {
	const long, short = 200, 100 // letters
	switch {
	case span >= long:
		return 0.45
	case span <= short:
		return 0.75
	}
	return 0.75 - 0.3*float64(span-short)/(long-short)
}

// seedTable maps the hash of each word-start window of a letter stream to
// where the window starts, remembering windows that occur more than once:
// only windows found once in each text seed an alignment. It is an
// open-addressing table whose memory is reused from text to text, so that
// preparing a text costs one pass and no sort.
type seedTable struct {
	hashes []uint64
	// at holds 0 for an empty slot, repeated for a window seen more than
	// once, else the window's position plus one.
	at []int32
	// once lists the windows that occur once, in text order: the
	// candidate seeds when the text is the first of a pair.
	once []window
	// starts has bit i set when a window begins at letter i: whether a
	// window of the other text, inside a match, lands on one of this one.
	starts []uint64
	// drop is scratch memory: the positions of repeated windows.
	drop []int32
}

const repeated = -1

// reset fills t with the n-letter word-start windows of l.
func (t *seedTable) reset(l *letters, n int) {
	windows := l.hashes(n, t.once[:0])
	size := 16
	for size < 2*len(windows) {
		size <<= 1
	}
	if cap(t.hashes) < size {
		t.hashes, t.at = make([]uint64, size), make([]int32, size)
	} else {
		t.hashes, t.at = t.hashes[:size], t.at[:size]
		clear(t.at)
	}
	hashes, at := t.hashes, t.at
	mask := uint64(size - 1)
	bits := slices.Grow(t.starts[:0], len(l.r)/64+1)[:len(l.r)/64+1]
	clear(bits)
	// drop lists the positions of the windows that occur more than once.
	drop := t.drop[:0]
	// Bits are gathered a word at a time: word is bits[wi], not yet
	// stored.
	var word uint64
	wi := int32(0)
	for _, w := range windows {
		if w.pos>>6 != wi {
			bits[wi], word, wi = word, 0, w.pos>>6
		}
		word |= 1 << (w.pos & 63)
		k := w.hash & mask
		for at[k] != 0 && hashes[k] != w.hash {
			k = (k + 1) & mask
		}
		switch a := at[k]; {
		case a == 0:
			hashes[k], at[k] = w.hash, w.pos+1
		case a != repeated:
			drop = append(drop, a-1)
			at[k] = repeated
			fallthrough
		default:
			drop = append(drop, w.pos)
		}
	}
	bits[wi] = word
	t.starts, t.drop = bits, drop
	// Repeats are rare: the windows from the first repeat on are
	// filtered in place.
	t.once = windows
	if len(drop) == 0 {
		return
	}
	slices.Sort(drop)
	i, _ := slices.BinarySearchFunc(windows, drop[0], func(w window, p int32) int { return cmp.Compare(w.pos, p) })
	once := windows[:i]
	for _, w := range windows[i:] {
		if len(drop) > 0 && w.pos == drop[0] {
			drop = drop[1:]
			continue
		}
		once = append(once, w)
	}
	t.once = once
}

// unique returns where the window with hash h starts when it occurs once.
func (t *seedTable) unique(h uint64) (int, bool) {
	mask := uint64(len(t.hashes) - 1)
	for k := h & mask; t.at[k] != 0; k = (k + 1) & mask {
		if t.hashes[k] == h {
			return int(t.at[k] - 1), t.at[k] != repeated
		}
	}
	return 0, false
}

// isStart reports whether a window begins at letter i.
func (t *seedTable) isStart(i int) bool {
	return t.starts[i>>6]&(1<<(i&63)) != 0
}

// drift is how much two gaps may differ and still be one passage: a few
// letters for OCR insertions and deletions, plus a share of the gap for a
// rewritten word or phrase.
func drift(ga, gb int) int { return 10 + max(ga, gb)/2 }

// join reports whether stretch m can follow stretch c in one passage, and
// the overlap to trim from m's start when they overlap.
func join(c, m stretch, maxGap int) (trim, cost int, ok bool) {
	ga, gb := m.a0-c.a1, m.b0-c.b1
	trim = max(-ga, -gb, 0)
	ga += trim
	gb += trim
	if m.a0+trim >= m.a1 || ga > maxGap || gb > maxGap {
		return 0, 0, false
	}
	dd := abs(ga - gb)
	if dd > drift(ga, gb) {
		return 0, 0, false
	}
	return trim, dd + max(ga, gb), true
}

// chain groups matches (sorted by a) into chains of consistent order and
// diagonal, appended to chains.
func chain(ra, rb []rune, mems []stretch, maxGap int, chains []stretch) []stretch {
	open := 0 // chains before open end too early to be extended
	for _, m := range mems {
		for open < len(chains) && chains[open].a1 < m.a0-maxGap {
			open++
		}
		best, bestCost, bestTrim := -1, 0, 0
		for i := open; i < len(chains); i++ {
			trim, cost, ok := join(chains[i], m, maxGap)
			if ok && (best < 0 || cost < bestCost) {
				best, bestCost, bestTrim = i, cost, trim
			}
		}
		if best < 0 {
			chains = append(chains, m)
			// Keep chains ordered by end so that open only moves forward.
			slices.SortStableFunc(chains[open:], func(x, y stretch) int { return x.a1 - y.a1 })
			continue
		}
		c := &chains[best]
		if isEdit(ra[min(c.a1, m.a0+bestTrim):m.a0+bestTrim], rb[min(c.b1, m.b0+bestTrim):m.b0+bestTrim]) {
			c.edits++
		}
		c.a1 = max(c.a1, m.a1)
		c.b1 = max(c.b1, m.b1)
		c.matched += m.a1 - m.a0 - bestTrim
		slices.SortStableFunc(chains[open:], func(x, y stretch) int { return x.a1 - y.a1 })
	}
	slices.SortFunc(chains, func(x, y stretch) int {
		if x.a0 != y.a0 {
			return x.a0 - y.a0
		}
		return x.b0 - y.b0
	})
	return chains
}

// Extension scores, after the Smith-Waterman family: a match gains, a
// mismatch or a gap costs, and the extension stops once the score falls
// xDrop below the best seen.
const (
	extMatch    = 1
	extMismatch = -2
	extGap      = -2
	xDrop       = 6
	band        = 4
)

// extend aligns ra and rb from positions a and b in direction dir (+1
// forward, -1 backward) with a banded X-drop alignment and returns how many
// letters of each the best-scoring alignment consumed.
func extend(ra, rb []rune, a, b, dir, limit int, sc *alignScratch) (int, int) {
	var x, y []rune
	x, sc.xs = walk(ra, a, dir, limit, sc.xs[:0])
	y, sc.ys = walk(rb, b, dir, limit+band, sc.ys[:0])
	const neg = -1 << 30
	const width = 2*band + 1
	var prevRow, curRow [width]int
	prev, cur := prevRow[:], curRow[:] // row i-1; cell k holds column j = i-1+k-band
	for k := range prev {
		prev[k] = neg
		if j := k - band; j >= 0 {
			prev[k] = j * extGap
		}
	}
	bestScore, bestI, bestJ := 0, 0, 0
	for i := 1; i <= len(x); i++ {
		rowBest := neg
		for k := 0; k < width; k++ {
			j := i + k - band
			cur[k] = neg
			switch {
			case j < 0 || j > len(y):
				continue
			case j == 0:
				cur[k] = i * extGap
				continue
			}
			s := extMismatch
			if x[i-1] == y[j-1] {
				s = extMatch
			}
			v := neg
			if prev[k] > neg { // H[i-1][j-1]
				v = prev[k] + s
			}
			if k+1 < width && prev[k+1] > neg { // H[i-1][j]
				v = max(v, prev[k+1]+extGap)
			}
			if k > 0 && cur[k-1] > neg { // H[i][j-1]
				v = max(v, cur[k-1]+extGap)
			}
			cur[k] = v
			rowBest = max(rowBest, v)
			if v > bestScore {
				bestScore, bestI, bestJ = v, i, j
			}
		}
		if rowBest < bestScore-xDrop {
			break
		}
		prev, cur = cur, prev
	}
	return bestI, bestJ
}

// walk returns up to n letters of r from position p in direction dir:
// forward, a slice of r; backward, the letters appended to buf, which is
// returned too for reuse.
func walk(r []rune, p, dir, n int, buf []rune) ([]rune, []rune) {
	if dir > 0 {
		p = min(max(p, 0), len(r))
		return r[p:min(len(r), p+n)], buf
	}
	for i := min(p, len(r)-1); i >= 0 && len(buf) < n; i-- {
		buf = append(buf, r[i])
	}
	return buf, buf
}

// mergeStretches merges stretches (sorted by a0) that follow one another
// closely in both texts, in place.
func mergeStretches(ss []stretch, maxGap int) []stretch {
	out := ss[:0]
	for _, s := range ss {
		if n := len(out); n > 0 {
			if _, _, ok := join(out[n-1], s, maxGap); ok {
				p := &out[n-1]
				p.edits += s.edits + 1
				p.a1 = max(p.a1, s.a1)
				p.b1 = max(p.b1, s.b1)
				p.matched += s.matched
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// bridge merges consecutive stretches separated by a long gap of about
// the same length in both texts when the two gaps are similar text: a
// stretch of heavy OCR damage, or text repeated elsewhere in the article
// (lists, tables) that left no unique seed. A replaced paragraph is a gap
// of different text and stays a split. It works in place.
func bridge(ra, rb []rune, ss []stretch) []stretch {
	out := ss[:0]
	for _, s := range ss {
		if n := len(out); n > 0 {
			p := &out[n-1]
			ga, gb := s.a0-p.a1, s.b0-p.b1
			if ga >= 0 && gb >= 0 && ga <= maxBridge && gb <= maxBridge &&
				abs(ga-gb) <= 10+max(ga, gb)/10 &&
				dice(ra[p.a1:s.a0], rb[p.b1:s.b0]) >= minBridgeDice {
				p.a1, p.b1 = s.a1, s.b1
				p.matched += s.matched
				p.edits += s.edits
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// Bridging limits: the longest gap considered, and the least letter
// 4-gram Dice similarity of the two gaps (independent English text scores
// about 0.1, OCR-damaged copies over 0.5).
const (
	maxBridge     = 3000
	minBridgeDice = 0.4
)

// dice returns the Dice coefficient of the letter 4-gram multisets of x
// and y.
func dice(x, y []rune) float64 {
	const n = 4
	if len(x) < n || len(y) < n {
		return 0
	}
	grams := func(r []rune) map[uint64]int {
		m := make(map[uint64]int, len(r))
		for i := 0; i+n <= len(r); i++ {
			var h uint64
			for _, c := range r[i : i+n] {
				h = h*0x100000001b3 + uint64(c)
			}
			m[h]++
		}
		return m
	}
	gx, gy := grams(x), grams(y)
	common := 0
	for h, c := range gx {
		common += min(c, gy[h])
	}
	return 2 * float64(common) / float64(len(x)+len(y)-2*(n-1))
}

// disjoint keeps the longest stretches that overlap no longer one in
// either text (text repeated inside one article, such as a pull quote,
// would otherwise be claimed twice). The kept stretches are written over
// ss; order is scratch memory, returned grown.
func disjoint(ss, order []stretch) ([]stretch, []stretch) {
	order = append(order, ss...)
	slices.SortStableFunc(order, func(x, y stretch) int { return y.matched - x.matched })
	kept := ss[:0]
	for _, s := range order {
		ok := true
		for _, k := range kept {
			if !(s.a0 < k.a1 && k.a0 < s.a1 || s.b0 < k.b1 && k.b0 < s.b1) {
				continue
			}
			// An edge extended into a neighbour: trim it back along its
			// diagonal, on the side where it overlaps.
			switch {
			case s.a0 >= k.a0 && s.b0 >= k.b0:
				d := max(k.a1-s.a0, k.b1-s.b0, 0)
				s.a0 += d
				s.b0 += d
			case s.a1 <= k.a1 && s.b1 <= k.b1:
				d := max(s.a1-k.a0, s.b1-k.b0, 0)
				s.a1 -= d
				s.b1 -= d
			}
			if s.a0 >= s.a1 || s.b0 >= s.b1 || s.a0 < k.a1 && k.a0 < s.a1 || s.b0 < k.b1 && k.b0 < s.b1 {
				ok = false
				break
			}
		}
		if ok {
			kept = append(kept, s)
		}
	}
	slices.SortFunc(kept, func(x, y stretch) int { return x.a0 - y.a0 })
	return kept, order
}

// snap turns the letter range [l0, l1) into a rune range of text on
// whitespace-delimited word boundaries: an edge word is taken whole when
// at least half of it is inside, and left out otherwise.
func snap(text runeText, l *letters, l0, l1 int) ([2]int, bool) {
	if l0 >= l1 || l1 > len(l.off) {
		return [2]int{}, false
	}
	s, e := int(l.off[l0]), int(l.off[l1-1])+1
	ts, te := wordAround(text, s)
	if 2*(te-s) >= te-ts {
		s = ts
	} else {
		s = te
		for s < text.len() && unicode.IsSpace(text.at(s)) {
			s++
		}
	}
	ts, te = wordAround(text, e-1)
	if 2*(e-ts) >= te-ts {
		e = te
	} else {
		e = ts
		for e > 0 && unicode.IsSpace(text.at(e-1)) {
			e--
		}
	}
	return [2]int{s, e}, s < e
}

// wordAround returns the whitespace-delimited word holding rune i; in
// scripts written without spaces, a word is one character.
func wordAround(text runeText, i int) (int, int) {
	if unspaced(text.at(i)) {
		return i, i + 1
	}
	// The word is walked by decoding the text from rune i's byte on,
	// rather than by looking up every rune's byte offset.
	inWord := func(r rune) bool { return !unicode.IsSpace(r) && !unspaced(r) }
	b := text.byteAt(i)
	s := i
	for j := b; j > 0; s-- {
		r, w := utf8.DecodeLastRuneInString(text.s[:j])
		if !inWord(r) {
			break
		}
		j -= w
	}
	e := i
	for j := b; j < len(text.s); e++ {
		r, w := utf8.DecodeRuneInString(text.s[j:])
		if !inWord(r) {
			break
		}
		j += w
	}
	return s, e
}

// letterRange returns the letters whose runes lie in the rune range r.
func letterRange(l *letters, r [2]int) (int, int) {
	lo, _ := slices.BinarySearch(l.off, int32(r[0]))
	hi, _ := slices.BinarySearch(l.off, int32(r[1]))
	return lo, hi
}

// words counts the word starts among letters [l0, l1).
func words(l *letters, l0, l1 int) int {
	lo, _ := slices.BinarySearch(l.starts, int32(l0))
	hi, _ := slices.BinarySearch(l.starts, int32(l1))
	return hi - lo
}

// headTail returns the letters before the first and after the last of the
// passages on one side.
func headTail(l *letters, ps []news.Passage, side func(news.Passage) [2]int) (int, int) {
	first, last := len(l.r), 0
	for _, p := range ps {
		lo, hi := letterRange(l, side(p))
		first = min(first, lo)
		last = max(last, hi)
	}
	return first, len(l.r) - last
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// isEdit reports whether the gap x | y between two exact matches is an
// edit (a word replaced, added or dropped) rather than OCR noise: the two
// sides differ in at least editMin letters and in most of their letters.
// OCR damage leaves most letters in place, even where several errors
// cluster.
func isEdit(x, y []rune) bool {
	n := max(len(x), len(y))
	if n < editMin {
		return false
	}
	d := levenshtein(x, y)
	return d >= editMin && 2*d >= n
}

// editMin is the fewest differing letters that can make an edit.
const editMin = 3

// levenshtein returns the edit distance of x and y.
func levenshtein(x, y []rune) int {
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			c := prev[j-1]
			if x[i-1] != y[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}
