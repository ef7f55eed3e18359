package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

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

// TestWriteOrderedKeepsOrder checks that records encoded on several
// goroutines come out in order, byte for byte as when encoded on one.
func TestWriteOrderedKeepsOrder(t *testing.T) {
	const n = 10*chunkRecords + 7
	encode := func(buf *bytes.Buffer, enc *json.Encoder, i int) error {
		if i%3 == 0 {
			// Records written to the buffer and by the encoder mix.
			fmt.Fprintf(buf, "{\"i\":%d}\n", i)
			return nil
		}
		return enc.Encode(map[string]any{"i": i, "text": strings.Repeat("x", i%13)})
	}
	var want bytes.Buffer
	if err := writeOrdered(&want, n, 1, encode); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(want.String(), "\n"); got != n {
		t.Fatalf("one worker wrote %d records, want %d", got, n)
	}
	for _, workers := range []int{2, 3, 8} {
		var got bytes.Buffer
		if err := writeOrdered(&got, n, workers, encode); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%d workers wrote other bytes than one", workers)
		}
	}
}

// failingWriter fails once more than limit bytes have been written.
type failingWriter struct{ written, limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	w.written += len(p)
	if w.written > w.limit {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteOrderedStopsAtTheFirstError(t *testing.T) {
	const n = 20 * chunkRecords
	before := runtime.NumGoroutine()
	err := writeOrdered(&failingWriter{limit: 1000}, n, 4, func(buf *bytes.Buffer, enc *json.Encoder, i int) error {
		return enc.Encode(i)
	})
	if err == nil || err.Error() != "disk full" {
		t.Errorf("write error = %v, want disk full", err)
	}
	err = writeOrdered(io.Discard, n, 4, func(buf *bytes.Buffer, enc *json.Encoder, i int) error {
		if i == 3*chunkRecords+5 {
			return errors.New("bad record")
		}
		return enc.Encode(i)
	})
	if err == nil || err.Error() != "bad record" {
		t.Errorf("encode error = %v, want bad record", err)
	}
	// The goroutines of both calls wind down once they see the stop.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := runtime.NumGoroutine(); got > before {
		t.Errorf("%d goroutines left behind", got-before)
	}
}
