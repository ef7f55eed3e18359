package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

func sampleResult() fold.Result {
	var b textmap.Builder
	b.Copy("Quake hits city", 10)
	a := news.Article{ID: "a", Input: "a", Title: "Quake\x1b[31m", Text: b.String(), Map: b.Map(), Event: "e1", Story: "s1",
		Removed: []news.Removed{{Kind: news.KindCredit, Text: "© AFP", Raw: [2]int{0, 5}}}}
	c := news.Article{ID: "b", Input: "b", Text: "Quake hits city", Map: textmap.Identity(15), Event: "e1", Story: "s1"}
	return fold.Result{
		Articles:  []news.Article{a, c},
		Relations: []news.Relation{{A: "a", B: "b", Kind: news.Duplicate, Score: 0.99949, Passages: []news.Passage{{A: [2]int{0, 5}, B: [2]int{0, 5}}}}},
		Stories: []news.Story{{ID: "s1", Title: "Quake \u202eevil", Articles: []string{"a", "b"},
			Events: []news.Event{{ID: "e1", Articles: []string{"a", "b"}}}}},
	}
}

func TestJSONFollowsTheContract(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, sampleResult()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d records, want 4:\n%s", len(lines), buf.String())
	}
	var types []string
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("bad JSON line %q: %v", l, err)
		}
		types = append(types, rec["type"].(string))
		switch rec["type"] {
		case "article":
			for _, k := range []string{"id", "input", "text", "removed", "event", "story"} {
				if _, ok := rec[k]; !ok {
					t.Errorf("article record lacks %q: %s", k, l)
				}
			}
		case "relation":
			if rec["score"].(float64) != 0.999 {
				t.Errorf("score = %v, want 0.999", rec["score"])
			}
			p := rec["passages"].([]any)[0].(map[string]any)
			// Article a's text starts at raw rune 10.
			if got := p["raw_a"].([]any); got[0].(float64) != 10 || got[1].(float64) != 15 {
				t.Errorf("raw_a = %v, want [10 15]", got)
			}
		case "story":
			for _, k := range []string{"events", "summary", "differences", "articles"} {
				if v, ok := rec[k]; !ok || v == nil {
					t.Errorf("story record lacks %q or it is null: %s", k, l)
				}
			}
		}
	}
	if strings.Join(types, ",") != "article,article,relation,story" {
		t.Errorf("record order %v", types)
	}
}

func TestTextIsTerminalSafe(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, sampleResult()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\u202e") {
		t.Errorf("report carries raw control characters: %q", out)
	}
	for _, want := range []string{`\u001b`, `\u202e`, "copy of a", "s1"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
