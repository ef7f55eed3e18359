// Package ingest reads raw news documents from files, directories, JSON
// Lines, web pages and WARC crawls, and reports every input it had to skip
// or repair.
//
// Formats are recognised by extension and by content: .txt (one document
// per file), .jsonl (one document per line), .html/.htm (one web page,
// whose article is extracted), .warc (a crawl: one document per HTML
// response record), any of them gzip-compressed. Bad input never stops
// the walk: it becomes a Problem and the rest is read.
package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/klauspost/compress/gzip"

	"github.com/newsfold/newsfold/news"
)

// Options controls reading.
type Options struct {
	// MaxBytes is the largest input (after decompression) that is read: a
	// .txt or .html file, a JSONL line, a WARC record. A larger one is
	// skipped with a Problem.
	MaxBytes int64
	// MaxPageBytes is the largest web page whose article is extracted;
	// extraction takes about ten times a page's size in memory. A larger
	// page is skipped with a Problem; 0 means MaxBytes.
	MaxPageBytes int64
	// MaxRatio is the largest decompression ratio accepted for a gzip
	// stream of JSON Lines or WARC records, which are read as streams and
	// so are not bounded by MaxBytes as a whole. Beyond it the stream is
	// taken as a gzip bomb and reading stops. Text compresses about 3 to
	// 10 times; 0 means no limit.
	MaxRatio int64
	// Workers is the number of web pages extracted at the same time; 0
	// means GOMAXPROCS. The order of documents and problems does not
	// depend on it.
	Workers int
	// Stdin is what the path "-" reads; nil means os.Stdin.
	Stdin io.Reader
	// Igzip is the path of igzip, from Intel's ISA-L (Debian's package
	// isal), which decompresses gzip files of a megabyte and more in a
	// process of its own, about four times as fast as the in-process
	// reader; empty reads every file in-process. What is read does not
	// depend on it.
	Igzip string
}

// DefaultOptions returns the defaults used by the CLI.
func DefaultOptions() Options {
	return Options{MaxBytes: 64 << 20, MaxPageBytes: 8 << 20, MaxRatio: 200}
}

// Problem is an input, or part of one, that was skipped or repaired.
type Problem struct {
	Origin string // path, path:line or path#recordN
	Err    error
	// Warning is true when the input was repaired or partly read and its
	// document was still emitted (invalid UTF-8 decoded, a truncated gzip
	// stream kept up to the damage, WARC records that hold no page), and
	// false when something was skipped.
	Warning bool
}

func (p Problem) String() string {
	if p.Warning {
		return fmt.Sprintf("%s: warning: %v", p.Origin, p.Err)
	}
	return fmt.Sprintf("%s: %v", p.Origin, p.Err)
}

// result is one item of Walk's ordered output: a document, problems, or
// both.
type result struct {
	doc   *news.Document
	probs []Problem
}

// walker produces Walk's output as an ordered sequence of futures, so that
// web pages can be extracted in parallel while documents and problems come
// out in input order.
type walker struct {
	opts Options
	out  chan chan []result
	sem  chan struct{}
}

// Walk reads every document under paths ("-" is JSONL on stdin), in the
// order given, directories recursively in sorted order (skipping entries
// whose names start with a dot), calling emit for each document and
// problem for each skipped or repaired input. Both callbacks are called
// from Walk's goroutine, in an order that depends only on the input. A
// document whose ID was already emitted is skipped with a Problem.
func Walk(paths []string, opts Options, emit func(news.Document), problem func(Problem)) {
	run(opts, func(w *walker) {
		for _, p := range paths {
			w.path(p)
		}
	}, emit, problem)
}

// ReadStream reads the documents of one input stream, as Walk reads a
// file: name gives the extension (and the id of a one-document input),
// the format is recognised by it and by content.
func ReadStream(name string, r io.Reader, opts Options, emit func(news.Document), problem func(Problem)) {
	run(opts, func(w *walker) { w.stream(name, name, r, -1, formatUnknown) }, emit, problem)
}

// run runs produce on a walker and passes its output, in order, to emit
// and problem.
func run(opts Options, produce func(*walker), emit func(news.Document), problem func(Problem)) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultOptions().MaxBytes
	}
	if opts.MaxPageBytes <= 0 || opts.MaxPageBytes > opts.MaxBytes {
		opts.MaxPageBytes = opts.MaxBytes
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	w := &walker{opts: opts, out: make(chan chan []result, 4*workers), sem: make(chan struct{}, workers)}
	go func() {
		produce(w)
		close(w.out)
	}()
	seen := make(map[string]string)
	for fut := range w.out {
		for _, r := range <-fut {
			for _, p := range r.probs {
				problem(p)
			}
			if r.doc == nil {
				continue
			}
			if first, ok := seen[r.doc.ID]; ok {
				problem(Problem{Origin: r.doc.Origin, Err: fmt.Errorf("duplicate id %q (first read from %s)", r.doc.ID, first)})
				continue
			}
			seen[r.doc.ID] = r.doc.Origin
			emit(*r.doc)
		}
	}
}

// send queues a ready result.
func (w *walker) send(r result) {
	c := make(chan []result, 1)
	c <- []result{r}
	w.out <- c
}

// report queues a problem.
func (w *walker) report(origin string, err error, warning bool) {
	w.send(result{probs: []Problem{{Origin: origin, Err: err, Warning: warning}}})
}

// async queues a result computed by f on a worker.
func (w *walker) async(f func() result) {
	w.asyncAll(func() []result { return []result{f()} })
}

// asyncAll queues the results, in order, that f computes on a worker:
// small records go to workers in batches, since a goroutine and a
// handover for each would cost more in waking goroutines than parsing
// them does.
func (w *walker) asyncAll(f func() []result) {
	c := make(chan []result, 1)
	w.sem <- struct{}{}
	go func() {
		defer func() { <-w.sem }()
		c <- f()
	}()
	w.out <- c
}

// later queues a result computed by f without taking a worker, for
// summaries that wait for other jobs.
func (w *walker) later(f func() result) {
	c := make(chan []result, 1)
	go func() { c <- []result{f()} }()
	w.out <- c
}

func (w *walker) path(p string) {
	if p == "-" {
		in := w.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		w.stream("stdin", "-", in, -1, formatJSONL)
		return
	}
	info, err := os.Stat(p)
	if err != nil {
		w.report(p, cleanPathErr(err), false)
		return
	}
	if !info.IsDir() {
		w.file(p, info)
		return
	}
	files := 0
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.report(path, cleanPathErr(err), false)
			return nil
		}
		if path != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			w.report(path, cleanPathErr(err), false)
			return nil
		}
		if !info.Mode().IsRegular() {
			if info.Mode()&fs.ModeSymlink != 0 {
				if info, err = os.Stat(path); err != nil {
					w.report(path, cleanPathErr(err), false)
					return nil
				}
				if info.IsDir() {
					return nil // not followed: avoids cycles
				}
			} else {
				return nil
			}
		}
		files++
		w.file(path, info)
		return nil
	})
	if err != nil {
		w.report(p, err, false)
	}
	if files == 0 {
		w.report(p, errors.New("directory holds no input files"), true)
	}
}

// cleanPathErr drops the path from an *fs.PathError, since the Problem
// already names it.
func cleanPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, fs.ErrNotExist) {
			return errors.New("no such file or directory")
		}
		return fmt.Errorf("cannot read: %v", pe.Err)
	}
	return err
}

// Input formats.
const (
	formatUnknown = iota
	formatText
	formatJSONL
	formatHTML
	formatWARC
)

// formatByExt returns the format named by a file name's extension, with
// any .gz already removed.
func formatByExt(name string) int {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".text":
		return formatText
	case ".jsonl", ".ndjson", ".jsonlines":
		return formatJSONL
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".warc":
		return formatWARC
	}
	return formatUnknown
}

// sniff recognises a format from the first bytes of (decompressed)
// content.
func sniff(head []byte) int {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return formatWARC
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) > 0 && t[0] == '{' {
		return formatJSONL
	}
	if looksHTML(t) {
		return formatHTML
	}
	return formatText
}

// looksHTML reports whether text starts like an HTML document.
func looksHTML(t []byte) bool {
	l := bytes.ToLower(t)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<?xml", "<!--", "<meta", "<body"} {
		if bytes.HasPrefix(l, []byte(p)) {
			return p != "<?xml" && p != "<!--" || bytes.Contains(l, []byte("<html"))
		}
	}
	return false
}

// docID is a file's document id: its name without .gz and without its
// format extension.
func docID(path string) string {
	name := filepath.Base(path)
	for _, ext := range []string{".gz", ".gzip"} {
		if strings.HasSuffix(strings.ToLower(name), ext) && len(name) > len(ext) {
			name = name[:len(name)-len(ext)]
		}
	}
	if ext := filepath.Ext(name); ext != "" && len(ext) < len(name) {
		name = name[:len(name)-len(ext)]
	}
	return name
}

// file reads one regular file.
func (w *walker) file(path string, info fs.FileInfo) {
	f, err := os.Open(path)
	if err != nil {
		w.report(path, cleanPathErr(err), false)
		return
	}
	defer f.Close()
	w.stream(path, path, f, info.Size(), formatUnknown)
}

// stream reads one input from r. size is its size on disk, or -1 when
// unknown; format is forced when not formatUnknown.
func (w *walker) stream(origin, name string, r io.Reader, size int64, format int) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(2)
	if err != nil && len(head) == 0 {
		if err == io.EOF {
			w.report(origin, errors.New("empty file"), false)
		} else {
			w.report(origin, cleanPathErr(err), false)
		}
		return
	}
	var src io.Reader = br
	var gz *gzipReader
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			w.report(origin, fmt.Errorf("corrupt gzip header: %v", err), false)
			return
		}
		gz = &gzipReader{zr: zr}
		if f, ok := r.(*os.File); ok && w.opts.Igzip != "" && size >= igzipFrom {
			// The header has been read in-process, so that a damaged
			// one is reported as without igzip.
			if ig, err := startIgzip(w.opts.Igzip, f); err == nil {
				defer ig.Close()
				gz.zr = ig
			}
		}
		src = gz
	}
	// A stream of JSON Lines or WARC records is read as it comes, so its
	// size is not bounded by MaxBytes as a whole, only by the ratio.
	var lim *ratioLimiter
	if gz != nil && size > 0 && w.opts.MaxRatio > 0 {
		lim = &ratioLimiter{r: src, n: size*w.opts.MaxRatio + w.opts.MaxBytes}
		src = lim
	}
	inner := bufio.NewReaderSize(src, 64<<10)
	head, _ = inner.Peek(512)
	if format == formatUnknown {
		format = formatByExt(strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ"))
		switch c := sniff(head); {
		case format == formatUnknown:
			format = c
		case format == formatText && c == formatHTML:
			format = formatHTML
		case c == formatWARC:
			format = formatWARC
		}
	}
	if len(head) == 0 {
		if gz != nil && gz.err != nil {
			w.report(origin, fmt.Errorf("corrupt gzip stream: %v", gz.err), false)
		} else {
			w.report(origin, errors.New("empty file"), false)
		}
		return
	}
	switch format {
	case formatJSONL, formatWARC:
		if format == formatJSONL {
			w.jsonl(origin, inner)
		} else {
			w.warc(origin, inner)
		}
		if lim != nil && lim.hit {
			w.report(origin, fmt.Errorf("decompressed size exceeds %d times the compressed size: stopped reading (gzip bomb?)", w.opts.MaxRatio), false)
		}
	default:
		data, err := readLimited(inner, w.opts.MaxBytes)
		switch {
		case err != nil && err != errTooLarge:
			w.report(origin, cleanPathErr(err), false)
			return
		case err != nil:
			if gz != nil {
				w.report(origin, fmt.Errorf("decompressed size exceeds the %d-byte limit (gzip bomb?)", w.opts.MaxBytes), false)
			} else {
				w.report(origin, fmt.Errorf("larger than the %d-byte limit", w.opts.MaxBytes), false)
			}
			return
		}
		id := docID(name)
		if format == formatHTML {
			w.htmlFile(origin, id, data)
		} else {
			w.textFile(origin, id, data)
		}
	}
	if gz != nil && gz.err != nil {
		w.report(origin, fmt.Errorf("damaged gzip stream (%v): kept the %d bytes read before the damage", gz.err, gz.n), true)
	}
}

// errTooLarge reports input over Options.MaxBytes.
var errTooLarge = errors.New("input too large")

// readLimited reads all of r, failing with errTooLarge beyond max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, errTooLarge
	}
	return data, nil
}

// gzipReader reads a gzip stream and ends it cleanly at the first damage
// (truncation, bad checksum, corrupt data), remembering the error, so that
// what came before the damage is still read.
type gzipReader struct {
	zr  io.Reader // a *gzip.Reader or an *igzipReader
	err error
	n   int64
}

func (g *gzipReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, io.EOF
	}
	n, err := g.zr.Read(p)
	g.n += int64(n)
	if err != nil && err != io.EOF {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = errors.New("truncated")
		}
		g.err = err
		err = io.EOF
	}
	return n, err
}

// ratioLimiter stops a stream after n bytes, remembering that it did.
type ratioLimiter struct {
	r   io.Reader
	n   int64
	hit bool
}

func (l *ratioLimiter) Read(p []byte) (int, error) {
	if l.n <= 0 {
		l.hit = true
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// textFile emits a .txt document.
func (w *walker) textFile(origin, id string, data []byte) {
	text, rep, err := DecodeText(data)
	if err != nil {
		w.report(origin, fmt.Errorf("%v", err), false)
		return
	}
	if strings.TrimSpace(text) == "" {
		w.report(origin, errors.New("empty file"), false)
		return
	}
	r := result{doc: &news.Document{ID: id, Origin: origin, Text: text}}
	if s := rep.String(); s != "" {
		r.probs = append(r.probs, Problem{Origin: origin, Err: errors.New(s), Warning: true})
	}
	w.send(r)
}

// htmlFile extracts the article of a web page file on a worker.
func (w *walker) htmlFile(origin, id string, data []byte) {
	if w.pageTooLarge(origin, len(data)) {
		return
	}
	w.async(func() result {
		return pageResult(origin, id, Page{HTML: data}, news.Document{})
	})
}

// pageTooLarge reports, and says whether, a page is over MaxPageBytes.
func (w *walker) pageTooLarge(origin string, n int) bool {
	err := w.pageLimit(n)
	if err != nil {
		w.report(origin, err, false)
	}
	return err != nil
}

// pageLimit says why a page of n bytes is not extracted, or returns nil.
func (w *walker) pageLimit(n int) error {
	if int64(n) <= w.opts.MaxPageBytes {
		return nil
	}
	return fmt.Errorf("web page larger than the %d-byte limit", w.opts.MaxPageBytes)
}

// pageResult extracts a page into a document with the given id, filling
// hints that are empty in given from the page.
func pageResult(origin, id string, p Page, given news.Document) (r result) {
	defer func() {
		// The extraction libraries are third-party code run on hostile
		// input: a panic there skips the page, not the whole run.
		if e := recover(); e != nil {
			r = result{probs: []Problem{{Origin: origin, Err: fmt.Errorf("HTML extraction failed: %v", e)}}}
		}
	}()
	x, err := ExtractPage(p)
	if s := x.Repair.String(); s != "" {
		r.probs = append(r.probs, Problem{Origin: origin, Err: errors.New(s), Warning: true})
	}
	if err != nil {
		r.probs = append(r.probs, Problem{Origin: origin, Err: fmt.Errorf("%w", err)})
		return r
	}
	d := x.Doc
	d.ID, d.Origin = id, origin
	d.Title = or(given.Title, d.Title)
	d.Date = or(given.Date, d.Date)
	d.Source = or(given.Source, d.Source)
	d.URL = or(given.URL, d.URL)
	r.doc = &d
	return r
}
