package cluster

import (
	"fmt"
	"testing"
)

func TestZZSample(t *testing.T) {
	articles := sampleArticles(t)
	vocab := NewVocabulary()
	docs := make([]doc, len(articles))
	for i, a := range articles {
		docs[i] = tokens(a.Title, a.Text)
		vocab.observeCase(docs[i])
	}
	feats := make([]features, len(articles))
	for i := range docs {
		feats[i] = docs[i].extract(vocab.common)
		vocab.observe(feats[i])
	}
	var members []*item
	for i, a := range articles {
		it := articleItem(vocab, feats[i], day(a.Date))
		members = append(members, &it)
	}
	opts := DefaultOptions()
	w := opts.Event.level(1).weights
	for _, prior := range []float64{0, 5, 1e9} {
		f := localWeights(vocab, members, prior)
		fmt.Println("prior", prior)
		for i := range members {
			fmt.Printf("%-24s", articles[i].ID)
			for j := range members {
				var x float64
				for s := range w {
					x += w[s] * dot(reweight(members[i].vecs[s], f), reweight(members[j].vecs[s], f))
				}
				fmt.Printf(" %.3f", x)
			}
			fmt.Println()
		}
	}
}
