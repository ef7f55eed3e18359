package storyeval

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/internal/shareddata"
)

var ecb = flag.Bool("ecb", false, "run the evaluation on the ECB+ corpus and print it")

func TestRun(t *testing.T) {
	docs := []Doc{
		{ID: "1a", Topic: "1", Event: "1_ecb", Sentences: []string{"The earthquake killed 12 people in the mountain town of Lorca, officials said on Thursday."}},
		{ID: "1b", Topic: "1", Event: "1_ecbplus", Sentences: []string{"The earthquake killed 30 people in the coastal city of Napier, rescuers said."}},
	}
	r := Run(docs, 10)
	if r.Recall != 1 || r.Precision != 1 {
		t.Errorf("precision %.2f recall %.2f, errors %q", r.Precision, r.Recall, r.Errors)
	}
	if r.CrossStories != 1 || r.CrossFalse != 0 {
		t.Errorf("cross-event: %d false in %d stories", r.CrossFalse, r.CrossStories)
	}
}

func TestRewording(t *testing.T) {
	s := "Police said the attack killed 12 people near the border, officials said."
	loc := countPhrase(s)
	if got := reword(s, loc, false); got != "Police stated the assault killed 12 people close to the border, authorities stated." {
		t.Errorf("light: %q", got)
	}
	if got := changeFigure(s); !strings.Contains(got, "27 people") {
		t.Errorf("changed: %q", got)
	}
	if got := hedge(s); !strings.Contains(got, "nearly 12 people") {
		t.Errorf("hedged: %q", got)
	}
}

func TestECB(t *testing.T) {
	if !*ecb {
		t.Skip("use -ecb to run on ECB+")
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"-v"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	t.Log("\n" + out.String())
}

// BenchmarkTellECB tells all of ECB+ as one story of 982 articles: the
// worst case for the pairwise parts (near-duplicates, alignment, MMR).
func BenchmarkTellECB(b *testing.B) {
	docs, err := load(shareddata.Dir("ecbplus"))
	if err != nil {
		b.Skip(err)
	}
	for b.Loop() {
		tell(docs)
	}
}
