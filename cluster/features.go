package cluster

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// word is what the vocabulary knows of one lowercased token form, so that
// each is stemmed and classified once for the whole collection.
type word struct {
	// body is the term id of the word's stem as a content word, or -1 for
	// a stop word, a number or a single letter.
	body int32
	// ent is the term id of the word as a one-word entity ("#" and the
	// figure for a number), or -1 when not yet needed or never one.
	ent int32
	// lowerDocs counts the documents that use the word in lower case, to
	// tell a capitalised common word from a name.
	lowerDocs int32
	stop      bool // a stop word or a calendar word: never a name
	short     bool // fewer than two runes
	// seen is the last document (by serial) that used the word in lower
	// case; it keeps lowerDocs to one count per document.
	seen int32
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

// scratch holds the working buffers of read and features, reused from one
// article to the next.
type scratch struct {
	body, lead, entities, leadEntities []int32 // term ids, one per occurrence
	toks                               nameTokens
	key                                []byte // a term being spelled
	// tally counts each term's occurrences in the vector being made; it is
	// zero between vectors. distinct lists the terms it counts.
	tally, distinct []int32
}

// counts returns the vector of counts of the term ids in occ, taken from
// v's arena. A count is exact as a float32 up to 2^24 occurrences of one
// term in one article.
func (v *vocabulary) counts(occ []int32) vec {
	sc := &v.scratch
	if n := len(v.df); len(sc.tally) < n {
		sc.tally = append(sc.tally, make([]int32, n-len(sc.tally))...)
	}
	distinct := sc.distinct[:0]
	for _, id := range occ {
		if sc.tally[id] == 0 {
			distinct = append(distinct, id)
		}
		sc.tally[id]++
	}
	slices.Sort(distinct)
	x := v.arena.alloc(len(distinct))
	for i, id := range distinct {
		x.ids[i], x.ws[i] = id, float32(sc.tally[id])
		sc.tally[id] = 0
	}
	sc.distinct = distinct
	return x
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

// Flags of a name token.
const (
	tokCap       = 1 << iota // starts with an upper-case letter
	tokAllCaps               // two or more letters, all upper case
	tokNum                   // contains a digit
	tokSentStart             // first token of a sentence, paragraph or text
	tokSpaced                // only spaces separate it from the previous token
	tokPoss                  // ended by a possessive 's
	tokDocLower              // the same article uses the word in lower case
	tokAfterGap              // tokens that cannot be part of a name came before it
)

// packFlags returns the name token flags of f.
func packFlags(f tokenFlags) uint8 {
	var b uint8
	for i, set := range [...]bool{f.cap, f.allCaps, f.num, f.sentStart, f.spaced, f.poss} {
		if set {
			b |= 1 << i
		}
	}
	return b
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
	if !added {
		return id
	}
	s := string(low)
	w := word{body: -1, ent: -1, seen: -1}
	w.short = utf8.RuneCountInString(s) < 2
	w.stop = stopwords[s] || calendar[s]
	if !w.short && !stopwords[s] && !hasDigit(s) {
		w.body = v.id([]byte(stem(s)))
	}
	v.words = append(v.words, w)
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

// read reads one article: it counts the words the article uses in lower
// case into the vocabulary and returns its draft.
func (v *vocabulary) read(titleText, bodyText string) draft {
	v.serial++
	doc := v.serial
	// The draft is built in the vocabulary's buffers and copied out at its
	// size.
	sc := &v.scratch
	bodyOcc, leadOcc := sc.body[:0], sc.lead[:0]
	words, flags := sc.toks.words[:0], sc.toks.flags[:0]
	part := func(s string, lead int) int {
		n, reduced, start := 0, 0, len(words)
		gap := false
		scan(s, func(low []byte, f tokenFlags) {
			id := v.word(low)
			w := &v.words[id]
			if !f.cap && !f.num && w.seen != doc {
				w.seen = doc
				w.lowerDocs++
			}
			inLead := n < lead
			if w.body >= 0 && !f.num {
				bodyOcc = append(bodyOcc, w.body)
				if inLead {
					leadOcc = append(leadOcc, w.body)
				}
			}
			if f.cap || f.num {
				fl := packFlags(f)
				if gap {
					fl |= tokAfterGap
				}
				words, flags = append(words, id), append(flags, fl)
				gap = false
			} else {
				gap = true
			}
			if inLead {
				reduced = len(words) - start
			}
			n++
		})
		return reduced
	}
	part(titleText, int(^uint(0)>>1))
	title := len(words)
	textLead := part(bodyText, leadWords)
	for i, w := range words {
		if v.words[w].seen == doc {
			flags[i] |= tokDocLower
		}
	}
	sc.body, sc.lead, sc.toks = bodyOcc, leadOcc, nameTokens{words, flags}
	return draft{body: v.counts(bodyOcc), lead: v.counts(leadOcc),
		toks: nameTokens{slices.Clone(words), slices.Clone(flags)}, title: title, textLead: textLead}
}

// features returns the features of a draft, now that the collection says
// which capitalised words are common in lower case.
//
// Entities are found with a heuristic that needs no model: runs of
// capitalised words, where a capitalised word that starts a sentence, and
// an all-capitals word, only counts if neither the article nor the
// collection commonly uses it in lower case and it is not a stop word. Each
// name contributes its words and, for several words, the whole name;
// numbers of two or more digits count too, since figures and years tell
// apart two events of the same kind.
func (v *vocabulary) features(d draft) features {
	sc := &v.scratch
	sc.entities, sc.leadEntities = sc.entities[:0], sc.leadEntities[:0]
	t := d.toks
	v.entities(nameTokens{t.words[:d.title], t.flags[:d.title]}, d.title)
	v.entities(nameTokens{t.words[d.title:], t.flags[d.title:]}, d.textLead)
	return features{body: d.body, lead: d.lead, entities: v.counts(sc.entities), leadEntities: v.counts(sc.leadEntities)}
}

// entities adds the names and numbers of toks to the scratch entities;
// the first lead tokens are in the lead.
func (v *vocabulary) entities(toks nameTokens, lead int) {
	sc := &v.scratch
	add := func(i int, id int32) {
		sc.entities = append(sc.entities, id)
		if i < lead {
			sc.leadEntities = append(sc.leadEntities, id)
		}
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
	var key []byte
	for i := 0; i < len(toks.words); {
		if toks.flags[i]&tokNum != 0 {
			if w := toks.words[i]; len(v.low(w)) >= 2 {
				add(i, v.entity(w, "#"))
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
				add(i, v.entity(u, ""))
			}
		}
		if j-i > 1 {
			key = append(key[:0], entityPrefix...)
			for k, u := range toks.words[i:j] {
				if k > 0 {
					key = append(key, '_')
				}
				key = append(key, v.low(u)...)
			}
			add(i, v.id(key))
		}
		i = j
	}
}

// entity returns the term id of word w as a one-word entity.
func (v *vocabulary) entity(w int32, prefix string) int32 {
	if id := v.words[w].ent; id >= 0 {
		return id
	}
	key := append(append(append(v.scratch.key[:0], entityPrefix...), prefix...), v.low(w)...)
	v.scratch.key = key
	id := v.id(key)
	v.words[w].ent = id
	return id
}

// observe counts the terms of one document.
func (v *vocabulary) observe(f features) {
	v.docs++
	for _, x := range []vec{f.body, f.entities} {
		for _, id := range x.ids {
			v.df[id]++
		}
	}
}
