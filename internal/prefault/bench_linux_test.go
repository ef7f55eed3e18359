package prefault

import (
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/newsfold/newsfold/internal/measure"
)

// BenchmarkFreshMemory compares the two ways fresh anonymous memory
// becomes resident: a page fault at the first write to each page, as the
// Go heap gets it, and one MADV_POPULATE_WRITE over the whole range, as
// Start asks for it. It reports CPU-seconds (user and system, of the whole
// process) per GiB:
//
//	go test -run XXX -bench FreshMemory -benchtime 16x ./internal/prefault
//
// Fresh memory that the kernel has handed back to the host costs more than
// memory freed a moment ago, so run each way a few times, alternated.
func BenchmarkFreshMemory(b *testing.B) {
	if !kernelPopulates(b) {
		b.Skip("the kernel has no MADV_POPULATE_WRITE")
	}
	const size = 64 << 20
	for _, way := range []string{"fault", "populate"} {
		b.Run(way, func(b *testing.B) {
			var spent time.Duration
			for range b.N {
				mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
				if err != nil {
					b.Fatal(err)
				}
				before := measure.CPUTime()
				if way == "populate" {
					if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(unsafe.Pointer(&mem[0])), size, madvPopulateWrite); errno != 0 {
						b.Fatal(errno)
					}
				}
				for i := 0; i < size; i += 4096 {
					mem[i] = 1
				}
				spent += measure.CPUTime() - before
				if err := syscall.Munmap(mem); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(spent.Seconds()/(float64(b.N)*size/(1<<30)), "CPU-s/GiB")
		})
	}
}
