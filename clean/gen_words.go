//go:build ignore

// gen_words writes words.txt and bigrams.txt, the word and word-pair
// frequency lists that clean embeds, from the half of ../shared/data that
// the cleaning benchmark does not score (see cleaneval.Held):
//
//	go run gen_words.go -data ../../shared/data
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/newsfold/newsfold/clean/cleaneval"
)

func main() {
	data := flag.String("data", "../../shared/data", "data directory")
	min := flag.Int("min", 2, "least count kept")
	flag.Parse()
	texts, err := cleaneval.Load(*data)
	if err != nil {
		log.Fatal(err)
	}
	counts := map[string]int{}
	pairs := map[string]int{}
	for _, t := range texts {
		if cleaneval.Held(t.ID) {
			continue
		}
		for _, line := range strings.Split(t.Title+"\n"+t.Body, "\n") {
			// Pairs do not cross sentence ends.
			for _, sent := range strings.FieldsFunc(line, func(r rune) bool { return r == '.' || r == '!' || r == '?' }) {
				prev := ""
				for _, w := range strings.FieldsFunc(sent, func(r rune) bool {
					return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-')
				}) {
					w = strings.Trim(strings.ToLower(strings.ReplaceAll(w, "’", "'")), "'-")
					if w == "" {
						continue
					}
					if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
						counts[w]++
					}
					if prev != "" {
						pairs[prev+" "+w]++
					}
					prev = w
				}
			}
		}
	}
	write("words.txt", counts, *min)
	write("bigrams.txt", pairs, *min)
}

// write writes the keys counted at least min times, most frequent first.
func write(name string, counts map[string]int, min int) {
	words := make([]string, 0, len(counts))
	for w, c := range counts {
		if c >= min {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	f, err := os.Create(name)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for _, word := range words {
		fmt.Fprintf(w, "%s\t%d\n", word, counts[word])
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
