// Package reuse finds text shared between articles.
package reuse

import "github.com/newsfold/newsfold/news"

// Options controls reuse detection.
type Options struct{ Workers int }

// DefaultOptions returns the defaults used by the CLI.
func DefaultOptions() Options { return Options{Workers: 1} }

// Stats counts what each filter kept and dropped.
type Stats struct{}

// Find returns the relations between articles, in a deterministic order.
func Find(articles []news.Article, opts Options) ([]news.Relation, Stats) {
	// TODO(reuse helper): replace.
	return nil, Stats{}
}
