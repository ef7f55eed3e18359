package clean

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsfold/newsfold/meta"
)

// FuzzSplit checks split against splitRef, its first, byte by byte
// version: the same lines, offsets and groups; and titleLike, which
// knows a line's length in runes from split, against meta.TitleLike.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "\n", "a\n\nb", "é\nü\n\n\nx", "\x80\x80\nok", "line one\nline two\n", "12345678é12345678\n\n",
		strings.Repeat("Word ", 33) + "\n\u1680" + strings.Repeat("Wörd ", 40) + "x\n" + strings.Repeat("Ab", 81) + "\n\x80" + strings.Repeat("Ab", 81)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p, q page
		p.split(s)
		q.splitRef(s)
		if got, want := fmt.Sprint(p.blocks, p.blank), fmt.Sprint(q.blocks, q.blank); got != want {
			t.Fatalf("split(%q) = %s, want %s", s, got, want)
		}
		for i, b := range p.blocks {
			if got, want := p.titleLike(i), meta.TitleLike(b.text); got != want {
				t.Fatalf("titleLike(%q) = %v, want %v", b.text, got, want)
			}
		}
	})
}

// splitRef is split as it was first written.
func (p *page) splitRef(norm string) {
	p.blocks = make([]block, 0, strings.Count(norm, "\n")+1)
	group, start, startByte, runes := 0, 0, 0, 0
	blankSeen := false
	for i := 0; i <= len(norm); i++ {
		if i < len(norm) && norm[i] != '\n' {
			if norm[i] < utf8.RuneSelf || utf8.RuneStart(norm[i]) {
				runes++
			}
			continue
		}
		if runes == start {
			if len(p.blocks) > 0 {
				group++
				blankSeen = true
			}
		} else {
			p.blocks = append(p.blocks, block{a: start, b: runes, group: group, text: norm[startByte:i]})
		}
		runes++ // the newline
		start, startByte = runes, i+1
	}
	p.blank = blankSeen && group > 0
}
