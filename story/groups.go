package story

import (
	"cmp"
	"hash/maphash"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/hashmix"
	"github.com/newsfold/newsfold/internal/unionfind"
)

// A group is one sentence of the story: a sentence and its near-duplicates
// in other articles (or repeated in one), with where it appears.
type group struct {
	text string  // the representative wording
	toks []token // for differences only
	// wordRank holds, for differences only, the term id in vec (see
	// vector) of the stem of each word of text, -1 for words that carry
	// no meaning (see isContent).
	wordRank []int32
	// quants and quotes are for differences only, and left out of a
	// group of all the story's articles (see sentenceGroups).
	quants   []quantity
	quotes   []quote
	articles []string // sorted, the lexicon's (see sentenceGroups)
	families int      // distinct wire families among articles
	event    int      // earliest event (index in the sorted events) it appears in
	pos      int      // smallest sentence index in its articles
	order    int      // reading order: first appearance over the articles in event order
	leads    []string // articles that open with this sentence
	vec      vector
	wordNums []uint32 // the numbers of the words of text in the story's lexicon (see lexeme)
	dangling bool     // see dangling
}

// A sentence is one sentence of one article. Its tokens, figures and
// quotations are found on first need (see sentence.figures and the
// like): most sentences are never compared with another.
type sentence struct {
	text     string
	lex      *lexicon // the story's
	article  string
	index    int     // the article's in the view's ids
	pub      *pubDay // the article's date, parsed once for the article
	event    int
	pos      int
	toks     []token  // nil until needed (see tokens)
	wordNums []uint32 // the numbers of its words in the story's lexicon (see lexeme)
	wordIDs  []uint32 // the numbers of its content stems
	cbigrams []uint64 // content bigrams (see pair), the near-duplicate index keys

	nums, dates []quantity // see numbers and dateFigures
	haveNums    bool
	haveDates   bool
	qs          []quote
	haveQuotes  bool
	keys        figureKeys
}

// tokens returns the sentence's tokens, tokenized with the story's
// lexicon, as storyNames' set of names asks.
func (s *sentence) tokens() []token {
	if s.toks == nil {
		s.toks = appendTokens(make([]token, 0, len(s.text)/4+1), s.text, s.lex)
	}
	return s.toks
}

// figures returns the sentence's quantities, dates included.
func (s *sentence) figures() []quantity {
	return slices.Concat(s.numbers(), s.dateFigures())
}

// numbers returns the sentence's quantities other than dates.
func (s *sentence) numbers() []quantity {
	if !s.haveNums {
		s.nums = quantities(s.tokens())
		s.haveNums = true
	}
	return s.nums
}

// dateFigures returns the sentence's dates as quantities.
func (s *sentence) dateFigures() []quantity {
	if !s.haveDates {
		s.dates = dateQuantities(s.text, s.tokens(), s.pub)
		s.haveDates = true
	}
	return s.dates
}

// quotations returns the sentence's quotations.
func (s *sentence) quotations() []quote {
	if !s.haveQuotes {
		s.qs = quotes(s.tokens(), &s.lex.blocks.quotes)
		s.haveQuotes = true
	}
	return s.qs
}

// A lexicon caches what the story view asks of each word, and numbers
// stems so that a pair of them is one comparable integer (see pair). What
// it holds depends on the words alone, so one lexicon serves any number of
// stories, one at a time.
type lexicon struct {
	// slots is an open-addressing hash table of the words, normalized,
	// that answers a lookup from one slot (see wordSlot).
	slots []wordSlot
	seed  maphash.Seed
	// stems is a table like slots, of the stems (see stemSlot).
	stems []stemSlot
	list  []string // the stems by number
	// prefix holds the first eight bytes of each stem, to sort stems
	// fast, and byStem each stem's local and rank (see stemNumbers).
	prefix []uint64
	byStem []stemNumbers
	// The first len(sorted) stems are ranked: sorted lists them in the
	// order of the stems, each one's rank being its index in sorted, so
	// that rankStems orders them without comparing strings. marks,
	// coarse, at, fresh and before are rankStems' scratch, marks a bit
	// per rank and coarse a bit per word of marks, both clear when
	// unused, and at the index in rankStems' stems of each marked rank.
	sorted []uint32
	// sortedPrefix holds the prefix of each ranked stem by rank.
	sortedPrefix []uint64
	// unranked and merged are rankAll's scratch.
	unranked, merged []uint32
	marks            []uint64
	coarse           []uint64
	at               []int32
	fresh            []int32
	before           []int32
	// wordStem holds the number of the stem of each word by the word's
	// number, and how and noted are storyNames' scratch, how zero when
	// unused. isName is the set storyNames returns, by word number, and
	// names lists the words in it.
	wordStem []uint32
	how      []uint8
	noted    []uint32
	isName   []bool
	names    []uint32
	norms    []string // the words by number
	content  []bool   // by the word's number, see isContent
	flags    []uint8  // by the word's number, see wordFlags
	// variant and pairs hold the tables of variant and weightedPairs.
	variant variantTables
	pairs   pairTables
	// bigrams is bigramDice's table, its slots taken by generation.
	bigrams   []bigramSlot
	bigramGen uint32
	// keep and statementWords are the scratch of differences.
	keep           []bool
	statementWords []int32
	// quoteStems lists the stems quoteDifferences numbers.
	quoteStems []uint32
	// summary holds summarize's scratch.
	summary struct {
		cands, chosen            []int
		vs                       []vector
		covered                  []bool
		weights, rel, redundancy []float64
		noted                    []int
	}
	// grouping holds sentenceGroups' scratch, famSeen left clear.
	grouping struct {
		sets            unionfind.Sets
		js, members     []int
		setOf, at, next []int32
		famSeen         []bool
		bags            [][]uint32
	}
	// sentences holds the sentences of a paragraph (see view.parse),
	// index the table of sentenceGroups' index, acc and seen the arrays
	// of sum and summarize, and tfidf those of tfidfIDs.
	sentences []string
	index     postingTable
	acc       []float64
	seen      []bool
	// sentenceAt is view.parse's table of the sentences of a story of
	// several articles.
	sentenceAt sentenceTable
	// parsed holds the view's parsed articles (see view.parsed).
	parsed []parsedArticle
	// sumTerms holds the terms of sum's result.
	sumTerms vector
	tfidf    struct {
		used       []uint32
		sorted     []uint32 // a bag's term ids, sorted
		out        []vector
		rank       []int32
		df         []int
		count, idf []float64
		byDF       []float64
		marks      []uint64
	}
	// written is a second table of words, as written rather than
	// normalized (see lookupWritten), with nwritten entries.
	written  []writtenSlot
	nwritten int
	// pending is the scratch of appendTokens and findWords: the words of
	// a sentence found but not yet looked up (see lookupPending). touched
	// sums what lookupPending reads ahead, so that the reads are not
	// optimized away.
	pending []pendingWord
	touched uint64
	// pubs holds the publication dates of sentenceGroups' articles.
	pubs []pubDay
	// blocks holds the memory from which the view cuts what it keeps of
	// a story, emptied for each story rather than allocated afresh:
	// nothing of it outlives the story's Tell. view.parse cuts the
	// sentences of the articles, their tokens and the numbers of their
	// words, stems and bigrams, tfidfIDs its vectors.
	blocks struct {
		nums  []uint32
		pairs []uint64
		toks  []token
		body  []parsedSentence
		terms vector
		// sents, entries, groups and ranks are those of
		// view.sentenceGroups, and bags the bags of words it and
		// view.vectors give tfidfIDs, for that call only.
		sents   []sentence
		entries []postingEntry
		groups  []group
		bags    []uint32
		ranks   []int32
		// quotes holds the words of the story's quotations, and articles
		// the articles of its groups (see group).
		quotes   quoteBlocks
		articles []string
	}
}

// stemNumbers are two numbers of a stem, side by side, as tfidfIDs and
// rankStems read both of each stem of a story, and most such reads miss
// the processor's caches: local, tfidfIDs' scratch numbering, -1 when
// unused, and rank, the stem's index in the lexicon's sorted stems (see
// lexicon.sorted), -1 until it is ranked.
type stemNumbers struct {
	local, rank int32
}

// A pendingWord is a word appendTokens looks up once it has found all
// the words of a sentence: its keys and hash in the table of words as
// written (see writtenKeys), k2 zero, which no key of a word is, for a
// word longer than maxWritten; its byte offsets in the sentence; and the
// index of its token, when there are tokens. x is what the lookup found,
// for appendAnalysis.
type pendingWord struct {
	k1, k2, h  uint64
	x          lexeme
	start, end int32
	tok        int32
}

// A lexeme is what a normalized word is to the story view.
type lexeme struct {
	id      uint32 // the number of the word's stem
	word    uint32 // the number of the word itself, its order of learning
	content bool   // see isContent
}

// newLexicon returns a lexicon for about size bytes of text. A text has
// a word in about eight bytes, but most words repeat: a distinct one in
// about a hundred bytes of news, fewer as the text grows. Its tables and
// arrays are made at the size of those words, rather than grown to it.
func newLexicon(size int) *lexicon {
	n := min(size/100, maxLexicon)
	slots := 1024
	for slots < 2*n {
		slots *= 2
	}
	return &lexicon{
		slots: make([]wordSlot, slots), seed: maphash.MakeSeed(), stems: make([]stemSlot, slots),
		written: make([]writtenSlot, slots),
		list:    make([]string, 0, n), prefix: make([]uint64, 0, n), byStem: make([]stemNumbers, 0, n),
		wordStem: make([]uint32, 0, n), how: make([]uint8, 0, n), isName: make([]bool, 0, n),
		norms: make([]string, 0, n), content: make([]bool, 0, n), flags: make([]uint8, 0, n),
	}
}

// A stemSlot is one entry of a lexicon's table of stems: the stem's key,
// as a word's (see wordSlot), and 1 + its number, 0 in an empty slot.
type stemSlot struct {
	key uint64
	num uint32
}

// stemNumber returns the number of the stem st, numbering it if new.
func (l *lexicon) stemNumber(st string) uint32 {
	key, h := l.wordKey(st)
	mask := uint64(len(l.stems) - 1)
	i := h & mask
	for ; l.stems[i].num != 0; i = (i + 1) & mask {
		if e := l.stems[i]; e.key == key && (len(st) <= 7 || l.list[e.num-1] == st) {
			return e.num - 1
		}
	}
	id := uint32(len(l.list))
	l.stems[i] = stemSlot{key, id + 1}
	l.list = append(l.list, st)
	var k uint64
	for b := range 8 {
		k <<= 8
		if b < len(st) {
			k |= uint64(st[b])
		}
	}
	l.prefix = append(l.prefix, k)
	l.byStem = append(l.byStem, stemNumbers{local: -1, rank: -1})
	if 2*len(l.list) > len(l.stems) {
		l.stems = make([]stemSlot, 2*len(l.stems))
		mask := uint64(len(l.stems) - 1)
		for id, st := range l.list {
			key, h := l.wordKey(st)
			i := h & mask
			for l.stems[i].num != 0 {
				i = (i + 1) & mask
			}
			l.stems[i] = stemSlot{key, uint32(id) + 1}
		}
	}
	return id
}

// A wordSlot is one entry of a lexicon's table of words. Its key is a
// word of up to seven bytes itself, packed with its length in the top
// byte, so that finding the word reads nothing else; for a longer word
// it is the word's hash with the top byte all ones. Its val is the
// lexeme: 1 + the word's number in the low half (0 in an empty slot),
// the number of its stem in the next 31 bits, and whether it is a
// content word in the top bit.
type wordSlot struct {
	key, val uint64
}

// wordKey returns the key and hash of a word in l's table of words, or
// of a stem in its table of stems.
func (l *lexicon) wordKey(norm string) (key, hash uint64) {
	if len(norm) > 7 {
		h := maphash.String(l.seed, norm)
		return h | 0xff<<56, h
	}
	key = shortKey(norm)
	return key, hashmix.Mix(key)
}

// shortKey packs a word of up to seven bytes, and its length, into a key
// (see wordSlot).
func shortKey(w string) uint64 {
	var key uint64
	for i := len(w) - 1; i >= 0; i-- {
		key = key<<8 | uint64(w[i])
	}
	return key | uint64(len(w))<<56
}

// maxWritten is the longest word, in bytes, that lookupWritten finds as
// written: two keys hold it.
const maxWritten = 15

// A writtenSlot is one entry of a lexicon's table of words as written:
// a word of up to maxWritten bytes packed with its length into two keys,
// its lexeme as in a wordSlot, the flags of the word (see wordFlags), and
// whether the word is written in its normal form, so that a lookup reads
// nothing else.
type writtenSlot struct {
	k1, k2, val uint64
	flags       uint8
	normal      bool
}

// writtenKeys packs a word of up to maxWritten bytes and its length.
func writtenKeys(w string) (k1, k2 uint64) {
	n := len(w)
	for i := min(n, 8) - 1; i >= 0; i-- {
		k1 = k1<<8 | uint64(w[i])
	}
	for i := n - 1; i >= 8; i-- {
		k2 = k2<<8 | uint64(w[i])
	}
	return k1, k2 | uint64(n)<<56
}

// writtenHash is the hash of a word's keys in the table of words as
// written.
func writtenHash(k1, k2 uint64) uint64 {
	return hashmix.Mix(k1 ^ k2*0x9e3779b97f4a7c15)
}

// lookupWritten is lookup(normWord(w)) for a word w as written, without
// normalizing w again once it is known, when w has up to maxWritten
// bytes.
func (l *lexicon) lookupWritten(w string) lexeme {
	if len(w) > maxWritten {
		return l.lookup(normWord(w))
	}
	if l.written == nil {
		l.written = make([]writtenSlot, 1024)
	}
	k1, k2 := writtenKeys(w)
	return unpackLexeme(l.lookupKeys(w, k1, k2, writtenHash(k1, k2)).val)
}

// lookupKeys returns the slot of w in the table of words as written,
// given w's keys and hash, for a word of up to maxWritten bytes once the
// table is made (see lookupWritten).
func (l *lexicon) lookupKeys(w string, k1, k2, h uint64) writtenSlot {
	mask := uint64(len(l.written) - 1)
	i := h & mask
	for ; l.written[i].val != 0; i = (i + 1) & mask {
		if e := l.written[i]; e.k1 == k1 && e.k2 == k2 {
			return e
		}
	}
	x := l.lookup(normWord(w))
	e := writtenSlot{k1, k2, l.slotVal(x.word), l.flags[x.word], l.norms[x.word] == w}
	l.written[i] = e
	// The table is three quarters full at most: written forms outnumber
	// words, and a smaller table misses the processor's caches less.
	if l.nwritten++; 4*l.nwritten > 3*len(l.written) {
		old := l.written
		l.written = make([]writtenSlot, 2*len(old))
		mask := uint64(len(l.written) - 1)
		for _, e := range old {
			if e.val != 0 {
				i := writtenHash(e.k1, e.k2) & mask
				for l.written[i].val != 0 {
					i = (i + 1) & mask
				}
				l.written[i] = e
			}
		}
	}
	return e
}

// unpackLexeme returns the lexeme of a slot's val (see wordSlot).
func unpackLexeme(val uint64) lexeme {
	return lexeme{id: uint32(val>>32) &^ (1 << 31), word: uint32(val) - 1, content: val>>63 != 0}
}

func (l *lexicon) lookup(norm string) lexeme {
	key, h := l.wordKey(norm)
	mask := uint64(len(l.slots) - 1)
	i := h & mask
	for ; l.slots[i].val != 0; i = (i + 1) & mask {
		e := l.slots[i]
		if e.key == key && (len(norm) <= 7 || l.norms[uint32(e.val)-1] == norm) {
			return unpackLexeme(e.val)
		}
	}
	// The lexicon outlives the story: it keeps copies of its words, not
	// the article texts they point into.
	norm = strings.Clone(norm)
	flags, content := wordFlags(norm)
	id := l.stemNumber(stem(norm))
	w := uint32(len(l.norms))
	l.wordStem = append(l.wordStem, id)
	l.how = append(l.how, 0)
	l.isName = append(l.isName, false)
	l.norms = append(l.norms, norm)
	l.content = append(l.content, content)
	l.flags = append(l.flags, flags)
	l.slots[i] = wordSlot{key, l.slotVal(w)}
	if 2*len(l.norms) > len(l.slots) {
		l.grow()
	}
	return lexeme{id, w, content}
}

// slotVal returns the val of word w's slot (see wordSlot).
func (l *lexicon) slotVal(w uint32) uint64 {
	v := uint64(w+1) | uint64(l.wordStem[w])<<32
	if l.content[w] {
		v |= 1 << 63
	}
	return v
}

// grow doubles the table of words.
func (l *lexicon) grow() {
	l.slots = make([]wordSlot, 2*len(l.slots))
	mask := uint64(len(l.slots) - 1)
	for w, norm := range l.norms {
		key, h := l.wordKey(norm)
		i := h & mask
		for l.slots[i].val != 0 {
			i = (i + 1) & mask
		}
		l.slots[i] = wordSlot{key, l.slotVal(uint32(w))}
	}
}

// rankStems sets ranks[k] to the rank of stems[k] among stems, distinct
// stem numbers, in the order of the stems themselves: its index once
// they are sorted. The ranked stems (see lexicon.sorted) are marked in a
// bitmap of their ranks and read back in order, a stem learned since
// being placed among them by a binary search of the ranked ones; neither
// compares the strings of two ranked stems.
func (l *lexicon) rankStems(stems []uint32, ranks []int32) {
	// Rank the stems learned since the last ranking once they are many
	// enough that merging them in costs less than comparing them call
	// after call: a new stem is merged in about eight times at most.
	if unranked := len(l.list) - len(l.sorted); unranked > 0 && 8*unranked >= len(l.sorted) {
		l.rankAll()
	}
	ranked := uint32(len(l.sorted))
	fresh := l.fresh[:0] // indexes in stems of the stems not ranked
	marks, coarse, at := l.marks, l.coarse, l.at
	for k, id := range stems {
		if id < ranked {
			r := uint32(l.byStem[id].rank) // unsigned, to divide by shifts
			marks[r/64] |= 1 << (r % 64)
			coarse[r/(64*64)] |= 1 << (r / 64 % 64)
			at[r] = int32(k)
		} else {
			fresh = append(fresh, int32(k))
		}
	}
	l.fresh = fresh
	// A fresh stem goes before the ranked stem with the rank of the
	// number of ranked stems before it, and after the fresh stems before
	// it; before[i] is that rank for the i-th fresh stem in order.
	slices.SortFunc(fresh, func(a, b int32) int {
		if l.stemLess(stems[a], stems[b]) {
			return -1
		}
		return 1 // stems are distinct
	})
	before := l.before[:0]
	for _, k := range fresh {
		before = append(before, int32(l.rankBefore(stems[k])))
	}
	l.before = before
	// The marked ranks are read in order, through coarse, each fresh stem
	// taking its place before the first of rank before[i] or more; both
	// bitmaps are left clear.
	n, i := int32(0), 0
	for cw, c := range coarse {
		if c == 0 {
			continue
		}
		for ; c != 0; c &= c - 1 {
			w := cw*64 + bits.TrailingZeros64(c)
			for m := marks[w]; m != 0; m &= m - 1 {
				r := int32(w*64 + bits.TrailingZeros64(m))
				for ; i < len(fresh) && before[i] <= r; i++ {
					ranks[fresh[i]] = n
					n++
				}
				ranks[at[r]] = n
				n++
			}
			marks[w] = 0
		}
		coarse[cw] = 0
	}
	for ; i < len(fresh); i++ {
		ranks[fresh[i]] = n
		n++
	}
}

// rankBefore returns the number of ranked stems (see lexicon.sorted)
// that come before the stem f, which is not ranked. The prefixes of the
// ranked stems are searched first, in an array of their own and without
// a branch for each step, as the searches of a story's new stems miss
// the processor's caches; then the strings of the few that have f's
// prefix.
func (l *lexicon) rankBefore(f uint32) int {
	p, sp := l.prefix[f], l.sortedPrefix
	if len(sp) == 0 {
		return 0
	}
	// lo is the number of prefixes less than p.
	lo, n := 0, len(sp)
	for n > 1 {
		half := n / 2
		lo += half * bit(sp[lo+half] < p)
		n -= half
	}
	lo += bit(sp[lo] < p)
	hi := lo
	for hi < len(sp) && sp[hi] == p {
		hi++
	}
	return lo + sort.Search(hi-lo, func(r int) bool { return l.list[f] < l.list[l.sorted[lo+r]] })
}

// rankAll ranks every stem of the lexicon.
func (l *lexicon) rankAll() {
	// The arrays of the last ranking are reused, as a lexicon is ranked
	// again and again while it grows.
	ranked := len(l.sorted)
	fresh := l.unranked[:0]
	for id := ranked; id < len(l.list); id++ {
		fresh = append(fresh, uint32(id))
	}
	l.unranked = fresh
	l.sortByString(fresh)
	merged := slices.Grow(l.merged[:0], len(l.list))
	i, j := 0, 0
	for i < len(l.sorted) && j < len(fresh) {
		if l.stemLess(fresh[j], l.sorted[i]) {
			merged = append(merged, fresh[j])
			j++
		} else {
			merged = append(merged, l.sorted[i])
			i++
		}
	}
	merged = append(merged, l.sorted[i:]...)
	l.sorted, l.merged = append(merged, fresh[j:]...), l.sorted
	l.sortedPrefix = grow(l.sortedPrefix, len(l.sorted))
	for r, id := range l.sorted {
		l.byStem[id].rank = int32(r)
		l.sortedPrefix[r] = l.prefix[id]
	}
	l.marks = grow(l.marks, (len(l.sorted)+63)/64)
	l.coarse = grow(l.coarse, (len(l.marks)+63)/64)
	clear(l.marks)
	clear(l.coarse)
	l.at = grow(l.at, len(l.sorted))
}

// reset empties l of its words and stems, keeping the memory of its
// tables and arrays: a Teller refills a full lexicon rather than making
// another one grow as it did.
func (l *lexicon) reset() {
	clear(l.slots)
	clear(l.stems)
	clear(l.written)
	l.nwritten = 0
	l.list, l.prefix, l.byStem = l.list[:0], l.prefix[:0], l.byStem[:0]
	l.sorted, l.sortedPrefix = l.sorted[:0], l.sortedPrefix[:0]
	l.wordStem, l.how, l.isName, l.norms, l.content, l.flags = l.wordStem[:0], l.how[:0], l.isName[:0], l.norms[:0], l.content[:0], l.flags[:0]
	l.names = l.names[:0]       // see storyNames
	clear(l.list[:cap(l.list)]) // the strings of the words, no longer needed
	clear(l.norms[:cap(l.norms)])
}

// sortByString sorts stems, given by number, in the order of the stems.
func (l *lexicon) sortByString(stems []uint32) {
	slices.SortFunc(stems, func(a, b uint32) int {
		if c := cmp.Compare(l.prefix[a], l.prefix[b]); c != 0 {
			return c
		}
		return strings.Compare(l.list[a], l.list[b])
	})
}

// stemLess reports whether stem a comes before stem b.
func (l *lexicon) stemLess(a, b uint32) bool {
	if l.prefix[a] != l.prefix[b] {
		return l.prefix[a] < l.prefix[b]
	}
	return l.list[a] < l.list[b]
}

// appendContentStems appends to buf contentWords(tokenize(s)), the
// words of s found and looked up as findWords does, without tokens.
func (l *lexicon) appendContentStems(buf []uint32, s string) []uint32 {
	l.findWords(s)
	for i := range l.pending {
		if x := &l.pending[i].x; x.content {
			buf = append(buf, x.id)
		}
	}
	return buf
}

// contentWords returns the numbers of the stems of the words of toks
// that carry meaning (see isContent).
func (l *lexicon) contentWords(toks []token) []uint32 {
	ids := make([]uint32, 0, len(toks)/2+1)
	for _, t := range toks {
		if t.word {
			if x := l.lookup(t.norm); x.content {
				ids = append(ids, x.id)
			}
		}
	}
	return ids
}

// appendAnalysis appends to buf the numbers of the words (see lexeme) of
// the sentence appendTokens last tokenized with l, for bigramDice and
// storyNames, and those of the stems of its content words (see
// contentWords), and returns them as slices of buf without room to grow.
// It reads what the lookups of the words found, not the lexicon's
// tables again.
func (l *lexicon) appendAnalysis(buf []uint32) (_, words, ids []uint32) {
	// Both lists are written in one pass, into room made for the longest.
	start, mid := len(buf), len(buf)+len(l.pending)
	buf = slices.Grow(buf, 2*len(l.pending))[:mid+len(l.pending)]
	words, end := buf[start:mid:mid], mid
	pending := l.pending
	for i := range pending {
		x := &pending[i].x
		words[i] = x.word
		// Content words and others alternate at random: the stem is
		// written in any case, and kept by counting it, without a branch.
		buf[end] = x.id
		end += bit(x.content)
	}
	return buf[:end], words, buf[mid:end:end]
}

// appendContentBigrams appends to buf the adjacent pairs (see pair) of
// the content stems ids of a sentence, the keys of the near-duplicate
// index, and returns them as a slice of buf without room to grow. A pair
// may come more than once.
func appendContentBigrams(buf []uint64, ids []uint32) (_, bigrams []uint64) {
	start := len(buf)
	for k := 1; k < len(ids); k++ {
		buf = append(buf, pair(ids[k-1], ids[k]))
	}
	return buf, buf[start:len(buf):len(buf)]
}

// pair packs two stem numbers into one bigram key.
func pair(a, b uint32) uint64 {
	return uint64(a)<<32 | uint64(b)
}

// minWords is the shortest sentence the story view considers: shorter
// ones are headings, labels and fragments left by cleaning.
const minWords = 5

// nearDuplicate is the Dice coefficient of word bigrams at which two
// sentences count as one: the same sentence lightly edited.
const nearDuplicate = 0.6

// sentenceGroups splits the story's articles into sentences and merges
// near-duplicates. Two sentences merge when their word bigrams overlap by
// nearDuplicate and they state the same figures (see sameFigures) and
// quote alike (see sameQuotes): a sentence copied with a changed figure
// or a reworded quotation is a difference, not a duplicate. Candidates come from
// an inverted index over content bigrams, so the cost follows the number
// of shared bigrams, not the square of the number of sentences. It also
// returns the IDF of each stem over the groups, by term id (see vector),
// when the story has several articles: differences weigh words by it. The
// IDF is the lexicon's scratch, as tfidfIDs leaves it: it lasts until the
// lexicon's next call of tfidfIDs, which no step after this one makes.
func (v *view) sentenceGroups(eventOf, fam []int) ([]group, []float64) {
	// The articles, by index in v.ids, in event order, then in order of
	// publication.
	order := make([]int, len(v.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if c := cmp.Compare(eventOf[a], eventOf[b]); c != 0 {
			return c
		}
		switch x, y := v.articles[v.ids[a]], v.articles[v.ids[b]]; {
		case earlier(x, y):
			return -1
		case earlier(y, x):
			return 1
		}
		return 0
	})
	lex := v.lex
	n := 0
	for _, k := range order {
		n += len(v.parse(v.ids[k]).body)
	}
	// The sentences are cut from the lexicon's block, as nothing of them
	// outlives the story.
	sents := slices.Grow(lex.blocks.sents[:0], n)
	defer func() { lex.blocks.sents = sents[:0] }()
	// The articles' dates are parsed once for all their sentences.
	lex.pubs = grow(lex.pubs, len(v.ids))
	pubs := lex.pubs
	for _, k := range order {
		id := v.ids[k]
		a := v.articles[id]
		pubs[k] = pubDay{s: a.Date}
		pos := 0
		for _, s := range v.parse(id).body {
			if len(s.words) < minWords {
				continue
			}
			sents = append(sents, sentence{
				text: s.text, lex: lex, article: id, index: k, pub: &pubs[k], event: eventOf[k], pos: pos, toks: s.toks,
				wordNums: s.words, wordIDs: s.ids, cbigrams: s.bigrams,
			})
			pos++
		}
	}

	// names are needed only to compare two sentences that both quote.
	var names nameSet
	storyNamesOnce := func() nameSet {
		if names == nil {
			toks := make([][]token, len(sents))
			nums := make([][]uint32, len(sents))
			for i := range sents {
				toks[i], nums[i] = sents[i].tokens(), sents[i].wordNums
			}
			names = storyNames(toks, nums, lex)
		}
		return names
	}
	sc := &lex.grouping
	sc.sets = grow(sc.sets, len(sents))
	sets := sc.sets
	for i := range sets {
		sets[i] = i // singletons, as unionfind.New makes them
	}
	// The index keeps each posting list as a chain through entries, the
	// newest entry first, so that a key costs no list of its own. Its
	// table and entries are the lexicon's, kept from story to story.
	keys := 0
	for i := range sents {
		keys += len(sents[i].cbigrams)
	}
	index := lex.postings(keys)
	entries := slices.Grow(lex.blocks.entries[:0], keys)
	defer func() { lex.blocks.entries = entries[:0] }()
	js := sc.js[:0]
	defer func() { sc.js = js }()
	for i := range sents {
		s := &sents[i]
		js = js[:0]
		// Each of the sentence's bigrams gives the earlier sentences that
		// have it, and then takes the sentence into its list.
		for _, b := range s.cbigrams {
			p := index.find(b)
			if p.n == 0 {
				p.key, p.head = b, -1
			}
			for e := p.head; e >= 0; e = entries[e].next {
				if j := entries[e].sent; j != int32(i) {
					js = append(js, int(j))
				}
			}
			if p.head >= 0 && entries[p.head].sent == int32(i) {
				continue // a pair the sentence repeats
			}
			if p.n < maxPosting {
				entries = append(entries, postingEntry{int32(i), p.head})
				p.head, p.n = int32(len(entries)-1), p.n+1
			}
		}
		slices.Sort(js)
		js = slices.Compact(js)
		for _, j := range js {
			if sets.Find(j) == sets.Find(i) {
				continue
			}
			t := &sents[j]
			// A sentence printed again word for word has all its bigrams,
			// figures and quotations in common with itself, but for dates
			// when published on another day.
			same := s.text == t.text
			if same && s.pub.s == t.pub.s ||
				(same || lex.bigramDice(s.wordNums, t.wordNums) >= nearDuplicate) && sameFigures(s, t) && (same || sameQuotes(s, t, storyNamesOnce)) {
				sets.Union(i, j)
			}
		}
	}

	// The members of each set are laid out one set after the other in
	// members, the sets in the order of their first sentences, each in
	// reading order: the k-th set's are members[at[k]:at[k+1]].
	sc.setOf = grow(sc.setOf, len(sents)) // by root, its set's number + 1
	setOf := sc.setOf
	clear(setOf)
	at := sc.at[:0] // the sizes of the sets, then where they start
	for i := range sents {
		r := sets.Find(i)
		if setOf[r] == 0 {
			at = append(at, 0)
			setOf[r] = int32(len(at))
		}
		at[setOf[r]-1]++
	}
	at = append(at, 0)
	for k, n := 0, int32(0); k < len(at); k++ {
		at[k], n = n, n+at[k]
	}
	sc.at = at
	sc.members = grow(sc.members, len(sents))
	members := sc.members
	sc.next = append(sc.next[:0], at...)
	next := sc.next
	for i := range sents {
		k := setOf[sets.Find(i)] - 1
		members[next[k]] = i
		next[k]++
	}
	nsets := len(at) - 1
	// The articles of the groups are cut from the lexicon's block: what
	// the story's view tells of a group copies them.
	articles := slices.Grow(lex.blocks.articles[:0], len(sents))
	defer func() { lex.blocks.articles = articles[:0] }()
	// Families are numbered by the index of their first article in v.ids.
	sc.famSeen = grow(sc.famSeen, len(v.ids)) // left clear
	famSeen := sc.famSeen
	var fams []int
	// The groups, their words and ranks are cut from the lexicon's
	// blocks: they last as long as the story's view.
	groups := slices.Grow(lex.blocks.groups[:0], nsets)
	bags := sc.bags[:0] // the groups' words, numbered
	bagWords := lex.blocks.bags[:0]
	defer func() { lex.blocks.groups, lex.blocks.bags, sc.bags = groups, bagWords, bags[:0] }()
	for k := range nsets {
		ms := members[at[k]:at[k+1]]
		rep := representative(sents, ms)
		start := len(bagWords)
		bagWords = append(bagWords, sents[rep].wordIDs...)
		bags = append(bags, bagWords[start:len(bagWords):len(bagWords)])
		g := group{
			text: sents[rep].text, wordNums: sents[rep].wordNums,
			event: sents[ms[0]].event, pos: sents[ms[0]].pos, order: ms[0],
			dangling: dangling(sents[rep].wordNums, lex),
		}
		if len(v.ids) > 1 { // only differences read these
			g.toks = sents[rep].tokens()
		}
		fams = fams[:0] // distinct, marked in famSeen
		ids := articles[len(articles):len(articles)]
		for _, m := range ms {
			ids = append(ids, sents[m].article)
			if f := fam[sents[m].index]; !famSeen[f] {
				famSeen[f] = true
				fams = append(fams, f)
			}
			if sents[m].pos == 0 {
				g.leads = append(g.leads, sents[m].article)
			}
			g.event = min(g.event, sents[m].event)
			g.pos = min(g.pos, sents[m].pos)
		}
		slices.Sort(ids)
		g.articles = slices.Clip(slices.Compact(ids)) // sorted, each once
		articles = articles[:len(articles)+len(g.articles)]
		// Differences are between groups of disjoint sets of articles, so
		// that the figures and quotations of a group of all the story's
		// articles are never compared. They are left out, but for a
		// story of so many groups that the indexes of differences might
		// be cut short (see maxPosting), keeping other candidates.
		if len(v.ids) > 1 && (len(g.articles) < len(v.ids) || nsets > maxPosting) {
			g.quants = sents[rep].figures()
			g.quotes = sents[rep].quotations()
		}
		g.families = len(fams)
		for _, f := range fams {
			famSeen[f] = false
		}
		groups = append(groups, g)
	}
	vecs, vocabIDF := tfidfIDs(bags, lex)
	for i, vec := range vecs {
		groups[i].vec = vec
	}
	var idf []float64
	if len(v.ids) > 1 {
		idf = vocabIDF
		ranks := lex.blocks.ranks[:0]
		for i := range groups {
			g := &groups[i]
			start := len(ranks)
			// The group's content words are those of its bag, in order
			// (see appendAnalysis), which tfidfIDs left holding their
			// term ids. A word after the last content word is none.
			ids, k := bags[i], 0
			for _, w := range g.wordNums {
				r := int32(-1)
				if k < len(ids) {
					// Content words and others alternate at random: the
					// next content word's term id is kept for a content
					// word only, by a mask rather than a branch.
					c := bit(lex.content[w])
					r = int32(ids[k]) | (int32(c) - 1)
					k += c
				}
				ranks = append(ranks, r)
			}
			g.wordRank = ranks[start:len(ranks):len(ranks)]
		}
		lex.blocks.ranks = ranks
	}
	return groups, idf
}

// representative picks the wording of a group: the most frequent text
// (compared word by word, so typographic quotes do not count), the first
// in reading order on a tie.
func representative(sents []sentence, ms []int) int {
	// Of two wordings, each is as frequent as the other: the first wins.
	if len(ms) <= 2 {
		return ms[0]
	}
	// One wording, as most copies have, is its own representative.
	same := true
	for _, m := range ms[1:] {
		if sents[m].text != sents[ms[0]].text {
			same = false
			break
		}
	}
	if same {
		return ms[0]
	}
	// Wordings are told apart by a hash of their words, and compared
	// word by word only when their hashes are equal. A word is hashed by
	// its number in the story's lexicon, which its normal form has, and
	// punctuation, a character, by its bytes.
	hashes := make([]uint64, len(ms))
	for k, m := range ms {
		var h uint64
		toks := sents[m].tokens()
		for i := range toks {
			t := &toks[i]
			x := uint64(t.num)
			if !t.word {
				x = 1<<63 | shortKey(t.norm[:min(len(t.norm), 7)])
			}
			h = hashmix.Mix(h ^ x)
		}
		hashes[k] = h
	}
	best, bestCount := 0, 0
	for k := range ms {
		count := 0
		for j := range ms {
			if hashes[j] == hashes[k] && sameNorms(sents[ms[j]].toks, sents[ms[k]].toks) {
				count++
			}
		}
		if count > bestCount {
			best, bestCount = k, count
		}
	}
	return ms[best]
}

// sameNorms reports whether two lists of tokens have the same normal
// forms.
func sameNorms(a, b []token) bool {
	return slices.EqualFunc(a, b, func(x, y token) bool { return x.norm == y.norm })
}

// A postingEntry is one sentence in a posting list of sentenceGroups'
// index, and the index in the index's entries of the next one, -1 at the
// end of the list.
type postingEntry struct{ sent, next int32 }

// A postingTable is an open-addressing hash table of the posting lists
// of sentenceGroups' index, by bigram (see pair): a slot holds a key, the
// head of its list and the list's length, 0 in an empty slot.
type postingTable []posting

type posting struct {
	key     uint64
	head, n int32
}

// postings returns an empty posting table for up to keys keys: l's own,
// unless it would be larger than maxPostingTable slots, which a lexicon
// does not keep from story to story.
func (l *lexicon) postings(keys int) postingTable {
	n := 64
	for n < 2*keys {
		n *= 2
	}
	if n > maxPostingTable {
		return make(postingTable, n)
	}
	if cap(l.index) < n {
		l.index = make(postingTable, n)
	}
	l.index = l.index[:n]
	clear(l.index)
	return l.index
}

// maxPostingTable is the most slots of a posting table a lexicon keeps:
// a megabyte, enough for the bigrams of about a hundred articles.
const maxPostingTable = 1 << 16

// find returns the slot of key: its own, or the empty one where it goes.
func (t postingTable) find(key uint64) *posting {
	mask := uint64(len(t) - 1)
	for i := hashmix.Mix(key) & mask; ; i = (i + 1) & mask {
		// A new key and a known one are both common: either ends the
		// search, by one test (the smaller of the two is zero in an
		// empty slot and in the key's own) as two would mispredict.
		if p := &t[i]; min(uint64(p.n), p.key^key) == 0 {
			return p
		}
	}
}

// A sentenceTable is an open-addressing hash table of the sentences a
// story's view has parsed, by their text: each one's index in the
// lexicon's block of parsed sentences (see view.parse). A slot is taken
// when it has the table's generation, so that a story starts with an
// empty table without clearing it.
type sentenceTable struct {
	slots []sentenceSlot
	gen   uint32
	n     int // slots taken
}

// A sentenceSlot is one entry of a sentenceTable: a sentence's hash, its
// index in the block of parsed sentences, and the generation that took
// the slot.
type sentenceSlot struct {
	hash uint64
	at   int32
	gen  uint32
}

// reset empties t for a story.
func (t *sentenceTable) reset() {
	if t.slots == nil {
		t.slots = make([]sentenceSlot, 1024)
	}
	if t.gen++; t.gen == 0 {
		clear(t.slots)
		t.gen = 1
	}
	t.n = 0
}

// find returns the index in body of the sentence s, and its slot, when t
// holds it; else -1 and the empty slot where it goes, for add.
func (t *sentenceTable) find(seed maphash.Seed, s string, body []parsedSentence) (*sentenceSlot, int32) {
	h := maphash.String(seed, s)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.gen != t.gen {
			e.hash = h
			return e, -1
		}
		if e.hash == h && body[e.at].text == s {
			return e, e.at
		}
	}
}

// add takes the empty slot that find returned for the sentence at index
// at of the block of parsed sentences.
func (t *sentenceTable) add(e *sentenceSlot, at int32) {
	e.at, e.gen = at, t.gen
	if t.n++; 2*t.n <= len(t.slots) {
		return
	}
	old := t.slots
	t.slots = make([]sentenceSlot, 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, e := range old {
		if e.gen == t.gen {
			i := e.hash & mask
			for t.slots[i].gen == t.gen {
				i = (i + 1) & mask
			}
			t.slots[i] = e
		}
	}
}

// A parsedArticle is an article cut into sentences and words, once for
// all the steps of a view.
type parsedArticle struct {
	body     []parsedSentence // the sentences of the paragraphs that are not sub-headings
	headings []string         // the sub-heading paragraphs
	done     bool             // whether the article is parsed
}

// A parsedSentence is a sentence with its tokens and the numbers of its
// content stems (see lexicon.contentWords) in the view's lexicon, and their
// bigrams (see contentBigrams).
type parsedSentence struct {
	text    string
	toks    []token  // nil when the view does not keep them (see tokens)
	words   []uint32 // the numbers of all its words (see lexeme)
	ids     []uint32
	bigrams []uint64
}

// parse returns the article id cut into sentences, the paragraphs white
// space collapsed.
func (v *view) parse(id string) *parsedArticle {
	var p *parsedArticle
	if k := v.index(id); k >= 0 {
		if p = &v.parsed[k]; p.done {
			return p
		}
	} else {
		p = new(parsedArticle)
	}
	a := v.articles[id]
	// The sentences, the numbers of their words, stems and bigrams, and
	// the tokens the view keeps, are cut from the lexicon's blocks (see
	// lexicon.blocks).
	b := &v.lex.blocks
	nums, pairs, block, body := b.nums, b.pairs, b.toks, b.body
	defer func() { b.nums, b.pairs, b.toks, b.body = nums, pairs, block, body }()
	first := len(body)
	offset := 0 // in runes, counted only when there are headings
	for text, more := a.Text, true; more; {
		var para string
		para, text, more = strings.Cut(text, "\n\n")
		if len(a.Headings) > 0 {
			start, n := offset, utf8.RuneCountInString(para)
			offset += n + 2
			if isHeading(a.Headings, start, start+n) {
				p.headings = append(p.headings, para)
				continue
			}
		}
		v.lex.sentences = appendSentences(v.lex.sentences[:0], squeeze(para))
		for _, s := range v.lex.sentences {
			// A sentence another article of the story has word for word,
			// as copies and versions have many, is parsed once.
			var slot *sentenceSlot
			if v.keepTokens {
				var k int32
				if slot, k = v.lex.sentenceAt.find(v.lex.seed, s, body); k >= 0 {
					body = append(body, body[k])
					continue
				}
			}
			var ps parsedSentence
			// The lead's tokens are kept in any case, for dating events
			// (see lead).
			if v.keepTokens || len(body)-first < leadSentences {
				start := len(block)
				block = appendTokens(block, s, v.lex)
				ps.toks = block[start:len(block):len(block)]
			} else {
				v.lex.findWords(s)
			}
			nums, ps.words, ps.ids = v.lex.appendAnalysis(nums)
			pairs, ps.bigrams = appendContentBigrams(pairs, ps.ids)
			ps.text = s
			if slot != nil {
				v.lex.sentenceAt.add(slot, int32(len(body)))
			}
			body = append(body, ps)
		}
	}
	p.body = body[first:len(body):len(body)]
	p.done = true
	return p
}

// tokens returns the sentence's tokens.
func (s *parsedSentence) tokens() []token {
	if s.toks == nil {
		return tokenize(s.text)
	}
	return s.toks
}

func isHeading(headings [][2]int, start, end int) bool {
	for _, h := range headings {
		if h[0] <= start && end <= h[1] || start <= h[0] && h[1] <= end && h[1]-h[0] >= (end-start)/2 {
			return true
		}
	}
	return false
}

// bigramDice is the Dice coefficient of the sets of word bigrams of two
// sentences, given by the numbers of their words in l: their adjacent
// pairs of words (see pair), words stemmed, punctuation skipped. The
// sets are counted in a hash table of l's rather than sorted, as most
// sentences are compared once or twice.
func (l *lexicon) bigramDice(a, b []uint32) float64 {
	size := 64
	for size < 2*(len(a)+len(b)) {
		size *= 2
	}
	if len(l.bigrams) < size {
		l.bigrams = make([]bigramSlot, size)
	}
	// A slot is taken when it has this call's generation, so that the
	// table need not be cleared.
	if l.bigramGen++; l.bigramGen == 0 {
		clear(l.bigrams)
		l.bigramGen = 1
	}
	table, gen, mask := l.bigrams[:size], l.bigramGen, uint64(size-1)
	// add notes a bigram of side (1 for a, 2 for b), and reports whether
	// the side had not had it.
	add := func(key uint64, side uint8) (slot *bigramSlot, fresh bool) {
		for i := hashmix.Mix(key) & mask; ; i = (i + 1) & mask {
			s := &table[i]
			if s.gen != gen {
				*s = bigramSlot{key: key, gen: gen, sides: side}
				return s, true
			}
			if s.key == key {
				fresh = s.sides&side == 0
				s.sides |= side
				return s, fresh
			}
		}
	}
	na, nb, common := 0, 0, 0
	for k := 1; k < len(a); k++ {
		if _, fresh := add(pair(l.wordStem[a[k-1]], l.wordStem[a[k]]), 1); fresh {
			na++
		}
	}
	for k := 1; k < len(b); k++ {
		if s, fresh := add(pair(l.wordStem[b[k-1]], l.wordStem[b[k]]), 2); fresh {
			nb++
			if s.sides&1 != 0 {
				common++
			}
		}
	}
	if na+nb == 0 {
		return 0
	}
	return 2 * float64(common) / float64(na+nb)
}

// A bigramSlot is one entry of bigramDice's table: a bigram, the
// generation of the call that put it there, and the sentences, 1 and 2,
// that have it.
type bigramSlot struct {
	key   uint64
	gen   uint32
	sides uint8
}

// sameFigures reports whether two sentences state the same figures. Their
// numbers must be equal. Their dates must be the same days or the same
// words: the same wire sentence saying "yesterday" in two papers printed a
// day apart is still one sentence, while "yesterday" and "on Wednesday"
// for two different days are two accounts. Dates are only known in dated
// articles, so a sentence without dates agrees with any.
func sameFigures(a, b *sentence) bool {
	// The same words state the same numbers; only their dates can
	// differ, resolved against different publication dates.
	if a.text != b.text && !slices.Equal(a.numberKeys(), b.numberKeys()) {
		return false
	}
	// A sentence without dates agrees with any: the other's dates are
	// not made, unless they are already, and then its own are not.
	if !a.keys.haveDates && b.keys.haveDates {
		a, b = b, a
	}
	daysA, exprsA := a.dateKeys()
	if len(daysA) == 0 {
		return true
	}
	daysB, exprsB := b.dateKeys()
	return len(daysB) == 0 || slices.Equal(daysA, daysB) || slices.Equal(exprsA, exprsB)
}

// figureKeys are a sentence's figures in the form sameFigures compares,
// each list sorted, made on first need. Figures are equal when their
// class, unit and value are; their values are never NaN or -0.
type figureKeys struct {
	nums                []numberKey
	days                []float64
	exprs               []string
	haveNums, haveDates bool
}

// A numberKey is a quantity other than a date as sameFigures compares it.
type numberKey struct {
	class, unit string
	value       float64
}

// numberKeys returns the keys of the sentence's quantities other than
// dates.
func (s *sentence) numberKeys() []numberKey {
	k := &s.keys
	if !k.haveNums {
		for _, q := range s.numbers() {
			k.nums = append(k.nums, numberKey{q.class, q.unit, q.value})
		}
		slices.SortFunc(k.nums, func(a, b numberKey) int {
			if c := strings.Compare(a.class, b.class); c != 0 {
				return c
			}
			if c := strings.Compare(a.unit, b.unit); c != 0 {
				return c
			}
			return cmp.Compare(a.value, b.value)
		})
		k.haveNums = true
	}
	return k.nums
}

// dateKeys returns the keys of the sentence's dates: the days and the
// expressions as written.
func (s *sentence) dateKeys() (days []float64, exprs []string) {
	k := &s.keys
	if !k.haveDates {
		for _, q := range s.dateFigures() {
			k.days = append(k.days, q.value)
			k.exprs = append(k.exprs, q.expr)
		}
		slices.Sort(k.days)
		sort.Strings(k.exprs)
		k.haveDates = true
	}
	return k.days, k.exprs
}
