package reuseeval

import (
	"fmt"
	"slices"

	"github.com/newsfold/newsfold/news"
)

// SyntheticDocuments generates n raw documents for end-to-end scale runs,
// the same way -scale generates its articles (originals of 300-900 words
// made from real news vocabulary; about 30% noisy duplicates, versions or
// hosts of a reused paragraph of an earlier original), dated over a month
// in input order. It reads the real texts from dataDir.
func SyntheticDocuments(dataDir string, n int, seed uint64, workers int) ([]news.Document, error) {
	bodies, ecb, err := loadSources(dataDir)
	if err != nil {
		return nil, err
	}
	arts, _ := newSynth(append(slices.Clone(bodies), ecb...), seed).corpus(n, max(1, workers))
	docs := make([]news.Document, n)
	for i, a := range arts {
		docs[i] = news.Document{
			ID:     a.ID,
			Origin: fmt.Sprintf("synthetic#%d", i),
			Text:   a.Text,
			Date:   fmt.Sprintf("2024-03-%02d", 1+i*28/n),
		}
	}
	return docs, nil
}
