// Package shareddata finds the public data sets that newsfold's
// evaluations read: shared/data beside the repository, as CI and every
// developer machine have it.
package shareddata

import (
	"os"
	"path/filepath"
)

// Dir returns shared/data/elem... beside the repository root (the nearest
// directory at or above the working directory that holds go.mod), or
// relative to the working directory when no go.mod is found.
func Dir(elem ...string) string {
	base := filepath.Join("..", "shared", "data")
	if dir, err := os.Getwd(); err == nil {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				base = filepath.Join(d, "..", "shared", "data")
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return filepath.Join(append([]string{base}, elem...)...)
}
