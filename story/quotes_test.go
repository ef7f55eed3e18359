package story

import (
	"math/rand/v2"
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
		q.trimmed, q.stems, q.masks = quoteWords(words)
		return q
	}
	var sc variantTables
	variants := 0
	for range 2000 {
		x, y := quote(), quote()
		if r.IntN(2) == 0 { // a variant more often than by chance
			y.words = slices.Clone(x.words)
			y.words[r.IntN(len(y.words))] = "sovereignty"
			y.trimmed, y.stems, y.masks = quoteWords(y.words)
		}
		if got, want := variant(&x, &y, &sc), variant(&x, &y, nil); got != want {
			t.Fatalf("variant(%q, %q) = %v with kept tables, %v without", x.words, y.words, got, want)
		} else if got {
			variants++
		}
	}
	if variants < 100 {
		t.Errorf("%d variants among the pairs: too few to test", variants)
	}
}
