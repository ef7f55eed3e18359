package prefault

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE.
const madvPopulateWrite = 23

func start(interval time.Duration) func() {
	w := newWatcher()
	if !w.populateNew() {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/total:bytes"}}
		var mapped uint64
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v != mapped {
				mapped = v
				if !w.populateNew() {
					return
				}
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
	}
}

// A watcher populates the heap's mappings and remembers what it has
// populated.
type watcher struct {
	// lo and hi bound where the heap's mappings are looked for. The
	// runtime grows the heap upwards from a (randomised) base address, far
	// from the mappings the kernel places and from the runtime's own
	// metadata.
	lo, hi    uint64
	populated []span // sorted, disjoint, not adjacent
}

// A span is the address range [lo, hi). Addresses are uint64 so that the
// bounds above stay representable on 32-bit systems.
type span struct{ lo, hi uint64 }

func newWatcher() *watcher {
	probe := make([]byte, 1<<20) // large enough to live in the heap
	at := uint64(uintptr(unsafe.Pointer(unsafe.SliceData(probe))))
	runtime.KeepAlive(probe)
	return &watcher{lo: at - min(at, 1<<30), hi: at + 255<<30}
}

// populateNew populates the parts of the heap's writable mappings not
// populated before. It reports false when it cannot: no /proc, or a
// kernel without MADV_POPULATE_WRITE.
func (w *watcher) populateNew() bool {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return false
	}
	maps, err := w.heapMappings(f)
	f.Close()
	if err != nil {
		return false
	}
	for _, m := range maps {
		for _, gap := range missing(w.populated, m) {
			_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(gap.lo), uintptr(gap.hi-gap.lo), madvPopulateWrite)
			if errno == syscall.EINVAL {
				return false
			}
			// On any other error (out of memory, say) the pages are
			// faulted in one at a time as they would have been.
			w.populated = insert(w.populated, gap)
		}
	}
	return true
}

// heapMappings returns the writable mappings between w.lo and w.hi in maps,
// a file in the format of /proc/self/maps.
func (w *watcher) heapMappings(maps *os.File) ([]span, error) {
	var out []span
	sc := bufio.NewScanner(maps)
	for sc.Scan() {
		if s, ok := parseMapping(sc.Bytes()); ok && s.hi > w.lo && s.lo < w.hi {
			out = append(out, span{max(s.lo, w.lo), min(s.hi, w.hi)})
		}
	}
	return out, sc.Err()
}

// parseMapping reads the range of a line of /proc/self/maps, such as
// "c000000000-c004000000 rw-p 00000000 00:00 0", if it is a private,
// writable mapping of no file.
func parseMapping(line []byte) (span, bool) {
	fields := bytes.Fields(line)
	if len(fields) != 5 || string(fields[1]) != "rw-p" || string(fields[4]) != "0" {
		return span{}, false
	}
	from, to, ok := bytes.Cut(fields[0], []byte{'-'})
	if !ok {
		return span{}, false
	}
	lo, err1 := strconv.ParseUint(string(from), 16, 64)
	hi, err2 := strconv.ParseUint(string(to), 16, 64)
	if err1 != nil || err2 != nil || lo >= hi {
		return span{}, false
	}
	return span{lo, hi}, true
}

// missing returns the parts of m that no span of done covers.
func missing(done []span, m span) []span {
	var out []span
	at := m.lo
	for _, d := range done {
		if d.hi <= at || d.lo >= m.hi {
			continue
		}
		if d.lo > at {
			out = append(out, span{at, d.lo})
		}
		at = max(at, d.hi)
	}
	if at < m.hi {
		out = append(out, span{at, m.hi})
	}
	return out
}

// insert adds s to done, keeping it sorted and merged, and returns it.
func insert(done []span, s span) []span {
	i, _ := slices.BinarySearchFunc(done, s.lo, func(d span, lo uint64) int {
		switch {
		case d.lo < lo:
			return -1
		case d.lo > lo:
			return 1
		}
		return 0
	})
	done = slices.Insert(done, i, s)
	merged := done[:1]
	for _, d := range done[1:] {
		if last := &merged[len(merged)-1]; d.lo <= last.hi {
			last.hi = max(last.hi, d.hi)
		} else {
			merged = append(merged, d)
		}
	}
	return merged
}
