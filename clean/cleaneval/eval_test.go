package cleaneval

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/internal/shareddata"
)

var (
	full   = flag.Bool("full", false, "run the whole benchmark and print it (slow)")
	layout = flag.String("layout", "", "with -full, show the worst cases of this layout")
)

// TestMainSmoke runs the benchmark on a few texts (all of them with -full)
// and checks that it reports every score.
func TestMainSmoke(t *testing.T) {
	data := shareddata.Dir()
	if _, err := os.Stat(data); err != nil {
		t.Skipf("no data directory %s", data)
	}
	args := []string{"-n", "40"}
	if *full {
		args = []string{"-v", "-layout", *layout}
	}
	var out, errb bytes.Buffer
	if code := Main(args, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"token F1", "boilerplate removed", "segmentation exact", "reading-order tau", "throughput"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if *full {
		t.Log("\n" + out.String())
	}
}

// TestBuildDeterministic checks that one seed always gives the same
// benchmark.
func TestBuildDeterministic(t *testing.T) {
	texts := []Text{
		{ID: "a", Title: "Storm hits coast", Body: "A storm hit the coast on Monday. Thousands of homes lost power.\n\nOfficials said repairs would take days. Schools were closed across the region."},
		{ID: "b", Title: "Team wins final", Body: "The home team won the final on Sunday. Fans celebrated in the streets.\n\nThe coach praised his players. The captain lifted the trophy."},
		{ID: "c", Body: "Prices rose again in May, official figures showed. Economists had expected a smaller rise."},
	}
	a, b := Build(texts, 7), Build(texts, 7)
	if len(a) != len(b) {
		t.Fatalf("%d vs %d cases", len(a), len(b))
	}
	for i := range a {
		if a[i].Text != b[i].Text {
			t.Errorf("case %d differs", i)
		}
	}
}

func TestScores(t *testing.T) {
	if f := tokenF1("a b c d", "a b c d"); f != 1 {
		t.Errorf("F1 of equal texts %v", f)
	}
	if f := tokenF1("a b c d", "a b"); f < 0.66 || f > 0.67 {
		t.Errorf("F1 %v, want 2/3", f)
	}
	want := "One two three four. Five six seven eight. Nine ten eleven twelve."
	if k := kendall(want, want); k != 1 {
		t.Errorf("tau of same order %v", k)
	}
	if k := kendall(want, "Nine ten eleven twelve. Five six seven eight. One two three four."); k != -1 {
		t.Errorf("tau of reversed order %v", k)
	}
}
