// Command newsfold folds a pile of raw news text into what it really is:
// clean articles, the text they share, and the events and stories they
// belong to.
//
//	newsfold fold [flags] PATH...   fold files, directories or "-" (JSONL on stdin)
//	newsfold eval NAME [flags]      score a stage on a public data set
//
// Run "newsfold help" for the details.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `newsfold folds a pile of raw news text into clean articles, text reuse,
events and stories.

Usage:
  newsfold fold [flags] PATH...    fold .txt, .jsonl, .html, .warc files (gzip too),
                                   directories, or "-" for JSON Lines on stdin
  newsfold eval NAME [flags]       score a stage against a data set; NAME is one of
                                   clean, extract, reuse, events, story, scale
  newsfold help                    this text

Run "newsfold fold -h" or "newsfold eval NAME -h" for a command's flags.
Exit status: 0 all went well, 1 some input was skipped, 2 usage error.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "fold":
		return foldCmd(args[1:], stdin, stdout, stderr)
	case "eval":
		return evalCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "newsfold: unknown command %q\n\n%s", args[0], usage)
	return 2
}
