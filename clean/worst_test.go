package clean

import (
	"strings"
	"testing"
	"time"

	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/news"
)

// adversarial holds the units that, repeated, make inputs built to hit
// the worst case of the cleaning steps: kerning repair's segmentation
// search, the line classifiers, pull-quote search, reading order over many
// fragments.
var adversarial = map[string]string{
	"one-letter words":      "a b c d e f g h i j k l m n o p q r s t u v w x y z ",
	"kerned line":           "No r t h Ko re a l a st we e k ",
	"kerned lines":          "No r t h Ko re a l a st we e k\n",
	"short fragments":       "the cat sat on\n\n",
	"short lines":           "the cat sat on\n",
	"lower fragments":       "and then the\n\nof the man\n\n",
	"long line":             "word ",
	"long word":             "x",
	"repeated lines":        "Breaking News Today\n",
	"repeated paragraph":    "The quick brown fox jumps over the lazy dog near the river bank today.\n\n",
	"titles":                "Big News Here\n\nBy John Smith\n\nText of the article goes on here for a while, as it does.\n\n",
	"hyphens":               "chan-\nnel ",
	"mojibake":              "â€™Ã© ﬁ\u00a0\\$  ",
	"dots":                  "a.B",
	"capital lines":         "KIM JONG UN\n",
	"comments":              "Comments\n\nhello there\n\n0 ( +0 / -0 )\n\n",
	"pull quotes":           "We have just had a talk with the man\n\nKIM\n\nWe have just had a talk with the man, he said.\n\n",
	"headings":              "Sub Heading Here\nThe text goes on.\n",
	"open fragments":        "The man said that\n\nThe woman said that\n\n",
	"unterminated capitals": "Then the\nWhen the\n",
	"blank lines":           "\n",
	"spaces":                " ",
}

// TestAdversarialLinear checks that the cost of cleaning, and learning
// from, every adversarial input grows about linearly with its size: eight
// times the input may cost at most 24 times the CPU (a quadratic step
// would cost 64). It measures growth, not speed, so that a loaded
// machine does not make it fail.
func TestAdversarialLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	cost := func(unit string, size int) time.Duration {
		text := strings.Repeat(unit, size/len(unit)+1)[:size]
		doc := news.Document{ID: "x", Text: text}
		best := time.Duration(1<<63 - 1)
		for range 3 {
			start := measure.CPUTime()
			Learn([]news.Document{doc}).Clean(doc)
			best = min(best, measure.CPUTime()-start)
		}
		return best
	}
	for name, unit := range adversarial {
		t.Run(name, func(t *testing.T) {
			small, large := cost(unit, 32<<10), cost(unit, 256<<10)
			// Below a tenth of a second, garbage collection makes the ratio noise.
			if large > 100*time.Millisecond && large > 24*small {
				t.Errorf("32 KB in %v of CPU but 256 KB in %v: super-linear", small, large)
			}
		})
	}
}
