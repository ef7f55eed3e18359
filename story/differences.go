package story

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// Alignment thresholds. Two statements can be about the same thing when
// their wording overlaps (IDF-weighted Dice of content stems, numbers and
// units left out) by at least alignLoose. Two of their figures are then
// about the same thing when the words around them share content words
// and the overlap plus contextBonus per shared word (three at most)
// reaches alignScore ("lasted nearly two hours" / "that lasted nearly
// five hours"), or, sharing none, when the wording overlaps by alignTight
// and they are the only candidates. Statements with three or more
// figures (lists, sports statistics) need alignList: their figures are
// many and their words few.
const (
	alignLoose   = 0.3
	alignScore   = 0.45
	contextBonus = 0.1
	alignTight   = 0.6
	alignList    = 0.5
	// minStatement is the fewest content words, figures aside, a
	// statement needs to be compared at all, and minDateStatement the
	// fewest for its dates: a score line or a time stamp ("Last updated
	// at 11:24 GMT, 18 June 2013") says too little to tell what its
	// figures are about.
	minStatement     = 2
	minDateStatement = 4
	// window is how many words on each side of a number make its local
	// context.
	window = 4
)

// A slot is one quantity in one sentence group.
type slot struct {
	g, q int
}

// differences finds the figures that the story's sources state
// differently about the same thing. Following de Marneffe et al. (2008),
// a figure is a disagreement only between aligned statements: sentences
// from disjoint sets of articles whose non-number wording overlaps (see
// alignLoose and alignTight) and whose quantities measure the same thing
// (durations with durations, counts of the same noun, amounts in the
// same currency). Within an aligned pair, a quantity that the other
// sentence also states with the same value (hedges such as "nearly"
// aside) is agreed; one that the other sentence states with another value
// in the same local context is a difference. Aligned quantities are
// joined across the story, and every joined set with two or more values
// becomes one Difference with a claim per value, citing every article
// that states it. idf holds the IDF of each stem over the groups, by term
// id in their vectors (see sentenceGroups), names returns the story's names
// (see storyNames), and lex lends its scratch.
func differences(groups []group, idf []float64, names func() nameSet, lex *lexicon) []news.Difference {
	var qs []int // groups with quantities
	for i, g := range groups {
		if len(g.quants) > 0 {
			qs = append(qs, i)
		}
	}
	if len(qs) < 2 {
		return nil
	}
	stmts := make([]statement, len(qs))
	words := make([][]int32, len(qs))
	totals := make([]float64, len(qs))
	// statementWords' scratch, and the block the words of the statements
	// are cut from.
	lex.keep = grow(lex.keep, len(idf))
	clear(lex.keep)
	keep, buf := lex.keep, lex.statementWords[:0]
	defer func() { lex.statementWords = buf }()
	for k, i := range qs {
		var w []int32
		var n int
		buf, w, n = statementWords(groups[i], keep, buf)
		stmts[k] = statement{n: n, words: w}
		words[k] = stmts[k].words
		for _, w := range words[k] {
			totals[k] += idf[w]
		}
	}
	pairs := weightedPairs(words, idf, func(x, y int, shared float64) bool {
		t := totals[x] + totals[y]
		return t > 0 && 2*shared/t >= alignLoose
	}, &lex.pairs)
	var edges [][2]slot
	for _, p := range pairs {
		x, y := p[0], p[1]
		a, b := groups[qs[x]], groups[qs[y]]
		if overlaps(a.articles, b.articles) {
			continue
		}
		for _, e := range alignQuantities(a, b, stmts[x], stmts[y], idf, names) {
			e[0].g, e[1].g = qs[x], qs[y]
			edges = append(edges, e)
		}
	}
	if len(edges) == 0 {
		return nil
	}
	// Union the aligned slots.
	parent := make(map[slot]slot)
	var find func(slot) slot
	find = func(s slot) slot {
		p, ok := parent[s]
		if !ok || p == s {
			return s
		}
		r := find(p)
		parent[s] = r
		return r
	}
	for _, e := range edges {
		ra, rb := find(e[0]), find(e[1])
		if ra == rb {
			continue
		}
		if less(rb, ra) {
			ra, rb = rb, ra
		}
		parent[rb] = ra
	}
	sets := make(map[slot][]slot)
	for _, e := range edges {
		for _, s := range e {
			r := find(s)
			if !containsSlot(sets[r], s) {
				sets[r] = append(sets[r], s)
			}
		}
	}
	roots := make([]slot, 0, len(sets))
	for r := range sets {
		roots = append(roots, r)
	}
	sort.Slice(roots, func(i, j int) bool { return less(roots[i], roots[j]) })

	var out []news.Difference
	for _, r := range roots {
		if d, ok := difference(groups, sets[r]); ok {
			out = append(out, d)
		}
	}
	return out
}

func less(a, b slot) bool {
	if a.g != b.g {
		return a.g < b.g
	}
	return a.q < b.q
}

func containsSlot(xs []slot, x slot) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// difference turns a set of aligned slots into a Difference when they
// hold two or more values. Claims come in increasing order of value.
func difference(groups []group, slots []slot) (news.Difference, bool) {
	sort.Slice(slots, func(i, j int) bool { return less(slots[i], slots[j]) })
	type claim struct {
		q        quantity
		text     string
		articles []string
	}
	var claims []*claim
	for _, s := range slots {
		g := groups[s.g]
		q := g.quants[s.q]
		var c *claim
		for _, o := range claims {
			if sameValue(o.q, q) {
				c = o
				break
			}
		}
		if c == nil {
			c = &claim{q: q, text: g.text}
			claims = append(claims, c)
		}
		c.articles = append(c.articles, g.articles...)
	}
	if len(claims) < 2 {
		return news.Difference{}, false
	}
	// An article that states two of the values has not changed its mind
	// within a few lines: the figures were about different things and
	// alignment chained them.
	seen := make(map[string]bool)
	for _, c := range claims {
		for _, id := range sortedUnique(c.articles) {
			if seen[id] {
				return news.Difference{}, false
			}
			seen[id] = true
		}
	}
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].q.value < claims[j].q.value })
	d := news.Difference{About: about(groups, slots)}
	for _, c := range claims {
		d.Claims = append(d.Claims, news.Claim{Text: c.text, Articles: sortedUnique(c.articles)})
	}
	return d, true
}

// about names what a difference is about from the unit of its figures:
// "duration (hours)", "number of labourers", "amount (dollars)".
func about(groups []group, slots []slot) string {
	first := groups[slots[0].g]
	q := first.quants[slots[0].q]
	noun := first.toks[q.last].norm
	same := true
	for _, s := range slots[1:] {
		g := groups[s.g]
		if g.toks[g.quants[s.q].last].norm != noun {
			same = false
		}
	}
	switch q.class {
	case "duration":
		if same && strings.HasSuffix(noun, "s") {
			return fmt.Sprintf("duration (%s)", noun)
		}
		return "duration"
	case "money":
		return fmt.Sprintf("amount (%ss)", q.unit)
	case "percent":
		return "percentage"
	case "age":
		return "age"
	case "date":
		return "date"
	}
	return "number of " + noun
}

// sameValue reports whether two figures agree: equal up to rounding, or
// within a tenth of each other when one of them is hedged ("nearly",
// "some"). Dates agree only on the same day.
func sameValue(a, b quantity) bool {
	if a.class == "date" || b.class == "date" {
		return a.value == b.value
	}
	m := math.Max(math.Abs(a.value), math.Abs(b.value))
	if m == 0 {
		return true
	}
	d := math.Abs(a.value-b.value) / m
	if a.approx || b.approx {
		return d <= 0.1
	}
	return d <= 0.005
}

func overlaps(a, b []string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// compatible reports whether two quantities measure the same kind of
// thing.
func compatible(a, b quantity) bool {
	if a.class != b.class {
		return false
	}
	if a.class == "date" {
		// The same expression resolving to two days means two
		// publication dates, not two accounts: a wire story printed a
		// day late still says "yesterday".
		return a.expr != b.expr
	}
	return a.class == "duration" || a.unit == b.unit
}

// A statement is the wording of a group that differences compares: its
// content stems without the words of its quantity phrases (see
// statementWords), sorted and each once, and how many words those were.
type statement struct {
	words []int32
	n     int
}

// alignQuantities returns the slot pairs (group fields left zero) of the
// figures that two aligned statements state about the same thing, agreeing
// or not; none when the statements are not aligned. Quantities are matched one to one: first the
// compatible ones with equal values (they agree), then each remaining one
// with the remaining compatible quantity whose local context it shares.
// Without a shared context word a pair still counts when it is the only
// one left on both sides and the statements are near paraphrases. So in a
// list
// ("two counts of murder, one count of attempted murder") a figure the
// other sentence leaves out is not a disagreement.
func alignQuantities(a, b group, sa, sb statement, idf []float64, names func() nameSet) [][2]slot {
	found := false
	for _, qa := range a.quants {
		for _, qb := range b.quants {
			if compatible(qa, qb) {
				found = true
			}
		}
	}
	if !found {
		return nil
	}
	if sa.n < minStatement || sb.n < minStatement {
		return nil
	}
	sim := weightedDice(sa.words, sb.words, idf)
	if sim < alignLoose || max(len(a.quants), len(b.quants)) >= 3 && sim < alignList {
		return nil
	}
	var out [][2]slot
	usedA := make([]bool, len(a.quants))
	usedB := make([]bool, len(b.quants))
	for i, qa := range a.quants {
		for j, qb := range b.quants {
			if !usedB[j] && compatible(qa, qb) && sameValue(qa, qb) {
				usedA[i], usedB[j] = true, true
				// An agreement joins the claim it supports when it is
				// aligned as firmly as a disagreement would be.
				if n := sharedContext(a, qa, b, qb); n > 0 && sim+contextBonus*float64(min(n, 3)) >= alignScore && !entityClash(a, qa, b, qb, names) {
					out = append(out, [2]slot{{q: i}, {q: j}})
				}
				break
			}
		}
	}
	remaining := func(qs []quantity, used []bool, q quantity) []int {
		var out []int
		for k, o := range qs {
			if !used[k] && compatible(o, q) {
				out = append(out, k)
			}
		}
		return out
	}
	short := min(sa.n, sb.n) < minDateStatement
	for i, qa := range a.quants {
		if usedA[i] || qa.class == "date" && short {
			continue
		}
		cands := remaining(b.quants, usedB, qa)
		best, bestShared := -1, 0
		var clash []bool
		for _, j := range cands {
			c := entityClash(a, qa, b, b.quants[j], names)
			clash = append(clash, c)
			if c {
				continue
			}
			n := sharedContext(a, qa, b, b.quants[j])
			if n > bestShared && sim+contextBonus*float64(min(n, 3)) >= alignScore {
				best, bestShared = j, n
			}
		}
		if best < 0 && sim >= alignTight && len(cands) == 1 && !clash[0] && len(remaining(a.quants, usedA, b.quants[cands[0]])) == 1 {
			best = cands[0]
		}
		if best >= 0 {
			usedA[i], usedB[best] = true, true
			out = append(out, [2]slot{{q: i}, {q: best}})
		}
	}
	return out
}

// entityClash reports whether the clauses of two figures name different
// things: both name proper nouns ("HP shares sagged $2.56" / "EDS shares
// soared $5.27") and none in common. names returns the story's names,
// and is asked only as clauseNames needs them.
func entityClash(a group, qa quantity, b group, qb quantity, names func() nameSet) bool {
	ea, eb := clauseNames(a, qa, names), clauseNames(b, qb, names)
	if len(ea) == 0 || len(eb) == 0 {
		return false
	}
	for n := range ea {
		if eb[n] {
			return false
		}
	}
	return true
}

// clauseBreaks end a clause.
var clauseBreaks = setOf(`, ; : ( ) — – while whereas but`)

// nameWindow bounds the clause around a figure, in tokens each side: the
// subject of a figure stands near it.
const nameWindow = 8

// clauseNames returns the proper nouns of the clause around q: capitalised
// words that are not function words, month or day names, or an ordinary
// word capitalised to open the sentence. A sentence-initial word counts
// when the story shows it is a name (see storyNames), when it is in
// capitals ("EDS") or when another capitalised word follows ("Ty
// Lawson"). names returns the story's names, and is asked only about a
// capitalised word that opens the sentence.
func clauseNames(g group, q quantity, names func() nameSet) map[string]bool {
	start, end := q.first, q.last
	for start > 0 && q.first-start < nameWindow && !clauseBreaks[g.toks[start-1].norm] {
		start--
	}
	for end+1 < len(g.toks) && end-q.last < nameWindow && !clauseBreaks[g.toks[end+1].norm] {
		end++
	}
	out := make(map[string]bool)
	for i := start; i <= end; i++ {
		t := g.toks[i]
		if !t.word || !capitalised(t.text) || t.isStop() || inQuantity(g.quants, i) || isCalendarWord(t.norm) {
			continue
		}
		if sentenceInitial(g.toks, i) && !names().has(t) {
			allCaps := len(t.text) >= 2 && t.text == strings.ToUpper(t.text)
			nextCap := i+1 < len(g.toks) && g.toks[i+1].word && capitalised(g.toks[i+1].text)
			if !allCaps && !nextCap {
				continue
			}
		}
		out[t.norm] = true
	}
	return out
}

// groupWords returns the tokens of the groups and the numbers of their
// words, for storyNames.
func groupWords(groups []group) ([][]token, [][]uint32) {
	toks := make([][]token, len(groups))
	nums := make([][]uint32, len(groups))
	for i, g := range groups {
		toks[i], nums[i] = g.toks, g.wordNums
	}
	return toks, nums
}

func isCalendarWord(w string) bool {
	_, m := months[w]
	_, d := weekdays[w]
	return m || d
}

// sentenceInitial reports whether toks[i] opens its sentence, after any
// opening quotes.
func sentenceInitial(toks []token, i int) bool {
	for k := i - 1; k >= 0; k-- {
		t := toks[k]
		if t.word {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(t.text); !isOpener(r) {
			return strings.ContainsAny(t.norm, ".!?")
		}
	}
	return true
}

// A nameSet is the set of the words a story shows to be names (see
// storyNames), by their numbers in the story's lexicon: a word is a name
// when its number's element is true.
type nameSet []bool

// has reports whether the word t, tokenized with the set's lexicon, is
// a name.
func (n nameSet) has(t token) bool {
	return t.num > 0 && int(t.num) <= len(n) && n[t.num-1]
}

// storyNames returns the words the story's sentences show to be names:
// capitalised inside a sentence and never written in lower case. nums
// holds the numbers in lex of the words of each sentence (see lexeme),
// so that how a word is written is noted in a slice, not a map. The set
// is lex's, and holds until the next call with lex.
func storyNames(sentences [][]token, nums [][]uint32, lex *lexicon) nameSet {
	const capital, lower = 1, 2
	for _, num := range lex.names {
		lex.isName[num] = false
	}
	lex.names = lex.names[:0]
	seen := lex.noted[:0] // the numbers of the words noted in lex.how
	for s, toks := range sentences {
		k := 0 // the index in nums[s] of the next word
		for i := range toks {
			t := &toks[i]
			if !t.word {
				continue
			}
			num := nums[s][k]
			k++
			var how uint8
			switch {
			case !capitalised(t.text):
				how = lower
			case !sentenceInitial(toks, i):
				how = capital
			default:
				continue
			}
			if lex.how[num] == 0 {
				seen = append(seen, num)
			}
			lex.how[num] |= how
		}
	}
	// Stop words are left out here rather than looked up for each token:
	// they are never names.
	for _, num := range seen {
		if lex.how[num] == capital && lex.flags[num]&flagStop == 0 {
			lex.isName[num] = true
			lex.names = append(lex.names, num)
		}
		lex.how[num] = 0
	}
	lex.noted = seen
	return lex.isName
}

// statementWords returns the content stems of a group, by term id (see
// group.wordRank), without the words of its quantity phrases, each once
// in increasing order, and how many words they were. They are read in
// order off the group's vector, which has a term for each of its content
// stems, rather than sorted: keep marks them by term id, and is left
// clear. The stems are appended to buf, and returned as a slice of it
// without room to grow.
func statementWords(g group, keep []bool, buf []int32) (_, words []int32, n int) {
	k := 0 // the index of the next word
	for i := range g.toks {
		t := &g.toks[i]
		if !t.word {
			continue
		}
		r := g.wordRank[k]
		k++
		if r < 0 || inQuantity(g.quants, i) || t.isHedge() {
			continue
		}
		keep[r] = true
		n++
	}
	start := len(buf)
	for _, t := range g.vec {
		if keep[t.id] {
			buf = append(buf, t.id)
			keep[t.id] = false
		}
	}
	return buf, buf[start:len(buf):len(buf)], n
}

func inQuantity(qs []quantity, i int) bool {
	for _, q := range qs {
		if q.first <= i && i <= q.last {
			return true
		}
	}
	return false
}

// localContext returns the content stems, by term id, within window
// words around q, leaving out every quantity phrase; each once.
func localContext(g group, q quantity) []int32 {
	var out []int32
	collect := func(i, step int) {
		k := -1 // the word index of toks[i], when known
		for n := 0; i >= 0 && i < len(g.toks) && n < window; i += step {
			t := g.toks[i]
			if !t.word {
				if t.norm == ";" || t.norm == ":" {
					return
				}
				continue
			}
			if k < 0 {
				k = wordIndex(g.toks, i)
			} else {
				k += step
			}
			n++
			if inQuantity(g.quants, i) || t.isHedge() {
				continue
			}
			if r := g.wordRank[k]; r >= 0 && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	collect(q.first-1, -1)
	collect(q.last+1, 1)
	return out
}

// wordIndex returns the number of words before toks[i].
func wordIndex(toks []token, i int) int {
	n := 0
	for k := range i {
		if toks[k].word {
			n++
		}
	}
	return n
}

func sharedContext(a group, qa quantity, b group, qb quantity) int {
	ca, cb := localContext(a, qa), localContext(b, qb)
	n := 0
	for _, w := range ca {
		if slices.Contains(cb, w) {
			n++
		}
	}
	return n
}

// weightedDice is the Dice coefficient of two sets of stems, by term id,
// each sorted, each stem weighted by its IDF.
func weightedDice(a, b []int32, idf []float64) float64 {
	var shared, total float64
	for _, w := range a {
		total += idf[w]
	}
	for _, w := range b {
		total += idf[w]
	}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			shared += 2 * idf[a[i]]
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	if total == 0 {
		return 0
	}
	return shared / total
}

// pairTables are the arrays of weightedPairs, kept from call to call.
type pairTables struct {
	start, postings, next []int32
	acc                   []float64
	hit                   []bool
	touched               []int
}

// sortedUniqueIDs sorts ids and leaves each once.
func sortedUniqueIDs(ids []int32) []int32 {
	slices.Sort(ids)
	return slices.Compact(ids)
}

// weightedPairs returns the pairs i < j of sets of stems, by term id,
// that share stems of total weight enough for keep, found through an
// inverted index so that the cost follows the stems sets share, not the
// square of their number. Sets must hold each stem once. Pairs come in
// increasing order.
// Its arrays are sc's, or its own when sc is nil.
func weightedPairs(sets [][]int32, weight []float64, keep func(i, j int, shared float64) bool, sc *pairTables) [][2]int {
	if sc == nil {
		sc = new(pairTables)
	}
	// The posting lists are laid out one after the other in postings,
	// the list of stem w at start[w], each holding the first maxPosting
	// sets with w in the order of the sets: set j reads the sets before
	// it from the head of each list.
	sc.start = grow(sc.start, len(weight)+1)
	start := sc.start
	clear(start)
	for _, set := range sets {
		for _, w := range set {
			if start[w+1] < maxPosting {
				start[w+1]++
			}
		}
	}
	for w := range weight {
		start[w+1] += start[w]
	}
	sc.postings = grow(sc.postings, int(start[len(weight)]))
	postings := sc.postings // each element written below
	sc.next = append(sc.next[:0], start[:len(weight)]...)
	next := sc.next // where each list goes on
	for j, set := range sets {
		for _, w := range set {
			if next[w] < start[w+1] {
				postings[next[w]] = int32(j)
				next[w]++
			}
		}
	}
	sc.acc, sc.hit = grow(sc.acc, len(sets)), grow(sc.hit, len(sets))
	acc, hit := sc.acc, sc.hit // by earlier set: sums, and whether acc holds one
	clear(acc)
	clear(hit)
	touched := sc.touched[:0]
	defer func() { sc.touched = touched }()
	var out [][2]int
	for j, set := range sets {
		for _, w := range set {
			for _, i := range postings[start[w]:start[w+1]] {
				if int(i) >= j {
					break
				}
				if !hit[i] {
					hit[i] = true
					touched = append(touched, int(i))
				}
				acc[i] += weight[w]
			}
		}
		slices.Sort(touched)
		for _, i := range touched {
			if keep(i, j, acc[i]) {
				out = append(out, [2]int{i, j})
			}
			acc[i], hit[i] = 0, false
		}
		touched = touched[:0]
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return out
}
