package clean

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/internal/unionfind"
	"github.com/newsfold/newsfold/meta"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

// joinThreshold is the least score at which a fragment is taken to continue
// a cut one; lowerThreshold is the least for a fragment that starts in
// lower case, which must continue something.
const (
	joinThreshold  = 1.5
	lowerThreshold = -1
)

// window is how many blocks away a continuation is looked for: the
// columns of one page lie near each other.
const window = 80

// maxCands bounds how many continuations are scored for one cut end, the
// nearest first, so that the work stays linear in the number of blocks.
const maxCands = 12

// Weights of the continuation model in a join's score.
const (
	lmWeight    = 0.5 // per natural log unit of gain
	lmClip      = 8   // gains beyond this say no more
	phraseBonus = 1.5 // per four-word run the page repeats across the join
	adjBonus    = 1   // the two fragments are neighbours in the raw text
	// coherenceWeight is per content word shared by the text on both
	// sides of the join, up to coherenceMax words.
	coherenceWeight = 0.5
	coherenceMax    = 3
	// nameSaidBonus is for a verb of saying right after a name.
	nameSaidBonus = 3
)

// paragraph is a run of blocks that form one paragraph of the output.
type paragraph struct {
	blocks  []int
	heading bool
}

// open reports whether block b ends in the middle of a sentence.
func (p *page) open(b *block) bool {
	// Terminated also sees the end of a sentence when OCR left a space
	// before a closing quote or bracket (`at all. "`).
	return b.role == roleBody && !meta.Terminated(b.text)
}

// numberStart reports whether t starts with a digit. News style spells
// out a number that starts a sentence ("Ten people died"), so a fragment
// starting with digits goes on a cut sentence nearly as surely as one
// starting in lower case. Years are the exception the style allows, but
// on the clean benchmark a fragment opening with a year continued a cut
// sentence ("since | 2012 ...") more often than it began one.
func numberStart(t string) bool {
	return t != "" && t[0] >= '0' && t[0] <= '9'
}

// stamp reports whether t is a short date or time line ("Published time:
// March 12, 2013 02: 03", "on Dec 23 2012, 5: 03p"): it lacks a full stop
// but is no cut sentence. Such a line is mostly numbers.
func stamp(t string) bool {
	words, digits := 0, 0
	inWord, digit := false, false
	// Split as strings.Fields does, without its iterator.
	for i := 0; i <= len(t); {
		space, size := true, 1
		if i < len(t) {
			if c := t[i]; c < utf8.RuneSelf {
				space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
			} else {
				var r rune
				r, size = utf8.DecodeRuneInString(t[i:])
				space = unicode.IsSpace(r)
			}
		}
		switch {
		case !space && !inWord:
			if words++; words > 8 {
				return false
			}
			inWord, digit = true, false
			fallthrough
		case !space:
			if c := t[i]; c >= '0' && c <= '9' && !digit {
				digit = true
				digits++
			}
		case inWord:
			inWord = false
		}
		i += size
	}
	return 5*digits >= 2*words
}

// nameEnd reports whether t ends inside a capitalised name: its last word,
// or the word before a last "and", "of" or "on", is capitalised and does
// not start a sentence.
func nameEnd(t string) bool {
	t = lastChars(t, 80)
	// The last two words, or the two before a last "and", "of" or "on"
	// (split as strings.Fields would).
	var ws [3]string
	n := 0
	for end := len(t); n < 3; {
		end = len(strings.TrimRightFunc(t[:end], unicode.IsSpace))
		if end == 0 {
			break
		}
		start := strings.LastIndexFunc(t[:end], unicode.IsSpace)
		if start < 0 {
			start = 0
		} else {
			_, size := utf8.DecodeRuneInString(t[start:])
			start += size
		}
		ws[n] = t[start:end]
		n++
		end = start
	}
	if n >= 3 && (ws[0] == "and" || ws[0] == "of" || ws[0] == "on") {
		ws[0], ws[1] = ws[1], ws[2]
		n--
	}
	if n < 2 || meta.Terminated(ws[1]) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(ws[0])
	return unicode.IsUpper(r)
}

// hyphenEnd reports whether t ends with a word broken by a hyphen.
func hyphenEnd(t string) bool {
	if !strings.HasSuffix(t, "-") || strings.HasSuffix(t, "--") || strings.HasSuffix(t, " -") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t[:len(t)-1])
	return unicode.IsLetter(r)
}

// fragEnd describes the end of a fragment cut mid-sentence.
type fragEnd struct {
	word    string // last word, as the corpus counts it
	cut     bool   // ends with a function word, a possessive or a comma
	hyphen  bool   // ends with a word broken by a hyphen
	caption bool   // one long unfinished sentence: reads like a caption
	foreign bool   // shares few of its words with the rest of the article
	name    bool   // ends inside a name: "the Tasman Saddle", "Council on Ethical and"
	quote   bool   // ends with a quotation closed by a comma: `law,"`
	comma   bool   // ends with a comma
	tail    [ctxWords]string
	// openQuote: the fragment's last paragraph leaves a quotation open.
	openQuote bool
	words     bag // content words of the text before the cut
	at        int // the fragment's position in the body
}

// fragStart describes how a fragment starts.
type fragStart struct {
	word   string // the first word, as the corpus counts it
	lower  bool   // starts with a lower-case letter
	upper  bool   // starts with an upper-case letter
	common bool   // starts with a common word capitalised: a new sentence
	second string // the second word, as the corpus counts it
	text   string // the fragment
	lm     startModel
	closes bool // the first sentence closes a quotation: `fast," he said`
	words  bag  // content words of the text after the start
}

// cutEnd describes how fragment t ends as far as telling a line wrapped
// inside its paragraph goes: word, cut, hyphen and quote. describeEnd
// fills in the rest.
func (p *page) cutEnd(t string) fragEnd {
	lw := lastWord(t)
	e := fragEnd{word: normWord(lw), cut: meta.CutWord(lw) || strings.HasSuffix(t, ","), hyphen: hyphenEnd(t)}
	e.quote = strings.HasSuffix(t, `,"`) || strings.HasSuffix(t, ",”") || strings.HasSuffix(t, `, "`) || strings.HasSuffix(t, ", ”")
	e.comma = strings.HasSuffix(t, ",")
	e.cut = e.cut || e.quote
	return e
}

// describeEnd completes e, made by cutEnd, for fragment t.
func (p *page) describeEnd(e *fragEnd, t string, arena *[]uint64) {
	// A sentence cut at a function word or a comma is no caption.
	e.caption = captionLike(t) && !meta.CutWord(lastWord(t)) && !strings.HasSuffix(t, ",")
	e.tail = tailWords(t)
	e.name = nameEnd(t)
	e.openQuote = openQuote(t)
	e.words = wordBag(lastChars(t, coherenceChars), arena)
}

// caseStart describes how fragment t starts as far as telling a line
// wrapped inside its paragraph goes: word, lower, upper and common.
// describeStart fills in the rest.
func (p *page) caseStart(t string) fragStart {
	r0, _ := utf8.DecodeRuneInString(t)
	s := fragStart{word: normWord(firstWord(t)), lower: unicode.IsLower(r0), upper: unicode.IsUpper(r0)}
	s.common = s.upper && p.c.lowerCommon(s.word)
	return s
}

// describeStart completes s, made by caseStart, for fragment t.
func (p *page) describeStart(s *fragStart, t string, arena *[]uint64) {
	if _, rest, ok := strings.Cut(t, " "); ok {
		s.second = normWord(firstWord(rest))
	}
	s.text = t
	s.lm = p.c.startModel(headWords(t))
	s.closes = closesQuote(t)
	s.words = wordBag(firstChars(t, coherenceChars), arena)
}

// joinScore scores the hypothesis that fragment s continues the sentence
// cut at the end of fragment e: the case of s's first letter (a name may
// go on a name), whether e ends with a word that cannot end a sentence,
// whether the halves of a hyphenated word make a word, whether quotation
// marks pair up, how well the continuation model predicts s's first words
// from e's last ones, whether a name is followed by a verb of saying,
// whether the article repeats a phrase across the join, how many content
// words the text on both sides shares, whether e reads like a caption
// foreign to the article, and whether the two are neighbours in the raw
// text.
func (p *page) joinScore(e fragEnd, s fragStart, adjacent, sameGroup bool, ph phrases) float64 {
	score := 0.0
	switch {
	case s.lower:
		score += 3
	case s.upper && (e.name || !s.common && e.cut):
		// A name after "from", "of the", "and": "stretched from | Little
		// Italy"; a name goes on: "the Tasman Saddle | Hut".
		score -= 0.5
	case s.upper:
		score -= 1.5
	}
	if e.hyphen {
		switch {
		case !s.lower:
			score -= 2
		case p.c.freq(e.word+s.word) > 0 || p.c.freq(e.word+"-"+s.word) > 0:
			// The two halves make a word: "witnes-" + "ses".
			score += 3
		default:
			score += 0.5
		}
	}
	switch {
	case s.closes && e.openQuote:
		score++
	case s.closes:
		// `... fast," the man said` continues a quotation, and e opens
		// none.
		score -= 1.5
	}
	if e.cut {
		score += 1.5
	}
	if s.common && !e.name {
		// "The", "Since": a common word capitalised starts a sentence.
		score -= 2
	} else if !e.hyphen {
		score += lmWeight * max(-lmClip, min(lmClip, p.c.lmGain(e.tail, s.lm)))
	}
	score += phraseBonus * float64(ph.across(e.tail, s.lm.head))
	// The two sides of one passage speak of the same things: names and
	// content words recur.
	score += coherenceWeight * float64(min(coherenceMax, e.words.shared(s.words)))
	if adjacent {
		score += adjBonus
		if sameGroup {
			score++
		}
	}
	if e.caption {
		score -= 1.5
		if e.foreign {
			// Its words are not the article's: a caption or a stray line.
			score -= 1.5
		}
	}
	if e.name && !e.comma && sayVerbs[s.word] && s.word != "according" {
		// "Mr Campbell | said police told him": a name and its verb of
		// saying, news prose's commonest join.
		score += nameSaidBonus
	}
	if e.quote && saidSoon(s.text) {
		// `... law," the two men said`: a quotation and its attribution.
		score += 2
	}
	return score
}

// saidSoon reports whether a verb of saying comes within the first six
// words of t.
func saidSoon(t string) bool {
	for k, w := range strings.SplitN(t, " ", 7) {
		if k < 6 && sayVerbs[normWord(w)] {
			return true
		}
	}
	return false
}

var sayVerbs = map[string]bool{"said": true, "says": true, "told": true, "added": true, "asked": true,
	"explained": true, "wrote": true, "insisted": true, "according": true, "stressed": true, "noted": true}

// captionLike reports whether t reads like a photo caption: one long
// sentence with no full stop, starting with a capital, quoting no one.
func captionLike(t string) bool {
	r0, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r0) && wordCount(t) >= 15 && !innerSentenceEnd(t) && !strings.ContainsAny(t, "\"“”")
}

// innerSentenceEnd reports whether t holds a sentence end before its last
// word.
func innerSentenceEnd(t string) bool {
	t = strings.TrimRight(t, " ")
	last := strings.LastIndexByte(t, ' ')
	for start := 0; start < last; {
		end := strings.IndexByte(t[start:], ' ')
		if end < 0 {
			break
		}
		if w := t[start : start+end]; len(w) > 3 && meta.Terminated(w) {
			return true
		}
		start += end + 1
	}
	return false
}

type link struct {
	e, s  int     // positions in body
	score float64 // the join's score above the least one accepted
}

// order puts the body blocks in reading order and groups them into
// paragraphs. Each fragment that ends mid-sentence is matched with the
// fragment that best continues it (one to one, best scores first, no
// cycles); unfinished lines that nothing continues and that interrupt the
// text are captions. Reading then follows the matches, and otherwise the
// raw order, starting each new chain at the earliest fragment that nothing
// continues; fragments that the matches and the raw order close into a
// cycle are read from the cycle's weakest match.
//
// The paragraphs are appended to paras, and their blocks to flat, which
// must have room for len(body) more without growing: each paragraph's
// blocks are a piece of flat.
func (p *page) order(body []int, paras []paragraph, flat []int) ([]paragraph, []int) {
	if len(body) == 0 {
		return paras, flat
	}
	var seq, next []int
	if slices.ContainsFunc(body, func(i int) bool { return p.open(&p.blocks[i]) }) {
		seq, next = p.link(body)
	} else {
		// Every block ends its sentence: nothing to join, nor any
		// caption, and the blocks stay in raw order.
		seq = p.scr.takeInts(len(body))[:0]
		for k, i := range body {
			if p.blocks[i].role != roleRemoved {
				seq = append(seq, k)
			}
		}
	}
	// Group into paragraphs.
	first := len(paras)
	for x, k := range seq {
		i := body[k]
		b := &p.blocks[i]
		join := false
		if x > 0 {
			pk := seq[x-1]
			pb := &p.blocks[body[pk]]
			join = next != nil && next[pk] == k ||
				p.blank && body[pk]+1 == i && pb.group == b.group && pb.role == roleBody && b.role == roleBody
		}
		flat = append(flat, i)
		if join && len(paras) > first {
			last := &paras[len(paras)-1]
			last.blocks = flat[len(flat)-len(last.blocks)-1 : len(flat) : len(flat)]
			continue
		}
		paras = append(paras, paragraph{blocks: flat[len(flat)-1 : len(flat) : len(flat)], heading: b.role == roleHeading})
	}
	return paras, flat
}

// link matches the cut ends of body with their continuations, removes
// captions, and returns the positions in body of the blocks kept, in
// reading order, and the matches (next[k] is the position of the block
// that continues block k, or -1).
func (p *page) link(body []int) (seq, next []int) {
	n := len(body)
	next, prev := p.scr.takeInts(n), p.scr.takeInts(n)
	for k := range next {
		next[k], prev[k] = -1, -1
	}
	// A fragment can continue a cut sentence when it starts in lower
	// case or with a number, or when it heads a column (the block before
	// it is unfinished) without starting a new sentence. Raw neighbours
	// are always tried.
	//
	// Everything below is computed only when a cut end needs it: a plain
	// article whose blocks all end their sentences pays for none of it.
	cands := p.scr.takeInts(n)[:0]
	isCand := make([]bool, n)
	for k := 1; k < n; k++ {
		b := &p.blocks[body[k]]
		if b.role != roleBody {
			continue
		}
		r0, _ := utf8.DecodeRuneInString(b.text)
		if !unicode.IsLower(r0) && !unicode.IsDigit(r0) && !p.open(&p.blocks[body[k-1]]) {
			// Neither a lower-case start (nor a number, which may go on
			// a sentence too: "10 minutes later") nor after an
			// unfinished block: it continues nothing.
			continue
		}
		isCand[k] = true
		cands = append(cands, k)
	}
	// arena holds the words of the fragments' bags; the page's scratch
	// keeps it for the next call.
	arena := p.scr.bags[:0]
	defer func() { p.scr.bags = arena }()
	// described[k] is 1 once starts[k] is made by caseStart, 2 once it
	// is complete.
	starts := slices.Grow(p.scr.starts[:0], n)[:n]
	clear(starts)
	p.scr.starts = starts
	described := make([]uint8, n)
	describe := func(k int, level uint8) *fragStart {
		if !isCand[k] {
			return &starts[k]
		}
		if described[k] < 1 {
			starts[k] = p.caseStart(p.blocks[body[k]].text)
			described[k] = 1
		}
		if level == 2 && described[k] < 2 {
			p.describeStart(&starts[k], p.blocks[body[k]].text, &arena)
			described[k] = 2
		}
		return &starts[k]
	}
	chain := unionfind.New(n)
	// inScore[k] is the score of the join taken into k (infinite for a
	// line wrapped inside its paragraph).
	inScore := make([]float64, n)
	var (
		topic   topic
		topicOK bool
		ends    []fragEnd // the cut ends that look for a continuation
		tries   []link    // the joins to score: e indexes ends, s is a position in body
	)
	for ke, ie := range body {
		if !p.open(&p.blocks[ie]) || stamp(p.blocks[ie].text) {
			continue
		}
		e := p.cutEnd(p.blocks[ie].text)
		if ke+1 < n && p.blank && p.blocks[body[ke+1]].role == roleBody && p.blocks[body[ke+1]].group == p.blocks[ie].group {
			// A line wrapped inside its paragraph goes on with the next
			// line of the paragraph, unless that starts a sentence.
			if s := describe(ke+1, 1); s.lower || e.hyphen || e.cut || !s.common {
				next[ke], prev[ke+1] = ke+1, ke
				inScore[ke+1] = math.Inf(1)
				chain.Union(ke, ke+1)
				continue
			}
		}
		p.describeEnd(&e, p.blocks[ie].text, &arena)
		if e.caption && !topicOK {
			topic, topicOK = p.topicWords(body), true
		}
		e.foreign = e.caption && topic.foreign(p.blocks[ie].text)
		e.at = ke
		ends = append(ends, e)
		x := len(ends) - 1
		tryAt := func(ks int) {
			if ks != ke && p.blocks[body[ks]].role == roleBody {
				describe(ks, 2)
				tries = append(tries, link{e: x, s: ks})
			}
		}
		if ke+1 < n {
			tryAt(ke + 1)
		}
		// The nearest candidates on either side, at most maxCands.
		hi := sort.SearchInts(cands, ke+1)
		lo := hi - 1
		for tried := 0; tried < maxCands; tried++ {
			var ks int
			switch {
			case lo >= 0 && ke-cands[lo] <= window && (hi >= len(cands) || ke-cands[lo] < cands[hi]-ke):
				ks = cands[lo]
				lo--
			case hi < len(cands) && cands[hi]-ke <= window:
				ks = cands[hi]
				hi++
			default:
				tried = maxCands
				continue
			}
			if ks != ke+1 && prev[ks] < 0 {
				tryAt(ks)
			}
		}
	}
	// Score the joins, once the phrases that could span one are known.
	var links []link
	if len(tries) > 0 {
		ph := p.pagePhrases(body, ends, starts, tries)
		for _, t := range tries {
			e := &ends[t.e]
			ke, ks := e.at, t.s
			adj := ks == ke+1
			st := &starts[ks]
			floor := float64(joinThreshold)
			if st.lower || numberStart(p.blocks[body[ks]].text) {
				floor = lowerThreshold
			}
			if sc := p.joinScore(*e, *st, adj, adj && p.blocks[body[ks]].group == p.blocks[body[ke]].group, ph); sc >= floor {
				links = append(links, link{ke, ks, sc - floor})
			}
		}
	}
	// Best first; the order is total, so the result does not depend on
	// the sort algorithm.
	slices.SortFunc(links, func(a, b link) int {
		if a.score != b.score {
			return cmp.Compare(b.score, a.score)
		}
		if da, db := abs(a.s-a.e), abs(b.s-b.e); da != db {
			return cmp.Compare(da, db)
		}
		if a.e != b.e {
			return cmp.Compare(a.e, b.e)
		}
		return cmp.Compare(a.s, b.s)
	})
	links = preferBest(links)
	if traceLinks != nil {
		traceLinks(p, body, links)
	}
	for _, l := range links {
		if next[l.e] >= 0 || prev[l.s] >= 0 {
			continue
		}
		// No cycles: e and s must be in different chains.
		if chain.Find(l.e) == chain.Find(l.s) {
			continue
		}
		chain.Union(l.e, l.s)
		next[l.e], prev[l.s] = l.s, l.e
		inScore[l.s] = l.score
	}
	// cut marks the blocks a fragment must start at: where a cycle of
	// fragments was broken.
	cut := make([]bool, n)
	if len(links) > 0 {
		// Break the cycles first, so that an unfinished line whose join
		// was the weakest of its cycle may be found to be a caption.
		for p.read(body, next, prev, inScore, cut) == nil {
		}
	}
	// Web extraction leaves list items and sub-headings that read like
	// print captions; captions are a print page's damage.
	if p.doc.HTML == "" {
		p.captions(body, next, prev)
	}
	for seq = p.read(body, next, prev, inScore, cut); seq == nil; seq = p.read(body, next, prev, inScore, cut) {
	}
	return seq, next
}

// read returns the kept blocks of body in reading order: it cuts them
// into fragments of raw-consecutive text and follows each cut sentence to
// its continuation, else goes on with the earliest fragment that
// continues nothing. When the joins and the raw order close fragments
// into a cycle, read breaks the cycle at its weakest join, the likeliest
// to be wrong (marking the block after it in cut), and returns nil to be
// called again.
func (p *page) read(body, next, prev []int, inScore []float64, cut []bool) []int {
	n := len(body)
	// A fragment ends where its sentence continues elsewhere, where the
	// next block continues another fragment, before a sub-heading, or
	// where a cycle was broken. The fragments are consecutive pieces of
	// one slice.
	var frags [][]int
	flat := p.scr.takeInts(n)[:0]
	for k := 0; k < n; k++ {
		if p.blocks[body[k]].role == roleRemoved {
			continue
		}
		if len(frags) > 0 {
			last := frags[len(frags)-1]
			pk := last[len(last)-1]
			if !(next[pk] >= 0 && next[pk] != k || prev[k] >= 0 && prev[k] != pk || cut[k] ||
				p.blocks[body[k]].role == roleHeading) { // a sub-heading heads a column
				flat = append(flat, k)
				frags[len(frags)-1] = last[:len(last)+1]
				continue
			}
		}
		flat = append(flat, k)
		frags = append(frags, flat[len(flat)-1:])
	}
	fragOf := p.scr.takeInts(n)
	for f, ks := range frags {
		for _, k := range ks {
			fragOf[k] = f
		}
	}
	visited := make([]bool, len(frags))
	seq := p.scr.takeInts(n)[:0]
	// Fragments only ever become visited, so the search for the next
	// head resumes where it stopped: the reading is linear in the number
	// of fragments.
	for head := 0; ; {
		for head < len(frags) && (visited[head] || prev[frags[head][0]] >= 0) {
			head++
		}
		if head == len(frags) {
			break
		}
		for f := head; f >= 0 && !visited[f]; {
			visited[f] = true
			seq = append(seq, frags[f]...)
			last := frags[f][len(frags[f])-1]
			f = -1
			if next[last] >= 0 {
				f = fragOf[next[last]]
			}
		}
	}
	// Every fragment left continues another one left: they form cycles.
	// Break the cycle of the earliest at its weakest join.
	for f := range frags {
		if visited[f] {
			continue
		}
		weakest := frags[f][0]
		for g, steps := f, 0; steps < len(frags); steps++ {
			for _, k := range frags[g] {
				if prev[k] >= 0 && inScore[k] < inScore[weakest] {
					weakest = k
				}
			}
			last := frags[g][len(frags[g])-1]
			if next[last] < 0 || fragOf[next[last]] == f {
				break
			}
			g = fragOf[next[last]]
		}
		if prev[weakest] < 0 {
			// Not a cycle after all: read what is left in raw order.
			for ; f < len(frags); f++ {
				if !visited[f] {
					seq = append(seq, frags[f]...)
				}
			}
			return seq
		}
		next[prev[weakest]], prev[weakest] = -1, -1
		cut[weakest] = true
		return nil
	}
	return seq
}

// traceLinks, when set (by a test), is shown the joins of each body, best
// first, before they are taken.
var traceLinks func(p *page, body []int, links []link)

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
		words := wordCount(b.text)
		if words < 8 {
			continue
		}
		// A caption starts a description of its own, never in the middle
		// of a sentence.
		r0, _ := utf8.DecodeRuneInString(b.text)
		if !unicode.IsUpper(r0) || meta.CutWord(lastWord(b.text)) || strings.HasSuffix(b.text, ",") {
			continue
		}
		interrupts := false
		if k > 0 && p.open(&p.blocks[body[k-1]]) && next[k-1] != k {
			interrupts = true
		}
		if k+1 < len(body) && prev[k+1] >= 0 && prev[k+1] != k {
			interrupts = true
		}
		long := k < len(body)-1 && captionLike(b.text)
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
	tb := &p.scr.text
	tb.Reuse()
	size := 0 // bytes, about those of the text
	for _, para := range paras {
		for _, i := range para.blocks {
			size += len(p.blocks[i].text) + 2
		}
	}
	tb.Grow(size)
	for x, para := range paras {
		first := &p.blocks[para.blocks[0]]
		if x > 0 {
			tb.Insert("\n\n", first.a)
		}
		start := tb.Len()
		glue := "" // how the current block attaches to the previous one
		for k, i := range para.blocks {
			b := &p.blocks[i]
			from, to, text := b.a, b.b, b.text
			if glue != "" {
				tb.Insert(glue, b.a)
			}
			glue = " "
			if k+1 < len(para.blocks) {
				nb := &p.blocks[para.blocks[k+1]]
				r0, _ := utf8.DecodeRuneInString(nb.text)
				if hyphenEnd(b.text) && unicode.IsLower(r0) {
					if p.c.joinHyphen(strings.TrimSuffix(lastWord(b.text), "-"), firstWord(nb.text)) {
						to, text = to-1, text[:len(text)-1] // drop the hyphen
					}
					glue = ""
				}
			}
			p.c.writeLine(p.rs, from, to, text, tb)
		}
		if para.heading {
			a.Headings = append(a.Headings, [2]int{start, tb.Len()})
		}
	}
	if p.identity {
		a.Map = tb.Map().Clone()
	} else {
		a.Map = p.m0.Then(tb.Map())
	}
	a.Text = p.ownText(tb.String(), a.Map)
}

// ownText returns text, written in storage that the next article reuses,
// as a string of its own: the bytes of the raw input where the map m of
// text says it starts, when the raw input holds the same bytes there, as
// it does for input that needed no cleaning, so that the pipeline holds
// such text once; otherwise a copy. Only memory is at stake, never
// content, so the start is found by counting UTF-8 sequence starts rather
// than decoding every character before it, and counted on from the last
// article's start (see page.rawAt): a page of thousands of articles is
// counted through once, not once for each. An article that starts before
// the last one did, as one may in a page read out of order, is copied.
func (p *page) ownText(text string, m textmap.Map) string {
	if text == "" {
		return ""
	}
	raw := p.doc.Text
	lo, _ := m.RawRange(0, m.Len())
	if lo < p.rawAt.runes {
		return strings.Clone(text)
	}
	at := p.rawAt.bytes + swar.RuneOffset(raw[p.rawAt.bytes:], lo-p.rawAt.runes)
	p.rawAt.runes, p.rawAt.bytes = lo, at
	if r := raw[at:]; len(r) >= len(text) && r[:len(text)] == text {
		return r[:len(text)]
	}
	return strings.Clone(text)
}

// maxAssign bounds the cut ends and continuations matched jointly; larger
// pages are matched greedily.
const maxAssign = 80

// preferBest reorders links, sorted best first, so that the links of the
// assignment of ends to continuations with the highest total score come
// first: a cut end whose best continuation is better used by another end
// then takes its next best instead of leaving the other with nothing.
func preferBest(links []link) []link {
	ends, starts := map[int]int{}, map[int]int{}
	var ei, si []int
	for _, l := range links {
		if _, ok := ends[l.e]; !ok {
			ends[l.e] = len(ei)
			ei = append(ei, l.e)
		}
		if _, ok := starts[l.s]; !ok {
			starts[l.s] = len(si)
			si = append(si, l.s)
		}
	}
	k := max(len(ei), len(si))
	if k < 2 || k > maxAssign {
		return links
	}
	cost := make([][]float64, k)
	for i := range cost {
		cost[i] = make([]float64, k)
	}
	for _, l := range links {
		cost[ends[l.e]][starts[l.s]] = -(l.score + 0.01)
	}
	col := assign(cost)
	var chosen, rest []link
	for _, l := range links {
		if col[ends[l.e]] == starts[l.s] {
			chosen = append(chosen, l)
		} else {
			rest = append(rest, l)
		}
	}
	return append(chosen, rest...)
}

// assign solves the square assignment problem for cost (Hungarian method
// with potentials, O(k³)) and returns the column given to each row.
func assign(cost [][]float64) []int {
	n := len(cost)
	inf := math.Inf(1)
	u, v := make([]float64, n+1), make([]float64, n+1)
	p, way := make([]int, n+1), make([]int, n+1)
	minv, used := make([]float64, n+1), make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = inf, false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				if cur := cost[i0-1][j-1] - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	col := make([]int, n)
	for j := 1; j <= n; j++ {
		col[p[j]-1] = j - 1
	}
	return col
}
