package cluster

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// word is what the vocabulary knows of one lowercased token form, so that
// each is stemmed and classified once for the whole collection.
type word struct {
	low string
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

// features are the terms of one article by kind, as term ids, one per
// occurrence.
type features struct {
	body     []int32 // stemmed content words of title and text
	lead     []int32 // stemmed content words of the title and first sentences
	entities []int32 // names, multi-word names and numbers
	// leadEntities are the entities of the title and first sentences: the
	// participants an article is about.
	leadEntities []int32
}

// leadWords is how many words of the text, after the title, count as the
// lead: roughly the first two sentences of a news article.
const leadWords = 50

// nameToken is a token that may be part of a name or a figure, kept from
// the first reading of an article until the collection tells which
// capitalised words are common ones. A gap stands for the tokens between
// two of them that cannot be.
type nameToken struct {
	word int32
	tokenFlags
	docLower bool // the same article uses the word in lower case
	gap      bool
}

// draft is an article after one reading: its content words, counted, and
// the tokens its names will be found in once the whole batch is read.
type draft struct {
	body, lead []int32
	title      []nameToken // all in the lead
	text       []nameToken
	textLead   int // how many of text are in the lead
}

// word returns the id of the word with lowercased form low, adding it if
// new.
func (v *vocabulary) word(low []byte) int32 {
	if id, ok := v.wordIDs[string(low)]; ok {
		return id
	}
	s := string(low)
	w := word{low: s, body: -1, ent: -1, seen: -1}
	w.short = utf8.RuneCountInString(s) < 2
	w.stop = stopwords[s] || calendar[s]
	if !w.short && !stopwords[s] && !hasDigit(s) {
		w.body = v.id(stem(s))
	}
	id := int32(len(v.words))
	v.words = append(v.words, w)
	v.wordIDs[s] = id
	return id
}

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
func (v *vocabulary) read(title, text string) draft {
	v.serial++
	doc := v.serial
	// The draft is built in the vocabulary's buffers and copied out at its
	// size.
	d := draft{body: v.buf.body[:0], lead: v.buf.lead[:0], title: v.buf.title[:0], text: v.buf.text[:0]}
	part := func(s string, lead int, out *[]nameToken) int {
		n, reduced := 0, 0
		scan(s, func(low []byte, f tokenFlags) {
			id := v.word(low)
			w := &v.words[id]
			if !f.cap && !f.num && w.seen != doc {
				w.seen = doc
				w.lowerDocs++
			}
			inLead := n < lead
			if w.body >= 0 && !f.num {
				d.body = append(d.body, w.body)
				if inLead {
					d.lead = append(d.lead, w.body)
				}
			}
			if f.cap || f.num {
				*out = append(*out, nameToken{word: id, tokenFlags: f})
			} else if k := len(*out); k == 0 || !(*out)[k-1].gap {
				*out = append(*out, nameToken{gap: true})
			}
			if inLead {
				reduced = len(*out)
			}
			n++
		})
		return reduced
	}
	part(title, int(^uint(0)>>1), &d.title)
	d.textLead = part(text, leadWords, &d.text)
	for _, toks := range [][]nameToken{d.title, d.text} {
		for i := range toks {
			if !toks[i].gap {
				toks[i].docLower = v.words[toks[i].word].seen == doc
			}
		}
	}
	v.buf = d
	return draft{body: slices.Clone(d.body), lead: slices.Clone(d.lead), title: slices.Clone(d.title), text: slices.Clone(d.text), textLead: d.textLead}
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
	f := features{body: d.body, lead: d.lead}
	v.entities(&f, d.title, len(d.title))
	v.entities(&f, d.text, d.textLead)
	return f
}

// entities adds the names and numbers of toks to f; the first lead tokens
// are in the lead.
func (v *vocabulary) entities(f *features, toks []nameToken, lead int) {
	add := func(i int, id int32) {
		f.entities = append(f.entities, id)
		if i < lead {
			f.leadEntities = append(f.leadEntities, id)
		}
	}
	isName := func(t nameToken) bool {
		if t.gap || !t.cap || t.num {
			return false
		}
		w := &v.words[t.word]
		if w.stop {
			return false
		}
		return !((t.sentStart || t.allCaps) && (t.docLower || w.lowerDocs >= 2))
	}
	var key []byte
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.num {
			if w := &v.words[t.word]; len(w.low) >= 2 {
				add(i, v.entity(t.word, "#"))
			}
			i++
			continue
		}
		if !isName(t) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && isName(toks[j]) && !toks[j].sentStart && toks[j].spaced && !toks[j-1].poss {
			j++
		}
		for _, u := range toks[i:j] {
			if !v.words[u.word].short {
				add(i, v.entity(u.word, ""))
			}
		}
		if j-i > 1 {
			key = append(key[:0], entityPrefix...)
			for k, u := range toks[i:j] {
				if k > 0 {
					key = append(key, '_')
				}
				key = append(key, v.words[u.word].low...)
			}
			add(i, v.idBytes(key))
		}
		i = j
	}
}

// entity returns the term id of word w as a one-word entity.
func (v *vocabulary) entity(w int32, prefix string) int32 {
	if id := v.words[w].ent; id >= 0 {
		return id
	}
	id := v.id(entityPrefix + prefix + v.words[w].low)
	v.words[w].ent = id
	return id
}

// observe counts the terms of one document.
func (v *vocabulary) observe(f features) {
	v.docs++
	for _, ids := range [][]int32{f.body, f.entities} {
		slices.Sort(ids)
		for k, id := range ids {
			if k == 0 || ids[k-1] != id {
				v.df[id]++
			}
		}
	}
}
