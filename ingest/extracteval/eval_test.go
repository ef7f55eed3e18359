package extracteval

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/ingest"
	"github.com/newsfold/newsfold/news"
)

const benchDir = "../../../shared/data/article-extraction-benchmark"

func TestTokens(t *testing.T) {
	got := Tokens("Hello, wörld! It's 2019_x — 一二 ok")
	want := []string{"Hello", "wörld", "It", "s", "2019_x", "一二", "ok"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokens = %q, want %q", got, want)
	}
}

func TestMatch(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	tests := []struct {
		truth, pred string
		tp, fp, fn  float64
		p, r        float64
	}{
		// 3 shingles each, 2 shared: tp=2, fp=1, fn=1, normalised by 4.
		{"a b c d e f", "b c d e f g", 0.5, 0.25, 0.25, 2.0 / 3, 2.0 / 3},
		{"a b c d", "a b c d", 1, 0, 0, 1, 1},
		{"a b c d", "", 0, 0, 1, 0, 0},
		{"", "", 0, 0, 0, 1, 1},
		// Short texts are one shingle of all their tokens.
		{"a b", "a b", 1, 0, 0, 1, 1},
		// Counted with multiplicity.
		{"a b c d a b c d", "a b c d", 1.0 / 5, 0, 4.0 / 5, 1, 0.2},
	}
	for _, tc := range tests {
		s := Match(tc.truth, tc.pred)
		if !near(s.TP, tc.tp) || !near(s.FP, tc.fp) || !near(s.FN, tc.fn) || !near(s.Precision(), tc.p) || !near(s.Recall(), tc.r) {
			t.Errorf("Match(%q, %q) = %+v P=%v R=%v, want tp=%v fp=%v fn=%v P=%v R=%v", tc.truth, tc.pred, s, s.Precision(), s.Recall(), tc.tp, tc.fp, tc.fn, tc.p, tc.r)
		}
	}
	// Pages with nothing predicted count for recall only.
	p, r, f := Aggregate([]Score{Match("a b c d", "a b c d"), Match("a b c d", "")})
	if !near(p, 1) || !near(r, 0.5) || !near(f, 2*0.5/1.5) {
		t.Errorf("Aggregate = %v %v %v", p, r, f)
	}
}

// TestBenchmarkPages reads a few gzipped benchmark pages through
// ingest.Walk and checks the extracted bodies against the ground truth.
func TestBenchmarkPages(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(benchDir, "ground-truth.json"))
	if err != nil {
		t.Skipf("benchmark not available: %v", err)
	}
	var truth map[string]truthEntry
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	ids := []string{
		"0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0", // English sports news
		"3c6d3381ef52ca26be2fbde19c1b0fe17d85682b726dfecf5e300c1ca34546b1", // Russian
		"f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d", // Japanese
	}
	var paths []string
	for _, id := range ids {
		paths = append(paths, filepath.Join(benchDir, "html", id+".html.gz"))
	}
	var docs []news.Document
	ingest.Walk(paths, ingest.DefaultOptions(), func(d news.Document) { docs = append(docs, d) },
		func(p ingest.Problem) { t.Errorf("problem: %v", p) })
	if len(docs) != len(ids) {
		t.Fatalf("got %d documents, want %d", len(docs), len(ids))
	}
	var scores []Score
	for i, d := range docs {
		if d.ID != ids[i] {
			t.Errorf("id %q, want %q", d.ID, ids[i])
		}
		if d.Title == "" || d.Language == "" || d.Source == "" || !strings.Contains(d.HTML, "<") {
			t.Errorf("%s: metadata missing: title %q language %q source %q", d.ID, d.Title, d.Language, d.Source)
		}
		s := Match(truth[d.ID].ArticleBody, d.Text)
		t.Logf("%s: P=%.3f R=%.3f", d.ID[:12], s.Precision(), s.Recall())
		scores = append(scores, s)
	}
	if _, _, f1 := Aggregate(scores); f1 < 0.8 {
		t.Errorf("F1 = %.3f on the sample pages, want >= 0.8", f1)
	}
}

func TestMainSmall(t *testing.T) {
	if _, err := os.Stat(benchDir); err != nil {
		t.Skip("benchmark not available")
	}
	var out, errb bytes.Buffer
	if code := Main([]string{"-data", benchDir, "-n", "3", "-worst", "2"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"3 pages", "precision=", "F1=", "pages/s", "worst 2 pages", "extractor+cleaning", "first half"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := Main([]string{"-data", benchDir, "-n", "3", "-clean=false", "-worst", "1"}, &out, &errb); code != 0 {
		t.Fatalf("-clean=false: exit %d: %s", code, errb.String())
	}
	if strings.Contains(out.String(), "extractor+cleaning") || !strings.Contains(out.String(), "extractor ") {
		t.Errorf("-clean=false output:\n%s", out.String())
	}
	out.Reset()
	if code := Main([]string{"-data", benchDir, "-n", "3", "-kinds", "-changed", "1", "-worst", "0"}, &out, &errb); code != 0 {
		t.Fatalf("-kinds: exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"removed by kind", "cleaning lowers F1 most on 1 pages"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-kinds output lacks %q:\n%s", want, out.String())
		}
	}
	if code := Main([]string{"-bogus"}, &out, &errb); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
}

// BenchmarkExtract runs the whole evaluation, extraction and cleaning, on
// one goroutine once and reports its scores:
//
//	go test ./ingest/extracteval -run '^$' -bench Extract -benchtime 1x
func BenchmarkExtract(b *testing.B) {
	if _, err := os.Stat(benchDir); err != nil {
		b.Skip("benchmark not available")
	}
	truth, err := loadTruth(filepath.Join(benchDir, "ground-truth.json"))
	if err != nil {
		b.Fatal(err)
	}
	var pages []page
	for id, e := range truth {
		h, err := readGzip(filepath.Join(benchDir, "html", id+".html.gz"))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, page{id: id, url: e.URL, truth: e.ArticleBody, html: h})
	}
	b.ResetTimer()
	for b.Loop() {
		run(pages, 1)
		cleanPages(pages, 1)
	}
	b.StopTimer()
	var scores, cleaned []Score
	for _, p := range pages {
		scores = append(scores, p.score)
		cleaned = append(cleaned, p.cleanScore)
	}
	_, _, f1 := Aggregate(scores)
	prec, rec, cf1 := Aggregate(cleaned)
	b.ReportMetric(f1, "F1-extractor")
	b.ReportMetric(prec, "precision")
	b.ReportMetric(rec, "recall")
	b.ReportMetric(cf1, "F1")
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}
