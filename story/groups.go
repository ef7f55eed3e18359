package story

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// A group is one sentence of the story: a sentence and its near-duplicates
// in other articles (or repeated in one), with where it appears.
type group struct {
	text     string // the representative wording
	toks     []token
	words    []string // content stems of text
	quants   []quantity
	articles []string // sorted
	families int      // distinct wire families among articles
	event    int      // earliest event (index in the sorted events) it appears in
	pos      int      // smallest sentence index in its articles
	order    int      // reading order: first appearance over the articles in event order
	leads    []string // articles that open with this sentence
	vec      vector
}

// A sentence is one sentence of one article.
type sentence struct {
	text    string
	article string
	event   int
	pos     int
	toks    []token
	words   []string
	quants  []quantity
	quotes  []quote
	bigrams map[string]bool
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
	var sents []sentence
	for _, id := range order {
		a := v.articles[id]
		pos := 0
		for _, p := range bodyParagraphs(a) {
			for _, s := range splitSentences(p) {
				toks := tokenize(s)
				if countWords(toks) < minWords {
					continue
				}
				sents = append(sents, sentence{
					text: s, article: id, event: eventOf[id], pos: pos, toks: toks,
					words: contentWords(toks), quants: append(quantities(toks), dateQuantities(s, toks, a.Date)...),
					bigrams: wordBigrams(toks), quotes: quotes(toks),
				})
				pos++
			}
		}
	}

	toks := make([][]token, len(sents))
	for i, s := range sents {
		toks[i] = s.toks
	}
	names := storyNames(toks)
	parent := make([]int, len(sents))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	index := make(map[string][]int)
	for i, s := range sents {
		cands := make(map[int]bool)
		for _, b := range contentBigrams(s.words) {
			for _, j := range index[b] {
				cands[j] = true
			}
		}
		js := make([]int, 0, len(cands))
		for j := range cands {
			js = append(js, j)
		}
		sort.Ints(js)
		for _, j := range js {
			if find(j) == find(i) {
				continue
			}
			if dice(s.bigrams, sents[j].bigrams) >= nearDuplicate && sameFigures(s, sents[j]) && sameQuotes(s, sents[j], names) {
				ri, rj := find(i), find(j)
				if ri < rj {
					parent[rj] = ri
				} else {
					parent[ri] = rj
				}
			}
		}
		for _, b := range contentBigrams(s.words) {
			if len(index[b]) < maxPosting {
				index[b] = append(index[b], i)
			}
		}
	}

	members := make(map[int][]int)
	var roots []int
	for i := range sents {
		r := find(i)
		if _, ok := members[r]; !ok {
			roots = append(roots, r)
		}
		members[r] = append(members[r], i)
	}
	groups := make([]group, 0, len(roots))
	for _, r := range roots {
		ms := members[r]
		rep := representative(sents, ms)
		g := group{
			text: sents[rep].text, toks: sents[rep].toks, words: sents[rep].words,
			quants: sents[rep].quants, event: sents[ms[0]].event, pos: sents[ms[0]].pos, order: ms[0],
		}
		fams := make(map[int]bool)
		var ids []string
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
	docs := make([][]string, len(groups))
	for i, g := range groups {
		docs[i] = g.words
	}
	for i, vec := range tfidf(docs) {
		groups[i].vec = vec
	}
	return groups
}

// representative picks the wording of a group: the most frequent text
// (compared word by word, so typographic quotes do not count), the first
// in reading order on a tie.
func representative(sents []sentence, ms []int) int {
	key := func(m int) string {
		var b strings.Builder
		for _, t := range sents[m].toks {
			b.WriteString(t.norm)
			b.WriteByte(' ')
		}
		return b.String()
	}
	count := make(map[string]int)
	for _, m := range ms {
		count[key(m)]++
	}
	best := ms[0]
	for _, m := range ms {
		if count[key(m)] > count[key(best)] {
			best = m
		}
	}
	return best
}

// bodyParagraphs returns the paragraphs of a's body that are not
// sub-headings.
func bodyParagraphs(a *news.Article) []string {
	var out []string
	offset := 0 // in runes
	for _, p := range strings.Split(a.Text, "\n\n") {
		start := offset
		offset += utf8.RuneCountInString(p) + 2
		if isHeading(a.Headings, start, start+utf8.RuneCountInString(p)) {
			continue
		}
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
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

// wordBigrams returns the set of adjacent word pairs of a sentence, words
// stemmed, punctuation skipped.
func wordBigrams(toks []token) map[string]bool {
	out := make(map[string]bool)
	prev := ""
	for _, t := range toks {
		if !t.word {
			continue
		}
		w := stem(t.norm)
		if prev != "" {
			out[prev+" "+w] = true
		}
		prev = w
	}
	return out
}

// contentBigrams returns adjacent pairs of content stems, the keys of the
// near-duplicate index.
func contentBigrams(words []string) []string {
	seen := make(map[string]bool)
	var out []string
	for i := 1; i < len(words); i++ {
		b := words[i-1] + " " + words[i]
		if !seen[b] {
			seen[b] = true
			out = append(out, b)
		}
	}
	return out
}

func dice(a, b map[string]bool) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// sameFigures reports whether two sentences state the same figures. Their
// numbers must be equal. Their dates must be the same days or the same
// words: the same wire sentence saying "yesterday" in two papers printed a
// day apart is still one sentence, while "yesterday" and "on Wednesday"
// for two different days are two accounts. Dates are only known in dated
// articles, so a sentence without dates agrees with any.
func sameFigures(a, b sentence) bool {
	numbers := func(s sentence) (nums, days, exprs []string) {
		for _, q := range s.quants {
			if q.class == "date" {
				days = append(days, fmt.Sprint(q.value))
				exprs = append(exprs, q.expr)
				continue
			}
			nums = append(nums, fmt.Sprintf("%s/%s/%g", q.class, q.unit, q.value))
		}
		sort.Strings(nums)
		sort.Strings(days)
		sort.Strings(exprs)
		return nums, days, exprs
	}
	na, da, ea := numbers(a)
	nb, db, eb := numbers(b)
	datesAgree := len(da) == 0 || len(db) == 0 || slices.Equal(da, db) || slices.Equal(ea, eb)
	return slices.Equal(na, nb) && datesAgree
}
