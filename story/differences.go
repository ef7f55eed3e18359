package story

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/newsfold/newsfold/news"
)

// Alignment thresholds. Two statements are about the same thing when
// their wording overlaps (IDF-weighted Dice of content stems, numbers and
// units left out) by at least alignLoose and the words around the two
// numbers share a content word ("lasted nearly two hours" / "that lasted
// nearly five hours"), or when the wording overlaps by alignTight.
const (
	alignLoose = 0.3
	alignTight = 0.6
	// window is how many words on each side of a number make its local
	// context.
	window = 4
)

var DebugSims []string

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
// that states it.
func differences(groups []group) []news.Difference {
	var qs []int // groups with quantities
	for i, g := range groups {
		if len(g.quants) > 0 {
			qs = append(qs, i)
		}
	}
	if len(qs) < 2 {
		return nil
	}
	idf := groupIDF(groups)
	var edges [][2]slot
	for x := 0; x < len(qs); x++ {
		for y := x + 1; y < len(qs); y++ {
			a, b := groups[qs[x]], groups[qs[y]]
			if overlaps(a.articles, b.articles) {
				continue
			}
			for _, e := range alignQuantities(a, b, idf) {
				e[0].g, e[1].g = qs[x], qs[y]
				edges = append(edges, e)
			}
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
		value    float64
		approx   bool
		text     string
		articles []string
	}
	var claims []*claim
	for _, s := range slots {
		g := groups[s.g]
		q := g.quants[s.q]
		var c *claim
		for _, o := range claims {
			if sameValue(o.value, o.approx, q.value, q.approx) {
				c = o
				break
			}
		}
		if c == nil {
			c = &claim{value: q.value, approx: q.approx, text: g.text}
			claims = append(claims, c)
		}
		c.articles = append(c.articles, g.articles...)
	}
	if len(claims) < 2 {
		return news.Difference{}, false
	}
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].value < claims[j].value })
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
	}
	if !same {
		noun = q.unit + "s"
	}
	return "number of " + noun
}

// sameValue reports whether two figures agree: equal up to rounding, or
// within a tenth of each other when one of them is hedged ("nearly",
// "some").
func sameValue(a float64, approxA bool, b float64, approxB bool) bool {
	m := math.Max(math.Abs(a), math.Abs(b))
	if m == 0 {
		return true
	}
	d := math.Abs(a-b) / m
	if approxA || approxB {
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

// groupIDF gives each content stem its inverse document frequency over
// the story's sentence groups.
func groupIDF(groups []group) map[string]float64 {
	df := make(map[string]int)
	for _, g := range groups {
		seen := make(map[string]bool)
		for _, w := range g.words {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	idf := make(map[string]float64, len(df))
	n := float64(len(groups))
	for w, c := range df {
		idf[w] = math.Log(1 + n/float64(c))
	}
	return idf
}

// compatible reports whether two quantities measure the same kind of
// thing.
func compatible(a, b quantity) bool {
	if a.class != b.class {
		return false
	}
	return a.class == "duration" || a.unit == b.unit
}

// alignQuantities returns the slot pairs (group fields left zero) whose
// figures differ in two aligned statements; none when the statements are
// not aligned or agree. Quantities are matched one to one: first the
// compatible ones with equal values (they agree), then each remaining one
// with the remaining compatible quantity whose local context it shares.
// Without a shared context word a pair still counts when it is the only
// one left on both sides and the statements are near paraphrases. So in a
// list
// ("two counts of murder, one count of attempted murder") a figure the
// other sentence leaves out is not a disagreement.
func alignQuantities(a, b group, idf map[string]float64) [][2]slot {
	any := false
	for _, qa := range a.quants {
		for _, qb := range b.quants {
			if compatible(qa, qb) {
				any = true
			}
		}
	}
	if !any {
		return nil
	}
	sim := weightedDice(statementWords(a), statementWords(b), idf)
	if sim < alignLoose {
		return nil
	}
	usedA := make([]bool, len(a.quants))
	usedB := make([]bool, len(b.quants))
	for i, qa := range a.quants {
		for j, qb := range b.quants {
			if !usedB[j] && compatible(qa, qb) && sameValue(qa.value, qa.approx, qb.value, qb.approx) {
				usedA[i], usedB[j] = true, true
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
	var out [][2]slot
	for i, qa := range a.quants {
		if usedA[i] {
			continue
		}
		cands := remaining(b.quants, usedB, qa)
		best, bestShared := -1, 0
		for _, j := range cands {
			if n := sharedContext(a, qa, b, b.quants[j]); n > bestShared {
				best, bestShared = j, n
			}
		}
		if best < 0 && sim >= alignTight && len(cands) == 1 && len(remaining(a.quants, usedA, b.quants[cands[0]])) == 1 {
			best = cands[0]
		}
		if best >= 0 {
			usedA[i], usedB[best] = true, true
			out = append(out, [2]slot{{q: i}, {q: best}})
			DebugSims = append(DebugSims, fmt.Sprintf("sim=%.2f shared=%d nA=%d nB=%d | %s | %s", sim, bestShared, len(a.quants), len(b.quants), a.text, b.text))
		}
	}
	return out
}

// statementWords returns the content stems of a group without the words
// of its quantity phrases.
func statementWords(g group) []string {
	var out []string
	for i, t := range g.toks {
		if inQuantity(g.quants, i) || !isContent(t) || hedges[t.norm] {
			continue
		}
		out = append(out, stem(t.norm))
	}
	return out
}

func inQuantity(qs []quantity, i int) bool {
	for _, q := range qs {
		if q.first <= i && i <= q.last {
			return true
		}
	}
	return false
}

// localContext returns the content stems within window words around q,
// leaving out every quantity phrase.
func localContext(g group, q quantity) map[string]bool {
	out := make(map[string]bool)
	collect := func(i, step int) {
		for n := 0; i >= 0 && i < len(g.toks) && n < window; i += step {
			t := g.toks[i]
			if !t.word {
				if t.norm == ";" || t.norm == ":" {
					return
				}
				continue
			}
			n++
			if inQuantity(g.quants, i) || !isContent(t) || hedges[t.norm] {
				continue
			}
			out[stem(t.norm)] = true
		}
	}
	collect(q.first-1, -1)
	collect(q.last+1, 1)
	return out
}

func sharedContext(a group, qa quantity, b group, qb quantity) int {
	ca, cb := localContext(a, qa), localContext(b, qb)
	n := 0
	for w := range ca {
		if cb[w] {
			n++
		}
	}
	return n
}

// weightedDice is the Dice coefficient of two bags of stems as sets, each
// stem weighted by its IDF.
func weightedDice(a, b []string, idf map[string]float64) float64 {
	a, b = sortedUnique(a), sortedUnique(b)
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
