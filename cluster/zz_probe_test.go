package cluster

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/newsfold/newsfold/news"
)

func TestZZProbe(t *testing.T) {
	first, _ := twoBatches()
	s := NewState(DefaultOptions())
	s.Add(first[:3], []news.Relation{{A: "quake-1", B: "quake-2", Kind: news.Duplicate}})
	data, _ := s.MarshalBinary()
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 3000; k++ {
		d := append([]byte(nil), data...)
		for range 1 + rng.IntN(3) {
			d[rng.IntN(len(d))] = byte(rng.IntN(256))
		}
		start := time.Now()
		var u State
		err := u.UnmarshalBinary(d)
		t1 := time.Since(start)
		if err == nil {
			_, second := twoBatches()
			u.Add(second, nil)
			u.Result()
		}
		if el := time.Since(start); el > 200*time.Millisecond {
			t.Logf("slow %v (unmarshal %v) err=%v", el, t1, err)
		}
	}
}
