package clustereval

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsfold/newsfold/cluster"
	"github.com/newsfold/newsfold/news"
)

// minBCubedF1 is the B-cubed F1 on all of ECB+ that event clustering must
// keep (measured 0.953, less a small margin).
const minBCubedF1 = 0.945

func TestECBPlus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "ecbplus")
	if _, err := os.Stat(filepath.Join(dir, "labels.tsv")); err != nil {
		t.Skipf("ECB+ not found: %v", err)
	}
	c, err := LoadECB(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Articles) != 982 || countDistinct(c.Event) != 86 {
		t.Fatalf("loaded %d documents, %d events; want 982, 86", len(c.Articles), countDistinct(c.Event))
	}
	s, d := Evaluate(c, cluster.DefaultOptions())
	t.Logf("B-cubed P %.3f R %.3f F1 %.3f; pairwise F1 %.3f; ARI %.3f; %v", s.BCubedP, s.BCubedR, s.BCubedF, s.PairF, s.ARI, d)
	if s.BCubedF < minBCubedF1 {
		t.Errorf("B-cubed F1 %.3f, want at least %.3f", s.BCubedF, minBCubedF1)
	}
}

func TestParseDoc(t *testing.T) {
	a := parseDoc("x", "http://example.com/a\nQuake hits island\nMonday, 28 November 2005\nA powerful earthquake hit.\n\nMore text.\n")
	if a.URL != "http://example.com/a" || a.Title != "Quake hits island" {
		t.Errorf("url %q title %q", a.URL, a.Title)
	}
	if want := "Monday, 28 November 2005\n\nA powerful earthquake hit.\n\nMore text."; a.Text != want {
		t.Errorf("text %q, want %q", a.Text, want)
	}
	b := parseDoc("y", "A sentence that starts the story.\nAnother one.")
	if b.Title != "" || b.URL != "" || !strings.HasPrefix(b.Text, "A sentence") {
		t.Errorf("plain doc parsed as %+v", b)
	}
}

func TestMainScale(t *testing.T) {
	var out, errs bytes.Buffer
	if code := Main([]string{"-scale", "2000"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "articles/s") || strings.Count(out.String(), "\n") != 5 {
		t.Errorf("output:\n%s", out.String())
	}
	if code := Main([]string{"-bogus"}, &out, &errs); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code := Main([]string{"-data", t.TempDir()}, &out, &errs); code != 1 {
		t.Errorf("missing data: exit %d, want 1", code)
	}
}

// BenchmarkGroup times clustering a synthetic stream of 10,000 articles:
// go test -bench Group -benchtime 1x ./cluster/clustereval/
func BenchmarkGroup(b *testing.B) {
	c := Synthetic(10000, 1)
	b.ResetTimer()
	for range b.N {
		cluster.Group(c.Articles, nil, cluster.DefaultOptions())
	}
	b.ReportMetric(float64(b.N*len(c.Articles))/b.Elapsed().Seconds(), "articles/s")
}

// TestWorkers checks that the number of workers does not change the output.
func TestWorkers(t *testing.T) {
	c := Synthetic(1500, 3)
	one, four := cluster.DefaultOptions(), cluster.DefaultOptions()
	one.Workers, four.Workers = 1, 4
	e1, s1 := cluster.Group(c.Articles, nil, one)
	e4, s4 := cluster.Group(c.Articles, nil, four)
	if !reflect.DeepEqual(e1, e4) || !reflect.DeepEqual(s1, s4) {
		t.Errorf("1 and 4 workers disagree")
	}
}

// TestIncremental adds a synthetic stream in two batches, the second a
// month after the first, through a stored state, and compares the events
// with those of one batch.
func TestIncremental(t *testing.T) {
	a, b := Synthetic(1000, 4), Synthetic(1000, 5)
	for i := range b.Articles {
		art := &b.Articles[i]
		art.ID = "b" + art.ID
		d, err := time.Parse("2006-01-02", art.Date)
		if err != nil {
			t.Fatal(err)
		}
		art.Date = d.AddDate(0, 2, 0).Format("2006-01-02")
		b.Event[i] = "b" + b.Event[i]
	}
	s := cluster.NewState(cluster.DefaultOptions())
	s.Add(a.Articles, nil)
	first, _ := s.Result()
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var u cluster.State
	if err := u.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	u.Add(b.Articles, nil)
	two, _ := u.Result()
	all := slices.Concat(a.Articles, b.Articles)
	one, _ := cluster.Group(all, nil, cluster.DefaultOptions())
	gold := slices.Concat(a.Event, b.Event)
	labels := func(events []news.Event, articles []news.Article) []string {
		of := map[string]string{}
		for _, e := range events {
			for _, id := range e.Articles {
				of[id] = e.ID
			}
		}
		out := make([]string, len(articles))
		for i, x := range articles {
			out[i] = of[x.ID]
		}
		return out
	}
	sOne, sTwo := Score(labels(one, all), gold), Score(labels(two, all), gold)
	agree := Score(labels(two, all), labels(one, all))
	// The first batch's events do not move when a later one arrives.
	stay := Score(labels(two, a.Articles), labels(first, a.Articles))
	t.Logf("B-cubed F1: one batch %.3f, two batches %.3f, agreement %.3f, first batch kept %.3f", sOne.BCubedF, sTwo.BCubedF, agree.BCubedF, stay.BCubedF)
	if sTwo.BCubedF < sOne.BCubedF-0.01 || agree.BCubedF < 0.97 || stay.BCubedF < 0.99 {
		t.Errorf("two batches F1 %.3f against one batch %.3f; agreement %.3f; first batch kept %.3f", sTwo.BCubedF, sOne.BCubedF, agree.BCubedF, stay.BCubedF)
	}
}

// BenchmarkAddBatch times adding a batch of 100 articles to a state of
// 10,000 and asking for the result, as a workspace would:
// go test -bench AddBatch -benchtime 5x ./cluster/clustereval/
func BenchmarkAddBatch(b *testing.B) {
	c := Synthetic(10100, 1)
	s := cluster.NewState(cluster.DefaultOptions())
	s.Add(c.Articles[:10000], nil)
	data, err := s.MarshalBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		var u cluster.State
		if err := u.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
		u.Add(c.Articles[10000:], nil)
		u.Result()
	}
}
