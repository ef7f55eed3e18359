package cluster

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsfold/newsfold/news"
)

func TestZZTopic(t *testing.T) {
	topics := strings.Fields(os.Getenv("TOPICS"))
	if len(topics) == 0 {
		t.Skip()
	}
	dir := "/work/shared/data/ecbplus"
	b, _ := os.ReadFile(filepath.Join(dir, "labels.tsv"))
	var arts []news.Article
	var gold []string
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(l, "\t")
		ok := false
		for _, tp := range topics {
			ok = ok || f[1] == tp
		}
		if !ok {
			continue
		}
		raw, _ := os.ReadFile(filepath.Join(dir, "docs", f[0]+".txt"))
		lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
		a := news.Article{ID: f[0]}
		if strings.HasPrefix(lines[0], "http") {
			lines = lines[1:]
			if len(lines) > 1 && len(strings.Fields(lines[0])) <= 20 && !strings.HasSuffix(lines[0], ".") {
				a.Title, lines = lines[0], lines[1:]
			}
		}
		a.Text = strings.Join(lines, "\n\n")
		arts = append(arts, a)
		gold = append(gold, f[2])
	}
	vocab := NewVocabulary()
	docs := make([]doc, len(arts))
	for i, a := range arts {
		docs[i] = tokens(a.Title, a.Text)
		vocab.observeCase(docs[i])
	}
	var members []*item
	for i := range docs {
		f := docs[i].extract(vocab.common)
		vocab.observe(f)
		_ = f
	}
	for i := range docs {
		it := articleItem(vocab, docs[i].extract(vocab.common), undated)
		members = append(members, &it)
	}
	f := localWeights(vocab, members, 5)
	w := DefaultOptions().Event.level(1).weights
	fmt.Println(w)
	// average sim within / across gold events
	sum := map[string]float64{}
	cnt := map[string]int{}
	for i := range members {
		for j := i + 1; j < len(members); j++ {
			var x float64
			for s := range w {
				x += w[s] * dot(reweight(members[i].vecs[s], f), reweight(members[j].vecs[s], f))
			}
			k := gold[i] + "~" + gold[j]
			if gold[j] < gold[i] {
				k = gold[j] + "~" + gold[i]
			}
			sum[k] += x
			cnt[k]++
		}
	}
	for _, k := range sortedKeys(sum) {
		fmt.Printf("%-30s %.3f (%d)\n", k, sum[k]/float64(cnt[k]), cnt[k])
	}
}
