package clean

import (
	"bufio"
	"cmp"
	_ "embed"
	"maps"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/newsfold/newsfold/internal/sketch"
	"github.com/newsfold/newsfold/internal/swar"
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
	baseWords   counter // by wordHash
	baseBigrams counter // by pairKey
	baseTotal   float64
)

// base loads the embedded word and pair frequencies.
func base() {
	baseOnce.Do(func() {
		baseWords = newCounter(12000)
		baseBigrams = newCounter(30000)
		readCounts(wordsTxt, func(k string, n int32) {
			h := wordHash(k)
			baseWords.set(h, n)
			baseTotal += float64(n)
			if baseIntern[h&internMask] == "" {
				baseIntern[h&internMask] = k
			}
		})
		readCounts(bigramsTxt, func(k string, n int32) {
			if a, b, ok := strings.Cut(k, " "); ok {
				baseBigrams.set(pairKey(wordHash(a), wordHash(b)), n)
			}
		})
	})
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
// Build it with Add, one document at a time, or Learn for a slice; learn
// shards apart and combine them with Merge, and store one with
// MarshalBinary. A Corpus must not be changed while Clean runs, but Clean
// itself may run on many goroutines at once.
//
// A Corpus made by Learn or a Learner also remembers, of each document it
// learnt, whether its text needs normalising (the first step of both
// learning and cleaning) and which of its lines may be calls to action,
// so that cleaning the document does not look again: it keeps the texts
// referenced for that, and does not store what it remembers.
//
// Words, pairs, triples and lines are counted by 64-bit hash, which keeps
// the maps small and counting cheap: a collision, rare at this width, only
// adds noise to a count.
type Corpus struct {
	words  counter // by wordHash
	midCap counter // capitalised inside a sentence, by wordHash
	// Pairs and triples are the bulk of what a collection teaches (tens
	// of millions of distinct keys at 10^5 articles): they are kept in
	// fixed-size sketches, which never under-count and add up exactly
	// when shards of one size merge.
	bigrams  *sketch.Counts // by pairKey
	trigrams *sketch.Counts // by tripleKey
	// pairs and triples are keys learnt but not yet counted into the
	// sketches (see add and flush); they are nil between calls of the
	// exported methods.
	pairs, triples *sketch.Batch
	// wordKeys and capKeys tally the words and capitalised words learnt
	// but not yet counted into words and midCap, likewise, and lineKeys
	// holds the lines of documents learnt but not yet counted into lines.
	wordKeys, capKeys tally
	caps              capWords // words on their way to capKeys
	lineKeys          []keyCount
	// text is storage for the normalised text of the document being
	// learnt, and grouped for the keys flush counts, reused from one to
	// the next.
	text    []byte
	grouped []keyCount
	nwords  int
	lines   counter // documents holding a line, by pairKey of source and lineHash
	repeats bool    // some line occurs in several documents
	// common holds the keys of lines with a count of 3 or more, the only
	// ones that can be boilerplate: most lines are looked up in it, far
	// smaller than lines, and not in lines.
	common map[uint64]bool
	docs   map[string]int32 // documents per source
	// learnt holds, for a Corpus Learn or a Learner made, what plain
	// said of the text of each document learnt, by the text's storage,
	// so that cleaning the same document need not ask again; nil
	// otherwise.
	learnt map[*byte]plainText
}

// plainText is what plain said of a text: its runes when it needs no
// normalisation, else -1; and which lines of its normalised text may be
// calls to action (see lineHints). It keeps the text, whose storage is
// its key in Corpus.learnt, so that the storage holds the same text for
// as long as the entry does.
type plainText struct {
	text  string
	runes int
	hints lineHints
}

// lineHints marks the lines of a normalised text, numbered without the
// empty ones, for which mayPromo may be true: bit k for line k, and bit
// 63 for all lines from 63 on. Learning finds them while it reads the
// words, so that cleaning need not look at the other lines again.
type lineHints uint64

// hintLine is the longest line whose hints learning looks for: cleaning
// looks for calls to action only in lines of 80 words or fewer, and a line
// of more than 640 bytes seldom is one. Longer lines are marked, and
// cleaning looks at them itself if need be.
const hintLine = 640

// allHints marks every line.
const allHints = ^lineHints(0)

// may reports whether line k may be a call to action.
func (h lineHints) may(k int) bool { return h>>min(k, 63)&1 != 0 }

// plainOf is plain(text), taken from c.learnt when c learnt it, and the
// lines of the normalised text that may be calls to action: all of them
// when c did not learn it.
func (c *Corpus) plainOf(text string) (int, bool, lineHints) {
	if c != nil && c.learnt != nil && text != "" {
		if p, ok := c.learnt[unsafe.StringData(text)]; ok && len(p.text) == len(text) {
			return p.runes, p.runes >= 0, p.hints
		}
	}
	n, ok := plain(text)
	return n, ok, allHints
}

// NewCorpus returns an empty Corpus sized for a small collection (a few
// hundred kilobytes); Learn sizes its Corpus to the documents instead.
// Larger collections added one by one still count right, with more
// collisions among rare word pairs.
func NewCorpus() *Corpus { return newCorpus(256 << 10) }

// newCorpus returns an empty Corpus with room for what about size bytes
// of text hold, so that learning them does not grow the maps step by step.
func newCorpus(size int) *Corpus {
	c := newTables(size)
	tokens := size / 6
	c.bigrams, c.trigrams = sketch.New(8*tokens), sketch.New(8*tokens)
	return c
}

// newTables returns an empty Corpus without sketches, whose maps have
// room for what about size bytes of text hold.
func newTables(size int) *Corpus {
	tokens := size / 6
	return &Corpus{
		// A vocabulary grows far slower than the text.
		words:  newCounter(min(tokens/10, 1<<18)),
		midCap: newCounter(min(tokens/20, 1<<17)),
		// Only lines of up to 300 bytes are counted, and most of a
		// text is paragraphs longer than that: a few short lines for
		// each article are sized for, and the table grows if there are
		// more (rather than allocate room, and page it in, for a line
		// every 200 bytes that never comes).
		lines:  newCounter(size / 2048),
		common: map[uint64]bool{},
		docs:   map[string]int32{},
	}
}

// shard returns an empty Corpus with tables of its own, sized for size
// bytes of text, that counts pairs and triples into c's sketches: one
// goroutine learns into it, and c merges its tables in the end.
func (c *Corpus) shard(size int) *Corpus {
	s := newTables(size)
	s.bigrams, s.trigrams = c.bigrams, c.trigrams
	return s
}

// learnShard is the least number of documents worth learning on a
// goroutine of their own.
const learnShard = 256

// Learn builds a Corpus from docs. Large collections are learnt in shards
// on several goroutines and merged; the result is the same as adding the
// documents one by one.
func Learn(docs []news.Document) *Corpus {
	size := func(docs []news.Document) int {
		n := 0
		for _, d := range docs {
			n += len(d.Text)
		}
		return n
	}
	c := newCorpus(size(docs))
	c.learnt = make(map[*byte]plainText, len(docs))
	defer c.compact()
	shards := min(runtime.GOMAXPROCS(0), len(docs)/learnShard)
	if shards <= 1 {
		c.addAll(docs, nil)
		return c
	}
	// The shards count words and lines in tables of their own, merged at
	// the end, but pairs and triples into c's sketches, in turn: sketch
	// counters add up, so the order does not matter, and one pair of
	// sketches takes far less memory than one per shard.
	var mu sync.Mutex
	parts := make([]*Corpus, shards)
	parts[0] = c
	var wg sync.WaitGroup
	for k := range parts {
		lo, hi := k*len(docs)/shards, (k+1)*len(docs)/shards
		wg.Add(1)
		go func() {
			defer wg.Done()
			if k > 0 {
				parts[k] = c.shard(size(docs[lo:hi]))
				parts[k].learnt = make(map[*byte]plainText, hi-lo)
			}
			parts[k].addAll(docs[lo:hi], &mu)
		}()
	}
	wg.Wait()
	for _, o := range parts[1:] {
		c.mergeTables(o)
	}
	return c
}

// A Learner learns a Corpus from documents handed to it one at a time,
// as they are read: once there is enough text for Learn's sketches to
// have their largest width, which more text cannot change, it learns on
// several goroutines while the rest is still being read, so that reading
// and learning overlap. The Corpus is the one Learn makes of the same
// documents, in any order. A Learner is not safe for concurrent use.
type Learner struct {
	held  []news.Document // the documents before learning starts
	size  int             // bytes of text in held
	batch []news.Document // the documents to hand to a goroutine next
	feed  chan []news.Document
	parts []*Corpus // one for each goroutine; the first has the sketches
	mu    sync.Mutex
	wg    sync.WaitGroup
}

// streamFrom is the amount of text from which Learn's sketches have
// their largest width.
const streamFrom = 6 * (sketch.MaxWidth / 8)

// NewLearner returns a Learner that has learnt nothing yet.
func NewLearner() *Learner { return &Learner{} }

// Add learns from doc, or holds it until there is enough text to start.
func (l *Learner) Add(doc news.Document) {
	if l.feed == nil {
		l.held = append(l.held, doc)
		if l.size += len(doc.Text); l.size >= streamFrom {
			l.start()
		}
		return
	}
	if l.batch == nil {
		// A batch is handed over whole: room for all of it at once, rather
		// than grown in steps.
		l.batch = make([]news.Document, 0, learnShard)
	}
	l.batch = append(l.batch, doc)
	if len(l.batch) == learnShard {
		l.feed <- l.batch
		l.batch = nil
	}
}

// start makes the Corpus with Learn's largest sketches and starts the
// goroutines, handing them the documents held so far.
func (l *Learner) start() {
	c := newCorpus(streamFrom)
	workers := runtime.GOMAXPROCS(0)
	l.feed = make(chan []news.Document, 2*workers)
	l.parts = make([]*Corpus, workers)
	for k := range l.parts {
		part := c
		if k > 0 {
			part = c.shard(streamFrom / workers)
		}
		part.learnt = map[*byte]plainText{}
		l.parts[k] = part
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			part.begin(flushAt + 1024)
			for docs := range l.feed {
				part.addBatch(docs, &l.mu)
			}
			part.flush(&l.mu)
			part.release()
		}()
	}
	held := l.held
	l.held = nil
	for len(held) > 0 {
		n := min(len(held), learnShard)
		l.feed <- held[:n:n]
		held = held[n:]
	}
}

// Corpus waits for the learning to finish and returns the Corpus learnt
// from all the documents added. The Learner is spent.
func (l *Learner) Corpus() *Corpus {
	if l.feed == nil {
		c := Learn(l.held)
		l.held = nil
		return c
	}
	if len(l.batch) > 0 {
		l.feed <- l.batch
		l.batch = nil
	}
	close(l.feed)
	l.wg.Wait()
	c := l.parts[0]
	for _, o := range l.parts[1:] {
		c.mergeTables(o)
	}
	l.parts = nil
	c.compact()
	return c
}

// compact shrinks the tables, sized ahead for the text, to what they
// hold.
func (c *Corpus) compact() {
	c.words.compact()
	c.midCap.compact()
	c.lines.compact()
}

// Merge adds the counts of other, learnt from other documents, to c.
func (c *Corpus) Merge(other *Corpus) {
	if other == nil {
		return
	}
	c.bigrams.Merge(other.bigrams)
	c.trigrams.Merge(other.trigrams)
	c.mergeTables(other)
}

// mergeTables adds the counts of other but its sketches to c.
func (c *Corpus) mergeTables(other *Corpus) {
	other.words.each(func(k uint64, n int32) { c.words.add(k, n) })
	other.midCap.each(func(k uint64, n int32) { c.midCap.add(k, n) })
	other.lines.each(func(k uint64, n int32) {
		if c.lines.add(k, n) >= 3 {
			c.repeats = true
			c.common[k] = true
		}
	})
	for k, n := range other.docs {
		c.docs[k] += n
	}
	c.nwords += other.nwords
	c.repeats = c.repeats || other.repeats
	if c.learnt != nil {
		maps.Copy(c.learnt, other.learnt)
	}
}

// Add learns from one document.
func (c *Corpus) Add(doc news.Document) {
	c.pairs, c.triples = c.bigrams.NewBatch(0), c.trigrams.NewBatch(0)
	c.add(doc)
	c.flush(nil)
	c.release()
}

// release drops the storage that add and flush work in.
func (c *Corpus) release() {
	c.pairs, c.triples, c.wordKeys, c.capKeys = nil, nil, tally{}, tally{}
	c.lineKeys, c.text, c.grouped = nil, nil, nil
}

// addAll learns from docs. Sketches shared with other goroutines are
// counted into under mu.
func (c *Corpus) addAll(docs []news.Document, mu *sync.Mutex) {
	// Room for the pairs and triples of the documents, about a sixth of
	// their bytes, or of a batch.
	n := 0
	for _, d := range docs {
		n += len(d.Text) / 5
	}
	c.begin(min(n, flushAt) + 1024)
	c.addBatch(docs, mu)
	c.flush(mu)
	c.release()
}

// begin makes the storage that add and flush work in, with room for n
// pairs and n triples.
func (c *Corpus) begin(n int) {
	c.pairs, c.triples = c.bigrams.NewBatch(n), c.trigrams.NewBatch(n)
	// Words repeat a great deal: most add up in tables small enough for
	// a core's second-level cache.
	c.wordKeys, c.capKeys = newTally(15, n/4), newTally(12, n/8)
}

// addBatch learns from docs between begin and the last flush, counting
// what it gathered whenever a batch of pairs is full.
func (c *Corpus) addBatch(docs []news.Document, mu *sync.Mutex) {
	for _, d := range docs {
		c.add(d)
		if c.pairs.Len() >= flushAt {
			c.flush(mu)
		}
	}
}

// flushAt is the number of pairs (and of triples) addAll gathers before
// it counts them into the sketches: the sketches count a large batch
// several times faster than keys one by one. A batch takes 4 bytes a key.
// Each flush reads and writes the whole of the sketches, yet a smaller
// batch learns faster, as long as the pairs and triples a goroutine
// gathers (about 4.5 MB at this size) are still in the processor's
// last-level cache when they are counted: learning 20,000 synthetic
// articles took about 8% less CPU than with twice this size, 25% less
// than with eight times, and half this size was slower again.
const flushAt = 1 << 19

// flush counts the words, lines, pairs and triples add gathered, the
// pairs and triples into the sketches under mu unless it is nil.
func (c *Corpus) flush(mu *sync.Mutex) {
	c.wordKeys.drain()
	c.capKeys.drain()
	c.grouped = c.words.addAll(c.wordKeys.out, c.grouped)
	c.grouped = c.midCap.addAll(c.capKeys.out, c.grouped)
	c.wordKeys.out, c.capKeys.out = c.wordKeys.out[:0], c.capKeys.out[:0]
	var keys []keyCount
	keys, c.grouped = c.lines.group(c.lineKeys, c.grouped)
	for _, k := range keys {
		if c.lines.add(k.key, k.n) >= 3 {
			c.repeats = true
			c.common[k.key] = true
		}
	}
	c.lineKeys = c.lineKeys[:0]
	if mu != nil {
		mu.Lock()
		defer mu.Unlock()
	}
	c.pairs.Flush()
	c.triples.Flush()
}

// add learns from one document; its words, and the pairs and triples of
// them, are gathered in c.wordKeys, c.capKeys, c.pairs and c.triples, and
// its lines in c.lineKeys, to be counted by flush.
func (c *Corpus) add(doc news.Document) {
	text := doc.Text
	n, isPlain := plain(text)
	if !isPlain {
		text, c.text = normalizeText(text, c.text)
	}
	var hints lineHints
	if promoLetters(text) {
		hints = allHints
	}
	src := sourceOf(doc, text)
	if _, ok := c.docs[src]; !ok {
		src = strings.Clone(src) // it may be part of text, whose storage is reused
	}
	c.docs[src]++
	srcHash := wordHash(src)
	first := len(c.lineKeys) // the keys of the document's lines start here
	nth := 0                 // the line's number among those not empty
	for rest := text; rest != ""; {
		line := rest
		if k := strings.IndexByte(rest, '\n'); k >= 0 {
			line, rest = rest[:k], rest[k+1:]
		} else {
			rest = ""
		}
		if line == "" {
			continue
		}
		if h, ok := lineHash(line); ok {
			c.lineKeys = append(c.lineKeys, keyCount{pairKey(srcHash, h), 1})
		}
		if c.addWords(line) {
			hints |= 1 << min(nth, 63)
		}
		nth++
	}
	if c.learnt != nil && doc.Text != "" {
		if !isPlain {
			n = -1
		}
		c.learnt[unsafe.StringData(doc.Text)] = plainText{doc.Text, n, hints}
	}
	// Count the document once for each line it holds.
	keys := c.lineKeys[first:]
	slices.SortFunc(keys, func(a, b keyCount) int { return cmp.Compare(a.key, b.key) })
	keys = slices.CompactFunc(keys, func(a, b keyCount) bool { return a.key == b.key })
	c.lineKeys = c.lineKeys[:first+len(keys)]
}

// addWords gathers the words of line, and the pairs and triples of them
// within a sentence: it walks the line as scanWords does, but only
// hashes the words, without copying them or calling out for each. It
// reports whether a run of ASCII letters of line is a word of ctaHints
// (see mayPromo), found on the way, or line is longer than hintLine.
func (c *Corpus) addWords(line string) (hint bool) {
	hint = len(line) > hintLine
	var (
		boundary = true // the next word starts a sentence
		inWord   bool
		capital  bool
		h, hEnd  uint64 // see scanWords
		// The word before, the pair it ended, and the words of the
		// sentence so far.
		prev, prevPair uint64
		n              int
	)
	for i := 0; i < len(line); {
		c0 := line[i]
		if c0 < utf8.RuneSelf {
			i++
			if x := wordBytes[c0]; x != 0 {
				if !inWord {
					inWord, capital, h = true, c0-'A' < 26, fnvOffset
				}
				h = (h ^ uint64(x)) * fnvPrime
				// The run of ASCII letters and digits, line[start:i], is
				// made of whole runs of ASCII letters; all&0x40 is set
				// when it holds no digit.
				start, all := i-1, x
				for i < len(line) {
					x = wordBytes[line[i]]
					if x == 0 {
						break
					}
					all &= x
					h = (h ^ uint64(x)) * fnvPrime
					i++
				}
				hEnd = h
				if !hint && (all&0x40 == 0 || hintShaped(line[start:i])) {
					hint = hintRun(line[start:i], all&0x40 != 0)
				}
				continue
			}
			if (c0 == '\'' || c0 == '-') && inWord {
				h = (h ^ uint64(c0)) * fnvPrime
				continue
			}
		} else {
			r, size := swar.DecodeRune(line, i)
			i += size
			if r < twoByteEnd {
				// Accented Latin, Greek, Cyrillic: from the table.
				if t := &twoBytes[r]; t.n > 0 {
					if !inWord {
						inWord, capital, h = true, t.upper, fnvOffset
					}
					for _, b := range t.lower[:t.n] {
						h = (h ^ uint64(b)) * fnvPrime
					}
					hEnd = h
					continue
				}
			} else {
				switch {
				case wideLetterOrDigit(r):
					if !inWord {
						inWord, capital, h = true, unicode.IsUpper(r), fnvOffset
					}
					var buf [utf8.UTFMax]byte
					_, h = appendLower(buf[:0], h, r)
					hEnd = h
					continue
				case r == '’' && inWord:
					h = (h ^ uint64('\'')) * fnvPrime
					continue
				}
			}
		}
		if inWord {
			c.addWord(hEnd, boundary, capital, &prev, &prevPair, &n)
			inWord, boundary = false, false
		}
		if c0 == '.' || c0 == '!' || c0 == '?' {
			boundary = true
		}
	}
	if inWord {
		c.addWord(hEnd, boundary, capital, &prev, &prevPair, &n)
	}
	c.addCaps()
	return hint
}

// addWord gathers the word of hash h, and the pair and triple it ends
// in its sentence: prev and prevPair are the word and pair before, n the
// words of the sentence before it, all updated for the next word.
func (c *Corpus) addWord(h uint64, sentenceStart, capital bool, prev, prevPair *uint64, n *int) {
	c.wordKeys.add(h)
	// A capitalised word within a sentence is noted without a branch on
	// it, which a processor could not guess, and tallied with the others
	// later (addCaps): c.capKeys sees the same words in the same order.
	caps := &c.caps
	caps.h[caps.n] = h
	caps.n += b2i(capital) &^ b2i(sentenceStart)
	if caps.n == len(caps.h) {
		c.addCaps()
	}
	c.nwords++
	if sentenceStart {
		*n = 0
	}
	if *n >= 1 {
		pair := pairKey(*prev, h)
		c.pairs.Add(pair)
		if *n >= 2 {
			// tripleKey(prev2, prev, h), from the pair before.
			c.triples.Add(pairKey(*prevPair, h))
		}
		*prevPair = pair
	}
	*prev = h
	*n++
}

// capWords holds the hashes of capitalised words within sentences that
// addWord has met and not yet tallied.
type capWords struct {
	h [64]uint64
	n int
}

// addCaps tallies the words of c.caps in c.capKeys, and empties it.
func (c *Corpus) addCaps() {
	for _, h := range c.caps.h[:c.caps.n] {
		c.capKeys.add(h)
	}
	c.caps.n = 0
}

// b2i is 1 for true and 0 for false, set without a branch.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineHash hashes a line for boilerplate counting: case and spacing are
// ignored; very long lines are never boilerplate and are not counted.
func lineHash(line string) (uint64, bool) {
	if len(line) > 300 {
		return 0, false
	}
	// FNV-1a over the lower-cased letters and digits.
	h := uint64(fnvOffset)
	for i := 0; i < len(line); i++ {
		if c := lineBytes[line[i]]; c != 0 {
			h = (h ^ uint64(c)) * fnvPrime
		}
	}
	return h, true
}

// lineBytes maps each byte to what lineHash hashes of it: ASCII letters
// lower-cased, digits and the bytes of other characters as they are, and
// 0 for ASCII punctuation, spaces and controls, which it skips.
var lineBytes = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= utf8.RuneSelf:
			t[c] = byte(c)
		}
	}
	return t
}()

// FNV-1a parameters.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// wordHash is the key a word is counted under: FNV-1a of its bytes, as
// scanWords computes it on the fly.
func wordHash(w string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * fnvPrime
	}
	return h
}

// wordHashBytes is wordHash of the word in w.
func wordHashBytes(w []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range w {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// pairKey is the key of the word pair (a, b) given their hashes; it is
// also the key of a line hash b within the source of hash a.
func pairKey(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 + b
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	return x
}

// tripleKey is the key of the word triple (a, b, w) given their hashes.
func tripleKey(a, b, w uint64) uint64 { return pairKey(pairKey(a, b), w) }

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
	k := pairKey(wordHash(source), h)
	if !c.common[k] {
		return false
	}
	n := c.lines.get(k)
	need := int32(3)
	if wordCount(line) > 30 {
		need = 5
	}
	return n >= need && float64(n) >= 0.05*float64(c.docs[source])
}

// counts returns how often the word of hash h was seen in the embedded
// list and in the corpus.
func (c *Corpus) counts(h uint64) (inBase, inCorpus int32) {
	base()
	inBase = baseWords.get(h)
	if c != nil {
		inCorpus = c.words.get(h)
	}
	return inBase, inCorpus
}

// freq is how often the lower-case word w was seen, in the embedded list
// and in the corpus.
func (c *Corpus) freq(w string) float64 {
	b, n := c.counts(wordHash(w))
	return float64(b) + float64(n)
}

// known reports whether w is a word the vocabulary trusts: frequent
// enough in the embedded list or in the corpus not to be OCR debris.
func (c *Corpus) known(w string) bool { return c.knownHash(wordHash(w)) }

// knownHash is known for the word of hash h.
func (c *Corpus) knownHash(h uint64) bool {
	base()
	// The embedded list first: it is far smaller than the corpus's
	// table, and knows the commonest words.
	return baseWords.get(h) >= 2 || c != nil && c.words.get(h) >= 5
}

// costHash is the negative log probability of the word of hash h and
// length size, for segmenting letters into words.
func (c *Corpus) costHash(h uint64, size int) float64 {
	cost, _ := c.wordCost(h, size)
	return cost
}

// wordCost is costHash, and whether the word is known.
func (c *Corpus) wordCost(h uint64, size int) (float64, bool) {
	b, n := c.counts(h)
	total := baseTotal + 1
	if c != nil {
		total += float64(c.nwords)
	}
	if b < 2 && n < 5 {
		return 30 + 5*float64(size), false
	}
	return -math.Log(float64(b+n) / total), true
}

// lowerCommon reports whether the lower-case word w is, in the corpus, a
// common word that is capitalised only at the start of a sentence, so that
// a fragment starting with it capitalised starts a sentence.
func (c *Corpus) lowerCommon(w string) bool {
	if c == nil {
		return englishStop[w]
	}
	h := wordHash(w)
	n := c.words.get(h)
	if n < 3 {
		return englishStop[w]
	}
	return float64(c.midCap.get(h)) < 0.3*float64(n)
}

// bigram is how often word a was directly followed by word b, in the
// embedded list and in the corpus.
func (c *Corpus) bigram(a, b string) int32 {
	base()
	k := pairKey(wordHash(a), wordHash(b))
	n := baseBigrams.get(k)
	if c != nil {
		n += c.bigrams.Get(k)
	}
	return n
}

// trigram is how often the words a, b, c followed each other in the
// corpus.
func (c *Corpus) trigram(a, b, w string) int32 {
	if c == nil || a == "" || b == "" || w == "" {
		return 0
	}
	return c.trigrams.Get(tripleKey(wordHash(a), wordHash(b), wordHash(w)))
}

// forWords calls fn with every word of line, lower-cased, apostrophes
// normalised; sentenceStart is true for the first word of the line and for
// a word after terminal punctuation; capital is true when the word starts
// with an upper-case letter.
func forWords(line string, fn func(w string, sentenceStart, capital bool)) {
	base()
	var arr [64]byte
	scanWords(line, arr[:0], func(w []byte, h uint64, sentenceStart, capital bool) {
		fn(wordString(w, h), sentenceStart, capital)
	})
}

// wordString returns the word w, of hash h, as a string: most words are
// in the embedded list, whose copy it returns rather than allocate one.
// The list must be loaded (see base).
func wordString(w []byte, h uint64) string {
	if s := baseIntern[h&internMask]; s == string(w) {
		return s
	}
	return string(w)
}

// internMask indexes baseIntern by word hash.
const internMask = 1<<15 - 1

// baseIntern holds the words of the embedded list by the low bits of
// their hash (the first word wins a slot), so that forWords can hand out
// common words without allocating.
var baseIntern [internMask + 1]string

// appendLower appends the lower case of r to buf, returning it and h
// extended over the bytes appended, as words are hashed (see wordHash).
func appendLower(buf []byte, h uint64, r rune) ([]byte, uint64) {
	n := len(buf)
	buf = utf8.AppendRune(buf, unicode.ToLower(r))
	for _, c := range buf[n:] {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return buf, h
}

// twoByte is what addWords, scanWords, otherLetter and toLower need of a
// character below twoByteEnd: whether it is a letter or digit (n > 0), a
// letter, and upper-case, and its lower case, also as UTF-8 for a letter
// or digit, as unicode.IsLetter, IsDigit, IsUpper and ToLower have it.
type twoByte struct {
	lower  [3]byte // the first n bytes
	n      uint8
	upper  bool
	letter bool   // a letter, not a digit
	low    uint16 // the lower case, for every character
}

// twoByteEnd bounds the characters of one or two bytes of UTF-8: the
// accented Latin, Greek and Cyrillic letters, the commonest outside ASCII
// in news, are looked up in twoBytes rather than in package unicode's
// range tables.
const twoByteEnd = 0x800

// twoBytes holds the twoByte of each character below twoByteEnd.
var twoBytes = func() (t [twoByteEnd]twoByte) {
	for r := rune(0); r < twoByteEnd; r++ {
		t[r].low = uint16(unicode.ToLower(r))
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			low := utf8.AppendRune(nil, unicode.ToLower(r))
			t[r].n = uint8(copy(t[r].lower[:], low))
			t[r].upper = unicode.IsUpper(r)
			t[r].letter = unicode.IsLetter(r)
		}
	}
	return t
}()

// generalPunctuation reports whether r is in the General Punctuation
// block, U+2000 to U+206F: the quotation marks, dashes and odd spaces that
// are the commonest characters outside ASCII in news after the accented
// letters. None of them is a letter or digit, or has a case.
func generalPunctuation(r rune) bool { return uint32(r)-0x2000 < 0x70 }

// letterOrDigit is unicode.IsLetter(r) || unicode.IsDigit(r), answered
// for ASCII and the characters below twoByteEnd from tables.
func letterOrDigit(r rune) bool {
	if r < twoByteEnd {
		return r >= 0 && twoBytes[r].n > 0
	}
	return wideLetterOrDigit(r)
}

// toLower is unicode.ToLower, answered for the characters below
// twoByteEnd from a table, and for the General Punctuation block, which
// has no case, at once.
func toLower(r rune) rune {
	if uint32(r) < twoByteEnd {
		return rune(twoBytes[r].low)
	}
	if generalPunctuation(r) {
		return r
	}
	return unicode.ToLower(r)
}

// wideLetterOrDigit is letterOrDigit for r from twoByteEnd up. The
// commonest of these in news, the quotation marks, dashes and spaces of
// the General Punctuation block, which holds no letter or digit, are
// answered without a search of package unicode's tables.
func wideLetterOrDigit(r rune) bool {
	if generalPunctuation(r) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanWords is forWords over bytes: it calls fn with every word of line
// as forWords gives it, in buf's storage (valid during the call only),
// and with its wordHash. It returns buf for reuse.
func scanWords(line string, buf []byte, fn func(w []byte, h uint64, sentenceStart, capital bool)) []byte {
	buf = buf[:0]
	boundary, capital := true, false
	// The word ends, for hashing, after its last letter or digit: a
	// trailing apostrophe or hyphen is not part of it.
	var h, hEnd uint64
	end := 0
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case wordBytes[c] != 0:
				if len(buf) == 0 {
					capital = c >= 'A' && c <= 'Z'
					h = fnvOffset
				}
				// The run of ASCII letters and digits, in one go.
				c = wordBytes[c]
				for {
					buf = append(buf, c)
					h = (h ^ uint64(c)) * fnvPrime
					if i == len(line) || wordBytes[line[i]] == 0 {
						break
					}
					c = wordBytes[line[i]]
					i++
				}
				end, hEnd = len(buf), h
				continue
			case (c == '\'' || c == '-') && len(buf) > 0:
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
				continue
			}
		} else {
			r, size := swar.DecodeRune(line, i)
			i += size
			if r < twoByteEnd {
				if t := &twoBytes[r]; t.n > 0 {
					if len(buf) == 0 {
						capital = t.upper
						h = fnvOffset
					}
					for _, b := range t.lower[:t.n] {
						buf = append(buf, b)
						h = (h ^ uint64(b)) * fnvPrime
					}
					end, hEnd = len(buf), h
					continue
				}
			} else {
				switch {
				case wideLetterOrDigit(r):
					if len(buf) == 0 {
						capital = unicode.IsUpper(r)
						h = fnvOffset
					}
					buf, h = appendLower(buf, h, r)
					end, hEnd = len(buf), h
					continue
				case r == '’' && len(buf) > 0:
					buf = append(buf, '\'')
					h = (h ^ uint64('\'')) * fnvPrime
					continue
				}
			}
		}
		if len(buf) > 0 {
			fn(buf[:end], hEnd, boundary, capital)
			buf = buf[:0]
			boundary = false
		}
		if c == '.' || c == '!' || c == '?' {
			boundary = true
		}
	}
	if len(buf) > 0 {
		fn(buf[:end], hEnd, boundary, capital)
	}
	return buf
}

// wordBytes maps the ASCII letters and digits to what scanWords keeps of
// them, lower-cased, and every other byte to 0.
var wordBytes = func() (t [256]byte) {
	for c := range 128 {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			t[c] = byte(c)
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

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
