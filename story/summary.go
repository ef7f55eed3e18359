package story

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// summaryLength is the number of summary sentences: three, plus one for
// every further event and every further independent source, at most six.
func summaryLength(events, families int) int {
	return min(6, 3+max(0, events-1)+max(0, families-1))
}

// mmrLambda weighs relevance against novelty in maximal marginal
// relevance (Carbonell and Goldstein, 1998).
const mmrLambda = 0.7

// maxOverlap is the share of its content words a sentence may have in
// common with a chosen one (see overlap) and still be chosen. The TF-IDF
// cosine of MMR misses this kind of repetition, as the words a story
// repeats most ("Tara Reid checked into rehab") weigh least.
const maxOverlap = 0.6

// dotOverlap returns the dot product of two vectors, as dot does, and the
// overlap coefficient of their stems: the shared share of the smaller
// set. The products are summed in the order of a's terms.
func dotOverlap(a, b vector) (float64, float64) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0
	}
	var d float64
	n, j := 0, 0
	for _, t := range a {
		for j < len(b) && b[j].id < t.id {
			j++
		}
		if j < len(b) && b[j].id == t.id {
			d += t.x * b[j].x
			n++
		}
	}
	return d, float64(n) / float64(min(len(a), len(b)))
}

// summarize picks k sentence groups by maximal marginal relevance and
// returns them in story order: by event, then by position in the
// articles. A group's relevance is its TF-IDF cosine with the story's
// centroid (each sentence weighted by how many independent families
// repeat it), raised for sentences that several families carry and for
// sentences near an article's top, lowered for sentences that cannot
// stand alone (opening with "But" or a pronoun) or are too short or long
// to read well. The first pick is the lead sentence of the seed article
// (the one that titles the story's main event) when it reads well: a
// news lead is the best single sentence summary there is. Near-duplicate
// sentences were merged before, so a sentence copied across the wire
// appears once, citing all its articles. lex lends its scratch.
func summarize(groups []group, k int, seed string, lex *lexicon) []news.Sentence {
	sc := &lex.summary
	cands := sc.cands[:0]
	defer func() { sc.cands = cands }()
	for i := range groups {
		if summarizable(&groups[i]) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return nil
	}
	sc.vs, sc.weights = grow(sc.vs, len(cands)), grow(sc.weights, len(cands))
	vs, weights := sc.vs, sc.weights
	for k, i := range cands {
		vs[k], weights[k] = groups[i].vec, float64(groups[i].families)
	}
	// The centroid is summed, and made unit length as scale makes a
	// vector, where it is read: spread over lex's acc by term id, so that
	// a sentence's dot product with it looks each term up directly. The
	// squares of its weights add up in the order of the term ids. The sum
	// of a sentence runs in the order of the sentence's terms, as dot's
	// does.
	dense, seen := lex.spread(vs, weights) // left clear below
	var ss float64
	for id, ok := range seen {
		if ok {
			ss += dense[id] * dense[id]
		}
	}
	if ss != 0 {
		norm := math.Sqrt(ss)
		for id, ok := range seen {
			if ok {
				dense[id] /= norm
			}
		}
	}
	sc.rel = grow(sc.rel, len(groups)) // read only for candidates
	rel := sc.rel
	for _, i := range cands {
		g := &groups[i]
		var r float64
		for _, t := range g.vec {
			if int(t.id) < len(dense) {
				r += t.x * dense[t.id]
			}
		}
		r *= 1 + 0.3*math.Log(float64(g.families))
		r *= 1 / (1 + 0.08*float64(g.pos))
		if g.dangling {
			r *= 0.5
		}
		if first, _ := utf8.DecodeRuneInString(g.text); isOpener(first) {
			r *= 0.6 // a quotation first: who speaks comes late or not at all
		}
		if n := len(g.wordNums); n < 10 || n > 45 {
			r *= 0.7
		}
		rel[i] = r
	}
	clear(dense)
	clear(seen)
	chosen := sc.chosen[:0]
	defer func() { sc.chosen = chosen }()
	// coveredEvent says of each event, by index, whether a chosen group
	// is of it.
	events := 0
	for _, i := range cands {
		events = max(events, groups[i].event+1)
	}
	sc.covered = grow(sc.covered, events)
	coveredEvent := sc.covered
	clear(coveredEvent)
	for _, i := range cands {
		if k > 0 && seed != "" && containsString(groups[i].leads, seed) && !groups[i].dangling {
			chosen = append(chosen, i)
			coveredEvent[groups[i].event] = true
			break
		}
	}
	// redundancy[i] is the largest similarity of candidate i to the
	// first noted[i] chosen sentences. A candidate's score only falls as
	// more chosen sentences are noted, so that one whose score, with
	// those noted so far, cannot beat the best one's is passed over
	// without noting the others: as most candidates are.
	sc.redundancy, sc.noted = grow(sc.redundancy, len(groups)), grow(sc.noted, len(groups))
	redundancy, noted := sc.redundancy, sc.noted
	clear(redundancy)
	clear(noted)
	for len(chosen) < k {
		best, bestScore := -1, math.Inf(-1)
		for _, i := range cands {
			if contains(chosen, i) {
				continue
			}
			// A candidate this redundant already is never chosen.
			if redundancy[i] >= maxOverlap {
				continue
			}
			r := rel[i]
			if !coveredEvent[groups[i].event] && len(chosen) > 0 {
				r *= 1.15
			}
			if mmrLambda*r-(1-mmrLambda)*redundancy[i] <= bestScore+1e-12 {
				continue
			}
			for ; noted[i] < len(chosen) && redundancy[i] < maxOverlap; noted[i]++ {
				// A vector has a term for each distinct stem of its group.
				d, o := dotOverlap(groups[i].vec, groups[chosen[noted[i]]].vec)
				redundancy[i] = max(redundancy[i], d, o)
			}
			if redundancy[i] >= maxOverlap {
				continue
			}
			score := mmrLambda*r - (1-mmrLambda)*redundancy[i]
			if score > bestScore+1e-12 {
				best, bestScore = i, score
			}
		}
		if best < 0 {
			break
		}
		chosen = append(chosen, best)
		coveredEvent[groups[best].event] = true
	}
	// Groups differ in order, so that any sort gives this one.
	slices.SortFunc(chosen, func(a, b int) int {
		ga, gb := &groups[a], &groups[b]
		if ga.event != gb.event {
			return cmp.Compare(ga.event, gb.event)
		}
		if ga.pos != gb.pos {
			return cmp.Compare(ga.pos, gb.pos)
		}
		return cmp.Compare(ga.order, gb.order)
	})
	out := make([]news.Sentence, len(chosen))
	for i, c := range chosen {
		out[i] = news.Sentence{Text: groups[c].text, Articles: slices.Clone(groups[c].articles)}
	}
	return out
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// summarizable reports whether a sentence reads as a complete statement:
// it starts with a capital, a digit or an opening quote, ends with a full
// stop, a question or exclamation mark (before any closing quote), and
// has some content.
func summarizable(g *group) bool {
	if len(g.vec) < 3 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(g.text)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !isOpener(first) {
		return false
	}
	t := strings.TrimRightFunc(g.text, isCloser)
	last, _ := utf8.DecodeLastRuneInString(t)
	return last == '.' || last == '!' || last == '?'
}

// danglers open sentences that lean on the one before.
var danglers = setOf(`but and or so yet however meanwhile he she it they this that these those his
her its their him them there also still then instead`)

// dangling reports whether a sentence, given by the numbers of its words
// in lex, opens with a dangler.
func dangling(words []uint32, lex *lexicon) bool {
	return len(words) > 0 && lex.flags[words[0]]&flagDangler != 0
}
