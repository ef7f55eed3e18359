//go:build unix

package measure

import (
	"os"
	"runtime"
	"syscall"
	"time"
)

// CPUTime returns the user and system CPU time the process has used.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// PeakRSS returns the process's peak resident set size in bytes.
func PeakRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return maxRSS(&ru)
}

// ChildPeakRSS returns the peak resident set size in bytes of a process
// that has ended (of the largest of it and its own children), or 0 when
// the system does not say. On Linux it is at least the parent's resident
// size when the child started: os/exec starts a child sharing the
// parent's memory until it executes its program, and the kernel carries
// that memory's peak over.
func ChildPeakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return maxRSS(ru)
	}
	return 0
}

// maxRSS returns ru's peak resident set size in bytes: macOS counts it
// in bytes, the other systems in KiB.
func maxRSS(ru *syscall.Rusage) int64 {
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
