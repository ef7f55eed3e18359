package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// errBinary reports content that is not text.
var errBinary = errors.New("binary content, not text")

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 to their runes; the five
// bytes the code page leaves undefined map to 0. Bytes 0xA0–0xFF are
// Latin-1, that is the rune with the same number.
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// Repair is what DecodeText had to do to turn bytes into valid UTF-8.
type Repair struct {
	Windows1252 int // invalid bytes read as Windows-1252 characters
	Replaced    int // invalid bytes replaced by U+FFFD
}

// String describes the repair for a warning; empty when nothing was done.
func (r Repair) String() string {
	switch {
	case r.Windows1252 == 0 && r.Replaced == 0:
		return ""
	case r.Replaced == 0:
		return fmt.Sprintf("invalid UTF-8: %d bytes decoded as Windows-1252", r.Windows1252)
	case r.Windows1252 == 0:
		return fmt.Sprintf("invalid UTF-8: %d bytes replaced with U+FFFD", r.Replaced)
	}
	return fmt.Sprintf("invalid UTF-8: %d bytes decoded as Windows-1252, %d replaced with U+FFFD", r.Windows1252, r.Replaced)
}

// DecodeText turns the bytes of a text file into valid UTF-8. A byte order
// mark selects UTF-8 or UTF-16. Without one the bytes are taken as UTF-8,
// and each byte that is not part of a valid UTF-8 sequence is read as
// Windows-1252 when that is plausible (a C1 punctuation byte such as a
// curly quote, or a Latin-1 letter standing alone) and replaced with
// U+FFFD otherwise, so that one bad byte never costs the rest of the text.
// Content with NUL bytes or mostly control characters is rejected as
// binary.
func DecodeText(b []byte) (string, Repair, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], false), Repair{}, nil
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], true), Repair{}, nil
	}
	if isBinary(b) {
		return "", Repair{}, errBinary
	}
	if utf8.Valid(b) {
		return string(b), Repair{}, nil
	}
	s, r := repairUTF8(b)
	return s, r, nil
}

// isBinary reports whether b looks like binary data: any NUL byte, or more
// than one control character (other than tab, newline, form feed, carriage
// return and escape) in 32 among the first 64 KiB.
func isBinary(b []byte) bool {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1B || c == 0x7F {
			ctrl++
		}
	}
	return ctrl*32 > len(b)
}

// repairUTF8 decodes b as UTF-8, reading invalid bytes as described for
// DecodeText.
func repairUTF8(b []byte) (string, Repair) {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	var rep Repair
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || n > 1 {
			sb.WriteString(string(b[i : i+n]))
			i += n
			continue
		}
		c := b[i]
		switch {
		case c >= 0x80 && c < 0xA0 && cp1252[c-0x80] != 0:
			sb.WriteRune(cp1252[c-0x80])
			rep.Windows1252++
		case c >= 0xA0 && !(i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] < 0xC0):
			// A Latin-1 character not followed by a continuation byte: not a
			// broken multi-byte sequence.
			sb.WriteRune(rune(c))
			rep.Windows1252++
		default:
			// A broken multi-byte sequence: its lead byte and the
			// continuation bytes after it become one U+FFFD.
			sb.WriteRune(utf8.RuneError)
			rep.Replaced++
			if c >= 0xC0 {
				for k := 0; k < 3 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] < 0xC0; k++ {
					i++
					rep.Replaced++
				}
			}
		}
		i++
	}
	return sb.String(), rep
}

// decodeUTF16 decodes UTF-16 text without its byte order mark; an odd
// trailing byte is dropped and unpaired surrogates become U+FFFD.
func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return string(utf16.Decode(u))
}
