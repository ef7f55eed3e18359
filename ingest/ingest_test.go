package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/measure"
	"github.com/newsfold/newsfold/news"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// articleHTML is a small news page with boilerplate around the article.
func articleHTML(title, marker string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2019-04-25T10:00:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/2019/04/25/%s"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>%s</h1>`, title, marker, title)
	for i := range 6 {
		fmt.Fprintf(&b, "<p>Paragraph %d of the %s story: the leaders met on Thursday in a summit that lasted several hours, and officials said talks covered trade, security and the future of the region.</p>\n", i+1, marker)
	}
	b.WriteString(`</article><footer><p>Copyright Daily Example. All rights reserved.</p></footer></body></html>`)
	return b.String()
}

// warcRecord builds one WARC record.
func warcRecord(typ, id, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2019-04-25T12:00:00Z\r\n", typ, id)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(status int, contentType string, body []byte) []byte {
	return append([]byte(fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", status, contentType, len(body))), body...)
}

// sampleWARC is a crawl with two article pages and records to skip.
func sampleWARC() []byte {
	var b bytes.Buffer
	b.Write(warcRecord("warcinfo", "00000000-0000-0000-0000-000000000000", "", "application/warc-fields", []byte("software: test\r\n")))
	b.Write(warcRecord("request", "00000000-0000-0000-0000-000000000001", "https://news.example.com/a", "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\n\r\n")))
	b.Write(warcRecord("response", "00000000-0000-0000-0000-00000000000a", "https://news.example.com/a", "application/http; msgtype=response",
		httpResponse(200, "text/html; charset=utf-8", []byte(articleHTML("Summit opens", "alpha")))))
	b.Write(warcRecord("response", "00000000-0000-0000-0000-00000000000b", "https://news.example.com/logo.png", "application/http; msgtype=response",
		httpResponse(200, "image/png", []byte("\x89PNG\r\n"))))
	b.Write(warcRecord("response", "00000000-0000-0000-0000-00000000000c", "https://news.example.com/c", "application/http; msgtype=response",
		httpResponse(200, "text/html", []byte(articleHTML("Summit closes", "gamma")))))
	return b.Bytes()
}

type walkResult struct {
	ids      []string
	docs     []news.Document
	problems []Problem
}

func walk(t *testing.T, paths []string, opts Options) walkResult {
	t.Helper()
	var r walkResult
	Walk(paths, opts, func(d news.Document) {
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.HTML) || !utf8.ValidString(d.Title) {
			t.Errorf("%s: invalid UTF-8 emitted", d.Origin)
		}
		r.ids = append(r.ids, d.ID)
		r.docs = append(r.docs, d)
	}, func(p Problem) { r.problems = append(r.problems, p) })
	return r
}

func TestWalkInputs(t *testing.T) {
	longLine := `{"id":"big","text":"` + strings.Repeat("x", 2000) + `"}`
	bigGzip := gz(bytes.Repeat([]byte("all work and no play "), 100000))
	truncated := gz([]byte(strings.Repeat("The summit lasted nearly five hours. ", 2000)))
	truncated = truncated[:len(truncated)/2]
	manyLines := gz(bytes.Repeat([]byte("\n"), 5<<20))
	broken := sampleWARC()
	cut := bytes.LastIndex(broken, []byte("WARC/1.0")) + 200

	tests := []struct {
		name  string
		files map[string][]byte
		paths []string // relative to the temporary directory; default: the directory
		opts  func(*Options)
		ids   []string
		// problems are substrings expected in the problems, in order;
		// a leading "W " marks a warning.
		problems []string
		check    func(t *testing.T, r walkResult)
	}{
		{name: "missing path", paths: []string{"nope.txt"}, problems: []string{"nope.txt: no such file"}},
		{name: "empty directory", files: map[string][]byte{".hidden": []byte("x")}, problems: []string{"W directory holds no input files"}},
		{name: "text file", files: map[string][]byte{"a.txt": []byte("Hello world.\n")}, ids: []string{"a"}},
		{name: "sorted recursive directories, dot files skipped", files: map[string][]byte{
			"b/z.txt": []byte("z"), "b/a.txt": []byte("a"), "a.txt": []byte("x"), ".hidden.txt": []byte("h"), ".git/c.txt": []byte("c"),
		}, ids: []string{"a", "z"}, problems: []string{"duplicate id \"a\""}},
		{name: "gzip text", files: map[string][]byte{"a.txt.gz": gz([]byte("Hello."))}, ids: []string{"a"}},
		{name: "gzip by content", files: map[string][]byte{"a.txt": gz([]byte("Hello."))}, ids: []string{"a"}},
		{name: "binary NUL", files: map[string][]byte{"a.txt": []byte("abc\x00def")}, problems: []string{"a.txt: binary content"}},
		{name: "binary controls", files: map[string][]byte{"a.bin": bytes.Repeat([]byte{1, 2, 3, 'a'}, 100)}, problems: []string{"binary content"}},
		{name: "windows-1252", files: map[string][]byte{"a.txt": []byte("Caf\xe9 \x93quoted\x94 \x96 ok")},
			ids: []string{"a"}, problems: []string{"W a.txt: warning: invalid UTF-8: 4 bytes decoded as Windows-1252"},
			check: func(t *testing.T, r walkResult) {
				if got := r.docs[0].Text; got != "Café “quoted” – ok" {
					t.Errorf("text = %q", got)
				}
			}},
		{name: "broken UTF-8 sequence", files: map[string][]byte{"a.txt": []byte("ab\xe2\x82 cd")},
			ids: []string{"a"}, problems: []string{"W 2 bytes replaced with U+FFFD"},
			check: func(t *testing.T, r walkResult) {
				if got := r.docs[0].Text; got != "ab\uFFFD cd" {
					t.Errorf("text = %q", got)
				}
			}},
		{name: "UTF-16", files: map[string][]byte{"a.txt": {0xFF, 0xFE, 'h', 0, 'i', 0}}, ids: []string{"a"},
			check: func(t *testing.T, r walkResult) {
				if r.docs[0].Text != "hi" {
					t.Errorf("text = %q", r.docs[0].Text)
				}
			}},
		{name: "empty file", files: map[string][]byte{"a.txt": nil, "b.txt": []byte(" \n\t\n"), "c.jsonl": []byte("\n\n")},
			problems: []string{"a.txt: empty file", "b.txt: empty file", "c.jsonl: no JSON records"}},
		{name: "jsonl", files: map[string][]byte{"a.jsonl": []byte(
			`{"id":"x1","text":"First.","title":"T","date":"2019-04-25","source":"S","url":"https://e.com/x"}` + "\n" +
				`{"id":"x2","text":"Second"` + "\n" +
				"\n" +
				`{"id":"x3","text":"Third."}` + "\r\n" +
				`{"id":7,"text":"Number id."}`)},
			ids: []string{"x1", "x3", "7"}, problems: []string{"a.jsonl:2: malformed JSON"},
			check: func(t *testing.T, r walkResult) {
				want := news.Document{ID: "x1", Origin: filepath.Join(r.docs[0].Origin[:len(r.docs[0].Origin)-len("a.jsonl:1")], "a.jsonl:1"),
					Text: "First.", Title: "T", Date: "2019-04-25", Source: "S", URL: "https://e.com/x"}
				if !reflect.DeepEqual(r.docs[0], want) {
					t.Errorf("doc = %+v, want %+v", r.docs[0], want)
				}
			}},
		{name: "jsonl missing fields", files: map[string][]byte{"a.jsonl": []byte(
			`{"text":"no id"}` + "\n" + `{"id":"a"}` + "\n" + `{"id":"b","text":"  "}` + "\n" + `[1,2]` + "\n" + `{"id":{"x":1},"text":"t"}` + "\n" + `{"id":"c","text":5}` + "\n")},
			problems: []string{`a.jsonl:1: missing "id"`, `a.jsonl:2: record "a" has no "text" or "html"`, `a.jsonl:3: record "b" has no`, "a.jsonl:4: malformed record", `a.jsonl:5: "id" must be`, `a.jsonl:6: malformed record: "text"`}},
		{name: "jsonl bad date and invalid UTF-8", files: map[string][]byte{"a.jsonl": []byte(`{"id":"a","text":"caf` + "\xe9" + `","date":"April 25"}`)},
			ids: []string{"a"}, problems: []string{"W a.jsonl:1: warning: invalid UTF-8", `W date "April 25" is not`},
			check: func(t *testing.T, r walkResult) {
				if r.docs[0].Text != "café" || r.docs[0].Date != "" {
					t.Errorf("doc = %+v", r.docs[0])
				}
			}},
		{name: "jsonl without extension", files: map[string][]byte{"records": []byte(`{"id":"r","text":"x"}`)}, ids: []string{"r"}},
		{name: "duplicate ids", files: map[string][]byte{"a.jsonl": []byte(`{"id":"d","text":"one"}` + "\n" + `{"id":"d","text":"two"}`)},
			ids: []string{"d"}, problems: []string{`a.jsonl:2: duplicate id "d" (first read from`},
			check: func(t *testing.T, r walkResult) {
				if r.docs[0].Text != "one" {
					t.Errorf("kept %q, want the first", r.docs[0].Text)
				}
			}},
		{name: "over MaxBytes", files: map[string][]byte{"a.txt": bytes.Repeat([]byte("a"), 2000), "b.txt": []byte("b"), "c.jsonl": []byte(longLine + "\n" + `{"id":"c","text":"small"}`)},
			opts: func(o *Options) { o.MaxBytes = 1000 }, ids: []string{"b", "c"},
			problems: []string{"a.txt: larger than the 1000-byte limit", "c.jsonl:1: line longer than the 1000-byte limit"}},
		{name: "JSON lines parsed in batches keep their order", files: map[string][]byte{"a.jsonl": batchedLines(150, 70, 100)},
			opts: func(o *Options) { o.MaxBytes = 1000 }, ids: batchedIDs(150, 70, 100),
			problems: []string{"a.jsonl:70: malformed JSON", "a.jsonl:100: line longer than the 1000-byte limit"}},
		{name: "gzip bomb", files: map[string][]byte{"a.txt.gz": bigGzip}, opts: func(o *Options) { o.MaxBytes = 1 << 20 },
			problems: []string{"decompressed size exceeds the 1048576-byte limit"}},
		{name: "gzip bomb of lines", files: map[string][]byte{"a.jsonl.gz": manyLines}, opts: func(o *Options) { o.MaxRatio, o.MaxBytes = 100, 1000 },
			problems: []string{"no JSON records", "decompressed size exceeds 100 times"}},
		{name: "truncated gzip", files: map[string][]byte{"a.txt.gz": truncated}, ids: []string{"a"},
			problems: []string{"W a.txt.gz: warning: damaged gzip stream (truncated): kept the"},
			check: func(t *testing.T, r walkResult) {
				if !strings.HasPrefix(r.docs[0].Text, "The summit lasted") {
					t.Errorf("text = %.40q", r.docs[0].Text)
				}
			}},
		{name: "corrupt gzip header", files: map[string][]byte{"a.txt.gz": {0x1f, 0x8b, 0, 0}}, problems: []string{"corrupt gzip header"}},
		{name: "html", files: map[string][]byte{"page.html": []byte(articleHTML("Summit opens", "alpha"))}, ids: []string{"page"},
			check: func(t *testing.T, r walkResult) {
				d := r.docs[0]
				if !strings.HasPrefix(d.Text, "Paragraph 1 of the alpha story") || strings.Contains(d.Text, "Copyright") || strings.Contains(d.Text, "Home") {
					t.Errorf("text = %q", d.Text)
				}
				if strings.Count(d.Text, "\n\n") != 5 {
					t.Errorf("want 6 paragraphs, text = %q", d.Text)
				}
				if d.Title != "Summit opens" || d.Date != "2019-04-25" || d.Byline != "Jane Reporter" || d.Source != "Daily Example" ||
					d.URL != "https://news.example.com/2019/04/25/alpha" || d.Language != "en" || d.HTML == "" {
					t.Errorf("metadata = %+v", d)
				}
			}},
		{name: "huge page", files: map[string][]byte{"a.html": []byte(articleHTML("Summit opens", "alpha")), "b.jsonl": []byte(fmt.Sprintf(`{"id":"h","html":%q}`, articleHTML("Summit", "beta")))},
			opts: func(o *Options) { o.MaxPageBytes = 1000 }, problems: []string{"a.html: web page larger than the 1000-byte limit", "b.jsonl:1: web page larger"}},
		{name: "html by content, gzipped", files: map[string][]byte{"page": gz([]byte(articleHTML("Summit opens", "alpha")))}, ids: []string{"page"}},
		{name: "html with no article", files: map[string][]byte{"a.html": []byte("<html><body><nav></nav></body></html>")},
			problems: []string{"a.html: no article text found"}},
		{name: "html in Windows-1252", files: map[string][]byte{"a.htm": []byte(strings.Replace(strings.Replace(articleHTML("Caf\xe9 news", "alpha"), `charset="utf-8"`, `charset="windows-1252"`, 1), "Paragraph 1", "Caf\xe9 \x93one\x94", 1))},
			ids: []string{"a"}, check: func(t *testing.T, r walkResult) {
				if !strings.HasPrefix(r.docs[0].Text, "Café “one”") || r.docs[0].Title != "Café news" {
					t.Errorf("doc = %q %q", r.docs[0].Title, r.docs[0].Text[:20])
				}
			}},
		{name: "jsonl html", files: map[string][]byte{"a.jsonl": []byte(fmt.Sprintf(`{"id":"h","html":%q,"source":"Given"}`, articleHTML("Summit opens", "alpha")))},
			ids: []string{"h"}, check: func(t *testing.T, r walkResult) {
				d := r.docs[0]
				if d.Source != "Given" || d.Title != "Summit opens" || !strings.HasPrefix(d.Text, "Paragraph 1") {
					t.Errorf("doc = %+v", d)
				}
			}},
		{name: "warc", files: map[string][]byte{"crawl.warc.gz": gz(sampleWARC())},
			ids:      []string{"00000000-0000-0000-0000-00000000000a", "00000000-0000-0000-0000-00000000000c"},
			problems: []string{"W skipped 3 records that hold no article: 1 non-HTML responses, 1 request records, 1 warcinfo records"},
			check: func(t *testing.T, r walkResult) {
				d := r.docs[0]
				if !strings.HasSuffix(d.Origin, "crawl.warc.gz#record3") || !strings.HasPrefix(d.Text, "Paragraph 1 of the alpha") {
					t.Errorf("doc = %+v", d)
				}
			}},
		{name: "truncated warc", files: map[string][]byte{"crawl.warc": broken[:cut]},
			ids:      []string{"00000000-0000-0000-0000-00000000000a"},
			problems: []string{"crawl.warc: WARC damaged in record 5 at byte", "W skipped 3 records"}},
		{name: "corrupt warc", files: map[string][]byte{"crawl.warc": append(sampleWARC()[:len(warcRecord("warcinfo", "00000000-0000-0000-0000-000000000000", "", "application/warc-fields", []byte("software: test\r\n")))], "garbage here\r\n"...)},
			problems: []string{`WARC damaged in record 2 at byte`, "W skipped 1 records"}},
	}
	for _, reader := range gzipReaders(t) {
		for _, tc := range tests {
			t.Run(reader.name+"/"+tc.name, func(t *testing.T) {
				testWalkInput(t, tc.files, tc.paths, func(o *Options) {
					o.Igzip = reader.igzip
					if tc.opts != nil {
						tc.opts(o)
					}
				}, tc.ids, tc.problems, tc.check)
			})
		}
	}
}

// gzipReaders are the ways of reading gzip files to test: in-process,
// and with igzip when it is installed. While the test runs, igzip reads
// gzip files of every size.
func gzipReaders(t *testing.T) []struct{ name, igzip string } {
	readers := []struct{ name, igzip string }{{"in-process", ""}}
	if path := FindIgzip(); path != "" {
		readers = append(readers, struct{ name, igzip string }{"igzip", path})
		from := igzipFrom
		igzipFrom = 0
		t.Cleanup(func() { igzipFrom = from })
	} else {
		t.Log("igzip is not installed (Debian's package isal): gzip files are read in-process only")
	}
	return readers
}

// testWalkInput walks files, written to a temporary directory, and checks
// what it reads: problems are substrings expected in the problems, in
// order, a leading "W " marking a warning.
func testWalkInput(t *testing.T, files map[string][]byte, relPaths []string, setOpts func(*Options), ids, problems []string, check func(*testing.T, walkResult)) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{dir}
	if relPaths != nil {
		paths = nil
		for _, p := range relPaths {
			paths = append(paths, filepath.Join(dir, p))
		}
	}
	opts := DefaultOptions()
	setOpts(&opts)
	r := walk(t, paths, opts)
	if !reflect.DeepEqual(r.ids, ids) {
		t.Errorf("ids = %q, want %q", r.ids, ids)
	}
	if len(r.problems) != len(problems) {
		t.Errorf("problems = %q, want %d", r.problems, len(problems))
	}
	for i, want := range problems {
		if i >= len(r.problems) {
			break
		}
		p := r.problems[i]
		warn := strings.HasPrefix(want, "W ")
		want = strings.TrimPrefix(want, "W ")
		if !strings.Contains(p.String(), want) || p.Warning != warn {
			t.Errorf("problem %d = %q (warning %v), want %q (warning %v)", i, p, p.Warning, want, warn)
		}
	}
	if check != nil && len(r.docs) > 0 {
		check(t, r)
	}
}

func TestUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	os.WriteFile(p, []byte("x"), 0o000)
	r := walk(t, []string{p}, DefaultOptions())
	if len(r.problems) != 1 || !strings.Contains(r.problems[0].String(), "cannot read") {
		t.Errorf("problems = %q", r.problems)
	}
}

func TestBrokenSymlink(t *testing.T) {
	dir := t.TempDir()
	os.Symlink(filepath.Join(dir, "gone"), filepath.Join(dir, "a.txt"))
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("b"), 0o644)
	r := walk(t, []string{dir}, DefaultOptions())
	if !reflect.DeepEqual(r.ids, []string{"b"}) || len(r.problems) != 1 || !strings.Contains(r.problems[0].String(), "a.txt: no such file") {
		t.Errorf("ids %q problems %q", r.ids, r.problems)
	}
}

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "in")
	os.WriteFile(p, []byte(`{"id":"s1","text":"one"}`+"\n"+`oops`+"\n"), 0o644)
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	r := walk(t, []string{"-"}, DefaultOptions())
	if !reflect.DeepEqual(r.ids, []string{"s1"}) || len(r.problems) != 1 || !strings.HasPrefix(r.problems[0].String(), "stdin:2: malformed JSON") {
		t.Errorf("ids %q problems %q", r.ids, r.problems)
	}
}

func TestSample(t *testing.T) {
	r := walk(t, []string{"../testdata/kim-putin-2019"}, DefaultOptions())
	want := []string{"000_3526b2fb6d637493", "001_26f50ae8564aade0", "002_e3194376fc50fe14", "003_d4672ff891c8bbe5", "004_dcb0ebbd7a129cf0"}
	if !reflect.DeepEqual(r.ids, want) || len(r.problems) != 0 {
		t.Fatalf("ids %q problems %q", r.ids, r.problems)
	}
	for _, d := range r.docs {
		b, _ := os.ReadFile(filepath.Join("../testdata/kim-putin-2019", d.ID+".txt"))
		if d.Text != string(b) {
			t.Errorf("%s: text differs from the file", d.ID)
		}
	}
}

// TestDeterministic checks that the output does not depend on the number
// of workers.
func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := range 12 {
		lines = append(lines, fmt.Sprintf(`{"id":"h%d","html":%q}`, i, articleHTML("Title", fmt.Sprintf("m%d", i))))
		if i%3 == 0 {
			lines = append(lines, "bad line")
		}
	}
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(strings.Join(lines, "\n")), 0o644)
	os.WriteFile(filepath.Join(dir, "b.warc"), sampleWARC(), 0o644)
	var outs []string
	for _, workers := range []int{1, 2, 5} {
		opts := DefaultOptions()
		opts.Workers = workers
		r := walk(t, []string{dir}, opts)
		outs = append(outs, fmt.Sprint(r.docs, r.problems))
	}
	if outs[0] != outs[1] || outs[0] != outs[2] {
		t.Error("output depends on the number of workers")
	}
}

// batchedLines returns n JSON lines with ids r1, r2, ..., more than one
// batch of them, where line bad is malformed and line long too long for a
// 1000-byte limit.
func batchedLines(n, bad, long int) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		switch i {
		case bad:
			b.WriteString(`{"id":"broken",` + "\n")
		case long:
			fmt.Fprintf(&b, `{"id":"r%d","text":"%s"}`+"\n", i, strings.Repeat("x", 1000))
		default:
			fmt.Fprintf(&b, `{"id":"r%d","text":"Text of record %d.\n\nA second paragraph."}`+"\n", i, i)
		}
	}
	return b.Bytes()
}

// batchedIDs returns the ids of the records of batchedLines that are read.
func batchedIDs(n, bad, long int) []string {
	var ids []string
	for i := 1; i <= n; i++ {
		if i != bad && i != long {
			ids = append(ids, fmt.Sprintf("r%d", i))
		}
	}
	return ids
}

// BenchmarkReadJSONL reads 20,000 records of 1-8 kB, keeping the
// documents as the pipeline does, so that the memory they hold is fresh.
func BenchmarkReadJSONL(b *testing.B) {
	var in bytes.Buffer
	para := `Kim Jong Un met Vladimir Putin in Vladivostok on Thursday, \"vowing\" closer ties.\n\n`
	for i := range 20000 {
		fmt.Fprintf(&in, `{"id":"synthetic-%05d","date":"2019-04-25","text":"%s"}`+"\n", i, strings.Repeat(para, 10+i%90))
	}
	b.SetBytes(int64(in.Len()))
	b.ResetTimer()
	cpu := measure.CPUTime()
	for range b.N {
		var docs []news.Document
		ReadStream("bench.jsonl", bytes.NewReader(in.Bytes()), DefaultOptions(), func(d news.Document) { docs = append(docs, d) }, func(p Problem) { b.Fatal(p) })
		if len(docs) != 20000 {
			b.Fatalf("%d documents", len(docs))
		}
	}
	b.ReportMetric(float64(measure.CPUTime()-cpu)/float64(b.N), "cpu-ns/op")
}
