package charts

import (
	"sort"
	"strconv"
)

// Locale is how a figure writes its counts and orders its names: the way
// of the page's language. The zero value writes 1234 and orders names by
// code point. Years on an axis are not counts: they are written as they
// are, like the dates of the page around the figure.
type Locale struct {
	// Count writes a whole number of things (states, parties).
	Count func(n int) string
	// Sort puts names in the language's alphabetical order.
	Sort func(names []string)
	// RTL lays the figure out right to left, for a page in Arabic: time
	// and bars run from the right, labels sit at the right of what they
	// name, legends read from the right, and text is set right to left,
	// with numbers and Latin text kept left to right. A map's geography
	// is not mirrored; its legend is.
	RTL bool
}

func (l Locale) count(n int) string {
	if l.Count == nil {
		return strconv.Itoa(n)
	}
	return l.Count(n)
}

func (l Locale) sort(names []string) {
	if l.Sort == nil {
		sort.Strings(names)
		return
	}
	l.Sort(names)
}
