// Package sorted holds set operations on sorted slices, the compact form
// newsfold uses for word and shingle sets.
package sorted

import "cmp"

// Common counts the values that the sorted slices a and b share, each
// value as often as it stands in both.
func Common[T cmp.Ordered](a, b []T) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
