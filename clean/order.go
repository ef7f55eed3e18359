package clean

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/meta"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

// joinThreshold is the least score at which a fragment is taken to continue
// a cut one.
const joinThreshold = 1.5

// paragraph is a run of blocks that form one paragraph of the output; join
// says how block k+1 attaches to block k.
type paragraph struct {
	blocks  []int
	heading bool
}

// open reports whether block b ends in the middle of a sentence.
func (p *page) open(b *block) bool {
	return b.role == roleBody && !meta.Terminated(b.text)
}

// hyphenEnd reports whether t ends with a word broken by a hyphen.
func hyphenEnd(t string) bool {
	if !strings.HasSuffix(t, "-") || strings.HasSuffix(t, "--") || strings.HasSuffix(t, " -") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:len(t)-1])
	return unicode.IsLetter(r)
}

// joinScore scores the hypothesis that fragment s continues the sentence
// cut at the end of fragment e: the case of s's first letter, whether e
// ends with a word that cannot end a sentence, how often the two words
// meet in the corpus, and whether the two are neighbours in the raw text.
func (p *page) joinScore(e, s *block, adjacent, sameGroup bool) float64 {
	lw, fw := lastWord(e.text), firstWord(s.text)
	r0, _ := utf8.DecodeRuneInString(s.text)
	score := 0.0
	switch {
	case unicode.IsLower(r0):
		score += 3
	case unicode.IsUpper(r0):
		score -= 1.5
	}
	if hyphenEnd(e.text) {
		if unicode.IsLower(r0) {
			score += 2
		} else {
			score -= 2
		}
	}
	if meta.CutWord(lw) || strings.HasSuffix(e.text, ",") {
		score += 1.5
	}
	a, b := normWord(lw), normWord(fw)
	if unicode.IsUpper(r0) && p.c.lowerCommon(b) {
		// "The", "Since": a common word capitalised starts a sentence.
		score -= 2
	} else if n := p.c.bigram(a, b); n > 0 {
		score += 1.5 + 0.5*math.Log(float64(n))
	} else if p.c.freq(a) > 50 && p.c.freq(b) > 50 {
		score -= 0.5
	}
	if adjacent {
		score += 2
		if sameGroup {
			score++
		}
	}
	lr, _ := utf8.DecodeRuneInString(lw)
	if unicode.IsUpper(lr) && !meta.CutWord(lw) && len(strings.Fields(e.text)) >= 15 && !innerSentenceEnd(e.text) {
		// A long unfinished line ending in a name reads like a caption.
		score -= 1.5
	}
	return score
}

// innerSentenceEnd reports whether t holds a sentence end before its last
// word.
func innerSentenceEnd(t string) bool {
	for _, w := range strings.Fields(t) {
		if meta.Terminated(w) && len(w) > 3 {
			return true
		}
	}
	return false
}

type link struct {
	e, s  int // positions in body
	score float64
}

// order puts the body blocks in reading order and groups them into
// paragraphs. Each fragment that ends mid-sentence is matched with the
// fragment that best continues it (one to one, best scores first, no
// cycles); unfinished lines that nothing continues and that interrupt the
// text are captions. Reading then follows the matches, and otherwise the
// raw order, starting each new chain at the earliest fragment that nothing
// continues.
func (p *page) order(body []int) []paragraph {
	n := len(body)
	if n == 0 {
		return nil
	}
	next, prev := make([]int, n), make([]int, n)
	for k := range next {
		next[k], prev[k] = -1, -1
	}
	var links []link
	for ke, ie := range body {
		e := &p.blocks[ie]
		if !p.open(e) {
			continue
		}
		for ks := 1; ks < n; ks++ {
			if ks == ke || p.blocks[body[ks]].role != roleBody {
				continue
			}
			s := &p.blocks[body[ks]]
			adj := ks == ke+1
			if sc := p.joinScore(e, s, adj, adj && s.group == e.group); sc >= joinThreshold {
				links = append(links, link{ke, ks, sc})
			}
		}
	}
	sort.SliceStable(links, func(i, j int) bool {
		if links[i].score != links[j].score {
			return links[i].score > links[j].score
		}
		di, dj := abs(links[i].s-links[i].e), abs(links[j].s-links[j].e)
		if di != dj {
			return di < dj
		}
		if links[i].e != links[j].e {
			return links[i].e < links[j].e
		}
		return links[i].s < links[j].s
	})
	for _, l := range links {
		if next[l.e] >= 0 || prev[l.s] >= 0 {
			continue
		}
		// No cycles: s's chain must not lead back to e.
		k, cycle := l.s, false
		for k >= 0 {
			if k == l.e {
				cycle = true
				break
			}
			k = next[k]
		}
		if cycle {
			continue
		}
		next[l.e], prev[l.s] = l.s, l.e
	}
	p.captions(body, next, prev)

	// Cut the kept blocks into fragments of raw-consecutive text: a
	// fragment ends where its sentence continues elsewhere or where the
	// next block continues another fragment.
	var frags [][]int
	for k := 0; k < n; k++ {
		if p.blocks[body[k]].role == roleRemoved {
			continue
		}
		if len(frags) > 0 {
			last := frags[len(frags)-1]
			pk := last[len(last)-1]
			cut := next[pk] >= 0 && next[pk] != k || prev[k] >= 0 && prev[k] != pk
			if !cut {
				frags[len(frags)-1] = append(last, k)
				continue
			}
		}
		frags = append(frags, []int{k})
	}
	fragOf := make([]int, n)
	for f, ks := range frags {
		for _, k := range ks {
			fragOf[k] = f
		}
	}
	// Read the fragments: follow each cut sentence to its continuation,
	// else go on with the earliest fragment that continues nothing.
	visited := make([]bool, len(frags))
	var seq []int
	for {
		f := -1
		for g, ks := range frags {
			if !visited[g] && prev[ks[0]] < 0 {
				f = g
				break
			}
		}
		if f < 0 {
			// Only continuations are left (a chain whose head was lost):
			// read them in raw order.
			for g := range frags {
				if !visited[g] {
					f = g
					break
				}
			}
		}
		if f < 0 {
			break
		}
		for f >= 0 && !visited[f] {
			visited[f] = true
			seq = append(seq, frags[f]...)
			last := frags[f][len(frags[f])-1]
			f = -1
			if next[last] >= 0 {
				f = fragOf[next[last]]
			}
		}
	}
	// Group into paragraphs.
	var paras []paragraph
	for x, k := range seq {
		i := body[k]
		b := &p.blocks[i]
		join := false
		if x > 0 {
			pk := seq[x-1]
			pb := &p.blocks[body[pk]]
			join = next[pk] == k ||
				p.blank && body[pk]+1 == i && pb.group == b.group && pb.role == roleBody && b.role == roleBody
		}
		if join && len(paras) > 0 {
			last := &paras[len(paras)-1]
			last.blocks = append(last.blocks, i)
			continue
		}
		paras = append(paras, paragraph{blocks: []int{i}, heading: b.role == roleHeading})
	}
	return paras
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// captions removes photo captions: on a laid-out page, a long unfinished
// line that nothing continues and that either interrupts a cut sentence or
// is one long sentence with no full stop at all.
func (p *page) captions(body, next, prev []int) {
	if !p.blank {
		return
	}
	for k, i := range body {
		b := &p.blocks[i]
		if !p.open(b) || next[k] >= 0 || hyphenEnd(b.text) {
			continue
		}
		words := len(strings.Fields(b.text))
		if words < 8 {
			continue
		}
		interrupts := false
		if k > 0 && p.open(&p.blocks[body[k-1]]) && next[k-1] != k {
			interrupts = true
		}
		if k+1 < len(body) && prev[k+1] >= 0 && prev[k+1] != k {
			interrupts = true
		}
		long := words >= 15 && k < len(body)-1 && !innerSentenceEnd(b.text) && !strings.ContainsAny(b.text, "\"“”")
		if interrupts || long {
			if prev[k] >= 0 {
				next[prev[k]] = -1
				prev[k] = -1
			}
			p.remove(i, news.KindCaption)
		}
	}
}

// write renders the paragraphs into the article's text and map.
func (p *page) write(a *news.Article, paras []paragraph) {
	var tb textmap.Builder
	for x, para := range paras {
		first := &p.blocks[para.blocks[0]]
		if x > 0 {
			tb.Insert("\n\n", first.a)
		}
		start := tb.Len()
		glue := "" // how the current block attaches to the previous one
		for k, i := range para.blocks {
			b := &p.blocks[i]
			from, to := b.a, b.b
			if glue != "" {
				tb.Insert(glue, b.a)
			}
			glue = " "
			if k+1 < len(para.blocks) {
				nb := &p.blocks[para.blocks[k+1]]
				r0, _ := utf8.DecodeRuneInString(nb.text)
				if hyphenEnd(b.text) && unicode.IsLower(r0) {
					if p.c.joinHyphen(strings.TrimSuffix(lastWord(b.text), "-"), firstWord(nb.text)) {
						to-- // drop the hyphen
					}
					glue = ""
				}
			}
			p.c.writeLine(p.rs, from, to, &tb)
		}
		if para.heading {
			a.Headings = append(a.Headings, [2]int{start, tb.Len()})
		}
	}
	a.Text = tb.String()
	a.Map = p.m0.Then(tb.Map())
}
