// Package news holds the plain types that flow between newsfold's stages:
// raw documents in, articles, relations, events and stories out.
//
// Data flows one way: ingest makes Documents; clean turns each into one or
// more Articles; reuse finds Relations between articles; cluster groups
// articles into Events and Stories; story fills in each story's view. The
// types carry no behaviour beyond small helpers, so that the CLI, a
// persistent workspace or a batch pipeline can all pass them around.
package news

import "github.com/newsfold/newsfold/textmap"

// Document is one raw input as read from a file, a JSON line or a web page.
type Document struct {
	ID     string // file name without extension, or the JSONL "id"
	Origin string // where it came from, for messages: "dir/a.jsonl:17"
	Text   string // raw text, valid UTF-8
	HTML   string // raw HTML, when the input was a web page
	// Hints given by the input record; empty when unknown.
	Title  string
	Date   string // YYYY-MM-DD or RFC 3339
	Source string
	URL    string
	// Metadata found by an HTML extractor, used as hints too.
	Byline   string
	Language string
}

// Removed is a piece of the raw input that cleaning took out of an article.
type Removed struct {
	Kind string `json:"kind"` // comments, related, caption, pullquote, byline, dateline, credit, navigation, heading, other
	Text string `json:"text"`
	// Raw is the [start, end) rune range of the piece in the input's raw text.
	Raw [2]int `json:"raw"`
}

// Removed kinds.
const (
	KindComments   = "comments"
	KindRelated    = "related"
	KindCaption    = "caption"
	KindPullquote  = "pullquote"
	KindByline     = "byline"
	KindDateline   = "dateline"
	KindCredit     = "credit"
	KindNavigation = "navigation"
	KindSection    = "section"
	KindMetadata   = "metadata"
	KindOther      = "other"
)

// Article is one clean article found in a Document.
type Article struct {
	ID       string // Document.ID, or "<Document.ID>#N" when the input held several
	Input    string // Document.ID
	Title    string
	Date     string // YYYY-MM-DD publication date, empty when unknown
	Source   string
	URL      string
	Byline   string
	Dateline string
	Agency   string
	Language string
	// Text is the body: paragraphs separated by blank lines, in reading order.
	Text string
	// Headings are the rune ranges of Text that are sub-headings.
	Headings [][2]int
	Removed  []Removed
	// Map links every rune of Text to the rune of the input's raw text it
	// came from.
	Map textmap.Map
	// RawText is the input's raw text that Map and Removed point into.
	RawText string
	Event   string
	Story   string
}

// Relation kinds.
const (
	Duplicate = "duplicate" // the same article up to noise, trimming or headline
	Version   = "version"   // the same story text rewritten or updated
	Reuse     = "reuse"     // different articles sharing one or more passages
)

// Passage is one aligned shared stretch: rune ranges [start, end) into the
// Text of relation's articles A and B.
type Passage struct {
	A [2]int `json:"a"`
	B [2]int `json:"b"`
}

// Relation says that two articles share text.
type Relation struct {
	A, B     string // article ids; A is the earlier or original where known
	Kind     string
	Score    float64 // share of the shorter article covered by passages, in [0, 1]
	Passages []Passage
}

// Event is one real-world happening and the articles that report it.
type Event struct {
	ID       string   `json:"id"`
	Date     string   `json:"date,omitempty"`
	Title    string   `json:"title,omitempty"`
	Articles []string `json:"articles"`
}

// Sentence is a summary sentence with the articles it appears in.
type Sentence struct {
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
}

// Claim is one side of a difference between sources.
type Claim struct {
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
}

// Difference is a point on which sources state different things.
type Difference struct {
	About  string  `json:"about"`
	Claims []Claim `json:"claims"`
}

// Story is a chain of related events with its view.
type Story struct {
	ID          string
	Title       string
	FirstDate   string
	LastDate    string
	Articles    []string
	Events      []Event
	Summary     []Sentence
	Differences []Difference
	// Sources counts independent sources: wire families (articles linked as
	// duplicates count once) and distinct outlets.
	Families int
	Outlets  int
	// FirstReported lists the article ids of the earliest report.
	FirstReported []string
}
