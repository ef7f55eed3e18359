package clean

import (
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/newsfold/newsfold/internal/swar"
	"github.com/newsfold/newsfold/textmap"
)

// normalize repairs character-level damage in a whole raw text and returns
// the repaired text with its map back to the raw text:
//
//   - mojibake: UTF-8 that was decoded as Windows-1252 or Latin-1
//     ("â€™" -> "’", "Ã©" -> "é") is decoded again;
//   - ligatures ("ﬁ" -> "fi");
//   - odd spaces (no-break, thin, ideographic, tabs) become a plain space,
//     zero-width characters, soft hyphens and control characters go, line
//     and paragraph separators and CR LF become "\n";
//   - the non-breaking and figure hyphens become "-";
//   - markdown escapes ("\$" -> "$");
//   - runs of spaces collapse to one, and spaces at line ends go.
//
// Curly quotes and dashes are kept: they are what a reader expects to see.
//
// isPlain and n are what plain says of raw, which the caller may know
// already (see Corpus.plainOf). The map is written in b, which is reset
// first: it is valid until b's next Reset.
func normalize(raw string, n int, isPlain bool, b *textmap.Builder) (string, textmap.Map) {
	if isPlain {
		return raw, textmap.Identity(n)
	}
	b.Reset()
	b.Grow(len(raw))
	w := normWriter{b: b}
	w.run(raw)
	return b.String(), b.Map()
}

// normalizeText is normalize without the map, for learning, which needs
// only the text, of a text that plain turned away (one it lets through
// is its own normalised text): the text is written in buf, reused
// storage, and is valid until buf is written again. It returns buf for
// reuse.
func normalizeText(raw string, buf []byte) (string, []byte) {
	w := normWriter{buf: slices.Grow(buf[:0], len(raw))}
	w.run(raw)
	return unsafe.String(unsafe.SliceData(w.buf), len(w.buf)), w.buf
}

// normWriter writes what normalize makes of a text: to b, with its map,
// or, when b is nil, to buf alone.
type normWriter struct {
	b            *textmap.Builder
	buf          []byte
	pendingSpace int  // raw offset of a space not yet written, or -1
	lineStart    bool // nothing but spaces written on the line yet
}

// copy writes s, the raw text from raw rune offset at on.
func (w *normWriter) copy(s string, at int) {
	if w.b != nil {
		w.b.Copy(s, at)
	} else {
		w.buf = append(w.buf, s...)
	}
}

// copyRune writes r, from raw rune offset at.
func (w *normWriter) copyRune(r rune, at int) {
	if w.b != nil {
		w.b.CopyRune(r, at)
	} else {
		w.buf = utf8.AppendRune(w.buf, r)
	}
}

// flush writes the space pending, unless it starts a line.
func (w *normWriter) flush() {
	if w.pendingSpace >= 0 && !w.lineStart {
		w.copyRune(' ', w.pendingSpace)
	}
	w.pendingSpace = -1
}

// emit writes r, from raw rune offset at: spaces wait for the next rune,
// which drops them at a line's ends and collapses runs of them.
func (w *normWriter) emit(r rune, at int) {
	switch {
	case r == '\n':
		w.pendingSpace = -1
		w.copyRune('\n', at)
		w.lineStart = true
	case r == ' ':
		if w.pendingSpace < 0 {
			w.pendingSpace = at
		}
	default:
		w.flush()
		w.copyRune(r, at)
		w.lineStart = false
	}
}

// run writes the normalised raw.
func (w *normWriter) run(raw string) {
	w.pendingSpace, w.lineStart = -1, true
	// i is the byte offset in raw, at the rune offset.
	for i, at := 0, 0; i < len(raw); {
		if printable(raw[i]) {
			// Printable ASCII, by far the most common: copy it, with the
			// single spaces inside it, as one run.
			w.flush()
			j := printableRun(raw, i)
			w.copy(raw[i:j], at)
			w.lineStart = false
			at += j - i
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(raw[i:])
		if r >= 0xC2 && r <= 0xF4 {
			if d, runes, bytes := demojibake(raw[i:]); runes > 0 {
				w.emit(d, at)
				i, at = i+bytes, at+runes
				continue
			}
		}
		next := byte(0) // the next byte, when there is one
		if i+size < len(raw) {
			next = raw[i+size]
		}
		switch {
		case r == '\r':
			if next != '\n' {
				w.emit('\n', at)
			}
		case r == '\u2028' || r == '\u2029':
			w.emit('\n', at)
		case r == '\t' || r == '\u00a0' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u205f' || r == '\u3000':
			w.emit(' ', at)
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
			// zero-width and soft hyphen: drop
		case r == '\u2010' || r == '\u2011' || r == '\u2212':
			w.emit('-', at)
		case r == '\u2012':
			w.emit('–', at)
		case r == '\u2015':
			w.emit('—', at)
		case r == '\\' && isEscapable(rune(next)):
			w.emit(rune(next), at+1)
			i, at = i+1, at+1
		case r >= 0xFB00 && r <= 0xFB06:
			lig := ligatures[r-0xFB00]
			for _, c := range lig {
				w.flush()
				w.copyRune(c, at)
				w.lineStart = false
			}
		case r == utf8.RuneError || unicode.IsControl(r) && r != '\n':
			// control characters and replacement characters: drop
		default:
			w.emit(r, at)
		}
		i, at = i+size, at+1
	}
}

// printableRun returns the end of the run that starts at raw[i], a
// printable byte: printable ASCII and single spaces between printable
// bytes, which normalize copies as they are. It looks at eight bytes at
// a time where it can.
func printableRun(raw string, i int) int {
	j := i + 1
	for j < len(raw) {
		if j+8 <= len(raw) {
			// Eight bytes of printable ASCII and spaces, no two spaces
			// together and none last (the byte after it decides); a
			// space first follows a printable byte of the run.
			x := swar.Load64(raw, j)
			odd := oddBytes(x)
			sp := swar.ZeroBytes(x ^ ' '*swar.Low)
			if odd == 0 && sp&(sp<<8) == 0 && sp>>63 == 0 {
				j += 8
				continue
			}
		}
		if !printable(raw[j]) && (raw[j] != ' ' || j+1 == len(raw) || !printable(raw[j+1])) {
			break
		}
		j++
	}
	return j
}

// oddBytes returns top bits of the bytes of x that are neither printable
// ASCII (see printable) nor a space: 0 exactly when there is none (a
// borrow past a control byte may mark the byte above it too).
func oddBytes(x uint64) uint64 {
	return x&swar.High | (x-0x20*swar.Low)&^x&swar.High | swar.ZeroBytes(x^'\\'*swar.Low) | swar.ZeroBytes(x^0x7f*swar.Low)
}

// printable reports whether c is printable ASCII that normalize copies
// as it is.
func printable(c byte) bool { return c > ' ' && c < 0x7f && c != '\\' }

// plain reports whether raw needs no normalisation at all: no character
// that normalize would change, no doubled space and no space at a line's
// ends. When it does, it also returns the number of runes of raw.
//
// Letters outside ASCII pass, Latin-1 ones included unless they start a
// mojibake sequence, but not together with the minus sign U+2212, which
// normalize turns into a hyphen: a text whose only change would be that
// sign was always let through as it is, and still is, while one that
// normalize rewrote for another character rewrites the sign too.
func plain(raw string) (int, bool) {
	prev := byte('\n') // the previous byte, or 'x' after a multi-byte rune
	n := 0
	// latin: a Latin-1 character or general punctuation mark seen;
	// minus: a minus sign seen.
	latin, minus := false, false
	for i := 0; i < len(raw); {
		// Runs of eight bytes of printable ASCII and spaces, most of a
		// text, in a loop of their own.
		for ; i+8 <= len(raw); i, n = i+8, n+8 {
			x := swar.Load64(raw, i)
			if oddBytes(x) != 0 {
				break
			}
			sp := swar.ZeroBytes(x ^ ' '*swar.Low)
			if sp&(sp<<8) != 0 || sp&0x80 != 0 && (prev == ' ' || prev == '\n') {
				return 0, false
			}
			prev = byte(x >> 56)
		}
		if i == len(raw) {
			break
		}
		if i+8 <= len(raw) {
			// Eight bytes at a time: the printable ASCII and spaces
			// before the first other byte, if any, which is looked at
			// alone below.
			x := swar.Load64(raw, i)
			k := 8
			if odd := oddBytes(x); odd != 0 {
				k = bits.TrailingZeros64(odd) / 8
			}
			if k > 0 {
				sp := swar.ZeroBytes(x^' '*swar.Low) & (1<<(8*k) - 1)
				if sp&(sp<<8) != 0 || sp&0x80 != 0 && (prev == ' ' || prev == '\n') {
					return 0, false
				}
				prev = raw[i+k-1]
				i += k
				n += k
				if k == 8 {
					continue
				}
			}
		}
		c := raw[i]
		n++
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prev == ' ' || prev == '\n' {
					return 0, false
				}
			case c == '\n':
				if prev == ' ' {
					return 0, false
				}
			case c < 0x20 || c == '\\' || c == 0x7f:
				return 0, false
			}
			prev = c
			i++
			continue
		}
		r, size := swar.DecodeRune(raw, i)
		switch {
		case r <= 0x9f, r == 0xa0, r == 0xad, r == utf8.RuneError,
			r >= 0xfb00 && r <= 0xfb06, r == 0xfeff, r == 0x3000:
			// C1 controls, odd spaces and hyphens, ligatures
			return 0, false
		case r >= 0xc2 && r <= 0xf4:
			if _, runes, _ := demojibake(raw[i:]); runes > 0 {
				return 0, false
			}
			latin = true
		case r <= 0xff:
			latin = true
		case generalPunctuation(r):
			switch {
			case r <= 0x200d, r >= 0x2010 && r <= 0x2012, r == 0x2015, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x2060:
				return 0, false
			case r != '‘' && r != '’' && r != '“' && r != '”' && r != '–' && r != '—' && r != '…' && r != '•':
				latin = true
			}
		case r == 0x2212:
			minus = true
		}
		prev = 'x'
		i += size
	}
	return n, prev != ' ' && !(latin && minus)
}

var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// isEscapable reports whether r is a character that markdown escapes with a
// backslash.
func isEscapable(r rune) bool {
	switch r {
	case '$', '*', '_', '#', '[', ']', '(', ')', '{', '}', '`', '+', '-', '.', '!', '&', '%', '<', '>', '|', '~', '"', '\'', '\\':
		return true
	}
	return false
}

// cp1252 maps the Windows-1252 characters of bytes 0x80-0x9F back to their
// byte.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
	'–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// byteOf returns the byte that r stands for when UTF-8 was decoded as
// Windows-1252 (or Latin-1, for the C1 controls).
func byteOf(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xFF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// demojibake decodes a mojibake sequence at the start of s: a UTF-8 lead
// byte followed by the right number of continuation bytes, each shown as
// its Windows-1252 character. It returns the decoded rune and the number
// of runes and bytes of s used, or runes = 0 when s does not start with
// one.
func demojibake(s string) (d rune, runes, bytes int) {
	r, size := utf8.DecodeRuneInString(s)
	lead, ok := byteOf(r)
	if !ok {
		return 0, 0, 0
	}
	n := 0
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		n = 2
	case lead >= 0xE0 && lead <= 0xEF:
		n = 3
	case lead >= 0xF0 && lead <= 0xF4:
		n = 4
	default:
		return 0, 0, 0
	}
	if size == len(s) {
		return 0, 0, 0
	}
	var buf [4]byte
	buf[0] = lead
	for k := 1; k < n; k++ {
		if size == len(s) {
			return 0, 0, 0
		}
		r, w := utf8.DecodeRuneInString(s[size:])
		c, ok := byteOf(r)
		if !ok || c < 0x80 || c > 0xBF {
			// "â€" then a character that is no continuation byte: the
			// 0x9D of "”" has no Windows-1252 character and was lost.
			if lead == 0xE2 && k == 2 && buf[1] == 0x80 {
				return '”', 2, size
			}
			return 0, 0, 0
		}
		buf[k] = c
		size += w
	}
	d, w := utf8.DecodeRune(buf[:n])
	if d == utf8.RuneError || w != n {
		return 0, 0, 0
	}
	return d, n, size
}
