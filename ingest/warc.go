package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/newsfold/newsfold/news"
)

// maxWARCHeader bounds the size of a WARC or HTTP header block.
const maxWARCHeader = 1 << 20

// WARCRecord is one record of a WARC file.
type WARCRecord struct {
	Number int   // 1-based position in the file
	Offset int64 // byte offset of the record in the uncompressed stream
	// Header holds the WARC named fields, keys in canonical form
	// ("Warc-Type", "Content-Length"); later duplicates are dropped.
	Header map[string]string
	Block  []byte // nil when the record was over the size limit
}

// Get returns a WARC header field, matching the name without regard to
// case.
func (r *WARCRecord) Get(name string) string { return r.Header[canonicalKey(name)] }

// WARCDamage reports a WARC stream that cannot be read past a point:
// everything before Offset was read.
type WARCDamage struct {
	Offset int64 // byte offset of the damage in the uncompressed stream
	Record int   // number of the record that is damaged
	Err    error
}

func (e *WARCDamage) Error() string {
	return fmt.Sprintf("WARC damaged in record %d at byte %d: %v", e.Record, e.Offset, e.Err)
}

// ErrRecordTooLarge is returned by WARCReader.Next with a record whose
// block was over the size limit and was skipped; reading can go on.
var ErrRecordTooLarge = errors.New("record over the size limit")

// WARCReader reads the records of an uncompressed WARC stream (a .warc.gz
// file is one after gzip decompression).
type WARCReader struct {
	br  *bufio.Reader
	off int64
	n   int
	max int64
	err error
}

// NewWARCReader returns a reader whose records' blocks hold at most max
// bytes.
func NewWARCReader(r io.Reader, max int64) *WARCReader {
	return &WARCReader{br: bufio.NewReaderSize(r, 64<<10), max: max}
}

// Next returns the next record. At the end of a well-formed stream it
// returns io.EOF; on damage (truncation, a malformed header) a
// *WARCDamage, after which it returns the same error again. A record over
// the size limit comes back with ErrRecordTooLarge and a nil Block.
func (r *WARCReader) Next() (*WARCRecord, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.next()
	if err != nil && err != ErrRecordTooLarge {
		r.err = err
	}
	return rec, err
}

func (r *WARCReader) damage(format string, args ...any) error {
	return &WARCDamage{Offset: r.off, Record: r.n, Err: fmt.Errorf(format, args...)}
}

// readLine reads one line, without its line ending, of at most limit
// bytes.
func (r *WARCReader) readLine(limit int) (string, error) {
	var line []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		r.off += int64(len(chunk))
		line = append(line, chunk...)
		if len(line) > limit {
			return "", errors.New("header line too long")
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF && len(line) > 0 {
				err = io.ErrUnexpectedEOF
			}
			return string(line), err
		}
		return strings.TrimRight(string(line), "\r\n"), nil
	}
}

func (r *WARCReader) next() (*WARCRecord, error) {
	// Skip blank lines between records.
	var version string
	var start int64
	for {
		start = r.off
		line, err := r.readLine(maxWARCHeader)
		if err == io.EOF {
			return nil, io.EOF
		}
		if err != nil {
			r.n++
			return nil, r.damage("truncated record header")
		}
		if strings.TrimSpace(line) != "" {
			version = line
			break
		}
	}
	r.n++
	rec := &WARCRecord{Number: r.n, Offset: start, Header: map[string]string{}}
	if !strings.HasPrefix(version, "WARC/") {
		return nil, r.damage("expected a WARC/1.x version line, found %q", abbreviate(version, 40))
	}
	size := len(version)
	var last string
	for {
		line, err := r.readLine(maxWARCHeader)
		if err != nil {
			return nil, r.damage("truncated record header")
		}
		if line == "" {
			break
		}
		if size += len(line); size > maxWARCHeader {
			return nil, r.damage("record header too long")
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			rec.Header[last] += " " + strings.TrimSpace(line)
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, r.damage("malformed header line %q", abbreviate(line, 40))
		}
		last = canonicalKey(name)
		if _, dup := rec.Header[last]; !dup {
			rec.Header[last] = strings.TrimSpace(value)
		}
	}
	length, err := strconv.ParseInt(rec.Get("Content-Length"), 10, 64)
	if err != nil || length < 0 {
		return nil, r.damage("missing or invalid Content-Length %q", rec.Get("Content-Length"))
	}
	var tooLarge bool
	if length > r.max {
		n, _ := io.CopyN(io.Discard, r.br, length)
		r.off += n
		if n < length {
			return nil, r.damage("truncated: the record declares %d bytes, %d are present", length, n)
		}
		tooLarge = true
	} else {
		rec.Block = make([]byte, length)
		n, _ := io.ReadFull(r.br, rec.Block)
		r.off += int64(n)
		if int64(n) < length {
			return nil, r.damage("truncated: the record declares %d bytes, %d are present", length, n)
		}
	}
	// The block is followed by two CRLFs; accept any run of line endings.
	for {
		b, err := r.br.Peek(1)
		if err != nil || b[0] != '\r' && b[0] != '\n' {
			break
		}
		r.br.Discard(1)
		r.off++
	}
	if tooLarge {
		return rec, ErrRecordTooLarge
	}
	return rec, nil
}

// canonicalKey is the canonical form of a header name: each word
// capitalised, the rest lower case.
func canonicalKey(name string) string {
	b := []byte(strings.ToLower(strings.TrimSpace(name)))
	up := true
	for i, c := range b {
		if up && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '-'
	}
	return string(b)
}

func abbreviate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}

// WARCPage returns the web page held by a WARC record: the HTML payload of
// a successful HTTP response record or of a resource record. When the
// record holds none it returns the reason, for counting skipped records.
func WARCPage(rec *WARCRecord, maxBytes int64) (Page, string) {
	typ := strings.ToLower(rec.Get("WARC-Type"))
	p := Page{URL: strings.Trim(rec.Get("WARC-Target-URI"), "<>")}
	switch typ {
	case "response":
		ct := strings.ToLower(rec.Get("Content-Type"))
		if !strings.HasPrefix(ct, "application/http") {
			return Page{}, "response records without HTTP"
		}
		status, hdr, body, err := parseHTTPResponse(rec.Block, maxBytes)
		if err != nil {
			return Page{}, "malformed HTTP responses"
		}
		if status < 200 || status > 299 {
			return Page{}, fmt.Sprintf("HTTP %d responses", status)
		}
		p.ContentType = hdr["Content-Type"]
		p.HTML = body
	case "resource":
		p.ContentType = rec.Get("Content-Type")
		p.HTML = rec.Block
	default:
		if typ == "" {
			typ = "untyped"
		}
		return Page{}, typ + " records"
	}
	mt, _, _ := mime.ParseMediaType(p.ContentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
	case "", "text/plain", "application/octet-stream":
		head := p.HTML
		if len(head) > 512 {
			head = head[:512]
		}
		if !looksHTML(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf")) {
			return Page{}, "non-HTML " + typ + "s"
		}
	default:
		return Page{}, "non-HTML " + typ + "s"
	}
	if len(bytes.TrimSpace(p.HTML)) == 0 {
		return Page{}, "empty " + typ + "s"
	}
	return p, ""
}

// WARCDocID is the document id of a WARC record: its WARC-Record-ID
// without the urn:uuid: wrapper, or, without one, a hash of its target
// URI and date.
func WARCDocID(rec *WARCRecord) string {
	id := strings.Trim(rec.Get("WARC-Record-ID"), "<> ")
	id = strings.TrimPrefix(id, "urn:uuid:")
	if id != "" {
		return id
	}
	h := sha256.Sum256([]byte(rec.Get("WARC-Target-URI") + "\x00" + rec.Get("WARC-Date")))
	return "warc-" + hex.EncodeToString(h[:8])
}

// parseHTTPResponse splits an HTTP response into status, headers
// (canonical keys, first value) and body, undoing chunked transfer coding
// and gzip or deflate content coding (the body is limited to max bytes).
func parseHTTPResponse(b []byte, max int64) (int, map[string]string, []byte, error) {
	br := bufio.NewReader(bytes.NewReader(b))
	status, err := br.ReadString('\n')
	if err != nil {
		return 0, nil, nil, errors.New("no status line")
	}
	f := strings.Fields(status)
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return 0, nil, nil, errors.New("bad status line")
	}
	code, err := strconv.Atoi(f[1])
	if err != nil {
		return 0, nil, nil, errors.New("bad status code")
	}
	hdr := map[string]string{}
	for {
		line, err := br.ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if name, value, ok := strings.Cut(line, ":"); ok {
			k := canonicalKey(name)
			if _, dup := hdr[k]; !dup {
				hdr[k] = strings.TrimSpace(value)
			}
		}
		if err != nil {
			break
		}
	}
	var body io.Reader = br
	if strings.Contains(strings.ToLower(hdr["Transfer-Encoding"]), "chunked") {
		body = lenient{httputil.NewChunkedReader(body)}
	}
	switch strings.ToLower(hdr["Content-Encoding"]) {
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(body)
		if err != nil {
			return 0, nil, nil, err
		}
		body = lenient{zr}
	case "deflate":
		body = lenient{flate.NewReader(body)}
	case "", "identity", "none", "utf-8":
	default:
		return 0, nil, nil, errors.New("unsupported content coding")
	}
	out, err := readLimited(body, max)
	if err != nil {
		return 0, nil, nil, err
	}
	return code, hdr, out, nil
}

// lenient turns read errors into the end of the stream, keeping what was
// read before them: archived bodies are often cut short.
type lenient struct{ r io.Reader }

func (l lenient) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if err != nil {
		err = io.EOF
	}
	return n, err
}

// warc reads a WARC stream: one document per HTML page record. Records
// that hold no page, and pages with no article, are counted and reported
// once at the end, since crawls are full of them.
func (w *walker) warc(origin string, r io.Reader) {
	wr := NewWARCReader(r, w.opts.MaxBytes)
	var mu sync.Mutex
	var wg sync.WaitGroup
	skipped := map[string]int{}
	count := func(reason string) {
		mu.Lock()
		skipped[reason]++
		mu.Unlock()
	}
	for {
		rec, err := wr.Next()
		if err == io.EOF {
			break
		}
		if err == ErrRecordTooLarge {
			w.report(fmt.Sprintf("%s#record%d", origin, rec.Number), fmt.Errorf("record larger than the %d-byte limit", w.opts.MaxBytes), false)
			continue
		}
		if err != nil {
			w.report(origin, fmt.Errorf("%v; the records before it were read", err), false)
			break
		}
		page, reason := WARCPage(rec, w.opts.MaxBytes)
		if reason != "" {
			count(reason)
			continue
		}
		at := fmt.Sprintf("%s#record%d", origin, rec.Number)
		if w.pageTooLarge(at, len(page.HTML)) {
			continue
		}
		id := WARCDocID(rec)
		wg.Add(1)
		w.async(func() result {
			defer wg.Done()
			r := pageResult(at, id, page, news.Document{})
			if n := len(r.probs); r.doc == nil && n > 0 && errors.Is(r.probs[n-1].Err, ErrNoArticle) {
				count("pages with no article")
				r.probs = r.probs[:n-1]
			}
			return r
		})
	}
	w.later(func() result {
		wg.Wait()
		if len(skipped) == 0 {
			return result{}
		}
		keys := make([]string, 0, len(skipped))
		for k := range skipped {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		reasons := make([]string, len(keys))
		total := 0
		for i, k := range keys {
			reasons[i] = fmt.Sprintf("%d %s", skipped[k], k)
			total += skipped[k]
		}
		return result{probs: []Problem{{Origin: origin, Warning: true,
			Err: fmt.Errorf("skipped %d records that hold no article: %s", total, strings.Join(reasons, ", "))}}}
	})
}
