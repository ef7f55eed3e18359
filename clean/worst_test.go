package clean

import (
	"strings"
	"testing"
	"time"

	"github.com/newsfold/newsfold/news"
)

// adversarial returns inputs of about size bytes built to hit the worst
// case of each cleaning step.
func adversarial(size int) map[string]string {
	rep := func(unit string) string { return strings.Repeat(unit, size/len(unit)+1)[:size] }
	return map[string]string{
		"one-letter words":      rep("a b c d e f g h i j k l m n o p q r s t u v w x y z "),
		"kerned line":           rep("No r t h Ko re a l a st we e k "),
		"short fragments":       rep("the cat sat on\n\n"),
		"short lines":           rep("the cat sat on\n"),
		"lower fragments":       rep("and then the\n\nof the man\n\n"),
		"long line":             rep("word "),
		"long word":             rep("x"),
		"repeated lines":        rep("Breaking News Today\n"),
		"repeated paragraph":    rep("The quick brown fox jumps over the lazy dog near the river bank today.\n\n"),
		"titles":                rep("Big News Here\n\nBy John Smith\n\nText of the article goes on here for a while, as it does.\n\n"),
		"hyphens":               rep("chan-\nnel "),
		"mojibake":              rep("â€™Ã© ﬁ\u00a0\\$ "),
		"dots":                  rep("a.B"),
		"caps":                  rep("KIM JONG UN\n"),
		"comments":              rep("Comments\n\nhello there\n\n0 ( +0 / -0 )\n\n"),
		"pull quotes":           rep("We have just had a talk with the man\n\nKIM\n\nWe have just had a talk with the man, he said.\n\n"),
		"headings":              rep("Sub Heading Here\nThe text goes on.\n"),
		"open fragments":        rep("The man said that\n\nThe woman said that\n\n"),
		"unterminated capitals": rep("Then the\nWhen the\n"),
	}
}

func TestAdversarialTime(t *testing.T) {
	c := Learn(nil)
	for name, s := range adversarial(200_000) {
		start := time.Now()
		c.Clean(news.Document{ID: "x", Text: s})
		t.Logf("%-22s %v", name, time.Since(start))
	}
}

func TestAdversarialOne(t *testing.T) {
	name := *advName
	if name == "" {
		t.Skip()
	}
	c := Learn(nil)
	s := adversarial(*advSize)[name]
	start := time.Now()
	c.Clean(news.Document{ID: "x", Text: s})
	t.Logf("%-22s %v", name, time.Since(start))
}
