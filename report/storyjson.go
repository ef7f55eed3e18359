package report

import (
	"strconv"

	"github.com/newsfold/newsfold/news"
)

// appendStory appends s's record as encoding/json encodes story(s), with
// its newline: the same bytes, without reflection, for a story record is
// mostly its summary's text. TestAppendStory and FuzzAppendStory compare
// the two.
func appendStory(dst []byte, s *news.Story) []byte {
	dst = append(dst, `{"type":"story","id":`...)
	dst = appendString(dst, s.ID)
	dst = append(dst, `,"title":`...)
	dst = appendString(dst, s.Title)
	if s.FirstDate != "" {
		dst = append(dst, `,"first_date":`...)
		dst = appendString(dst, s.FirstDate)
	}
	if s.LastDate != "" {
		dst = append(dst, `,"last_date":`...)
		dst = appendString(dst, s.LastDate)
	}
	dst = append(dst, `,"articles":`...)
	dst = appendStrings(dst, s.Articles, "[]")
	dst = append(dst, `,"events":[`...)
	for i, e := range s.Events {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"id":`...)
		dst = appendString(dst, e.ID)
		if e.Date != "" {
			dst = append(dst, `,"date":`...)
			dst = appendString(dst, e.Date)
		}
		if e.Title != "" {
			dst = append(dst, `,"title":`...)
			dst = appendString(dst, e.Title)
		}
		dst = append(dst, `,"articles":`...)
		dst = appendStrings(dst, e.Articles, "null")
		dst = append(dst, '}')
	}
	dst = append(dst, `],"summary":[`...)
	for i, t := range s.Summary {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendClaim(dst, t.Text, t.Articles)
	}
	dst = append(dst, `],"differences":[`...)
	for i, d := range s.Differences {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"about":`...)
		dst = appendString(dst, d.About)
		dst = append(dst, `,"claims":`...)
		if d.Claims == nil {
			dst = append(dst, "null"...)
		} else {
			dst = append(dst, '[')
			for k, c := range d.Claims {
				if k > 0 {
					dst = append(dst, ',')
				}
				dst = appendClaim(dst, c.Text, c.Articles)
			}
			dst = append(dst, ']')
		}
		dst = append(dst, '}')
	}
	dst = append(dst, `],"families":`...)
	dst = strconv.AppendInt(dst, int64(s.Families), 10)
	dst = append(dst, `,"outlets":`...)
	dst = strconv.AppendInt(dst, int64(s.Outlets), 10)
	if len(s.FirstReported) > 0 {
		dst = append(dst, `,"first_reported":`...)
		dst = appendStrings(dst, s.FirstReported, "")
	}
	return append(dst, "}\n"...)
}

// appendClaim appends a summary sentence or a claim: a text and the
// articles it is in.
func appendClaim(dst []byte, text string, articles []string) []byte {
	dst = append(dst, `{"text":`...)
	dst = appendString(dst, text)
	dst = append(dst, `,"articles":`...)
	dst = appendStrings(dst, articles, "null")
	return append(dst, '}')
}

// appendStrings appends ss as a JSON array of strings, or ifNil when ss
// is nil: encoding/json writes a nil slice as null, and the record
// writes some as [].
func appendStrings(dst []byte, ss []string, ifNil string) []byte {
	if ss == nil {
		return append(dst, ifNil...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, s)
	}
	return append(dst, ']')
}
