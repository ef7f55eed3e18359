package ingest

import (
	"strconv"
	"unicode/utf8"
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
// It exists for speed: encoding/json scans a line twice and reflects on
// every field, and reading JSON Lines was the costliest stage before
// cleaning on large collections.
func decodeFlat(line []byte, jr *jsonRecord) bool {
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
		keyEnd := plainStringEnd(line, i+1)
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
			i, ok = flatID(line, i, jr)
		} else {
			field := jr.field(string(key))
			if field == nil {
				return false
			}
			i, ok = flatString(line, i, field)
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
			return skipSpace(line, i+1) == len(line)
		default:
			return false
		}
	}
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
// or null, kept as its raw JSON the way json.RawMessage keeps it.
func flatID(line []byte, i int, jr *jsonRecord) (int, bool) {
	var end int
	switch c := line[i]; {
	case c == '"':
		// An id with escapes is rare enough to leave to encoding/json.
		if q := plainStringEnd(line, i+1); q >= 0 {
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

// flatString reads the string or null at line[i] into *dst and returns the
// offset after it.
func flatString(line []byte, i int, dst **string) (int, bool) {
	if line[i] == 'n' {
		end := literalEnd(line, i, "null")
		if end < 0 {
			return 0, false
		}
		*dst = nil
		return end, true
	}
	if line[i] != '"' {
		return 0, false
	}
	start := i + 1
	if end := plainStringEnd(line, start); end >= 0 {
		s := string(line[start:end])
		*dst = &s
		return end + 1, true
	}
	buf := make([]byte, 0, len(line)-start)
	for j := start; j < len(line); {
		c := line[j]
		switch {
		case c == '"':
			if !utf8.Valid(buf) {
				return 0, false
			}
			s := string(buf)
			*dst = &s
			return j + 1, true
		case c < 0x20:
			return 0, false
		case c != '\\':
			buf = append(buf, c)
			j++
			continue
		}
		if j+1 >= len(line) {
			return 0, false
		}
		switch e := line[j+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			if j+6 > len(line) {
				return 0, false
			}
			r, err := strconv.ParseUint(string(line[j+2:j+6]), 16, 16)
			if err != nil || r >= 0xD800 && r < 0xE000 {
				// Surrogates, paired or not, are left to encoding/json.
				return 0, false
			}
			buf = utf8.AppendRune(buf, rune(r))
			j += 6
			continue
		default:
			return 0, false
		}
		j += 2
	}
	return 0, false
}

// plainStringEnd returns the offset of the quote that ends a string
// starting at line[start] when the string has no escapes, no control
// characters and valid UTF-8; otherwise -1.
func plainStringEnd(line []byte, start int) int {
	ascii := true
	for j := start; j < len(line); j++ {
		switch c := line[j]; {
		case c == '"':
			if !ascii && !utf8.Valid(line[start:j]) {
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
