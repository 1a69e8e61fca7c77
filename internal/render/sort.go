package render

import "sort"

// sortStable sorts a copy-free slice in place with a typed less function.
func sortStable[T any](s []T, less func(a, b T) bool) {
	sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) })
}
