package story

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/news"
)

// Tell fills in s's view: Title, FirstDate and LastDate, each event's Date
// and Title (events sorted by date, undated last, stable), Summary,
// Differences, Families, Outlets and FirstReported. articles holds at
// least every article of s by id; relations may be all relations of the
// collection: those with an end outside s are ignored. Articles of s
// missing from articles are skipped. Telling many stories of one
// collection, a Teller avoids reading all relations for each.
func Tell(s *news.Story, articles map[string]*news.Article, relations []news.Relation) {
	(&Teller{articles: articles, relations: relations}).Tell(s)
}

// A Teller tells the stories of one collection. It indexes the relations
// by article once, so that telling a story costs what the story holds,
// not what the collection holds. Its Tell may be called from several
// goroutines at once.
type Teller struct {
	articles  map[string]*news.Article
	relations []news.Relation
	// byArticle lists, for each article, the indexes in relations of the
	// relations whose end A it is; nil when relations are not indexed.
	byArticle map[string][]int
	// mu guards lexicons, the lexicons that earlier stories filled, so
	// that most words are known already. They are kept for the Teller's
	// life rather than in a sync.Pool, which garbage collection empties:
	// refilling a lexicon costs more than the rest of a small story.
	mu       sync.Mutex
	lexicons []*lexicon
	// size is the size in bytes of the texts of the articles, for which
	// a lexicon is made (see newLexicon): the words of a collection
	// fill it story after story.
	size int
}

// maxLexicon is the largest lexicon, in words, a Teller keeps for the
// next story: a larger one is emptied, to bound its memory (some 30
// megabytes at this size), and the next story starts afresh in its
// tables, unless it is twice as large, which is dropped. Learning a word
// costs as much as dozens of lookups of a known one, so a lexicon is
// emptied only once it holds the vocabulary of tens of thousands of
// articles, mostly names, numbers and misspellings seen once.
const maxLexicon = 1 << 17

// NewTeller returns a Teller of the stories made of articles and
// relations, the same arguments as Tell's. Neither may change while the
// Teller is in use.
func NewTeller(articles map[string]*news.Article, relations []news.Relation) *Teller {
	t := &Teller{articles: articles, relations: relations, byArticle: make(map[string][]int)}
	for i, r := range relations {
		t.byArticle[r.A] = append(t.byArticle[r.A], i)
	}
	for _, a := range articles {
		if a != nil {
			t.size += len(a.Text)
		}
	}
	return t
}

// Tell fills in s's view as the function Tell does.
func (t *Teller) Tell(s *news.Story) {
	articles := t.articles
	v := t.newView(s)

	for i := range s.Events {
		e := &s.Events[i]
		e.Date = v.eventDate(e.Articles)
		e.Title = v.eventTitle(e.Articles)
	}
	slices.SortStableFunc(s.Events, func(x, y news.Event) int {
		a, b := x.Date, y.Date
		if (a == "") != (b == "") {
			if b == "" {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	s.FirstDate, s.LastDate = storyDates(s.Events, v.ids, articles)
	// The story takes the title of its main event; a story without events
	// (which clustering should not make) that of its own central article.
	titleIDs := v.ids
	if main := mainEvent(s.Events); main >= 0 {
		titleIDs = s.Events[main].Articles
	}
	s.Title = v.eventTitle(titleIDs)
	var seed string
	if a := v.titleArticle(titleIDs); a != nil {
		seed = a.ID
	}

	fam, n := families(v.ids, articles, v.rels)
	s.Families = n
	s.Outlets = outlets(v.ids, articles)
	s.FirstReported = firstReported(v.ids, articles)

	// eventOf holds the first event of each article, by its index in
	// v.ids; 0 for an article of none.
	eventOf := make([]int, len(v.ids))
	if len(s.Events) > 1 {
		for i := range eventOf {
			eventOf[i] = -1
		}
		for i, e := range s.Events {
			for _, id := range e.Articles {
				if k := v.index(id); k >= 0 && eventOf[k] < 0 {
					eventOf[k] = i
				}
			}
		}
		for i, e := range eventOf {
			eventOf[i] = max(e, 0)
		}
	}
	groups, idf := v.sentenceGroups(eventOf, fam)
	s.Summary = summarize(groups, summaryLength(len(s.Events), n), seed, v.lex)
	s.Differences = nil
	if len(v.ids) > 1 {
		// Differences are between sentences of disjoint sets of
		// articles, which one article cannot have.
		// The story's names are found only if a comparison asks.
		var names nameSet
		namesOnce := func() nameSet {
			if names == nil {
				toks, nums := groupWords(groups)
				names = storyNames(toks, nums, v.lex)
			}
			return names
		}
		s.Differences = append(differences(groups, idf, namesOnce, v.lex), quoteDifferences(groups, namesOnce, v.lex)...)
	}
	switch n := len(v.lex.norms); {
	case n > 2*maxLexicon:
		return // a story of its own vocabulary: its tables are dropped
	case n > maxLexicon:
		v.lex.reset()
	}
	t.mu.Lock()
	t.lexicons = append(t.lexicons, v.lex)
	t.mu.Unlock()
}

// A view holds what Tell derives once from a story's articles.
type view struct {
	ids      []string // the story's articles present in the map, sorted
	articles map[string]*news.Article
	rels     []news.Relation // relations between two articles of the story
	// vecs holds the TF-IDF vectors of the articles, made on first need
	// (see vectors): stories of one article never need them.
	vecs map[string]vector
	lex  *lexicon
	// parsed holds the parse of each article by index in ids, those
	// not yet parsed zero (see parse).
	parsed []parsedArticle
	// keepTokens says whether parse keeps the tokens of all sentences, as
	// only the differences of a story of several articles need those of
	// most sentences. A story of several articles also notes each
	// sentence it parses in the lexicon's table of sentences (see
	// sentenceTable), so that another article's copy is parsed once.
	keepTokens bool
	// titled holds the title articles found so far (see titleArticle):
	// the story's main event asks for its own three times.
	titled []titledEvent
}

// A titledEvent is the title article of an event's articles, and the
// title it gives them once asked (see eventTitle).
type titledEvent struct {
	ids       []string
	a         *news.Article
	title     string
	haveTitle bool
}

func (t *Teller) newView(s *news.Story) *view {
	articles := t.articles
	v := &view{articles: articles}
	n := len(s.Articles)
	for _, e := range s.Events {
		n += len(e.Articles)
	}
	ids := append(make([]string, 0, n), s.Articles...)
	for _, e := range s.Events {
		ids = append(ids, e.Articles...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	v.ids = ids[:0]
	for _, id := range ids {
		if articles[id] != nil {
			v.ids = append(v.ids, id)
		}
	}
	v.keepTokens = len(v.ids) > 1
	size := 0
	for _, id := range v.ids {
		size += len(articles[id].Text)
	}
	t.mu.Lock()
	if n := len(t.lexicons); n > 0 {
		v.lex = t.lexicons[n-1]
		t.lexicons = t.lexicons[:n-1]
	}
	t.mu.Unlock()
	if v.lex == nil {
		v.lex = newLexicon(max(size, t.size))
	}
	b := &v.lex.blocks
	b.nums, b.pairs, b.toks, b.body, b.terms = b.nums[:0], b.pairs[:0], b.toks[:0], b.body[:0], b.terms[:0]
	b.quotes.words, b.quotes.nums = b.quotes.words[:0], b.quotes.nums[:0]
	vt := &v.lex.variant
	vt.strs, vt.words = vt.strs[:0], vt.words[:0]
	v.parsed = grow(v.lex.parsed, len(v.ids))
	v.lex.parsed = v.parsed
	clear(v.parsed)
	if v.keepTokens {
		v.lex.sentenceAt.reset()
	}
	if t.byArticle == nil {
		for _, r := range t.relations {
			if v.index(r.A) >= 0 && v.index(r.B) >= 0 {
				v.rels = append(v.rels, r)
			}
		}
		return v
	}
	// Relations in the order of t.relations, as without the index.
	var idx []int
	for _, id := range v.ids {
		for _, i := range t.byArticle[id] {
			if v.index(t.relations[i].B) >= 0 {
				idx = append(idx, i)
			}
		}
	}
	sort.Ints(idx)
	for _, i := range idx {
		v.rels = append(v.rels, t.relations[i])
	}
	return v
}

// index returns the index of article id in v.ids, -1 if it is not there.
func (v *view) index(id string) int {
	if len(v.ids) == 1 { // most stories
		if v.ids[0] == id {
			return 0
		}
		return -1
	}
	if k, ok := slices.BinarySearch(v.ids, id); ok {
		return k
	}
	return -1
}

// vectors returns the TF-IDF vectors of the story's articles by id.
func (v *view) vectors() map[string]vector {
	if v.vecs != nil {
		return v.vecs
	}
	// The words of an article are those of its title and of every
	// sentence of its body, sub-headings included: no word spans two
	// sentences or paragraphs.
	bags := make([][]uint32, len(v.ids))
	words := v.lex.blocks.bags[:0] // the bags' memory, until tfidfIDs has read them
	for i, id := range v.ids {
		p := v.parse(id)
		start := len(words)
		words = v.lex.appendContentStems(words, v.articles[id].Title)
		for _, h := range p.headings {
			words = v.lex.appendContentStems(words, h)
		}
		for _, s := range p.body {
			words = append(words, s.ids...)
		}
		bags[i] = words[start:len(words):len(words)]
	}
	v.lex.blocks.bags = words
	vecs, _ := tfidfIDs(bags, v.lex)
	v.vecs = make(map[string]vector, len(v.ids))
	for i, id := range v.ids {
		v.vecs[id] = vecs[i]
	}
	return v.vecs
}

// A vector is a sparse vector over the stems of one vocabulary, the
// stems of the bags given to one call of tfidf. A term's id is the rank of
// its stem in sorted order, and a vector is sorted by id, so that sums run
// in the order of the stems and results are reproducible to the last bit.
// Only vectors of one vocabulary can be added and multiplied.
type vector []term

type term struct {
	id int32
	x  float64
}

// tfidfIDs turns bags of words, given by their stems' numbers in lex,
// into unit-length TF-IDF vectors, with the document frequencies of the
// bags themselves. Sublinear term frequency keeps long articles from
// dominating. It leaves each bag holding the term ids of its words, in
// their order, from which sentenceGroups reads its word ranks. It also
// returns the inverse document frequency of each term, lex's scratch,
// which lasts until the next call, as does the slice of the vectors. The
// vectors themselves are cut from lex's block of terms, and last as long
// as the story's view.
func tfidfIDs(bags [][]uint32, lex *lexicon) ([]vector, []float64) {
	n := 0
	for _, bag := range bags {
		n += len(bag)
	}
	sc := &lex.tfidf
	// The stems are numbered locally in the order met, each word of the
	// bags replaced by its stem's local number.
	used := sc.used[:0] // the stems by local number
	for _, bag := range bags {
		for k, id := range bag {
			local := lex.byStem[id].local
			if local < 0 {
				local = int32(len(used))
				lex.byStem[id].local = local
				used = append(used, id)
			}
			bag[k] = uint32(local)
		}
	}
	sc.used = used
	// Number the stems in the bags in the order of the stems.
	sc.rank = grow(sc.rank, len(used)) // by local number
	rank := sc.rank
	lex.rankStems(used, rank)
	sc.df = grow(sc.df, len(used))
	df := sc.df
	clear(df)
	sc.out = grow(sc.out, len(bags))
	out := sc.out
	terms := slices.Grow(lex.blocks.terms, n) // the vectors' memory
	defer func() { lex.blocks.terms = terms }()
	// A bag of more than a few words is counted into count and read
	// back in order through a bitmap of its stems, cheaper than sorting
	// it unless the bitmap is much longer than the bag. Both are left
	// clear.
	sc.count = grow(sc.count, len(used))
	sc.marks = grow(sc.marks, (len(used)+63)/64)
	count, marks := sc.count, sc.marks
	for i, ids := range bags {
		for k, local := range ids {
			ids[k] = uint32(rank[local])
		}
		if len(ids) <= 8 || 2*len(ids) < len(marks) {
			// A copy is sorted, as the bag keeps its order.
			sorted := append(sc.sorted[:0], ids...)
			sc.sorted = sorted
			slices.Sort(sorted)
			start := len(terms) // distinct stems, x their count
			for k, id := range sorted {
				if k > 0 && id == sorted[k-1] {
					terms[len(terms)-1].x++
					continue
				}
				terms = append(terms, term{int32(id), 1})
				df[id]++
			}
			out[i] = terms[start:len(terms):len(terms)]
			continue
		}
		for _, id := range ids {
			marks[id/64] |= 1 << (id % 64)
			count[id]++
		}
		start := len(terms)
		for w, m := range marks {
			for m != 0 {
				id := w*64 + bits.TrailingZeros64(m)
				m &= m - 1
				terms = append(terms, term{int32(id), count[id]})
				count[id] = 0
				df[id]++
			}
			marks[w] = 0
		}
		out[i] = terms[start:len(terms):len(terms)]
	}
	for _, id := range used {
		lex.byStem[id].local = -1
	}
	docs := float64(len(bags))
	sc.idf = grow(sc.idf, len(df))
	idf := sc.idf
	// Document frequencies are few and small: each one's logarithm is
	// taken once, kept in byDF (zero until taken, as no idf is).
	sc.byDF = grow(sc.byDF, len(bags)+1)
	byDF := sc.byDF
	clear(byDF)
	for id, d := range df {
		if byDF[d] == 0 {
			byDF[d] = math.Log(1 + docs/float64(d))
		}
		idf[id] = byDF[d]
	}
	for _, bag := range out {
		// The weights are squared and summed as they are made, in the
		// order normalize sums them.
		var ss float64
		for k, t := range bag {
			tf := 1.0 // 1 + log 1, most terms
			if t.x != 1 {
				tf = 1 + math.Log(t.x)
			}
			x := tf * idf[t.id]
			bag[k].x = x
			ss += x * x
		}
		bag.scale(ss)
	}
	return out, idf
}

// grow returns s with length n, reusing its memory when it can. The
// elements are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// sum adds vectors, each scaled by its weight. The terms of one stem add
// up in the order of the vectors. Its arrays are l's scratch, and so is
// the sum: it lasts until the next call.
func (l *lexicon) sum(vs []vector, weights []float64) vector {
	acc, seen := l.spread(vs, weights)
	n := 0
	for _, ok := range seen {
		if ok {
			n++
		}
	}
	out := slices.Grow(l.sumTerms[:0], n)
	defer func() { l.sumTerms = out }()
	for id, ok := range seen {
		if ok {
			out = append(out, term{int32(id), acc[id]})
			acc[id], seen[id] = 0, false
		}
	}
	return out
}

// spread adds up vectors, each scaled by its weight, over l's acc by term
// id, the terms of one stem in the order of the vectors, and marks each
// term in l's seen. It returns both arrays cut to the largest term id
// plus one; the caller reads them and leaves them clear.
func (l *lexicon) spread(vs []vector, weights []float64) ([]float64, []bool) {
	size := 0
	for _, v := range vs {
		if len(v) > 0 {
			size = max(size, int(v[len(v)-1].id)+1)
		}
	}
	l.acc, l.seen = grow(l.acc, max(size, len(l.acc))), grow(l.seen, max(size, len(l.seen)))
	acc, seen := l.acc[:size], l.seen[:size]
	for i, v := range vs {
		for _, t := range v {
			acc[t.id] += t.x * weights[i]
			seen[t.id] = true
		}
	}
	return acc, seen
}

// scale divides v by the square root of ss, the sum of the squares of
// its weights, unless ss is zero.
func (v vector) scale(ss float64) {
	if ss == 0 {
		return
	}
	norm := math.Sqrt(ss)
	for i := range v {
		v[i].x /= norm
	}
}

// dot is the dot product of two vectors, the cosine when both have unit
// length.
func dot(a, b vector) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b) > 16*len(a) {
		// A sentence against a centroid: look each term up.
		var d float64
		for _, t := range a {
			k := sort.Search(len(b), func(i int) bool { return b[i].id >= t.id })
			if k < len(b) && b[k].id == t.id {
				d += t.x * b[k].x
			}
		}
		return d
	}
	var d float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id == b[j].id:
			d += a[i].x * b[j].x
			i++
			j++
		case a[i].id < b[j].id:
			i++
		default:
			j++
		}
	}
	return d
}

// leadSentences is how many opening sentences count as an article's lead.
const leadSentences = 2

// eventDate dates an event from its articles. Each dated article votes
// once for every day its lead sentences name ("on Thursday", resolved
// against its publication date); the day with most votes wins, the
// earliest on a tie. Later sentences are not asked: they mostly date
// background and plans ("Putin is due to arrive tomorrow"). Without any
// vote the event takes the earliest publication date of its articles, and
// without that it stays undated.
func (v *view) eventDate(ids []string) string {
	votes := make(map[string]int)
	earliest := ""
	for _, id := range sortedUnique(ids) {
		a := v.articles[id]
		if a == nil {
			continue
		}
		pub, t, ok := dayTime(a.Date)
		if !ok {
			continue
		}
		if earliest == "" || pub < earliest {
			earliest = pub
		}
		// The lead is dated against the day as a day string reads.
		pd := pubDay{s: pub, t: t, ok: true, parsed: true}
		seen := make(map[string]bool)
		for _, s := range v.lead(a, leadSentences) {
			for _, m := range findDates(s.text, s.tokens(), &pd) {
				if m.Unit == Day && !seen[m.Date] {
					seen[m.Date] = true
					votes[m.Date]++
				}
			}
		}
	}
	best, bestN := "", 0
	for d, n := range votes {
		if n > bestN || n == bestN && d < best {
			best, bestN = d, n
		}
	}
	if best != "" {
		return best
	}
	return earliest
}

// lead returns the first n sentences of a's body, sub-headings included,
// from the parse of a when it has no sub-headings.
func (v *view) lead(a *news.Article, n int) []parsedSentence {
	if len(a.Headings) == 0 && v.articles[a.ID] == a {
		body := v.parse(a.ID).body
		return body[:min(n, len(body))]
	}
	var out []parsedSentence
	for _, s := range lead(a.Text, n) {
		out = append(out, parsedSentence{text: s, toks: tokenize(s)})
	}
	return out
}

// lead returns the first n sentences of an article body.
func lead(text string, n int) []string {
	var out []string
	for text != "" && len(out) < n {
		var p string
		p, text, _ = strings.Cut(text, "\n\n")
		if p = squeeze(p); p == "" {
			continue
		}
		for _, s := range splitSentences(p) {
			if len(out) == n {
				return out
			}
			out = append(out, s)
		}
	}
	return out
}

// central returns the article of ids that shares most with the others:
// the largest sum of TF-IDF cosines to them. Ties go to the earliest
// dated, then the smallest id.
func (v *view) central(ids []string) *news.Article {
	ids = sortedUnique(ids)
	switch len(ids) {
	case 0:
		return nil
	case 1:
		return v.articles[ids[0]] // nothing to compare with
	case 2:
		// Each of two articles shares with the other what the other
		// shares with it, their cosine, their vectors having unit
		// length: a tie, but for an article without a vector, which
		// shares nothing, or without an article. No vector is needed.
		a, b := v.articles[ids[0]], v.articles[ids[1]]
		switch {
		case a == nil || b == nil:
			return cmp.Or(a, b)
		case earlier(b, a):
			a, b = b, a
		}
		if !v.hasTerms(a.ID) && v.hasTerms(b.ID) {
			return b
		}
		return a
	}
	vecs := v.vectors()
	vs := make([]vector, len(ids))
	ones := make([]float64, len(ids))
	for i, id := range ids {
		vs[i], ones[i] = vecs[id], 1
	}
	centroid := v.lex.sum(vs, ones)
	var best *news.Article
	bestScore := math.Inf(-1)
	for _, id := range ids {
		a := v.articles[id]
		if a == nil {
			continue
		}
		score := dot(vecs[id], centroid) - 1 // minus itself
		score = math.Round(score*1e9) / 1e9  // ties must not hang on float noise
		if best == nil || score > bestScore || score == bestScore && earlier(a, best) {
			best, bestScore = a, score
		}
	}
	return best
}

// hasTerms reports whether the vector of article id (see vectors) has
// a term: whether the article has a content word.
func (v *view) hasTerms(id string) bool {
	p := v.parse(id)
	for _, s := range p.body {
		if len(s.ids) > 0 {
			return true
		}
	}
	// The words are looked up into the lexicon's scratch of bags, which
	// no one reads until vectors fills it.
	words := v.lex.blocks.bags[:0]
	defer func() { v.lex.blocks.bags = words[:0] }()
	if words = v.lex.appendContentStems(words, v.articles[id].Title); len(words) > 0 {
		return true
	}
	for _, h := range p.headings {
		if words = v.lex.appendContentStems(words, h); len(words) > 0 {
			return true
		}
	}
	return false
}

// earlier orders articles by date (dated first), then id.
func earlier(a, b *news.Article) bool {
	if (a.Date == "") != (b.Date == "") {
		return a.Date != ""
	}
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	return a.ID < b.ID
}

// titleArticle is the article that gives an event its title: the most
// central one with a title, else the most central one.
func (v *view) titleArticle(ids []string) *news.Article {
	return v.titledEvent(ids).a
}

// titledEvent returns the title article of ids, found once for each
// list of articles.
func (v *view) titledEvent(ids []string) *titledEvent {
	for i := range v.titled {
		if slices.Equal(v.titled[i].ids, ids) {
			return &v.titled[i]
		}
	}
	a := v.findTitleArticle(ids)
	v.titled = append(v.titled, titledEvent{ids: ids, a: a})
	return &v.titled[len(v.titled)-1]
}

// findTitleArticle is titleArticle without the memory of earlier calls.
func (v *view) findTitleArticle(ids []string) *news.Article {
	var titled []string
	for _, id := range ids {
		if a := v.articles[id]; a != nil && strings.TrimSpace(a.Title) != "" {
			titled = append(titled, id)
		}
	}
	if a := v.central(titled); a != nil {
		return a
	}
	return v.central(ids)
}

// eventTitle is the title of the event's title article, or its first
// sentence when it has no title.
func (v *view) eventTitle(ids []string) string {
	// The story's title is its main event's, asked twice.
	t := v.titledEvent(ids)
	if !t.haveTitle {
		t.title, t.haveTitle = v.title(t.a), true
	}
	return t.title
}

// title is the title of a, or its first sentence when it has none.
func (v *view) title(a *news.Article) string {
	if a == nil {
		return ""
	}
	if t := squeeze(a.Title); t != "" {
		return t
	}
	if l := v.lead(a, 1); len(l) > 0 {
		return clip(l[0].text, 160)
	}
	return ""
}

// clip shortens s to at most n runes at a word boundary.
func clip(s string, n int) string {
	if len(s) <= n { // no more runes than bytes
		return s
	}
	var r string
	if utf8.ValidString(s) {
		// The n-th rune is found counting the bytes that start one, eight
		// at a time, rather than decoding all.
		end := swar.RuneOffset(s, n)
		if end == len(s) {
			return s
		}
		r = s[:end]
	} else {
		if utf8.RuneCountInString(s) <= n {
			return s
		}
		r = string([]rune(s)[:n]) // invalid bytes become U+FFFD
	}
	cut := strings.LastIndexByte(r, ' ')
	if cut <= 0 {
		return r + "…"
	}
	return strings.TrimRight(r[:cut], " ,;:") + "…"
}

// mainEvent returns the index of the story's main event, the one with
// most articles, the first in date order on a tie; -1 when there are no
// events.
func mainEvent(events []news.Event) int {
	best := -1
	for i, e := range events {
		if best < 0 || len(e.Articles) > len(events[best].Articles) {
			best = i
		}
	}
	return best
}

// storyDates spans the event dates and the publication dates.
func storyDates(events []news.Event, ids []string, articles map[string]*news.Article) (first, last string) {
	note := func(d string) {
		if d == "" {
			return
		}
		if first == "" || d < first {
			first = d
		}
		if d > last {
			last = d
		}
	}
	for _, e := range events {
		note(e.Date)
	}
	for _, id := range ids {
		if d, ok := day(articles[id].Date); ok {
			note(d)
		}
	}
	return first, last
}

// sortedUnique returns ids sorted, each once: ids itself when it has
// one at most, else a copy.
func sortedUnique(ids []string) []string {
	if len(ids) <= 1 {
		return ids
	}
	out := append([]string(nil), ids...)
	sort.Strings(out)
	k := 0
	for i, id := range out {
		if i == 0 || id != out[k-1] {
			out[k] = id
			k++
		}
	}
	return out[:k]
}
