package cluster

import (
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// word is what the vocabulary knows of one lowercased token form, so that
// each is stemmed and classified once for the whole collection.
type word struct {
	// ent is the term id of the word as a one-word entity ("#" and the
	// figure for a number), or -1 when not yet needed or never one.
	ent int32
	// lowerDocs counts the documents that use the word in lower case, to
	// tell a capitalised common word from a name.
	lowerDocs int32
	stop      bool // a stop word or a calendar word: never a name
	short     bool // fewer than two runes
}

// features are the terms of one article by kind, as counts: vectors
// whose weights are how many times each term occurs, until tfidf turns
// them into weights in place.
type features struct {
	body     vec // stemmed content words of title and text
	lead     vec // stemmed content words of the title and first sentences
	entities vec // names, multi-word names and numbers
	// leadEntities are the entities of the title and first sentences: the
	// participants an article is about.
	leadEntities vec
}

// worker holds what one goroutine needs to make vectors: its buffers and
// the arena its vectors are cut from.
type worker struct {
	scratch
	arena arena
}

// scratch holds the working buffers of draft and features, reused from
// one article to the next.
type scratch struct {
	body []int32 // term ids, one per occurrence, the lead's first
	// toks is room for the name tokens of the drafts to come: each draft
	// takes its own from the front, in place, so that they need no copy.
	toks nameTokens
	key  []byte // a term being spelled
	// tally counts each term's occurrences in the vector being made; it is
	// zero between vectors, as is terms, the set of the terms it counts.
	tally    []int32
	terms    idSet
	distinct []int32
	// lower is, for each word id, the last document (by doc) that used the
	// word in lower case and how many did, until the counts are added to
	// the vocabulary's (see addLower).
	lower []lowerDocs
	doc   int32
	// fresh numbers the words of an article that the vocabulary does not
	// know yet, so that each is added once however often it occurs.
	fresh map[string]int32
	// missed are the tokens of an article whose words the cache lacked,
	// missText their lowercased forms, end to end, and touched the sum of
	// their slots (see strtab.touch), kept so that it is computed.
	missed   []wordMiss
	missText []byte
	touched  uint64
	// words and names find the words and entity terms read most often
	// without a cache miss.
	words, names strCache
}

// lowerDocs counts the documents of a worker that use a word in lower
// case.
type lowerDocs struct {
	last, n int32 // the last document counted, and how many
}

// counts returns the vector of counts of the term ids in occ, all below
// nTerms, taken from wk's arena. A count is exact as a float32 up to 2^24
// occurrences of one term in one article.
func (wk *worker) counts(occ []int32, nTerms int) vec {
	sc := &wk.scratch
	if n := nTerms; len(sc.tally) < n {
		sc.tally = zeros(sc.tally, n)
		sc.terms.grow(len(sc.tally))
	}
	for _, id := range occ {
		if sc.tally[id] == 0 {
			sc.terms.add(id)
		}
		sc.tally[id]++
	}
	distinct := sc.terms.drain(sc.distinct[:0])
	x := wk.arena.alloc(len(distinct))
	for i, id := range distinct {
		x.ids[i], x.ws[i] = id, float32(sc.tally[id])
		sc.tally[id] = 0
	}
	sc.distinct = distinct
	return x
}

// idSet is a set of small non-negative integers that lists its members in
// increasing order in time proportional to their number, whatever their
// range: a bitmap with two levels of summary bits above it, bit i of
// level l+1 saying whether word i of level l has a bit set. Sorting the
// few hundred terms of an article this way costs a few operations each.
type idSet struct {
	bits [3][]uint64
}

// grow makes room in s for the integers below n.
func (s *idSet) grow(n int) {
	for l := range s.bits {
		n = (n + 63) / 64
		if len(s.bits[l]) < n {
			s.bits[l] = zeros(s.bits[l], n)
		}
	}
}

// add adds id, for which s has room, to s.
func (s *idSet) add(id int32) {
	i := uint(id)
	for l := range s.bits {
		s.bits[l][i/64] |= 1 << (i % 64)
		i /= 64
	}
}

// drain appends the members of s to dst in increasing order, empties s
// and returns the extended slice.
func (s *idSet) drain(dst []int32) []int32 {
	b0, b1, b2 := s.bits[0], s.bits[1], s.bits[2]
	for i2, w2 := range b2 {
		if w2 == 0 {
			continue
		}
		b2[i2] = 0
		for ; w2 != 0; w2 &= w2 - 1 {
			i1 := i2*64 + bits.TrailingZeros64(w2)
			w1 := b1[i1]
			b1[i1] = 0
			for ; w1 != 0; w1 &= w1 - 1 {
				i0 := i1*64 + bits.TrailingZeros64(w1)
				w0 := b0[i0]
				b0[i0] = 0
				for ; w0 != 0; w0 &= w0 - 1 {
					dst = append(dst, int32(i0*64+bits.TrailingZeros64(w0)))
				}
			}
		}
	}
	return dst
}

// arena hands out the arrays of vectors from large chunks, so that a batch
// of articles costs a few allocations instead of several per article.
type arena struct {
	ids []int32
	ws  []float32
}

// arenaChunk is the number of terms of a chunk: 512 KiB, a few hundred
// vectors.
const arenaChunk = 1 << 16

// alloc returns a vector of n terms, all zero.
func (a *arena) alloc(n int) vec {
	if len(a.ids) < n {
		size := max(n, arenaChunk)
		a.ids, a.ws = make([]int32, size), make([]float32, size)
	}
	x := vec{ids: a.ids[:n:n], ws: a.ws[:n:n]}
	a.ids, a.ws = a.ids[n:], a.ws[n:]
	return x
}

// leadWords is how many words of the text, after the title, count as the
// lead: roughly the first two sentences of a news article.
const leadWords = 50

// nameTokens are the tokens of an article that may be part of a name or
// a figure, kept from the first reading of an article until the collection
// tells which capitalised words are common ones: each one's word and
// flags. They are most of what a batch holds between the two readings, so
// they take five bytes each.
type nameTokens struct {
	words []int32
	flags []uint8
}

// draft is an article after one reading: its content words, counted, and
// the tokens its names will be found in once the whole batch is read.
type draft struct {
	body, lead vec // counts
	toks       nameTokens
	title      int // how many of toks are the title's, all in the lead
	textLead   int // how many of the text's toks are in the lead
}

// word returns the id of the word with lowercased form low, adding it if
// new.
func (v *vocabulary) word(low []byte) int32 {
	id, added := v.wordIDs.add(low)
	return v.learnt(low, id, added)
}

// learnt returns id, the id of the word with lowercased form low as
// v.wordIDs added it, first stemming and classifying the word if it was
// new.
func (v *vocabulary) learnt(low []byte, id int32, added bool) int32 {
	if !added {
		return id
	}
	s := string(low)
	w := word{ent: -1}
	w.short = utf8.RuneCountInString(s) < 2
	w.stop = stopwords[s] || calendar[s]
	body := int32(-1)
	if !w.short && !stopwords[s] && !hasDigit(s) {
		body = v.id([]byte(stem(s)))
	}
	v.words = append(doubled(v.words, 1), w)
	v.stems = append(doubled(v.stems, 1), body)
	return id
}

// low returns the lowercased form of word w, valid until the vocabulary
// learns a new word.
func (v *vocabulary) low(w int32) []byte { return v.wordIDs.bytes(w) }

func hasDigit(s string) bool {
	for _, r := range s {
		if '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// readChunk is how many articles a pass over a batch works on at once
// (see inChunks): enough to keep the workers busy, few enough that their
// tokens take little memory. The first chunk is firstChunk articles and
// each next one twice as many, up to readChunk: while the vocabulary is
// young most words of a chunk are new to it, and each article of the
// chunk spells out and the serial step looks up every one of those again.
const (
	readChunk  = 4096
	firstChunk = 32
)

// inChunks runs a pass over the articles of order, a chunk at a time, as
// three steps: find(w, k, i) for the k-th article i of the chunk, on
// workers goroutines (w numbers the goroutine); learn(k) for each of them
// in order, on this one; and build(w, k, i) on workers goroutines again.
// So the vocabulary is only read in find and build, and grows in learn in
// the order of order, as if each article were read in turn.
//
// When overlap is set, build must not read what learn changes: the other
// goroutines then build a chunk while this one learns the next, which
// would otherwise leave them idle, and k numbers the articles of every
// other chunk from min(len(order), readChunk) on, so that two chunks'
// worth of buffers are needed.
func (v *vocabulary) inChunks(order []int, workers int, overlap bool, find func(w, k, i int), learn func(k int), build func(w, k, i int)) {
	workers = max(workerCount(workers, min(len(order), readChunk)), 1)
	for len(v.workers) < workers {
		v.workers = append(v.workers, worker{})
	}
	half := min(len(order), readChunk)
	var built []int // the chunk left to build, its numbers from builtFrom
	base, builtFrom := 0, 0
	for lo, size := 0, firstChunk; lo < len(order); lo, size = lo+size, min(2*size, readChunk) {
		chunk := order[lo:min(lo+size, len(order))]
		parallel(workers, len(chunk), func(w, k int) { find(w, base+k, chunk[k]) })
		learnAll := func() {
			for k := range chunk {
				learn(base + k)
			}
		}
		if !overlap {
			learnAll()
			parallel(workers, len(chunk), func(w, k int) { build(w, base+k, chunk[k]) })
			continue
		}
		buildWhile(workers, built, builtFrom, build, learnAll)
		built, builtFrom, base = chunk, base, half-base
	}
	buildWhile(workers, built, builtFrom, build, func() {})
}

// buildWhile calls build(w, from+k, chunk[k]) for each k on workers
// goroutines, w numbering them, while this one, goroutine 0, calls first
// and then joins them.
func buildWhile(workers int, chunk []int, from int, build func(w, k, i int), first func()) {
	var next atomic.Int64
	take := func(w int) {
		for k := int(next.Add(1) - 1); k < len(chunk); k = int(next.Add(1) - 1) {
			build(w, from+k, chunk[k])
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers && len(chunk) > 0; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			take(w)
		}()
	}
	first()
	take(0)
	wg.Wait()
}

// readAll reads the articles of order (text(i) returns article i's title
// and text) on workers goroutines and returns the drafts of all n
// articles. Each chunk is tokenized against the words known before it, its
// new words are added in order, and its drafts are made.
func (v *vocabulary) readAll(n int, text func(i int) (title, body string), order []int, workers int) []draft {
	drafts := make([]draft, n)
	readings := make([]reading, min(len(order), readChunk))
	v.inChunks(order, workers, false, func(w, k, i int) {
		title, body := text(i)
		v.tokenize(title, body, &readings[k], &v.workers[w].scratch)
	}, func(k int) {
		v.learn(&readings[k])
	}, func(w, k, i int) {
		drafts[i] = v.draftOf(&readings[k], &v.workers[w])
	})
	v.addLower()
	return drafts
}

// addLower adds the counts of documents using each word in lower case
// that the workers kept to the vocabulary's, and resets them.
func (v *vocabulary) addLower() {
	for w := range v.workers {
		lower := v.workers[w].lower
		for id, l := range lower {
			v.words[id].lowerDocs += l.n
			lower[id].n = 0
		}
	}
}

// release lets go the buffers of all workers, which are as large as the
// vocabulary and would stay in a State for as long as it lives; their
// arenas stay, to be filled by the next batch.
func (v *vocabulary) release() {
	for w := range v.workers {
		v.workers[w].scratch = scratch{}
	}
}

// reading is an article's tokens, as word ids, before the words that the
// vocabulary did not know are added to it.
type reading struct {
	words []int32 // word ids, or -(k+1) for the k-th new word
	flags []uint8 // each token's flags, packed
	title int     // how many of the tokens are the title's
	fresh []byte  // the new words, end to end
	ends  []int32 // where each new word ends in fresh
	ids   []int32 // the new words' ids, once learnt
	// missed holds, for each new word, what strtab.cached returned for
	// it, and touched what learn read ahead.
	missed  []wordMiss
	touched uint64
}

// tokenize reads the tokens of an article into r. It only looks words up,
// so several articles can be tokenized at once, each with its own
// scratch.
func (v *vocabulary) tokenize(title, body string, r *reading, sc *scratch) {
	r.words, r.flags, r.fresh, r.ends, r.missed = r.words[:0], r.flags[:0], r.fresh[:0], r.ends[:0], r.missed[:0]
	if need := (len(title) + len(body)) / 5; cap(r.words) < need {
		// Twice as long as the last, so that the few buffers, reused for
		// chunk after chunk, are seldom made again.
		need = max(need, 2*cap(r.words))
		r.words, r.flags = make([]int32, 0, need), make([]uint8, 0, need)
	}
	// Words the cache lacks are looked up after the scan, their slots
	// fetched from memory together: most are rare words, and waiting for
	// each in turn was most of tokenizing's time.
	missed, missText := sc.missed[:0], sc.missText[:0]
	fn := func(low []byte, f uint8) {
		id, h, want := v.wordIDs.cached(low, &sc.words)
		if id < 0 {
			missText = append(missText, low...)
			missed = append(missed, wordMiss{int32(len(r.words)), int32(len(missText)), h, want})
		}
		r.words = append(r.words, id)
		r.flags = append(r.flags, f)
	}
	scan(title, fn)
	r.title = len(r.words)
	scan(body, fn)
	var sum uint64
	for _, m := range missed {
		sum += v.wordIDs.touch(m.h)
	}
	sc.touched = sum
	if sc.fresh == nil {
		sc.fresh = map[string]int32{}
	}
	clear(sc.fresh)
	start := int32(0)
	for _, m := range missed {
		low := missText[start:m.end]
		start = m.end
		id := v.wordIDs.probeCached(low, m.h, m.want, &sc.words)
		if id < 0 {
			var ok bool
			if id, ok = sc.fresh[string(low)]; !ok {
				r.fresh = append(r.fresh, low...)
				r.ends = append(r.ends, int32(len(r.fresh)))
				r.missed = append(r.missed, m)
				id = -int32(len(r.ends))
				sc.fresh[string(low)] = id
			}
		}
		r.words[m.tok] = id
	}
	sc.missed, sc.missText = missed, missText
}

// wordMiss is a token whose word the cache did not hold, to be looked up
// after the scan: its number, where its lowercased form ends among those
// of the others, and what strtab.cached returned for it.
type wordMiss struct {
	tok, end int32
	h        uint64
	want     strSlot
}

// learn adds the new words of r to the vocabulary, in order.
func (v *vocabulary) learn(r *reading) {
	r.ids = r.ids[:0]
	// Their slots are fetched from memory together first (see
	// strtab.touch).
	var sum uint64
	for _, m := range r.missed {
		sum += v.wordIDs.touch(m.h)
	}
	r.touched = sum
	start := int32(0)
	for k, end := range r.ends {
		low, m := r.fresh[start:end], &r.missed[k]
		id, added := v.wordIDs.addHashed(low, m.h, m.want)
		r.ids = append(r.ids, v.learnt(low, id, added))
		start = end
	}
}

// draftOf returns the draft of an article whose words are all learnt, and
// counts the words it uses in lower case in wk's counts. It only reads
// the vocabulary, so several drafts can be made at once, each with its
// own worker.
func (v *vocabulary) draftOf(r *reading, wk *worker) draft {
	sc := &wk.scratch
	if n := len(v.words); len(sc.lower) < n {
		// Doubled, as the vocabulary grows from chunk to chunk; the room
		// past the counts' length was never written, so it is zero.
		sc.lower = doubled(sc.lower, n-len(sc.lower))[:n]
	}
	sc.doc++
	doc := sc.doc
	// The passes below branch on nothing a token's kind or word decides,
	// which a processor cannot guess: a branch on each was mispredicted at
	// every other token, and a cache miss waiting on the word's entry was
	// thrown away with it. Each writes every token to its list, and keeps
	// it there by advancing the list's length or not.
	ids := r.words
	countLower(ids, r.flags, r.ids, sc.lower, doc)
	// The lead is the title's tokens and the text's first leadWords.
	leadEnd := min(r.title+leadWords, len(ids))
	bodyOcc := slices.Grow(sc.body[:0], len(ids))[:len(ids)]
	nLead := contentWords(bodyOcc, ids[:leadEnd], r.flags, v.stems)
	bodyOcc = bodyOcc[:nLead+contentWords(bodyOcc[nLead:], ids[leadEnd:], r.flags[leadEnd:], v.stems)]
	leadOcc := bodyOcc[:nLead]
	// Name tokens: the title's, the text's lead's, then the rest.
	if len(sc.toks.words) < len(ids) {
		size := max(len(ids), nameChunk)
		sc.toks = nameTokens{make([]int32, size), make([]uint8, size)}
	}
	words, flags, _ := appendNames(sc.toks.words[:0], sc.toks.flags[:0], ids[:r.title], r.flags, 0)
	title := len(words)
	words, flags, gap := appendNames(words, flags, ids[r.title:leadEnd], r.flags[r.title:], 0)
	textLead := len(words) - title
	words, flags, _ = appendNames(words, flags, ids[leadEnd:], r.flags[leadEnd:], gap)
	for i, w := range words {
		flags[i] |= bit(sc.lower[w].last == doc) * tokDocLower
	}
	n := len(words)
	sc.body, sc.toks = bodyOcc, nameTokens{sc.toks.words[n:], sc.toks.flags[n:]}
	return draft{body: wk.counts(bodyOcc, len(v.df)), lead: wk.counts(leadOcc, len(v.df)),
		toks: nameTokens{words[:n:n], flags[:n:n]}, title: title, textLead: textLead}
}

// nameChunk is how many name tokens the room for them is made for at
// once: the name tokens of a few hundred articles.
const nameChunk = 1 << 16

// countLower resolves the new words of ids, a reading's words, in place,
// fresh being their ids, and counts in lower the words that the document
// doc uses in lower case, flags being the tokens' flags.
func countLower(ids []int32, flags []uint8, fresh []int32, lower []lowerDocs, doc int32) {
	flags = flags[:len(ids)]
	for t, id := range ids {
		if id < 0 {
			id = fresh[-id-1]
			ids[t] = id
		}
		low := 1 - int32((uint32(flags[t]&(tokCap|tokNum))+0xff)>>8) // 1 or 0
		l := &lower[id]
		l.n += low & int32((uint64(uint32(l.last^doc))+0xffffffff)>>32)
		l.last += (doc - l.last) * low
	}
}

// contentWords writes to dst, as long as ids, the content words' terms of
// the words ids, flags being the tokens' flags and stems the words'
// terms, and returns how many.
func contentWords(dst, ids []int32, flags []uint8, stems []int32) int {
	dst, flags = dst[:len(ids)], flags[:len(ids)]
	n := 0
	for t, id := range ids {
		body := stems[id]
		dst[n] = body
		n += int(^uint32(body)>>31) & int(1-(uint32(flags[t]&tokNum)+0xff)>>8)
	}
	return n
}

// appendNames appends to words and flags the tokens of ids that may be
// part of a name or a figure, given their flags, marking those that follow
// others, and returns the extended slices and the mark for the next token
// (see tokAfterGap); gap is the mark for the first.
func appendNames(words []int32, flags []uint8, ids []int32, tf []uint8, gap uint8) ([]int32, []uint8, uint8) {
	n := len(words)
	words, flags = slices.Grow(words, len(ids))[:n+len(ids)], slices.Grow(flags, len(ids))[:n+len(ids)]
	tf = tf[:len(ids)]
	for t, id := range ids {
		f := tf[t]
		name := (uint32(f&(tokCap|tokNum)) + 0xff) >> 8 // 1 or 0
		words[n], flags[n] = id, f|gap
		n += int(name)
		gap = uint8(1-name) * tokAfterGap
	}
	return words[:n], flags[:n], gap
}

// featuresAll returns the features of the drafts of order, now that the
// collection says which capitalised words are common in lower case, on
// workers goroutines; it lets the drafts go. Each chunk's entities are
// found against the terms known before it, its new terms are added in
// order, and its vectors are made.
//
// Entities are found with a heuristic that needs no model: runs of
// capitalised words, where a capitalised word that starts a sentence, and
// an all-capitals word, only counts if neither the article nor the
// collection commonly uses it in lower case and it is not a stop word. Each
// name contributes its words and, for several words, the whole name;
// numbers of two or more digits count too, since figures and years tell
// apart two events of the same kind.
func (v *vocabulary) featuresAll(drafts []draft, order []int, workers int) []features {
	feats := make([]features, len(drafts))
	found := make([]entityReading, 2*min(len(order), readChunk))
	v.inChunks(order, workers, true, func(w, k, i int) {
		r := &found[k]
		r.reset()
		d := drafts[i]
		t := d.toks
		v.entities(nameTokens{t.words[:d.title], t.flags[:d.title]}, d.title, r, &v.workers[w].scratch)
		v.entities(nameTokens{t.words[d.title:], t.flags[d.title:]}, d.textLead, r, &v.workers[w].scratch)
		r.lookUp(v, &v.workers[w].scratch)
	}, func(k int) {
		found[k].learn(v)
		found[k].terms = len(v.df)
	}, func(w, k, i int) {
		r, wk := &found[k], &v.workers[w]
		r.resolve()
		feats[i] = features{body: drafts[i].body, lead: drafts[i].lead,
			entities: wk.counts(r.all, r.terms), leadEntities: wk.counts(r.lead, r.terms)}
		drafts[i] = draft{}
	})
	return feats
}

// entityReading is the entity terms of an article, as term ids, before the
// terms that the vocabulary did not know are added to it.
type entityReading struct {
	all, lead []int32 // term ids, or -(k+1) for the k-th new term
	fresh     []byte  // the new terms, end to end
	ends      []int32 // where each new term ends in fresh
	words     []int32 // the word each new term is the entity of, or -1
	ids       []int32 // the new terms' ids, once learnt
	terms     int     // how many terms the vocabulary had then
	// missed are the terms the cache lacked, and missText their
	// spellings, end to end (see lookUp); from is, for each new term,
	// its index in missed, and touched is what learn read ahead.
	missed   []termMiss
	missText []byte
	from     []int32
	touched  uint64
}

func (r *entityReading) reset() {
	r.all, r.lead, r.fresh, r.ends, r.words = r.all[:0], r.lead[:0], r.fresh[:0], r.ends[:0], r.words[:0]
	r.missed, r.missText, r.from = r.missed[:0], r.missText[:0], r.from[:0]
}

// learn adds the new terms of r to v, in order, and remembers the entity
// term of each word it saw.
func (r *entityReading) learn(v *vocabulary) {
	r.ids = r.ids[:0]
	// Their slots are fetched from memory together first (see
	// strtab.touch): most are one-off names, new to a table far larger
	// than the processor's caches.
	var sum uint64
	for _, m := range r.from {
		sum += v.terms.touch(r.missed[m].h)
	}
	r.touched = sum
	start := int32(0)
	for k, end := range r.ends {
		var id int32
		if w := r.words[k]; w >= 0 && v.words[w].ent >= 0 {
			id = v.words[w].ent // learnt from an earlier article
		} else {
			m := &r.missed[r.from[k]]
			id = v.counted(v.terms.addHashed(r.fresh[start:end], m.h, m.want))
			if w >= 0 {
				v.words[w].ent = id
			}
		}
		r.ids = append(r.ids, id)
		start = end
	}
}

// lookUp looks up the terms of r that the cache lacked, their slots
// fetched from memory together (see strtab.touch), and notes those the
// vocabulary does not know as new, in the order they were read.
func (r *entityReading) lookUp(v *vocabulary, sc *scratch) {
	var sum uint64
	for _, m := range r.missed {
		sum += v.terms.touch(m.h)
	}
	sc.touched += sum
	start := int32(0)
	for k, m := range r.missed {
		key := r.missText[start:m.end]
		start = m.end
		id := v.terms.probeCached(key, m.h, m.want, &sc.names)
		if id < 0 {
			r.fresh = append(r.fresh, key...)
			r.ends = append(r.ends, int32(len(r.fresh)))
			r.words = append(r.words, m.w)
			r.from = append(r.from, int32(k))
			id = -int32(len(r.ends))
		}
		r.all[m.all] = id
		if m.lead >= 0 {
			r.lead[m.lead] = id
		}
	}
}

// termMiss is an entity term that the cache did not hold, to be looked
// up once all of an article's are read: where its id goes in r.all and
// r.lead (-1 for none), the word it is the entity of (or -1), where its
// spelling ends in missText, and what strtab.cached returned for it.
type termMiss struct {
	all, lead, w, end int32
	h                 uint64
	want              strSlot
}

// resolve turns the new terms of r into their learnt ids.
func (r *entityReading) resolve() {
	for _, ids := range [][]int32{r.all, r.lead} {
		for j, id := range ids {
			if id < 0 {
				ids[j] = r.ids[-id-1]
			}
		}
	}
}

// entities adds the names and numbers of toks to r; the first lead tokens
// are in the lead. It only reads the vocabulary. Terms the cache lacks
// are noted in r, for lookUp to find once all are read.
func (v *vocabulary) entities(toks nameTokens, lead int, r *entityReading, sc *scratch) {
	add := func(i int, id int32) {
		r.all = append(r.all, id)
		if i < lead {
			r.lead = append(r.lead, id)
		}
	}
	// term returns the id of the term spelled in sc.key, the entity of
	// word w (or -1), to be added for token i, if the cache holds it;
	// else it notes the term to be looked up later (see lookUp).
	term := func(i int, w int32) int32 {
		id, h, want := v.terms.cached(sc.key, &sc.names)
		if id < 0 {
			m := termMiss{all: int32(len(r.all)), lead: -1, w: w, h: h, want: want}
			if i < lead {
				m.lead = int32(len(r.lead))
			}
			r.missText = append(r.missText, sc.key...)
			m.end = int32(len(r.missText))
			r.missed = append(r.missed, m)
		}
		return id
	}
	// entity returns the term id of word w as a one-word entity, found
	// for token i.
	entity := func(i int, w int32, prefix string) int32 {
		if id := v.words[w].ent; id >= 0 {
			return id
		}
		sc.key = append(append(append(sc.key[:0], entityPrefix...), prefix...), v.low(w)...)
		return term(i, w)
	}
	isName := func(k int) bool {
		f := toks.flags[k]
		if f&tokCap == 0 || f&tokNum != 0 {
			return false
		}
		w := &v.words[toks.words[k]]
		if w.stop {
			return false
		}
		return !(f&(tokSentStart|tokAllCaps) != 0 && (f&tokDocLower != 0 || w.lowerDocs >= 2))
	}
	// A name goes on while the next token is one, in the same sentence,
	// after nothing but a space, and the token before is no possessive.
	const breaks = tokSentStart | tokAfterGap
	for i := 0; i < len(toks.words); {
		if toks.flags[i]&tokNum != 0 {
			if w := toks.words[i]; len(v.low(w)) >= 2 {
				add(i, entity(i, w, "#"))
			}
			i++
			continue
		}
		if !isName(i) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks.words) && isName(j) && toks.flags[j]&breaks == 0 && toks.flags[j]&tokSpaced != 0 && toks.flags[j-1]&tokPoss == 0 {
			j++
		}
		for _, u := range toks.words[i:j] {
			if !v.words[u].short {
				add(i, entity(i, u, ""))
			}
		}
		if j-i > 1 {
			sc.key = append(sc.key[:0], entityPrefix...)
			for k, u := range toks.words[i:j] {
				if k > 0 {
					sc.key = append(sc.key, '_')
				}
				sc.key = append(sc.key, v.low(u)...)
			}
			add(i, term(i, -1))
		}
		i = j
	}
}

// observeAll counts the documents feats and, for each term, those of them
// holding it in their body or entities, on workers goroutines: each counts
// a share of the documents, the first into the vocabulary's counts and the
// others into counts of their own, added to those at the end, so the
// counts are the same. Counting is a step that nothing else overlaps, and
// mostly waits for memory.
func (v *vocabulary) observeAll(feats []features, workers int) {
	workers = max(workerCount(workers, len(feats)/observeShare), 1)
	own := make([][]int32, workers)
	parallel(workers, workers, func(_, p int) {
		df := v.df
		if p > 0 {
			df = make([]int32, len(v.df))
			own[p] = df
		}
		for _, f := range feats[len(feats)*p/workers : len(feats)*(p+1)/workers] {
			for _, x := range [...]vec{f.body, f.entities} {
				for _, id := range x.ids {
					df[id]++
				}
			}
		}
	})
	v.docs += len(feats)
	parallel(workers, blocks(len(v.df)), func(_, b int) {
		lo, hi := b*idBlock, min((b+1)*idBlock, len(v.df))
		for _, df := range own[1:] {
			for id, n := range df[lo:hi] {
				v.df[lo+id] += n
			}
		}
	})
}

// observeShare is the fewest documents worth counting on a goroutine of
// their own.
const observeShare = 4096

// idBlock is how many term ids a goroutine takes at once in passes over
// the whole vocabulary.
const idBlock = 1 << 14

// blocks returns how many blocks of idBlock ids n ids make.
func blocks(n int) int { return (n + idBlock - 1) / idBlock }
