// Package ingest reads raw news documents from files, directories, JSON
// Lines and standard input, and reports every input it had to skip.
package ingest

import (
	"fmt"

	"github.com/newsfold/newsfold/news"
)

// Options controls reading.
type Options struct {
	// MaxBytes is the largest input (after decompression) that is read; a
	// larger one is skipped with a Problem.
	MaxBytes int64
}

// DefaultOptions returns the defaults used by the CLI.
func DefaultOptions() Options { return Options{MaxBytes: 64 << 20} }

// Problem is an input, or part of one, that was skipped.
type Problem struct {
	Origin string // path, or path:line
	Err    error
}

func (p Problem) String() string { return fmt.Sprintf("%s: %v", p.Origin, p.Err) }

// Walk reads every document under paths ("-" is JSONL on stdin), in sorted
// order, calling emit for each document and problem for each skipped input.
func Walk(paths []string, opts Options, emit func(news.Document), problem func(Problem)) {
	// TODO(ingest helper): replace.
	for _, p := range paths {
		problem(Problem{Origin: p, Err: fmt.Errorf("not yet implemented")})
	}
}
