package par

import (
	"fmt"
	"sync/atomic"
	"testing"
)

func ExampleFor() {
	squares := make([]int, 5)
	For(2, len(squares), func(_, i int) { squares[i] = i * i })
	fmt.Println(squares)
	// Output: [0 1 4 9 16]
}

// TestFor checks that every index is called once, on a goroutine number
// below the number of workers, whatever the numbers.
func TestFor(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 2, 3, 8} {
		for _, n := range []int{0, 1, 2, 7, 1000} {
			calls := make([]atomic.Int32, n)
			var bad atomic.Int32
			For(workers, n, func(w, i int) {
				calls[i].Add(1)
				if w < 0 || w >= max(workers, 1) {
					bad.Add(1)
				}
			})
			for i := range calls {
				if c := calls[i].Load(); c != 1 {
					t.Fatalf("workers %d, n %d: index %d called %d times", workers, n, i, c)
				}
			}
			if bad.Load() != 0 {
				t.Fatalf("workers %d, n %d: a goroutine number out of range", workers, n)
			}
		}
	}
}
