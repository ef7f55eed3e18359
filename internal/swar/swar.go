// Package swar holds the few bit tricks that let the text scanners of
// several stages test eight bytes of a string at a time (SIMD within a
// register): most news text is ASCII, and a word of eight bytes with
// nothing special in it can be skipped at once.
package swar

import (
	"math/bits"
	"unicode/utf8"
)

// High has the top bit of each byte of a word set, and Low the bottom one;
// c*Low repeats byte c in every byte.
const (
	High = 0x8080808080808080
	Low  = 0x0101010101010101
)

// Load64 reads the eight bytes of s at i as a little-endian number: byte
// s[i] is the lowest.
func Load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// ZeroBytes returns the top bit of each byte of x that is zero, and no
// other bit. ZeroBytes(x ^ c*Low) finds the bytes equal to c.
func ZeroBytes(x uint64) uint64 {
	return ^((x&^High + ^uint64(High)) | x) & High
}

// LessBytes returns the top bit of each byte of x that is less than n,
// for n up to 0x80, and no other bit.
func LessBytes(x uint64, n byte) uint64 {
	return ^((x&^High + (0x80-uint64(n))*Low) | x) & High
}

// LetterBytes returns the top bit of each byte of x that is an ASCII
// letter, and no other bit. Each byte's low seven bits, lower-cased, are
// compared with 'a' and 'z' by sums that cannot carry into the next byte.
func LetterBytes(x uint64) uint64 {
	y := (x | 0x20*Low) &^ High
	return (y + (0x80-'a')*Low) &^ (y + (0x80-'z'-1)*Low) &^ x & High
}

// DigitBytes returns the top bit of each byte of x that is an ASCII
// digit, and no other bit.
func DigitBytes(x uint64) uint64 {
	y := x &^ High
	return (y + (0x80-'0')*Low) &^ (y + (0x80-'9'-1)*Low) &^ x & High
}

// ASCIIPrefix returns the length of the longest prefix of s that is
// ASCII.
func ASCIIPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if Load64(s, i)&High != 0 {
			break
		}
	}
	for i < len(s) && s[i] < 0x80 {
		i++
	}
	return i
}

// DecodeRune decodes the character that starts at s[i], a byte from 0x80
// up, as utf8.DecodeRuneInString does, with the two-byte encodings
// (accented Latin, Greek, Cyrillic), the commonest outside ASCII in news,
// decoded inline.
func DecodeRune(s string, i int) (rune, int) {
	if c0 := s[i]; c0 >= 0xC2 && c0 < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c0&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// RuneOffset returns the byte offset in s of its character number k
// (counted from 0), or len(s) when s has k characters or fewer. It counts
// the bytes that start a UTF-8 sequence, eight at a time, so it is exact
// for valid UTF-8; in invalid UTF-8 a stray continuation byte, which
// utf8 would count as a character of its own, is not counted.
func RuneOffset(s string, k int) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := Load64(s, i)
		// A continuation byte is 0b10xxxxxx: top bit set, the next clear.
		starts := 8 - bits.OnesCount64(x&^(x<<1)&High)
		if starts > k {
			break
		}
		k -= starts
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			if k == 0 {
				return i
			}
			k--
		}
	}
	return len(s)
}
