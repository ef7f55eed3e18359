package extracteval

import (
	"os"
	"strings"
	"testing"
)

func TestRunAll(t *testing.T) {
	if os.Getenv("RUNALL") == "" {
		t.Skip()
	}
	Main(append([]string{"-data", benchDir}, strings.Fields(os.Getenv("RUNALL"))...), os.Stdout, os.Stderr)
}

func TestDeterminism(t *testing.T) {
	if os.Getenv("RUNDET") == "" {
		t.Skip()
	}
	truth, _ := loadTruth(benchDir + "/ground-truth.json")
	var pages []page
	for id, e := range truth {
		h, _ := readGzip(benchDir + "/html/" + id + ".html.gz")
		pages = append(pages, page{id: id, url: e.URL, truth: e.ArticleBody, html: h})
	}
	a := append([]page(nil), pages...)
	run(a, 1)
	b := append([]page(nil), pages...)
	run(b, 1)
	c := append([]page(nil), pages...)
	run(c, 2)
	for i := range a {
		if a[i].doc != b[i].doc {
			t.Errorf("seq/seq differ: %s", a[i].id[:12])
		}
		if a[i].doc != c[i].doc {
			t.Errorf("seq/par differ: %s %q vs %q", a[i].id[:12], a[i].doc.Date, c[i].doc.Date)
		}
	}
}
