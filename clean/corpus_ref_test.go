package clean

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzScanWords checks scanWords against scanWordsRef, its first, plainer
// version: the same words, hashes and marks.
func FuzzScanWords(f *testing.F) {
	for _, s := range []string{"", "The U.S. rock-'n'-roll star’s  2019 tour—Ébène ends' here! Now", "a", "A1b2-", "x'y''z", "\xff\xfeAB", "İstanbul K\u212a", "end. Start? yes!no"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want strings.Builder
		scanWords(s, nil, func(w []byte, h uint64, start, capital bool) {
			fmt.Fprintf(&got, "%q %x %v %v\n", w, h, start, capital)
		})
		scanWordsRef(s, nil, func(w []byte, h uint64, start, capital bool) {
			fmt.Fprintf(&want, "%q %x %v %v\n", w, h, start, capital)
		})
		if got.String() != want.String() {
			t.Fatalf("scanWords(%q):\n%s\nwant\n%s", s, got.String(), want.String())
		}
	})
}

// scanWordsRef is scanWords as it was first written.
func scanWordsRef(line string, buf []byte, fn func(w []byte, h uint64, sentenceStart, capital bool)) []byte {
	buf = buf[:0]
	boundary, capital := true, false
	// The word ends, for hashing, after its last letter or digit: a
	// trailing apostrophe or hyphen is not part of it.
	var h, hEnd uint64
	end := 0
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
				if len(buf) == 0 {
					capital = c >= 'A' && c <= 'Z'
					h = fnvOffset
				}
				if c >= 'A' && c <= 'Z' {
					c += 'a' - 'A'
				}
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
				end, hEnd = len(buf), h
				continue
			case (c == '\'' || c == '-') && len(buf) > 0:
				buf = append(buf, c)
				h = (h ^ uint64(c)) * fnvPrime
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(line[i:])
			i += size
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if len(buf) == 0 {
					capital = unicode.IsUpper(r)
					h = fnvOffset
				}
				n := len(buf)
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
				for _, c := range buf[n:] {
					h = (h ^ uint64(c)) * fnvPrime
				}
				end, hEnd = len(buf), h
				continue
			case r == '’' && len(buf) > 0:
				buf = append(buf, '\'')
				h = (h ^ uint64('\'')) * fnvPrime
				continue
			}
		}
		if len(buf) > 0 {
			fn(buf[:end], hEnd, boundary, capital)
			buf = buf[:0]
			boundary = false
		}
		if c == '.' || c == '!' || c == '?' {
			boundary = true
		}
	}
	if len(buf) > 0 {
		fn(buf[:end], hEnd, boundary, capital)
	}
	return buf
}
