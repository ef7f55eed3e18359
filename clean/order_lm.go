package clean

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/sorted"
	"github.com/newsfold/newsfold/internal/swar"
)

// The continuation model scores how well the words at the start of one
// fragment follow the words at the end of another: a back-off language
// model over the word triples, pairs and single words counted in the
// corpus and in the embedded lists, and the longer word runs of the page
// itself (an article often repeats a phrase: "the remainder of the
// season").

// ctxWords is how many words on each side of a join the model looks at.
const ctxWords = 3

// tailWords returns the last ctxWords words of t as the corpus counts
// them, the last word last; missing words are empty.
func tailWords(t string) [ctxWords]string {
	base()
	t = lastChars(t, 120)
	// The words are counted first, so that only those kept are made into
	// strings: the last ctxWords of the last sentence.
	n, first := 0, 0 // the words, and the first of the last sentence
	var arr [64]byte
	buf := scanWords(t, arr[:0], func(_ []byte, _ uint64, sentenceStart, _ bool) {
		if sentenceStart {
			first = n
		}
		n++
	})
	var ws [ctxWords]string
	from, k := max(first, n-ctxWords), 0
	scanWords(t, buf, func(w []byte, h uint64, _, _ bool) {
		if k >= from {
			ws[ctxWords-n+k] = wordString(w, h)
		}
		k++
	})
	return ws
}

// headWords returns the first ctxWords words of t as the corpus counts
// them, stopping at the end of the first sentence.
func headWords(t string) [ctxWords]string {
	base()
	var ws [ctxWords]string
	n := 0
	var arr [64]byte
	scanWords(firstChars(t, 120), arr[:0], func(w []byte, h uint64, sentenceStart, _ bool) {
		if n < ctxWords && (n == 0 || !sentenceStart) {
			ws[n] = wordString(w, h)
			n++
		} else {
			n = ctxWords
		}
	})
	return ws
}

// lastChars returns about the last n bytes of t, cut at a space.
func lastChars(t string, n int) string {
	if len(t) <= n {
		return t
	}
	t = t[len(t)-n:]
	if i := strings.IndexByte(t, ' '); i >= 0 {
		return t[i+1:]
	}
	return t
}

// firstChars returns about the first n bytes of t, cut at a space.
func firstChars(t string, n int) string {
	if len(t) <= n {
		return t
	}
	t = t[:n]
	if i := strings.LastIndexByte(t, ' '); i >= 0 {
		return t[:i]
	}
	return t
}

// Back-off weights of the model ("stupid back-off": a lower order counts
// for less).
const (
	backoff  = 0.4
	minCount = 0.5 // the count given to an unseen word
)

// total is the number of words the model has seen.
func (c *Corpus) total() float64 {
	base()
	t := baseTotal
	if c != nil {
		t += float64(c.nwords)
	}
	return t + 1
}

// unigram is the probability of word w on its own.
func (c *Corpus) unigram(w string) float64 {
	return (c.freq(w) + minCount) / c.total()
}

// cond is the back-off probability of word w after the words a and b (a
// or b may be empty when unknown).
func (c *Corpus) cond(a, b, w string) float64 {
	if a != "" && b != "" {
		if t := c.trigram(a, b, w); t > 0 {
			if n := c.bigram(a, b); n > 0 {
				return min(1, float64(t)/float64(n))
			}
		}
	}
	if b != "" {
		if n := c.bigram(b, w); n > 0 {
			if f := c.freq(b); f > 0 {
				return backoff * min(1, float64(n)/f)
			}
		}
	}
	return backoff * backoff * c.unigram(w) * classLift(b, w)
}

// Word classes back the model off when a pair of words was never seen:
// function words are classes of their own, other words are grouped by
// their ending ("-ed", "-ing", "-ly", "-s"), numbers together. How often
// each word of the embedded pair list is followed by each class says, for
// example, that "been" is followed by "-ed" words and "didn't" by base
// forms.
func wordClass(w string) string {
	switch {
	case w == "":
		return ""
	case w[0] >= '0' && w[0] <= '9':
		return "#"
	case englishStop[w]:
		return w
	case strings.HasSuffix(w, "ing"):
		return "-ing"
	case strings.HasSuffix(w, "ed"):
		return "-ed"
	case strings.HasSuffix(w, "ly"):
		return "-ly"
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return "-s"
	}
	return "-"
}

// classCounts holds, from the embedded pair list, how often each word is
// followed by each class and preceded by each class, and how often each
// class comes second or first in any pair.
type classCounts struct {
	after  map[string]map[string]float64 // word -> class of the next word -> count
	total  map[string]float64            // word -> count as the first of a pair
	before map[string]map[string]float64 // word -> class of the word before -> count
	totalB map[string]float64            // word -> count as the second of a pair
	class  map[string]float64            // class -> count as the second of a pair
	classB map[string]float64            // class -> count as the first of a pair
	all    float64
}

var (
	classOnce sync.Once
	classes   classCounts
)

func classModel() *classCounts {
	classOnce.Do(func() {
		classes = classCounts{after: map[string]map[string]float64{}, total: map[string]float64{},
			before: map[string]map[string]float64{}, totalB: map[string]float64{}, class: map[string]float64{}, classB: map[string]float64{}}
		readCounts(bigramsTxt, func(k string, n int32) {
			a, b, ok := strings.Cut(k, " ")
			if !ok {
				return
			}
			cl, f := wordClass(b), float64(n)
			m := classes.after[a]
			if m == nil {
				m = map[string]float64{}
				classes.after[a] = m
			}
			m[cl] += f
			classes.total[a] += f
			classes.class[cl] += f
			classes.all += f
			m = classes.before[b]
			if m == nil {
				m = map[string]float64{}
				classes.before[b] = m
			}
			m[wordClass(a)] += f
			classes.totalB[b] += f
			classes.classB[wordClass(a)] += f
		})
	})
	return &classes
}

// classPrior is the weight, in pair counts, of the overall class
// frequencies in the smoothed class distribution after a word.
const classPrior = 20

// classLift is how much more often words of w's class follow b than
// follow words in general, times how much more often words of b's class
// come before w than before words in general (1 for words never seen).
func classLift(b, w string) float64 {
	if b == "" {
		return 1
	}
	m := classModel()
	lift := func(cl string, overall, seen map[string]float64, total float64) float64 {
		p := (overall[cl] + 1) / (m.all + 1)
		return (seen[cl] + classPrior*p) / (total + classPrior) / p
	}
	return lift(wordClass(w), m.class, m.after[b], m.total[b]) * lift(wordClass(b), m.classB, m.before[w], m.totalB[w])
}

// startModel holds what the model needs of a fragment's start alone: its
// first words and how likely they are without the join.
type startModel struct {
	head [ctxWords]string
	uni  float64 // probability of the first word on its own
	next float64 // probability of the second word after the first
}

func (c *Corpus) startModel(head [ctxWords]string) startModel {
	m := startModel{head: head}
	if head[0] != "" {
		m.uni = c.unigram(head[0])
		if head[1] != "" {
			m.next = c.cond("", head[0], head[1])
		}
	}
	return m
}

// lmGain is how much more likely the first two words of a fragment
// become when they follow the last words of another, in natural log
// units: positive when the end predicts the start.
func (c *Corpus) lmGain(l [ctxWords]string, s startModel) float64 {
	r := s.head
	if l[2] == "" || r[0] == "" {
		return 0
	}
	g := math.Log(c.cond(l[1], l[2], r[0]) / s.uni)
	if r[1] != "" {
		// cond(l[2], r[0], r[1]) backs off to cond("", r[0], r[1]),
		// which is s.next: only the triple can make a difference.
		if t := c.trigram(l[2], r[0], r[1]); t > 0 {
			if n := c.bigram(l[2], r[0]); n > 0 {
				g += math.Log(min(1, float64(t)/float64(n)) / s.next)
			}
		}
	}
	return g
}

// phrases holds the keys (quadKey) of four-word runs of a page's body,
// sorted and without repeats (a sorted slice builds faster than a set).
type phrases []uint64

// pagePhrases collects the four-word runs of an article's body blocks,
// within sentences, that could span one of the joins tries: every run
// across the join of ends[t.e] and starts[t.s] holds the end's last word
// followed by the start's first word, so only runs holding such a pair of
// words are kept. The page has a great many runs and the joins few pairs.
func (p *page) pagePhrases(body []int, ends []fragEnd, starts []fragStart, tries []link) phrases {
	// last marks the hashes of the ends' last words in a bitmap, which
	// turns away nearly every word of the page at the cost of a bit test.
	var last [64]uint64
	var pairs []uint64
	for _, t := range tries {
		l, r := ends[t.e].tail[ctxWords-1], starts[t.s].lm.head[0]
		if l == "" || r == "" {
			continue
		}
		hl := wordHash(l)
		last[hl>>58] |= 1 << (hl & 63)
		pairs = append(pairs, pairKey(hl, wordHash(r)))
	}
	if len(pairs) == 0 {
		return nil
	}
	slices.Sort(pairs)
	pairs = slices.Compact(pairs)
	// joins reports whether the words of hashes a and b are the two
	// sides of a join tried.
	joins := func(a, b uint64) bool {
		if last[a>>58]&(1<<(a&63)) == 0 {
			return false
		}
		_, ok := slices.BinarySearch(pairs, pairKey(a, b))
		return ok
	}
	skip := joinFilter(ends, starts, tries)
	var ph phrases
	var arr [64]byte
	buf := arr[:0]
	for _, i := range body {
		if skip != nil && skip(p.blocks[i].text) {
			continue
		}
		var hs [4]uint64
		n := 0
		buf = scanWords(p.blocks[i].text, buf, func(_ []byte, h uint64, sentenceStart, _ bool) {
			if sentenceStart {
				n = 0
			}
			hs[0], hs[1], hs[2], hs[3] = hs[1], hs[2], hs[3], h
			if n++; n >= 4 && (joins(hs[0], hs[1]) || joins(hs[1], hs[2]) || joins(hs[2], hs[3])) {
				ph = append(ph, quadKey(hs))
			}
		})
	}
	slices.Sort(ph)
	return slices.Compact(ph)
}

// maxFiltered bounds the pairs of words joinFilter looks for.
const maxFiltered = 64

// joinFilter returns a test that a block cannot hold the last word of an
// end tried directly followed by the first word of a start it was tried
// with, as every run of words spanning that join does; the test is
// cheaper than splitting the block into words. It returns nil when it
// cannot tell. It looks for the bytes of the words in any case, and holds
// only for words of ASCII letters and digits (a word with an apostrophe
// may be written with a curly one) in blocks free of the two letters that
// lower-case to ASCII ones (Kelvin sign, dotted capital I). Of a pair
// with one word of other characters, it looks for the other word alone.
func joinFilter(ends []fragEnd, starts []fragStart, tries []link) func(string) bool {
	type pair struct{ l, r string }
	var pairs []pair
	var alone []string // the plain words of the other pairs
	for _, t := range tries {
		x := pair{ends[t.e].tail[ctxWords-1], starts[t.s].lm.head[0]}
		if x.l == "" || x.r == "" || slices.Contains(pairs, x) {
			continue
		}
		switch {
		case plainWord(x.l) && plainWord(x.r):
			pairs = append(pairs, x)
		case plainWord(x.l) || plainWord(x.r):
			w := x.l
			if !plainWord(w) {
				w = x.r
			}
			if !slices.Contains(alone, w) {
				alone = append(alone, w)
			}
		default:
			return nil
		}
		if len(pairs)+len(alone) > maxFiltered {
			return nil
		}
	}
	// By last word, so that each is looked for once.
	slices.SortFunc(pairs, func(a, b pair) int { return strings.Compare(a.l, b.l) })
	return func(t string) bool {
		if strings.Contains(t, "\u212a") || strings.Contains(t, "\u0130") {
			return false
		}
		for _, w := range alone {
			if indexFold(t, w) >= 0 {
				return false
			}
		}
		for i := 0; i < len(pairs); {
			l := pairs[i].l
			j := i + 1
			for j < len(pairs) && pairs[j].l == l {
				j++
			}
			for at := 0; ; {
				k := indexFold(t[at:], l)
				if k < 0 {
					break
				}
				next := at + k + len(l)
				at += k + 1 // a match may overlap a false one
				// The next word starts at the next letter or digit; a
				// byte outside ASCII might start it too.
				for next < len(t) && !wordByte(t[next]) && t[next] < utf8.RuneSelf {
					next++
				}
				if next < len(t) && t[next] >= utf8.RuneSelf {
					return false
				}
				for _, x := range pairs[i:j] {
					if indexFold(t[next:min(len(t), next+len(x.r))], x.r) == 0 {
						return false
					}
				}
			}
			i = j
		}
		return true
	}
}

// plainWord reports whether w is made of ASCII lower-case letters and
// digits only.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// wordByte reports whether c is an ASCII letter or digit.
func wordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// indexFold returns the index of the first instance of w, of ASCII
// lower-case letters and digits, in t in any case, or -1. Some stray
// control bytes match as digits: it may find w wrongly, never miss it.
func indexFold(t, w string) int {
	// The first byte is looked for eight bytes at a time.
	first := uint64(w[0]) * swar.Low
	for i := 0; i+len(w) <= len(t); i++ {
		if i+8 <= len(t) {
			m := swar.ZeroBytes(swar.Load64(t, i) | 0x20*swar.Low ^ first)
			if m == 0 {
				i += 7
				continue
			}
			if i += bits.TrailingZeros64(m) / 8; i+len(w) > len(t) {
				break
			}
		} else if t[i]|0x20 != w[0] {
			continue
		}
		k := 1
		for k < len(w) && t[i+k]|0x20 == w[k] {
			k++
		}
		if k == len(w) {
			return i
		}
	}
	return -1
}

// has reports whether ph holds the key h.
func (ph phrases) has(h uint64) bool {
	_, ok := slices.BinarySearch(ph, h)
	return ok
}

// quadKey is the key of four words given their wordHash.
func quadKey(hs [4]uint64) uint64 {
	return pairKey(tripleKey(hs[0], hs[1], hs[2]), hs[3])
}

// across counts the four-word runs spanning the join of l and r that the
// page holds elsewhere.
func (ph phrases) across(l, r [ctxWords]string) int {
	if len(ph) == 0 {
		return 0
	}
	seq := [2 * ctxWords]string{l[0], l[1], l[2], r[0], r[1], r[2]}
	n := 0
	for k := 0; k+4 <= len(seq); k++ { // every run takes words from both sides
		if seq[k] != "" && seq[k+3] != "" &&
			ph.has(quadKey([4]uint64{wordHash(seq[k]), wordHash(seq[k+1]), wordHash(seq[k+2]), wordHash(seq[k+3])})) {
			n++
		}
	}
	return n
}

// openQuote reports whether t leaves a quotation open: an odd number of
// straight double quotes, or more opening curly quotes than closing ones.
func openQuote(t string) bool {
	return strings.Count(t, `"`)%2 == 1 || strings.Count(t, "“") > strings.Count(t, "”")
}

// closesQuote reports whether the first sentence of t closes a quotation
// opened before it: its first double quote follows a comma or a sentence
// end (`fast," the man said`, `all. "`).
func closesQuote(t string) bool {
	for i, r := range t {
		switch r {
		case '"', '”':
			before := strings.TrimRight(t[:i], " ")
			return before != "" && strings.ContainsAny(before[len(before)-1:], ",.?!")
		case '“':
			return false
		case '.', '?', '!':
			rest := t[i+1:]
			if rest != "" && rest[0] != ' ' {
				continue // "U.S.", "2.5"
			}
			// The sentence ends here, unless a closing quote follows.
			rest = strings.TrimLeft(rest, " ")
			if !strings.HasPrefix(rest, `"`) && !strings.HasPrefix(rest, "”") {
				return false
			}
		}
	}
	return false
}

// topic counts the content words of an article: words of four letters or
// more that are not function words, in the form the corpus counts them,
// by their wordHash.
type topic map[uint64]int32

// contentWords calls fn with the wordHash of every content word of t.
func contentWords(t string, buf []byte, fn func(h uint64)) []byte {
	return scanWords(t, buf, func(w []byte, h uint64, _, _ bool) {
		if len(w) >= 4 && !stopWord(w) {
			fn(h)
		}
	})
}

func (p *page) topicWords(body []int) topic {
	size := 0
	for _, i := range body {
		size += len(p.blocks[i].text)
	}
	tp := p.scr.topic
	if tp == nil {
		tp = make(topic, size/16) // about one distinct content word in 16 bytes
		p.scr.topic = tp
	}
	clear(tp)
	var arr [64]byte
	buf := arr[:0]
	for _, i := range body {
		buf = contentWords(p.blocks[i].text, buf, func(h uint64) { tp[h]++ })
	}
	return tp
}

// foreign reports whether fewer than one in five of the content words of
// line t, itself one of the article's lines, occur elsewhere in the
// article: the line is about something else (a photo caption, an
// advertisement, a line of another article).
func (tp topic) foreign(t string) bool {
	own := map[uint64]int32{}
	var arr [64]byte
	contentWords(t, arr[:0], func(h uint64) { own[h]++ })
	if len(own) < 5 {
		return false
	}
	shared := 0
	for w, n := range own {
		if tp[w] > n {
			shared++
		}
	}
	return 5*shared < len(own)
}

// coherenceChars is how much text on each side of a join is compared for
// shared content words: about a sentence.
const coherenceChars = 240

// bag is the set of content words (their wordHash) of a stretch of text,
// sorted and without repeats.
type bag []uint64

// wordBag returns the content words of t, stored at the end of arena:
// the bags of one page share its storage.
func wordBag(t string, arena *[]uint64) bag {
	start := len(*arena)
	var arr [64]byte
	contentWords(t, arr[:0], func(h uint64) { *arena = append(*arena, h) })
	b := (*arena)[start:]
	slices.Sort(b)
	b = slices.Compact(b)
	*arena = (*arena)[:start+len(b)]
	return bag(b[:len(b):len(b)])
}

// shared counts the words a and b have in common.
func (a bag) shared(b bag) int { return sorted.Common(a, b) }
