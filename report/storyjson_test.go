package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/newsfold/newsfold/news"
)

// storyRecord and story are the story record as encoding/json writes it,
// the reference for appendStory.
type storyRecord struct {
	Type          string            `json:"type"`
	ID            string            `json:"id"`
	Title         string            `json:"title"`
	FirstDate     string            `json:"first_date,omitempty"`
	LastDate      string            `json:"last_date,omitempty"`
	Articles      []string          `json:"articles"`
	Events        []news.Event      `json:"events"`
	Summary       []news.Sentence   `json:"summary"`
	Differences   []news.Difference `json:"differences"`
	Families      int               `json:"families"`
	Outlets       int               `json:"outlets"`
	FirstReported []string          `json:"first_reported,omitempty"`
}

func story(s *news.Story) storyRecord {
	rec := storyRecord{
		Type: "story", ID: s.ID, Title: s.Title, FirstDate: s.FirstDate, LastDate: s.LastDate,
		Articles: nonNil(s.Articles), Events: s.Events, Summary: s.Summary,
		Differences: s.Differences, Families: s.Families, Outlets: s.Outlets,
		FirstReported: s.FirstReported,
	}
	if rec.Events == nil {
		rec.Events = []news.Event{}
	}
	if rec.Summary == nil {
		rec.Summary = []news.Sentence{}
	}
	if rec.Differences == nil {
		rec.Differences = []news.Difference{}
	}
	return rec
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// storyJSON is story(s) as encoding/json encodes it.
func storyJSON(t *testing.T, s *news.Story) []byte {
	t.Helper()
	var want bytes.Buffer
	if err := json.NewEncoder(&want).Encode(story(s)); err != nil {
		t.Fatal(err)
	}
	return want.Bytes()
}

// TestAppendStory checks that appendStory writes the bytes encoding/json
// writes, for stories with every field empty, nil or full.
func TestAppendStory(t *testing.T) {
	full := news.Story{
		ID: "s<1>", Title: "T\u2029itle & \"more\"", FirstDate: "2019-04-24", LastDate: "2019-04-25",
		Articles: []string{"a", "b\n"},
		Events: []news.Event{
			{ID: "e1", Date: "2019-04-24", Title: "Kim meets Putin", Articles: []string{"a"}},
			{ID: "e2", Articles: nil},
			{ID: "e3", Articles: []string{}},
		},
		Summary: []news.Sentence{{Text: "Что \xff <b>", Articles: []string{"a", "b"}}, {Text: "", Articles: nil}},
		Differences: []news.Difference{
			{About: "toll", Claims: []news.Claim{{Text: "5 dead", Articles: []string{"a"}}, {Text: "6 dead"}}},
			{About: "none", Claims: nil},
			{About: "empty", Claims: []news.Claim{}},
		},
		Families: 2, Outlets: -3, FirstReported: []string{"a"},
	}
	for _, s := range []news.Story{{}, {Articles: []string{}, Events: []news.Event{}, FirstReported: []string{}}, full} {
		want := storyJSON(t, &s)
		if got := appendStory(nil, &s); !bytes.Equal(got, want) {
			t.Errorf("appendStory =\n%s\nencoding/json:\n%s", got, want)
		}
	}
}

// FuzzAppendStory compares appendStory with encoding/json on stories
// built from the fuzzer's strings and shape bits.
func FuzzAppendStory(f *testing.F) {
	f.Add("s1", "Title <b>", "2019-04-24", "a\u2028", "claim \xff", uint16(0xffff), 3)
	f.Add("", "", "", "", "", uint16(0), 0)
	f.Fuzz(func(t *testing.T, id, title, date, art, text string, shape uint16, n int) {
		bit := func(k int) bool { return shape&(1<<k) != 0 }
		list := func(k int) []string {
			switch {
			case !bit(k):
				return nil
			case !bit(k + 1):
				return []string{}
			}
			return []string{art, id}
		}
		s := news.Story{ID: id, Title: title, Families: n, Outlets: -n, Articles: list(0), FirstReported: list(2)}
		if bit(4) {
			s.FirstDate, s.LastDate = date, title
		}
		if bit(5) {
			s.Events = []news.Event{{ID: id, Date: date, Title: text, Articles: list(6)}, {ID: art}}
		}
		if bit(8) {
			s.Summary = []news.Sentence{{Text: text, Articles: list(9)}}
		}
		if bit(11) {
			s.Differences = []news.Difference{{About: title, Claims: []news.Claim{{Text: text, Articles: list(12)}}}, {About: date}}
		}
		if bit(14) {
			s.Events = []news.Event{}
		}
		if got, want := appendStory(nil, &s), storyJSON(t, &s); !bytes.Equal(got, want) {
			t.Errorf("appendStory =\n%s\nencoding/json:\n%s", got, want)
		}
	})
}
