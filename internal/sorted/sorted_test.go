package sorted

import "testing"

func TestCommon(t *testing.T) {
	for _, c := range []struct {
		a, b []uint64
		want int
	}{
		{nil, nil, 0},
		{[]uint64{1, 2, 3}, nil, 0},
		{[]uint64{1, 3, 5, 7}, []uint64{2, 3, 4, 7, 9}, 2},
		{[]uint64{1, 1, 2}, []uint64{1, 1, 1}, 2},
	} {
		if got := Common(c.a, c.b); got != c.want {
			t.Errorf("Common(%v, %v) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
