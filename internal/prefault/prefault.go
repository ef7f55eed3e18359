// Package prefault makes the Go heap's fresh memory resident in bulk, ahead
// of the program's first writes to it.
//
// A fold of 10^5 articles touches about 1.7 GB of fresh heap. The kernel
// maps each 4 KiB page of it on the first write, one page fault at a time,
// and on the virtual machines newsfold is measured on a fault costs about
// 13 µs: 3.4 CPU-seconds per GiB. Asking the kernel to populate a whole
// range at once (madvise with MADV_POPULATE_WRITE, Linux 5.14) costs
// 0.7–1.2 CPU-seconds per GiB (BenchmarkFreshMemory measures both).
// With this package, that fold populated 1,660–1,680 MiB in 0.4–0.6 s
// and took 35–40 CPU-seconds; without it (NEWSFOLD_PREFAULT=off), it took
// 1.5–1.9 s longer in each of three alternated pairs, its system time
// about doubled. Asking for transparent huge pages too (MADV_HUGEPAGE
// before populating, as the kernels there give them only when asked)
// made it 2–6 s slower in three of three pairs, though the kernel did
// give them.
//
// The Go runtime neither does this nor says when it maps memory, so a
// goroutine watches the size of the runtime's mappings and, when it
// changes, populates the parts of the heap's writable mappings it has not
// populated before. It only ever populates memory the runtime has just
// mapped for the heap: memory the runtime later gives back to the system
// stays given back. Elsewhere, or when the kernel cannot, it does nothing.
package prefault

import (
	"os"
	"time"
)

// interval is how often the watcher looks at the runtime's mappings. The
// runtime maps the heap at least 4 MiB at a time, which a fold fills in
// tens of milliseconds. The watcher is not always first even so: when
// every P runs a worker, its tick waits for one of them to be preempted
// (up to 10 ms). In a fold of 10^5 articles on 2 cores about a quarter of
// the fresh pages (110,000 of 447,000) were written before the watcher
// populated them, which it did 7 ms after the write at the median.
// Making workers yield between items, a third P, or mlockall(MCL_FUTURE)
// each left fewer such faults but made the fold no faster.
const interval = time.Millisecond

// Start starts populating new heap memory as the runtime maps it, unless
// the environment variable NEWSFOLD_PREFAULT is "off" (for measuring what
// it saves). The returned function stops it and waits until it has.
func Start() (stop func()) {
	if os.Getenv("NEWSFOLD_PREFAULT") == "off" {
		return func() {}
	}
	return start(interval)
}
