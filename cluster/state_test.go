package cluster

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/newsfold/newsfold/news"
)

// reports returns n short reports of one happening, dated day, with ids
// prefix-1, prefix-2, ...
func reports(prefix, date, title, text string, n int) []news.Article {
	var out []news.Article
	for i := range n {
		out = append(out, news.Article{
			ID:    fmt.Sprintf("%s-%d", prefix, i+1),
			Date:  date,
			Title: title,
			Text:  fmt.Sprintf("%s Report number %d from our desk.", text, i+1),
		})
	}
	return out
}

func twoBatches() (first, second []news.Article) {
	first = append(reports("quake", "2021-03-01", "Earthquake strikes Qeshm island in Iran",
		"A magnitude 5.9 earthquake struck Qeshm island in southern Iran, killing 12 people and damaging villages near Bandar Abbas.", 3),
		reports("summit", "2021-03-02", "Kim Jong Un meets Vladimir Putin in Vladivostok",
			"North Korean leader Kim Jong Un held talks with Russian President Vladimir Putin in Vladivostok about sanctions and nuclear weapons.", 3)...)
	second = append(reports("flood", "2021-04-20", "Floods sweep Queensland towns",
		"Heavy rain flooded towns across Queensland in Australia, forcing 4000 residents of Brisbane and Ipswich to leave their homes.", 3),
		reports("summit2", "2021-03-02", "Putin and Kim Jong Un meet in Vladivostok",
			"Russian President Vladimir Putin and North Korean leader Kim Jong Un met in Vladivostok to discuss sanctions and nuclear weapons.", 1)...)
	return first, second
}

// partition returns the events as sets of article ids, ignoring their
// numbering.
func partition(events []news.Event) map[string]string {
	of := map[string]string{}
	for _, e := range events {
		for _, a := range e.Articles {
			of[a] = e.Articles[0]
		}
	}
	return of
}

func TestStateBatches(t *testing.T) {
	first, second := twoBatches()
	s := NewState(DefaultOptions())
	s.Add(first, nil)
	e1, _ := s.Result()
	s.Add(second, []news.Relation{{A: "summit-1", B: "summit2-1", Kind: news.Reuse}})
	e2, st2 := s.Result()
	if s.Len() != len(first)+len(second) {
		t.Fatalf("state holds %d articles", s.Len())
	}
	checkPartition(t, append(first, second...), e2, st2)
	p1, p2 := partition(e1), partition(e2)
	for _, a := range first {
		if p1[a.ID] != p2[a.ID] {
			t.Errorf("%s moved from the event of %s to that of %s", a.ID, p1[a.ID], p2[a.ID])
		}
	}
	if p2["summit2-1"] != p2["summit-1"] {
		t.Errorf("late summit report in the event of %s, want summit-1's", p2["summit2-1"])
	}
	if p2["flood-1"] == p2["quake-1"] || p2["flood-1"] != p2["flood-3"] {
		t.Errorf("floods: %v", p2)
	}
	// One batch gives the same events here.
	all, _ := Group(append(first, second...), nil, DefaultOptions())
	if !reflect.DeepEqual(partition(all), p2) {
		t.Errorf("one batch %v, two batches %v", partition(all), p2)
	}
}

func TestStateRoundTrip(t *testing.T) {
	first, second := twoBatches()
	articles := sampleArticles(t)
	rels := sampleRelations(articles)
	s := NewState(DefaultOptions())
	s.Add(articles, rels)
	s.Add(first, nil)
	data, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var u State
	if err := u.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	again, err := u.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, again) {
		t.Errorf("state changed in a round trip")
	}
	wantE, wantS := s.Result()
	gotE, gotS := u.Result()
	if !reflect.DeepEqual(gotE, wantE) || !reflect.DeepEqual(gotS, wantS) {
		t.Errorf("round trip: events %v, want %v", gotE, wantE)
	}
	// Adding to the restored state is adding to the original.
	s.Add(second, nil)
	u.Add(second, nil)
	wantE, wantS = s.Result()
	gotE, gotS = u.Result()
	if !reflect.DeepEqual(gotE, wantE) || !reflect.DeepEqual(gotS, wantS) {
		t.Errorf("after a round trip and a batch: events %v, want %v", gotE, wantE)
	}
	var empty State
	if err := empty.UnmarshalBinary(nil); err == nil {
		t.Errorf("empty data accepted")
	}
	if err := empty.UnmarshalBinary(data[:len(data)/2]); err == nil {
		t.Errorf("truncated data accepted")
	}
}

func FuzzUnmarshalState(f *testing.F) {
	first, _ := twoBatches()
	s := NewState(DefaultOptions())
	s.Add(first[:3], []news.Relation{{A: "quake-1", B: "quake-2", Kind: news.Duplicate}})
	data, err := s.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		var u State
		if err := u.UnmarshalBinary(data); err != nil {
			return
		}
		_, second := twoBatches()
		u.Add(second, []news.Relation{{A: "quake-1", B: "flood-1", Kind: news.Version}})
		events, _ := u.Result()
		n := 0
		for _, e := range events {
			n += len(e.Articles)
		}
		if n != u.Len() {
			t.Fatalf("%d articles in events, state holds %d", n, u.Len())
		}
	})
}
