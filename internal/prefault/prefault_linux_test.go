package prefault

import (
	"fmt"
	"math/rand/v2"
	"os"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

func TestParseMapping(t *testing.T) {
	for _, c := range []struct {
		line string
		want span
		ok   bool
	}{
		{"c000000000-c004000000 rw-p 00000000 00:00 0", span{0xc000000000, 0xc004000000}, true},
		{"371c6800000-371c9c00000 rw-p 00000000 00:00 0 ", span{0x371c6800000, 0x371c9c00000}, true},
		{"371c4000000-371c6800000 ---p 00000000 00:00 0", span{}, false},            // reserved only
		{"0140b000-01581000 rw-p 0100b000 fe:00 10218841   /tmp/nf", span{}, false}, // a file
		{"16bcd000-16bee000 rw-p 00000000 00:00 0          [heap]", span{}, false},  // the C heap
		{"7ffd1-7ffd0 rw-p 00000000 00:00 0", span{}, false},                        // empty
		{"zz-7ffd0 rw-p 00000000 00:00 0", span{}, false},
		{"", span{}, false},
	} {
		got, ok := parseMapping([]byte(c.line))
		if got != c.want || ok != c.ok {
			t.Errorf("parseMapping(%q) = %x, %v; want %x, %v", c.line, got, ok, c.want, c.ok)
		}
	}
}

func FuzzParseMapping(f *testing.F) {
	f.Add("c000000000-c004000000 rw-p 00000000 00:00 0")
	f.Add("0140b000-01581000 rw-p 0100b000 fe:00 10218841   /tmp/nf")
	f.Add("ffffffffffffffff-0 rw-p 0 0 0")
	f.Fuzz(func(t *testing.T, line string) {
		s, ok := parseMapping([]byte(line))
		if !ok {
			return
		}
		if s.lo >= s.hi {
			t.Fatalf("parseMapping(%q) = %x, an empty range", line, s)
		}
		again, ok := parseMapping(fmt.Appendf(nil, "%x-%x rw-p 00000000 00:00 0", s.lo, s.hi))
		if !ok || again != s {
			t.Fatalf("parseMapping(%q) = %x, which does not read back (%x, %v)", line, s, again, ok)
		}
	})
}

// TestMissingInsert checks missing and insert against a set of addresses.
func TestMissingInsert(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var done []span
		var set [64]bool
		for range 12 {
			lo := uint64(r.IntN(64))
			m := span{lo, lo + 1 + uint64(r.IntN(64-int(lo)))}
			var want []uint64
			for a := m.lo; a < m.hi; a++ {
				if !set[a] {
					want = append(want, a)
				}
			}
			var got []uint64
			for _, g := range missing(done, m) {
				if g.lo >= g.hi {
					t.Fatalf("missing(%v, %v) has the empty span %v", done, m, g)
				}
				for a := g.lo; a < g.hi; a++ {
					got = append(got, a)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("missing(%v, %v) covers %v; want %v", done, m, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("missing(%v, %v) covers %v; want %v", done, m, got, want)
				}
			}
			done = insert(done, m)
			for a := m.lo; a < m.hi; a++ {
				set[a] = true
			}
			for i := 1; i < len(done); i++ {
				if done[i-1].hi >= done[i].lo {
					t.Fatalf("insert left %v unsorted or unmerged", done)
				}
			}
		}
	}
}

// TestStartPopulates checks that heap memory mapped after Start becomes
// resident without the program writing to it.
func TestStartPopulates(t *testing.T) {
	if !kernelPopulates(t) {
		t.Skip("the kernel has no MADV_POPULATE_WRITE")
	}
	stop := Start()
	defer stop()
	// A large allocation on a small heap is fresh memory, which the
	// runtime does not write to.
	fresh := make([]byte, 64<<20)
	deadline := time.Now().Add(5 * time.Second)
	for {
		n, of := resident(t, fresh)
		if n >= of*9/10 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d pages resident 5 s after allocating", n, of)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestStartOff(t *testing.T) {
	t.Setenv("NEWSFOLD_PREFAULT", "off")
	Start()() // must not block or panic
}

// kernelPopulates reports whether MADV_POPULATE_WRITE works here.
func kernelPopulates(t testing.TB) bool {
	b, err := syscall.Mmap(-1, 0, os.Getpagesize(), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(b)
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), madvPopulateWrite)
	return errno == 0
}

// resident returns how many of the pages b lies on are resident, and of
// how many.
func resident(t testing.TB, b []byte) (n, of int) {
	page := uintptr(os.Getpagesize())
	lo := uintptr(unsafe.Pointer(&b[0])) &^ (page - 1)
	hi := uintptr(unsafe.Pointer(&b[len(b)-1])) + 1
	vec := make([]byte, (hi-lo+page-1)/page)
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, lo, hi-lo, uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		t.Fatal(errno)
	}
	for _, v := range vec {
		n += int(v & 1)
	}
	return n, len(vec)
}
