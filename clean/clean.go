// Package clean turns raw news documents into clean articles.
package clean

import "github.com/newsfold/newsfold/news"

// Corpus holds what cleaning learns from the whole collection.
type Corpus struct{}

// Learn builds a Corpus from documents.
func Learn(docs []news.Document) *Corpus { return &Corpus{} }

// Clean returns the articles found in doc. Safe for concurrent use.
func (c *Corpus) Clean(doc news.Document) []news.Article {
	// TODO(clean helper): replace.
	return nil
}
