package clean_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsfold/newsfold/clean/cleaneval"
)

var orderDiag = flag.Uint64("orderdiag", 0, "TEMP: print page taus for this seed")

func TestOrderDiag(t *testing.T) {
	if *orderDiag == 0 {
		t.Skip()
	}
	texts, err := cleaneval.Load(filepath.Join("..", "..", "shared", "data"))
	if err != nil {
		t.Fatal(err)
	}
	var held []cleaneval.Text
	for _, x := range texts {
		if cleaneval.Held(x.ID) {
			held = append(held, x)
		}
	}
	r := cleaneval.Run(cleaneval.Build(held, *orderDiag))
	for _, s := range r.Cases {
		if s.Case.Layout != "page" {
			continue
		}
		for i, tau := range s.Tau {
			if tau < 1 || !s.Exact {
				fmt.Printf("%-50s art %d tau %.3f F1 %.3f exact %v\n", s.Case.ID, i, tau, s.F1[i], s.Exact)
			}
		}
	}
}
