package textmap

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestBuilderCopyAndInsert(t *testing.T) {
	raw := "chan-\nnel ok"
	var b Builder
	b.Copy("chan", 0)
	b.Copy("nel", 6)
	b.Insert(" ", 9)
	b.Copy("ok", 10)
	if got := b.String(); got != "channel ok" {
		t.Fatalf("text = %q", got)
	}
	m := b.Map()
	want := []int{0, 1, 2, 3, 6, 7, 8, 9, 10, 11}
	for i, w := range want {
		if got := m.Raw(i); got != w {
			t.Errorf("Raw(%d) = %d, want %d", i, got, w)
		}
	}
	if lo, hi := m.RawRange(0, 7); lo != 0 || hi != 9 {
		t.Errorf("RawRange(0,7) = %d,%d want 0,9", lo, hi)
	}
	if got := Slice(raw, lo(m), 9); got != "chan-\nnel" {
		t.Errorf("raw slice = %q", got)
	}
}

func lo(m Map) int { l, _ := m.RawRange(0, 1); return l }

func TestThenComposes(t *testing.T) {
	// raw "a  b" -> first "a b" (drop one space) -> second "b" (drop "a ").
	var first Builder
	first.Copy("a ", 0)
	first.Copy("b", 3)
	var second Builder
	second.Copy("b", 2)
	m := first.Map().Then(second.Map())
	if got := m.Raw(0); got != 3 {
		t.Fatalf("Raw(0) = %d, want 3", got)
	}
}

func TestReorderedRange(t *testing.T) {
	var b Builder
	b.Copy("world", 6)
	b.Insert(" ", 5)
	b.Copy("hello", 0)
	lo, hi := b.Map().RawRange(0, 11)
	if lo != 0 || hi != 11 {
		t.Fatalf("RawRange = %d,%d want 0,11", lo, hi)
	}
}

func TestSlice(t *testing.T) {
	for _, c := range []struct {
		s          string
		start, end int
		want       string
	}{
		{"héllo", 1, 3, "él"},
		{"héllo", 3, 99, "lo"},
		{"héllo", 5, 6, ""},
		{"", 0, 1, ""},
		{"abc", 2, 1, ""},
	} {
		if got := Slice(c.s, c.start, c.end); got != c.want {
			t.Errorf("Slice(%q,%d,%d) = %q want %q", c.s, c.start, c.end, got, c.want)
		}
	}
}

// slowAppend writes n runes that map to raw, raw+step, ... one at a time:
// the reference the bulk operations must agree with.
func slowAppend(b *Builder, raw, n, step int) {
	for k := range n {
		b.buf = append(b.buf, 'x')
		b.add(raw + k*step)
	}
}

// TestBulkMatchesRuneByRune checks that Copy, Insert and Then give the
// same spans as mapping one rune at a time.
func TestBulkMatchesRuneByRune(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		var fast, slow Builder
		raw := 0
		for range r.IntN(12) {
			n := r.IntN(6)
			switch r.IntN(4) {
			case 0: // a jump back or ahead
				raw = max(0, raw+r.IntN(9)-4)
			case 1:
				fast.Insert(strings.Repeat("x", n), raw)
				slowAppend(&slow, raw, n, 0)
				continue
			}
			fast.Copy(strings.Repeat("x", n), raw)
			slowAppend(&slow, raw, n, 1)
			raw += n
		}
		if !slices.Equal(fast.m.spans, slow.m.spans) || fast.Len() != slow.Len() {
			t.Fatalf("trial %d: bulk spans %v, rune by rune %v", trial, fast.m.spans, slow.m.spans)
		}
		// Compose with a second random map over the first's text.
		first := fast.Map()
		var next Builder
		for range r.IntN(8) {
			at, n := r.IntN(first.Len()+3)-1, r.IntN(5)
			if r.IntN(3) == 0 {
				next.Insert(strings.Repeat("y", n), at)
			} else {
				next.Copy(strings.Repeat("y", n), at)
			}
		}
		got := first.Then(next.Map())
		var want Builder
		for _, s := range next.m.spans {
			for j := range int(s.n) {
				want.add(first.Raw(int(s.raw) + j*int(s.step)))
			}
		}
		if !slices.Equal(got.spans, want.m.spans) || got.Len() != next.Len() {
			t.Fatalf("trial %d: Then spans %v, want %v", trial, got.spans, want.m.spans)
		}
	}
}

func TestRawSpans(t *testing.T) {
	// Raw: "first half | CAPTION | second half" read as one passage.
	var b Builder
	b.Copy("first half", 0)
	b.Insert(" ", 10)
	b.Copy("second half", 30)
	m := b.Map()
	got := m.RawSpans(0, b.Len())
	if len(got) != 2 || got[0] != [2]int{0, 11} || got[1] != [2]int{30, 41} {
		t.Errorf("RawSpans = %v, want [[0 11] [30 41]]", got)
	}
	// Text read back to front (columns reordered) gives pieces in reading order.
	var r Builder
	r.Copy("later", 20)
	r.Copy("earlier", 0)
	if got := r.Map().RawSpans(0, r.Len()); len(got) != 2 || got[0] != [2]int{20, 25} || got[1] != [2]int{0, 7} {
		t.Errorf("reordered RawSpans = %v", got)
	}
	// A hyphen and line break skipped inside a word are bridged.
	var h Builder
	h.Copy("chan", 0)
	h.Copy("nel", 6)
	if got := h.Map().RawSpans(0, h.Len()); len(got) != 1 || got[0] != [2]int{0, 9} {
		t.Errorf("bridged RawSpans = %v", got)
	}
	if m.RawSpans(3, 3) != nil {
		t.Error("empty range has spans")
	}
}

func TestMapAndStringSurviveLaterWrites(t *testing.T) {
	var b Builder
	b.Copy("abc", 0)
	text, m := b.String(), b.Map()
	want := slices.Clone(m.spans)
	b.Copy("def", 3) // would extend the shared last span in place
	b.Insert("!", 9)
	if text != "abc" || !slices.Equal(m.spans, want) || m.Len() != 3 {
		t.Fatalf("after more writes: text %q spans %v, want %q %v", text, m.spans, "abc", want)
	}
	if got := b.Map(); got.Len() != 7 || got.Raw(5) != 5 || got.Raw(6) != 9 {
		t.Fatalf("builder map after more writes: %v", got.spans)
	}
}

func TestOffsetsBeyondMaxOffsetPanic(t *testing.T) {
	if math.MaxInt == math.MaxInt32 {
		t.Skip("an int cannot hold an offset past MaxOffset")
	}
	beyond := MaxOffset
	beyond++
	for _, f := range []func(b *Builder){
		func(b *Builder) { b.CopyRune('x', beyond) },
		func(b *Builder) { b.Insert("x", beyond) },
		func(b *Builder) { b.Copy("xy", MaxOffset) },
		func(b *Builder) { b.m.size = MaxOffset; b.Insert("x", 0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic for an offset past MaxOffset")
				}
			}()
			var b Builder
			f(&b)
		}()
	}
	var b Builder
	b.CopyRune('x', MaxOffset) // the last offset that fits
	if got := b.Map().Raw(0); got != MaxOffset {
		t.Fatalf("Raw(0) = %d, want %d", got, MaxOffset)
	}
}

func TestResetKeepsClonedMapAndText(t *testing.T) {
	var b Builder
	b.Copy("abc", 0)
	b.Insert(" ", 2)
	text, kept := b.String(), b.Map().Clone()
	want := slices.Clone(kept.spans)
	b.Reset()
	b.Copy("xyzw", 10) // writes over the storage of the old spans
	if text != "abc " || !slices.Equal(kept.spans, want) || kept.Len() != 4 {
		t.Fatalf("after Reset: text %q spans %v, want %q %v", text, kept.spans, "abc ", want)
	}
	if got := b.Map(); b.String() != "xyzw" || got.Len() != 4 || got.Raw(0) != 10 {
		t.Fatalf("new text %q map %v", b.String(), got.spans)
	}
}

func TestReuseWritesOverTheLastText(t *testing.T) {
	var b Builder
	b.Copy("abcdef", 0)
	kept := strings.Clone(b.String())
	b.Reuse()
	b.Copy("xyz", 7)
	if got := b.Map(); b.String() != "xyz" || got.Len() != 3 || got.Raw(0) != 7 || got.Raw(2) != 9 {
		t.Fatalf("after Reuse: text %q map %v", b.String(), got.spans)
	}
	if kept != "abcdef" {
		t.Fatalf("a copy of the old text changed: %q", kept)
	}
	if testing.AllocsPerRun(10, func() { b.Reuse(); b.Copy("uvw", 0) }) != 0 {
		t.Error("writing a text no longer than the last allocates after Reuse")
	}
}

func TestCopyValidMatchesCopy(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("ab ,é’—Ж\U0001F600")
	for trial := range 500 {
		var valid, copied Builder
		raw := 0
		for range r.IntN(6) {
			rs := make([]rune, r.IntN(9))
			for i := range rs {
				rs[i] = alphabet[r.IntN(len(alphabet))]
			}
			raw = max(0, raw+r.IntN(7)-3)
			valid.CopyValid(string(rs), raw, len(rs))
			copied.Copy(string(rs), raw)
			raw += len(rs)
		}
		if valid.String() != copied.String() || !slices.Equal(valid.m.spans, copied.m.spans) || valid.Len() != copied.Len() {
			t.Fatalf("trial %d: CopyValid gave %q %v, Copy %q %v", trial, valid.String(), valid.m.spans, copied.String(), copied.m.spans)
		}
	}
}
