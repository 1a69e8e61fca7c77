package markdown

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark's linkify runs at every space of every paragraph, which costs
// about a tenth of a brief's conversion, and in most briefs it finds
// nothing: their URLs are the destinations of written links. So a page is
// parsed without linkify unless it may hold a bare URL, and a page whose
// URLs all look like link destinations is checked after parsing: if one of
// them turns out not to be in a link, it is parsed again with linkify.
//
// Linkify only starts a link where a URL starts with "http://", "https://",
// "ftp://" or "www.", or at an e-mail address. Inline parsing is one pass
// over the text, and a linkify that finds nothing changes nothing but how
// blanks at a line's end are trimmed (see keepsTrailingBlanks); so when
// the parse without linkify has each such start inside a link's
// destination, inside a link's or image's text (linkify does not look
// inside brackets that may be a link) or inside an autolink, no linkify
// could have started there, and the two parses agree. A page without an
// "@" that still needs linkify gets it without its search for e-mail
// addresses (urlLinkify).

// keepsTrailingBlanks reports whether a line of src ends in blanks that
// linkify would keep. goldmark trims the text after a line's last split,
// and linkify splits it at every space and tab; so where a line's
// trailing run of spaces, tabs and carriage returns holds a space or tab
// after its first byte, linkify keeps the run up to that blank and a parse
// without linkify keeps none of it. (The two spaces of a hard line break
// are not text, so they do not count.) Whether a page's blanks are kept
// must not depend on where its URLs are, so a page that may hold an
// autolink and has such a line is parsed with linkify.
func keepsTrailingBlanks(src []byte) bool {
	for len(src) > 0 {
		line, rest, newline := bytes.Cut(src, []byte("\n"))
		if newline {
			line = trimHardBreak(line)
		}
		blanks := line[len(bytes.TrimRight(line, " \t\r")):]
		if len(blanks) > 1 && bytes.ContainsAny(blanks[1:], " \t") {
			return true
		}
		src = rest
	}
	return false
}

// trimHardBreak drops the two spaces, and the carriage return after them,
// that make a line ending a hard line break in goldmark.
func trimHardBreak(line []byte) []byte {
	if bytes.HasSuffix(line, []byte("  \r")) {
		return line[:len(line)-3]
	}
	return bytes.TrimSuffix(line, []byte("  "))
}

// autolinkClue tells what in a page goldmark's linkify could make a link of.
type autolinkClue int

const (
	noAutolink autolinkClue = iota // no "://", "www." or "@"
	inLinks                        // URLs, all where a link's destination or text may begin
	bareURL                        // a URL that may stand on its own, and no "@"
	maybeEmail                     // an "@"
)

// urlStarts returns the offsets in src where linkify might find a URL. A
// URL start that does not directly follow "(", "<" or "[" (nor "//", for
// "www.") may be bare; so may any "@", since an e-mail address can start
// far from it.
func urlStarts(src []byte) ([]int, autolinkClue) {
	if bytes.IndexByte(src, '@') >= 0 {
		return nil, maybeEmail
	}
	var starts []int
	clue := noAutolink
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("://"))
		if j < 0 {
			break
		}
		i += j
		clue = inLinks
		if start := schemeStart(src, i); start >= 0 {
			if !afterOpening(src, start) {
				return nil, bareURL
			}
			starts = append(starts, start)
		}
		i += len("://")
	}
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("www."))
		if j < 0 {
			break
		}
		i += j
		clue = inLinks
		if !afterOpening(src, i) && !bytes.HasSuffix(src[:i], []byte("//")) {
			return nil, bareURL
		}
		starts = append(starts, i)
		i += len("www.")
	}
	slices.Sort(starts)
	return starts, clue
}

// urlLinkify is goldmark's linkify for pages without an "@". It steps over
// the blanks where no URL starts, at each of which linkify would look for
// an e-mail address.
type urlLinkify struct{}

func (urlLinkify) Extend(m goldmark.Markdown) {
	p := urlLinkifyParser{extension.NewLinkifyParser()}
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(p, 999))) // linkify's priority
}

type urlLinkifyParser struct{ parser.InlineParser }

func (p urlLinkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 {
		switch line[0] {
		case ' ', '*', '_', '~', '(':
			line = line[1:] // the character that triggered linkify, which it steps over too
		}
	}
	if !startsURL(line) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// startsURL reports whether b opens with one of the prefixes linkify
// looks for before it tries a URL.
func startsURL(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	switch b[0] { // most words are done with here
	case 'h':
		return bytes.HasPrefix(b, []byte("http:")) || bytes.HasPrefix(b, []byte("https:"))
	case 'f':
		return bytes.HasPrefix(b, []byte("ftp:"))
	case 'w':
		return bytes.HasPrefix(b, []byte("www."))
	}
	return false
}

// schemeStart returns where the http, https or ftp scheme ending at src[i]
// (the ":" of "://") starts, or -1 for any other scheme.
func schemeStart(src []byte, i int) int {
	for _, s := range [...]string{"https", "http", "ftp"} {
		if i >= len(s) && string(src[i-len(s):i]) == s {
			return i - len(s)
		}
	}
	return -1
}

func afterOpening(src []byte, i int) bool {
	return i > 0 && (src[i-1] == '(' || src[i-1] == '<' || src[i-1] == '[')
}

// span is the source range [start, stop).
type span struct{ start, stop int }

// allInLinks reports whether every offset of starts, in increasing order,
// lies in the destination or text of one of links or in the address of an
// autolink among them.
func allInLinks(starts []int, links []ast.Node, src []byte) bool {
	var spans []span
	for _, n := range links {
		switch n := n.(type) {
		case *ast.Link:
			spans = appendSpanOf(spans, src, n.Destination)
			spans = appendTextSpans(spans, n)
		case *ast.Image:
			spans = appendSpanOf(spans, src, n.Destination)
			spans = appendTextSpans(spans, n)
		case *ast.AutoLink:
			spans = appendSpanOf(spans, src, n.Label(src))
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	stop, j := 0, 0
	for _, p := range starts {
		for ; j < len(spans) && spans[j].start <= p; j++ {
			stop = max(stop, spans[j].stop)
		}
		if p >= stop {
			return false
		}
	}
	return true
}

// appendSpanOf appends the range of sub when it is a slice of src; a
// destination that goldmark had to copy is left out, which at worst
// costs a second parse.
func appendSpanOf(spans []span, src, sub []byte) []span {
	if off := offsetIn(src, sub); off >= 0 {
		spans = append(spans, span{off, off + len(sub)})
	}
	return spans
}

// appendTextSpans appends the ranges of the Text nodes below n.
func appendTextSpans(spans []span, n ast.Node) []span {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			spans = append(spans, span{t.Segment.Start, t.Segment.Stop})
		}
		spans = appendTextSpans(spans, c)
	}
	return spans
}
