package extracteval

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"time"

	"github.com/newsfold/newsfold/ingest"
	"github.com/newsfold/newsfold/news"
)

// writeWARC writes a gzipped WARC crawl of at least records records: a
// warcinfo record, then for each page a request and a response record,
// and for every fourth page a response with an image. Pages alternate
// between the benchmark's HTML and synthetic pages that wrap paragraphs
// of two ground-truth articles in a news site's boilerplate.
func writeWARC(w io.Writer, pages []page, records int) (int, error) {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	n := 0
	record := func(typ, uri, contentType string, block []byte) {
		n++
		fmt.Fprintf(bw, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\nWARC-Date: 2019-11-20T00:00:00Z\r\n", typ, n)
		if uri != "" {
			fmt.Fprintf(bw, "WARC-Target-URI: %s\r\n", uri)
		}
		fmt.Fprintf(bw, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
		bw.Write(block)
		bw.WriteString("\r\n\r\n")
	}
	response := func(contentType string, body []byte) []byte {
		return append([]byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))), body...)
	}
	record("warcinfo", "", "application/warc-fields", []byte("software: newsfold eval extract\r\n"))
	for i := 0; n < records; i++ {
		var uri string
		var body []byte
		if i%2 == 0 {
			p := pages[(i/2)%len(pages)]
			uri = fmt.Sprintf("%s?copy=%d", p.url, i)
			body = p.html
		} else {
			uri = fmt.Sprintf("https://synthetic.example.com/news/%d", i)
			body = []byte(syntheticPage(i, pages[i%len(pages)].truth, pages[(i*7+3)%len(pages)].truth))
		}
		record("request", uri, "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))
		record("response", uri, "application/http; msgtype=response", response("text/html; charset=utf-8", body))
		if i%4 == 3 {
			record("response", uri+".png", "application/http; msgtype=response", response("image/png", []byte("\x89PNG\r\n\x1a\n")))
		}
	}
	if err := bw.Flush(); err != nil {
		return n, err
	}
	return n, zw.Close()
}

// syntheticPage builds a news page from the paragraphs of two texts.
func syntheticPage(i int, a, b string) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d | Synthetic Times</title>`+
		`<meta property="og:site_name" content="Synthetic Times"></head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>`+
		`<main><article><h1>Story %d</h1><p class="byline">By Staff Writer</p>`, i, i)
	for _, text := range []string{a, b} {
		for _, p := range strings.Split(text, "\n") {
			if p = strings.TrimSpace(p); p != "" {
				fmt.Fprintf(&sb, "<p>%s</p>\n", html.EscapeString(p))
			}
		}
	}
	sb.WriteString(`</article><aside><h2>Most read</h2><ul><li><a href="/a">Another story</a></li><li><a href="/b">Yet another story</a></li></ul></aside></main>` +
		`<footer>© Synthetic Times. All rights reserved. <a href="/privacy">Privacy</a></footer></body></html>`)
	return sb.String()
}

// benchWARC builds a crawl of at least records records in a temporary
// file and times ingest.Walk over it.
func benchWARC(pages []page, records, workers int, stdout, stderr io.Writer) int {
	f, err := os.CreateTemp("", "newsfold-eval-*.warc.gz")
	if err != nil {
		fmt.Fprintf(stderr, "eval extract: %v\n", err)
		return 1
	}
	defer os.Remove(f.Name())
	n, err := writeWARC(f, pages, records)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(stderr, "eval extract: writing the WARC: %v\n", err)
		return 1
	}
	opts := ingest.DefaultOptions()
	opts.Workers = workers
	docs, problems := 0, 0
	start := time.Now()
	ingest.Walk([]string{f.Name()}, opts, func(news.Document) { docs++ }, func(p ingest.Problem) {
		problems++
		fmt.Fprintln(stderr, p)
	})
	secs := time.Since(start).Seconds()
	fmt.Fprintf(stdout, "WARC: %d records, %d documents, %d problems in %.1f s: %.0f records/s, %.1f pages/s with %d workers\n",
		n, docs, problems, secs, float64(n)/secs, float64(docs)/secs, workers)
	return 0
}
