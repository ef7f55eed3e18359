package story

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"

	"github.com/newsfold/newsfold/news"
)

// A quote is the words of one quotation in a sentence, as normalized
// tokens, with the word indexes of its first and last token.
type quote struct {
	// words are normalized; a capitalised word inside the quotation (a
	// name) is marked with a leading "^".
	words []string
	// nums holds the number of each word in the lexicon that tokenized
	// it (see lexeme) plus one, 0 for a word marked as a name or
	// tokenized without a lexicon.
	nums []uint32
	// trimmed and stems are the words without the marks, and their stems,
	// and masks their letters (see letterMask), for variant, which makes
	// them on first need: most quotations are compared with none, or
	// only with their own words.
	trimmed, stems []string
	masks          []uint64
	// stemHashes are the hashes of stems (see stemHash), made by variant
	// on first need, so that most pairs of words are told apart by them.
	stemHashes  []uint64
	first, last int
}

// stemSeed seeds stemHash.
var stemSeed = maphash.MakeSeed()

// stemHashes returns the hashes of stems: equal stems hash alike, and
// different stems hardly ever do. They are cut from sc's block of words
// unless sc is nil.
func stemHashes(stems []string, sc *variantTables) []uint64 {
	out := sc.cutWords(len(stems))
	for i, st := range stems {
		out[i] = maphash.String(stemSeed, st)
	}
	return out
}

// cutWords returns n words cut from sc's block, or made when sc is nil.
func (sc *variantTables) cutWords(n int) []uint64 {
	if sc == nil {
		return make([]uint64, n)
	}
	return cut(&sc.words, n)
}

// cut returns n elements cut from the end of *block, which grows to hold
// them, with no room to grow into the rest of the block.
func cut[T any](block *[]T, n int) []T {
	b := slices.Grow(*block, n)
	start := len(b)
	*block = b[:start+n]
	return b[start : start+n : start+n]
}

// minQuote is the fewest words a quotation needs to be compared: shorter
// ones ("a very good" meeting, a film title) are labels more than
// statements.
const minQuote = 6

// minQuoteShared is the fewest content words, names aside, two wordings
// of one quotation share: "there's a lot of crime" and "there's a lot of
// anger" share a frame, "wholly inappropriate use of the Endangered
// Species Act" and "absolute heart of the Endangered Species Act" a name,
// not a quotation.
const minQuoteShared = 3

// quotes returns the quotations of a tokenized sentence: the words
// between typographic quotes, or between a pair of straight double
// quotes. A quotation left open (one that goes on in the next sentence)
// is left out: straight quotes cannot tell its start from its end. The
// words of the quotations are cut from b's blocks, unless b is nil.
func quotes(toks []token, b *quoteBlocks) []quote {
	var out []quote
	open := -1
	for i := range toks {
		t := &toks[i]
		if t.word {
			continue
		}
		switch t.text {
		case "\u201c":
			open = i
		case "\u201d":
			if open >= 0 {
				out = appendQuote(out, toks, open, i, b)
			}
			open = -1
		case "\"":
			if open >= 0 && toks[open].text == "\"" {
				out = appendQuote(out, toks, open, i, b)
				open = -1
			} else {
				open = i
			}
		}
	}
	return out
}

// quoteBlocks hold the words of quotations, and their numbers (see
// quote), for one story.
type quoteBlocks struct {
	words []string
	nums  []uint32
}

func appendQuote(out []quote, toks []token, open, close int, b *quoteBlocks) []quote {
	// The words are counted before any room is made for them, so that a
	// quotation too short to keep takes none.
	n := 0
	for i := open + 1; i < close; i++ {
		if toks[i].word {
			n++
		}
	}
	if n < minQuote {
		return out
	}
	q := quote{first: open + 1, last: close - 1}
	if b == nil {
		q.words, q.nums = make([]string, 0, n), make([]uint32, 0, n)
	} else {
		q.words, q.nums = cut(&b.words, n)[:0], cut(&b.nums, n)[:0]
	}
	for i := open + 1; i < close; i++ {
		t := &toks[i]
		if !t.word {
			continue
		}
		if len(q.words) > 0 && capitalised(t.text) && !t.isStop() {
			q.words = append(q.words, "^"+t.norm)
			q.nums = append(q.nums, 0)
		} else {
			q.words = append(q.words, t.norm)
			q.nums = append(q.nums, t.num)
		}
	}
	return append(out, q)
}

// quoteWords returns the words of a quotation without the marks of
// names, their stems and their letter masks, cut from sc's blocks unless
// sc is nil.
func quoteWords(words []string, sc *variantTables) (trimmed, stems []string, masks []uint64) {
	var strs []string
	if sc == nil {
		strs = make([]string, 2*len(words))
	} else {
		strs = cut(&sc.strs, 2*len(words))
	}
	trimmed, stems = strs[:len(words):len(words)], strs[len(words):]
	masks = sc.cutWords(len(words))
	for i, w := range words {
		trimmed[i] = strings.TrimPrefix(w, "^")
		stems[i] = stem(trimmed[i])
		masks[i] = letterMask(trimmed[i])
	}
	return trimmed, stems, masks
}

// letterMask returns a set of the bytes of w, each byte c as bit c mod
// 64. An edit (an insertion, a deletion or a substitution) changes the
// bytes a word has by two at most, and so the set by two bits at most.
func letterMask(w string) uint64 {
	var m uint64
	for i := 0; i < len(w); i++ {
		m |= 1 << (w[i] & 63)
	}
	return m
}

// quoteVariant reports whether two quotations are the same quotation
// worded differently: most of the shorter one's words recur in order in
// the other (a longest common subsequence of at least seven tenths, words
// compared by sameWord), and in some place each has content words the
// other lacks, intensifiers aside. A quotation cut shorter or with words
// left out ("We have just had" / "We have had") is an excerpt, not a
// variant.
func quoteVariant(a, b []string) bool {
	return variant(&quote{words: a}, &quote{words: b}, nil)
}

// variant is quoteVariant of two quotes. Its tables are sc's, or its own
// when sc is nil.
func variant(x, y *quote, sc *variantTables) bool {
	a, b := x.words, y.words
	n, m := len(a), len(b)
	// A quotation is no variant of itself: it has no substitution.
	if n < minQuote || m < minQuote || slices.Equal(a, b) {
		return false
	}
	if x.trimmed == nil {
		x.trimmed, x.stems, x.masks = quoteWords(a, sc)
	}
	if y.trimmed == nil {
		y.trimmed, y.stems, y.masks = quoteWords(b, sc)
	}
	if x.stemHashes == nil {
		x.stemHashes = stemHashes(x.stems, sc)
	}
	if y.stemHashes == nil {
		y.stemHashes = stemHashes(y.stems, sc)
	}
	// Words both open with alike are in the longest common subsequence,
	// and its alignment below takes them first, one against the other:
	// the tables are made for the words after them only, p in each.
	// Wordings of one quotation mostly differ late, if at all.
	p := 0
	for p < min(n, m) && sameQuoteWord(x, y, p, p) {
		p++
	}
	// same[i*m2+j] is sameWord(a[p+i], b[p+j]), each word stemmed once.
	// The tables are sc's when there is one, so that comparisons allocate
	// nothing, but for quotations so long that sc would keep too much.
	n2, m2 := n-p, m-p
	if sc == nil || (n2+1)*(m2+1) > maxVariantTable {
		sc = new(variantTables)
	}
	sc.same = grow(sc.same, n2*m2)
	same := sc.same
	// A word of a that is the same as no word of b is in no common
	// subsequence: once too many are, the subsequence cannot be long
	// enough (see below), and the rest of the table is not worth making.
	hx, hy := x.stemHashes, y.stemHashes
	unmatched := 0
	for i := p; i < n; i++ {
		matched := false
		row := same[(i-p)*m2 : (i-p+1)*m2]
		h, st, word, mask := hx[i], x.stems[i], x.trimmed[i], x.masks[i]
		long := len(word) >= minVariant
		for k := range row {
			// Equal words have equal stems (see sameWordStems). Most
			// pairs of words are too short or have too many letters
			// apart to be spelling variants, as their lengths and masks
			// tell without a call.
			j := p + k
			sw := h == hy[j] && st == y.stems[j]
			if !sw && long && len(y.trimmed[j]) >= minVariant && bits.OnesCount64(mask^y.masks[j]) <= 2*maxEdits {
				sw = spellingVariant(word, y.trimmed[j], mask, y.masks[j])
			}
			row[k] = sw
			matched = matched || sw
		}
		for j := 0; j < p && !matched; j++ {
			matched = sameQuoteWord(x, y, i, j)
		}
		if !matched {
			if unmatched++; 10*(n-unmatched) < 7*min(n, m) {
				return false
			}
		}
	}
	// lcs[i*w+j] is the LCS length of a[p+i:] and b[p+j:].
	w := m2 + 1
	sc.lcs = grow(sc.lcs, (n2+1)*w)
	lcs := sc.lcs
	clear(lcs[n2*w:]) // the last row; the last column is cleared below
	for i := n2 - 1; i >= 0; i-- {
		lcs[i*w+m2] = 0
		for j := m2 - 1; j >= 0; j-- {
			switch {
			case same[i*m2+j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	if 10*(p+int(lcs[0])) < 7*min(n, m) {
		return false
	}
	// Walk the alignment gap by gap. A gap with words on both sides is a
	// substitution, unless the words differ only in spacing or hyphens
	// ("data center" / "datacenter", "e-mail" / "email"); a gap with words
	// on one side only is a cut or an addition.
	var onlyA, onlyB []string
	var gapA, gapB []string
	flush := func() {
		if len(gapA) > 0 && len(gapB) > 0 && !sameWord(strings.Join(gapA, ""), strings.Join(gapB, "")) {
			onlyA = append(onlyA, gapA...)
			onlyB = append(onlyB, gapB...)
		}
		gapA, gapB = nil, nil
	}
	shared := 0 // content words in common
	for _, word := range a[:p] {
		if isContent(token{norm: word, word: true}) && !strings.HasPrefix(word, "^") {
			shared++
		}
	}
	a, b = a[p:], b[p:]
	i, j := 0, 0
	for i < n2 && j < m2 {
		switch {
		case same[i*m2+j]:
			flush()
			if isContent(token{norm: a[i], word: true}) && !strings.HasPrefix(a[i], "^") {
				shared++
			}
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			gapA = append(gapA, a[i])
			i++
		default:
			gapB = append(gapB, b[j])
			j++
		}
	}
	gapA, gapB = append(gapA, a[i:]...), append(gapB, b[j:]...)
	flush()
	return shared >= minQuoteShared && substantive(onlyA) && substantive(onlyB)
}

// sameQuoteWord reports whether word i of x and word j of y are one word
// (see sameWord), from what variant made of them.
func sameQuoteWord(x, y *quote, i, j int) bool {
	if x.stemHashes[i] == y.stemHashes[j] && x.stems[i] == y.stems[j] {
		return true
	}
	wx, wy := x.trimmed[i], y.trimmed[j]
	return len(wx) >= minVariant && len(wy) >= minVariant && bits.OnesCount64(x.masks[i]^y.masks[j]) <= 2*maxEdits &&
		spellingVariant(wx, wy, x.masks[i], y.masks[j])
}

// variantTables are the tables of variant, kept from call to call.
type variantTables struct {
	same []bool
	lcs  []int32
	// strs and words are blocks from which variant cuts the words of
	// the quotations it compares (see quoteWords), emptied for each
	// story, as the quotations last as long as it.
	strs  []string
	words []uint64
}

// maxVariantTable is the most cells of the tables variantTables keep:
// those of two quotations of about 250 words.
const maxVariantTable = 1 << 16

// substantive reports whether words hold a content word that is not an
// intensifier.
func substantive(words []string) bool {
	for _, w := range words {
		if isContent(token{norm: w, word: true}) && !intensifiers[w] {
			return true
		}
	}
	return false
}

// sameWord reports whether two quoted words are one word: equal stems, or
// a spelling variant or typo (one edit, or two in a long word:
// "offense"/"offence", "neighborhood"/"neighbourhood").
func sameWord(a, b string) bool {
	a, b = strings.TrimPrefix(a, "^"), strings.TrimPrefix(b, "^") // "High Street", "high street"
	return sameWordStems(a, b, stem(a), stem(b), letterMask(a), letterMask(b))
}

// sameWordStems is sameWord of a and b without name marks, given their
// stems and letter masks (see letterMask).
func sameWordStems(a, b, stemA, stemB string, maskA, maskB uint64) bool {
	return a == b || stemA == stemB || spellingVariant(a, b, maskA, maskB)
}

// minVariant is the shortest word, in bytes, that spellingVariant takes
// for a variant of another, and maxEdits the most edits it allows.
const (
	minVariant = 5
	maxEdits   = 2
)

// spellingVariant reports whether two words without name marks, given
// their letter masks, are within one edit, or two in a long word, of each
// other (see sameWord).
func spellingVariant(a, b string, maskA, maskB uint64) bool {
	n := min(len(a), len(b))
	if n < minVariant {
		return false
	}
	limit := 1
	if n >= 8 {
		limit = maxEdits
	}
	if bits.OnesCount64(maskA^maskB) > 2*limit {
		return false // more edits than limit
	}
	return editDistance(a, b, limit) <= limit
}

// editDistance is the Levenshtein distance of two words, or limit+1 when
// it exceeds limit. Only the cells of the table within limit of its
// diagonal can lie on an alignment of cost limit or less, so only those
// are computed: the others count as limit+1.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	if a == b {
		return 0
	}
	// Two rows of the table, on the stack for words and short phrases.
	var buf [128]int
	rows := buf[:0]
	if 2*(len(b)+1) > len(buf) {
		rows = make([]int, 0, 2*(len(b)+1))
	}
	rows = rows[:2*(len(b)+1)]
	prev, cur := rows[:len(b)+1], rows[len(b)+1:]
	for j := range prev {
		prev[j] = min(j, limit+1)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		cur[lo-1] = limit + 1 // left of the band
		if lo == 1 {
			cur[0] = min(i, limit+1)
		}
		best := cur[lo-1]
		for j := lo; j <= hi; j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		if hi < len(b) {
			cur[hi+1] = limit + 1 // read by the next row
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit+1)
}

// intensifiers change how strongly a quotation says something, not what:
// "rather detailed" and "very detailed" are one quotation.
var intensifiers = setOf(`rather very really quite extremely so too just pretty fairly highly truly
indeed most more much greatly deeply`)

// sameQuotes reports whether two sentences quote alike: no quotation of
// one is a variant of a quotation of the other, and they do not put their
// words in different mouths. names returns the story's names (see
// storyNames); it is asked only when both sentences quote.
func sameQuotes(a, b *sentence, names func() nameSet) bool {
	qa, qb := a.quotations(), b.quotations()
	for i := range qa {
		for j := range qb {
			if variant(&qa[i], &qb[j], &a.lex.variant) {
				return false
			}
		}
	}
	if len(qa) > 0 && len(qb) > 0 {
		sa, sb := speakers(a.toks, qa, names), speakers(b.toks, qb, names)
		if otherSpeaker(sa, b.toks) && otherSpeaker(sb, a.toks) {
			return false
		}
	}
	return true
}

// otherSpeaker reports whether a sentence names speakers and the other
// sentence mentions none of them, anywhere: "said Oregon State Police Lt.
// Gregg Hastings" and "said Lt. Gregg Hastings" name one man.
func otherSpeaker(speakers map[string]bool, other []token) bool {
	if len(speakers) == 0 {
		return false
	}
	for i := range other {
		if speakers[other[i].norm] {
			return false
		}
	}
	return true
}

// reportingVerbs introduce a speaker.
var reportingVerbs = setOf(`said says told added according stated insisted warned declared announced
wrote tweeted`)

// speakers returns the names a sentence attributes its words to: the
// capitalised words, outside quotations, within three words of a
// reporting verb ("said Putin", "Kim said", "according to the Kremlin").
// A word that opens the sentence counts when names, which returns the
// story's names (see storyNames), holds it: names is asked only then, as
// finding them reads the whole story.
func speakers(toks []token, qs []quote, names func() nameSet) map[string]bool {
	inQuote := func(i int) bool {
		for _, q := range qs {
			if q.first <= i && i <= q.last {
				return true
			}
		}
		return false
	}
	out := make(map[string]bool)
	for i := range toks {
		t := &toks[i]
		if !t.word || !t.isReporting() || inQuote(i) {
			continue
		}
		after := i + 3
		if t.norm == "told" {
			after = i // "told AP": what follows is the listener
		}
		for k := max(0, i-3); k <= min(len(toks)-1, after); k++ {
			w := toks[k]
			if k == i || !w.word || inQuote(k) || !capitalised(w.text) || w.isStop() || isCalendarWord(w.norm) {
				continue
			}
			if _, agency := agencyAliases[w.norm]; agency {
				continue
			}
			if sentenceInitial(toks, k) && !names().has(w) {
				continue
			}
			out[w.norm] = true
		}
	}
	return out
}

// quoteDifferences finds quotations that sources give in different
// words, and quotations they attribute to different people. Both compare
// sentence groups of disjoint sets of articles only, like figures. names
// returns the story's names (see storyNames), and lex lends its scratch.
func quoteDifferences(groups []group, names func() nameSet, lex *lexicon) []news.Difference {
	type quoted struct {
		g  int
		qs []quote
		// speakers are those of the group (see speakers), found on first
		// need: most quotations are compared with none.
		speakers     map[string]bool
		haveSpeakers bool
	}
	var qg []quoted
	for i, g := range groups {
		if qs := g.quotes; len(qs) > 0 {
			qg = append(qg, quoted{g: i, qs: qs})
		}
	}
	if len(qg) < 2 {
		return nil // nothing to compare
	}
	speakersOf := func(q *quoted) map[string]bool {
		if !q.haveSpeakers {
			q.speakers, q.haveSpeakers = speakers(groups[q.g].toks, q.qs, names), true
		}
		return q.speakers
	}
	// The content stems of the quotations of each group, numbered in the
	// order they are met: the index counts shared stems, not strings.
	sets := make([][]int32, len(qg))
	words := 0
	for _, q := range qg {
		for _, x := range q.qs {
			words += len(x.words)
		}
	}
	// A word the lexicon numbered is told by the number of its stem there,
	// which says whether it is a content word too; the others, names
	// marked as such (see quote), by their stem itself.
	numbered := true
	for _, q := range qg {
		for _, x := range q.qs {
			numbered = numbered && len(x.nums) == len(x.words)
			for i := 0; numbered && i < len(x.words); i++ {
				numbered = x.nums[i] != 0 || strings.HasPrefix(x.words[i], "^")
			}
		}
	}
	// A stem the lexicon numbered is numbered here through its local
	// number there (see stemNumbers), set back to -1 after.
	stems := lex.quoteStems[:0]
	defer func() {
		for _, st := range stems {
			lex.byStem[st].local = -1
		}
		lex.quoteStems = stems
	}()
	var number map[string]int32
	next := int32(0)
	// The sets are cut from one block.
	ids := make([]int32, 0, words)
	for k, q := range qg {
		start := len(ids)
		for _, x := range q.qs {
			for i, w := range x.words {
				if numbered && x.nums[i] != 0 {
					word := x.nums[i] - 1
					if !lex.content[word] {
						continue
					}
					st := lex.wordStem[word]
					id := lex.byStem[st].local
					if id < 0 {
						id, next = next, next+1
						lex.byStem[st].local = id
						stems = append(stems, st)
					}
					ids = append(ids, id)
					continue
				}
				if isContent(token{norm: w, word: true}) {
					if number == nil {
						number = make(map[string]int32)
					}
					st := stem(w)
					id, ok := number[st]
					if !ok {
						id, next = next, next+1
						number[st] = id
					}
					ids = append(ids, id)
				}
			}
		}
		set := sortedUniqueIDs(ids[start:])
		ids = ids[:start+len(set)]
		sets[k] = ids[start:len(ids):len(ids)]
	}
	ones := make([]float64, next)
	for i := range ones {
		ones[i] = 1
	}
	// Quotations worth comparing share minQuoteShared content words; the
	// index finds those pairs without trying all.
	pairs := weightedPairs(sets, ones, func(_, _ int, shared float64) bool {
		return shared >= minQuoteShared
	}, &lex.pairs)
	var out []news.Difference
	for _, p := range pairs {
		a, b := &qg[p[0]], &qg[p[1]]
		ga, gb := groups[a.g], groups[b.g]
		if overlaps(ga.articles, gb.articles) {
			continue
		}
	compare:
		for i := range a.qs {
			for j := range b.qs {
				qa, qb := &a.qs[i], &b.qs[j]
				about := ""
				switch {
				case variant(qa, qb, &lex.variant):
					about = "quoted words"
				case sameQuote(qa.words, qb.words) && otherSpeaker(speakersOf(a), gb.toks) && otherSpeaker(speakersOf(b), ga.toks):
					about = "attribution"
				default:
					continue
				}
				out = append(out, news.Difference{About: about, Claims: []news.Claim{
					{Text: ga.text, Articles: slices.Clone(ga.articles)}, {Text: gb.text, Articles: slices.Clone(gb.articles)},
				}})
				break compare
			}
		}
	}
	return out
}

// sameQuote reports whether two quotations are the same words, one
// possibly an excerpt of the other.
func sameQuote(a, b []string) bool {
	if len(a) < minQuote || len(b) < minQuote {
		return false
	}
	sa, sb := strings.Join(a, " "), strings.Join(b, " ")
	return strings.Contains(sa, sb) || strings.Contains(sb, sa)
}
