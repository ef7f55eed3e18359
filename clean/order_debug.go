package clean

import (
	"fmt"
	"os"
	"strings"
)

// TEMPORARY debugging aid; removed before handing over.
var OrderTruth map[string]bool

func truthKey(a, b string) []string {
	l := strings.Fields(squash(a))
	r := strings.Fields(squash(b))
	if len(l) > 3 {
		l = l[len(l)-3:]
	}
	if len(r) > 3 {
		r = r[:3]
	}
	keys := []string{strings.Join(append(append([]string{}, l...), r...), " ")}
	if len(l) > 0 && len(r) > 0 {
		j := append(append(append([]string{}, l[:len(l)-1]...), l[len(l)-1]+r[0]), r[1:]...)
		keys = append(keys, strings.Join(j, " "))
	}
	return keys
}

func (p *page) trueJoin(a, b string) bool {
	for _, k := range truthKey(a, b) {
		if OrderTruth[k] {
			return true
		}
	}
	return false
}

func (p *page) debugOrder(body []int, next, prev []int, links []link) {
	if os.Getenv("ORDER_DEBUG") == "" || !strings.Contains(p.doc.ID, "+") {
		return
	}
	short := func(s string) string {
		r := []rune(s)
		if len(r) > 90 {
			return string(r[:40]) + " … " + string(r[len(r)-45:])
		}
		return s
	}
	fmt.Fprintf(os.Stderr, "=== page %s\n", p.doc.ID)
	sc := map[[2]int]float64{}
	for _, l := range links {
		sc[[2]int{l.e, l.s}] = l.score
	}
	for k, i := range body {
		b := &p.blocks[i]
		fmt.Fprintf(os.Stderr, "%3d r%d g%d open=%v next=%d prev=%d | %s\n", k, b.role, b.group, p.open(b), next[k], prev[k], short(b.text))
	}
	for k, i := range body {
		b := &p.blocks[i]
		if b.role == roleRemoved || !p.open(b) {
			continue
		}
		tr := -1
		for k2, i2 := range body {
			if k2 != k && p.trueJoin(b.text, p.blocks[i2].text) {
				tr = k2
			}
		}
		got := next[k]
		st := "OK"
		switch {
		case tr < 0:
			st = "NOTRUE"
		case got != tr:
			st = "WRONG"
		}
		gs, ok1 := sc[[2]int{k, got}]
		ts, ok2 := sc[[2]int{k, tr}]
		fmt.Fprintf(os.Stderr, "JOIN %s %d->%d (%.2f %v) true %d (%.2f %v) | %q -> %q\n", st, k, got, gs, ok1, tr, ts, ok2, lastChars(b.text, 40), func() string {
			if tr >= 0 {
				return firstChars(p.blocks[body[tr]].text, 40)
			}
			if got >= 0 {
				return "got:" + firstChars(p.blocks[body[got]].text, 40)
			}
			return ""
		}())
	}
}
