package clean_test

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/newsfold/newsfold/clean"

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
	cases := cleaneval.Build(held, *orderDiag)
	clean.OrderTruth = map[string]bool{}
	for _, c := range cases {
		if c.Layout != "page" {
			continue
		}
		for _, tx := range c.Truth {
			ws := strings.Fields(squashT(tx.Body))
			for k := 0; k+6 <= len(ws); k++ {
				for a := 0; a <= 3; a++ {
					for b := 3; b <= 6; b++ {
						if a < b {
							clean.OrderTruth[strings.Join(ws[k+a:k+b], " ")] = true
						}
					}
				}
			}
		}
	}
	r := cleaneval.Run(cases)
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

func squashT(s string) string {
	var sb strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			space = false
			sb.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return sb.String()
}
