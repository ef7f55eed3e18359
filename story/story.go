// Package story fills in the view of each story.
package story

import "github.com/newsfold/newsfold/news"

// Tell fills s's title, dates, event dates and titles, summary,
// differences and source counts.
func Tell(s *news.Story, articles map[string]*news.Article, relations []news.Relation) {
	// TODO(story helper): replace.
}
