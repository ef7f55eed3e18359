package clustereval

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/cluster"
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
	if !strings.Contains(out.String(), "articles/s") || strings.Count(out.String(), "\n") != 4 {
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
