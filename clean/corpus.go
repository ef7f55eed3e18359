package clean

import (
	"bufio"
	_ "embed"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/meta"
	"github.com/newsfold/newsfold/news"
)

// wordsTxt and bigramsTxt are word and word-pair frequency lists
// ("word<TAB>count" and "word word<TAB>count" lines, most frequent first)
// built by gen_words.go from the training half of the data sets in
// ../shared/data (ECB+ texts and the article-extraction-benchmark bodies);
// the other half is held out for the cleaning benchmark.
var (
	//go:embed words.txt
	wordsTxt string
	//go:embed bigrams.txt
	bigramsTxt string
)

var (
	baseOnce    sync.Once
	baseWords   map[string]int32
	baseBigrams map[[2]string]int32
	baseTotal   float64
)

// base returns the embedded word frequencies.
func base() map[string]int32 {
	baseOnce.Do(func() {
		baseWords = make(map[string]int32, 12000)
		baseBigrams = make(map[[2]string]int32, 30000)
		readCounts(wordsTxt, func(k string, n int32) {
			baseWords[k] = n
			baseTotal += float64(n)
		})
		readCounts(bigramsTxt, func(k string, n int32) {
			if a, b, ok := strings.Cut(k, " "); ok {
				baseBigrams[[2]string{a, b}] = n
			}
		})
	})
	return baseWords
}

// readCounts calls fn with each "key<TAB>count" line of list.
func readCounts(list string, fn func(key string, n int32)) {
	sc := bufio.NewScanner(strings.NewReader(list))
	for sc.Scan() {
		k, c, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(c); err == nil {
			fn(k, int32(n))
		}
	}
}

// Corpus holds what cleaning learns from a whole collection: word and word
// pair frequencies (for kerning repair, de-hyphenation and for judging
// which column fragment continues a cut sentence) and, per source, how many
// documents each line occurs in (a line repeated across many documents of
// one source is boilerplate).
//
// Build it with Add, one document at a time (or Learn for a slice); a
// Corpus must not be changed while Clean runs, but Clean itself may run on
// many goroutines at once.
type Corpus struct {
	words   map[string]int32
	midCap  map[string]int32 // capitalised inside a sentence
	bigrams map[[2]string]int32
	// trigrams counts word triples by hash, to keep the map small.
	trigrams map[uint64]int32
	nwords   int
	lines    map[lineKey]int32
	repeats  bool             // some line occurs in several documents
	docs     map[string]int32 // documents per source
}

type lineKey struct {
	source string
	hash   uint64
}

// NewCorpus returns an empty Corpus.
func NewCorpus() *Corpus {
	return &Corpus{
		words:    map[string]int32{},
		midCap:   map[string]int32{},
		bigrams:  map[[2]string]int32{},
		trigrams: map[uint64]int32{},
		lines:    map[lineKey]int32{},
		docs:     map[string]int32{},
	}
}

// Learn builds a Corpus from docs.
func Learn(docs []news.Document) *Corpus {
	c := NewCorpus()
	for _, d := range docs {
		c.Add(d)
	}
	return c
}

// Add learns from one document.
func (c *Corpus) Add(doc news.Document) {
	text, _ := normalize(doc.Text)
	src := sourceOf(doc, text)
	c.docs[src]++
	seen := map[uint64]bool{}
	for line := range strings.SplitSeq(text, "\n") {
		if line == "" {
			continue
		}
		if h, ok := lineHash(line); ok && !seen[h] {
			seen[h] = true
			k := lineKey{src, h}
			c.lines[k]++
			if c.lines[k] >= 3 {
				c.repeats = true
			}
		}
		prev, prev2 := "", ""
		forWords(line, func(w string, sentenceStart bool, capital bool) {
			c.words[w]++
			if capital && !sentenceStart {
				c.midCap[w]++
			}
			c.nwords++
			if sentenceStart {
				prev, prev2 = "", ""
			}
			if prev != "" {
				c.bigrams[[2]string{prev, w}]++
				if prev2 != "" {
					c.trigrams[tripleHash(prev2, prev, w)]++
				}
			}
			prev, prev2 = w, prev
		})
	}
}

// lineHash hashes a line for boilerplate counting: case and spacing are
// ignored; very long lines are never boilerplate and are not counted.
func lineHash(line string) (uint64, bool) {
	if len(line) > 300 {
		return 0, false
	}
	// FNV-1a over the lower-cased letters and digits.
	h := uint64(14695981039346656037)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= utf8.RuneSelf:
		default:
			continue
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h, true
}

// boilerplate reports whether line occurs in so many documents of source
// that it cannot be article text.
func (c *Corpus) boilerplate(source, line string) bool {
	if c == nil || !c.repeats {
		return false
	}
	h, ok := lineHash(line)
	if !ok {
		return false
	}
	n := c.lines[lineKey{source, h}]
	need := int32(3)
	if wordCount(line) > 30 {
		need = 5
	}
	return n >= need && float64(n) >= 0.05*float64(c.docs[source])
}

// freq is how often the lower-case word w was seen, in the embedded list
// and in the corpus.
func (c *Corpus) freq(w string) float64 {
	f := float64(base()[w])
	if c != nil {
		f += float64(c.words[w])
	}
	return f
}

// known reports whether w is a word the vocabulary trusts: frequent
// enough in the embedded list or in the corpus not to be OCR debris.
func (c *Corpus) known(w string) bool {
	if base()[w] >= 2 {
		return true
	}
	return c != nil && c.words[w] >= 5
}

// cost is the negative log probability of word w, for segmenting letters
// into words.
func (c *Corpus) cost(w string) float64 {
	b := base()[w]
	var n int32
	total := baseTotal + 1
	if c != nil {
		n = c.words[w]
		total += float64(c.nwords)
	}
	if b < 2 && n < 5 {
		return 30 + 5*float64(len(w))
	}
	return -math.Log(float64(b+n) / total)
}

// lowerCommon reports whether the lower-case word w is, in the corpus, a
// common word that is capitalised only at the start of a sentence, so that
// a fragment starting with it capitalised starts a sentence.
func (c *Corpus) lowerCommon(w string) bool {
	if c == nil {
		return englishStop[w]
	}
	n := c.words[w]
	if n < 3 {
		return englishStop[w]
	}
	return float64(c.midCap[w]) < 0.3*float64(n)
}

// bigram is how often word a was directly followed by word b, in the
// embedded list and in the corpus.
func (c *Corpus) bigram(a, b string) int32 {
	base()
	n := baseBigrams[[2]string{a, b}]
	if c != nil {
		n += c.bigrams[[2]string{a, b}]
	}
	return n
}

// trigram is how often the words a, b, c followed each other in the
// corpus (counted by hash: rare collisions only add noise).
func (c *Corpus) trigram(a, b, w string) int32 {
	if c == nil || a == "" || b == "" || w == "" {
		return 0
	}
	return c.trigrams[tripleHash(a, b, w)]
}

func tripleHash(a, b, c string) uint64 {
	h := uint64(14695981039346656037)
	for _, s := range [3]string{a, b, c} {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
		h ^= 0xff
		h *= 1099511628211
	}
	return h
}

// forWords calls fn with every word of line, lower-cased, apostrophes
// normalised; sentenceStart is true for the first word of the line and for
// a word after terminal punctuation; capital is true when the word starts
// with an upper-case letter.
func forWords(line string, fn func(w string, sentenceStart, capital bool)) {
	var buf []byte
	boundary, capital := true, false
	for _, r := range line {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(buf) == 0 {
				capital = unicode.IsUpper(r)
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
			continue
		case (r == '\'' || r == '’' || r == '-') && len(buf) > 0:
			if r == '’' {
				r = '\''
			}
			buf = utf8.AppendRune(buf, r)
			continue
		}
		if len(buf) > 0 {
			if w := strings.Trim(string(buf), "'-"); w != "" {
				fn(w, boundary, capital)
			}
			buf = buf[:0]
			boundary = false
		}
		if r == '.' || r == '!' || r == '?' {
			boundary = true
		}
	}
	if len(buf) > 0 {
		if w := strings.Trim(string(buf), "'-"); w != "" {
			fn(w, boundary, capital)
		}
	}
}

// normWord lower-cases a word and trims punctuation around it, the form in
// which the corpus counts words.
func normWord(w string) string {
	var sb strings.Builder
	for _, r := range w {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			sb.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			sb.WriteByte('\'')
		case r == '-':
			sb.WriteByte('-')
		}
	}
	return strings.Trim(sb.String(), "'-")
}

// sourceOf is the source a document's boilerplate is learnt under: the
// given source, else the host of its URL or of a URL on its first line.
func sourceOf(doc news.Document, text string) string {
	if doc.Source != "" {
		return doc.Source
	}
	if h := meta.Host(doc.URL); h != "" {
		return h
	}
	first, _, _ := strings.Cut(text, "\n")
	if meta.URLLine(first) {
		return meta.Host(first)
	}
	return ""
}
