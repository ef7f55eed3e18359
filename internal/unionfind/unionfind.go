// Package unionfind is a disjoint-set forest over 0..n-1, used wherever
// newsfold chains things transitively: column fragments into a reading
// order, wire copies into families, near-identical sentences into one.
package unionfind

// Sets is a disjoint-set forest: Sets[i] is i's parent.
type Sets []int

// New returns n singleton sets.
func New(n int) Sets {
	s := make(Sets, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// Find returns the root of i's set, halving the path on the way.
func (s Sets) Find(i int) int {
	for s[i] != i {
		s[i] = s[s[i]]
		i = s[i]
	}
	return i
}

// Union merges the sets of a and b. The smaller root becomes the root, so
// that the result does not depend on the order of unions.
func (s Sets) Union(a, b int) {
	ra, rb := s.Find(a), s.Find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	s[rb] = ra
}

// Grow returns s with singleton sets added up to n elements.
func (s Sets) Grow(n int) Sets {
	for i := len(s); i < n; i++ {
		s = append(s, i)
	}
	return s
}

// Roots returns every element's root.
func (s Sets) Roots() []int {
	r := make([]int, len(s))
	for i := range s {
		r[i] = s.Find(i)
	}
	return r
}
