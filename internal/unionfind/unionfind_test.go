package unionfind

import "testing"

func TestUnionKeepsSmallerRoot(t *testing.T) {
	s := New(5)
	s.Union(4, 3)
	s.Union(3, 1)
	if got := s.Find(4); got != 1 {
		t.Errorf("Find(4) = %d, want 1", got)
	}
	if s.Find(0) == s.Find(1) || s.Find(2) != 2 {
		t.Errorf("unrelated sets merged: %v", s)
	}
	s = s.Grow(7)
	s.Union(6, 0)
	if s.Find(6) != 0 || len(s) != 7 {
		t.Errorf("after Grow: %v", s)
	}
}
