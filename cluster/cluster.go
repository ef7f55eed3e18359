// Package cluster groups articles into events and events into stories.
package cluster

import "github.com/newsfold/newsfold/news"

// Options controls clustering.
type Options struct{}

// DefaultOptions returns the defaults used by the CLI.
func DefaultOptions() Options { return Options{} }

// Group returns the events and stories of articles. Every article is in
// exactly one event and one story.
func Group(articles []news.Article, relations []news.Relation, opts Options) ([]news.Event, []news.Story) {
	// TODO(cluster helper): replace.
	return nil, nil
}
