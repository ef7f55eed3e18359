package reuse

import (
	"github.com/newsfold/newsfold/news"
)

// exactDuplicates links articles whose folded texts are identical but that
// alignment did not relate: texts too short to hold enough anchors or a
// passage of the minimum length (a news flash, a one-line brief). Each
// group of identical texts is linked as a star from its first article, so
// a thousand copies of one brief cost a thousand relations, not a million.
// found holds the pairs already related.
func exactDuplicates(articles []news.Article, hashes []uint64, found map[[2]int]bool) []news.Relation {
	first := make(map[uint64]int)
	var out []news.Relation
	for i, h := range hashes {
		if h == 0 {
			continue
		}
		f, ok := first[h]
		if !ok {
			first[h] = i
			continue
		}
		if found[[2]int{f, i}] {
			continue
		}
		a, b := &articles[f], &articles[i]
		// The passage is the whole text: identical up to folding.
		out = append(out, news.Relation{
			A: a.ID, B: b.ID, Kind: news.Duplicate, Score: 1,
			Passages: []news.Passage{{A: [2]int{0, runeLen(a.Text)}, B: [2]int{0, runeLen(b.Text)}}},
		})
	}
	return out
}

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}
