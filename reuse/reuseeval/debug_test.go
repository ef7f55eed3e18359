package reuseeval

import (
	"slices"
	"testing"

	"github.com/newsfold/newsfold/reuse"
)

func TestDebugScale(t *testing.T) {
	b, e, err := loadSources("../../../shared/data")
	if err != nil {
		t.Fatal(err)
	}
	s := newSynth(append(slices.Clone(b), e...), 1)
	arts := s.corpus(2000, 2)
	rels, _ := reuse.Find(arts, reuse.DefaultOptions())
	n := 0
	for _, r := range rels {
		if r.Kind != "reuse" || n > 5 {
			continue
		}
		n++
		var a, bb string
		for _, x := range arts {
			if x.ID == r.A {
				a = x.Text
			}
			if x.ID == r.B {
				bb = x.Text
			}
		}
		t.Logf("%s %s %.2f", r.A, r.B, r.Score)
		for _, p := range r.Passages {
			t.Logf("  %q | %q", excerpt(a, p.A), excerpt(bb, p.B))
		}
	}
}
