package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsfold/newsfold/news"
)

// Record is one JSON Lines input record. ID and one of Text or HTML are
// required; the rest are optional hints. A record with HTML and no Text
// has its article extracted (see ExtractPage), its own hints taking
// precedence over the page's; one with both keeps both as given.
type Record struct {
	ID     string
	Text   string
	HTML   string
	Title  string
	Date   string
	Source string
	URL    string
}

// jsonRecord is the wire form of Record; id may be a string or a number.
type jsonRecord struct {
	ID     json.RawMessage `json:"id"`
	Text   *string         `json:"text"`
	HTML   *string         `json:"html"`
	Title  *string         `json:"title"`
	Date   *string         `json:"date"`
	Source *string         `json:"source"`
	URL    *string         `json:"url"`
}

// ParseRecord parses one JSON line into a Record. It fails on malformed
// JSON, on a value that is not an object, on a missing or empty id and on
// a record with neither text nor html. Invalid UTF-8 in the line must
// have been repaired before (see DecodeText).
func ParseRecord(line []byte) (Record, error) {
	return parseOwnedRecord(bytes.Clone(line), false)
}

// parseOwnedRecord is ParseRecord for a line that the caller hands over:
// its strings are unescaped in place and the record's strings share its
// memory (see decodeFlat), so the line must never change again. Valid
// says that the line is known to be valid UTF-8.
func parseOwnedRecord(line []byte, valid bool) (Record, error) {
	var jr jsonRecord
	if !decodeFlat(line, valid, &jr) {
		jr = jsonRecord{}
		dec := json.NewDecoder(bytes.NewReader(line))
		if err := dec.Decode(&jr); err != nil {
			return Record{}, jsonError(err)
		}
		if _, err := dec.Token(); err != io.EOF {
			return Record{}, errors.New("malformed JSON: extra data after the record")
		}
	}
	var rec Record
	id := bytes.TrimSpace(jr.ID)
	switch {
	case len(id) == 0 || string(id) == "null":
		return Record{}, errors.New(`missing "id"`)
	case id[0] == '"':
		if err := json.Unmarshal(id, &rec.ID); err != nil {
			return Record{}, jsonError(err)
		}
	case id[0] == '-' || id[0] >= '0' && id[0] <= '9':
		rec.ID = string(id)
	default:
		return Record{}, errors.New(`"id" must be a string or a number`)
	}
	rec.ID = strings.TrimSpace(rec.ID)
	if rec.ID == "" {
		return Record{}, errors.New(`empty "id"`)
	}
	get := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	rec.Text, rec.HTML = get(jr.Text), get(jr.HTML)
	rec.Title = clean(get(jr.Title))
	rec.Date = strings.TrimSpace(get(jr.Date))
	rec.Source = clean(get(jr.Source))
	rec.URL = strings.TrimSpace(get(jr.URL))
	if strings.TrimSpace(rec.Text) == "" && strings.TrimSpace(rec.HTML) == "" {
		return Record{}, fmt.Errorf(`record %q has no "text" or "html"`, rec.ID)
	}
	return rec, nil
}

// jsonError rewords encoding/json errors for people.
func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("malformed JSON at byte %d: %v", se.Offset, se)
	case errors.As(err, &te):
		if te.Field == "" {
			return fmt.Errorf("malformed record: a JSON %s, not an object", te.Value)
		}
		return fmt.Errorf("malformed record: %q is a JSON %s, not a %s", te.Field, te.Value, te.Type)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("malformed JSON: unexpected end of line")
	}
	return fmt.Errorf("malformed JSON: %v", err)
}

// ValidDate reports whether s is a date as the input contract wants it:
// YYYY-MM-DD or RFC 3339.
func ValidDate(s string) bool {
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// ScanLines calls fn for each line of r (without its line ending),
// numbered from 1. The line is fn's to keep: its memory is never written
// again (lines are handed out in place from large blocks that ScanLines
// allocates and never reuses, so each byte is written once and a block
// serves many lines). A line longer than limit bytes is not returned whole:
// fn gets tooLong set and a nil line, and reading goes on after it.
// Scanning stops early when fn returns false. The error is the first read
// error other than io.EOF.
func ScanLines(r io.Reader, limit int64, fn func(n int, line []byte, tooLong bool) bool) error {
	var (
		block      []byte
		start, end int  // block[start:end] is read and not yet handed out
		scan       int  // block[start:scan] holds no newline
		skip       bool // the line is too long: its bytes are dropped
		size       = minLineBlock
		err        error
		empty      int // reads in a row that returned nothing
	)
	for n := 1; ; {
		if i := bytes.IndexByte(block[scan:end], '\n'); i >= 0 || err != nil && end > start {
			stop := end
			if i >= 0 {
				stop = scan + i + 1
			}
			line := block[start:stop:stop]
			start, scan = stop, stop
			long := skip || int64(len(line)) > limit+1 // +1 for the newline
			skip = false
			if long {
				line = nil
			} else {
				line = bytes.TrimRight(line, "\r\n")
			}
			if !fn(n, line, long) {
				return nil
			}
			n++
			continue
		}
		if err != nil {
			if skip {
				fn(n, nil, true)
			}
			if err == io.EOF {
				return nil
			}
			return err
		}
		scan = end
		if skip || int64(end-start) > limit+1 {
			// Too long: the rest of the line is read into the same
			// bytes.
			skip = true
			end, scan = start, start
		}
		if end == len(block) || skip && len(block)-end < minLineBlock {
			// Full: the unfinished line moves to a new block.
			part := end - start
			next := make([]byte, max(size, 2*part))
			copy(next, block[start:end])
			block, start, end, scan = next, 0, part, part
			size = min(2*size, maxLineBlock)
		}
		var m int
		m, err = r.Read(block[end:])
		end += m
		if m > 0 || err != nil {
			empty = 0
		} else if empty++; empty == 100 {
			err = io.ErrNoProgress
		}
	}
}

// ScanLines's blocks start small and double up to a size at which moving
// the line that straddles two blocks costs little, so that the unused end
// of an input's last block is small next to the input.
const (
	minLineBlock = 4 << 10
	maxLineBlock = 256 << 10
)

// jsonl reads a JSON Lines stream: one document per non-blank line.
func (w *walker) jsonl(origin string, r io.Reader) {
	records := 0
	// Lines are parsed on the workers, with the next lines still being
	// read and decompressed, a batch at a time; problems found while
	// reading wait for the batch before them, so that all come out in
	// input order.
	var (
		batch      []jsonlLine
		batchBytes int
	)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		lines := batch
		batch, batchBytes = nil, 0
		w.asyncAll(func() []result {
			out := make([]result, len(lines))
			for i, l := range lines {
				out[i] = w.jsonlRecord(l.at, l.line)
			}
			return out
		})
	}
	err := ScanLines(r, w.opts.MaxBytes, func(n int, line []byte, tooLong bool) bool {
		at := fmt.Sprintf("%s:%d", origin, n)
		if tooLong {
			flush()
			w.report(at, fmt.Errorf("line longer than the %d-byte limit", w.opts.MaxBytes), false)
			return true
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte{0xEF, 0xBB, 0xBF})
		}
		if len(bytes.TrimSpace(line)) == 0 {
			return true
		}
		records++
		batch = append(batch, jsonlLine{at, line})
		if batchBytes += len(line); len(batch) == jsonlBatch || batchBytes >= jsonlBatchBytes {
			flush()
		}
		return true
	})
	flush()
	if err != nil {
		w.report(origin, fmt.Errorf("read error: %v", err), false)
	}
	if err == nil && records == 0 {
		w.report(origin, errors.New("no JSON records"), false)
	}
}

// A jsonlLine is a record's line and where it was read.
type jsonlLine struct {
	at   string
	line []byte
}

// A batch of JSON lines for one worker holds up to jsonlBatch records or
// jsonlBatchBytes bytes, whichever comes first: enough that handing it
// over costs little next to parsing it.
const (
	jsonlBatch      = 64
	jsonlBatchBytes = 1 << 20
)

// jsonlRecord reads one JSON line at origin at into a document, extracting
// the article when the record has a page and no text.
func (w *walker) jsonlRecord(at string, line []byte) result {
	var warn []Problem
	if !utf8.Valid(line) {
		s, rep := repairUTF8(line)
		line = []byte(s)
		warn = append(warn, Problem{Origin: at, Err: errors.New(rep.String()), Warning: true})
	}
	rec, err := parseOwnedRecord(line, true) // valid, or repaired
	if err != nil {
		return result{probs: append(warn, Problem{Origin: at, Err: fmt.Errorf("%v", err)})}
	}
	if rec.Date != "" && !ValidDate(rec.Date) {
		warn = append(warn, Problem{Origin: at, Err: fmt.Errorf("date %q is not YYYY-MM-DD or RFC 3339: ignored", rec.Date), Warning: true})
		rec.Date = ""
	}
	given := news.Document{ID: rec.ID, Origin: at, Text: rec.Text, HTML: rec.HTML,
		Title: rec.Title, Date: rec.Date, Source: rec.Source, URL: rec.URL}
	if strings.TrimSpace(rec.Text) != "" {
		return result{doc: &given, probs: warn}
	}
	if err := w.pageLimit(len(rec.HTML)); err != nil {
		return result{probs: append(warn, Problem{Origin: at, Err: err})}
	}
	// The page's document keeps no part of the line, so that the raw
	// HTML goes once no record read from the same block is kept.
	given.Title, given.Date = strings.Clone(given.Title), strings.Clone(given.Date)
	given.Source, given.URL = strings.Clone(given.Source), strings.Clone(given.URL)
	r := pageResult(at, rec.ID, Page{HTML: []byte(rec.HTML), URL: rec.URL}, given)
	r.probs = append(warn, r.probs...)
	return r
}
