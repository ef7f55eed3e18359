package clean

import (
	"fmt"
	"os"
)

// TEMPORARY debugging aid; removed before handing over.
func (p *page) debugOrder(body []int, next, prev []int, links []link) {
	if os.Getenv("ORDER_DEBUG") == "" {
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
	for k, i := range body {
		b := &p.blocks[i]
		fmt.Fprintf(os.Stderr, "%3d r%d g%d open=%v next=%d prev=%d | %s\n", k, b.role, b.group, p.open(b), next[k], prev[k], short(b.text))
	}
	for _, l := range links {
		fmt.Fprintf(os.Stderr, "   link %d->%d %.2f\n", l.e, l.s, l.score)
	}
}
