package reuseeval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/newsfold/newsfold/internal/shareddata"
)

// source is one real article text, split into paragraphs of words.
type source struct {
	id    string
	topic string // ECB+ topic, empty for other sources
	event string // ECB+ event
	paras [][]string
}

func (s *source) words() int {
	n := 0
	for _, p := range s.paras {
		n += len(p)
	}
	return n
}

// loadSources reads the ground-truth bodies of the article extraction
// benchmark and the ECB+ documents under dir, drops every text that shares
// a word 8-gram with one kept before it (so that the generated ground truth
// is complete: no two sources share text by themselves), and returns the
// benchmark bodies and the ECB+ documents.
func loadSources(dir string) (bodies, ecb []*source, err error) {
	raw, err := os.ReadFile(filepath.Join(dir, "article-extraction-benchmark", "ground-truth.json"))
	if err != nil {
		return nil, nil, err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, nil, fmt.Errorf("ground-truth.json: %v", err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	seen := map[uint64]bool{}
	for _, id := range ids {
		s := &source{id: "gt-" + id[:12]}
		for _, p := range strings.Split(gt[id].ArticleBody, "\n") {
			if w := strings.Fields(p); len(w) > 0 {
				s.paras = append(s.paras, w)
			}
		}
		if s.words() >= 150 && len(s.paras) >= 4 && fresh(s, seen) {
			bodies = append(bodies, s)
		}
	}

	docs, err := shareddata.ReadECB(filepath.Join(dir, "ecbplus"))
	if err != nil {
		return nil, nil, err
	}
	for _, d := range docs {
		s := &source{id: "ecb-" + d.ID, topic: d.Topic, event: d.Event}
		var para []string
		for i, line := range strings.Split(d.Text, "\n") {
			para = append(para, strings.Fields(line)...)
			if (i+1)%3 == 0 && len(para) > 0 {
				s.paras = append(s.paras, para)
				para = nil
			}
		}
		if len(para) > 0 {
			s.paras = append(s.paras, para)
		}
		if s.words() >= 80 && fresh(s, seen) {
			ecb = append(ecb, s)
		}
	}
	return bodies, ecb, nil
}

// fresh reports whether s shares no 40-letter stretch (letters and digits
// only, starting at a word) with the texts seen so far, and adds its
// stretches to seen. Sources that share text by themselves (wire copies
// in ECB+, a product blurb quoted by two reviews) would make the generated
// ground truth incomplete.
func fresh(s *source, seen map[uint64]bool) bool {
	const n = 40
	var letters []byte
	var starts []int
	for _, p := range s.paras {
		for _, w := range p {
			if k := key(w); k != "" {
				starts = append(starts, len(letters))
				letters = append(letters, k...)
			}
		}
	}
	var hs []uint64
	for _, i := range starts {
		if i+n > len(letters) {
			break
		}
		h := uint64(14695981039346656037)
		for _, c := range letters[i : i+n] {
			h = (h ^ uint64(c)) * 1099511628211
		}
		if seen[h] {
			return false
		}
		hs = append(hs, h)
	}
	for _, h := range hs {
		seen[h] = true
	}
	return true
}

// key is a word lower-cased with everything but letters and digits removed.
func key(w string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, w)
}
