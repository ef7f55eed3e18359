package story

import (
	"strings"

	"github.com/newsfold/newsfold/news"
)

// A quote is the words of one quotation in a sentence, as normalized
// tokens, with the word indexes of its first and last token.
type quote struct {
	words       []string
	first, last int
}

// minQuote is the fewest words a quotation needs to be compared: shorter
// ones ("a very good" meeting) are labels more than statements.
const minQuote = 4

// quotes returns the quotations of a tokenized sentence: the words
// between typographic quotes, or between a pair of straight double
// quotes. An unclosed quotation runs to the end of the sentence, as a
// quotation of several sentences closes only after the last.
func quotes(toks []token) []quote {
	var out []quote
	open := -1
	for i, t := range toks {
		if t.word {
			continue
		}
		switch t.text {
		case "\u201c":
			open = i
		case "\u201d":
			if open >= 0 {
				out = appendQuote(out, toks, open, i)
			}
			open = -1
		case "\"":
			if open >= 0 && toks[open].text == "\"" {
				out = appendQuote(out, toks, open, i)
				open = -1
			} else {
				open = i
			}
		}
	}
	if open >= 0 {
		out = appendQuote(out, toks, open, len(toks))
	}
	return out
}

func appendQuote(out []quote, toks []token, open, close int) []quote {
	q := quote{first: open + 1, last: close - 1}
	for _, t := range toks[open+1 : close] {
		if t.word {
			q.words = append(q.words, t.norm)
		}
	}
	if len(q.words) >= minQuote {
		out = append(out, q)
	}
	return out
}

// quoteVariant reports whether two quotations are the same quotation
// worded differently: most of the shorter one's words recur in order in
// the other (a longest common subsequence of at least three fifths), and
// within the stretch they share, each has a word the other lacks, one of
// them a content word that is not an intensifier. A quotation cut shorter or with words left out
// ("We have just had" / "We have had") is an excerpt, not a variant.
func quoteVariant(a, b []string) bool {
	n, m := len(a), len(b)
	if n < minQuote || m < minQuote {
		return false
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	if 5*lcs[0][0] < 3*min(n, m) {
		return false
	}
	// Walk the alignment; collect the unmatched words between the first
	// and the last match.
	var onlyA, onlyB []string
	var pendA, pendB []string
	matched := false
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			if matched {
				onlyA = append(onlyA, pendA...)
				onlyB = append(onlyB, pendB...)
			}
			pendA, pendB = nil, nil
			matched = true
			i++
			j++
		case lcs[i+1][j] >= lcs[i][j+1]:
			pendA = append(pendA, a[i])
			i++
		default:
			pendB = append(pendB, b[j])
			j++
		}
	}
	if len(onlyA) == 0 || len(onlyB) == 0 {
		return false
	}
	for _, w := range append(onlyA, onlyB...) {
		if isContent(token{norm: w, word: true}) && !intensifiers[w] {
			return true
		}
	}
	return false
}

// intensifiers change how strongly a quotation says something, not what:
// "rather detailed" and "very detailed" are one quotation.
var intensifiers = setOf(`rather very really quite extremely so too just pretty fairly highly truly
indeed most more much greatly deeply`)

// sameQuotes reports whether two sentences quote alike: no quotation of
// one is a variant of a quotation of the other, and they do not put their
// words in different mouths.
func sameQuotes(a, b sentence, names map[string]bool) bool {
	for _, x := range a.quotes {
		for _, y := range b.quotes {
			if quoteVariant(x.words, y.words) {
				return false
			}
		}
	}
	if len(a.quotes) > 0 && len(b.quotes) > 0 {
		sa, sb := speakers(a.toks, a.quotes, names), speakers(b.toks, b.quotes, names)
		if len(sa) > 0 && len(sb) > 0 && disjoint(sa, sb) {
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
func speakers(toks []token, qs []quote, names map[string]bool) map[string]bool {
	inQuote := func(i int) bool {
		for _, q := range qs {
			if q.first <= i && i <= q.last {
				return true
			}
		}
		return false
	}
	out := make(map[string]bool)
	for i, t := range toks {
		if !t.word || !reportingVerbs[t.norm] || inQuote(i) {
			continue
		}
		for k := max(0, i-3); k <= min(len(toks)-1, i+3); k++ {
			w := toks[k]
			if k == i || !w.word || inQuote(k) || !capitalised(w.text) || stopwords[w.norm] || isCalendarWord(w.norm) {
				continue
			}
			if sentenceInitial(toks, k) && !names[w.norm] {
				continue
			}
			out[w.norm] = true
		}
	}
	return out
}

// quoteDifferences finds quotations that sources give in different
// words, and quotations they attribute to different people. Both compare
// sentence groups of disjoint sets of articles only, like figures.
func quoteDifferences(groups []group) []news.Difference {
	names := storyNames(groupTokens(groups))
	type quoted struct {
		g        int
		qs       []quote
		speakers map[string]bool
	}
	var qg []quoted
	for i, g := range groups {
		if qs := quotes(g.toks); len(qs) > 0 {
			qg = append(qg, quoted{i, qs, speakers(g.toks, qs, names)})
		}
	}
	var out []news.Difference
	for x := 0; x < len(qg); x++ {
		for y := x + 1; y < len(qg); y++ {
			a, b := qg[x], qg[y]
			ga, gb := groups[a.g], groups[b.g]
			if overlaps(ga.articles, gb.articles) {
				continue
			}
		pairs:
			for _, qa := range a.qs {
				for _, qb := range b.qs {
					about := ""
					switch {
					case quoteVariant(qa.words, qb.words):
						about = "quoted words"
					case sameQuote(qa.words, qb.words) && len(a.speakers) > 0 && len(b.speakers) > 0 && disjoint(a.speakers, b.speakers):
						about = "attribution"
					default:
						continue
					}
					out = append(out, news.Difference{About: about, Claims: []news.Claim{
						{Text: ga.text, Articles: ga.articles}, {Text: gb.text, Articles: gb.articles},
					}})
					break pairs
				}
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

func disjoint(a, b map[string]bool) bool {
	for w := range a {
		if b[w] {
			return false
		}
	}
	return true
}
