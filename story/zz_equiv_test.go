package story_test

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/newsfold/newsfold/fold"
	"github.com/newsfold/newsfold/news"
	"github.com/newsfold/newsfold/reuse/reuseeval"
	"github.com/newsfold/newsfold/story"
)

var (
	capture  = flag.String("capture", "", "")
	equivIn  = flag.String("equivin", "", "")
	equivOut = flag.String("equivout", "", "")
)

type tellInput struct {
	Articles  []news.Article
	Relations []news.Relation
	Stories   []news.Story
}

func TestZZCapture(t *testing.T) {
	if *capture == "" {
		t.Skip()
	}
	docs, err := reuseeval.SyntheticDocuments("/work/shared/data", 2000, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	res := fold.Run(docs, fold.Options{Workers: 2})
	in := tellInput{Articles: res.Articles, Relations: res.Relations}
	for _, s := range res.Stories {
		in.Stories = append(in.Stories, news.Story{ID: s.ID, Articles: s.Articles, Events: s.Events})
	}
	f, _ := os.Create(*capture)
	zw := gzip.NewWriter(f)
	json.NewEncoder(zw).Encode(in)
	zw.Close()
	f.Close()
}

func TestZZEquiv(t *testing.T) {
	if *equivIn == "" {
		t.Skip()
	}
	f, err := os.Open(*equivIn)
	if err != nil {
		t.Fatal(err)
	}
	zr, _ := gzip.NewReader(f)
	var in tellInput
	if err := json.NewDecoder(zr).Decode(&in); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*news.Article{}
	for i := range in.Articles {
		byID[in.Articles[i].ID] = &in.Articles[i]
	}
	for i := range in.Stories {
		story.Tell(&in.Stories[i], byID, in.Relations)
	}
	o, _ := os.Create(*equivOut)
	enc := json.NewEncoder(o)
	for _, s := range in.Stories {
		enc.Encode(s)
	}
	o.Close()
}
