package cluster

import (
	"fmt"
	"testing"
)

func TestZZPrint(t *testing.T) {
	a := sampleArticles(t)
	for _, rels := range [][]int{nil, {1}} {
		r := sampleRelations(a)
		if rels == nil {
			r = nil
		}
		_, stories := Group(a, r, DefaultOptions())
		for _, s := range stories {
			fmt.Println(s.ID, s.FirstDate, s.LastDate)
			for _, e := range s.Events {
				fmt.Println("  ", e.ID, e.Articles)
			}
		}
	}
}
