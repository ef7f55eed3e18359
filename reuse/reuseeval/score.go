package reuseeval

import (
	"fmt"
	"io"
	"slices"

	"github.com/newsfold/newsfold/news"
)

// truthPair is a pair of generated articles that shares text.
type truthPair struct {
	kind     string
	passages []news.Passage // A into the lower-numbered article
}

// truth derives the true relations from token provenance: two articles
// share a passage where they hold the same source words in the same order,
// allowing a few edited words inside.
func (bn *bench) truth() map[[2]int]truthPair {
	bySource := map[int32][]int{}
	where := make([]map[[2]int32]int, len(bn.docs))
	for d, doc := range bn.docs {
		where[d] = map[[2]int32]int{}
		seen := map[int32]bool{}
		for i, t := range doc.toks {
			if t.src < 0 {
				continue
			}
			if !seen[t.src] {
				seen[t.src] = true
				bySource[t.src] = append(bySource[t.src], d)
			}
			where[d][[2]int32{t.src, t.pos}] = i
		}
	}
	pairs := map[[2]int]bool{}
	for _, ds := range bySource {
		for x := 0; x < len(ds); x++ {
			for y := x + 1; y < len(ds); y++ {
				pairs[[2]int{min(ds[x], ds[y]), max(ds[x], ds[y])}] = true
			}
		}
	}
	out := map[[2]int]truthPair{}
	for p := range pairs {
		a, b := bn.docs[p[0]], bn.docs[p[1]]
		var ps []news.Passage
		fi, li, fj, lj := -1, -1, -1, -1
		flush := func() {
			if fi >= 0 && li-fi >= 7 {
				pa := [2]int{a.spans[fi][0], a.spans[li][1]}
				pb := [2]int{b.spans[fj][0], b.spans[lj][1]}
				if pa[1]-pa[0] >= 50 && pb[1]-pb[0] >= 50 {
					ps = append(ps, news.Passage{A: pa, B: pb})
				}
			}
			fi = -1
		}
		for i, t := range a.toks {
			if t.src < 0 {
				continue
			}
			j, ok := where[p[1]][[2]int32{t.src, t.pos}]
			if !ok {
				continue
			}
			if fi >= 0 && (j <= lj || j-lj > 5 || i-li > 5) {
				flush()
			}
			if fi < 0 {
				fi, fj = i, j
			}
			li, lj = i, j
		}
		flush()
		if len(ps) == 0 {
			continue
		}
		kind := news.Reuse
		if a.family == b.family {
			kind = a.kind
			if kind == news.Version && a.role != roleVersion && b.role != roleVersion {
				kind = news.Duplicate
			}
		}
		out[p] = truthPair{kind: kind, passages: ps}
	}
	return out
}

// prf holds counts for precision, recall and F1.
type prf struct{ tp, fp, fn int }

func (c prf) scores() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// result is the score of one run.
type result struct {
	pairs   prf
	kinds   map[string]*prf
	chars   prf
	confuse map[[2]string]int // [truth, predicted] -> pairs
	// direction counts found relations between an original and a derived
	// article that put the original first (tp) or second (fp).
	direction prf
}

func (r result) kindMacroF1() float64 {
	s := 0.0
	for _, k := range []string{news.Duplicate, news.Version, news.Reuse} {
		_, _, f := r.kinds[k].scores()
		s += f
	}
	return s / 3
}

// score compares predicted relations with the truth. Passages are scored
// by character on both sides of every pair, true or predicted.
func (bn *bench) score(rels []news.Relation, truth map[[2]int]truthPair, verbose io.Writer) result {
	res := result{kinds: map[string]*prf{}, confuse: map[[2]string]int{}}
	for _, k := range []string{news.Duplicate, news.Version, news.Reuse} {
		res.kinds[k] = &prf{}
	}
	idx := map[string]int{}
	for i, d := range bn.docs {
		idx[d.id] = i
	}
	for _, r := range rels {
		a, b := bn.docs[idx[r.A]], bn.docs[idx[r.B]]
		if (a.role == roleOriginal) != (b.role == roleOriginal) && a.family == b.family {
			res.direction.tp += btoi(a.role == roleOriginal)
			res.direction.fp += btoi(b.role == roleOriginal)
		}
	}
	pred := map[[2]int][]news.Passage{}
	predKind := map[[2]int]string{}
	predScore := map[[2]int]float64{}
	for _, r := range rels {
		a, b := idx[r.A], idx[r.B]
		ps := r.Passages
		if a > b {
			a, b = b, a
			ps = make([]news.Passage, len(r.Passages))
			for i, p := range r.Passages {
				ps[i] = news.Passage{A: p.B, B: p.A}
			}
		}
		pred[[2]int{a, b}] = ps
		predKind[[2]int{a, b}] = r.Kind
		predScore[[2]int{a, b}] = r.Score
	}
	var keys [][2]int
	for k := range truth {
		keys = append(keys, k)
	}
	for k := range pred {
		if _, ok := truth[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y [2]int) int {
		if x[0] != y[0] {
			return x[0] - y[0]
		}
		return x[1] - y[1]
	})
	if verbose != nil {
		byKind := map[string][]string{}
		for _, k := range keys {
			tk := or(truth[k].kind, "none")
			byKind[tk] = append(byKind[tk], fmt.Sprintf("%.2f", predScore[k]))
		}
		for _, tk := range []string{news.Duplicate, news.Version, news.Reuse, "none"} {
			slices.Sort(byKind[tk])
			fmt.Fprintf(verbose, "scores of true %s pairs: %v\n", tk, byKind[tk])
		}
	}
	for _, k := range keys {
		t, inTruth := truth[k]
		ps, inPred := pred[k]
		switch {
		case inTruth && inPred:
			res.pairs.tp++
		case inTruth:
			res.pairs.fn++
		default:
			res.pairs.fp++
		}
		tk, pk := t.kind, predKind[k]
		res.confuse[[2]string{or(tk, "none"), or(pk, "none")}]++
		if tk == pk {
			res.kinds[tk].tp++
		} else {
			if pk != "" {
				res.kinds[pk].fp++
			}
			if tk != "" {
				res.kinds[tk].fn++
			}
		}
		for side := 0; side < 2; side++ {
			tp, fp, fn := overlap(spansOf(t.passages, side), spansOf(ps, side))
			res.chars.tp += tp
			res.chars.fp += fp
			res.chars.fn += fn
		}
		if verbose != nil && (tk != pk) {
			fmt.Fprintf(verbose, "%s %s: truth %s, found %s (score %.2f)\n", bn.docs[k[0]].id, bn.docs[k[1]].id, or(tk, "none"), or(pk, "none"), predScore[k])
			for _, p := range ps {
				fmt.Fprintf(verbose, "\tfound %v %q\n", p, excerpt(bn.docs[k[0]].text, p.A))
			}
			for _, p := range t.passages {
				fmt.Fprintf(verbose, "\ttrue  %v %q\n", p, excerpt(bn.docs[k[0]].text, p.A))
			}
		}
	}
	return res
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func spansOf(ps []news.Passage, side int) [][2]int {
	var out [][2]int
	for _, p := range ps {
		if side == 0 {
			out = append(out, p.A)
		} else {
			out = append(out, p.B)
		}
	}
	return out
}

// overlap counts characters in both span sets (tp), only in the predicted
// ones (fp) and only in the true ones (fn).
func overlap(truth, pred [][2]int) (tp, fp, fn int) {
	in := func(ss [][2]int, i int) bool {
		for _, s := range ss {
			if i >= s[0] && i < s[1] {
				return true
			}
		}
		return false
	}
	end := 0
	for _, s := range append(slices.Clone(truth), pred...) {
		end = max(end, s[1])
	}
	for i := 0; i < end; i++ {
		t, p := in(truth, i), in(pred, i)
		switch {
		case t && p:
			tp++
		case p:
			fp++
		case t:
			fn++
		}
	}
	return
}

// excerpt returns the start and end of text's rune span s, for listings.
func excerpt(text string, s [2]int) string {
	rs := []rune(text)
	if s[1]-s[0] <= 60 {
		return string(rs[s[0]:s[1]])
	}
	return string(rs[s[0]:s[0]+30]) + " ... " + string(rs[s[1]-30:s[1]])
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
