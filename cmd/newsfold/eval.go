package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsfold/newsfold/clean/cleaneval"
	"github.com/newsfold/newsfold/cluster/clustereval"
	"github.com/newsfold/newsfold/fold/foldeval"
	"github.com/newsfold/newsfold/ingest/extracteval"
	"github.com/newsfold/newsfold/reuse/reuseeval"
	"github.com/newsfold/newsfold/story/storyeval"
)

// evaluations maps "newsfold eval NAME" to the stage's scorer. Each reads
// its own flags (-h lists them).
var evaluations = map[string]func(args []string, stdout, stderr io.Writer) int{
	"clean":   cleaneval.Main,
	"events":  clustereval.Main,
	"extract": extracteval.Main,
	"reuse":   reuseeval.Main,
	"scale":   foldeval.Main,
	"story":   storyeval.Main,
}

func evalCmd(args []string, stdout, stderr io.Writer) int {
	var names []string
	for name := range evaluations {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(args) == 0 {
		fmt.Fprintf(stderr, "Usage: newsfold eval NAME [flags]\nNAME is one of: %s\n", strings.Join(names, ", "))
		return 2
	}
	main, ok := evaluations[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "newsfold eval: unknown evaluation %q (have: %s)\n", args[0], strings.Join(names, ", "))
		return 2
	}
	return main(args[1:], stdout, stderr)
}
