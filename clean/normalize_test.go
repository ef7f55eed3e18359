package clean

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsfold/newsfold/textmap"
)

// FuzzNormalize checks normalize, which works on the bytes of the raw
// text, against normalizeRef, the plain version of it over runes: the
// texts and maps must be the same, and normalizeText must give the same
// text of one that plain turns away.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"", "a", " ", "a  b", "a \nb", "a\n b", "plain text that is long enough. Two.\n\nNext",
		"â€™ \\$25 ﬁne\u00a0space\r\n", "â€", "â€x", "Ã©t\u00e9", "\\", "x\\", "\\é", "\xff\xfe", "\r", "\r\r\n",
		"\u2028\u2029\u200b\u00ad\u2010\u2012\u2015\ufb03\t\x01\x7f", "12345678 12345678  x", "abcdefg  hij", "abcdefgh\n ijk", "é abcdefg hijklmno p\\qrstuvw  xyz 0123456 \n", "éabcdefg ", "éabcdefgh \x7f",
		"“Curly” — quotes… • ‘and’ – dashes", "\ufffd", "ðŸ˜€ emoji", "Ã", "\u3000a\ufeff",
		"Müller and Øresund", "Müller − 3", "− 3", "Ã© − é", "„Zitat“ ″ † ‰ › ¡ ½", "\u0085x\u00a0", "é  é", "é \né", "Ã\u2212",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := plain(s)
		got, gm := normalize(s, n, ok, new(textmap.Builder))
		want, wm := normalizeRef(s)
		if got != want || fmt.Sprint(gm) != fmt.Sprint(wm) {
			t.Fatalf("normalize(%q) = %q %v, want %q %v", s, got, gm, want, wm)
		}
		if ok && n != utf8.RuneCountInString(s) {
			t.Fatalf("plain(%q) counts %d runes", s, n)
		}
		if !ok {
			if text, _ := normalizeText(s, []byte("reused storage")); text != got {
				t.Fatalf("normalizeText(%q) = %q, want %q", s, text, got)
			}
		}
	})
}

// normalizeRef is normalize as it was first written, over runes.
func normalizeRef(raw string) (string, textmap.Map) {
	if _, ok := plainRef(raw); ok {
		return raw, textmap.Identity(utf8.RuneCountInString(raw))
	}
	rs := []rune(raw)
	var b textmap.Builder
	b.Grow(len(raw))
	pendingSpace := -1 // raw offset of a space not yet written
	lineStart := true
	flush := func() {
		if pendingSpace >= 0 && !lineStart {
			b.CopyRune(' ', pendingSpace)
		}
		pendingSpace = -1
	}
	emit := func(r rune, at int) {
		switch {
		case r == '\n':
			pendingSpace = -1
			b.CopyRune('\n', at)
			lineStart = true
		case r == ' ':
			if pendingSpace < 0 {
				pendingSpace = at
			}
		default:
			flush()
			b.CopyRune(r, at)
			lineStart = false
		}
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if printableRef(r) {
			// Printable ASCII, by far the most common: copy it, with the
			// single spaces inside it, as one run.
			if pendingSpace >= 0 && !lineStart {
				b.CopyRune(' ', pendingSpace)
			}
			pendingSpace = -1
			j := i + 1
			for j < len(rs) && (printableRef(rs[j]) || rs[j] == ' ' && j+1 < len(rs) && printableRef(rs[j+1])) {
				j++
			}
			b.CopyRunes(rs[i:j], i)
			lineStart = false
			i = j - 1
			continue
		}
		if r >= 0xC2 && r <= 0xF4 {
			if d, n := demojibakeRef(rs[i:]); n > 0 {
				emit(d, i)
				i += n - 1
				continue
			}
		}
		switch {
		case r == '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				continue
			}
			emit('\n', i)
		case r == '\u2028' || r == '\u2029':
			emit('\n', i)
		case r == '\t' || r == '\u00a0' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u205f' || r == '\u3000':
			emit(' ', i)
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
			// zero-width and soft hyphen: drop
		case r == '\u2010' || r == '\u2011' || r == '\u2212':
			emit('-', i)
		case r == '\u2012':
			emit('–', i)
		case r == '\u2015':
			emit('—', i)
		case r == '\\' && i+1 < len(rs) && isEscapable(rs[i+1]):
			emit(rs[i+1], i+1)
			i++
		case r >= 0xFB00 && r <= 0xFB06:
			lig := ligatures[r-0xFB00]
			for _, c := range lig {
				flush()
				b.CopyRune(c, i)
				lineStart = false
			}
		case r == utf8.RuneError || unicode.IsControl(r) && r != '\n':
			// control characters and replacement characters: drop
		default:
			emit(r, i)
		}
	}
	return b.String(), b.Map()
}

// plainRef is plain as it was first written, which let no Latin-1
// character or general punctuation but quotes, dashes, ellipses and
// bullets through.
func plainRef(raw string) (int, bool) {
	prev := '\n'
	n := 0
	for _, r := range raw {
		n++
		switch {
		case r == ' ':
			if prev == ' ' || prev == '\n' {
				return 0, false
			}
		case r == '\n':
			if prev == ' ' {
				return 0, false
			}
		case r < 0x20 || r == '\\' || r == 0x7f:
			return 0, false
		case r >= 0x80 && r <= 0xff, r >= 0x2000 && r <= 0x206f && !strings.ContainsRune("‘’“”–—…•", r),
			r >= 0xfb00 && r <= 0xfb06, r == 0xfeff, r == 0x3000, r == utf8.RuneError:
			return 0, false
		}
		prev = r
	}
	return n, prev != ' '
}

func printableRef(r rune) bool { return r > ' ' && r < 0x7f && r != '\\' }

func demojibakeRef(rs []rune) (rune, int) {
	lead, ok := byteOf(rs[0])
	if !ok {
		return 0, 0
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
		return 0, 0
	}
	if len(rs) < 2 {
		return 0, 0
	}
	var buf [4]byte
	buf[0] = lead
	for k := 1; k < n; k++ {
		if k >= len(rs) {
			return 0, 0
		}
		c, ok := byteOf(rs[k])
		if !ok || c < 0x80 || c > 0xBF {
			// "â€" then a character that is no continuation byte: the
			// 0x9D of "”" has no Windows-1252 character and was lost.
			if lead == 0xE2 && k == 2 && buf[1] == 0x80 {
				return '”', 2
			}
			return 0, 0
		}
		buf[k] = c
	}
	d, size := utf8.DecodeRune(buf[:n])
	if d == utf8.RuneError || size != n {
		return 0, 0
	}
	return d, n
}

// FuzzAppendRunes checks appendRunes, which widens ASCII eight bytes at
// a time, against the conversion to []rune.
func FuzzAppendRunes(f *testing.F) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghé", "éabcdefghijklmnop", "abc\xffdefghijk", "Müller − 3 “quoted” text that is long"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prefix := []rune("kept")
		got := appendRunes(slices.Clone(prefix), s)
		if want := append(prefix, []rune(s)...); !slices.Equal(got, want) {
			t.Fatalf("appendRunes(%q) = %q, want %q", s, string(got), string(want))
		}
	})
}
