package markdown

import "bytes"

// maxNesting is the deepest nesting of block quotes and lists that a line
// may open. goldmark's parser slows down with the square of the nesting
// depth, so fifty thousand markers on one line ("- - - - …") would take
// seconds; no real document nests a hundred deep.
const maxNesting = 100

// limitNesting returns src with every block quote or list marker beyond
// maxNesting on a line escaped with a backslash, which makes it text, and
// reports each such line. It reads only the start of each line, so it
// costs time in proportion to the input and nothing for ordinary text.
func limitNesting(src []byte, st *convState) []byte {
	var out []byte // nil until a line needs changing
	last := 0
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		if at := deepMarker(src[start:end]); at >= 0 {
			cut := start + at
			out = append(out, src[last:cut]...)
			// The offset is in the text as changed, which is what
			// positions are computed from.
			st.diags = append(st.diags, offsetDiag{offset: len(out), msg: "block quotes and lists nest more than 100 deep here; the rest of the line is shown as text"})
			out = append(out, '\\')
			last = cut
		}
		start = end + 1
	}
	if out == nil {
		return src
	}
	return append(out, src[last:]...)
}

// deepMarker returns the offset in line of the block quote or list marker
// that would open nesting level maxNesting+1, or -1.
func deepMarker(line []byte) int {
	depth := 0
	for i := 0; i < len(line); {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return -1
		}
		n := markerLen(line[i:])
		if n == 0 {
			return -1
		}
		if depth++; depth > maxNesting {
			return i
		}
		i += n
	}
	return -1
}

// markerLen is the length of a block quote or list marker at the start of
// b ("> ", "- ", "* ", "+ ", "12. ", "3) "), or 0.
func markerLen(b []byte) int {
	switch {
	case b[0] == '>':
		return 1
	case (b[0] == '-' || b[0] == '*' || b[0] == '+') && len(b) > 1 && (b[1] == ' ' || b[1] == '\t'):
		return 2
	}
	i := 0
	for i < len(b) && i < 9 && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(b) && (b[i] == '.' || b[i] == ')') && (b[i+1] == ' ' || b[i+1] == '\t') {
		return i + 2
	}
	return 0
}
