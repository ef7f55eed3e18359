package ingest

import (
	"bytes"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

func checkDoc(t *testing.T, d news.Document) {
	for _, s := range []string{d.ID, d.Origin, d.Text, d.HTML, d.Title, d.Date, d.Source, d.URL, d.Byline, d.Language} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %+v", d)
		}
	}
	if d.ID == "" {
		t.Fatalf("empty id in %+v", d)
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x"}` + "\n" + `{"id":"b","html":"<p>hi</p>"}`))
	f.Add([]byte(`{"id":1,"text":"caf` + "\xe9" + `","date":"2019-04-25"}`))
	f.Add([]byte("{\"id\":\"a\"\n\n[1]\r\n{\"id\":null,\"text\":\"\"}"))
	f.Add([]byte(`{"id":"a","text":"x"} {"id":"b"}`))
	f.Add([]byte("\xef\xbb\xbf{\"id\":\"\\u0000\",\"text\":\"\\ud800\"}"))
	z := gz([]byte(`{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}`))
	f.Add(z)
	f.Add(z[:len(z)-6])
	f.Fuzz(func(t *testing.T, data []byte) {
		opts := DefaultOptions()
		opts.MaxBytes = 1 << 12
		ReadStream("f.jsonl", bytes.NewReader(data), opts, func(d news.Document) { checkDoc(t, d) }, func(Problem) {})
	})
}

func FuzzExtractPage(f *testing.F) {
	f.Add([]byte(articleHTML("Title", "seed")), "")
	f.Add([]byte(`<html><head><meta charset="shift_jis"></head><body><p>`+"\x82\xa0\xff"+`</p></body></html>`), "text/html")
	f.Add([]byte("<table><tr><td>a<td>b<pre>  x\n y</pre><br>"), "text/html; charset=utf-8")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte("<p>caf\xe9</p><script>x</script>"), "text/html; charset=bogus")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		x, err := ExtractPage(Page{HTML: data, URL: "https://e.com/a", ContentType: contentType})
		if err == nil && x.Doc.Text == "" {
			t.Fatal("no error but no text")
		}
		x.Doc.ID = "x"
		checkDoc(t, x.Doc)
	})
}

func FuzzWARC(f *testing.F) {
	f.Add(sampleWARC())
	f.Add(sampleWARC()[:300])
	f.Add([]byte("WARC/1.0\r\nContent-Length: 5\r\n\r\nabc"))
	f.Add([]byte("\r\n\r\nWARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/html\r\n x\r\nContent-Length: 3\r\n\r\n<p>\r\n\r\n"))
	f.Add(warcRecord("response", "1", "u", "application/http", []byte("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n5\r\nabcde\r\n0\r\n\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewWARCReader(bytes.NewReader(data), 1<<12)
		for i := 0; ; i++ {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err == ErrRecordTooLarge {
				continue
			}
			if err != nil {
				if _, ok := err.(*WARCDamage); !ok {
					t.Fatalf("error %v is not a *WARCDamage", err)
				}
				if _, err2 := r.Next(); err2 != err {
					t.Fatal("damage not sticky")
				}
				break
			}
			if i > len(data) {
				t.Fatal("more records than bytes")
			}
			WARCPage(rec, 1<<12)
			if WARCDocID(rec) == "" {
				t.Fatal("empty id")
			}
		}
	})
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("caf\xe9 \x93q\x94 \xe2\x82 \xc3\xa9"))
	f.Add([]byte{0xFE, 0xFF, 0, 'a', 0xD8})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, rep, err := DecodeText(data)
		if err == nil && !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 from %q", data)
		}
		if utf8.Valid(data) && err == nil && !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) && s != string(data) && rep.String() == "" && data[0] != 0xFE && data[0] != 0xFF {
			t.Fatalf("valid UTF-8 changed: %q -> %q", data, s)
		}
	})
}
