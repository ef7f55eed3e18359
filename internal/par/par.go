// Package par runs independent calls on several goroutines, the one
// pattern of parallel work the stages share.
package par

import (
	"sync"
	"sync/atomic"
)

// For calls f(w, 0), ..., f(w, n-1) on up to workers goroutines, the
// calling one among them, w being the number (from 0) of the goroutine that
// makes the call. Each goroutine takes the next index from a shared
// counter as it finishes one: handing indices over one at a time, through
// a channel, woke a goroutine per index, and the scheduler's work stealing
// then slept (usleep, stretched to some 55 µs by the kernel's timer slack)
// thousands of times a second, which left about a tenth of two cores idle.
// Each call must only write what belongs to its index or its goroutine.
func For(workers, n int, f func(w, i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	var next atomic.Int64
	work := func(w int) {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			f(w, i)
		}
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(w)
		}()
	}
	work(0)
	wg.Wait()
}
