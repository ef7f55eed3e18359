package story

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/sorted"
	"github.com/newsfold/newsfold/internal/unionfind"
)

// A group is one sentence of the story: a sentence and its near-duplicates
// in other articles (or repeated in one), with where it appears.
type group struct {
	text     string // the representative wording
	toks     []token
	words    []string // content stems of text, for differences only
	quants   []quantity
	articles []string // sorted
	families int      // distinct wire families among articles
	event    int      // earliest event (index in the sorted events) it appears in
	pos      int      // smallest sentence index in its articles
	order    int      // reading order: first appearance over the articles in event order
	leads    []string // articles that open with this sentence
	vec      vector
	wordNums []uint32 // the numbers of the words of text in the story's lexicon (see lexeme)
}

// A sentence is one sentence of one article. Its figures, quotations and
// bigrams are found on first need (see sentence.figures and the like):
// most sentences are never compared with another.
type sentence struct {
	text      string
	article   string
	published string // the article's date
	event     int
	pos       int
	toks      []token
	wordNums  []uint32 // the numbers of its words in the story's lexicon (see lexeme)
	wordIDs   []uint32 // the numbers of its content stems
	cbigrams  []uint64 // distinct content bigrams (see pair), the near-duplicate index keys

	quants     []quantity
	haveQuants bool
	qs         []quote
	haveQuotes bool
	bigrams    []uint64 // sorted, distinct; nil until needed
	keys       *figureKeys
}

// figures returns the sentence's quantities, dates included.
func (s *sentence) figures() []quantity {
	if !s.haveQuants {
		s.quants = append(quantities(s.toks), dateQuantities(s.text, s.toks, s.published)...)
		s.haveQuants = true
	}
	return s.quants
}

// quotations returns the sentence's quotations.
func (s *sentence) quotations() []quote {
	if !s.haveQuotes {
		s.qs = quotes(s.toks)
		s.haveQuotes = true
	}
	return s.qs
}

// wordBigrams returns the sentence's word bigrams (see wordBigrams).
func (s *sentence) wordBigrams(lex *lexicon) []uint64 {
	if s.bigrams == nil {
		s.bigrams = wordBigrams(s.wordNums, lex)
	}
	return s.bigrams
}

// A lexicon caches what the story view asks of each word, and numbers
// stems so that a pair of them is one comparable integer (see pair). What
// it holds depends on the words alone, so one lexicon serves any number of
// stories, one at a time.
type lexicon struct {
	words map[string]lexeme // by normalized word
	stems map[string]uint32
	list  []string // the stems by number
	// prefix holds the first eight bytes of each stem, to sort stems
	// fast, and local is tfidfIDs' scratch numbering, -1 when unused.
	prefix []uint64
	local  []int32
	// wordStem holds the number of the stem of each word by the word's
	// number, and how is storyNames' scratch, zero when unused.
	wordStem []uint32
	how      []uint8
}

// A lexeme is what a normalized word is to the story view. It is kept
// small, as lookups of known words are most of a lexicon's work, and a
// small map misses the processor's caches less.
type lexeme struct {
	id      uint32 // the number of the word's stem
	word    uint32 // the number of the word itself, its order of learning
	content bool   // see isContent
}

// newLexicon returns a lexicon for about size bytes of text. A text has
// a word in about eight bytes, but most words repeat: a distinct one in
// about a hundred bytes of news, fewer as the text grows.
func newLexicon(size int) *lexicon {
	n := min(size/100, maxLexicon)
	return &lexicon{words: make(map[string]lexeme, n), stems: make(map[string]uint32, n)}
}

func (l *lexicon) lookup(norm string) lexeme {
	if x, ok := l.words[norm]; ok {
		return x
	}
	// The lexicon outlives the story: it keeps copies of its words, not
	// the article texts they point into, and copies close together are
	// faster to compare.
	norm = strings.Clone(norm)
	x := lexeme{content: isContent(token{norm: norm, word: true})}
	st := stem(norm)
	id, ok := l.stems[st]
	if !ok {
		id = uint32(len(l.list))
		l.stems[st] = id
		l.list = append(l.list, st)
		var k uint64
		for i := range 8 {
			k <<= 8
			if i < len(st) {
				k |= uint64(st[i])
			}
		}
		l.prefix = append(l.prefix, k)
		l.local = append(l.local, -1)
	}
	x.id = id
	x.word = uint32(len(l.wordStem))
	l.wordStem = append(l.wordStem, id)
	l.how = append(l.how, 0)
	l.words[norm] = x
	return x
}

// contentWords returns the numbers of the stems of the words of toks
// that carry meaning (see isContent), and the distinct adjacent pairs of
// them, sorted: the keys of the near-duplicate index.
func (l *lexicon) contentWords(toks []token) (ids []uint32, bigrams []uint64) {
	_, ids, bigrams = l.analyze(toks, false)
	return ids, bigrams
}

// analyze is contentWords that also returns, when all is asked for, the
// numbers of all the words of toks (see lexeme), for wordBigrams and
// storyNames.
func (l *lexicon) analyze(toks []token, all bool) (words, ids []uint32, bigrams []uint64) {
	if all {
		words = make([]uint32, 0, len(toks))
	}
	// About half the tokens of news are content words.
	ids = make([]uint32, 0, len(toks)/2+1)
	bigrams = make([]uint64, 0, len(toks)/2+1)
	var prev uint32
	for _, t := range toks {
		if !t.word {
			continue
		}
		x := l.lookup(t.norm)
		if all {
			words = append(words, x.word)
		}
		if !x.content {
			continue
		}
		if len(ids) > 0 {
			bigrams = append(bigrams, pair(prev, x.id))
		}
		ids = append(ids, x.id)
		prev = x.id
	}
	slices.Sort(bigrams)
	return words, ids, slices.Compact(bigrams)
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
// of shared bigrams, not the square of the number of sentences.
func (v *view) sentenceGroups(eventOf map[string]int, fam map[string]int) []group {
	order := append([]string(nil), v.ids...)
	sort.SliceStable(order, func(i, j int) bool {
		ei, ej := eventOf[order[i]], eventOf[order[j]]
		if ei != ej {
			return ei < ej
		}
		return earlier(v.articles[order[i]], v.articles[order[j]])
	})
	lex := v.lex
	n := 0
	for _, id := range order {
		n += len(v.parse(id).body)
	}
	sents := make([]sentence, 0, n)
	for _, id := range order {
		a := v.articles[id]
		pos := 0
		for _, s := range v.parse(id).body {
			if countWords(s.toks) < minWords {
				continue
			}
			sents = append(sents, sentence{
				text: s.text, article: id, published: a.Date, event: eventOf[id], pos: pos, toks: s.toks,
				wordNums: s.words, wordIDs: s.ids, cbigrams: s.bigrams,
			})
			pos++
		}
	}

	// names are needed only to compare two sentences that both quote.
	var names map[string]bool
	storyNamesOnce := func() map[string]bool {
		if names == nil {
			toks := make([][]token, len(sents))
			nums := make([][]uint32, len(sents))
			for i, s := range sents {
				toks[i], nums[i] = s.toks, s.wordNums
			}
			names = storyNames(toks, nums, lex)
		}
		return names
	}
	sets := unionfind.New(len(sents))
	// The index keeps each posting list as a chain through entries, the
	// newest entry first, so that a key costs no list of its own.
	type posting struct{ head, n int32 }
	type entry struct{ sent, next int32 }
	keys := 0
	for _, s := range sents {
		keys += len(s.cbigrams)
	}
	index := make(map[uint64]posting, keys)
	entries := make([]entry, 0, keys)
	var js []int
	for i := range sents {
		s := &sents[i]
		js = js[:0]
		for _, b := range s.cbigrams {
			if p, ok := index[b]; ok {
				for e := p.head; e >= 0; e = entries[e].next {
					js = append(js, int(entries[e].sent))
				}
			}
		}
		slices.Sort(js)
		js = slices.Compact(js)
		for _, j := range js {
			if sets.Find(j) == sets.Find(i) {
				continue
			}
			t := &sents[j]
			if dice(s.wordBigrams(lex), t.wordBigrams(lex)) >= nearDuplicate && sameFigures(s, t) && sameQuotes(s, t, storyNamesOnce) {
				sets.Union(i, j)
			}
		}
		for _, b := range s.cbigrams {
			p, ok := index[b]
			if !ok {
				p.head = -1
			}
			if p.n < maxPosting {
				entries = append(entries, entry{int32(i), p.head})
				index[b] = posting{int32(len(entries) - 1), p.n + 1}
			}
		}
	}

	members := make([][]int, len(sents))
	var roots []int
	for i := range sents {
		r := sets.Find(i)
		if members[r] == nil {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	groups := make([]group, 0, len(roots))
	bags := make([][]uint32, 0, len(roots)) // the groups' words, numbered
	for _, r := range roots {
		ms := members[r]
		rep := representative(sents, ms)
		bags = append(bags, slices.Clone(sents[rep].wordIDs))
		g := group{
			text: sents[rep].text, toks: sents[rep].toks, wordNums: sents[rep].wordNums,
			event: sents[ms[0]].event, pos: sents[ms[0]].pos, order: ms[0],
		}
		if len(v.ids) > 1 { // only differences read these
			g.quants = sents[rep].figures()
			g.words = make([]string, len(sents[rep].wordIDs))
			for k, id := range sents[rep].wordIDs {
				g.words[k] = lex.list[id]
			}
		}
		fams := make(map[int]bool, len(ms))
		ids := make([]string, 0, len(ms))
		for _, m := range ms {
			ids = append(ids, sents[m].article)
			fams[fam[sents[m].article]] = true
			if sents[m].pos == 0 {
				g.leads = append(g.leads, sents[m].article)
			}
			g.event = min(g.event, sents[m].event)
			g.pos = min(g.pos, sents[m].pos)
		}
		g.articles = sortedUnique(ids)
		g.families = len(fams)
		groups = append(groups, g)
	}
	for i, vec := range tfidfIDs(bags, lex) {
		groups[i].vec = vec
	}
	return groups
}

// representative picks the wording of a group: the most frequent text
// (compared word by word, so typographic quotes do not count), the first
// in reading order on a tie.
func representative(sents []sentence, ms []int) int {
	if len(ms) == 1 {
		return ms[0]
	}
	keys := make([]string, len(ms))
	count := make(map[string]int, len(ms))
	var b strings.Builder
	for k, m := range ms {
		b.Reset()
		for _, t := range sents[m].toks {
			b.WriteString(t.norm)
			b.WriteByte(' ')
		}
		keys[k] = b.String()
		count[keys[k]]++
	}
	best := 0
	for k := range ms {
		if count[keys[k]] > count[keys[best]] {
			best = k
		}
	}
	return ms[best]
}

// A parsedArticle is an article cut into sentences and words, once for
// all the steps of a view.
type parsedArticle struct {
	body     []parsedSentence // the sentences of the paragraphs that are not sub-headings
	headings []string         // the sub-heading paragraphs
}

// A parsedSentence is a sentence with its tokens and the numbers of its
// content stems (see lexicon.contentWords) in the view's lexicon, and their
// bigrams.
type parsedSentence struct {
	text    string
	toks    []token
	words   []uint32 // the numbers of all its words (see lexeme)
	ids     []uint32
	bigrams []uint64
}

// parse returns the article id cut into sentences, the paragraphs white
// space collapsed.
func (v *view) parse(id string) *parsedArticle {
	if p := v.parsed[id]; p != nil {
		return p
	}
	a := v.articles[id]
	p := new(parsedArticle)
	offset := 0 // in runes
	for _, para := range strings.Split(a.Text, "\n\n") {
		start, n := offset, utf8.RuneCountInString(para)
		offset += n + 2
		if isHeading(a.Headings, start, start+n) {
			p.headings = append(p.headings, para)
			continue
		}
		for _, s := range splitSentences(squeeze(para)) {
			toks := tokenize(s)
			words, ids, bigrams := v.lex.analyze(toks, true)
			p.body = append(p.body, parsedSentence{text: s, toks: toks, words: words, ids: ids, bigrams: bigrams})
		}
	}
	v.parsed[id] = p
	return p
}

func isHeading(headings [][2]int, start, end int) bool {
	for _, h := range headings {
		if h[0] <= start && end <= h[1] || start <= h[0] && h[1] <= end && h[1]-h[0] >= (end-start)/2 {
			return true
		}
	}
	return false
}

func countWords(toks []token) int {
	n := 0
	for _, t := range toks {
		if t.word {
			n++
		}
	}
	return n
}

// wordBigrams returns the distinct adjacent word pairs of a sentence
// (see pair), sorted, given the numbers of its words in lex, words
// stemmed, punctuation skipped.
func wordBigrams(words []uint32, lex *lexicon) []uint64 {
	out := make([]uint64, 0, max(len(words)-1, 0))
	for k := 1; k < len(words); k++ {
		out = append(out, pair(lex.wordStem[words[k-1]], lex.wordStem[words[k]]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// dice is the Dice coefficient of two sorted sets.
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(sorted.Common(a, b)) / float64(len(a)+len(b))
}

// sameFigures reports whether two sentences state the same figures. Their
// numbers must be equal. Their dates must be the same days or the same
// words: the same wire sentence saying "yesterday" in two papers printed a
// day apart is still one sentence, while "yesterday" and "on Wednesday"
// for two different days are two accounts. Dates are only known in dated
// articles, so a sentence without dates agrees with any.
func sameFigures(a, b *sentence) bool {
	fa, fb := a.figureKeys(), b.figureKeys()
	datesAgree := len(fa.days) == 0 || len(fb.days) == 0 || slices.Equal(fa.days, fb.days) || slices.Equal(fa.exprs, fb.exprs)
	return slices.Equal(fa.nums, fb.nums) && datesAgree
}

// figureKeys are a sentence's figures in the form sameFigures compares,
// each list sorted.
type figureKeys struct {
	nums, days, exprs []string
}

func (s *sentence) figureKeys() *figureKeys {
	if s.keys != nil {
		return s.keys
	}
	k := new(figureKeys)
	for _, q := range s.figures() {
		if q.class == "date" {
			k.days = append(k.days, strconv.FormatFloat(q.value, 'g', -1, 64))
			k.exprs = append(k.exprs, q.expr)
			continue
		}
		k.nums = append(k.nums, q.class+"/"+q.unit+"/"+strconv.FormatFloat(q.value, 'g', -1, 64))
	}
	sort.Strings(k.nums)
	sort.Strings(k.days)
	sort.Strings(k.exprs)
	s.keys = k
	return k
}
