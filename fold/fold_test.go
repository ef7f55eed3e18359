package fold_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/ingest"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const sampleDir = "../testdata/kim-putin-2019"

func readSample(t *testing.T) []news.Document {
	t.Helper()
	var docs []news.Document
	ingest.Walk([]string{sampleDir}, ingest.DefaultOptions(), func(d news.Document) {
		docs = append(docs, d)
	}, func(p ingest.Problem) {
		t.Errorf("ingest problem: %s", p)
	})
	if len(docs) != 5 {
		t.Fatalf("read %d documents from %s, want 5", len(docs), sampleDir)
	}
	return docs
}

func foldJSON(t *testing.T, docs []news.Document, workers int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := report.JSON(&buf, fold.Run(docs, fold.Options{Workers: workers})); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGolden keeps the full --json output of the reference sample; run
// "go test ./fold -update" to accept a deliberate change.
func TestGolden(t *testing.T) {
	got := foldJSON(t, readSample(t), 2)
	golden := filepath.Join("testdata", "kim-putin-2019.jsonl")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./fold -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s; run go test ./fold -update and review the diff", golden)
	}
}

func TestSameOutputWhateverTheWorkers(t *testing.T) {
	docs := readSample(t)
	one := foldJSON(t, docs, 1)
	for _, w := range []int{2, 7} {
		if got := foldJSON(t, docs, w); !bytes.Equal(got, one) {
			t.Errorf("output with %d workers differs from output with 1", w)
		}
	}
}

// TestStreamIsRun checks that folding documents handed over one at a
// time gives what Run gives. (That learning while documents come gives
// the same corpus model as learning them all at once, for collections
// large enough to start early, is clean's TestLearner.)
func TestStreamIsRun(t *testing.T) {
	docs := readSample(t)
	want := foldJSON(t, docs, 2)
	s := fold.NewStream(fold.Options{Workers: 2})
	for _, d := range docs {
		s.Add(d)
	}
	if s.Len() != len(docs) {
		t.Errorf("Len is %d after adding %d documents", s.Len(), len(docs))
	}
	var buf bytes.Buffer
	if err := report.JSON(&buf, s.Fold()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("the Stream's fold differs from Run's")
	}
}

// TestStreamKeepsOrder checks that a Stream hands over its documents in
// the order they were added, through the blocks it keeps them in.
func TestStreamKeepsOrder(t *testing.T) {
	const n = 9000
	s := fold.NewStream(fold.Options{Workers: 2})
	for i := range n {
		s.Add(news.Document{ID: fmt.Sprintf("d%05d", n-i), Text: fmt.Sprintf("Report %d.", i)})
	}
	res := s.Fold()
	if len(res.Articles) != n {
		t.Fatalf("%d articles from %d documents", len(res.Articles), n)
	}
	for i, a := range res.Articles {
		if want := fmt.Sprintf("d%05d", n-i); a.ID != want {
			t.Fatalf("article %d is %s, want %s", i, a.ID, want)
		}
	}
}

// TestSampleFold checks what a reader expects of the reference sample
// (shared/samples/README.md).
func TestSampleFold(t *testing.T) {
	res := fold.Run(readSample(t), fold.Options{Workers: 2})
	const (
		page      = "000_3526b2fb6d637493"
		summit    = page + "#1"
		web       = "001_26f50ae8564aade0"
		rewrite   = "002_e3194376fc50fe14"
		reuters   = "003_d4672ff891c8bbe5"
		arrival   = "004_dcb0ebbd7a129cf0"
		boy       = page + "#2"
		instagram = page + "#3"
	)
	arts := map[string]news.Article{}
	for _, a := range res.Articles {
		arts[a.ID] = a
	}
	for _, id := range []string{summit, boy, instagram, web, rewrite, reuters, arrival} {
		if _, ok := arts[id]; !ok {
			t.Errorf("no article %s", id)
		}
	}
	if len(arts) != 7 {
		t.Errorf("found %d articles, want 7", len(arts))
	}

	kind := func(x, y string) string {
		for _, r := range res.Relations {
			if (r.A == x && r.B == y) || (r.A == y && r.B == x) {
				return r.Kind
			}
		}
		return ""
	}
	for _, c := range []struct{ a, b, want string }{
		{summit, web, news.Duplicate},
		{rewrite, web, news.Version},
		{rewrite, summit, news.Version},
		{arrival, web, news.Reuse},
		{reuters, web, ""},
		{reuters, rewrite, ""},
		{reuters, arrival, ""},
		{boy, summit, ""},
	} {
		if got := kind(c.a, c.b); got != c.want {
			t.Errorf("relation %s ~ %s = %q, want %q", c.a, c.b, got, c.want)
		}
	}

	sameEvent := func(x, y string) bool { return arts[x].Event != "" && arts[x].Event == arts[y].Event }
	sameStory := func(x, y string) bool { return arts[x].Story != "" && arts[x].Story == arts[y].Story }
	for _, id := range []string{web, rewrite, reuters} {
		if !sameEvent(summit, id) {
			t.Errorf("%s is not in the summit event with %s", id, summit)
		}
	}
	if sameEvent(arrival, web) || !sameStory(arrival, web) {
		t.Errorf("%s should be an earlier event of the summit story (event %q story %q vs %q %q)",
			arrival, arts[arrival].Event, arts[arrival].Story, arts[web].Event, arts[web].Story)
	}
	for _, id := range []string{boy, instagram} {
		if sameStory(id, summit) {
			t.Errorf("%s should be in a story of its own", id)
		}
	}
	if sameStory(boy, instagram) {
		t.Errorf("%s and %s should be in different stories", boy, instagram)
	}
	if len(res.Stories) != 3 {
		t.Errorf("found %d stories, want 3", len(res.Stories))
	}
}

// TestReadyGivesTheFinalArticles checks that what Ready is handed is the
// Result's own articles and relations, complete: written out then, while
// the stories are told, they make the same output as written at the end.
func TestReadyGivesTheFinalArticles(t *testing.T) {
	var early bytes.Buffer
	calls := 0
	res := fold.Run(readSample(t), fold.Options{Workers: 2, Ready: func(articles []news.Article, relations []news.Relation) {
		calls++
		if err := report.JSONArticles(&early, articles, relations); err != nil {
			t.Fatal(err)
		}
	}})
	if calls != 1 {
		t.Fatalf("Ready called %d times, want once", calls)
	}
	if err := report.JSONStories(&early, res.Stories); err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	if err := report.JSON(&whole, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(early.Bytes(), whole.Bytes()) {
		t.Errorf("articles and relations written when Ready is called differ from the Result's")
	}
	for _, a := range res.Articles {
		if a.Event == "" || a.Story == "" {
			t.Errorf("article %s has no event or story", a.ID)
		}
	}
}
