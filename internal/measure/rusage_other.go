//go:build !unix

package measure

import (
	"os"
	"time"
)

// CPUTime returns the user and system CPU time the process has used, or
// 0 where the system does not say (only Unix systems do, here).
func CPUTime() time.Duration { return 0 }

// PeakRSS returns the process's peak resident set size in bytes, or 0
// where the system does not say (only Unix systems do, here).
func PeakRSS() int64 { return 0 }

// ChildPeakRSS returns the peak resident set size in bytes of a process
// that has ended, or 0 where the system does not say.
func ChildPeakRSS(*os.ProcessState) int64 { return 0 }
