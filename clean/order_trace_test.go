package clean

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
)

var (
	orderTraceFile   = flag.String("order.trace", "", "raw text file whose reading-order joins TestOrderTrace prints (empty: skip)")
	orderTraceCorpus = flag.String("order.corpus", "", "with -order.trace, the corpus to clean with (MarshalBinary form; empty: learnt from the file)")
)

// TestOrderTrace is a debugging aid, skipped unless -order.trace is given:
// it cleans one raw text (with the corpus given, else learnt from it) and prints
// every join reading order considered, best first, with the two blocks.
//
//	go test ./clean/ -run TestOrderTrace -order.trace page.txt -v
func TestOrderTrace(t *testing.T) {
	if *orderTraceFile == "" {
		t.Skip("no -order.trace")
	}
	raw, err := os.ReadFile(*orderTraceFile)
	if err != nil {
		t.Fatal(err)
	}
	doc := news.Document{ID: "trace", Text: string(raw)}
	traceLinks = func(p *page, body []int, links []link) {
		var b strings.Builder
		for _, l := range links {
			fmt.Fprintf(&b, "%6.2f  %3d -> %-3d %q | %q\n", l.score, body[l.e], body[l.s],
				lastChars(p.blocks[body[l.e]].text, 40), firstChars(p.blocks[body[l.s]].text, 40))
		}
		t.Log("\n" + b.String())
	}
	defer func() { traceLinks = nil }()
	c := Learn([]news.Document{doc})
	if *orderTraceCorpus != "" {
		data, err := os.ReadFile(*orderTraceCorpus)
		if err != nil {
			t.Fatal(err)
		}
		c = new(Corpus)
		if err := c.UnmarshalBinary(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range c.Clean(doc) {
		t.Logf("article %q\n%s", a.Title, a.Text)
	}
}
