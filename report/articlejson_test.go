package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

// articleRecord and article are the article record as encoding/json
// writes it, the reference for appendArticle.
type articleRecord struct {
	Type     string         `json:"type"`
	ID       string         `json:"id"`
	Input    string         `json:"input"`
	Title    string         `json:"title,omitempty"`
	Date     string         `json:"date,omitempty"`
	Source   string         `json:"source,omitempty"`
	URL      string         `json:"url,omitempty"`
	Byline   string         `json:"byline,omitempty"`
	Dateline string         `json:"dateline,omitempty"`
	Agency   string         `json:"agency,omitempty"`
	Language string         `json:"language,omitempty"`
	Text     string         `json:"text"`
	Headings [][2]int       `json:"headings,omitempty"`
	Removed  []news.Removed `json:"removed"`
	// Raw is the rune range of the input's raw text that the article
	// spans, so that a viewer can show it in the original.
	Raw   [2]int `json:"raw"`
	Event string `json:"event"`
	Story string `json:"story"`
}

func article(a *news.Article) articleRecord {
	removed := a.Removed
	if removed == nil {
		removed = []news.Removed{}
	}
	lo, hi := a.Map.RawRange(0, a.Map.Len())
	return articleRecord{
		Type: "article", ID: a.ID, Input: a.Input, Title: a.Title, Date: a.Date,
		Source: a.Source, URL: a.URL, Byline: a.Byline, Dateline: a.Dateline,
		Agency: a.Agency, Language: a.Language, Text: a.Text, Headings: a.Headings,
		Removed: removed, Raw: [2]int{lo, hi}, Event: a.Event, Story: a.Story,
	}
}

// TestAppendArticle checks that appendArticle writes the bytes
// encoding/json writes, for articles with every field empty and full.
func TestAppendArticle(t *testing.T) {
	raw := "Raw <text> & \u2028 more\n"
	full := news.Article{
		ID: "a<1>", Input: "in\"put", Title: "T\u2029itle", Date: "2019-04-25", Source: "S&P", URL: "https://x.example/?a=1&b=2",
		Byline: "By \x01 Someone", Dateline: "MOSCOW", Agency: "AP", Language: "en",
		Text:     "Text with \"quotes\", \\ backslash, tabs\t, \b\f\r\n, <b>, Что, \xff bad, \U0001F600.",
		Headings: [][2]int{{0, 4}, {10, 20}},
		Removed:  []news.Removed{{Kind: news.KindCaption, Text: "A <caption>", Raw: [2]int{3, 9}}, {Kind: news.KindComments, Text: "", Raw: [2]int{0, 0}}},
		Map:      textmap.Identity(utf8.RuneCountInString(raw)), Event: "e1", Story: "s1",
	}
	for _, a := range []news.Article{{}, {ID: "x", Text: "plain"}, full} {
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(article(&a)); err != nil {
			t.Fatal(err)
		}
		if got := appendArticle(nil, &a); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("appendArticle =\n%s\nencoding/json:\n%s", got, want.Bytes())
		}
	}
}

// FuzzAppendString compares appendString with encoding/json.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain ASCII text of some length", "<>&\"\\\x00\x1f\x7f", "Что \u2028\u2029 \xe2\x80", "\xff\xfe", strings.Repeat("abcdefg<", 5), "日本語のテキスト",
		"quote\u2019s and \u201cdashes\u201d \u2013 more\u2028\u2029\u203f\u2040", "tail Д\xd0", "\xe2\x80\xa8\xe2\x80\xa9\xe2\x80", "1234567\xc0\x80\xed\xa0\x80\xc1\xbf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, encoding/json %s", s, got, want)
		}
	})
}

// BenchmarkArticleRecord compares appendArticle with encoding/json on an
// article of news text, mostly ASCII with some Cyrillic:
//
//	go test -run XXX -bench ArticleRecord ./report
func BenchmarkArticleRecord(b *testing.B) {
	text := strings.Repeat("The summit lasted nearly five hours, officials said on Thursday. \"We agreed,\" Путин said.\n\n", 40)
	a := news.Article{ID: "s0001234", Input: "s0001234", Date: "2024-03-01", Text: text,
		Removed: []news.Removed{{Kind: news.KindRelated, Text: "Related: more news", Raw: [2]int{10, 28}}},
		Map:     textmap.Identity(utf8.RuneCountInString(text)), Event: "e12", Story: "s7"}
	b.Run("encoding/json", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			buf.Reset()
			enc.Encode(article(&a))
		}
	})
	b.Run("appendArticle", func(b *testing.B) {
		var buf []byte
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			buf = appendArticle(buf[:0], &a)
		}
	})
}
