package clean

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/textmap"
)

// FuzzWriteLine checks writeLine, which looks at the runes after
// sentence ends alone and skips long tokens in kerning, against
// writeLineRef, its plainer version that looks at every rune: the same
// text and map, with and without a corpus.
func FuzzWriteLine(f *testing.F) {
	for _, s := range []string{"", "a", "conflicts.But the U.S. said.”The end", "No r t h Ko re a said.Then", "x..Ab ?\"Cd e.)Fg", "T h e qu i ck b r o w n f o x.", "www.Example.Org a.B c", "Ünïcödé. Ωmega!Δelta k.", "Ko réa b ü c  d,”  ab’ efghijklmn N o r t h é x."} {
		f.Add(s, 0)
	}
	corpus := NewCorpus()
	for _, t := range []string{"North Korea said the quick brown fox jumps.", "The end of the conflicts came."} {
		corpus.Add(news.Document{ID: t, Text: t})
	}
	f.Fuzz(func(t *testing.T, s string, from int) {
		rs := []rune(strings.ReplaceAll(s, "\n", " "))
		a := 0
		if len(rs) > 0 {
			a = (from%len(rs) + len(rs)) % len(rs)
		}
		rs = append(rs, '\n', 'X', 'y')
		for _, c := range []*Corpus{nil, corpus} {
			var got, want textmap.Builder
			c.writeLine(rs, a, len(rs)-3, string(rs[a:len(rs)-3]), &got)
			c.writeLineRef(rs, a, len(rs)-3, &want)
			if got.String() != want.String() || fmt.Sprint(got.Map()) != fmt.Sprint(want.Map()) {
				t.Fatalf("writeLine(%q, %d) = %q %v, want %q %v", string(rs), a, got.String(), got.Map(), want.String(), want.Map())
			}
		}
	})
}

// writeLineRef and kerningRef are writeLine and kerning as they were
// first written.
func (c *Corpus) writeLineRef(rs []rune, a, b int, out *textmap.Builder) {
	if a >= b {
		return
	}
	skip, ins := c.kerningRef(rs, a, b)
	// Copy the runs between repairs whole.
	run := a
	for i := a; i < b; i++ {
		r := rs[i]
		skipped := skip != nil && skip[i-a]
		space := !skipped && (ins != nil && ins[i-a] || (r == '“' || r == '"' || isUpper(r)) && missingSpace(rs, a, i))
		if !skipped && !space {
			continue
		}
		out.CopyRunes(rs[run:i], run)
		run = i
		if skipped {
			run = i + 1
			continue
		}
		out.Insert(" ", i)
	}
	out.CopyRunes(rs[run:b], run)
}
func (c *Corpus) kerningRef(rs []rune, a, b int) (skip, ins []bool) {
	var arr [16]piece
	run := arr[:0]
	try := func() {
		if len(run) < 2 {
			run = run[:0]
			return
		}
		// Cheap test first: kerning leaves stray single letters or runs of
		// very short fragments.
		short, stray := 0, false
		for _, pc := range run {
			if pc.b-pc.a <= 2 {
				short++
			}
			if pc.b-pc.a == 1 && rs[pc.a] != 'a' && rs[pc.a] != 'A' && rs[pc.a] != 'I' {
				stray = true
			}
		}
		if len(run) >= 2 && (stray || short >= 3 && c.unknownPieces(rs, run) >= 2) {
			s, in := c.resegment(rs, run[0].a, run[len(run)-1].b)
			if s != nil {
				if skip == nil {
					skip, ins = make([]bool, b-a), make([]bool, b-a)
				}
				for k := range s {
					skip[run[0].a-a+k] = s[k]
					ins[run[0].a-a+k] = in[k]
				}
			}
		}
		run = run[:0]
	}
	i := a
	for i < b {
		// The letters that start the token, counted up to one more than
		// a fragment may have.
		j := i
		for j < b && j-i <= maxPiece && isLetter(rs[j]) {
			j++
		}
		end := j // end of the token
		for end < b && rs[end] != ' ' {
			end++
		}
		letters := j > i && (i == a || rs[i-1] == ' ')
		switch {
		case letters && j == end && j-i <= maxPiece:
			run = append(run, piece{i, j})
		case letters && j-i <= maxPiece && trailingPunct(rs[j:end]):
			// "k." ends a run: the fragment belongs to it.
			run = append(run, piece{i, j})
			try()
		case len(run) > 0: // most tokens end no run: skip the call
			try()
		}
		i = end + 1
	}
	try()
	return skip, ins
}

// TestPunctAfter checks punctAfter, a bit set for ASCII, against the
// switch it replaces, over the first plane.
func TestPunctAfter(t *testing.T) {
	ref := func(r rune) bool {
		switch r {
		case '.', ',', ';', ':', '!', '?', '"', '”', '’', ')':
			return true
		}
		return false
	}
	for r := rune(-1); r < 0x10000; r++ {
		if punctAfter(r) != ref(r) {
			t.Fatalf("punctAfter(%U) = %v", r, punctAfter(r))
		}
	}
}
