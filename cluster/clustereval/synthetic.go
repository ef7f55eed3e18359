package clustereval

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/newsfold/newsfold/news"
)

// Synthetic returns a deterministic stream of n articles about n/10 events
// spread over time, about 20 events a day, for timing the clustering at
// scale. Events come in pairs of the same kind (two earthquakes): a pair
// shares its vocabulary, and each event has its own names, figures and a
// few words of its own. Articles mix these with background words drawn
// from a Zipf distribution, and are dated on the event's day or up to two
// days later; the two events of a pair are up to a week apart.
func Synthetic(n int, seed uint64) *Corpus {
	rng := rand.New(rand.NewPCG(seed, 0x6e657773))
	syllables := strings.Fields("ka lo mi ra sen tu vo pel dan ri co na ber gu sha te lin mor av ek")
	word := func(parts int) string {
		var b strings.Builder
		for range parts {
			b.WriteString(syllables[rng.IntN(len(syllables))])
		}
		return b.String()
	}
	background := make([]string, 20000)
	for i := range background {
		background[i] = word(2 + rng.IntN(3))
	}
	zipf := rand.NewZipf(rng, 1.1, 1, uint64(len(background)-1))
	nEvents := max(n/10, 1)
	days := max(nEvents/20, 1)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	type event struct {
		day                  int
		names, words, shared []string
	}
	events := make([]event, nEvents)
	for i := range events {
		e := &events[i]
		if i%2 == 1 {
			// The second of a pair: same kind, days apart.
			e.shared = events[i-1].shared
			e.day = events[i-1].day + rng.IntN(8)
		} else {
			for range 15 {
				e.shared = append(e.shared, background[rng.IntN(len(background))])
			}
			e.day = rng.IntN(days)
		}
		for range 4 {
			w := word(2 + rng.IntN(2))
			e.names = append(e.names, strings.ToUpper(w[:1])+w[1:])
		}
		for range 2 {
			e.names = append(e.names, fmt.Sprint(10+rng.IntN(990)))
		}
		for range 5 {
			e.words = append(e.words, background[rng.IntN(len(background))])
		}
	}
	c := &Corpus{}
	for i := range n {
		ev := rng.IntN(nEvents)
		e := events[ev]
		pick := func() string {
			switch r := rng.Float64(); {
			case r < 0.02:
				return e.names[rng.IntN(len(e.names))]
			case r < 0.04:
				return e.words[rng.IntN(len(e.words))]
			case r < 0.25:
				return e.shared[rng.IntN(len(e.shared))]
			}
			return background[zipf.Uint64()]
		}
		var title []string
		for range 8 {
			title = append(title, pick())
		}
		var paras []string
		for range 6 {
			var p []string
			for range 30 {
				p = append(p, pick())
			}
			paras = append(paras, strings.Join(p, " ")+".")
		}
		d := start.AddDate(0, 0, e.day+rng.IntN(3))
		id := fmt.Sprintf("syn%07d", i)
		c.Articles = append(c.Articles, news.Article{ID: id, Input: id, Title: strings.Join(title, " "),
			Text: strings.Join(paras, "\n\n"), Date: d.Format("2006-01-02")})
		c.Event = append(c.Event, fmt.Sprint(ev))
		c.Topic = append(c.Topic, "synthetic")
	}
	return c
}
