package shareddata

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ECBDoc is one ECB+ document with its gold labels.
type ECBDoc struct {
	ID, Topic, Event string
	// Text is docs/<ID>.txt as stored: one sentence a line, often a URL
	// line and a headline first.
	Text string
}

// ReadECB reads an ECB+ directory: labels.tsv (doc, topic, event, after a
// header line) and docs/<doc>.txt, in the order of labels.tsv.
func ReadECB(dir string) ([]ECBDoc, error) {
	f, err := os.Open(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []ECBDoc
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Split(sc.Text(), "\t")
		if line == 1 && len(fields) > 0 && fields[0] == "doc" || len(fields) < 3 {
			continue
		}
		text, err := os.ReadFile(filepath.Join(dir, "docs", fields[0]+".txt"))
		if err != nil {
			return nil, err
		}
		docs = append(docs, ECBDoc{ID: fields[0], Topic: fields[1], Event: fields[2], Text: string(text)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no labelled documents in %s", dir)
	}
	return docs, nil
}
