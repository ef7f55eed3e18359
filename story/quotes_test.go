package story

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
)

func TestQuoteDifferences(t *testing.T) {
	for _, c := range []struct {
		name, a, b string
		want       string // About of the one difference, or "" for none
	}{
		{"reworded quote",
			"\u201cWe have just had a very meaningful exchange of views on issues of mutual interest,\u201d Kim said after the talks.",
			"\u201cWe have just had a very useful exchange of views on issues of common interest,\u201d Kim said after the talks.",
			"quoted words"},
		{"excerpt",
			"\u201cWe have just had a very meaningful exchange of views on issues of mutual interest,\u201d Kim said after the talks.",
			"Kim told reporters: \u201cWe have had a very meaningful exchange of views.\u201d",
			""},
		{"other attribution",
			"\"Russia intends to help consolidate positive trends in every way,\" said Yuri Ushakov, a Kremlin aide.",
			"\"Russia intends to help consolidate positive trends in every way,\" Putin told the summit.",
			"attribution"},
		{"pronoun speaker",
			"\"Russia intends to help consolidate positive trends in every way,\" he said on Tuesday.",
			"\"Russia intends to help consolidate positive trends in every way,\" Putin told the summit.",
			""},
		{"different quotes",
			"\u201cThe talks were rather detailed and very frank,\u201d Putin said.",
			"\u201cThere are no secrets here, no conspiracies at all,\u201d Putin said.",
			""},
	} {
		s := tell([]*news.Article{art("a", "", c.a), art("b", "", c.b)}, nil)
		var got []string
		for _, d := range s.Differences {
			got = append(got, d.About)
		}
		if g := strings.Join(got, ","); g != c.want {
			t.Errorf("%s: differences %q, want %q", c.name, g, c.want)
		}
	}
}

func TestQuoteVariant(t *testing.T) {
	w := func(s string) []string { return strings.Fields(s) }
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"the talks had been rather detailed", "the talks had been very detailed indeed", false}, // only function words differ
		{"the talks had been rather detailed and frank", "the talks had been rather detailed and hostile", true},
		{"a grave offense in law for years", "a grave offence in law for years now", false}, // spelling
		{"we need guarantees of security", "we need guarantees of security and sovereignty", false},
		{"a b c d", "e f g h", false},
	} {
		if got := quoteVariant(w(c.a), w(c.b)); got != c.want {
			t.Errorf("quoteVariant(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestQuoteCase(t *testing.T) {
	s := tell([]*news.Article{
		art("a", "", "\"People are asked to avoid the High Street area if at all possible,\" police said."),
		art("b", "", "\"People are asked to avoid the high street area if at all possible,\" a spokesman said."),
	}, nil)
	if len(s.Differences) != 0 {
		t.Errorf("differences = %+v", s.Differences)
	}
}

// TestVariantTables checks that variant answers alike with tables kept
// from earlier comparisons of longer and shorter quotations, and with its
// own.
func TestVariantTables(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	vocab := strings.Fields("the talks had been rather very detailed frank hostile security guarantees offense offence sovereignty peace ^Kim ^Putin summit meeting")
	quote := func() quote {
		n := minQuote + r.IntN(20)
		if r.IntN(20) == 0 {
			n = 300 // tables larger than maxVariantTable
		}
		var words []string
		for range n {
			words = append(words, vocab[r.IntN(len(vocab))])
		}
		q := quote{words: words}
		q.trimmed, q.stems, q.masks = quoteWords(words, nil)
		return q
	}
	var sc variantTables
	variants := 0
	for range 2000 {
		x, y := quote(), quote()
		switch r.IntN(4) { // a variant more often than by chance
		case 0:
			y.words = slices.Clone(x.words)
			y.words[r.IntN(len(y.words))] = "sovereignty"
		case 1: // a word left out, after the same opening words
			k := r.IntN(len(x.words))
			y.words = append(slices.Delete(slices.Clone(x.words), k, k+1), vocab[r.IntN(len(vocab))])
		}
		y.trimmed, y.stems, y.masks = quoteWords(y.words, nil)
		if got, want := variant(&x, &y, &sc), variant(&x, &y, nil); got != want {
			t.Fatalf("variant(%q, %q) = %v with kept tables, %v without", x.words, y.words, got, want)
		} else if ref := variantRef(&x, &y, nil); got != ref {
			t.Fatalf("variant(%q, %q) = %v, reference %v", x.words, y.words, got, ref)
		} else if got {
			variants++
		}
	}
	if variants < 100 {
		t.Errorf("%d variants among the pairs: too few to test", variants)
	}
}

// FuzzVariant checks variant against variantRef on two quotations of the
// words of a and b.
func FuzzVariant(f *testing.F) {
	f.Add("we had very frank talks on security guarantees", "we had rather frank talks on security guarantee")
	f.Add("the offense was a hostile act of ^Kim", "the offence was a hostile act of ^Putin")
	f.Add("a b c d e f g", "a b c d e f g h")
	var sc variantTables
	f.Fuzz(func(t *testing.T, a, b string) {
		x, y := quote{words: strings.Fields(a)}, quote{words: strings.Fields(b)}
		x2, y2 := quote{words: x.words}, quote{words: y.words}
		if got, want := variant(&x, &y, &sc), variantRef(&x2, &y2, nil); got != want {
			t.Fatalf("variant(%q, %q) = %v, reference %v", a, b, got, want)
		}
	})
}

// variantRef is variant as it was before it set aside the words both
// quotations open with: the reference of TestVariantTables and
// FuzzVariant. Its tables are sc's, or its own when sc is nil.
func variantRef(x, y *quote, sc *variantTables) bool {
	a, b := x.words, y.words
	n, m := len(a), len(b)
	// A quotation is no variant of itself: it has no substitution.
	if n < minQuote || m < minQuote || slices.Equal(a, b) {
		return false
	}
	if x.trimmed == nil {
		x.trimmed, x.stems, x.masks = quoteWords(a, nil)
	}
	if y.trimmed == nil {
		y.trimmed, y.stems, y.masks = quoteWords(b, nil)
	}
	// same[i*m+j] is sameWord(a[i], b[j]), each word stemmed once. The
	// tables are sc's when there is one, so that comparisons allocate
	// nothing, but for quotations so long that sc would keep too much.
	if sc == nil || (n+1)*(m+1) > maxVariantTable {
		sc = new(variantTables)
	}
	sc.same = grow(sc.same, n*m)
	same := sc.same
	// A word of a that is the same as no word of b is in no common
	// subsequence: once too many are, the subsequence cannot be long
	// enough (see below), and the rest of the table is not worth making.
	if x.stemHashes == nil {
		x.stemHashes = stemHashes(x.stems, nil)
	}
	if y.stemHashes == nil {
		y.stemHashes = stemHashes(y.stems, nil)
	}
	hx, hy := x.stemHashes, y.stemHashes
	unmatched := 0
	for i := range n {
		matched := false
		row := same[i*m : (i+1)*m]
		h, st, word, mask := hx[i], x.stems[i], x.trimmed[i], x.masks[i]
		for j := range row {
			// Equal words have equal stems (see sameWordStems). Most
			// pairs of words are too short or have too many letters
			// apart to be spelling variants, as their lengths and masks
			// tell without a call.
			sw := h == hy[j] && st == y.stems[j]
			if !sw && len(word) >= minVariant && len(y.trimmed[j]) >= minVariant && bits.OnesCount64(mask^y.masks[j]) <= 2*maxEdits {
				sw = spellingVariant(word, y.trimmed[j], mask, y.masks[j])
			}
			row[j] = sw
			matched = matched || sw
		}
		if !matched {
			if unmatched++; 10*(n-unmatched) < 7*min(n, m) {
				return false
			}
		}
	}
	// lcs[i*w+j] is the LCS length of a[i:] and b[j:].
	w := m + 1
	sc.lcs = grow(sc.lcs, (n+1)*w)
	lcs := sc.lcs
	clear(lcs[n*w:]) // the last row; the last column is cleared below
	for i := n - 1; i >= 0; i-- {
		lcs[i*w+m] = 0
		for j := m - 1; j >= 0; j-- {
			switch {
			case same[i*m+j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	if 10*int(lcs[0]) < 7*min(n, m) {
		return false
	}
	// Walk the alignment gap by gap. A gap with words on both sides is a
	// substitution, unless the words differ only in spacing or hyphens
	// ("data center" / "datacenter", "e-mail" / "email"); a gap with words
	// on one side only is a cut or an addition.
	var onlyA, onlyB []string
	var gapA, gapB []string
	flush := func() {
		if len(gapA) > 0 && len(gapB) > 0 && !sameWord(strings.Join(gapA, ""), strings.Join(gapB, "")) {
			onlyA = append(onlyA, gapA...)
			onlyB = append(onlyB, gapB...)
		}
		gapA, gapB = nil, nil
	}
	shared := 0 // content words in common
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case same[i*m+j]:
			flush()
			if isContent(token{norm: a[i], word: true}) && !strings.HasPrefix(a[i], "^") {
				shared++
			}
			i++
			j++
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			gapA = append(gapA, a[i])
			i++
		default:
			gapB = append(gapB, b[j])
			j++
		}
	}
	gapA, gapB = append(gapA, a[i:]...), append(gapB, b[j:]...)
	flush()
	return shared >= minQuoteShared && substantive(onlyA) && substantive(onlyB)
}

// TestQuoteDifferencesNumbered checks that quoteDifferences finds the same
// differences from the lexicon's numbers of the quoted words as from the
// words themselves.
func TestQuoteDifferencesNumbered(t *testing.T) {
	sentences := []string{
		"\u201cWe have just had a very meaningful exchange of views on issues of mutual interest,\u201d Kim said after the talks.",
		"\u201cWe have just had a very useful exchange of views on issues of common interest,\u201d Kim said after the talks.",
		"Kim told reporters: \u201cWe have had a very meaningful exchange of views.\u201d",
		"\"Russia intends to help consolidate positive trends in every way,\" said Yuri Ushakov, a Kremlin aide.",
		"\"Russia intends to help consolidate positive trends in every way,\" Putin told the summit.",
		"\u201cThe talks were rather detailed and very frank,\u201d Putin said.",
		"\u201cThe Talks were rather detailed and very Frank, at Talks,\u201d Putin said.",
		"\u201cThere are no secrets here, no conspiracies at all,\u201d Putin said.",
	}
	lex := newLexicon(0)
	var numbered, plain []group
	for i, s := range sentences {
		toks := appendTokens(nil, s, lex)
		g := group{text: s, toks: toks, articles: []string{fmt.Sprint(i)}, quotes: quotes(toks, nil)}
		numbered = append(numbered, g)
		g.quotes = quotes(toks, nil)
		for k := range g.quotes {
			g.quotes[k].nums = nil
		}
		plain = append(plain, g)
	}
	names := func() nameSet { return nil }
	got, want := quoteDifferences(numbered, names, lex), quoteDifferences(plain, names, lex)
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("from numbers %+v\nfrom words %+v", got, want)
	}
}
