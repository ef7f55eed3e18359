package clustereval

import "math"

// Scores compares a predicted clustering with gold labels.
type Scores struct {
	BCubedP, BCubedR, BCubedF float64
	PairP, PairR, PairF       float64
	ARI                       float64
}

// Score compares predicted cluster labels with gold labels, item by item:
// B-cubed precision, recall and F1 (Bagga and Baldwin 1998), pairwise
// precision, recall and F1 over all pairs of items, and the adjusted Rand
// index (Hubert and Arabie 1985). pred and gold must have the same length.
func Score(pred, gold []string) Scores {
	n := len(pred)
	if n == 0 || len(gold) != n {
		return Scores{}
	}
	type pair struct{ p, g string }
	joint := map[pair]int{}
	predSize := map[string]int{}
	goldSize := map[string]int{}
	for i := range pred {
		joint[pair{pred[i], gold[i]}]++
		predSize[pred[i]]++
		goldSize[gold[i]]++
	}
	var s Scores
	// B-cubed: an item's precision is the share of its predicted cluster
	// that shares its gold label; recall the share of its gold cluster that
	// shares its predicted cluster. Each joint cell of size c holds c items.
	for k, c := range joint {
		s.BCubedP += float64(c) * float64(c) / float64(predSize[k.p])
		s.BCubedR += float64(c) * float64(c) / float64(goldSize[k.g])
	}
	s.BCubedP /= float64(n)
	s.BCubedR /= float64(n)
	s.BCubedF = f1(s.BCubedP, s.BCubedR)

	choose2 := func(x int) float64 { return float64(x) * float64(x-1) / 2 }
	var both, inPred, inGold float64
	for _, c := range joint {
		both += choose2(c)
	}
	for _, c := range predSize {
		inPred += choose2(c)
	}
	for _, c := range goldSize {
		inGold += choose2(c)
	}
	s.PairP = ratio(both, inPred)
	s.PairR = ratio(both, inGold)
	s.PairF = f1(s.PairP, s.PairR)

	all := choose2(n)
	expected := ratio(inPred*inGold, all)
	maxIndex := (inPred + inGold) / 2
	if d := maxIndex - expected; math.Abs(d) > 1e-12 {
		s.ARI = (both - expected) / d
	} else {
		s.ARI = 1 // both clusterings trivial and identical in pair structure
	}
	return s
}

// ratio returns a/b, or 1 when b is 0 (no pairs to get wrong).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 1
	}
	return a / b
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
