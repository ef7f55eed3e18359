package textmap

import "testing"

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
