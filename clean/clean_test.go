package clean

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/cockroachdb/datadriven"
	"github.com/newsfold/newsfold/news"
)

// TestData runs the cleaning cases in testdata/. Commands:
//
//	learn            add the input, a document, to the corpus of the file
//	clean [id=ID] [web]  clean the input and print the articles found;
//	                 web marks it as text extracted from a web page
//
// Regenerate the expected output with -rewrite and review the diff.
func TestData(t *testing.T) {
	files, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		// testdata/fuzz holds the inputs go test -fuzz saved, which are
		// no cases.
		if f.Name() != "fuzz" {
			t.Run(f.Name(), func(t *testing.T) { testFiles(t, filepath.Join("testdata", f.Name())) })
		}
	}
}

// testFiles runs the cleaning cases in path, a file or a directory.
func testFiles(t *testing.T, path string) {
	datadriven.Walk(t, path, func(t *testing.T, path string) {
		c := NewCorpus()
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			switch d.Cmd {
			case "learn":
				c.Add(news.Document{ID: "learn", Text: d.Input})
				return ""
			case "clean":
				id := "doc"
				if d.HasArg("id") {
					d.ScanArgs(t, "id", &id)
				}
				doc := news.Document{ID: id, Text: d.Input}
				if d.HasArg("web") {
					doc.HTML = "<html>"
				}
				return render(c.Clean(doc))
			}
			t.Fatalf("unknown command %q", d.Cmd)
			return ""
		})
	})
}

// render prints articles for the test files: metadata, text, removed.
func render(arts []news.Article) string {
	var b strings.Builder
	for _, a := range arts {
		fmt.Fprintf(&b, "== %s title=%q date=%q byline=%q dateline=%q agency=%q\n", a.ID, a.Title, a.Date, a.Byline, a.Dateline, a.Agency)
		b.WriteString(a.Text)
		b.WriteString("\n")
		for _, h := range a.Headings {
			fmt.Fprintf(&b, "heading: %s\n", string([]rune(a.Text)[h[0]:h[1]]))
		}
		for _, r := range a.Removed {
			fmt.Fprintf(&b, "removed %s: %s\n", r.Kind, r.Text)
		}
	}
	return b.String()
}

// FuzzClean checks that cleaning never panics, that the map covers the
// text and points inside the raw input, and that removed pieces are in
// range.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		" date 2019-04-26 Kim, Putin vow\n\nVLADIVOSTOK: North Korea’s Kim.",
		"Title\n\nAFP | Paris, France\n\nText cut in\n\nA caption that runs on and on without any end at all for many words\n\nthe middle.",
		"No r t h Ko re a l a st we e k launched.",
		"chan-\n\nnel several times.",
		"â€™ \\$25 ﬁne\u00a0space\r\n",
		"0 ( +0 / -0 )", "Related Posts\nA link", "\n\n\n", "", "a", "-", "\xff", "By X\nY, Z\n\nText.",
		"Comments\n\nhello", "We have just had a talk\n\nKIM\n\nWe have just had a talk with him.",
	} {
		f.Add(s)
	}
	for _, u := range adversarial {
		f.Add(strings.Repeat(u, 4))
	}
	c := Learn(nil)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		raw := len([]rune(s))
		for _, a := range c.Clean(news.Document{ID: "f", Text: s}) {
			n := len([]rune(a.Text))
			if a.Map.Len() != n {
				t.Fatalf("map covers %d runes, text has %d", a.Map.Len(), n)
			}
			for i := 0; i < n; i++ {
				if r := a.Map.Raw(i); r < 0 || r >= raw {
					t.Fatalf("rune %d maps to %d, raw has %d", i, r, raw)
				}
			}
			for _, r := range a.Removed {
				if r.Raw[0] < 0 || r.Raw[1] > raw || r.Raw[0] > r.Raw[1] {
					t.Fatalf("removed %v outside raw of %d", r.Raw, raw)
				}
			}
			for _, h := range a.Headings {
				if h[0] < 0 || h[1] > n || h[0] > h[1] {
					t.Fatalf("heading %v outside text of %d", h, n)
				}
			}
		}
	})
}

// TestConcurrentDeterministic cleans the sample on several goroutines at
// once and checks that the output is the same as on one, and that a nil
// Corpus (embedded vocabulary only) cleans too.
func TestConcurrentDeterministic(t *testing.T) {
	docs := loadSample(t)
	c := Learn(docs)
	want := make([]string, len(docs))
	for i, d := range docs {
		want[i] = render(c.Clean(d))
	}
	got := make([]string, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = render(c.Clean(d))
		}()
	}
	wg.Wait()
	for i := range docs {
		if got[i] != want[i] {
			t.Errorf("%s: concurrent output differs", docs[i].ID)
		}
	}
	var none *Corpus
	if arts := none.Clean(docs[3]); len(arts) != 1 || arts[0].Byline == "" {
		t.Errorf("nil corpus: %d articles", len(arts))
	}
}

// TestArticleTextsOwnTheirMemory cleans every sample document in turn and
// checks that the articles of each are the same after all the others were
// cleaned (the text builder's storage is written over, article after
// article), and that a text cleaning left as it was is a substring of the
// raw input rather than a copy.
func TestArticleTextsOwnTheirMemory(t *testing.T) {
	docs := loadSample(t)
	docs = append(docs, news.Document{ID: "plain", Text: "A line that needs no cleaning at all, and says so plainly.\n\nA second paragraph, just as plain as the first one was."})
	c := Learn(docs)
	arts := make([][]news.Article, len(docs))
	want := make([]string, len(docs))
	for i, d := range docs {
		arts[i] = c.Clean(d)
		want[i] = render(arts[i])
	}
	for i := range docs {
		if got := render(arts[i]); got != want[i] {
			t.Errorf("%s: its articles changed as later documents were cleaned", docs[i].ID)
		}
	}
	plain := arts[len(arts)-1]
	if len(plain) != 1 || plain[0].Text != docs[len(docs)-1].Text {
		t.Fatalf("plain: got %d articles:\n%s", len(plain), render(plain))
	}
	if unsafe.StringData(plain[0].Text) != unsafe.StringData(plain[0].RawText) {
		t.Errorf("plain: the text unchanged by cleaning is a copy of the raw text, not the raw text")
	}
}

// FuzzLearntHints checks that cleaning a document with what learning
// remembered of it (see Corpus.learnt) gives the articles it gives
// without.
func FuzzLearntHints(f *testing.F) {
	for _, s := range []string{
		"Kim and Putin met in Vladivostok on Thursday for talks.\nSubscribe to our newsletter. Sign up now!\nThe two leaders shook hands and smiled.",
		" date 2019-04-26 Click here\n\nSubscribe to our newsletter. Sign up now!\nFollow us on Twitter and Facebook",
		"Get the app\n\nA line about an app2app thing, then TAP here.\n\nİnbox: subscribe",
		"Download the app. Click here.\n" + strings.Repeat("A long line of text. ", 40) + "Follow us on Instagram. Sign up.",
		"â€™ Subscribe\u00a0now\r\nSign-up: free trial, promo code X",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		doc := news.Document{ID: "f", Text: s}
		c := Learn([]news.Document{doc})
		got := c.Clean(doc)
		c.learnt = nil
		if want := c.Clean(doc); !reflect.DeepEqual(got, want) {
			t.Fatalf("Clean(%q) with what learning remembered:\n%+v\nwithout:\n%+v", s, got, want)
		}
	})
}
