package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// decodeSlow decodes line the way ParseRecord does without the fast path.
func decodeSlow(line []byte) (jsonRecord, bool) {
	var jr jsonRecord
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&jr); err != nil {
		return jr, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return jr, false
	}
	return jr, true
}

// sameRecord reports whether the fast path decoded line as encoding/json
// does, where it decoded it at all. A valid line is decoded both as
// checked and as not yet checked.
func sameRecord(t *testing.T, line []byte) (fast bool) {
	t.Helper()
	for k, valid := range []bool{false, utf8.Valid(line)} {
		var got jsonRecord
		// decodeFlat unescapes in place where it succeeds, and must leave
		// the line as it was where it gives up.
		owned := bytes.Clone(line)
		ok := decodeFlat(owned, valid, &got)
		if k > 0 && ok != fast {
			t.Fatalf("%q: the fast path takes the line with valid=false: %v, with valid=true: %v", line, fast, ok)
		}
		if fast = ok; !ok {
			if !bytes.Equal(owned, line) {
				t.Fatalf("%q: the fast path gave up after changing the line to %q", line, owned)
			}
			continue
		}
		want, ok := decodeSlow(line)
		if !ok {
			t.Fatalf("%q: the fast path decoded what encoding/json rejects", line)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: fast path gives %s, encoding/json %s", line, show(got), show(want))
		}
	}
	return fast
}

func show(jr jsonRecord) string {
	str := func(p *string) string {
		if p == nil {
			return "nil"
		}
		return fmt.Sprintf("%q", *p)
	}
	return fmt.Sprintf("{id %q text %s html %s title %s date %s source %s url %s}",
		jr.ID, str(jr.Text), str(jr.HTML), str(jr.Title), str(jr.Date), str(jr.Source), str(jr.URL))
}

var flatSeeds = []string{
	`{"id":"a","text":"x"}`,
	` { "id" : 12 , "text" : "Kim \"and\" Putin\n\nmet.\u00e9\u4e2d" , "date":"2019-04-25", "title":null } `,
	`{"id":-1.5e3,"html":"<p>caf\u00E9</p>","url":"https:\/\/x.example\/a","source":"AFP"}`,
	`{"id":"日本","text":"tab\there\\back\b\f\r"}`,
	`{"id":null,"text":"x"}`,
	`{}`,
	`{"id":"a","text":"x","text":"y"}`,
	`{"id":"a","text":"x","text":null}`,
	`{"id":"a","text":"12345678\"9abcdefgh\\ijklmnop\u00e9qrstuvwx\nyz\/0123456\t"}`,
	`{"id":"long","title":"Café au lait, naïve façade — déjà vu","text":"Kim Jong Un met Vladimir Putin"}`,
	// Left to encoding/json: other keys, case, nesting, surrogates, errors.
	`{"ID":"a","text":"x"}`,
	`{"id":"a","text":"x","extra":[1,2]}`,
	`{"id":"a","text":"an escaped\n\"text\" before an unknown key","extra":1}`,
	"{\"id\":\"a\",\"text\":\"an escaped\\n text before a bad title\",\"title\":\"ctl \x01\"}",
	`{"id":"a","text":"\ud83d\ude00"}`,
	`{"id":"a","text":"\ud800"}`,
	`{"id":"a","text":"x"} {"id":"b"}`,
	`{"id":"a","text":5}`,
	`{"id":true,"text":"x"}`,
	`{"id":01,"text":"x"}`,
	`{"id":"a","text":"bad \x escape"}`,
	"{\"id\":\"a\",\"text\":\"ctl \x01\"}",
	"{\"id\":\"a\",\"text\":\"caf\xe9\"}",
	"{\"id\":\"a\",\"text\":\"a long text with caf\xe9 inside it\"}",
	"{\"id\":\"a\",\"text\":\"a long text with caf\xe9 and \\n inside it\"}",
	"{\"id\":\"a\",\"text\":\"a long text with a control \x01 character\"}",
	`{"id":"a","text":"x",}`,
	`{"id":"a" "text":"x"}`,
	`[{"id":"a"}]`,
	`{"id":"a","text":"unterminated`,
}

// TestDecodeFlat checks the fast path against encoding/json on records of
// the common shape, and that it leaves the unusual ones alone.
func TestDecodeFlat(t *testing.T) {
	fast := 0
	for _, s := range flatSeeds {
		if sameRecord(t, []byte(s)) {
			fast++
		}
	}
	if fast < 8 {
		t.Errorf("the fast path decoded %d of the 8 records of the common shape", fast)
	}
	// Whatever the path, ParseRecord gives the same records and errors.
	for _, s := range flatSeeds {
		rec, err := ParseRecord([]byte(s))
		jr, ok := decodeSlow([]byte(s))
		if ok != (err == nil || !strings.HasPrefix(err.Error(), "malformed")) {
			t.Errorf("%q: ParseRecord says %v, encoding/json ok=%v", s, err, ok)
		}
		if err == nil && jr.Text != nil && rec.Text != *jr.Text {
			t.Errorf("%q: text %q, want %q", s, rec.Text, *jr.Text)
		}
	}
}

func FuzzDecodeFlat(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		sameRecord(t, line)
	})
}

// BenchmarkParseRecord compares the fast path with encoding/json on a
// record of typical size.
func BenchmarkParseRecord(b *testing.B) {
	text := strings.Repeat(`Kim Jong Un met Vladimir Putin in Vladivostok on Thursday, \"vowing\" closer ties.\n\n`, 45)
	line := []byte(`{"id":"synthetic-00042","date":"2019-04-25","text":"` + text + `"}`)
	b.Run("fast", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		for range b.N {
			if _, err := ParseRecord(line); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		for range b.N {
			if _, ok := decodeSlow(line); !ok {
				b.Fatal("rejected")
			}
		}
	})
}
