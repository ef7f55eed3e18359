package story

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// randomWords returns n words of the shapes news holds: lower case,
// capitalised, in capitals, possessive, long, accented, typographic.
func randomWords(r *rand.Rand, n int) []string {
	parts := []string{"a", "the", "Kim", "PUTIN", "talks", "summit", "’s", "'s", "-", "é", "Über", "ß", "i", "sanctions", "x"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		out[i] = b.String()
	}
	return out
}

// TestLexicon checks that a lexicon numbers each normal form once,
// whether it is looked up as written or normalized, through the growth
// of its tables.
func TestLexicon(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	lex := newLexicon(0)
	byNorm := make(map[string]lexeme)
	for _, w := range randomWords(r, 20000) {
		norm := normWord(w)
		x := lex.lookupWritten(w)
		if y := lex.lookup(norm); x != y {
			t.Fatalf("%q: written %+v, normalized %+v", w, x, y)
		}
		if want, ok := byNorm[norm]; ok && want != x {
			t.Fatalf("%q: %+v, before %+v", w, x, want)
		}
		byNorm[norm] = x
		if lex.norms[x.word] != norm || lex.list[x.id] != stem(norm) || x.content != isContent(token{norm: norm, word: true}) {
			t.Fatalf("%q: lexeme %+v of %q, stem %q", w, x, lex.norms[x.word], lex.list[x.id])
		}
	}
}

// TestRankStems checks the ranks of stems against sorting their
// strings, as stems are learned between calls, and once the lexicon is
// emptied (see lexicon.reset).
func TestRankStems(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	lex := newLexicon(0)
	words := randomWords(r, 5000)
	for round := range 200 {
		if round == 120 {
			lex.reset()
		}
		for _, w := range words[round*25 : round*25+25] {
			lex.lookup(normWord(w))
		}
		var ids []uint32
		for range r.IntN(3000) {
			id := uint32(r.IntN(len(lex.list)))
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		want := slices.Clone(ids)
		sort.Slice(want, func(i, j int) bool { return lex.list[want[i]] < lex.list[want[j]] })
		ranks := make([]int32, len(ids))
		lex.rankStems(ids, ranks)
		got := make([]uint32, len(ids))
		for k, r := range ranks {
			got[r] = ids[k]
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: rankStems of %d stems is out of order", round, len(want))
		}
	}
}

// TestLexiconTokens checks that tokenizing through a lexicon gives the
// tokens tokenize gives, numbered.
func TestLexiconTokens(t *testing.T) {
	lex := newLexicon(0)
	for _, s := range []string{
		"Kim Jong Un’s talks with PUTIN lasted nearly two hours, the Kremlin said.",
		"The summit's \u201cvery good\u201d, Über-Präsident Ärger said — on Thursday.",
		"Two days ago, last week and on 25th April 2019 some 1, 400 troops spent $2.5 million in a two-day, twenty-five-hour visit.",
		"He arrived yesterday, the day before yesterday, and leaves tomorrow, next Monday or on Sat, 2019-04-26 at 10 per cent.",
		"",
	} {
		checkLexiconTokens(t, lex, s)
	}
}

func checkLexiconTokens(t *testing.T, lex *lexicon, s string) {
	t.Helper()
	want := tokenize(s)
	got := appendTokens(nil, s, lex)
	if len(got) != len(want) {
		t.Fatalf("%q: %d tokens through a lexicon, %d without", s, len(got), len(want))
	}
	// The lexicon's word flags only let the scans skip words.
	if q, w := quantities(got), quantities(want); !reflect.DeepEqual(q, w) {
		t.Fatalf("%q: quantities through a lexicon %+v, without %+v", s, q, w)
	}
	for _, pub := range []string{"", "2019-04-25"} {
		if d, w := findDates(s, got, &pubDay{s: pub}), findDates(s, want, &pubDay{s: pub}); !reflect.DeepEqual(d, w) {
			t.Fatalf("%q: dates through a lexicon %+v, without %+v", s, d, w)
		}
	}
	for i := range want {
		if got[i].word && got[i].isHedge() != hedges[want[i].norm] {
			t.Fatalf("%q: token %d taken for a hedge: %v", s, i, got[i].isHedge())
		}
		if got[i].word && got[i].isStop() != stopwords[want[i].norm] {
			t.Fatalf("%q: token %d taken for a stop word: %v", s, i, got[i].isStop())
		}
		if got[i].word && got[i].isReporting() != reportingVerbs[want[i].norm] {
			t.Fatalf("%q: token %d taken for a reporting verb: %v", s, i, got[i].isReporting())
		}
		if got[i].word && (got[i].num == 0 || lex.norms[got[i].num-1] != want[i].norm) {
			t.Fatalf("%q: token %d numbered %d", s, i, got[i].num)
		}
		got[i].num, got[i].flags = 0, 0
	}
	if !reflect.DeepEqual(got, want) && len(want) > 0 {
		t.Fatalf("%q: through a lexicon\n%+v\nwithout\n%+v", s, got, want)
	}
}

func FuzzLexiconTokens(f *testing.F) {
	for _, s := range []string{"Kim’s talks.", "ÜBER\u2011alles's 10,000", "\xff\xfeA'S", "abcdefghijklmnopqrst Abcdefghijklmno",
		"three-year-old 36-year-old driver on April 25, 2019, 10% and +3 last night", "Sept. 3rd, 12 days ago, two weeks ago this morning", "Nearly 40 percent, roughly 3 per cent, almost 2 km",
		"abcdefgh. abcdefghi, 1234567.8 x1234567,5 abcdefghijklmno- abcdefghijklmnop's abcdefgÜ 12345678,9 talks"} {
		f.Add(s)
	}
	lex := newLexicon(0)
	f.Fuzz(func(t *testing.T, s string) {
		checkLexiconTokens(t, lex, s)
		appendTokens(nil, s, lex)
		_, words, ids := lex.appendAnalysis(nil)
		if want := lex.contentWords(tokenize(s)); !slices.Equal(ids, want) {
			t.Fatalf("%q: content stems %v, want %v", s, ids, want)
		}
		// Finding the words without tokens finds the same.
		lex.findWords(s)
		if _, w, i := lex.appendAnalysis(nil); !slices.Equal(w, words) || !slices.Equal(i, ids) {
			t.Fatalf("%q: findWords found words %v and stems %v, appendTokens %v and %v", s, w, i, words, ids)
		}
	})
}

// TestWeightedPairs checks weightedPairs against candidatePairs, the same
// index over strings.
func TestWeightedPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	// The cases share their arrays, as the stories of a lexicon do. The
	// second case fills posting lists past maxPosting.
	var sc pairTables
	for _, c := range []struct{ words, sets int }{{50, 300}, {6, 1200}, {40, 200}} {
		weight := make([]float64, c.words)
		for i := range weight {
			weight[i] = r.Float64()
		}
		sets := make([][]int32, c.sets)
		strs := make([][]string, len(sets))
		for i := range sets {
			for range r.IntN(8) {
				sets[i] = append(sets[i], int32(r.IntN(len(weight))))
			}
			sets[i] = sortedUniqueIDs(sets[i])
			for _, w := range sets[i] {
				strs[i] = append(strs[i], fmt.Sprintf("%03d", w))
			}
		}
		keep := func(i, j int, shared float64) bool { return shared > 0.8 }
		got := weightedPairs(sets, weight, keep, &sc)
		want := candidatePairs(strs, func(w string) float64 {
			k, _ := strconv.Atoi(w)
			return weight[k]
		}, keep)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d sets: weightedPairs found %d pairs, candidatePairs %d", c.sets, len(got), len(want))
		}
	}
}

// candidatePairs, the reference for weightedPairs, returns the pairs
// i < j of word sets that share words of total weight enough for keep,
// found through an inverted index over the words themselves. Sets must
// hold each word once. Pairs come in increasing order.
func candidatePairs(sets [][]string, weight func(string) float64, keep func(i, j int, shared float64) bool) [][2]int {
	postings := make(map[string][]int)
	var out [][2]int
	acc := make(map[int]float64)
	var is []int
	for j, set := range sets {
		clear(acc)
		for _, w := range set {
			for _, i := range postings[w] {
				acc[i] += weight(w)
			}
		}
		is = is[:0]
		for i := range acc {
			is = append(is, i)
		}
		slices.Sort(is)
		for _, i := range is {
			if keep(i, j, acc[i]) {
				out = append(out, [2]int{i, j})
			}
		}
		for _, w := range set {
			if len(postings[w]) < maxPosting {
				postings[w] = append(postings[w], j)
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	return out
}

// TestWrittenKeysAt checks that reading eight bytes at a time, from the
// start of a word or up to its end, packs the word as writtenKeys does.
func TestWrittenKeysAt(t *testing.T) {
	for _, s := range []string{"", "a", "Kim's", "one-on-one", "abcdefghijklmnopqrstuvwxyz", "Владивосток и Пхеньян", "x 10,000 y"} {
		for i := 0; i < len(s); i++ {
			for j := i + 1; j <= len(s) && j-i <= maxWritten; j++ {
				k1, k2 := writtenKeysAt(s, i, j)
				w1, w2 := writtenKeys(s[i:j])
				if k1 != w1 || k2 != w2 {
					t.Fatalf("writtenKeysAt(%q, %d, %d) = %#x, %#x, want %#x, %#x", s, i, j, k1, k2, w1, w2)
				}
			}
		}
	}
}

// FuzzWordEnd checks wordEnd against wordEndRef after every character of
// s, as if a word began with it.
func FuzzWordEnd(f *testing.F) {
	for _, s := range []string{"Владивосток и Пхеньян", "Ким Чен Ын's 10,000-strong", "ѐЀяѣҁ҂҃ӿ", "Путин\u2011Ким", "x\xd0\xd1\xd0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if got, want := wordEnd(s, i), wordEndRef(s, i); got != want {
				t.Fatalf("wordEnd(%q, %d) = %d, reference %d", s, i, got, want)
			}
		}
	})
}

// wordEndRef is wordEnd as it was before it read Cyrillic letters by
// their first bytes: the reference of FuzzWordEnd.
func wordEndRef(s string, j int) int {
	for j < len(s) {
		if j = skipWordBytes(s, j); j == len(s) {
			break
		}
		// s[j] is no ASCII letter or digit: it may begin a letter
		// outside ASCII, or a joiner, but is mostly the space after
		// the word.
		r2, n2 := rune(s[j]), 1
		if r2 == ' ' {
			break
		}
		if r2 >= utf8.RuneSelf {
			r2, n2 = utf8.DecodeRuneInString(s[j:])
			if runeClass(r2) == asciiWord || r2 == '\u0301' {
				j += n2
				continue
			}
		}
		// Inner joiners: a hyphen or apostrophe between letters or
		// digits, a comma or point between digits.
		if isJoiner(r2) && j+n2 < len(s) {
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			next, _ := utf8.DecodeRuneInString(s[j+n2:])
			ok := false
			switch r2 {
			case ',', '.':
				ok = unicode.IsDigit(prev) && unicode.IsDigit(next)
			default:
				ok = (unicode.IsLetter(next) || unicode.IsDigit(next)) && (unicode.IsLetter(prev) || unicode.IsDigit(prev))
			}
			if ok {
				j += n2
				continue
			}
		}
		break
	}
	return j
}

// TestWordFlags checks wordFlags, which asks each set of words once,
// against the sets and isContent asked one by one.
func TestWordFlags(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	words := randomWords(r, 2000)
	for _, set := range []map[string]bool{hedges, stopwords, reportingVerbs, danglers, abbreviations} {
		for w := range set {
			words = append(words, w)
		}
	}
	for w := range months {
		words = append(words, w)
	}
	words = append(words, "", "today", "day", "next", "10,000", "1.5", "3-year-old", "+5", "sun", "thurs", "x")
	for _, w := range words {
		norm := normWord(w)
		want := uint8(flagKnown)
		if _, ok := parseNumber(norm); ok {
			want |= flagNumeric
		} else if head, _, cut := strings.Cut(norm, "-"); cut {
			if _, ok := parseNumber(head); ok {
				want |= flagNumeric
			}
		}
		_, month := months[norm]
		if _, ok := weekdayOf(norm); ok || month || norm != "" && (norm[0] >= '0' && norm[0] <= '9' || norm[0] == '+') {
			want |= flagDate
		}
		switch norm {
		case "today", "tonight", "yesterday", "tomorrow", "day", "last", "this", "next":
			want |= flagDate
		}
		for flag, set := range map[uint8]map[string]bool{flagHedge: hedges, flagStop: stopwords, flagReporting: reportingVerbs, flagDangler: danglers} {
			if set[norm] {
				want |= flag
			}
		}
		flags, content := wordFlags(norm)
		if flags != want || content != isContent(token{norm: norm, word: true}) {
			t.Errorf("wordFlags(%q) = %07b, %v; want %07b, %v", norm, flags, content, want, isContent(token{norm: norm, word: true}))
		}
	}
}
