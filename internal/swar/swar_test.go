package swar

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func ExampleZeroBytes() {
	x := Load64("news.txt", 0)
	dots := ZeroBytes(x ^ '.'*Low) // the dot is byte 4
	fmt.Printf("%#x\n", dots)
	// Output: 0x8000000000
}

// TestAgainstBytes checks every function against a byte-by-byte loop, on
// words made of interesting byte values.
func TestAgainstBytes(t *testing.T) {
	values := []byte{0, 1, ' ', '.', 0x1f, 0x20, 0x7f, 0x80, 0x81, 0xfe, 0xff, 'a', 'Z',
		'0', '9', '/', ':', '@', '[', '`', '{', 'z', 'A', 0xc1, 0xda, 0xe1, 0xfa, 0xb0, 0xb9}
	var buf [8]byte
	for k := 0; k < 20000; k++ {
		for j := range buf {
			buf[j] = values[(k*7+j*13+k/len(values)*j)%len(values)]
		}
		s := string(buf[:])
		x := Load64(s, 0)
		for j := range 8 {
			if byte(x>>(8*j)) != s[j] {
				t.Fatalf("Load64(%q) byte %d = %#x", s, j, byte(x>>(8*j)))
			}
			if got, want := ZeroBytes(x)>>(8*j+7)&1 == 1, s[j] == 0; got != want {
				t.Fatalf("ZeroBytes(%q) byte %d = %v", s, j, got)
			}
			c := s[j]
			if got, want := LetterBytes(x)>>(8*j+7)&1 == 1, 'a' <= c|0x20 && c|0x20 <= 'z'; got != want {
				t.Fatalf("LetterBytes(%q) byte %d = %v", s, j, got)
			}
			if got, want := DigitBytes(x)>>(8*j+7)&1 == 1, '0' <= c && c <= '9'; got != want {
				t.Fatalf("DigitBytes(%q) byte %d = %v", s, j, got)
			}
			for _, n := range []byte{0, 1, 0x20, 0x21, 0x7f, 0x80} {
				if got, want := LessBytes(x, n)>>(8*j+7)&1 == 1, s[j] < n; got != want {
					t.Fatalf("LessBytes(%q, %#x) byte %d = %v", s, n, j, got)
				}
			}
		}
		if ZeroBytes(x)&^High != 0 || LessBytes(x, 0x21)&^High != 0 || LetterBytes(x)&^High != 0 || DigitBytes(x)&^High != 0 {
			t.Fatalf("bits outside High for %q", s)
		}
	}
}

func TestASCIIPrefix(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"abcdefghij", 10}, {"abcdefgh\xc3\xa9", 8},
		{"abcdefghijk\xe2\x80\x99x", 11}, {"\xffabc", 0}, {"ab\x80cdefghijklm", 2},
	} {
		if got := ASCIIPrefix(c.s); got != c.want {
			t.Errorf("ASCIIPrefix(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}

func TestDecodeRune(t *testing.T) {
	for _, s := range []string{"é", "Путин", "日本", "😀", "\xc3", "\xc3(", "\xc0\xaf", "\xed\xa0\x80", "a\u00a0b", "\xdf\xbf", "\xc2\x80"} {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x80 {
				continue
			}
			r, n := DecodeRune(s, i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn {
				t.Errorf("DecodeRune(%q, %d) = %q, %d; want %q, %d", s, i, r, n, wr, wn)
			}
		}
	}
}

func TestRuneOffset(t *testing.T) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefghij", "héllo wörld, Привет мир — “quoted” 😀 end", strings.Repeat("Жx😀", 9)} {
		want := make([]int, 0, len(s)+1)
		for i := range s {
			want = append(want, i)
		}
		for k := range len(want) + 3 {
			w := len(s)
			if k < len(want) {
				w = want[k]
			}
			if got := RuneOffset(s, k); got != w {
				t.Errorf("RuneOffset(%q, %d) = %d, want %d", s, k, got, w)
			}
		}
	}
}

func FuzzRuneOffset(f *testing.F) {
	f.Add("héllo wörld, Привет мир — “quoted” 😀 end", 7)
	f.Fuzz(func(t *testing.T, s string, k int) {
		if !utf8.ValidString(s) || k < 0 {
			return
		}
		want := len(s)
		n := 0
		for i := range s {
			if n == k {
				want = i
				break
			}
			n++
		}
		if got := RuneOffset(s, k); got != want {
			t.Fatalf("RuneOffset(%q, %d) = %d, want %d", s, k, got, want)
		}
	})
}
