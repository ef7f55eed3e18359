package report

import (
	"math/bits"
	"strconv"
	"unicode/utf8"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/news"
)

// appendArticle appends a's record as encoding/json encodes
// article(a), with its newline: the same bytes, for the articles are
// most of the output (their texts alone about four fifths), and
// encoding/json walks them a byte at a time and the record by
// reflection. TestAppendArticle and FuzzAppendString compare the two.
func appendArticle(dst []byte, a *news.Article) []byte {
	dst = append(dst, `{"type":"article","id":`...)
	dst = appendString(dst, a.ID)
	dst = append(dst, `,"input":`...)
	dst = appendString(dst, a.Input)
	for _, f := range [...]struct{ key, value string }{
		{`,"title":`, a.Title}, {`,"date":`, a.Date}, {`,"source":`, a.Source},
		{`,"url":`, a.URL}, {`,"byline":`, a.Byline}, {`,"dateline":`, a.Dateline},
		{`,"agency":`, a.Agency}, {`,"language":`, a.Language},
	} {
		if f.value != "" {
			dst = append(dst, f.key...)
			dst = appendString(dst, f.value)
		}
	}
	dst = append(dst, `,"text":`...)
	dst = appendString(dst, a.Text)
	if len(a.Headings) > 0 {
		dst = append(dst, `,"headings":[`...)
		for i, h := range a.Headings {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendPair(dst, h)
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"removed":[`...)
	for i, r := range a.Removed {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"kind":`...)
		dst = appendString(dst, r.Kind)
		dst = append(dst, `,"text":`...)
		dst = appendString(dst, r.Text)
		dst = append(dst, `,"raw":`...)
		dst = appendPair(dst, r.Raw)
		dst = append(dst, '}')
	}
	lo, hi := a.Map.RawRange(0, a.Map.Len())
	dst = append(dst, `],"raw":`...)
	dst = appendPair(dst, [2]int{lo, hi})
	dst = append(dst, `,"event":`...)
	dst = appendString(dst, a.Event)
	dst = append(dst, `,"story":`...)
	dst = appendString(dst, a.Story)
	return append(dst, "}\n"...)
}

// appendPair appends p as a JSON array of two numbers.
func appendPair(dst []byte, p [2]int) []byte {
	dst = append(dst, '[')
	dst = strconv.AppendInt(dst, int64(p[0]), 10)
	dst = append(dst, ',')
	dst = strconv.AppendInt(dst, int64(p[1]), 10)
	return append(dst, ']')
}

// appendString appends s as a JSON string exactly as encoding/json writes
// it with HTML escaping (its default): <, > and & as \u003c, \u003e and
// \u0026, the line and paragraph separators U+2028 and U+2029 escaped,
// invalid UTF-8 as \ufffd. Plain ASCII is passed over eight bytes at a
// time, a word with a byte to look at jumping straight to that byte; the
// two-byte characters (accented Latin, Cyrillic) and the general
// punctuation U+2000..U+203F (curly quotes, dashes) that make up most of
// the rest of news text are passed over without decoding.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0 // s[start:i] is still to be appended as it is
	for i := 0; i < len(s); {
		if i+8 <= len(s) {
			// Bytes of 0x80 and up, below 0x20, '\\', '"' or '&' (which
			// differ in one bit), '<' or '>' (likewise) are looked at.
			x := swar.Load64(s, i)
			m := (x | swar.LessBytes(x, 0x20) | swar.ZeroBytes(x^'\\'*swar.Low) |
				swar.ZeroBytes(x&^(4*swar.Low)^'"'*swar.Low) | swar.ZeroBytes(x&^(2*swar.Low)^'<'*swar.Low)) & swar.High
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3 // each byte's test is exact
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2 // a valid two-byte character, none of them escaped
			continue
		}
		if c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2]&0xC0 == 0x80 && s[i+2]&^1 != 0xA8 {
			i += 3 // U+2000..U+203F but U+2028 and U+2029
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
