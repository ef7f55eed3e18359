package ingest

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
)

func TestWARCReaderOffsets(t *testing.T) {
	data := sampleWARC()
	r := NewWARCReader(bytes.NewReader(data), 1<<20)
	n := 0
	for {
		rec, err := r.Next()
		if err != nil {
			if err != io.EOF {
				t.Fatal(err)
			}
			break
		}
		n++
		if !strings.HasPrefix(string(data[rec.Offset:]), "WARC/1.0\r\n") {
			t.Errorf("record %d: offset %d does not start a record", rec.Number, rec.Offset)
		}
	}
	if n != 5 {
		t.Errorf("read %d records, want 5", n)
	}
}

func TestWARCPage(t *testing.T) {
	page := []byte("<html><body><p>Hello</p></body></html>")
	chunked := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"),
		[]byte(strings.ToUpper(strings.TrimLeft(strconv.FormatInt(int64(len(gz(page))), 16), "0"))+"\r\n")...)
	chunked = append(append(chunked, gz(page)...), "\r\n0\r\n\r\n"...)
	tests := []struct {
		name, typ, contentType string
		block                  []byte
		reason                 string
	}{
		{"response", "response", "application/http; msgtype=response", httpResponse(200, "text/html", page), ""},
		{"chunked gzip", "response", "application/http;msgtype=response", chunked, ""},
		{"sniffed", "response", "application/http", httpResponse(200, "", page), ""},
		{"resource", "resource", "text/html", page, ""},
		{"redirect", "response", "application/http", httpResponse(301, "text/html", nil), "HTTP 301 responses"},
		{"image", "response", "application/http", httpResponse(200, "image/jpeg", []byte("x")), "non-HTML responses"},
		{"empty", "response", "application/http", httpResponse(200, "text/html", nil), "empty responses"},
		{"not http", "response", "text/dns", []byte("x"), "response records without HTTP"},
		{"bad http", "response", "application/http", []byte("garbage"), "malformed HTTP responses"},
		{"metadata", "metadata", "application/warc-fields", []byte("a: b"), "metadata records"},
	}
	for _, tc := range tests {
		rec, err := NewWARCReader(bytes.NewReader(warcRecord(tc.typ, "1", "https://e.com/", tc.contentType, tc.block)), 1<<20).Next()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		p, reason := WARCPage(rec, 1<<20)
		if reason != tc.reason {
			t.Errorf("%s: reason %q, want %q", tc.name, reason, tc.reason)
		}
		if reason == "" && (!bytes.Equal(p.HTML, page) || p.URL != "https://e.com/") {
			t.Errorf("%s: page %q at %q", tc.name, p.HTML, p.URL)
		}
	}
}

func TestWARCTooLarge(t *testing.T) {
	data := append(warcRecord("resource", "1", "u", "text/html", bytes.Repeat([]byte("x"), 100)), warcRecord("resource", "2", "u", "text/html", []byte("<p>"))...)
	r := NewWARCReader(bytes.NewReader(data), 50)
	if rec, err := r.Next(); err != ErrRecordTooLarge || rec.Block != nil {
		t.Fatalf("first record: %v", err)
	}
	if rec, err := r.Next(); err != nil || string(rec.Block) != "<p>" || WARCDocID(rec) != "2" {
		t.Fatalf("second record: %v", err)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("end: %v", err)
	}
}
