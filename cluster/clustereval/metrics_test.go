package clustereval

import (
	"math"
	"testing"
)

func TestScore(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	tests := []struct {
		name       string
		pred, gold []string
		want       Scores
	}{
		{
			name: "perfect",
			pred: []string{"x", "x", "y"},
			gold: []string{"a", "a", "b"},
			want: Scores{1, 1, 1, 1, 1, 1, 1},
		},
		{
			// One cluster of four against gold {a,a} {b,b}: every item's
			// precision is 2/4, recall 1. Pairs: 2 right of 6 predicted.
			// ARI: index 2, expected 6*2/6 = 2, max (6+2)/2 = 4, so 0.
			name: "all in one",
			pred: []string{"x", "x", "x", "x"},
			gold: []string{"a", "a", "b", "b"},
			want: Scores{0.5, 1, 2.0 / 3, 2.0 / 6, 1, 0.5, 0},
		},
		{
			// Singletons against gold {a,a,a} {b}: precision 1; recall
			// (1/3*3 + 1)/4 = 0.5. No predicted pairs: pair precision 1,
			// recall 0. ARI: index 0, expected 0, max 1.5, so 0.
			name: "singletons",
			pred: []string{"1", "2", "3", "4"},
			gold: []string{"a", "a", "a", "b"},
			want: Scores{1, 0.5, 2.0 / 3, 1, 0, 0, 0},
		},
		{
			// pred {1,2,3}{4,5} gold {1,2}{3,4,5}:
			// B-cubed P: items 1,2: 2/3; item 3: 1/3; items 4,5: 1 → (4/3+1/3+2)/5 = 11/15.
			// B-cubed R: items 1,2: 1; item 3: 1/3; items 4,5: 2/3 → (2+1/3+4/3)/5 = 11/15.
			// Pairs: predicted 3+1=4, gold 1+3=4, both: {1,2},{4,5} = 2 → P=R=F=0.5.
			// ARI: expected 4*4/10 = 1.6, max 4: (2-1.6)/(4-1.6) = 1/6.
			name: "split and merge",
			pred: []string{"p", "p", "p", "q", "q"},
			gold: []string{"a", "a", "b", "b", "b"},
			want: Scores{11.0 / 15, 11.0 / 15, 11.0 / 15, 0.5, 0.5, 0.5, 1.0 / 6},
		},
	}
	for _, tc := range tests {
		got := Score(tc.pred, tc.gold)
		g := []float64{got.BCubedP, got.BCubedR, got.BCubedF, got.PairP, got.PairR, got.PairF, got.ARI}
		w := []float64{tc.want.BCubedP, tc.want.BCubedR, tc.want.BCubedF, tc.want.PairP, tc.want.PairR, tc.want.PairF, tc.want.ARI}
		for i := range g {
			if !near(g[i], w[i]) {
				t.Errorf("%s: got %+v, want %+v", tc.name, got, tc.want)
				break
			}
		}
	}
	if s := Score(nil, nil); s != (Scores{}) {
		t.Errorf("empty: %+v", s)
	}
}
