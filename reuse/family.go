package reuse

import "github.com/newsfold/newsfold/news"

// Families groups articles into wire copy families: articles linked by
// duplicate relations, directly or through other copies, are one family.
// It returns, for every article of ids, the id of its family: the smallest
// id among its members. An article without duplicates is its own family,
// so counting distinct values counts independent sources.
func Families(ids []string, rels []news.Relation) map[string]string {
	parent := make(map[string]string, len(ids))
	for _, id := range ids {
		parent[id] = id
	}
	var find func(string) string
	find = func(x string) string {
		p, ok := parent[x]
		if !ok {
			parent[x] = x
			return x
		}
		if p == x {
			return x
		}
		root := find(p)
		parent[x] = root
		return root
	}
	for _, r := range rels {
		if r.Kind != news.Duplicate {
			continue
		}
		a, b := find(r.A), find(r.B)
		if a != b {
			parent[max(a, b)] = min(a, b)
		}
	}
	out := make(map[string]string, len(ids))
	for _, id := range ids {
		out[id] = find(id)
	}
	return out
}
