// Package measure holds the few process measurements that newsfold's
// evaluation commands report (CPU time, peak heap, the cost of each stage,
// the machine's load) and the memory limit they and the CLI can set.
package measure

import (
	"errors"
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

// PeakHeap samples the live heap every 10 ms until stop is closed, then
// sends the largest value seen, in bytes.
func PeakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, heapObjects())
			select {
			case <-stop:
				out <- peak
				return
			case <-t.C:
			}
		}
	}()
	return out
}

// heapObjects returns the bytes of heap objects, live or not yet
// collected.
func heapObjects() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}

// LoadAverage returns the one-minute load average, or "unknown": speed
// numbers measured on a busy machine say so.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

// Stage is what one named stage of a run cost.
type Stage struct {
	Name string
	CPU  time.Duration // process CPU time while the stage ran
	Wall time.Duration // clock time the stage took
	// PeakHeap is the largest heap seen while the stage ran, garbage not
	// yet collected included, in bytes.
	PeakHeap uint64
	// StartHeap is the heap when the stage began; when the stage before
	// ended with a collection, it is what that stage left live.
	StartHeap uint64
}

// Stages attributes CPU time and peak heap to consecutive stages of a
// run, so that a benchmark can say which stage a cost belongs to. Enter
// may be called from several goroutines.
type Stages struct {
	mu   sync.Mutex
	list []Stage
	cpu0 time.Duration
	t0   time.Time
	stop chan struct{}
	done chan struct{}
}

// NewStages starts sampling the heap every 10 ms; Stop ends it.
func NewStages() *Stages {
	s := &Stages{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			heap := heapObjects()
			s.mu.Lock()
			if n := len(s.list); n > 0 {
				s.list[n-1].PeakHeap = max(s.list[n-1].PeakHeap, heap)
			}
			s.mu.Unlock()
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

// Enter ends the current stage and starts the one called name; entering
// the current stage again does nothing, so it can be called on every
// progress report.
func (s *Stages) Enter(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.list)
	if n > 0 && s.list[n-1].Name == name {
		return
	}
	now, t := CPUTime(), time.Now()
	if n > 0 {
		s.list[n-1].CPU, s.list[n-1].Wall = now-s.cpu0, t.Sub(s.t0)
	}
	s.cpu0, s.t0 = now, t
	s.list = append(s.list, Stage{Name: name, StartHeap: heapObjects()})
}

// Stop ends the last stage and the sampling and returns the stages in the
// order they were entered.
func (s *Stages) Stop() []Stage {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := len(s.list); n > 0 {
		s.list[n-1].CPU, s.list[n-1].Wall = CPUTime()-s.cpu0, time.Since(s.t0)
	}
	return s.list
}

// ParseSize reads a size in bytes written as GOMEMLIMIT writes it, a
// number with an optional unit: B, KiB, MiB, GiB, TiB, or the decimal KB,
// MB, GB, TB.
func ParseSize(size string) (int64, error) {
	s := strings.TrimSpace(size)
	units := []struct {
		suffix string
		scale  float64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"B", 1},
	}
	scale := 1.0
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, scale = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.scale
			break
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 0 || n*scale >= math.MaxInt64 {
		return 0, fmt.Errorf("bad size %q: want a number of bytes with an optional unit, such as 1800MiB or 2GB", size)
	}
	return int64(n * scale), nil
}

// SetMemoryLimit sets the Go runtime's soft heap limit to size, written
// as ParseSize reads it. A limit of 0 would keep the collector running
// without pause, so it is refused.
func SetMemoryLimit(size string) error {
	limit, err := ParseSize(size)
	if err == nil && limit == 0 {
		err = errors.New("a memory limit must be above 0")
	}
	if err != nil {
		return err
	}
	debug.SetMemoryLimit(limit)
	return nil
}

// FoldGCPercent is the collector's growth target (as in GOGC) that a
// fold runs with. Go's default, 100, lets the heap grow to twice its live
// data before collecting; a fold keeps all articles live and then builds
// the clustering state on top of them, so at 100k synthetic articles that
// meant 2.2 GB of heap for 1.1 GB of live data. At 50 the heap stays
// within 1.5 times its live data: "newsfold fold --json" on those 100k
// articles peaked at 1.94 GB of resident memory instead of 2.47 GB, and
// its CPU time moved within the noise of the measurement (0-5%).
const FoldGCPercent = 50

// SetFoldGC sets the collector's target to FoldGCPercent unless the
// GOGC environment variable sets one.
func SetFoldGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(FoldGCPercent)
	}
}

// StartCPUProfile writes a CPU profile to the named file until the
// returned stop function is called; stop also closes the file.
func StartCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}
