package clean

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode"
	"unsafe"

	"github.com/newsfold/newsfold/news"
)

// manyDocs returns n documents from the sample, spread over three sources
// and varied so that they do not all count alike.
func manyDocs(t testing.TB, n int) []news.Document {
	sample := loadSample(t)
	docs := make([]news.Document, n)
	for i := range docs {
		d := sample[i%len(sample)]
		d.ID = fmt.Sprintf("%s-%d", d.ID, i)
		d.Source = fmt.Sprintf("src%d", i%3)
		d.Text = fmt.Sprintf("Issue %d\n\n%s", i%7, d.Text)
		docs[i] = d
	}
	return docs
}

func encode(t *testing.T, c *Corpus) []byte {
	t.Helper()
	b, err := c.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCorpusRoundTrip checks that a Corpus decodes to one that encodes to
// the same bytes and cleans the same way.
func TestCorpusRoundTrip(t *testing.T) {
	docs := manyDocs(t, 12)
	c := Learn(docs)
	enc := encode(t, c)
	var d Corpus
	if err := d.UnmarshalBinary(enc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encode(t, &d), enc) {
		t.Fatal("re-encoding differs")
	}
	for _, doc := range docs[:5] {
		if got, want := render(d.Clean(doc)), render(c.Clean(doc)); got != want {
			t.Errorf("%s: decoded corpus cleans differently", doc.ID)
		}
	}
	// The decoded corpus goes on learning.
	d.Add(docs[0])
	c.Add(docs[0])
	if !bytes.Equal(encode(t, &d), encode(t, c)) {
		t.Error("adding to the decoded corpus differs")
	}
	for _, bad := range [][]byte{nil, []byte("nfc"), enc[:len(enc)-1], append(append([]byte{}, enc...), 0)} {
		if err := d.UnmarshalBinary(bad); err == nil {
			t.Errorf("decoding %d bytes of junk succeeded", len(bad))
		}
	}
}

// TestCorpusMerge checks that shards learnt apart and merged equal the
// corpus learnt at once, in any merge order, and that Learn's own
// sharding does not change the result.
func TestCorpusMerge(t *testing.T) {
	docs := manyDocs(t, 3*learnShard)
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	// Sketches only add up exactly at one width: size every corpus as
	// Learn sizes it.
	learn := func(docs []news.Document) *Corpus {
		c := newCorpus(size)
		for _, d := range docs {
			c.Add(d)
		}
		return c
	}
	want := encode(t, learn(docs))
	if got := encode(t, Learn(docs)); !bytes.Equal(got, want) {
		t.Error("Learn differs from adding one by one")
	}
	a, b := learn(docs[:100]), learn(docs[100:])
	b.Merge(a)
	if got := encode(t, b); !bytes.Equal(got, want) {
		t.Error("merged shards differ from the whole")
	}
	// Lines repeated only across shards are still found.
	x, y := NewCorpus(), NewCorpus()
	line := "Subscribe to our newsletter for more"
	x.Add(news.Document{ID: "1", Source: "s", Text: line + "\n\nOne."})
	x.Add(news.Document{ID: "2", Source: "s", Text: line + "\n\nTwo."})
	y.Add(news.Document{ID: "3", Source: "s", Text: line + "\n\nThree."})
	if x.boilerplate("s", line) {
		t.Error("a line in two documents is boilerplate")
	}
	x.Merge(y)
	if !x.boilerplate("s", line) {
		t.Error("a line in three documents of merged shards is not boilerplate")
	}
	x.Merge(nil)
}

// TestLearner checks that a Learner makes the Corpus Learn makes, both
// for a collection too small to start learning before the end and for
// one large enough to learn while documents come, with any number of
// goroutines.
func TestLearner(t *testing.T) {
	docs := manyDocs(t, 4096)
	size := 0
	for i, d := range docs {
		if size += len(d.Text); size > streamFrom+streamFrom/4 {
			docs = docs[:i+1]
			break
		}
	}
	if size <= streamFrom {
		t.Fatalf("%d bytes of text: too few to start learning early", size)
	}
	for _, n := range []int{12, len(docs)} {
		want := encode(t, Learn(docs[:n]))
		for _, procs := range []int{1, 3} {
			old := runtime.GOMAXPROCS(procs)
			l := NewLearner()
			for _, d := range docs[:n] {
				l.Add(d)
			}
			got := encode(t, l.Corpus())
			runtime.GOMAXPROCS(old)
			if !bytes.Equal(got, want) {
				t.Errorf("%d documents, %d goroutines: the Learner's corpus differs from Learn's", n, procs)
			}
		}
	}
}

// TestLearnt checks what a Corpus made by Learn or a Learner remembers
// of the texts it learnt: plain's answer and the lines that may be calls
// to action for each, also for texts that share storage, and nothing for
// texts it did not learn.
func TestLearnt(t *testing.T) {
	odd := "Some  text\twith odd spaces.\nAnd a plain line here, long enough."
	docs := []news.Document{{ID: "a", Text: odd}, {ID: "b", Text: odd[:20]}, {ID: "c", Text: "A plain text. It needs nothing."}, {ID: "d"}}
	docs = append(docs, manyDocs(t, 2000)...)
	l := NewLearner()
	for _, d := range docs {
		l.Add(d)
	}
	others := []string{odd[:30], strings.Clone(odd), "Not learnt."}
	for _, c := range []*Corpus{Learn(docs), l.Corpus()} {
		if len(c.learnt) < len(docs)-3 {
			t.Fatalf("%d texts remembered of %d", len(c.learnt), len(docs))
		}
		texts := others
		for _, d := range docs {
			texts = append(texts, d.Text)
		}
		for i, text := range texts {
			n, ok, hints := c.plainOf(text)
			if wn, wok := plain(text); ok != wok || ok && n != wn {
				t.Errorf("plainOf(%q) = %d, %v, want %d, %v", text, n, ok, wn, wok)
			}
			learnt := i >= len(others) && text != "" && len(c.learnt[unsafe.StringData(text)].text) == len(text)
			if !ok {
				text, _ = normalizeText(text, nil)
			}
			checkHints(t, text, hints, learnt)
		}
	}
}

// TestForWords checks the words the corpus counts.
func TestForWords(t *testing.T) {
	var got []string
	forWords("The U.S. rock-'n'-roll star’s  2019 tour—Ébène ends' here! Now", func(w string, start, capital bool) {
		got = append(got, fmt.Sprintf("%s/%v/%v", w, start, capital))
	})
	want := "the/true/true u/false/true s/true/true rock-'n'-roll/true/false star's/false/false 2019/false/false " +
		"tour/false/false ébène/false/true ends/false/false here/false/false now/true/true"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}

// FuzzCorpusDecode checks that decoding junk never panics, and that what
// decodes encodes back to the same bytes.
func FuzzCorpusDecode(f *testing.F) {
	c := NewCorpus()
	c.Add(news.Document{ID: "a", Source: "s", Text: "A line.\nAnother line here."})
	enc, _ := c.MarshalBinary()
	f.Add(enc)
	f.Add([]byte(corpusMagic))
	f.Add([]byte("nfc\x010\x00\x01\x01")) // a source longer than the rest
	f.Fuzz(func(t *testing.T, b []byte) {
		var d Corpus
		if d.UnmarshalBinary(b) != nil {
			return
		}
		again, _ := d.MarshalBinary()
		var e Corpus
		if err := e.UnmarshalBinary(again); err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
	})
}

// TestRuneShortCuts checks the table and block short cuts of
// letterOrDigit, isLetter, isSpace and toLower against package unicode,
// for every rune and a few that are none.
func TestRuneShortCuts(t *testing.T) {
	for r := rune(-2); r <= unicode.MaxRune+2; r++ {
		if got, want := letterOrDigit(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Fatalf("letterOrDigit(%U) = %v, want %v", r, got, want)
		}
		if got, want := isLetter(r), unicode.IsLetter(r); got != want {
			t.Fatalf("isLetter(%U) = %v, want %v", r, got, want)
		}
		if got, want := isSpace(r), unicode.IsSpace(r); got != want {
			t.Fatalf("isSpace(%U) = %v, want %v", r, got, want)
		}
		if got, want := toLower(r), unicode.ToLower(r); got != want {
			t.Fatalf("toLower(%U) = %U, want %U", r, got, want)
		}
	}
}
