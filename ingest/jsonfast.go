package ingest

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"

	"github.com/newsfold/newsfold/internal/swar"
)

// decodeFlat decodes line into jr in one pass when the line has the shape
// nearly every input record has: one object whose keys are exactly the
// record's field names and whose values are strings, null or (for the id)
// a number. It reports false for anything else (other keys, nested or
// boolean values, surrogate escapes, syntax errors), and then the caller
// decodes with encoding/json, which has the last word on every error and
// every unusual case. Where it reports true, jr is exactly what
// encoding/json would have decoded (FuzzDecodeFlat checks it).
//
// valid says that line is known to be valid UTF-8, as a line that has
// been checked or repaired whole is: its strings are then not checked
// again.
//
// decodeFlat owns line: where it reports true, it has unescaped the
// strings in place and jr's strings share line's memory, so line must
// never change again. Where it reports false, line is untouched.
//
// It exists for speed: encoding/json scans a line twice and reflects on
// every field, and reading JSON Lines was the costliest stage before
// cleaning on large collections. Decoding in place saves two copies of
// every text: one to unescape it and one to make it a string.
func decodeFlat(line []byte, valid bool, jr *jsonRecord) bool {
	// The line is checked whole before any string is unescaped, so that
	// encoding/json gets it as it was when the fast path gives up.
	var (
		found [8]flatValue
		vals  = found[:0]
	)
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return false
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return skipSpace(line, i+1) == len(line)
	}
	for {
		if i >= len(line) || line[i] != '"' {
			return false
		}
		keyEnd := plainStringEnd(line, i+1, valid)
		if keyEnd < 0 {
			return false
		}
		key := line[i+1 : keyEnd]
		i = skipSpace(line, keyEnd+1)
		if i >= len(line) || line[i] != ':' {
			return false
		}
		i = skipSpace(line, i+1)
		if i >= len(line) {
			return false
		}
		var ok bool
		if string(key) == "id" {
			i, ok = flatID(line, i, valid, jr)
		} else {
			v := flatValue{dst: jr.field(string(key))}
			if v.dst == nil || len(vals) == cap(found) {
				return false
			}
			i, ok = v.scan(line, i, valid)
			vals = append(vals, v)
		}
		if !ok {
			return false
		}
		i = skipSpace(line, i)
		if i >= len(line) {
			return false
		}
		switch line[i] {
		case ',':
			i = skipSpace(line, i+1)
		case '}':
			if skipSpace(line, i+1) != len(line) {
				return false
			}
			// Later keys win, as in encoding/json, so values are set in
			// order.
			for _, v := range vals {
				v.set(line)
			}
			return true
		default:
			return false
		}
	}
}

// A flatValue is a string or null value that decodeFlat found and checked
// and will set once the whole line has been checked.
type flatValue struct {
	dst        **string
	start, end int // the string's bytes between its quotes; start < 0 for null
	escaped    bool
}

// scan checks the string or null at line[i] and returns the offset after
// it; valid is decodeFlat's.
func (v *flatValue) scan(line []byte, i int, valid bool) (int, bool) {
	if line[i] == 'n' {
		end := literalEnd(line, i, "null")
		v.start = -1
		return end, end >= 0
	}
	if line[i] != '"' {
		return 0, false
	}
	v.start = i + 1
	if end := plainStringEnd(line, v.start, valid); end >= 0 {
		v.end = end
		return end + 1, true
	}
	v.escaped = true
	end := escapedStringEnd(line, v.start)
	if end < 0 || !valid && !utf8.Valid(line[v.start:end]) {
		return 0, false
	}
	v.end = end
	return end + 1, true
}

// set stores v in its field, unescaping its bytes of line in place.
func (v flatValue) set(line []byte) {
	if v.start < 0 {
		*v.dst = nil
		return
	}
	n := v.end - v.start
	if v.escaped {
		n = unescapeInPlace(line[v.start:v.end])
	}
	s := ""
	if n > 0 {
		s = unsafe.String(&line[v.start], n)
	}
	*v.dst = &s
}

// escapedStringEnd returns the offset of the quote that ends a string
// starting at line[start] whose escapes decodeFlat can unescape in place:
// all of JSON's except \u escapes of surrogates. It returns -1 at a
// control character, a bad escape or the end of the line.
func escapedStringEnd(line []byte, start int) int {
	for j := start; j < len(line); {
		if k, _ := skipOrdinary(line, j); k > j {
			j = k
			continue
		}
		switch c := line[j]; {
		case c == '"':
			return j
		case c < 0x20:
			return -1
		case c != '\\':
			j++
			continue
		}
		if j+1 >= len(line) {
			return -1
		}
		switch line[j+1] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			j += 2
		case 'u':
			r, ok := hex4(line, j+2)
			if !ok || r >= 0xD800 && r < 0xE000 {
				// Surrogates, paired or not, are left to encoding/json.
				return -1
			}
			j += 6
		default:
			return -1
		}
	}
	return -1
}

// hex4 reads the four hexadecimal digits at line[i].
func hex4(line []byte, i int) (rune, bool) {
	if i+4 > len(line) {
		return 0, false
	}
	var r rune
	for _, c := range line[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// unescapeInPlace unescapes b, a string's bytes that escapedStringEnd
// accepted, into its own first bytes and returns their number. Each escape
// is at least as long as what it stands for, so the writes never pass the
// reads.
func unescapeInPlace(b []byte) int {
	w := 0
	for r := 0; r < len(b); {
		next := bytes.IndexByte(b[r:], '\\')
		if next < 0 {
			next = len(b)
		} else {
			next += r
		}
		w += copy(b[w:], b[r:next])
		if next == len(b) {
			break
		}
		switch e := b[next+1]; e {
		case 'b':
			b[w] = '\b'
		case 'f':
			b[w] = '\f'
		case 'n':
			b[w] = '\n'
		case 'r':
			b[w] = '\r'
		case 't':
			b[w] = '\t'
		case 'u':
			c, _ := hex4(b, next+2)
			w += utf8.EncodeRune(b[w:], c)
			r = next + 6
			continue
		default: // '"', '\\', '/'
			b[w] = e
		}
		w++
		r = next + 2
	}
	return w
}

// field returns the string field of jr that key names exactly, or nil.
func (jr *jsonRecord) field(key string) **string {
	switch key {
	case "text":
		return &jr.Text
	case "html":
		return &jr.HTML
	case "title":
		return &jr.Title
	case "date":
		return &jr.Date
	case "source":
		return &jr.Source
	case "url":
		return &jr.URL
	}
	return nil
}

// flatID reads the id value at line[i]: a string without escapes, a number
// or null, kept as its raw JSON the way json.RawMessage keeps it; valid is
// decodeFlat's.
func flatID(line []byte, i int, valid bool, jr *jsonRecord) (int, bool) {
	var end int
	switch c := line[i]; {
	case c == '"':
		// An id with escapes is rare enough to leave to encoding/json.
		if q := plainStringEnd(line, i+1, valid); q >= 0 {
			end = q + 1
		} else {
			return 0, false
		}
	case c == 'n':
		end = literalEnd(line, i, "null")
	case c == '-' || c >= '0' && c <= '9':
		end = numberEnd(line, i)
	default:
		return 0, false
	}
	if end < 0 {
		return 0, false
	}
	jr.ID = append(jr.ID[:0], line[i:end]...)
	return end, true
}

// plainStringEnd returns the offset of the quote that ends a string
// starting at line[start] when the string has no escapes, no control
// characters and valid UTF-8; otherwise -1. Valid says that line is valid
// UTF-8 already.
func plainStringEnd(line []byte, start int, valid bool) int {
	ascii := true
	for j := start; j < len(line); j++ {
		k, high := skipOrdinary(line, j)
		ascii = ascii && !high
		if j = k; j == len(line) {
			break
		}
		switch c := line[j]; {
		case c == '"':
			if !valid && !ascii && !utf8.Valid(line[start:j]) {
				return -1
			}
			return j
		case c == '\\' || c < 0x20:
			return -1
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return -1
}

// skipOrdinary returns the offset of the first quote, backslash or
// control character at or after line[j] (or of the start of the last few
// bytes, when there is none before them), testing a word of eight bytes
// at a time, and whether the bytes skipped hold any that is not ASCII.
// Each byte's test is exact, so a word with such a byte gives its offset
// at once rather than leaving the caller to walk the word a byte at a
// time.
func skipOrdinary(line []byte, j int) (int, bool) {
	var high uint64
	for ; j+8 <= len(line); j += 8 {
		x := binary.LittleEndian.Uint64(line[j:])
		if m := swar.ZeroBytes(x^'"'*swar.Low) | swar.ZeroBytes(x^'\\'*swar.Low) | swar.LessBytes(x, 0x20); m != 0 {
			t := bits.TrailingZeros64(m) >> 3
			high |= x & (1<<(8*t) - 1)
			return j + t, high&swar.High != 0
		}
		high |= x
	}
	return j, high&swar.High != 0
}

// literalEnd returns the offset after word at line[i], or -1.
func literalEnd(line []byte, i int, word string) int {
	if len(line)-i < len(word) || string(line[i:i+len(word)]) != word {
		return -1
	}
	return i + len(word)
}

// numberEnd returns the offset after the JSON number at line[i], or -1
// when it is not one.
func numberEnd(line []byte, i int) int {
	j := i
	if j < len(line) && line[j] == '-' {
		j++
	}
	digits := func() int {
		k := j
		for k < len(line) && line[k] >= '0' && line[k] <= '9' {
			k++
		}
		return k - j
	}
	switch n := digits(); {
	case n == 0:
		return -1
	case n > 1 && line[j] == '0':
		return -1
	default:
		j += n
	}
	if j < len(line) && line[j] == '.' {
		j++
		n := digits()
		if n == 0 {
			return -1
		}
		j += n
	}
	if j < len(line) && (line[j] == 'e' || line[j] == 'E') {
		j++
		if j < len(line) && (line[j] == '+' || line[j] == '-') {
			j++
		}
		n := digits()
		if n == 0 {
			return -1
		}
		j += n
	}
	return j
}

// skipSpace returns the offset of the first byte at or after i that is not
// JSON white space.
func skipSpace(line []byte, i int) int {
	for i < len(line) {
		switch line[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}
