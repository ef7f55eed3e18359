package clean

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/newsfold/newsfold/internal/sketch"
	"github.com/newsfold/newsfold/news"
)

// FuzzScanWords checks scanWords against scanWordsRef, its first, plainer
// version: the same words, hashes and marks.
func FuzzScanWords(f *testing.F) {
	for _, s := range []string{"", "The U.S. rock-'n'-roll star’s  2019 tour—Ébène ends' here! Now", "a", "A1b2-", "x'y''z", "\xff\xfeAB", "İstanbul K\u212a", "end. Start? yes!no"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want strings.Builder
		scanWords(s, nil, func(w []byte, h uint64, start, capital bool) {
			fmt.Fprintf(&got, "%q %x %v %v\n", w, h, start, capital)
		})
		scanWordsRef(s, nil, func(w []byte, h uint64, start, capital bool) {
			fmt.Fprintf(&want, "%q %x %v %v\n", w, h, start, capital)
		})
		if got.String() != want.String() {
			t.Fatalf("scanWords(%q):\n%s\nwant\n%s", s, got.String(), want.String())
		}
	})
}

// scanWordsRef is scanWords as it was first written.
func scanWordsRef(line string, buf []byte, fn func(w []byte, h uint64, sentenceStart, capital bool)) []byte {
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
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
				if len(buf) == 0 {
					capital = c >= 'A' && c <= 'Z'
					h = fnvOffset
				}
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
				end, hEnd = len(buf), h
				continue
			case (c == '\'' || c == '-') && len(buf) > 0:
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(line[i:])
			i += size
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if len(buf) == 0 {
					capital = unicode.IsUpper(r)
					h = fnvOffset
				}
				n := len(buf)
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
				for _, c := range buf[n:] {
					h = (h ^ uint64(c)) * fnvPrime
				}
				end, hEnd = len(buf), h
				continue
			case r == '’' && len(buf) > 0:
				buf = append(buf, '\'')
				h = (h ^ uint64('\'')) * fnvPrime
				continue
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

// FuzzAddWords checks Corpus.Add, which gathers the words, pairs, triples
// and lines of a document in batches and hashes the words of a line in
// one pass (addWords), against addRef, which counts them one by one as
// scanWords gives them: the same counts, sketches and common lines.
func FuzzAddWords(f *testing.F) {
	for _, s := range []string{"", "The U.S. rock-'n'-roll star’s  2019 tour—Ébène ends' here! Now", "Related Posts\nSubscribe now\nRelated Posts", "a b c. D e f? g\n\nH i", "x'y''z -a- 'b'", "\xff\xfeAB İstanbul K\u212a"} {
		f.Add(s, "src")
	}
	f.Fuzz(func(t *testing.T, s, src string) {
		got, want := newTables(len(s)), newTables(len(s))
		for _, c := range []*Corpus{got, want} {
			c.bigrams, c.trigrams = sketch.New(0), sketch.New(0)
		}
		got.learnt = map[*byte]plainText{}
		doc := news.Document{ID: "d", Text: s, Source: src}
		for range 3 { // lines repeated in three documents are common
			got.Add(doc)
			want.addRef(doc)
		}
		if s != "" {
			norm := s
			if _, ok := plain(s); !ok {
				norm, _ = normalizeText(s, nil)
			}
			checkHints(t, norm, got.learnt[unsafe.StringData(s)].hints, true)
		}
		g, err := got.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		w, err := want.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g, w) || !maps.Equal(got.common, want.common) {
			t.Fatalf("Add(%q) learns other counts than addRef", s)
		}
	})
}

// checkHints checks the lineHints of the normalised text norm against
// mayPromo of each of its lines: they must mark every line it is true
// of, and, when exact, no other line before the 63rd unless norm holds a
// character that promoLetters looks for or the line is longer than
// hintLine.
func checkHints(t *testing.T, norm string, hints lineHints, exact bool) {
	t.Helper()
	all := promoLetters(norm)
	k := 0
	for line := range strings.SplitSeq(norm, "\n") {
		if line == "" {
			continue
		}
		want := mayPromo(line)
		if got := hints.may(k); want && !got || exact && k < 63 && got != (want || all || len(line) > hintLine) {
			t.Fatalf("line %d (%q) of %q: hint %v, mayPromo %v", k, line, norm, got, want)
		}
		k++
	}
}

// addRef is Corpus.Add as it was first written: every word, pair,
// triple and line counted as it comes.
func (c *Corpus) addRef(doc news.Document) {
	text := doc.Text
	if _, ok := plain(text); !ok {
		text, _ = normalizeText(text, nil)
	}
	src := sourceOf(doc, text)
	c.docs[strings.Clone(src)]++
	srcHash := wordHash(src)
	var keys []uint64
	for line := range strings.SplitSeq(text, "\n") {
		if line == "" {
			continue
		}
		if h, ok := lineHash(line); ok {
			keys = append(keys, pairKey(srcHash, h))
		}
		var prev, prevPair uint64
		n := 0
		scanWordsRef(line, nil, func(_ []byte, h uint64, sentenceStart, capital bool) {
			c.words.add(h, 1)
			if capital && !sentenceStart {
				c.midCap.add(h, 1)
			}
			c.nwords++
			if sentenceStart {
				n = 0
			}
			if n >= 1 {
				pair := pairKey(prev, h)
				c.bigrams.Add(pair)
				if n >= 2 {
					c.trigrams.Add(pairKey(prevPair, h))
				}
				prevPair = pair
			}
			prev = h
			n++
		})
	}
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		if c.lines.add(k, 1) >= 3 {
			c.repeats = true
			c.common[k] = true
		}
	}
}
