package cleaneval

import (
	"encoding/json"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsfold/newsfold/meta"
)

// Text is one clean article of the source data: the ground truth that the
// benchmark damages.
type Text struct {
	ID    string
	Title string // empty when the data set gives none
	Body  string // paragraphs separated by blank lines
}

// Held reports whether the text with this id is held out for evaluation.
// The other half builds the embedded word list (clean/gen_words.go), so
// the benchmark never scores text the vocabulary was learnt from.
func Held(id string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%2 == 1
}

// minParagraphs is the least number of paragraphs (sentences, for ECB+)
// of a text that the benchmark uses: shorter ones are headlines or stubs.
const minParagraphs = 3

// Load reads the clean texts of the data directory: the ground-truth
// bodies of article-extraction-benchmark/ground-truth.json and the ECB+
// texts (ecbplus/docs/*.txt: URL, headline, optional date line, then one
// sentence per line). Texts come sorted by id.
func Load(dir string) ([]Text, error) {
	var out []Text
	raw, err := os.ReadFile(filepath.Join(dir, "article-extraction-benchmark", "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, err
	}
	for id, v := range gt {
		body := strings.TrimSpace(v.ArticleBody)
		if len(paragraphs(body)) >= minParagraphs {
			out = append(out, Text{ID: "aeb-" + id[:16], Body: body})
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "ecbplus", "docs", "*.txt"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		t := ecbText(strings.TrimSuffix(filepath.Base(f), ".txt"), string(b))
		if len(paragraphs(t.Body)) >= minParagraphs {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// ecbText splits an ECB+ text into headline and body. Its sentences become
// paragraphs.
func ecbText(id, s string) Text {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	t := Text{ID: "ecb-" + id}
	k := 0
	if k < len(lines) && meta.URLLine(lines[k]) {
		k++
	}
	if k < len(lines) {
		if _, ok := meta.DateLine(lines[k]); ok {
			k++
		}
	}
	if k < len(lines) && meta.TitleLike(lines[k]) {
		t.Title = strings.TrimSpace(lines[k])
		k++
	}
	if k < len(lines) {
		if _, ok := meta.DateLine(lines[k]); ok {
			k++
		}
	}
	var body []string
	for _, l := range lines[k:] {
		if l = strings.TrimSpace(l); l != "" {
			body = append(body, l)
		}
	}
	t.Body = strings.Join(body, "\n\n")
	return t
}
